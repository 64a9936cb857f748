//! Overdue (逾期) rules for one period: days late, grace, tolerance, the daily penalty on what
//! was unpaid each day, and the late fees it incurs.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::money::{Money, Overflow};
use super::terms::{OverdueTerms, PenaltyFrom};

/// Principal and fee paid on a period on one day (penalty paid aside).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaidPart {
    pub on: NaiveDate,
    pub amount: Money,
}

/// Calendar days after `due` up to `on`; zero when `on` is not after `due`.
pub(crate) fn days_late(due: NaiveDate, on: NaiveDate) -> i64 {
    (on - due).num_days().max(0)
}

/// What a period owed at the start of `day`: `unpaid` now plus the parts paid on or after it
/// (a part paid on a day still counts as unpaid for that day).
pub(crate) fn unpaid_at(
    unpaid: Money,
    paid: &[PaidPart],
    day: NaiveDate,
) -> Result<Money, Overflow> {
    paid.iter()
        .filter(|p| p.on >= day)
        .try_fold(unpaid, |sum, p| sum.try_add(p.amount))
}

/// What a period still owed at the end of `on`: `unpaid` plus the parts paid after `on`.
fn unpaid_after(unpaid: Money, paid: &[PaidPart], on: NaiveDate) -> Result<Money, Overflow> {
    paid.iter()
        .filter(|p| p.on > on)
        .try_fold(unpaid, |sum, p| sum.try_add(p.amount))
}

/// Whether a period due on `due` reads overdue on `on`: more than the grace days late with more
/// than the tolerance unpaid. Within grace it reads due; at or under the tolerance it stays
/// owed (partly paid) but is not overdue and accrues nothing.
pub fn is_overdue(
    unpaid: Money,
    paid: &[PaidPart],
    due: NaiveDate,
    on: NaiveDate,
    terms: &OverdueTerms,
) -> Result<bool, Overflow> {
    Ok(days_late(due, on) > i64::from(terms.grace_days)
        && unpaid_after(unpaid, paid, on)? > terms.tolerance)
}

/// The first day a period due on `due` is charged for: the day after its due date, or after
/// the end of grace with `PenaltyFrom::GraceEnd`. Days after the returned date are charged.
pub(crate) fn charged_after(due: NaiveDate, terms: &OverdueTerms) -> NaiveDate {
    let offset = match terms.from {
        PenaltyFrom::Due => 0,
        PenaltyFrom::GraceEnd => terms.grace_days,
    };
    due.checked_add_days(Days::new(offset.into()))
        .unwrap_or(NaiveDate::MAX)
}

/// One day's charge on `amount`: `amount × rate`, at least the daily minimum; nothing on an
/// amount at or under the tolerance.
pub(crate) fn day_charge(amount: Money, terms: &OverdueTerms) -> Option<Decimal> {
    if amount <= terms.tolerance || amount.is_zero() {
        return Some(Decimal::ZERO);
    }
    let charge = amount
        .decimal()
        .checked_mul(terms.penalty_daily.fraction())?;
    Some(charge.max(terms.penalty_min.decimal()))
}

/// The daily penalty a period due on `due` has accrued by `on` on the installment base
/// (penalty already paid not subtracted). `unpaid` is what the period owes now; `paid` its
/// dated principal and fee payments, which are what it stopped owing on each day.
///
/// Not overdue on `on` (see [`is_overdue`]): nothing. Otherwise each day from the due date
/// (or the end of grace, `PenaltyFrom::GraceEnd`) up to `on` is charged on what was unpaid
/// that day — [`day_charge`] — summed, then rounded half up once. That is: each part paid owes
/// for the days it was late, what is unpaid for every day up to `on`.
/// [`Overflow`] when the penalty is beyond what fenqi can store (never for the terms it accepts).
pub(crate) fn penalty(
    unpaid: Money,
    paid: &[PaidPart],
    due: NaiveDate,
    on: NaiveDate,
    terms: &OverdueTerms,
) -> Result<Money, Overflow> {
    if !is_overdue(unpaid, paid, due, on, terms)? {
        return Ok(Money::ZERO);
    }
    let mut sum = Decimal::ZERO;
    for (days, amount) in stretches(unpaid, paid, charged_after(due, terms), on)? {
        let charge = day_charge(amount, terms).ok_or(Overflow)?;
        sum = Decimal::from(days)
            .checked_mul(charge)
            .and_then(|c| sum.checked_add(c))
            .ok_or(Overflow)?;
    }
    Money::checked_round_half_up(sum).ok_or(Overflow)
}

