//! The repayment schedule: each period's due date, principal part and fee or interest part.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::dates::DateRuleError;
use super::interest::StretchRate;
use super::money::{Money, Overflow};
use super::rate::Rate;
use super::terms::{FeeModel, FeeTerms, MAX_PERIODS, PlanTerms, Remainder};

/// One period of a schedule as signed (before any payment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Installment {
    pub period: u32,
    pub due_date: NaiveDate,
    pub amount: Money,
    pub principal: Money,
    /// The fee part, or the interest part on the interest models.
    pub fee: Money,
    pub remaining_principal: Money,
}

/// Why terms do not make a schedule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("periods must be from 1 to {MAX_PERIODS}")]
    PeriodsOutOfRange,
    #[error("principal must be more than zero")]
    ZeroPrincipal,
    #[error("fee-free period {0} is outside the plan")]
    FreePeriodOutOfRange(u32),
    #[error("a due date falls outside the calendar")]
    DateOutOfRange,
    #[error("amounts too large to compute exactly")]
    Overflow,
    #[error("this fee option does not apply to this fee model")]
    OptionNotForModel,
    #[error("a discount cannot be more than 100%")]
    DiscountTooLarge,
    /// The start date, period length or due-date rule do not make due dates.
    #[error(transparent)]
    Dates(DateRuleError),
}

impl From<Overflow> for ScheduleError {
    fn from(_: Overflow) -> Self {
        ScheduleError::Overflow
    }
}

impl From<DateRuleError> for ScheduleError {
    fn from(e: DateRuleError) -> Self {
        match e {
            DateRuleError::OutOfCalendar => ScheduleError::DateOutOfRange,
            other => ScheduleError::Dates(other),
        }
    }
}

/// Splits `total` into `n` parts: `round_down(total / n)` each, the remainder on the first or last.
/// The parts always sum to `total` exactly.
pub(crate) fn split_evenly(
    total: Money,
    n: u32,
    remainder: Remainder,
) -> Result<Vec<Money>, Overflow> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let base = Money::round_down(total.decimal() / Decimal::from(n));
    let rest = total.try_sub(base.checked_mul_int(i64::from(n)).ok_or(Overflow)?)?;
    let mut parts = vec![base; n as usize];
    let index = match remainder {
        Remainder::Last => n as usize - 1,
        Remainder::First => 0,
    };
    parts[index] = base.try_add(rest)?;
    Ok(parts)
}

/// The unrounded annuity payment `P·r·(1+r)^n / ((1+r)^n − 1)`; `P / n` when `r` is zero.
pub(crate) fn annuity_payment(
    principal: Decimal,
    periodic: Decimal,
    periods: u32,
) -> Option<Decimal> {
    if periods == 0 {
        return None;
    }
    if periodic.is_zero() {
        return principal.checked_div(Decimal::from(periods));
    }
    let interest_only = principal.checked_mul(periodic)?;
    // P·r × (g / (g − 1)) with g = (1+r)^n, so that a large g never multiplies P. When g itself
    // exceeds Decimal's range (high rates over many periods, e.g. 300% a year over 360 months),
    // g / (g − 1) is 1 to all 28 digits and the payment is P·r.
    let factor = match power(Decimal::ONE + periodic, periods) {
        Some(growth) => growth.checked_div(growth - Decimal::ONE)?,
        None => Decimal::ONE,
    };
    interest_only.checked_mul(factor)
}

/// `base^n` by repeated squaring with checked multiplication.
pub(crate) fn power(base: Decimal, n: u32) -> Option<Decimal> {
    let (mut result, mut factor, mut exp) = (Decimal::ONE, base, n);
    while exp > 0 {
        if exp & 1 == 1 {
            result = result.checked_mul(factor)?;
        }
        exp >>= 1;
        if exp > 0 {
            factor = factor.checked_mul(factor)?;
        }
    }
    Some(result)
}

/// Checks that the terms are well formed before any arithmetic.
pub(crate) fn validate(terms: &PlanTerms) -> Result<(), ScheduleError> {
    due_dates(terms).map(|_| ())
}

