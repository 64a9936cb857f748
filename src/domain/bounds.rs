//! The largest terms fenqi accepts, chosen so that every plan it accepts can be computed
//! exactly, penalty included, for any date up to 9999-12-31.
//!
//! The arithmetic behind the numbers: the biggest monthly plan's schedule totals at most 37
//! times its principal (360 periods × 10% a month, plus the principal; 120% a year over 360
//! months comes to about 36 times, a total fee of 1000% to 11 times). The biggest of all is
//! interest only at 1% a day over 360 periods of 365 days: 360 × 365% plus the principal, 1,315
//! times, 1.4 × 10^11 yuan. The longest possible lateness is from 1900-01-01 to 9999-12-31,
//! 2,958,463 days; at 1% a day the penalty on that total stays under 4 × 10^15 yuan,
//! 4 × 10^17 fen, about 1/23 of what SQLite's 64-bit integers hold (9.2 × 10^18 fen). The
//! daily minimum (at most 1,000.00 a period a day) adds at most 1.1 × 10^12 yuan, the late
//! fees (at most two of 100,000,000.00 a period) 7.2 × 10^10. Totals across many plans are
//! summed with checked arithmetic and refused with a clear message before they could pass that.

use rust_decimal::Decimal;

use super::money::Money;
use super::rate::Rate;
use super::terms::{FeeModel, OverdueTerms, PlanTerms};

/// The largest principal: 100,000,000.00 (一亿), far above any consumer plan.
pub(crate) const MAX_PRINCIPAL_CENTS: i64 = 10_000_000_000;

/// The highest flat monthly fee (`--monthly-fee`): 10% a month.
pub(crate) const MAX_MONTHLY_FEE_PERCENT: i64 = 10;

/// The highest annual interest rate (`--annual-rate`): 120% a year, 10% a month.
pub(crate) const MAX_ANNUAL_RATE_PERCENT: i64 = 120;

/// The highest total fee (`--total-fee`, `--upfront-fee`): 1000% of the principal, the rate
/// parser's own ceiling.
pub(crate) const MAX_TOTAL_FEE_PERCENT: i64 = 1000;

/// The highest daily overdue penalty (`--penalty-daily`): 1% a day.
pub(crate) const MAX_PENALTY_DAILY_PERCENT: i64 = 1;

/// The highest daily interest rate (`--daily-rate`): 1% a day.
pub(crate) const MAX_DAILY_RATE_PERCENT: i64 = 1;

/// The largest daily minimum penalty (`--penalty-min`): 1,000.00 a day.
pub(crate) const MAX_PENALTY_MIN_CENTS: i64 = 100_000;

/// The largest minimum fee (`--min-fee`), late fee (`--late-fee`, `--late-fee-extra`) and
/// tolerance (`--tolerance`): the largest principal.
pub(crate) const MAX_CHARGE_CENTS: i64 = MAX_PRINCIPAL_CENTS;

/// Which bound terms pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BoundError {
    #[error("the principal is above 100,000,000.00")]
    Principal,
    /// The fee model's rate is above its maximum (in percent).
    #[error("the rate is above {max}%")]
    Rate { model: FeeModel, max: i64 },
    #[error("the daily penalty is above 1%")]
    PenaltyDaily,
    #[error("the minimum fee is above 100,000,000.00")]
    MinFee,
    #[error("the daily minimum penalty is above 1,000.00")]
    PenaltyMin,
    #[error("a late fee is above 100,000,000.00")]
    LateFee,
    #[error("the tolerance is above 100,000,000.00")]
    Tolerance,
}

/// The highest rate `model` accepts, in percent.
pub(crate) fn max_rate_percent(model: FeeModel) -> i64 {
    match model {
        FeeModel::MonthlyFee => MAX_MONTHLY_FEE_PERCENT,
        FeeModel::Annuity | FeeModel::EqualPrincipal | FeeModel::InterestOnly => {
            MAX_ANNUAL_RATE_PERCENT
        }
        FeeModel::DailyAnnuity | FeeModel::DailyEqualPrincipal | FeeModel::DailyInterestOnly => {
            MAX_DAILY_RATE_PERCENT
        }
        FeeModel::TotalFee | FeeModel::UpfrontFee | FeeModel::InterestFree => MAX_TOTAL_FEE_PERCENT,
    }
}