/// The days after `from` up to `to`, in stretches of equal unpaid amount: `(days, amount)`.
pub(crate) fn stretches(
    unpaid: Money,
    paid: &[PaidPart],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(i64, Money)>, Overflow> {
    let mut result = Vec::new();
    if to <= from {
        return Ok(result);
    }
    let mut later: Vec<&PaidPart> = paid.iter().filter(|p| p.on > from).collect();
    later.sort_by_key(|p| p.on);
    let mut owed = later
        .iter()
        .try_fold(unpaid, |sum, p| sum.try_add(p.amount))?;
    let mut cursor = from;
    for part in later {
        let end = part.on.min(to);
        if end > cursor {
            result.push(((end - cursor).num_days(), owed));
            cursor = end;
        }
        owed = owed.saturating_sub(part.amount);
        if cursor >= to {
            return Ok(result);
        }
    }
    if to > cursor {
        result.push(((to - cursor).num_days(), owed));
    }
    Ok(result)
}

/// The late fees a period due on `due` has incurred by `on` (before any cap), each with the
/// day it was charged: the late fee the day after grace ends, if more than the tolerance was
/// still unpaid that day; the extra fee on the day it is so many days late, once it has turned
/// overdue.
pub(crate) fn late_fee_events(
    unpaid: Money,
    paid: &[PaidPart],
    due: NaiveDate,
    on: NaiveDate,
    terms: &OverdueTerms,
) -> Result<Vec<(NaiveDate, Money)>, Overflow> {
    let fees = &terms.late_fees;
    let mut events = Vec::new();
    if fees.is_none() {
        return Ok(events);
    }
    let Some(overdue_from) = due.checked_add_days(Days::new(u64::from(terms.grace_days) + 1))
    else {
        return Ok(events);
    };
    if overdue_from > on || unpaid_at(unpaid, paid, overdue_from)? <= terms.tolerance {
        return Ok(events);
    }
    if fees.fee.is_positive() {
        events.push((overdue_from, fees.fee));
    }
    if let Some(extra) = fees.extra
        && let Some(day) = due.checked_add_days(Days::new(extra.days.into()))
    {
        let day = day.max(overdue_from);
        if day <= on && unpaid_at(unpaid, paid, day)? > terms.tolerance {
            events.push((day, extra.amount));
        }
    }
    Ok(events)
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
            ..OverdueTerms::default()
        };
        let unpaid = Money::from_cents(50_000);
        assert_eq!(
            penalty(unpaid, &[], d("2025-03-15"), d("2025-03-25"), &terms)
                .unwrap()
                .to_string(),
            "2.50"
        );
        terms.from = PenaltyFrom::GraceEnd;
        assert_eq!(
            penalty(unpaid, &[], d("2025-03-15"), d("2025-03-25"), &terms)
                .unwrap()
                .to_string(),
            "1.75"
        );
    }

    #[test]
    fn nothing_within_grace_or_before_due() {
        let terms = OverdueTerms::default();
        let unpaid = Money::from_cents(50_000);
        assert_eq!(
            penalty(unpaid, &[], d("2025-03-15"), d("2025-03-18"), &terms).unwrap(),
            Money::ZERO
        );
        assert_eq!(
            penalty(unpaid, &[], d("2025-03-15"), d("2025-03-01"), &terms).unwrap(),
            Money::ZERO
        );
        assert_eq!(
            penalty(unpaid, &[], d("2025-03-15"), d("2025-03-19"), &terms)
                .unwrap()
                .to_string(),
            "1.00"
        );
        assert_eq!(days_late(d("2025-03-15"), d("2025-03-01")), 0);
    }

    fn part(on: &str, cents: i64) -> PaidPart {
        PaidPart {
            on: d(on),
            amount: Money::from_cents(cents),
        }
    }

    fn terms(grace_days: u32, from: PenaltyFrom) -> OverdueTerms {
        OverdueTerms {
            grace_days,
            penalty_daily: Rate::parse("0.05%").unwrap(),
            from,
            ..OverdueTerms::default()
        }
    }

    #[test]
    fn each_stretch_is_charged_on_what_was_unpaid_in_it() {
        // 1,000.00 due 06-01; 554.00 of it paid on 09-01 (92 days late), 446.00 still unpaid
        // on 11-25 (177 days late): 554 × 92 + 446 × 177 = 129,910.00 yuan-days × 0.05%
        // = 64.955 → 64.96 (46.00 of it for 1,000.00 × 92 days up to the payment).
        let paid = [part("2026-09-01", 55_400)];
        let unpaid = Money::from_cents(44_600);
        let due = d("2026-06-01");
        let on_time = terms(3, PenaltyFrom::Due);
        assert_eq!(
            penalty(unpaid, &paid, due, d("2026-11-25"), &on_time)
                .unwrap()
                .to_string(),
            "64.96"
        );
        assert_eq!(
            penalty(unpaid, &paid, due, d("2026-09-01"), &on_time)
                .unwrap()
                .to_string(),
            "46.00"
        );
        // From the end of grace: 554 × 89 + 446 × 174 = 126,910.00 × 0.05% = 63.455 → 63.46.
        let grace_end = terms(3, PenaltyFrom::GraceEnd);
        assert_eq!(
            penalty(unpaid, &paid, due, d("2026-11-25"), &grace_end)
                .unwrap()
                .to_string(),
            "63.46"
        );
    }

    #[test]
    fn a_part_paid_within_grace_still_counts_its_days_once_the_rest_is_late() {
        // 200.00 of 500.00 paid 2 days late, 300.00 still unpaid 10 days late.
        let paid = [part("2025-03-17", 20_000)];
        let unpaid = Money::from_cents(30_000);
        let (due, on) = (d("2025-03-15"), d("2025-03-25"));
        // 200 × 2 + 300 × 10 = 3,400.00 × 0.05% = 1.70.
        assert_eq!(
            penalty(unpaid, &paid, due, on, &terms(3, PenaltyFrom::Due))
                .unwrap()
                .to_string(),
            "1.70"
        );
        // From grace end: 200 × 0 + 300 × 7 = 2,100.00 × 0.05% = 1.05.
        assert_eq!(
            penalty(unpaid, &paid, due, on, &terms(3, PenaltyFrom::GraceEnd))
                .unwrap()
                .to_string(),
            "1.05"
        );
        // Still within grace: nothing yet.
        assert_eq!(
            penalty(
                unpaid,
                &paid,
                due,
                d("2025-03-18"),
                &terms(3, PenaltyFrom::Due)
            ),
            Ok(Money::ZERO)
        );
    }

    #[test]
    fn parts_paid_after_the_date_asked_about_were_unpaid_on_it() {
        let paid = [part("2025-03-30", 20_000)];
        let unpaid = Money::from_cents(30_000);
        let terms = terms(3, PenaltyFrom::Due);
        // On 03-25 all 500.00 was unpaid: 500 × 10 × 0.05% = 2.50.
        assert_eq!(
            penalty(unpaid, &paid, d("2025-03-15"), d("2025-03-25"), &terms)
                .unwrap()
                .to_string(),
            "2.50"
        );
    }

    #[test]
    fn the_sum_is_rounded_once() {
        // 10.00 paid 1 day late and 10.00 unpaid 1 day late: 0.005 + 0.005 = 0.01, where
        // rounding each stretch would give 0.02.
        let paid = [part("2025-03-16", 1_000)];
        let terms = terms(0, PenaltyFrom::Due);
        assert_eq!(
            penalty(
                Money::from_cents(1_000),
                &paid,
                d("2025-03-15"),
                d("2025-03-16"),
                &terms
            )
            .unwrap()
            .to_string(),
            "0.01"
        );
    }

    #[test]
    fn a_penalty_beyond_what_can_be_stored_is_an_overflow_not_a_guess() {
        // 10^16 yuan unpaid for 8,000 years at 1,000% a day.
        let terms = OverdueTerms {
            grace_days: 0,
            penalty_daily: Rate::parse("1000%").unwrap(),
            from: PenaltyFrom::Due,
            ..OverdueTerms::default()
        };
        let unpaid = Money::from_cents(1_000_000_000_000_000_000);
        assert_eq!(
            penalty(unpaid, &[], d("1900-01-01"), d("9999-12-31"), &terms),
            Err(Overflow)
        );
    }
}
