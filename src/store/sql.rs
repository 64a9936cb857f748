//! Conversions between domain values and SQLite columns: cents, dates, rates, codes.

use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::domain::dates::parse_date;
use crate::domain::{Money, Rate};

impl ToSql for Money {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.cents()))
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
pub struct SqlDate(pub NaiveDate);

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

/// `YYYY-MM-DD`, as stored.
pub fn date_text(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// A stored date column that may be NULL.
pub fn opt_date(value: Option<SqlDate>) -> Option<NaiveDate> {
    value.map(|d| d.0)
}

/// An error for a stored value that does not parse.
pub fn bad(what: &str, text: &str) -> Box<dyn std::error::Error + Send + Sync> {
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
pub struct SqlPercent(pub rust_decimal::Decimal);

impl FromSql for SqlPercent {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        rust_decimal::Decimal::from_str_exact(text)
            .map(SqlPercent)
            .map_err(|_| FromSqlError::Other(bad("percent", text)))
    }
}

/// Fee-free periods as stored: `1,2,3`.
pub fn periods_text(periods: &[u32]) -> String {
    periods
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads [`periods_text`] back.
pub fn parse_periods_text(text: &str) -> Result<Vec<u32>, String> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<u32>()
                .map_err(|_| format!("fee-free periods {text:?}"))
        })
        .collect()
}
