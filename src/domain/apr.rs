//! True annualised cost: APR and EAR by the IRR method (PBoC announcement 2021 No. 3).

use rust_decimal::Decimal;

use super::dates::Period;
use super::money::Money;
use super::schedule::power;

/// The annualised cost of a plan, as percents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnnualCost {
    /// The internal rate of return `i` per period (per month on monthly plans).
    pub monthly: Decimal,
    /// `periods a year × i` in percent.
    pub apr_percent: Decimal,
    /// `(1 + i)^(periods a year) − 1` in percent.
    pub ear_percent: Decimal,
}

/// When the payments fall, for the IRR: the period length, and whether the first payment is
/// due on the start date itself (k = 0, as pay-in-4's first) rather than one period after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Timing {
    pub every: Period,
    pub first_at_start: bool,
}

/// Why an IRR could not be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AprError {
    #[error("the plan has no payments")]
    NoPayments,
    #[error("the rate does not converge")]
    NoConvergence,
}

/// The solver stops when the bracket around `i` is narrower than this.
fn tolerance() -> Decimal {
    Decimal::new(1, 13)
}

/// `−P + Σ due_k / (1+i)^k` with k = 1, 2, … (k = 0, 1, … when `first_at_start`), evaluated
/// by Horner's rule; `None` on overflow.
fn net_present_value(
    principal: Decimal,
    dues: &[Decimal],
    periodic: Decimal,
    first_at_start: bool,
) -> Option<Decimal> {
    let discount = Decimal::ONE.checked_div(Decimal::ONE + periodic)?;
    let mut acc = Decimal::ZERO;
    for due in dues.iter().rev() {
        acc = acc.checked_add(*due)?.checked_mul(discount)?;
    }
    if first_at_start {
        acc = acc.checked_mul(Decimal::ONE + periodic)?;
    }
    acc.checked_sub(principal)
}

/// Solves `−P + Σ due_k / (1+i)^k = 0` for the periodic rate `i` by bisection to 1e-12, k
/// counting periods from the start; `apr = periods a year × i`, `ear = (1+i)^(periods a year)
/// − 1` with 12, 26, 52 or 365/N periods a year. A plan whose payments add up to exactly its
/// principal costs 0%.
pub fn annual_cost_timed(
    principal: Money,
    dues: &[Money],
    timing: Timing,
) -> Result<AnnualCost, AprError> {
    if dues.is_empty() || !principal.is_positive() {
        return Err(AprError::NoPayments);
    }
    let p = principal.decimal();
    let dues: Vec<Decimal> = dues.iter().map(|m| m.decimal()).collect();
    let total = dues
        .iter()
        .try_fold(Decimal::ZERO, |sum, due| sum.checked_add(*due))
        .ok_or(AprError::NoConvergence)?;
    let periodic = if total == p {
        Decimal::ZERO
    } else {
        bisect(p, &dues, total > p, timing.first_at_start)?
    };
    let growth =
        year_growth(Decimal::ONE + periodic, timing.every).ok_or(AprError::NoConvergence)?;
    let apr = periodic
        .checked_mul(timing.every.per_year())
        .and_then(|a| a.checked_mul(Decimal::ONE_HUNDRED))
        .ok_or(AprError::NoConvergence)?;
    Ok(AnnualCost {
        monthly: periodic,
        apr_percent: apr,
        ear_percent: (growth - Decimal::ONE)
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or(AprError::NoConvergence)?,
    })
}

/// `factor^(periods a year)`: a whole power for months, two weeks and weeks; for N days
/// `factor^(365 / N)` as `factor^q × (factor^r)^(1/N)` with `365 = q·N + r`.
fn year_growth(factor: Decimal, every: Period) -> Option<Decimal> {
    match every {
        Period::Month => power(factor, 12),
        Period::Days(14) => power(factor, 26),
        Period::Days(7) => power(factor, 52),
        Period::Days(n) => {
            let whole = power(factor, 365 / n)?;
            let rest = power(factor, 365 % n)?;
            whole.checked_mul(nth_root(rest, n)?)
        }
    }
}

/// The positive `n`-th root of a positive `x` by bisection, to about 1e-24.
fn nth_root(x: Decimal, n: u32) -> Option<Decimal> {
    if n <= 1 || x == Decimal::ONE {
        return Some(x);
    }
    let (mut low, mut high) = if x > Decimal::ONE {
        (Decimal::ONE, x)
    } else {
        (x, Decimal::ONE)
    };
    let tolerance = Decimal::new(1, 24);
    for _ in 0..200 {
        if high - low < tolerance {
            break;
        }
        let mid = (low + high) / Decimal::TWO;
        match power(mid, n) {
            Some(value) if value <= x => low = mid,
            _ => high = mid,
        }
    }
    Some((low + high) / Decimal::TWO)
}

/// Brackets the root (positive when the plan costs more than its principal) and bisects it.
fn bisect(
    principal: Decimal,
    dues: &[Decimal],
    positive: bool,
    first_at_start: bool,
) -> Result<Decimal, AprError> {
    let npv = |i: Decimal| {
        net_present_value(principal, dues, i, first_at_start).ok_or(AprError::NoConvergence)
    };
    let (mut low, mut high) = if positive {
        let mut high = Decimal::ONE;
        while npv(high)? > Decimal::ZERO {
            high *= Decimal::TWO;
            if high > Decimal::from(1_000_000) {
                return Err(AprError::NoConvergence);
            }
        }
        (Decimal::ZERO, high)
    } else {
        (Decimal::new(-99, 2), Decimal::ZERO)
    };
    if npv(low)? < Decimal::ZERO {
        return Err(AprError::NoConvergence);
    }
    for _ in 0..200 {
        if high - low < tolerance() {
            break;
        }
        let mid = (low + high) / Decimal::TWO;
        if npv(mid)? > Decimal::ZERO {
            low = mid;
        } else {
            high = mid;
        }
    }
    Ok((low + high) / Decimal::TWO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rate::percent4;

    #[test]
    fn worked_example_of_the_money_rules() {
        let dues = vec![Money::from_cents(53_600); 12];
        let cost = annual_cost_timed(Money::from_cents(600_000), &dues, Timing::default()).unwrap();
        assert_eq!(percent4(cost.apr_percent), "13.0342");
        assert_eq!(percent4(cost.ear_percent), "13.8418");
    }

    #[test]
    fn zero_fee_costs_nothing() {
        let dues = vec![Money::from_cents(10_000); 3];
        let cost = annual_cost_timed(Money::from_cents(30_000), &dues, Timing::default()).unwrap();
        assert_eq!(percent4(cost.apr_percent), "0.0000");
        assert_eq!(percent4(cost.ear_percent), "0.0000");
    }

    #[test]
    fn annuity_apr_matches_its_nominal_rate() {
        let schedule = crate::domain::schedule::build(&crate::domain::schedule::tests::terms(
            "10000",
            12,
            crate::domain::terms::FeeModel::Annuity,
            "15%",
        ))
        .unwrap();
        let dues: Vec<Money> = schedule.iter().map(|i| i.amount).collect();
        let cost =
            annual_cost_timed(Money::from_cents(1_000_000), &dues, Timing::default()).unwrap();
        let apr = percent4(cost.apr_percent);
        assert!(
            apr.starts_with("15.00") || apr.starts_with("14.99"),
            "{apr}"
        );
    }

    #[test]
    fn no_payments_is_an_error() {
        assert_eq!(
            annual_cost_timed(Money::from_cents(100), &[], Timing::default()),
            Err(AprError::NoPayments)
        );
    }
}
