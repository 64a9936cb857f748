//! A pane's table: a header, one-line rows and a mark beside the selected row, drawn at column
//! positions worked out beforehand ([`super::columns::spans`]). It draws what ratatui's `Table`
//! draws for these, cell for cell, without the three layout solves `Table` makes on every draw:
//! on the cold cache of a fresh start they were a fifth of the first frame's own work.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Text;
use ratatui::widgets::Widget;

/// The table of one pane, ready to draw.
pub(crate) struct PaneTable<'a> {
    /// The headings, one per column, and their style.
    pub header: Vec<String>,
    pub header_style: Style,
    /// Each row's cells (one per column, already fitted to its width) and style.
    pub rows: Vec<(Vec<String>, Style)>,
    /// Where each column starts, right of the mark's column, and how wide it is.
    pub spans: &'a [(u16, u16)],
    /// Index into `rows` of the selection.
    pub selected: Option<usize>,
    /// Laid over the selected row.
    pub highlight: Style,
    /// Drawn left of the selected row, in a column always kept for it.
    pub mark: &'a str,
}

impl Widget for PaneTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let mark = Text::from(self.mark);
        let mark_width = u16::try_from(mark.width()).unwrap_or(u16::MAX);
        let header_area = Rect { height: 1, ..area };
        buf.set_style(header_area, self.header_style);
        draw_cells(buf, header_area, mark_width, self.spans, self.header);
        let rows_area = Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        };
        if rows_area.is_empty() || self.rows.is_empty() {
            return;
        }
        let fitting = usize::from(rows_area.height);
        let selected = self.selected.map(|s| s.min(self.rows.len() - 1));
        // The first row shown: the top one, or one lower so the selection shows.
        let first = selected.map_or(0, |s| (s + 1).saturating_sub(fitting));
        let mut highlighted = None;
        for (at, (cells, style)) in self.rows.into_iter().enumerate().skip(first).take(fitting) {
            let y = rows_area.y + u16::try_from(at - first).unwrap_or(u16::MAX);
            let row_area = Rect {
                y,
                height: 1,
                ..rows_area
            };
            buf.set_style(row_area, style);
            if selected == Some(at) {
                let mark_area = Rect {
                    width: mark_width.min(row_area.width),
                    ..row_area
                };
                (&mark).render(mark_area, buf);
                highlighted = Some(row_area);
            }
            draw_cells(buf, row_area, mark_width, self.spans, cells);
        }
        if let Some(row_area) = highlighted {
            buf.set_style(row_area, self.highlight);
        }
    }
}

/// Draws one line's cells into their columns (right of the mark's column), clipped to `line`.
fn draw_cells(
    buf: &mut Buffer,
    line: Rect,
    mark_width: u16,
    spans: &[(u16, u16)],
    cells: Vec<String>,
) {
    for (&(x, width), text) in spans.iter().zip(cells) {
        let cell_area = Rect {
            x: line.x.saturating_add(mark_width).saturating_add(x),
            width,
            ..line
        }
        .intersection(line);
        Text::from(text).render(cell_area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::columns::{Column, fit, spans};
    use ratatui::style::{Color, Modifier};
    use ratatui::widgets::{Cell, HighlightSpacing, Row, StatefulWidget, Table, TableState};

    /// The same table drawn by ratatui's `Table`, set up as the panes used to set it up.
    fn by_ratatui(
        table: &PaneTable<'_>,
        constraints: &[ratatui::layout::Constraint],
        area: Rect,
    ) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, area.right() + 2, area.bottom() + 2));
        let header =
            Row::new(table.header.iter().cloned().map(Cell::from)).style(table.header_style);
        let rows = table
            .rows
            .iter()
            .map(|(cells, style)| Row::new(cells.iter().cloned().map(Cell::from)).style(*style));
        let ratatui_table = Table::new(rows, constraints.to_vec())
            .header(header)
            .column_spacing(1)
            .row_highlight_style(table.highlight)
            .highlight_symbol(table.mark)
            .highlight_spacing(HighlightSpacing::Always);
        let mut state = TableState::default().with_selected(table.selected);
        StatefulWidget::render(ratatui_table, area, &mut buf, &mut state);
        buf
    }

    #[test]
    fn draws_what_ratatuis_table_draws_styles_included() {
        let columns = [
            Column::fixed(10, 0),
            Column::flexible(6, 1).up_to(12),
            Column::fixed(8, 2),
        ];
        let texts = [
            "2026-12-06",
            "花呗 手机",
            "1,234.56",
            "",
            "iPad Air 11 寸",
            "—",
            "x",
        ];
        let red = Style::default().fg(Color::Red);
        for width in [0, 1, 5, 12, 20, 27, 31, 40, 60] {
            for height in [0, 1, 2, 3, 5, 9] {
                for rows in [0, 1, 4, 12] {
                    for selected in [None, Some(0), Some(3), Some(11), Some(40)] {
                        let area = Rect::new(2, 1, width, height);
                        let marked = width.saturating_sub(1);
                        let (_, constraints) = fit(&columns, marked);
                        let spans = spans(&constraints, marked);
                        let cell = |i: usize| texts[i % texts.len()].to_string();
                        let table = PaneTable {
                            header: (0..spans.len()).map(|c| format!("H{c}")).collect(),
                            header_style: Style::default().add_modifier(Modifier::BOLD),
                            rows: (0..rows)
                                .map(|r| {
                                    let style = if r % 3 == 1 { red } else { Style::default() };
                                    ((0..spans.len()).map(|c| cell(r + c)).collect(), style)
                                })
                                .collect(),
                            spans: &spans,
                            selected,
                            highlight: Style::default().bg(Color::Blue),
                            mark: "▶",
                        };
                        let expected = by_ratatui(&table, &constraints, area);
                        let mut drawn = Buffer::empty(expected.area);
                        table.render(area, &mut drawn);
                        assert_eq!(
                            drawn, expected,
                            "{width}×{height}, {rows} rows, selected {selected:?}"
                        );
                    }
                }
            }
        }
    }
}