/// Checks the terms and gives every period's due date.
pub(crate) fn due_dates(terms: &PlanTerms) -> Result<Vec<NaiveDate>, ScheduleError> {
    if terms.periods == 0 || terms.periods > MAX_PERIODS {
        return Err(ScheduleError::PeriodsOutOfRange);
    }
    if !terms.principal.is_positive() {
        return Err(ScheduleError::ZeroPrincipal);
    }
    let fee = &terms.fee;
    let fee_options =
        fee.discount.is_some() || !fee.free_periods.is_empty() || fee.min_fee.is_some();
    if !fee.model.is_fee_based() && fee_options {
        return Err(ScheduleError::OptionNotForModel);
    }
    if let Some(discount) = fee.discount {
        check_discount(discount)?;
    }
    if let Some(&bad) = fee
        .free_periods
        .iter()
        .find(|&&p| p == 0 || p > terms.periods)
    {
        return Err(ScheduleError::FreePeriodOutOfRange(bad));
    }
    Ok(terms.dates.due_dates(terms.first_due, terms.periods)?)
}

/// A fee discount keeps at most the whole fee (100%).
pub(crate) fn check_discount(discount: Rate) -> Result<(), ScheduleError> {
    if discount.fraction() > Decimal::ONE {
        return Err(ScheduleError::DiscountTooLarge);
    }
    Ok(())
}

/// Builds the schedule the money rules of PRODUCT.md define, one entry per period.
pub fn build(terms: &PlanTerms) -> Result<Vec<Installment>, ScheduleError> {
    let dates = due_dates(terms)?;
    let rates = period_rates(terms, &dates);
    let (principals, fees) = match terms.fee.model {
        FeeModel::Annuity | FeeModel::DailyAnnuity => {
            let payment = level_payment(terms.principal, nominal_rate(terms), terms.periods)?;
            level_payment_parts(terms.principal, &rates, payment)?
        }
        FeeModel::EqualPrincipal | FeeModel::DailyEqualPrincipal => {
            let principals = split_evenly(terms.principal, terms.periods, terms.remainder)?;
            let interests = interest_parts(terms.principal, &principals, &rates)?;
            (principals, interests)
        }
        FeeModel::InterestOnly | FeeModel::DailyInterestOnly => {
            let mut principals = vec![Money::ZERO; terms.periods as usize];
            principals[terms.periods as usize - 1] = terms.principal;
            let interests = interest_parts(terms.principal, &principals, &rates)?;
            (principals, interests)
        }
        FeeModel::MonthlyFee
        | FeeModel::TotalFee
        | FeeModel::UpfrontFee
        | FeeModel::InterestFree => {
            let principals = split_evenly(terms.principal, terms.periods, terms.remainder)?;
            (principals, fee_parts(terms)?)
        }
    };
    let mut remaining = terms.principal;
    let mut schedule = Vec::with_capacity(terms.periods as usize);
    for (period, ((principal, fee), due_date)) in
        (1u32..).zip(principals.into_iter().zip(fees).zip(dates))
    {
        remaining = remaining
            .checked_sub(principal)
            .ok_or(ScheduleError::Overflow)?;
        schedule.push(Installment {
            period,
            due_date,
            amount: principal.checked_add(fee).ok_or(ScheduleError::Overflow)?,
            principal,
            fee,
            remaining_principal: remaining,
        });
    }
    Ok(schedule)
}

/// Each period's interest rate on the interest models: one period of the annual rate, or the
/// daily rate times the days since the previous due date (period 1: since the start date).
/// Empty for the fee models.
pub(crate) fn period_rates(terms: &PlanTerms, dates: &[NaiveDate]) -> Vec<StretchRate> {
    let rate = terms.fee.rate;
    if terms.fee.model.is_daily() {
        let mut previous = terms.dates.effective_start(terms.first_due);
        dates
            .iter()
            .map(|&due| {
                let days = (due - previous).num_days().max(0);
                previous = due;
                StretchRate::daily(rate, u32::try_from(days).unwrap_or(u32::MAX))
            })
            .collect()
    } else if terms.fee.model.is_interest_based() {
        vec![StretchRate::annual_per_period(rate, terms.dates.every); dates.len()]
    } else {
        Vec::new()
    }
}

/// The rate a level payment is computed from: one period of the annual rate, or the daily
/// rate × 30 a month (× N for N-day periods).
pub(crate) fn nominal_rate(terms: &PlanTerms) -> StretchRate {
    if terms.fee.model.is_daily() {
        StretchRate::daily(terms.fee.rate, terms.dates.every.nominal_days())
    } else {
        StretchRate::annual_per_period(terms.fee.rate, terms.dates.every)
    }
}

/// The level payment of `principal` over `periods` at `rate` a period, rounded half up.
pub(crate) fn level_payment(
    principal: Money,
    rate: StretchRate,
    periods: u32,
) -> Result<Money, ScheduleError> {
    rate.approx()
        .and_then(|r| annuity_payment(principal.decimal(), r, periods))
        .and_then(Money::checked_round_half_up)
        .ok_or(ScheduleError::Overflow)
}

