//! Partial prepayment on annuity plans: keep the term (lower payment) or shorten it (same payment).

use chrono::NaiveDate;

use super::interest::StretchRate;
use super::money::{Money, Overflow};
use super::payoff::share_of;
use super::period_state::PeriodState;
use super::schedule::{Installment, ScheduleError, level_payment, level_payment_parts};
use super::terms::{FeeModel, PayoffPolicy, PlanTerms};

/// What a partial prepayment changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrepayMode {
    /// Same number of periods, lower payment.
    KeepTerm,
    /// Same payment, fewer periods.
    ShortenTerm,
}

impl PrepayMode {
    pub(crate) fn from_code(code: &str) -> Option<PrepayMode> {
        match code {
            "keep-term" => Some(PrepayMode::KeepTerm),
            "shorten-term" => Some(PrepayMode::ShortenTerm),
            _ => None,
        }
    }

    pub(crate) fn code(self) -> &'static str {
        match self {
            PrepayMode::KeepTerm => "keep-term",
            PrepayMode::ShortenTerm => "shorten-term",
        }
    }
}

/// The principal and interest parts of the periods left after a prepayment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reschedule {
    pub principals: Vec<Money>,
    pub interests: Vec<Money>,
}

/// Why a prepayment cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrepayError {
    #[error("the prepayment must be more than zero and less than the balance")]
    OutOfRange,
    #[error("the payment does not cover the interest")]
    PaymentTooSmall,
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error("partial prepayment is only for annuity plans")]
    NotAnnuity,
    #[error("this plan does not allow early repayment")]
    NotAllowed,
    #[error("this plan is already fully paid")]
    NothingOwed,
    /// A period due by the prepayment's date is unpaid, or the next one is partly paid.
    #[error("pay what is due first")]
    NotCurrent,
}

/// A partial prepayment priced on a date: what is paid, and the periods left after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrepayQuote {
    /// Principal plus the policy's charge.
    pub amount: Money,
    /// The principal prepaid.
    pub principal: Money,
    /// What the payoff policy charges for prepaying: `penalty:R%` charges R% of the principal;
    /// the other policies nothing.
    pub penalty: Money,
    pub policy: PayoffPolicy,
    pub mode: PrepayMode,
    /// The periods left, rescheduled, starting with the next one due.
    pub schedule: Vec<Installment>,
}

impl From<Overflow> for PrepayError {
    fn from(overflow: Overflow) -> Self {
        PrepayError::Schedule(overflow.into())
    }
}

/// Prices prepaying `principal` of an annuity plan on `on`, the periods left rescheduled by
/// `mode` from the next due date: the balance after the prepayment pays interest from then on.
/// Every period due by `on` must be paid and the next one not started.
pub(crate) fn quote_prepayment(
    terms: &PlanTerms,
    periods: &[PeriodState],
    on: NaiveDate,
    principal: Money,
    mode: PrepayMode,
) -> Result<PrepayQuote, PrepayError> {
    if terms.fee.model != FeeModel::Annuity {
        return Err(PrepayError::NotAnnuity);
    }
    let penalty = match terms.payoff {
        PayoffPolicy::NotAllowed => return Err(PrepayError::NotAllowed),
        PayoffPolicy::Penalty(rate) => share_of(principal, rate)?,
        _ => Money::ZERO,
    };
    let open: Vec<&PeriodState> = periods.iter().filter(|p| !p.is_settled()).collect();
    let next = open.first().ok_or(PrepayError::NothingOwed)?;
    if next.due_date <= on || next.paid_principal.is_positive() || next.paid_fee.is_positive() {
        return Err(PrepayError::NotCurrent);
    }
    let balance = Money::try_sum(open.iter().map(|p| p.unpaid_principal()))?;
    let payment = next.principal.try_add(next.fee)?;
    let remaining = u32::try_from(open.len()).map_err(|_| PrepayError::OutOfRange)?;
    let parts = reschedule(
        balance,
        principal,
        StretchRate::annual_per_period(terms.fee.rate, terms.dates.every),
        remaining,
        payment,
        mode,
    )?;
    let mut left = balance.saturating_sub(principal);
    let schedule = parts
        .principals
        .iter()
        .zip(&parts.interests)
        .zip(&open)
        .map(|((&principal, &interest), period)| {
            left = left.saturating_sub(principal);
            Ok(Installment {
                period: period.period,
                due_date: period.due_date,
                amount: principal.try_add(interest)?,
                principal,
                fee: interest,
                remaining_principal: left,
            })
        })
        .collect::<Result<_, Overflow>>()?;
    Ok(PrepayQuote {
        amount: principal.try_add(penalty)?,
        principal,
        penalty,
        policy: terms.payoff,
        mode,
        schedule,
    })
}

