//! Overdue (逾期) rules: days late, grace, and the daily penalty on what is still unpaid.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::money::Money;
use super::terms::{OverdueTerms, PenaltyFrom};

/// Calendar days after `due` up to `on`; zero when `on` is not after `due`.
pub fn days_late(due: NaiveDate, on: NaiveDate) -> i64 {
    (on - due).num_days().max(0)
}

/// The penalty owed on `unpaid` for a period due on `due`, as of `on`.
///
/// Within grace: nothing. Otherwise `round_half_up(unpaid × rate × days)`, days counted from the
/// due date or, with `PenaltyFrom::GraceEnd`, from the end of grace.
pub fn penalty(unpaid: Money, due: NaiveDate, on: NaiveDate, terms: &OverdueTerms) -> Money {
    let late = days_late(due, on);
    let grace = i64::from(terms.grace_days);
    if late <= grace || !unpaid.is_positive() {
        return Money::ZERO;
    }
    let days = match terms.from {
        PenaltyFrom::Due => late,
        PenaltyFrom::GraceEnd => late - grace,
    };
    unpaid
        .decimal()
        .checked_mul(terms.penalty_daily.fraction())
        .and_then(|v| v.checked_mul(Decimal::from(days)))
        .map(Money::round_half_up)
        .unwrap_or(unpaid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rate::Rate;

    fn d(s: &str) -> NaiveDate {
        crate::domain::dates::parse_date(s).unwrap()
    }

    #[test]
    fn ten_days_late_with_three_days_grace() {
        let mut terms = OverdueTerms {
            grace_days: 3,
            penalty_daily: Rate::parse("0.05%").unwrap(),
            from: PenaltyFrom::Due,
        };
        let unpaid = Money::from_cents(50_000);
        assert_eq!(
            penalty(unpaid, d("2025-03-15"), d("2025-03-25"), &terms).to_string(),
            "2.50"
        );
        terms.from = PenaltyFrom::GraceEnd;
        assert_eq!(
            penalty(unpaid, d("2025-03-15"), d("2025-03-25"), &terms).to_string(),
            "1.75"
        );
    }

    #[test]
    fn nothing_within_grace_or_before_due() {
        let terms = OverdueTerms::default();
        let unpaid = Money::from_cents(50_000);
        assert_eq!(
            penalty(unpaid, d("2025-03-15"), d("2025-03-18"), &terms),
            Money::ZERO
        );
        assert_eq!(
            penalty(unpaid, d("2025-03-15"), d("2025-03-01"), &terms),
            Money::ZERO
        );
        assert_eq!(
            penalty(unpaid, d("2025-03-15"), d("2025-03-19"), &terms).to_string(),
            "1.00"
        );
        assert_eq!(days_late(d("2025-03-15"), d("2025-03-01")), 0);
    }
}
