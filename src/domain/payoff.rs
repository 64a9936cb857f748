//! Early payoff (提前还款) quotes under each policy, from a plan's terms and what is still owed.

use chrono::NaiveDate;
use serde::Serialize;

use super::interest::StretchRate;
use super::money::{Money, Overflow};
use super::penalties;
use super::period_state::PeriodState;
use super::rate::Rate;
use super::terms::{PayoffPolicy, PlanTerms};

/// What paying the whole plan off costs, by part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PayoffQuote {
    pub amount: Money,
    pub principal: Money,
    pub fee: Money,
    pub penalty: Money,
    pub policy: PayoffPolicy,
    /// Everything still scheduled if the plan is kept: unpaid principal, the fees or interest
    /// of the periods left, and the penalty owed now.
    pub remaining_if_kept: Money,
    /// `remaining_if_kept − amount`: what paying off now saves (negative: what it costs more).
    pub saving: Money,
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
    let overdue_penalty = Money::try_sum(penalties::due(periods, on, &terms.overdue)?)?;
    let current_fee = settling.unpaid_fee();
    let (fee, policy_penalty) = match terms.payoff {
        PayoffPolicy::WaiveRemainingFees => (Money::ZERO, Money::ZERO),
        PayoffPolicy::CurrentFeeDue => (current_fee, Money::ZERO),
        PayoffPolicy::AllFeesDue => (
            Money::try_sum(open.iter().map(|p| p.unpaid_fee()))?,
            Money::ZERO,
        ),
        PayoffPolicy::Penalty(rate) => (Money::ZERO, share_of(principal, rate)?),
        PayoffPolicy::FeeOnRemaining(rate) => (share_of(principal, rate)?, Money::ZERO),
        PayoffPolicy::InterestToDate if terms.fee.model.is_interest_based() => {
            let from = periods
                .iter()
                .take_while(|p| p.period < settling.period)
                .last()
                .map_or_else(
                    || terms.dates.effective_start(terms.first_due),
                    |p| p.due_date,
                );
            (interest_to_date(terms, principal, from, on)?, Money::ZERO)
        }
        PayoffPolicy::InterestToDate => (current_fee, Money::ZERO),
        PayoffPolicy::NotAllowed => return Err(PayoffError::NotAllowed),
    };
    let penalty = overdue_penalty.try_add(policy_penalty)?;
    let amount = Money::try_sum([principal, fee, penalty])?;
    let remaining_if_kept = remaining_if_kept(periods, overdue_penalty)?;
    Ok(PayoffQuote {
        amount,
        principal,
        fee,
        penalty,
        policy: terms.payoff,
        remaining_if_kept,
        saving: remaining_if_kept.try_sub(amount)?,
    })
}

/// What keeping the plan still costs: every open period's unpaid principal and fee (or
/// interest) as scheduled, plus `penalty_now` (the penalty and late fees owed today).
pub(crate) fn remaining_if_kept(
    periods: &[PeriodState],
    penalty_now: Money,
) -> Result<Money, Overflow> {
    Money::try_sum_results(
        periods
            .iter()
            .map(PeriodState::unpaid)
            .chain(std::iter::once(Ok(penalty_now))),
    )
}

/// Interest on `balance` by actual days from `from` to `on` (none before `from`): the daily
/// rate × days, or the annual rate × days / 360.
pub(crate) fn interest_to_date(
    terms: &PlanTerms,
    balance: Money,
    from: NaiveDate,
    on: NaiveDate,
) -> Result<Money, Overflow> {
    let days = u32::try_from((on - from).num_days().max(0)).map_err(|_| Overflow)?;
    let rate = if terms.fee.model.is_daily() {
        StretchRate::daily(terms.fee.rate, days)
    } else {
        StretchRate::annual_by_days(terms.fee.rate, days)
    };
    rate.interest_on(balance)
}

