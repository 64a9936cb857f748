//! Plain-text tables for command output, aligned by display width (CJK characters count as two).

use unicode_width::UnicodeWidthStr;

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// A text table: headers, rows, and per-column alignment.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    headers: Vec<String>,
    aligns: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these `(header, alignment)` columns.
    pub(crate) fn new(columns: &[(&str, Align)]) -> Table {
        Table {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            aligns: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Renders the table with two spaces between columns and no trailing spaces.
    pub(crate) fn render(&self) -> String {
        self.render_with(true)
    }

    /// Renders the rows alone, without the header line (label and value lists).
    pub(crate) fn render_rows(&self) -> String {
        self.render_with(false)
    }

    fn render_with(&self, with_headers: bool) -> String {
        let columns = self.headers.len();
        let mut widths: Vec<usize> = if with_headers {
            self.headers.iter().map(|h| h.width()).collect()
        } else {
            vec![0; columns]
        };
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(cell.width());
            }
        }
        let mut out = String::new();
        let headers = with_headers.then_some(&self.headers);
        for row in headers.into_iter().chain(self.rows.iter()) {
            let mut line = String::new();
            for (i, width) in widths.iter().enumerate() {
                let cell = row.get(i).map(String::as_str).unwrap_or("");
                let pad = width.saturating_sub(cell.width());
                if i > 0 {
                    line.push_str("  ");
                }
                match self.aligns[i] {
                    Align::Left => {
                        line.push_str(cell);
                        line.push_str(&" ".repeat(pad));
                    }
                    Align::Right => {
                        line.push_str(&" ".repeat(pad));
                        line.push_str(cell);
                    }
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

pub(crate) use crate::text::one_line;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_cjk_by_display_width() {
        let mut t = Table::new(&[("Name", Align::Left), ("Amount", Align::Right)]);
        t.push(vec!["小米分期".into(), "536.00".into()]);
        t.push(vec!["abc".into(), "1.00".into()]);
        let text = t.render();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Name      Amount");
        assert_eq!(lines[1], "小米分期  536.00");
        assert_eq!(lines[2], "abc         1.00");
    }

    #[test]
    fn control_characters_are_neutralised() {
        assert_eq!(one_line("a\nb\u{1b}[31m\u{202E}"), "a b [31m ");
        assert_eq!(one_line("\u{200F}\u{200E}\u{FEFF}x\u{200B}"), "   x ");
    }
}
