//! The terms a plan is signed under: fee model, remainder rule, payoff policy, overdue rules.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::money::Money;
use super::rate::Rate;

/// The most periods a plan may have (30 years of months).
pub const MAX_PERIODS: u32 = 360;

/// How a plan's cost is charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeeModel {
    /// Flat monthly fee on the original principal (账单分期, 白条): `--monthly-fee`.
    MonthlyFee,
    /// A total fee spread evenly over the periods (花呗, 小米分期): `--total-fee`.
    TotalFee,
    /// A total fee charged once, with period 1 (一次性收取): `--upfront-fee`.
    UpfrontFee,
    /// Equal installments, 等额本息: `--annual-rate --method annuity`.
    Annuity,
    /// Equal principal, 等额本金: `--annual-rate --method equal-principal`.
    EqualPrincipal,
    /// Interest-free, 免息: no rate flag.
    InterestFree,
}

impl FeeModel {
    pub const ALL: [FeeModel; 6] = [
        FeeModel::MonthlyFee,
        FeeModel::TotalFee,
        FeeModel::UpfrontFee,
        FeeModel::Annuity,
        FeeModel::EqualPrincipal,
        FeeModel::InterestFree,
    ];

    /// The stable name used in JSON and storage.
    pub fn code(self) -> &'static str {
        match self {
            FeeModel::MonthlyFee => "monthly-fee",
            FeeModel::TotalFee => "total-fee",
            FeeModel::UpfrontFee => "upfront-fee",
            FeeModel::Annuity => "annuity",
            FeeModel::EqualPrincipal => "equal-principal",
            FeeModel::InterestFree => "interest-free",
        }
    }

    pub fn from_code(code: &str) -> Option<FeeModel> {
        FeeModel::ALL.into_iter().find(|m| m.code() == code)
    }

    /// Flat and total models accept `--fee-discount` and `--fee-free-periods`.
    pub fn is_fee_based(self) -> bool {
        matches!(
            self,
            FeeModel::MonthlyFee | FeeModel::TotalFee | FeeModel::UpfrontFee
        )
    }

    /// Annuity and equal-principal charge interest on the balance at an annual rate.
    pub fn is_interest_based(self) -> bool {
        matches!(self, FeeModel::Annuity | FeeModel::EqualPrincipal)
    }
}

/// Which period takes the remainder of a split that does not divide evenly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Remainder {
    #[default]
    Last,
    First,
}

impl Remainder {
    pub fn code(self) -> &'static str {
        match self {
            Remainder::Last => "last",
            Remainder::First => "first",
        }
    }

    pub fn from_code(code: &str) -> Option<Remainder> {
        match code {
            "last" => Some(Remainder::Last),
            "first" => Some(Remainder::First),
            _ => None,
        }
    }
}

/// The fee side of a plan's terms.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FeeTerms {
    pub model: FeeModel,
    /// Monthly fee rate, total fee rate, or annual interest rate, by model; zero when interest-free.
    pub rate: Rate,
    /// Multiplier on the fee (0.8 for an 8折 coupon); `None` means no discount.
    pub discount: Option<Rate>,
    /// Periods whose fee is waived (免息券), 1-based, sorted, unique.
    pub free_periods: Vec<u32>,
}

impl FeeTerms {
    pub fn interest_free() -> FeeTerms {
        FeeTerms {
            model: FeeModel::InterestFree,
            rate: Rate::ZERO,
            discount: None,
            free_periods: Vec::new(),
        }
    }
}

/// What paying a plan off early costs (提前还款), settled on the next due period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PayoffPolicy {
    /// Remaining principal only.
    #[default]
    WaiveRemainingFees,
    /// Remaining principal plus the current period's fee.
    CurrentFeeDue,
    /// Remaining principal plus every remaining fee.
    AllFeesDue,
    /// Remaining fees waived, plus this share of the remaining principal.
    Penalty(Rate),
    /// Annuity: balance plus one period's interest.
    InterestToDate,
    /// Early payoff is not offered.
    NotAllowed,
}

impl PayoffPolicy {
    /// Parses the contract's names: `waive-remaining-fees`, `penalty:3%`, …
    pub fn parse(text: &str) -> Option<PayoffPolicy> {
        let text = text.trim();
        if let Some(rate) = text.strip_prefix("penalty:") {
            return Rate::parse(rate).ok().map(PayoffPolicy::Penalty);
        }
        match text {
            "waive-remaining-fees" => Some(PayoffPolicy::WaiveRemainingFees),
            "current-fee-due" => Some(PayoffPolicy::CurrentFeeDue),
            "all-fees-due" => Some(PayoffPolicy::AllFeesDue),
            "interest-to-date" => Some(PayoffPolicy::InterestToDate),
            "not-allowed" => Some(PayoffPolicy::NotAllowed),
            _ => None,
        }
    }
}

impl fmt::Display for PayoffPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PayoffPolicy::WaiveRemainingFees => f.write_str("waive-remaining-fees"),
            PayoffPolicy::CurrentFeeDue => f.write_str("current-fee-due"),
            PayoffPolicy::AllFeesDue => f.write_str("all-fees-due"),
            PayoffPolicy::Penalty(rate) => write!(f, "penalty:{rate}"),
            PayoffPolicy::InterestToDate => f.write_str("interest-to-date"),
            PayoffPolicy::NotAllowed => f.write_str("not-allowed"),
        }
    }
}

impl serde::Serialize for PayoffPolicy {
    /// The contract's code (`current-fee-due`, `penalty:3%`).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

/// From which day a late penalty is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PenaltyFrom {
    #[default]
    Due,
    GraceEnd,
}

impl PenaltyFrom {
    pub fn code(self) -> &'static str {
        match self {
            PenaltyFrom::Due => "due",
            PenaltyFrom::GraceEnd => "grace-end",
        }
    }

    pub fn from_code(code: &str) -> Option<PenaltyFrom> {
        match code {
            "due" => Some(PenaltyFrom::Due),
            "grace-end" => Some(PenaltyFrom::GraceEnd),
            _ => None,
        }
    }
}

/// Overdue (逾期) rules: grace days, daily penalty rate, and where counting starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OverdueTerms {
    pub grace_days: u32,
    pub penalty_daily: Rate,
    pub from: PenaltyFrom,
}

impl Default for OverdueTerms {
    /// 3 grace days and 0.05% a day from the due date.
    fn default() -> Self {
        OverdueTerms {
            grace_days: 3,
            penalty_daily: Rate::from_fraction(Decimal::new(5, 4)),
            from: PenaltyFrom::Due,
        }
    }
}

/// Everything needed to compute a plan's schedule, APR, payoff quotes and penalties.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlanTerms {
    pub principal: Money,
    pub periods: u32,
    pub fee: FeeTerms,
    pub remainder: Remainder,
    pub first_due: NaiveDate,
    pub payoff: PayoffPolicy,
    pub overdue: OverdueTerms,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payoff_policy_names_round_trip() {
        for name in [
            "waive-remaining-fees",
            "current-fee-due",
            "all-fees-due",
            "penalty:3%",
            "interest-to-date",
            "not-allowed",
        ] {
            assert_eq!(PayoffPolicy::parse(name).unwrap().to_string(), name);
        }
        assert_eq!(PayoffPolicy::parse("penalty:x"), None);
        assert_eq!(PayoffPolicy::parse("sometimes"), None);
    }

    #[test]
    fn model_codes_round_trip() {
        for model in FeeModel::ALL {
            assert_eq!(FeeModel::from_code(model.code()), Some(model));
        }
    }
}
