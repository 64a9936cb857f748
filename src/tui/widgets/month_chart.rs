//! The month view's chart: one horizontal bar per month, split by provider or by card.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::domain::Money;
use crate::tui::theme;

/// What is due in each of the next months, split into series (providers or cards).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthSeries {
    /// Names of the series, in colour order.
    pub names: Vec<String>,
    /// First day of each month and the amount of each series that month (same order as `names`).
    pub months: Vec<(NaiveDate, Vec<Money>)>,
}

impl MonthSeries {
    fn total(amounts: &[Money]) -> Money {
        Money::from_cents(amounts.iter().map(|m| m.cents()).sum())
    }
}

/// Draws a [`MonthSeries`] as bars with a legend below.
pub struct MonthChart<'a> {
    pub data: &'a MonthSeries,
}

const LABEL_WIDTH: u16 = 8;
const AMOUNT_WIDTH: u16 = 14;

impl Widget for MonthChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let data = self.data;
        let max = data
            .months
            .iter()
            .map(|(_, amounts)| MonthSeries::total(amounts).cents())
            .max()
            .unwrap_or(0);
        let bar_width = area.width.saturating_sub(LABEL_WIDTH + AMOUNT_WIDTH + 1);
        for (row, (month, amounts)) in data.months.iter().enumerate() {
            let y = area.y + row as u16;
            if y >= area.bottom() {
                return;
            }
            let total = MonthSeries::total(amounts);
            buf.set_stringn(
                area.x,
                y,
                month.format("%Y-%m").to_string(),
                LABEL_WIDTH as usize,
                Style::new(),
            );
            let amount = format!("{:>14}", total.grouped());
            buf.set_stringn(
                area.x + LABEL_WIDTH,
                y,
                amount,
                AMOUNT_WIDTH as usize,
                Style::new(),
            );
            let mut x = area.x + LABEL_WIDTH + AMOUNT_WIDTH + 1;
            let mut drawn_cents: i64 = 0;
            let mut drawn_cells: u16 = 0;
            for (series, amount) in amounts.iter().enumerate() {
                if max == 0 || amount.is_zero() {
                    continue;
                }
                drawn_cents += amount.cents();
                // Cells up to the running total, so rounding never adds up past the bar.
                let upto = ((i128::from(drawn_cents) * i128::from(bar_width) + i128::from(max) / 2)
                    / i128::from(max)) as u16;
                let cells = upto.saturating_sub(drawn_cells);
                let color = theme::SERIES[series % theme::SERIES.len()];
                buf.set_string(x, y, "█".repeat(cells as usize), Style::new().fg(color));
                x += cells;
                drawn_cells += cells;
            }
        }
        let legend_y = area.y + data.months.len() as u16 + 1;
        if legend_y >= area.bottom() {
            return;
        }
        let mut spans = Vec::new();
        let mut used = 0usize;
        let mut y = legend_y;
        for (series, name) in data.names.iter().enumerate() {
            let color = theme::SERIES[series % theme::SERIES.len()];
            let item_width = name.width() + 4;
            if used + item_width > area.width as usize && !spans.is_empty() {
                Line::from(std::mem::take(&mut spans))
                    .render(Rect::new(area.x, y, area.width, 1), buf);
                y += 1;
                used = 0;
                if y >= area.bottom() {
                    return;
                }
            }
            spans.push(Span::styled("■ ", Style::new().fg(color)));
            spans.push(Span::raw(format!("{name}  ")));
            used += item_width;
        }
        if !spans.is_empty() && y < area.bottom() {
            Line::from(spans).render(Rect::new(area.x, y, area.width, 1), buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_month() {
        let day = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
        let data = MonthSeries {
            names: vec!["花呗".into(), "Bank".into()],
            months: vec![
                (
                    day(1),
                    vec![Money::from_cents(10_000), Money::from_cents(10_000)],
                ),
                (day(2), vec![Money::from_cents(10_000), Money::ZERO]),
            ],
        };
        let area = Rect::new(0, 0, 43, 5);
        let mut buf = Buffer::empty(area);
        MonthChart { data: &data }.render(area, &mut buf);
        let line = |y| {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        };
        assert_eq!(
            line(0).trim_end(),
            "2025-01         200.00 ████████████████████"
        );
        assert_eq!(line(1).trim_end(), "2025-02         100.00 ██████████");
        // A double-width character fills two cells; the second reads as a space here.
        assert!(line(3).starts_with("■ 花 呗   ■ Bank"), "{:?}", line(3));
    }
}
