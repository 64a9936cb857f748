//! Calendar rules: strict date parsing and monthly due dates computed from the first due date.

use chrono::{Datelike, Months, NaiveDate};

use super::numtext::to_halfwidth;

/// The last year a date may fall in (dates print as `YYYY-MM-DD`, the store checks four digits).
pub const LAST_YEAR: i32 = 9999;

/// Why a piece of text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("not in YYYY-MM-DD form")]
    Format,
    #[error("no such day in the calendar")]
    NoSuchDay,
    #[error("the year must be from 1900 to 9999")]
    YearOutOfRange,
}

/// Parses a strict `YYYY-MM-DD` date (full-width digits accepted); rejects `2025-02-30`.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let ascii: String = text.trim().chars().map(to_halfwidth).collect();
    let bytes = ascii.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(DateError::Format);
    }
    let number = |range: std::ops::Range<usize>| ascii[range].parse::<u32>().unwrap_or(0);
    let year = number(0..4) as i32;
    let (month, day) = (number(5..7), number(8..10));
    if !(1..=12).contains(&month) {
        return Err(DateError::Format);
    }
    if year < 1900 {
        return Err(DateError::YearOutOfRange);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::NoSuchDay)
}

/// The due date of period `period` (1-based): the first due date plus `period − 1` months,
/// clamped to the month's last day (31 Jan → 28/29 Feb → 31 Mar). `None` past year 9999.
pub fn due_date(first_due: NaiveDate, period: u32) -> Option<NaiveDate> {
    first_due
        .checked_add_months(Months::new(period.saturating_sub(1)))
        .filter(|date| date.year() <= LAST_YEAR)
}

/// Signed whole days from `from` to `to` (positive when `to` is later).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_strictly() {
        assert_eq!(parse_date("2025-01-15"), Ok(d(2025, 1, 15)));
        assert_eq!(parse_date("２０２５-０１-１５"), Ok(d(2025, 1, 15)));
        assert_eq!(parse_date("2025-02-30"), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("2025-13-01"), Err(DateError::Format));
        assert_eq!(parse_date("2025-1-5"), Err(DateError::Format));
        assert_eq!(parse_date("tomorrow"), Err(DateError::Format));
        assert_eq!(parse_date("2024-02-29"), Ok(d(2024, 2, 29)));
        assert_eq!(parse_date("0000-01-01"), Err(DateError::YearOutOfRange));
    }

    #[test]
    fn month_end_clamps_from_the_first_due_date() {
        let first = d(2025, 1, 31);
        assert_eq!(due_date(first, 1), Some(d(2025, 1, 31)));
        assert_eq!(due_date(first, 2), Some(d(2025, 2, 28)));
        assert_eq!(due_date(first, 3), Some(d(2025, 3, 31)));
        assert_eq!(due_date(first, 14), Some(d(2026, 2, 28)));
        assert_eq!(due_date(d(2023, 12, 31), 3), Some(d(2024, 2, 29)));
    }

    #[test]
    fn no_due_date_falls_past_year_9999() {
        assert_eq!(due_date(d(9999, 12, 31), 1), Some(d(9999, 12, 31)));
        assert_eq!(due_date(d(9999, 12, 31), 2), None);
        assert_eq!(due_date(d(9999, 1, 31), 13), None);
    }
}