/// Checks `terms` against fenqi's bounds (principal, the fee model's rate, the minimum fee
/// and the overdue rules).
pub(crate) fn check(terms: &PlanTerms) -> Result<(), BoundError> {
    check_parts(
        terms.principal,
        terms.fee.model,
        terms.fee.rate,
        terms.overdue.penalty_daily,
    )?;
    if let Some(min_fee) = terms.fee.min_fee {
        check_charge(min_fee, BoundError::MinFee)?;
    }
    check_overdue(&terms.overdue)
}

/// Checks the overdue rules' amounts: the daily penalty and its minimum, late fees, tolerance.
pub(crate) fn check_overdue(overdue: &OverdueTerms) -> Result<(), BoundError> {
    check_penalty_daily(overdue.penalty_daily)?;
    check_penalty_min(overdue.penalty_min)?;
    let fees = &overdue.late_fees;
    check_charge(fees.fee, BoundError::LateFee)?;
    if let Some(extra) = fees.extra {
        check_charge(extra.amount, BoundError::LateFee)?;
    }
    check_charge(overdue.tolerance, BoundError::Tolerance)
}

/// Checks a daily minimum penalty (`--penalty-min`) against its bound.
pub(crate) fn check_penalty_min(amount: Money) -> Result<(), BoundError> {
    if amount > Money::from_cents(MAX_PENALTY_MIN_CENTS) {
        return Err(BoundError::PenaltyMin);
    }
    Ok(())
}

/// Checks a minimum fee, late fee or tolerance against [`MAX_CHARGE_CENTS`], refusing it as
/// `error` (the bound of that term).
pub(crate) fn check_charge(amount: Money, error: BoundError) -> Result<(), BoundError> {
    if amount > Money::from_cents(MAX_CHARGE_CENTS) {
        return Err(error);
    }
    Ok(())
}

/// Checks the bounded parts of a plan's terms (for a stored plan, read column by column).
pub(crate) fn check_parts(
    principal: Money,
    model: FeeModel,
    rate: Rate,
    penalty_daily: Rate,
) -> Result<(), BoundError> {
    if principal > Money::from_cents(MAX_PRINCIPAL_CENTS) {
        return Err(BoundError::Principal);
    }
    let max = max_rate_percent(model);
    if rate > percent(max) {
        return Err(BoundError::Rate { model, max });
    }
    check_penalty_daily(penalty_daily)
}

/// Checks a daily overdue penalty rate against its bound.
pub(crate) fn check_penalty_daily(rate: Rate) -> Result<(), BoundError> {
    if rate > percent(MAX_PENALTY_DAILY_PERCENT) {
        return Err(BoundError::PenaltyDaily);
    }
    Ok(())
}

