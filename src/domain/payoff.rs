//! Early payoff (提前还款) quotes under each policy, from a plan's terms and what is still owed.

use chrono::NaiveDate;
use serde::Serialize;

use super::money::{Money, Overflow};
use super::overdue::{PaidPart, penalty};
use super::rate::Rate;
use super::schedule::{interest_on, monthly_rate};
use super::terms::{OverdueTerms, PayoffPolicy, PlanTerms};

/// A period's scheduled parts and what has been paid of them so far (and when).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodState {
    pub period: u32,
    pub due_date: NaiveDate,
    pub principal: Money,
    pub fee: Money,
    pub paid_principal: Money,
    pub paid_fee: Money,
    pub paid_penalty: Money,
    pub waived: bool,
    /// The principal and fee paid, by date (what the penalty accrues on depends on it).
    pub paid_parts: Vec<PaidPart>,
}

impl PeriodState {
    pub fn unpaid_principal(&self) -> Money {
        if self.waived {
            return Money::ZERO;
        }
        self.principal.saturating_sub(self.paid_principal)
    }

    pub fn unpaid_fee(&self) -> Money {
        if self.waived {
            return Money::ZERO;
        }
        self.fee.saturating_sub(self.paid_fee)
    }

    /// Principal and fee still owed (penalty aside).
    pub fn unpaid(&self) -> Result<Money, Overflow> {
        self.unpaid_principal().try_add(self.unpaid_fee())
    }

    pub fn is_settled(&self) -> bool {
        self.waived || (self.unpaid_principal().is_zero() && self.unpaid_fee().is_zero())
    }

    /// The penalty still owed on this period as of `on`: what it has accrued on what was
    /// unpaid each day, less the penalty paid. Nothing once settled.
    pub fn penalty_due(&self, on: NaiveDate, terms: &OverdueTerms) -> Result<Money, Overflow> {
        if self.is_settled() {
            return Ok(Money::ZERO);
        }
        Ok(
            penalty(self.unpaid()?, &self.paid_parts, self.due_date, on, terms)?
                .saturating_sub(self.paid_penalty),
        )
    }
}

/// What paying the whole plan off costs, by part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PayoffQuote {
    pub amount: Money,
    pub principal: Money,
    pub fee: Money,
    pub penalty: Money,
    pub policy: PayoffPolicy,
}

/// Why no payoff quote can be given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayoffError {
    #[error("this plan does not allow early payoff")]
    NotAllowed,
    #[error("this plan is already fully paid")]
    NothingOwed,
    #[error(transparent)]
    Overflow(#[from] Overflow),
}

/// Quotes an early payoff on `on`, settled on the next due period after the last paid one
/// (the first period not yet settled, whether or not its due date has passed).
///
/// The policy decides which fees are charged (PRODUCT.md's money rules); penalty already
/// accrued on overdue periods is owed under every policy.
pub fn quote(
    terms: &PlanTerms,
    periods: &[PeriodState],
    on: NaiveDate,
) -> Result<PayoffQuote, PayoffError> {
    if terms.payoff == PayoffPolicy::NotAllowed {
        return Err(PayoffError::NotAllowed);
    }
    let open: Vec<&PeriodState> = periods.iter().filter(|p| !p.is_settled()).collect();
    let Some(settling) = open.first() else {
        return Err(PayoffError::NothingOwed);
    };
    let principal = Money::try_sum(open.iter().map(|p| p.unpaid_principal()))?;
    let overdue_penalty =
        Money::try_sum_results(open.iter().map(|p| p.penalty_due(on, &terms.overdue)))?;
    let current_fee = settling.unpaid_fee();
    let (fee, policy_penalty) = match terms.payoff {
        PayoffPolicy::WaiveRemainingFees => (Money::ZERO, Money::ZERO),
        PayoffPolicy::CurrentFeeDue => (current_fee, Money::ZERO),
        PayoffPolicy::AllFeesDue => (
            Money::try_sum(open.iter().map(|p| p.unpaid_fee()))?,
            Money::ZERO,
        ),
        PayoffPolicy::Penalty(rate) => (Money::ZERO, share_of(principal, rate)?),
        PayoffPolicy::InterestToDate if terms.fee.model.is_interest_based() => {
            let monthly = monthly_rate(terms.fee.rate.fraction());
            let interest = interest_on(principal, monthly).map_err(|_| Overflow)?;
            (interest, Money::ZERO)
        }
        PayoffPolicy::InterestToDate => (current_fee, Money::ZERO),
        PayoffPolicy::NotAllowed => return Err(PayoffError::NotAllowed),
    };
    let penalty = overdue_penalty.try_add(policy_penalty)?;
    Ok(PayoffQuote {
        amount: Money::try_sum([principal, fee, penalty])?,
        principal,
        fee,
        penalty,
        policy: terms.payoff,
    })
}

