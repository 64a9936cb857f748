//! True annualised cost: APR and EAR by the IRR method (PBoC announcement 2021 No. 3).

use rust_decimal::Decimal;

use super::money::Money;
use super::schedule::power;

/// The annualised cost of a plan, as percents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnnualCost {
    /// The monthly internal rate of return `i`.
    pub monthly: Decimal,
    /// `12 × i` in percent.
    pub apr_percent: Decimal,
    /// `(1 + i)^12 − 1` in percent.
    pub ear_percent: Decimal,
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

/// `−P + Σ due_k / (1+i)^k`, evaluated by Horner's rule; `None` on overflow.
fn net_present_value(principal: Decimal, dues: &[Decimal], monthly: Decimal) -> Option<Decimal> {
    let discount = Decimal::ONE.checked_div(Decimal::ONE + monthly)?;
    let mut acc = Decimal::ZERO;
    for due in dues.iter().rev() {
        acc = acc.checked_add(*due)?.checked_mul(discount)?;
    }
    acc.checked_sub(principal)
}

/// Solves `−P + Σ due_k / (1+i)^k = 0` for the monthly rate `i` by bisection to 1e-12.
/// A plan whose payments add up to exactly its principal costs 0%.
pub fn annual_cost(principal: Money, dues: &[Money]) -> Result<AnnualCost, AprError> {
    if dues.is_empty() || !principal.is_positive() {
        return Err(AprError::NoPayments);
    }
    let p = principal.decimal();
    let dues: Vec<Decimal> = dues.iter().map(|m| m.decimal()).collect();
    let total = dues
        .iter()
        .try_fold(Decimal::ZERO, |sum, due| sum.checked_add(*due))
        .ok_or(AprError::NoConvergence)?;
    let monthly = if total == p {
        Decimal::ZERO
    } else {
        bisect(p, &dues, total > p)?
    };
    let twelve = Decimal::from(12);
    let ear = power(Decimal::ONE + monthly, 12).ok_or(AprError::NoConvergence)? - Decimal::ONE;
    Ok(AnnualCost {
        monthly,
        apr_percent: monthly * twelve * Decimal::ONE_HUNDRED,
        ear_percent: ear * Decimal::ONE_HUNDRED,
    })
}

/// Brackets the root (positive when the plan costs more than its principal) and bisects it.
fn bisect(principal: Decimal, dues: &[Decimal], positive: bool) -> Result<Decimal, AprError> {
    let npv = |i: Decimal| net_present_value(principal, dues, i).ok_or(AprError::NoConvergence);
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
        let cost = annual_cost(Money::from_cents(600_000), &dues).unwrap();
        assert_eq!(percent4(cost.apr_percent), "13.0342");
        assert_eq!(percent4(cost.ear_percent), "13.8418");
    }

    #[test]
    fn zero_fee_costs_nothing() {
        let dues = vec![Money::from_cents(10_000); 3];
        let cost = annual_cost(Money::from_cents(30_000), &dues).unwrap();
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
        let cost = annual_cost(Money::from_cents(1_000_000), &dues).unwrap();
        let apr = percent4(cost.apr_percent);
        assert!(
            apr.starts_with("15.00") || apr.starts_with("14.99"),
            "{apr}"
        );
    }

    #[test]
    fn no_payments_is_an_error() {
        assert_eq!(
            annual_cost(Money::from_cents(100), &[]),
            Err(AprError::NoPayments)
        );
    }
}
