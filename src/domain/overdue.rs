//! Overdue (逾期) rules: days late, grace, and the daily penalty on what was unpaid each day.

use chrono::NaiveDate;
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
pub fn days_late(due: NaiveDate, on: NaiveDate) -> i64 {
    (on - due).num_days().max(0)
}

/// The whole penalty a period due on `due` has accrued by `on` (penalty already paid not
/// subtracted). `unpaid` is what the period owes now; `paid` its dated principal and fee
/// payments, which are what it stopped owing on each day.
///
/// Within grace: nothing. Otherwise each stretch between payments is charged on what was unpaid
/// in it — `unpaid_due × rate × days`, days counted from the due date or, with
/// `PenaltyFrom::GraceEnd`, from the end of grace — summed, then rounded half up once. That is:
/// each part paid owes for the days it was late, what is unpaid for every day up to `on`.
/// [`Overflow`] when the penalty is beyond what fenqi can store (never for the terms it accepts).
pub fn penalty(
    unpaid: Money,
    paid: &[PaidPart],
    due: NaiveDate,
    on: NaiveDate,
    terms: &OverdueTerms,
) -> Result<Money, Overflow> {
    let grace = i64::from(terms.grace_days);
    // Parts paid after `on` were still unpaid on `on`.
    let unpaid_on = paid
        .iter()
        .filter(|p| p.on > on)
        .try_fold(unpaid, |sum, p| sum.try_add(p.amount))?;
    if days_late(due, on) <= grace || !unpaid_on.is_positive() {
        return Ok(Money::ZERO);
    }
    let counted_from = match terms.from {
        PenaltyFrom::Due => 0,
        PenaltyFrom::GraceEnd => grace,
    };
    let days = |until: NaiveDate| Decimal::from((days_late(due, until) - counted_from).max(0));
    std::iter::once((unpaid_on, on))
        .chain(paid.iter().filter(|p| p.on <= on).map(|p| (p.amount, p.on)))
        .try_fold(Decimal::ZERO, |sum, (amount, until)| {
            sum.checked_add(amount.decimal().checked_mul(days(until))?)
        })
        .and_then(|money_days| money_days.checked_mul(terms.penalty_daily.fraction()))
        .and_then(Money::checked_round_half_up)
        .ok_or(Overflow)
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
        };
        let unpaid = Money::from_cents(1_000_000_000_000_000_000);
        assert_eq!(
            penalty(unpaid, &[], d("1900-01-01"), d("9999-12-31"), &terms),
            Err(Overflow)
        );
    }
}
