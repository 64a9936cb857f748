//! Conversions between domain values and SQLite columns: cents, dates, rates, codes.

use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::domain::dates::parse_date;
use crate::domain::money::Overflow;
use crate::domain::{Money, Rate};

impl ToSql for Money {
    /// Integer fen; an amount beyond i64 is refused rather than stored wrong.
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        self.try_cents()
            .map(ToSqlOutput::from)
            .ok_or_else(|| rusqlite::Error::ToSqlConversionFailure(Box::new(Overflow)))
    }
}

impl FromSql for Money {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(value).map(Money::from_cents)
    }
}

impl ToSql for Rate {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_storage()))
    }
}

impl FromSql for Rate {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        Rate::from_storage(text).ok_or_else(|| FromSqlError::Other(bad("rate", text)))
    }
}

/// A calendar date stored as TEXT `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SqlDate(pub NaiveDate);

impl ToSql for SqlDate {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(date_text(self.0)))
    }
}

impl FromSql for SqlDate {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        parse_date(text)
            .map(SqlDate)
            .map_err(|_| FromSqlError::Other(bad("date", text)))
    }
}

/// `YYYY-MM-DD`, as stored (written digit by digit: bulk fills bind millions of dates).
pub(crate) fn date_text(date: NaiveDate) -> String {
    use chrono::Datelike;
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return format!("{year:04}-{:02}-{:02}", date.month(), date.day());
    }
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let (y, m, d) = (year as u32, date.month(), date.day());
    let mut text = String::with_capacity(10);
    for n in [y / 1000, y / 100, y / 10, y] {
        text.push(digit(n));
    }
    text.push('-');
    text.push(digit(m / 10));
    text.push(digit(m));
    text.push('-');
    text.push(digit(d / 10));
    text.push(digit(d));
    text
}

/// An upper bound for a query on stored dates: [`date_text`], except that a date past year 9999
/// (a window that reaches beyond the calendar, e.g. 30 days from 9999-12-31) becomes text that
/// sorts after every stored date, where `10000-01-30` would sort before them all.
pub(crate) fn bound_text(date: NaiveDate) -> String {
    use chrono::Datelike;
    if date.year() > crate::domain::dates::LAST_YEAR {
        "9999-99-99".to_string()
    } else {
        date_text(date)
    }
}

/// A stored date column that may be NULL.
pub(crate) fn opt_date(value: Option<SqlDate>) -> Option<NaiveDate> {
    value.map(|d| d.0)
}

/// `"name"` with inner quotes doubled: a safe SQL identifier.
pub(crate) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// An error for a stored value that does not parse.
pub(crate) fn bad(what: &str, text: &str) -> Box<dyn std::error::Error + Send + Sync> {
    format!("stored {what} is not valid: {text:?}").into()
}

/// Declares FromSql/ToSql for an enum with `code()` / `from_code()`.
macro_rules! sql_code {
    ($ty:ty, $what:expr) => {
        impl rusqlite::types::ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.code()))
            }
        }

        impl rusqlite::types::FromSql for $ty {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                <$ty>::from_code(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other($crate::store::sql::bad($what, text))
                })
            }
        }
    };
}
pub(crate) use sql_code;

sql_code!(crate::domain::FeeModel, "fee model");
sql_code!(crate::domain::Remainder, "remainder");
sql_code!(crate::domain::PenaltyFrom, "penalty start");
sql_code!(crate::domain::PenaltyBase, "penalty base");

impl ToSql for crate::domain::PayoffPolicy {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for crate::domain::PayoffPolicy {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        crate::domain::PayoffPolicy::parse(text)
            .ok_or_else(|| FromSqlError::Other(bad("payoff policy", text)))
    }
}

/// A stored percent with four decimals ("13.0342").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SqlPercent(pub rust_decimal::Decimal);

impl FromSql for SqlPercent {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        rust_decimal::Decimal::from_str_exact(text)
            .map(SqlPercent)
            .map_err(|_| FromSqlError::Other(bad("percent", text)))
    }
}

/// Fee-free periods as stored: `1,2,3`.
pub(crate) fn periods_text(periods: &[u32]) -> String {
    periods
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads [`periods_text`] back.
pub(crate) fn parse_periods_text(text: &str) -> Result<Vec<u32>, String> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<u32>()
                .map_err(|_| format!("fee-free periods {text:?}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_text_writes_what_chrono_writes() {
        use chrono::Datelike;
        let mut date = NaiveDate::from_ymd_opt(1899, 12, 25).unwrap();
        while date.year() < 2101 {
            assert_eq!(date_text(date), date.format("%Y-%m-%d").to_string());
            date = date.succ_opt().unwrap();
        }
        for (y, m, d) in [(5, 1, 9), (9999, 12, 31), (10_000, 2, 29), (-1, 3, 1)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(date_text(date), format!("{y:04}-{m:02}-{d:02}"));
        }
    }

    #[test]
    fn a_bound_past_the_calendar_sorts_after_every_stored_date() {
        let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        assert_eq!(bound_text(last), "9999-12-31");
        let past = last.checked_add_days(chrono::Days::new(30)).unwrap();
        assert!(bound_text(past).as_str() > "9999-12-31");
        assert!(
            date_text(past).as_str() < "1900-01-01",
            "why bound_text exists"
        );
    }
}
