//! Partial prepayment on annuity plans: keep the term (lower payment) or shorten it (same payment).

use rust_decimal::Decimal;

use super::money::Money;
use super::schedule::{ScheduleError, annuity_payment, interest_on, level_payment_parts};

/// What a partial prepayment changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrepayMode {
    /// Same number of periods, lower payment.
    KeepTerm,
    /// Same payment, fewer periods.
    ShortenTerm,
}

impl PrepayMode {
    pub fn from_code(code: &str) -> Option<PrepayMode> {
        match code {
            "keep-term" => Some(PrepayMode::KeepTerm),
            "shorten-term" => Some(PrepayMode::ShortenTerm),
            _ => None,
        }
    }
}

/// The principal and interest parts of the periods left after a prepayment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reschedule {
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
}

/// Recomputes the remaining periods of an annuity after `prepaid` comes off `balance`.
///
/// `remaining_periods` and `payment` describe the schedule before the prepayment; `annual` is
/// the plan's annual rate as a fraction.
pub fn reschedule(
    balance: Money,
    prepaid: Money,
    annual: Decimal,
    remaining_periods: u32,
    payment: Money,
    mode: PrepayMode,
) -> Result<Reschedule, PrepayError> {
    if !prepaid.is_positive() || prepaid >= balance || remaining_periods == 0 {
        return Err(PrepayError::OutOfRange);
    }
    let new_balance = balance.saturating_sub(prepaid);
    let monthly = annual / Decimal::from(12);
    let (principals, interests) = match mode {
        PrepayMode::KeepTerm => {
            let new_payment = annuity_payment(new_balance.decimal(), monthly, remaining_periods)
                .map(Money::round_half_up)
                .ok_or(ScheduleError::Overflow)?;
            level_payment_parts(new_balance, monthly, new_payment, remaining_periods)?
        }
        PrepayMode::ShortenTerm => {
            let periods = periods_to_repay(new_balance, monthly, payment, remaining_periods)?;
            level_payment_parts(new_balance, monthly, payment, periods)?
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
    monthly: Decimal,
    payment: Money,
    limit: u32,
) -> Result<u32, PrepayError> {
    let mut left = balance;
    for period in 1..=limit {
        let interest = interest_on(left, monthly)?;
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

    /// 5,000.00 prepaid off a 10,000.00 balance at 15% a year, 12 payments of 902.58 left.
    fn half_prepaid(mode: PrepayMode) -> Reschedule {
        reschedule(
            Money::from_cents(1_000_000),
            Money::from_cents(500_000),
            Decimal::new(15, 2),
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
            Decimal::new(15, 2),
            3,
            Money::from_cents(40),
            PrepayMode::KeepTerm,
        );
        assert_eq!(refused, Err(PrepayError::OutOfRange));
    }
}