/// Applies the discount (fee × d, rounded half-up) to a fee.
fn discounted(fee: Money, fee_terms: &FeeTerms) -> Result<Money, ScheduleError> {
    match fee_terms.discount {
        None => Ok(fee),
        Some(d) => fee
            .decimal()
            .checked_mul(d.fraction())
            .and_then(Money::checked_round_half_up)
            .ok_or(ScheduleError::Overflow),
    }
}

/// Fee parts for the flat, total, upfront and interest-free models.
fn fee_parts(terms: &PlanTerms) -> Result<Vec<Money>, ScheduleError> {
    let fee_terms = &terms.fee;
    let n = terms.periods;
    let base_fee = terms
        .principal
        .decimal()
        .checked_mul(fee_terms.rate.fraction())
        .and_then(Money::checked_round_half_up)
        .ok_or(ScheduleError::Overflow)?;
    let fee = discounted(base_fee, fee_terms)?;
    let mut parts = match fee_terms.model {
        FeeModel::MonthlyFee => vec![fee; n as usize],
        FeeModel::TotalFee => split_evenly(fee, n, terms.remainder)?,
        FeeModel::UpfrontFee => {
            let mut parts = vec![Money::ZERO; n as usize];
            parts[0] = fee;
            parts
        }
        _ => vec![Money::ZERO; n as usize],
    };
    if let Some(min) = fee_terms.min_fee {
        // Upfront: only period 1 carries a fee.
        let charging = match fee_terms.model {
            FeeModel::UpfrontFee => 1,
            _ => parts.len(),
        };
        for part in parts.iter_mut().take(charging) {
            *part = (*part).max(min);
        }
    }
    for &free in &fee_terms.free_periods {
        parts[free as usize - 1] = Money::ZERO;
    }
    Ok(parts)
}

type Parts = (Vec<Money>, Vec<Money>);

/// Principal and interest parts of a level `payment` on `balance`, period k's interest at
/// `rates[k]`; the last period takes whatever balance is left.
pub(crate) fn level_payment_parts(
    balance: Money,
    rates: &[StretchRate],
    payment: Money,
) -> Result<Parts, ScheduleError> {
    let mut balance = balance;
    let mut principals = Vec::with_capacity(rates.len());
    let mut interests = Vec::with_capacity(rates.len());
    for (index, rate) in rates.iter().enumerate() {
        let interest = rate.interest_on(balance)?;
        let principal = if index + 1 == rates.len() {
            balance
        } else {
            payment.saturating_sub(interest).min(balance)
        };
        balance = balance.saturating_sub(principal);
        principals.push(principal);
        interests.push(interest);
    }
    Ok((principals, interests))
}

