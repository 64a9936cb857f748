//! The month view's calendar: the coming weeks day by day, each day something is due marked
//! with the letters of the cards that pay it (A, B, …; named with their totals below), so it
//! reads without colour.

use chrono::{Datelike, NaiveDate};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::domain::Money;
use crate::i18n::Lang;
use crate::i18n::tui::TuiText;
use crate::tui::theme;

/// How many weeks the calendar shows, from the Monday of today's week.
pub(crate) const WEEKS: u64 = 6;

/// What is due each day of the coming weeks, by card.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DueCalendar {
    pub today: NaiveDate,
    /// The Monday the calendar starts on.
    pub start: NaiveDate,
    /// Each day's amount due on a card: (day, index into `cards`, amount).
    pub days: Vec<(NaiveDate, usize, Money)>,
    /// The cards, in the order their letters go (A first), with what they pay in these weeks.
    pub cards: Vec<(String, Money)>,
}

/// Card `index`'s letter: A, B, … Z, then a, b, ….
fn letter(index: usize) -> char {
    let index = u8::try_from(index % 52).unwrap_or(0);
    if index < 26 {
        char::from(b'A' + index)
    } else {
        char::from(b'a' + index - 26)
    }
}

impl DueCalendar {
    /// The calendar as lines `width` columns wide: weekday heads, one line a week, the cards'
    /// letters with their totals.
    pub(crate) fn lines(&self, lang: Lang, width: u16) -> Vec<Line<'static>> {
        let cell = (width as usize / 7).clamp(5, 9);
        let mut lines = Vec::new();
        let heads: String = TuiText::WeekdayHeads
            .text(lang)
            .split(' ')
            .map(|day| crate::tui::widgets::text::pad_right(day, cell))
            .collect();
        lines.push(Line::styled(heads, theme::header()));
        for week in 0..WEEKS {
            let mut spans = Vec::new();
            for weekday in 0..7 {
                let Some(day) = self
                    .start
                    .checked_add_days(chrono::Days::new(week * 7 + weekday))
                else {
                    continue;
                };
                let marks: String = self
                    .days
                    .iter()
                    .filter(|(d, _, _)| *d == day)
                    .map(|(_, card, _)| letter(*card))
                    .collect();
                let today = if day == self.today { '*' } else { ' ' };
                let text = format!("{:>2}{today}{marks}", day.day());
                let style = if day < self.today {
                    theme::muted()
                } else if marks.is_empty() {
                    Style::new()
                } else {
                    theme::soon()
                };
                spans.push(Span::styled(
                    crate::tui::widgets::text::pad_right(&text, cell),
                    style,
                ));
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::from(""));
        lines.push(Line::styled(
            TuiText::CalendarLegend.text(lang).to_string(),
            theme::muted(),
        ));
        for (index, (name, total)) in self.cards.iter().enumerate() {
            lines.push(Line::from(format!(
                "{} {name}  {}",
                letter(index),
                total.grouped()
            )));
        }
        if self.cards.is_empty() {
            lines.push(Line::styled(
                TuiText::NothingDue.text(lang).to_string(),
                theme::muted(),
            ));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        crate::domain::dates::parse_date(text).unwrap()
    }

    #[test]
    fn due_days_carry_their_cards_letters() {
        let calendar = DueCalendar {
            today: d("2025-03-10"),
            start: d("2025-03-10"),
            days: vec![
                (d("2025-03-10"), 0, Money::from_cents(100)),
                (d("2025-03-10"), 1, Money::from_cents(200)),
                (d("2025-03-17"), 1, Money::from_cents(300)),
            ],
            cards: vec![
                ("··4417 Chase".into(), Money::from_cents(100)),
                ("··1029 ICBC".into(), Money::from_cents(500)),
            ],
        };
        let text: Vec<String> = calendar
            .lines(Lang::En, 49)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(
            text[0].trim_end(),
            "Mo     Tu     We     Th     Fr     Sa     Su"
        );
        assert!(text[1].starts_with("10*AB  11     12"), "{:?}", text[1]);
        assert!(text[2].starts_with("17 B   18"), "{:?}", text[2]);
        assert_eq!(text[9], "A ··4417 Chase  1.00");
        assert_eq!(text[10], "B ··1029 ICBC  5.00");
        assert_eq!(letter(26), 'a');
    }
}
