//! Display-width-aware text helpers: padding and truncating with CJK characters counted as two.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cuts `text` to at most `width` display columns, marking a cut with `…`.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Left-aligns `text` in `width` columns (truncating when longer).
pub fn pad_right(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let fill = width.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(fill))
}

/// Right-aligns `text` in `width` columns (truncating when longer).
pub fn pad_left(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let fill = width.saturating_sub(cut.width());
    format!("{}{cut}", " ".repeat(fill))
}

/// Replaces control characters so stored text cannot move the cursor or change colours.
pub fn clean(text: &str) -> String {
    crate::cli::table::one_line(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_by_display_width() {
        assert_eq!(pad_right("小米", 6), "小米  ");
        assert_eq!(pad_left("小米", 6), "  小米");
        assert_eq!(pad_right("小米分期", 5), "小米…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(clean("a\u{1b}b"), "a b");
    }
}
