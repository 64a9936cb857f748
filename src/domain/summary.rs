//! A plan's schedule with its totals and true annual cost: what `quote` and previews show.

use rust_decimal::Decimal;

use super::apr::{AnnualCost, AprError, Timing, annual_cost_timed};
use super::money::Money;
use super::schedule::{Installment, ScheduleError, build};
use super::terms::{FeeModel, PlanTerms};

/// Schedule, totals and APR of a set of terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanQuote {
    pub schedule: Vec<Installment>,
    pub total_fee: Money,
    pub total_repayment: Money,
    pub cost: AnnualCost,
    /// The annual rate the fee rate suggests at a glance, in percent (e.g. 0.6% × 12 = 7.2).
    pub naive_percent: Decimal,
}

/// Why terms cannot be quoted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuoteError {
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error(transparent)]
    Apr(#[from] AprError),
}

impl PlanQuote {
    /// How many times the naive rate the true APR is (`None` when the naive rate is zero).
    pub(crate) fn apr_multiple(&self) -> Option<Decimal> {
        if self.naive_percent.is_zero() {
            return None;
        }
        Some((self.cost.apr_percent / self.naive_percent).round_dp(2))
    }
}

/// The annual rate a plan's headline rate suggests: the per-period fee × periods a year
/// (0.6% × 12 = 7.2%), the total fee × periods a year / n, the stated annual rate, or the daily
/// rate × 365 (0.05% a day is quoted as 18.25% a year).
pub(crate) fn naive_annual_percent(terms: &PlanTerms) -> Decimal {
    let percent = terms.fee.rate.percent();
    let per_year = terms.dates.every.per_year();
    match terms.fee.model {
        FeeModel::MonthlyFee => percent * per_year,
        FeeModel::TotalFee | FeeModel::UpfrontFee => {
            percent * per_year / Decimal::from(terms.periods)
        }
        FeeModel::Annuity | FeeModel::EqualPrincipal | FeeModel::InterestOnly => percent,
        FeeModel::DailyAnnuity | FeeModel::DailyEqualPrincipal | FeeModel::DailyInterestOnly => {
            percent * Decimal::from(365)
        }
        FeeModel::InterestFree => Decimal::ZERO,
    }
}

/// When a plan's payments fall for its APR: its period length, and whether period 1 is due on
/// the start date itself (k = 0).
pub(crate) fn timing(terms: &PlanTerms) -> Timing {
    Timing {
        every: terms.dates.every,
        first_at_start: terms.dates.start == Some(terms.first_due),
    }
}

/// Builds the schedule and computes totals and APR.
pub fn quote_plan(terms: &PlanTerms) -> Result<PlanQuote, QuoteError> {
    let schedule = build(terms)?;
    let total_fee = Money::try_sum(schedule.iter().map(|i| i.fee)).map_err(ScheduleError::from)?;
    let total_repayment =
        Money::try_sum(schedule.iter().map(|i| i.amount)).map_err(ScheduleError::from)?;
    let dues: Vec<Money> = schedule.iter().map(|i| i.amount).collect();
    let cost = annual_cost_timed(terms.principal, &dues, timing(terms))?;
    Ok(PlanQuote {
        schedule,
        total_fee,
        total_repayment,
        cost,
        naive_percent: naive_annual_percent(terms),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rate::percent4;
    use crate::domain::schedule::tests::terms;

    #[test]
    fn worked_example_is_181_times_the_naive_rate() {
        let q = quote_plan(&terms("6000", 12, FeeModel::MonthlyFee, "0.6%")).unwrap();
        assert_eq!(q.total_fee.to_string(), "432.00");
        assert_eq!(q.total_repayment.to_string(), "6432.00");
        assert_eq!(percent4(q.naive_percent), "7.2000");
        assert_eq!(q.apr_multiple().unwrap().to_string(), "1.81");
    }
}
