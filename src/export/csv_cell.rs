//! CSV cells safe to open in a spreadsheet: formula prefixes neutralised (OWASP CSV injection).

/// Prefixes a cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR)
/// with a single quote. Numbers written by fenqi are never negative, so amounts pass unchanged.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
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
    }
}