/// `round_half_up(amount × rate)` (a `penalty:R%` charge), or [`Overflow`].
pub fn share_of(amount: Money, rate: Rate) -> Result<Money, Overflow> {
    amount
        .decimal()
        .checked_mul(rate.fraction())
        .and_then(Money::checked_round_half_up)
        .ok_or(Overflow)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::schedule::{build, tests::terms};
    use crate::domain::terms::FeeModel;

    /// The periods of `terms` with the first `paid` paid on time.
    pub(crate) fn states_after(terms: &PlanTerms, paid: u32) -> Vec<PeriodState> {
        build(terms)
            .unwrap()
            .into_iter()
            .map(|i| PeriodState {
                period: i.period,
                due_date: i.due_date,
                principal: i.principal,
                fee: i.fee,
                paid_principal: if i.period <= paid {
                    i.principal
                } else {
                    Money::ZERO
                },
                paid_fee: if i.period <= paid { i.fee } else { Money::ZERO },
                paid_penalty: Money::ZERO,
                waived: false,
                paid_parts: Vec::new(),
            })
            .collect()
    }

    fn quote_with(policy: &str) -> Result<PayoffQuote, PayoffError> {
        let mut t = terms("6000", 12, FeeModel::MonthlyFee, "0.6%");
        t.payoff = PayoffPolicy::parse(policy).unwrap();
        let states = states_after(&t, 5);
        quote(&t, &states, states[4].due_date)
    }

    #[test]
    fn every_policy_after_five_of_twelve() {
        let amount = |p: &str| quote_with(p).unwrap().amount.to_string();
        assert_eq!(amount("waive-remaining-fees"), "3500.00");
        assert_eq!(amount("current-fee-due"), "3536.00");
        assert_eq!(amount("all-fees-due"), "3752.00");
        assert_eq!(amount("penalty:3%"), "3605.00");
        assert_eq!(amount("interest-to-date"), "3536.00");
        assert_eq!(quote_with("not-allowed"), Err(PayoffError::NotAllowed));
    }

    #[test]
    fn annuity_interest_to_date() {
        let mut t = terms("10000", 12, FeeModel::Annuity, "15%");
        t.payoff = PayoffPolicy::InterestToDate;
        let states = states_after(&t, 1);
        let q = quote(&t, &states, states[0].due_date).unwrap();
        assert_eq!(q.principal.to_string(), "9222.42");
        assert_eq!(q.fee.to_string(), "115.28");
    }

    #[test]
    fn overdue_periods_owe_their_penalty_and_the_policy_picks_the_fees() {
        let mut t = terms("6000", 12, FeeModel::MonthlyFee, "0.6%");
        let states = states_after(&t, 5);
        // Periods 6 and 7 overdue: the payoff still settles on period 6.
        let on = states[6].due_date + chrono::Days::new(10);
        let fee_and_penalty = |t: &PlanTerms| {
            let q = quote(t, &states, on).unwrap();
            assert_eq!(q.principal.to_string(), "3500.00");
            (q.fee.to_string(), q.penalty.to_string())
        };
        // Due 2025-06-30 and 2025-07-31, paid off 2025-08-10:
        // round(536.00 × 0.05% × 41 days) + round(536.00 × 0.05% × 10 days) = 10.99 + 2.68
        let penalty = "13.67".to_string();
        t.payoff = PayoffPolicy::WaiveRemainingFees;
        assert_eq!(fee_and_penalty(&t), ("0.00".into(), penalty.clone()));
        t.payoff = PayoffPolicy::CurrentFeeDue;
        assert_eq!(fee_and_penalty(&t), ("36.00".into(), penalty.clone()));
        t.payoff = PayoffPolicy::AllFeesDue;
        assert_eq!(fee_and_penalty(&t), ("252.00".into(), penalty));
    }

    #[test]
    fn fully_paid_has_nothing_to_quote() {
        let t = terms("6000", 12, FeeModel::MonthlyFee, "0.6%");
        let states = states_after(&t, 12);
        assert_eq!(
            quote(&t, &states, states[11].due_date),
            Err(PayoffError::NothingOwed)
        );
    }
}
