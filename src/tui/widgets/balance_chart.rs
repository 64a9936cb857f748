//! The summary view's chart: what is still owed at the start of each month, one vertical bar a
//! month (ratatui's `BarChart`), drawn into lines so that it scrolls with the view's text. The
//! bars are block characters, so they read without colour (the mono theme, `NO_COLOR`).

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Widget};

use crate::domain::Money;
use crate::tui::theme;

/// The widest bar drawn.
const MAX_BAR_WIDTH: u16 = 6;

/// How the bars fit `width` columns: every `step`-th month, each `bar_width` wide with `gap`
/// columns between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fit {
    step: usize,
    bar_width: u16,
    gap: u16,
}

/// Bars with a gap when they are at least one column wide that way, else without, else every
/// `step`-th month so that one column a bar fits.
fn fit(months: usize, width: u16) -> Fit {
    let n = months.max(1);
    let w = usize::from(width.max(1));
    let with_gap = (w + 1) / n;
    if with_gap >= 2 {
        let bar_width = u16::try_from(with_gap - 1).unwrap_or(MAX_BAR_WIDTH);
        return Fit {
            step: 1,
            bar_width: bar_width.min(MAX_BAR_WIDTH),
            gap: 1,
        };
    }
    if w >= n {
        return Fit {
            step: 1,
            bar_width: 1,
            gap: 0,
        };
    }
    Fit {
        step: n.div_ceil(w),
        bar_width: 1,
        gap: 0,
    }
}

/// `points` (first day of a month, balance) as a bar chart `width` × `height`, each bar
/// labelled with its month's number when bars are two columns wide or more.
pub(crate) fn lines(points: &[(NaiveDate, Money)], width: u16, height: u16) -> Vec<Line<'static>> {
    if points.is_empty() || width == 0 || height == 0 {
        return Vec::new();
    }
    let fit = fit(points.len(), width);
    let labelled = fit.bar_width >= 2;
    let bars: Vec<Bar> = points
        .iter()
        .step_by(fit.step)
        .map(|(month, balance)| {
            let bar = Bar::default()
                .value(u64::try_from(balance.cents()).unwrap_or(0))
                .text_value(String::new());
            if labelled {
                bar.label(Line::from(month.format("%m").to_string()))
            } else {
                bar
            }
        })
        .collect();
    let max = points
        .iter()
        .map(|(_, b)| u64::try_from(b.cents()).unwrap_or(0))
        .max()
        .unwrap_or(0)
        .max(1);
    let area = Rect::new(0, 0, width, height);
    let mut buffer = Buffer::empty(area);
    BarChart::new(bars)
        .bar_width(fit.bar_width)
        .bar_gap(fit.gap)
        .max(max)
        .bar_style(Style::new().fg(theme::SERIES[0]))
        .render(area, &mut buffer);
    (0..height)
        .map(|y| {
            let spans: Vec<Span<'static>> = (0..width)
                .map(|x| {
                    let cell = &buffer[(x, y)];
                    Span::styled(cell.symbol().to_string(), cell.style())
                })
                .collect();
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, 1).unwrap()
    }

    #[test]
    fn bars_fit_the_width_with_gaps_then_without_then_every_few_months() {
        // 12 months in 76 columns: (77 / 12) − 1 = 5 wide, a gap of 1.
        assert_eq!(
            fit(12, 76),
            Fit {
                step: 1,
                bar_width: 5,
                gap: 1
            }
        );
        // 3 months: at most 6 wide.
        assert_eq!(
            fit(3, 76),
            Fit {
                step: 1,
                bar_width: 6,
                gap: 1
            }
        );
        // 30 months in 38 columns: no room for gaps.
        assert_eq!(
            fit(30, 38),
            Fit {
                step: 1,
                bar_width: 1,
                gap: 0
            }
        );
        // 60 months in 38 columns: every second month.
        assert_eq!(
            fit(60, 38),
            Fit {
                step: 2,
                bar_width: 1,
                gap: 0
            }
        );
    }

    #[test]
    fn the_bars_fall_with_the_balance_and_read_without_colour() {
        let points = [
            (month(1), Money::from_cents(40_000)),
            (month(2), Money::from_cents(20_000)),
        ];
        // Two bars 6 wide, a gap of 1; four rows of bars and a row of labels centred under them.
        let lines = lines(&points, 13, 5);
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(
            text,
            [
                "██████       ",
                "██████       ",
                "██████ ██████",
                "██████ ██████",
                "  01     02  ",
            ]
        );
    }
}
