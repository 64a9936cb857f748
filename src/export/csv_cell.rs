//! CSV cells safe to open in a spreadsheet or print in a terminal: formula prefixes neutralised
//! (OWASP CSV injection), escapes and other control characters blanked.

use crate::domain::glyphs::is_hidden_format;

/// Prefixes a cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR)
/// with a single quote, and turns control characters other than tab and line breaks (ESC and
/// its terminal sequences, NUL) and hidden bidi controls and marks into spaces. Numbers written by fenqi are never
/// negative, so amounts pass unchanged.
pub(crate) fn neutralise(cell: &str) -> String {
    let cell: String = cell
        .chars()
        .map(|c| {
            let unsafe_control = c.is_control() && !matches!(c, '\t' | '\n' | '\r');
            if unsafe_control || is_hidden_format(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_prefixes_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("花呗"), "花呗");
        assert_eq!(neutralise("536.00"), "536.00");
        assert_eq!(neutralise("a\u{1b}[2Jb\u{202E}c\nd"), "a [2Jb c\nd");
        assert_eq!(neutralise("\u{1b}=1"), " =1");
    }
}
