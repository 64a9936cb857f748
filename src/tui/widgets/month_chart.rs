//! The month view's chart: one horizontal bar per month, split by provider or by card.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
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

/// Draws a [`MonthSeries`] as bars with a legend below. Each series has its colour and its
/// own fill character (█ ▓ ▒ ░ # = + :), so the bars read without colour too.
pub(crate) struct MonthChart<'a> {
    pub data: &'a MonthSeries,
}

const LABEL_WIDTH: usize = 8;
const AMOUNT_WIDTH: usize = 14;

/// The fill characters that tell series apart without colour, in order.
pub(crate) const PATTERNS: [&str; 8] = ["█", "▓", "▒", "░", "#", "=", "+", ":"];

/// Series `index`'s fill character and colour.
fn series_style(index: usize) -> (&'static str, Style) {
    (
        PATTERNS[index % PATTERNS.len()],
        Style::new().fg(theme::SERIES[index % theme::SERIES.len()]),
    )
}

impl MonthChart<'_> {
    /// The chart as lines `width` columns wide: one bar a month, a blank line, the legend.
    pub(crate) fn lines(&self, width: u16) -> Vec<Line<'static>> {
        let data = self.data;
        let max = data
            .months
            .iter()
            .map(|(_, amounts)| MonthSeries::total(amounts).cents())
            .max()
            .unwrap_or(0);
        let bar_width = (width as usize).saturating_sub(LABEL_WIDTH + AMOUNT_WIDTH + 1);
        let mut lines = Vec::new();
        for (month, amounts) in &data.months {
            let total = MonthSeries::total(amounts);
            let mut spans = vec![Span::raw(format!(
                "{:<label$}{:>amount$} ",
                month.format("%Y-%m").to_string(),
                total.grouped(),
                label = LABEL_WIDTH,
                amount = AMOUNT_WIDTH
            ))];
            let mut drawn_cents: i64 = 0;
            let mut drawn_cells: usize = 0;
            for (series, amount) in amounts.iter().enumerate() {
                if max == 0 || amount.is_zero() {
                    continue;
                }
                drawn_cents += amount.cents();
                // Cells up to the running total, so rounding never adds up past the bar.
                let upto = ((i128::from(drawn_cents) * bar_width as i128 + i128::from(max) / 2)
                    / i128::from(max)) as usize;
                let cells = upto.saturating_sub(drawn_cells);
                let (fill, style) = series_style(series);
                spans.push(Span::styled(fill.repeat(cells), style));
                drawn_cells += cells;
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::from(""));
        let mut spans = Vec::new();
        let mut used = 0usize;
        for (series, name) in data.names.iter().enumerate() {
            let item_width = name.width() + 4;
            if used + item_width > width as usize && !spans.is_empty() {
                lines.push(Line::from(std::mem::take(&mut spans)));
                used = 0;
            }
            let (fill, style) = series_style(series);
            spans.push(Span::styled(format!("{fill} "), style));
            spans.push(Span::raw(format!("{name}  ")));
            used += item_width;
        }
        if !spans.is_empty() {
            lines.push(Line::from(spans));
        }
        lines
    }
}

impl Widget for MonthChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Paragraph::new(self.lines(area.width)).render(area, buf);
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
            "2025-01         200.00 ██████████▓▓▓▓▓▓▓▓▓▓"
        );
        // Each series has its own fill, in the bars and the legend; a double-width character
        // fills two cells, the second read as a space here.
        assert_eq!(line(1).trim_end(), "2025-02         100.00 ██████████");
        assert!(line(3).starts_with("█ 花 呗   ▓ Bank"), "{:?}", line(3));
    }
}