/// Recomputes the remaining periods of an annuity after `prepaid` comes off `balance`.
///
/// `remaining_periods` and `payment` describe the schedule before the prepayment; `rate` is
/// the plan's interest rate for one period.
pub(crate) fn reschedule(
    balance: Money,
    prepaid: Money,
    rate: StretchRate,
    remaining_periods: u32,
    payment: Money,
    mode: PrepayMode,
) -> Result<Reschedule, PrepayError> {
    if !prepaid.is_positive() || prepaid >= balance || remaining_periods == 0 {
        return Err(PrepayError::OutOfRange);
    }
    let new_balance = balance.saturating_sub(prepaid);
    let (principals, interests) = match mode {
        PrepayMode::KeepTerm => {
            let new_payment = level_payment(new_balance, rate, remaining_periods)?;
            let rates = vec![rate; remaining_periods as usize];
            level_payment_parts(new_balance, &rates, new_payment)?
        }
        PrepayMode::ShortenTerm => {
            let periods = periods_to_repay(new_balance, rate, payment, remaining_periods)?;
            level_payment_parts(new_balance, &vec![rate; periods as usize], payment)?
        }
    };
    Ok(Reschedule {
        principals,
        interests,
    })
}

/// How many level payments of `payment` repay `balance` (at most `limit`).
fn periods_to_repay(
    balance: Money,
    rate: StretchRate,
    payment: Money,
    limit: u32,
) -> Result<u32, PrepayError> {
    let mut left = balance;
    for period in 1..=limit {
        let interest = rate.interest_on(left)?;
        if payment <= interest {
            return Err(PrepayError::PaymentTooSmall);
        }
        let principal = payment.saturating_sub(interest);
        if principal >= left {
            return Ok(period);
        }
        left = left.saturating_sub(principal);
    }
    Ok(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fifteen_percent_a_month() -> StretchRate {
        StretchRate::annual_per_period(
            crate::domain::Rate::parse("15%").unwrap(),
            crate::domain::Period::Month,
        )
    }

    /// 5,000.00 prepaid off a 10,000.00 balance at 15% a year, 12 payments of 902.58 left.
    fn half_prepaid(mode: PrepayMode) -> Reschedule {
        reschedule(
            Money::from_cents(1_000_000),
            Money::from_cents(500_000),
            fifteen_percent_a_month(),
            12,
            Money::from_cents(90_258),
            mode,
        )
        .unwrap()
    }

    #[test]
    fn keep_term_lowers_the_payment() {
        let r = half_prepaid(PrepayMode::KeepTerm);
        assert_eq!(r.principals.len(), 12);
        let first = r.principals[0].cents() + r.interests[0].cents();
        assert_eq!(first, 45_129);
        let total: i64 = r.principals.iter().map(|m| m.cents()).sum();
        assert_eq!(total, 500_000);
    }

    #[test]
    fn shorten_term_keeps_the_payment() {
        let r = half_prepaid(PrepayMode::ShortenTerm);
        assert!(r.principals.len() < 12);
        let total: i64 = r.principals.iter().map(|m| m.cents()).sum();
        assert_eq!(total, 500_000);
        assert_eq!(r.principals[0].cents() + r.interests[0].cents(), 90_258);
    }

    #[test]
    fn refuses_out_of_range() {
        let refused = reschedule(
            Money::from_cents(100),
            Money::from_cents(100),
            fifteen_percent_a_month(),
            3,
            Money::from_cents(40),
            PrepayMode::KeepTerm,
        );
        assert_eq!(refused, Err(PrepayError::OutOfRange));
    }

    /// 10,000.00 at 15% a year over 12 months (902.58 a month, due on the last day from
    /// 2025-01-31), period 1 paid: 9,222.42 owed.
    fn one_period_paid(policy: &str) -> (PlanTerms, Vec<PeriodState>) {
        use crate::domain::payoff::tests::states_after;
        use crate::domain::schedule::tests::terms;
        let mut terms = terms("10000", 12, FeeModel::Annuity, "15%");
        terms.payoff = PayoffPolicy::parse(policy).unwrap();
        let states = states_after(&terms, 1);
        (terms, states)
    }

    fn day(text: &str) -> NaiveDate {
        crate::domain::dates::parse_date(text).unwrap()
    }

    #[test]
    fn a_quote_reschedules_the_periods_left() {
        let (terms, states) = one_period_paid("waive-remaining-fees");
        let five_thousand = Money::from_cents(500_000);
        let on = day("2025-02-10");
        // Keep term: 4,222.42 over 11 periods at 1.25% a month: 413.24 a month; period 2's
        // interest is 4,222.42 × 1.25% = 52.78025 → 52.78; the last settles the balance.
        let keep =
            quote_prepayment(&terms, &states, on, five_thousand, PrepayMode::KeepTerm).unwrap();
        assert_eq!(keep.amount, five_thousand);
        assert_eq!(keep.penalty, Money::ZERO);
        assert_eq!(keep.schedule.len(), 11);
        let first = &keep.schedule[0];
        assert_eq!((first.period, first.due_date), (2, day("2025-02-28")));
        assert_eq!(first.amount.to_string(), "413.24");
        assert_eq!(first.fee.to_string(), "52.78");
        assert_eq!(keep.schedule[10].amount.to_string(), "413.25");
        let principal: i64 = keep.schedule.iter().map(|i| i.principal.cents()).sum();
        assert_eq!(principal, 422_242);
        assert_eq!(keep.schedule[10].remaining_principal, Money::ZERO);
        // Shorten term: 902.58 a month repays 4,222.42 in 5 periods, the last 768.44.
        let shorten =
            quote_prepayment(&terms, &states, on, five_thousand, PrepayMode::ShortenTerm).unwrap();
        let amounts: Vec<String> = shorten
            .schedule
            .iter()
            .map(|i| i.amount.to_string())
            .collect();
        assert_eq!(amounts, ["902.58", "902.58", "902.58", "902.58", "768.44"]);
        assert_eq!(shorten.schedule[4].due_date, day("2025-06-30"));
        // A penalty policy charges its rate on the principal prepaid: 3% of 5,000.00.
        let (terms, states) = one_period_paid("penalty:3%");
        let charged =
            quote_prepayment(&terms, &states, on, five_thousand, PrepayMode::KeepTerm).unwrap();
        assert_eq!(charged.penalty.to_string(), "150.00");
        assert_eq!(charged.amount.to_string(), "5150.00");
    }

    #[test]
    fn a_quote_is_refused_unless_the_plan_is_a_current_annuity() {
        let (terms, states) = one_period_paid("waive-remaining-fees");
        let quote = |terms: &PlanTerms, states: &[PeriodState], on: &str, cents: i64| {
            quote_prepayment(
                terms,
                states,
                day(on),
                Money::from_cents(cents),
                PrepayMode::KeepTerm,
            )
        };
        // Period 2 is due on 02-28: unpaid then, it must be paid first.
        assert_eq!(
            quote(&terms, &states, "2025-02-28", 100),
            Err(PrepayError::NotCurrent)
        );
        let mut started = states.clone();
        started[1].paid_fee = Money::from_cents(100);
        assert_eq!(
            quote(&terms, &started, "2025-02-10", 100),
            Err(PrepayError::NotCurrent)
        );
        assert_eq!(
            quote(&terms, &states, "2025-02-10", 922_242),
            Err(PrepayError::OutOfRange)
        );
        let (not_allowed, states) = one_period_paid("not-allowed");
        assert_eq!(
            quote(&not_allowed, &states, "2025-02-10", 100),
            Err(PrepayError::NotAllowed)
        );
        let mut flat = terms.clone();
        flat.fee.model = FeeModel::MonthlyFee;
        assert_eq!(
            quote(&flat, &states, "2025-02-10", 100),
            Err(PrepayError::NotAnnuity)
        );
    }
}