/// `round_half_up(amount × rate)` (a `penalty:R%` or `fee-on-remaining:R%` charge), or
/// [`Overflow`].
pub(crate) fn share_of(amount: Money, rate: Rate) -> Result<Money, Overflow> {
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
    fn saving_is_what_keeping_costs_less_the_payoff() {
        // 7 periods of 500.00 + 36.00 left: 3,752.00 still scheduled if kept.
        for (policy, saving) in [
            ("waive-remaining-fees", "252.00"),
            ("current-fee-due", "216.00"),
            ("all-fees-due", "0.00"),
            ("penalty:3%", "147.00"),
            ("fee-on-remaining:3.9%", "115.50"),
        ] {
            let q = quote_with(policy).unwrap();
            assert_eq!(q.remaining_if_kept.to_string(), "3752.00", "{policy}");
            assert_eq!(q.saving.to_string(), saving, "{policy}");
        }
        // Interest-free with a 3% penalty: paying off costs 3% of 3,500.00 = 105.00 more.
        let mut t = terms("6000", 12, FeeModel::InterestFree, "0");
        t.payoff = PayoffPolicy::parse("penalty:3%").unwrap();
        let states = states_after(&t, 5);
        let q = quote(&t, &states, states[4].due_date).unwrap();
        assert_eq!(
            (q.remaining_if_kept.to_string(), q.saving.to_string()),
            ("3500.00".into(), "-105.00".into())
        );
    }

    #[test]
    fn annuity_interest_to_date_by_actual_days() {
        let mut t = terms("10000", 12, FeeModel::Annuity, "15%");
        t.payoff = PayoffPolicy::InterestToDate;
        let states = states_after(&t, 1);
        // Period 1 (due 01-31) paid; paid off 02-15, 15 days later: 9,222.42 × 15% × 15 / 360
        // = 57.640125 → 57.64 (not one whole month's 115.28).
        let on = crate::domain::dates::parse_date("2025-02-15").unwrap();
        let q = quote(&t, &states, on).unwrap();
        assert_eq!(q.principal.to_string(), "9222.42");
        assert_eq!(q.fee.to_string(), "57.64");
        // On the day period 1 was due: no days, no interest.
        let q = quote(&t, &states, states[0].due_date).unwrap();
        assert_eq!(q.fee, Money::ZERO);
        // Nothing paid yet: from the start date (by default one month before the first due
        // date, 2024-12-31): 10,000.00 × 15% × 46 / 360 = 191.666… → 191.67.
        let q = quote(&t, &states_after(&t, 0), on).unwrap();
        assert_eq!(q.fee.to_string(), "191.67");
    }

    #[test]
    fn daily_rate_interest_to_date_and_fee_on_remaining() {
        // 10,000.00 at 0.05% a day, started 2025-01-10, first due 2025-02-10, nothing paid;
        // paid off 2025-01-25, 15 days in: 10,000.00 × 0.05% × 15 = 75.00.
        let mut t = terms("10000", 12, FeeModel::DailyEqualPrincipal, "0.05%");
        t.dates.start = crate::domain::dates::parse_date("2025-01-10").ok();
        t.first_due = crate::domain::dates::parse_date("2025-02-10").unwrap();
        t.payoff = PayoffPolicy::InterestToDate;
        let on = crate::domain::dates::parse_date("2025-01-25").unwrap();
        let q = quote(&t, &states_after(&t, 0), on).unwrap();
        assert_eq!(
            (q.fee.to_string(), q.amount.to_string()),
            ("75.00".into(), "10075.00".into())
        );
        // 小米分期's fee-on-remaining:3.9% after 5 of 12 periods of 6,000.00: remaining fees
        // waived, 3.9% of 3,500.00 = 136.50 as a fee, no penalty.
        let q = quote_with("fee-on-remaining:3.9%").unwrap();
        assert_eq!(
            (
                q.fee.to_string(),
                q.penalty.to_string(),
                q.amount.to_string()
            ),
            ("136.50".into(), "0.00".into(), "3636.50".into())
        );
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
