//! Placing overlays: a centred rectangle of a given size, and clearing the area under one.

use super::cells::cells;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

/// A rectangle `width` × `height` centred in `area` (clipped to it).
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// The widest character a cell holds (wider ones are not drawn by terminals anyway).
const WIDEST: u16 = 4;

/// Clears the area a pop-up covers, and blanks a double-width character just left of it whose
/// second half falls on the pop-up's left edge: left in place, it would hide the border there
/// (the terminal draws one character over both cells). One starting inside the pop-up and
/// reaching past its right edge is cleared with the rest of the area.
pub(crate) struct PopupClear;

impl Widget for PopupClear {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        for y in area.top()..area.bottom() {
            blank_straddling(buf, area.left(), y);
        }
        Clear.render(area, buf);
    }
}

/// Blanks a character that starts left of column `x` and reaches into it.
fn blank_straddling(buf: &mut Buffer, x: u16, y: u16) {
    let first = x.saturating_sub(WIDEST - 1).max(buf.area.left());
    for start in first..x {
        if let Some(cell) = buf.cell_mut((start, y))
            && start + cells(cell.symbol().width()) > x
        {
            cell.reset();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::{Block, Borders, Paragraph};

    /// What a terminal shows after drawing a bordered pop-up (columns 2–9) over Chinese text,
    /// the area cleared by `PopupClear` or by ratatui's plain `Clear`.
    fn screen_with_popup(popup_clear: bool) -> Buffer {
        let mut terminal = Terminal::new(TestBackend::new(14, 3)).unwrap();
        terminal
            .draw(|frame| {
                // 花 covers columns 1–2, …, 白 9–10, 条 11–12: the pop-up's edges (2 and 9)
                // cut 花 and 白.
                for y in 0..3 {
                    frame.render_widget(Paragraph::new("x花呗借呗白条"), Rect::new(0, y, 14, 1));
                }
                let popup = Rect::new(2, 0, 8, 3);
                if popup_clear {
                    frame.render_widget(PopupClear, popup);
                } else {
                    frame.render_widget(Clear, popup);
                }
                frame.render_widget(Block::default().borders(Borders::ALL), popup);
            })
            .unwrap();
        terminal.backend().buffer().clone()
    }

    #[test]
    fn a_pop_up_over_chinese_text_keeps_both_borders() {
        let shown = screen_with_popup(true);
        for (y, left, right) in [(0, "┌", "┐"), (1, "│", "│"), (2, "└", "┘")] {
            assert_eq!(shown[(1, y)].symbol(), " ", "花 is blanked");
            assert_eq!(shown[(2, y)].symbol(), left, "row {y}");
            assert_eq!(shown[(9, y)].symbol(), right, "row {y}");
            assert_eq!(shown[(11, y)].symbol(), "条", "what is right of it stays");
        }
        // With a plain Clear the terminal never gets the left border: 花 hides it.
        let plain = screen_with_popup(false);
        assert_eq!(plain[(1, 1)].symbol(), "花");
        assert_ne!(plain[(2, 1)].symbol(), "│");
    }

    #[test]
    fn only_characters_crossing_an_edge_are_blanked() {
        let area = Rect::new(0, 0, 8, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "花ab呗cd", ratatui::style::Style::new());
        // 花 (0–1) ends before a pop-up at 2; 呗 (4–5) reaches into one at 5.
        PopupClear.render(Rect::new(2, 0, 1, 1), &mut buf);
        assert_eq!(buf[(0, 0)].symbol(), "花");
        PopupClear.render(Rect::new(5, 0, 2, 1), &mut buf);
        assert_eq!(buf[(4, 0)].symbol(), " ");
        assert_eq!(buf[(7, 0)].symbol(), "d");
    }
}
