//! The History pane's filter: text to find in the plan, provider or reference, or dates —
//! `2025-01-01..2025-03-31`, `2025-03-01..` (from), `..2025-03-31` (up to) or one day.

use chrono::NaiveDate;

use crate::domain::dates::parse_date;

/// What a History filter asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HistoryQuery {
    /// Repayments whose plan, provider or reference contains this text (none: all).
    Text(Option<String>),
    /// Repayments made from the first day to the second (either may be open).
    Dates(Option<NaiveDate>, Option<NaiveDate>),
}

/// Reads a History filter: a date range when it is one, else text.
pub(crate) fn history_query(filter: &str) -> HistoryQuery {
    let filter = filter.trim();
    if filter.is_empty() {
        return HistoryQuery::Text(None);
    }
    let day = |text: &str| -> Option<Option<NaiveDate>> {
        let text = text.trim();
        if text.is_empty() {
            Some(None)
        } else {
            parse_date(text).ok().map(Some)
        }
    };
    let range = match filter.split_once("..") {
        Some((from, to)) => day(from).zip(day(to)),
        None => parse_date(filter).ok().map(|d| (Some(d), Some(d))),
    };
    match range {
        Some((from, to)) if from.is_some() || to.is_some() => HistoryQuery::Dates(from, to),
        _ => HistoryQuery::Text(Some(filter.to_string())),
    }
}

impl HistoryQuery {
    /// Whether an automatic posting of `plan` (its name and provider) due on `due` is shown:
    /// the text in the plan's name or provider (in any case), the due date within the dates.
    pub(crate) fn shows_posting(&self, name: &str, provider: &str, due: NaiveDate) -> bool {
        match self {
            HistoryQuery::Text(None) => true,
            HistoryQuery::Text(Some(text)) => {
                let text = text.to_lowercase();
                name.to_lowercase().contains(&text) || provider.to_lowercase().contains(&text)
            }
            HistoryQuery::Dates(since, until) => {
                since.is_none_or(|d| due >= d) && until.is_none_or(|d| due <= d)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Option<NaiveDate> {
        Some(parse_date(text).unwrap())
    }

    #[test]
    fn dates_and_ranges_are_dates_the_rest_is_text() {
        assert_eq!(
            history_query("2025-01-01..2025-03-31"),
            HistoryQuery::Dates(d("2025-01-01"), d("2025-03-31"))
        );
        assert_eq!(
            history_query(" 2025-03-01.. "),
            HistoryQuery::Dates(d("2025-03-01"), None)
        );
        assert_eq!(
            history_query("..2025-03-31"),
            HistoryQuery::Dates(None, d("2025-03-31"))
        );
        assert_eq!(
            history_query("2025-03-05"),
            HistoryQuery::Dates(d("2025-03-05"), d("2025-03-05"))
        );
        assert_eq!(
            history_query("花呗"),
            HistoryQuery::Text(Some("花呗".into()))
        );
        assert_eq!(history_query(".."), HistoryQuery::Text(Some("..".into())));
        assert_eq!(
            history_query("2025-02-30..x"),
            HistoryQuery::Text(Some("2025-02-30..x".into()))
        );
        assert_eq!(history_query("  "), HistoryQuery::Text(None));
    }
}