fn percent(value: i64) -> Rate {
    Rate::from_percent(Decimal::from(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::payoff::quote;
    use crate::domain::payoff::tests::states_after;
    use crate::domain::schedule::tests::terms;
    use crate::domain::terms::{OverdueTerms, PenaltyFrom};
    use chrono::NaiveDate;

    fn at_the_bounds(model: FeeModel, rate: &str) -> PlanTerms {
        let mut t = terms("100000000", 360, model, rate);
        t.first_due = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        t.overdue = OverdueTerms {
            grace_days: 0,
            penalty_daily: Rate::parse("1%").unwrap(),
            from: PenaltyFrom::Due,
            ..OverdueTerms::default()
        };
        t
    }

    #[test]
    fn the_largest_plans_are_accepted_and_one_step_more_is_not() {
        for (model, rate) in [
            (FeeModel::MonthlyFee, "10%"),
            (FeeModel::TotalFee, "1000%"),
            (FeeModel::UpfrontFee, "1000%"),
            (FeeModel::Annuity, "120%"),
            (FeeModel::EqualPrincipal, "120%"),
        ] {
            let t = at_the_bounds(model, rate);
            assert_eq!(check(&t), Ok(()), "{model:?}");
            let mut over = t.clone();
            over.fee.rate = Rate::from_percent(over.fee.rate.percent() + Decimal::new(1, 4));
            assert!(
                matches!(check(&over), Err(BoundError::Rate { .. })),
                "{model:?}"
            );
        }
        let mut t = at_the_bounds(FeeModel::MonthlyFee, "10%");
        t.principal = Money::from_cents(MAX_PRINCIPAL_CENTS + 1);
        assert_eq!(check(&t), Err(BoundError::Principal));
        let mut t = at_the_bounds(FeeModel::MonthlyFee, "10%");
        t.overdue.penalty_daily = Rate::parse("1.0001%").unwrap();
        assert_eq!(check(&t), Err(BoundError::PenaltyDaily));
    }

    /// Every period of the largest accepted plans unpaid from 1900 to 9999-12-31: the payoff
    /// quote (every period's penalty, summed) is computed exactly and fits in i64 fen with room
    /// to spare.
    #[test]
    fn the_largest_plans_compute_through_9999() {
        let last_day = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        for (model, rate) in [
            (FeeModel::MonthlyFee, "10%"),
            (FeeModel::TotalFee, "1000%"),
            (FeeModel::Annuity, "120%"),
            (FeeModel::EqualPrincipal, "120%"),
        ] {
            let t = at_the_bounds(model, rate);
            let states = states_after(&t, 0);
            let q = quote(&t, &states, last_day).unwrap();
            assert!(q.amount.cents() < i64::MAX / 500, "{model:?}: {}", q.amount);
            assert!(q.penalty.is_positive());
        }
    }

    /// The largest daily-rate plan (interest only at 1% a day over 360 periods of 365 days,
    /// 1,315 times its principal) with every overdue charge at its bound, on each penalty
    /// base, unpaid until 9999-12-31: computed exactly, within i64 fen with room to spare.
    #[test]
    fn the_largest_daily_plans_with_late_fees_compute_through_9999() {
        use crate::domain::dates::{DateTerms, Period};
        use crate::domain::terms::{LateFeeExtra, LateFees, PenaltyBase};
        let last_day = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        let most = Money::from_cents(MAX_CHARGE_CENTS);
        for base in [
            PenaltyBase::Installment,
            PenaltyBase::Principal,
            PenaltyBase::Balance,
        ] {
            let mut t = at_the_bounds(FeeModel::DailyInterestOnly, "1%");
            t.dates = DateTerms {
                every: Period::Days(365),
                ..DateTerms::default()
            };
            t.overdue.base = base;
            t.overdue.penalty_min = Money::from_cents(MAX_PENALTY_MIN_CENTS);
            t.overdue.late_fees = LateFees {
                fee: most,
                extra: Some(LateFeeExtra {
                    amount: most,
                    days: 365,
                }),
                ..LateFees::default()
            };
            assert_eq!(check(&t), Ok(()));
            let states = states_after(&t, 0);
            let q = quote(&t, &states, last_day).unwrap();
            assert!(q.amount.cents() < i64::MAX / 20, "{base:?}: {}", q.amount);
            assert!(q.penalty.is_positive());
        }
        let mut t = at_the_bounds(FeeModel::DailyAnnuity, "1%");
        t.overdue.penalty_min = Money::from_cents(MAX_PENALTY_MIN_CENTS + 1);
        assert_eq!(check(&t), Err(BoundError::PenaltyMin));
        t.overdue.penalty_min = Money::ZERO;
        t.fee.rate = Rate::parse("1.0001%").unwrap();
        assert!(matches!(check(&t), Err(BoundError::Rate { .. })));
    }
}