/// Interest on the balance before each period, the principal parts coming off it.
fn interest_parts(
    principal: Money,
    principals: &[Money],
    rates: &[StretchRate],
) -> Result<Vec<Money>, ScheduleError> {
    let mut balance = principal;
    let mut interests = Vec::with_capacity(principals.len());
    for (part, rate) in principals.iter().zip(rates) {
        interests.push(rate.interest_on(balance)?);
        balance = balance.saturating_sub(*part);
    }
    Ok(interests)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::dates::DateTerms;
    use crate::domain::rate::Rate;
    use crate::domain::terms::{OverdueTerms, PayoffPolicy};

    pub(crate) fn terms(principal: &str, periods: u32, model: FeeModel, rate: &str) -> PlanTerms {
        PlanTerms {
            principal: Money::parse(principal).unwrap(),
            periods,
            fee: FeeTerms {
                model,
                rate: Rate::parse(rate).unwrap(),
                discount: None,
                free_periods: vec![],
                min_fee: None,
            },
            remainder: Remainder::Last,
            first_due: NaiveDate::from_ymd_opt(2025, 1, 31).unwrap(),
            payoff: PayoffPolicy::default(),
            overdue: OverdueTerms::default(),
            dates: DateTerms::default(),
        }
    }

    fn cents(v: &[Money]) -> Vec<i64> {
        v.iter().map(|m| m.cents()).collect()
    }

    #[test]
    fn flat_monthly_fee_6000_over_12() {
        let s = build(&terms("6000", 12, FeeModel::MonthlyFee, "0.6%")).unwrap();
        assert!(s.iter().all(|i| i.amount.to_string() == "536.00"));
        assert!(s.iter().all(|i| i.fee.to_string() == "36.00"));
        assert_eq!(s[11].remaining_principal, Money::ZERO);
        assert_eq!(s[1].due_date.to_string(), "2025-02-28");
        assert_eq!(s[2].due_date.to_string(), "2025-03-31");
    }

    #[test]
    fn cmb_40000_over_24_at_068() {
        let s = build(&terms("40000", 24, FeeModel::MonthlyFee, "0.68%")).unwrap();
        assert!(s.iter().all(|i| i.fee.to_string() == "272.00"));
        let total: i64 = s.iter().map(|i| i.fee.cents()).sum();
        assert_eq!(total, 652_800);
        assert_eq!(s[0].principal.to_string(), "1666.66");
        assert_eq!(s[23].principal.to_string(), "1666.82");
    }

    #[test]
    fn remainder_first() {
        let mut t = terms("100", 3, FeeModel::InterestFree, "0");
        t.remainder = Remainder::First;
        let s = build(&t).unwrap();
        let principals: Vec<_> = s.iter().map(|i| i.principal).collect();
        assert_eq!(cents(&principals), vec![3334, 3333, 3333]);
    }

    #[test]
    fn total_fee_split_like_principal() {
        let s = build(&terms("1000", 3, FeeModel::TotalFee, "10%")).unwrap();
        let fees: Vec<_> = s.iter().map(|i| i.fee).collect();
        assert_eq!(cents(&fees), vec![3333, 3333, 3334]);
    }

    #[test]
    fn upfront_fee_on_period_one() {
        let s = build(&terms("1200", 12, FeeModel::UpfrontFee, "6%")).unwrap();
        assert_eq!(s[0].amount.to_string(), "172.00");
        assert_eq!(s[1].amount.to_string(), "100.00");
    }

    #[test]
    fn discount_and_free_periods() {
        let mut t = terms("6000", 12, FeeModel::MonthlyFee, "0.6%");
        t.fee.discount = Some(Rate::parse("80%").unwrap());
        t.fee.free_periods = vec![1, 2, 3];
        let s = build(&t).unwrap();
        assert_eq!(s[0].fee, Money::ZERO);
        assert_eq!(s[3].fee.to_string(), "28.80");
    }

    #[test]
    fn annuity_10000_over_12_at_15() {
        let s = build(&terms("10000", 12, FeeModel::Annuity, "15%")).unwrap();
        assert_eq!(s[0].amount.to_string(), "902.58");
        assert_eq!(s[0].fee.to_string(), "125.00");
        assert_eq!(s[0].principal.to_string(), "777.58");
        let principal: i64 = s.iter().map(|i| i.principal.cents()).sum();
        assert_eq!(principal, 1_000_000);
        assert_eq!(s[11].remaining_principal, Money::ZERO);
    }

    #[test]
    fn annuity_at_rates_whose_growth_overflows_decimal() {
        // 1.5733…^147 and 1.25^360 are beyond Decimal's 7.9e28: the payment is P·r.
        let s = build(&terms("0.01", 147, FeeModel::Annuity, "688%")).unwrap();
        assert_eq!(s.iter().map(|i| i.principal.cents()).sum::<i64>(), 1);
        let s = build(&terms("10000", 360, FeeModel::Annuity, "300%")).unwrap();
        assert_eq!(s[0].amount.to_string(), "2500.00");
        assert_eq!(s[0].fee.to_string(), "2500.00");
        assert_eq!(s[359].principal.to_string(), "10000.00");
        // (1+r)^n fits, but P·r·(1+r)^n alone would not.
        let s = build(&terms("1842.99", 330, FeeModel::Annuity, "242%")).unwrap();
        assert_eq!(s[0].amount.to_string(), "371.67");
    }

    #[test]
    fn equal_principal_interest_falls() {
        let s = build(&terms("12000", 12, FeeModel::EqualPrincipal, "12%")).unwrap();
        assert_eq!(s[0].amount.to_string(), "1120.00");
        assert_eq!(s[11].amount.to_string(), "1010.00");
    }

    #[test]
    fn rejects_bad_terms() {
        assert_eq!(
            build(&terms("6000", 0, FeeModel::MonthlyFee, "0.6%")),
            Err(ScheduleError::PeriodsOutOfRange)
        );
        let mut t = terms("6000", 3, FeeModel::MonthlyFee, "0.6%");
        t.fee.free_periods = vec![4];
        assert_eq!(build(&t), Err(ScheduleError::FreePeriodOutOfRange(4)));
        let mut t = terms("6000", 3, FeeModel::Annuity, "6%");
        t.fee.discount = Some(Rate::parse("80%").unwrap());
        assert_eq!(build(&t), Err(ScheduleError::OptionNotForModel));
    }
}
