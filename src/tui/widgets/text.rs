//! Display-width-aware text helpers: padding and truncating with CJK characters counted as two.

use ratatui::text::Line;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Shown for a figure still being counted.
pub(crate) const PENDING: &str = "…";

/// Cuts `text` to at most `width` display columns, marking a cut with `…`.
pub(crate) fn truncate(text: &str, width: usize) -> String {
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
pub(crate) fn pad_right(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let fill = width.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(fill))
}

/// Right-aligns `text` in `width` columns (truncating when longer).
pub(crate) fn pad_left(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let fill = width.saturating_sub(cut.width());
    format!("{}{cut}", " ".repeat(fill))
}

/// Breaks `text` into lines of at most `width` display columns (at spaces when it can).
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            // Carry the last word over when the line has a space to break at; Chinese text
            // breaks between any two characters, so a double-width one starts the next line.
            let carry = match line.rfind(' ') {
                Some(at) if c != ' ' && w < 2 && at > 0 => line.split_off(at + 1),
                _ => String::new(),
            };
            lines.push(line.trim_end().to_string());
            used = carry.width();
            line = carry;
        }
        if !(line.is_empty() && c == ' ') {
            line.push(c);
            used += w;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `lines` broken to at most `width` display columns each, every piece in its line's style
/// (the style of its first span, or the line's own). Used instead of ratatui's own wrapping,
/// which can put a double-width character across the right edge of the area (over a border).
pub(crate) fn wrap_lines(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.width() <= width {
            out.push(line);
            continue;
        }
        let style = line
            .spans
            .first()
            .map_or(line.style, |span| line.style.patch(span.style));
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        out.extend(
            wrap(&text, width)
                .into_iter()
                .map(|piece| Line::styled(piece, style)),
        );
    }
    out
}

/// Replaces control characters so stored text cannot move the cursor or change colours.
pub(crate) fn clean(text: &str) -> String {
    crate::text::one_line(text)
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
        assert_eq!(
            wrap("not an amount: use digits", 10),
            ["not an", "amount:", "use digits"]
        );
        assert_eq!(wrap("不是日期：请使用", 6), ["不是日", "期：请", "使用"]);
        assert_eq!(wrap("= 提前结清需还", 8), ["= 提前结", "清需还"]);
        // 31 columns hold 15 double-width characters, never 16.
        let long = Line::from("修正后显示还款计划：提前还款规则");
        let pieces = wrap_lines(vec![long], 31);
        assert_eq!(pieces.len(), 2);
        assert!(pieces.iter().all(|l| l.width() <= 31));
    }
}
