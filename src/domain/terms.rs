//! The terms a plan is signed under: fee model, remainder rule, payoff policy, overdue rules.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::dates::DateTerms;
use super::money::Money;
use super::rate::Rate;

/// The most periods a plan may have (30 years of months).
pub(crate) const MAX_PERIODS: u32 = 360;

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
    /// Interest only, 先息后本, at an annual rate: `--annual-rate --method interest-only`.
    InterestOnly,
    /// Daily interest by actual days (借呗, 微粒贷, 金条) with a level payment:
    /// `--daily-rate --method annuity`.
    DailyAnnuity,
    /// Daily interest by actual days with equal principal parts:
    /// `--daily-rate --method equal-principal`.
    DailyEqualPrincipal,
    /// Daily interest by actual days, the whole principal with the last period:
    /// `--daily-rate --method interest-only`.
    DailyInterestOnly,
    /// Interest-free, 免息: no rate flag.
    InterestFree,
}

impl FeeModel {
    pub(crate) const ALL: [FeeModel; 10] = [
        FeeModel::MonthlyFee,
        FeeModel::TotalFee,
        FeeModel::UpfrontFee,
        FeeModel::Annuity,
        FeeModel::EqualPrincipal,
        FeeModel::InterestOnly,
        FeeModel::DailyAnnuity,
        FeeModel::DailyEqualPrincipal,
        FeeModel::DailyInterestOnly,
        FeeModel::InterestFree,
    ];

    /// The stable name used in JSON and storage.
    pub(crate) fn code(self) -> &'static str {
        match self {
            FeeModel::MonthlyFee => "monthly-fee",
            FeeModel::TotalFee => "total-fee",
            FeeModel::UpfrontFee => "upfront-fee",
            FeeModel::Annuity => "annuity",
            FeeModel::EqualPrincipal => "equal-principal",
            FeeModel::InterestOnly => "interest-only",
            FeeModel::DailyAnnuity => "daily-annuity",
            FeeModel::DailyEqualPrincipal => "daily-equal-principal",
            FeeModel::DailyInterestOnly => "daily-interest-only",
            FeeModel::InterestFree => "interest-free",
        }
    }

    /// The interest model for a rate flag and `--method` (`annuity`, `equal-principal`,
    /// `interest-only`): `daily` for `--daily-rate`, else `--annual-rate`.
    pub(crate) fn with_method(daily: bool, method: &str) -> Option<FeeModel> {
        Some(match (daily, method) {
            (false, "annuity") => FeeModel::Annuity,
            (false, "equal-principal") => FeeModel::EqualPrincipal,
            (false, "interest-only") => FeeModel::InterestOnly,
            (true, "annuity") => FeeModel::DailyAnnuity,
            (true, "equal-principal") => FeeModel::DailyEqualPrincipal,
            (true, "interest-only") => FeeModel::DailyInterestOnly,
            _ => return None,
        })
    }

    /// The `--method` of an interest model (`annuity`, `equal-principal`, `interest-only`).
    pub(crate) fn method(self) -> Option<&'static str> {
        match self {
            FeeModel::Annuity | FeeModel::DailyAnnuity => Some("annuity"),
            FeeModel::EqualPrincipal | FeeModel::DailyEqualPrincipal => Some("equal-principal"),
            FeeModel::InterestOnly | FeeModel::DailyInterestOnly => Some("interest-only"),
            _ => None,
        }
    }

    /// Interest by actual days at a daily rate (`--daily-rate`).
    pub(crate) fn is_daily(self) -> bool {
        matches!(
            self,
            FeeModel::DailyAnnuity | FeeModel::DailyEqualPrincipal | FeeModel::DailyInterestOnly
        )
    }

    pub(crate) fn from_code(code: &str) -> Option<FeeModel> {
        FeeModel::ALL.into_iter().find(|m| m.code() == code)
    }

    /// Flat and total models accept `--fee-discount`, `--fee-free-periods` and `--min-fee`.
    pub(crate) fn is_fee_based(self) -> bool {
        matches!(
            self,
            FeeModel::MonthlyFee | FeeModel::TotalFee | FeeModel::UpfrontFee
        )
    }

    /// The interest models charge interest on the balance, at an annual or a daily rate.
    pub(crate) fn is_interest_based(self) -> bool {
        self.method().is_some()
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
    pub(crate) fn code(self) -> &'static str {
        match self {
            Remainder::Last => "last",
            Remainder::First => "first",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<Remainder> {
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
    /// Each fee-charging period's fee is at least this (`--min-fee`, 招商银行's 5.00), applied
    /// after the discount; a fee-free period stays 0. `None`: no minimum.
    pub min_fee: Option<Money>,
}

impl FeeTerms {
    pub fn interest_free() -> FeeTerms {
        FeeTerms {
            model: FeeModel::InterestFree,
            rate: Rate::ZERO,
            discount: None,
            free_periods: Vec::new(),
            min_fee: None,
        }
    }
}

impl Default for FeeTerms {
    /// Interest-free, with no options.
    fn default() -> Self {
        FeeTerms::interest_free()
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
    /// Remaining fees waived, plus this share of the remaining principal, as a penalty.
    Penalty(Rate),
    /// Remaining fees waived, plus this share of the remaining principal, as a fee (小米分期).
    FeeOnRemaining(Rate),
    /// Interest models: the balance plus interest by actual days from the due date of the last
    /// paid period (or the start date) to the payoff date; fee models: `CurrentFeeDue`.
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
        if let Some(rate) = text.strip_prefix("fee-on-remaining:") {
            return Rate::parse(rate).ok().map(PayoffPolicy::FeeOnRemaining);
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
            PayoffPolicy::FeeOnRemaining(rate) => write!(f, "fee-on-remaining:{rate}"),
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
    pub(crate) fn code(self) -> &'static str {
        match self {
            PenaltyFrom::Due => "due",
            PenaltyFrom::GraceEnd => "grace-end",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<PenaltyFrom> {
        match code {
            "due" => Some(PenaltyFrom::Due),
            "grace-end" => Some(PenaltyFrom::GraceEnd),
            _ => None,
        }
    }
}

/// What the daily penalty is charged on (`--penalty-base`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PenaltyBase {
    /// Each late period's unpaid amount (default).
    #[default]
    Installment,
    /// All the plan's outstanding principal, once a day per plan (金条).
    Principal,
    /// The plan's whole unpaid principal and fees, once a day per plan (白条 订单分期).
    Balance,
}

impl PenaltyBase {
    pub(crate) fn code(self) -> &'static str {
        match self {
            PenaltyBase::Installment => "installment",
            PenaltyBase::Principal => "principal",
            PenaltyBase::Balance => "balance",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<PenaltyBase> {
        [
            PenaltyBase::Installment,
            PenaltyBase::Principal,
            PenaltyBase::Balance,
        ]
        .into_iter()
        .find(|b| b.code() == code)
    }
}

/// `--late-fee-extra Y:D`: Y more, charged on the day a period is D days late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LateFeeExtra {
    pub amount: Money,
    pub days: u32,
}

impl LateFeeExtra {
    /// Parses `Y:D` (`7:7`; full-width colon accepted); D from 1 to 365.
    pub fn parse(text: &str) -> Option<LateFeeExtra> {
        let (amount, days) = text.trim().split_once([':', '：'])?;
        let amount = Money::parse(amount).ok().filter(|m| m.is_positive())?;
        let days: String = days
            .trim()
            .chars()
            .map(super::numtext::to_halfwidth)
            .collect();
        let days = days.parse::<u32>().ok().filter(|d| (1..=365).contains(d))?;
        Some(LateFeeExtra { amount, days })
    }
}

impl fmt::Display for LateFeeExtra {
    /// `7.00:7`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.amount, self.days)
    }
}

/// One `--late-fee-cap`: an amount, or a percent of the principal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LateFeeCap {
    Amount(Money),
    Percent(Rate),
}

impl LateFeeCap {
    /// Parses `68` / `68.00` (an amount) or `25%` (a percent of the principal, at most 100%).
    pub fn parse(text: &str) -> Option<LateFeeCap> {
        let trimmed = text.trim();
        if trimmed.ends_with(['%', '％']) {
            return Rate::parse(trimmed)
                .ok()
                .filter(|r| r.fraction() <= Decimal::ONE)
                .map(LateFeeCap::Percent);
        }
        Money::parse(trimmed).ok().map(LateFeeCap::Amount)
    }
}

impl fmt::Display for LateFeeCap {
    /// `68.00` or `25%`, as `--late-fee-cap` takes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LateFeeCap::Amount(amount) => write!(f, "{amount}"),
            LateFeeCap::Percent(rate) => write!(f, "{rate}"),
        }
    }
}

/// Late fees (`--late-fee`, `--late-fee-extra`, `--late-fee-cap`); none by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct LateFees {
    /// Charged once on a period when it turns overdue (after grace); zero: none.
    pub fee: Money,
    /// More, on the day a period is so many days late.
    pub extra: Option<LateFeeExtra>,
    /// The lowest amount cap given.
    pub cap_amount: Option<Money>,
    /// The lowest percent-of-principal cap given.
    pub cap_percent: Option<Rate>,
}

impl LateFees {
    /// Adds a `--late-fee-cap` (repeatable): only the lowest of each kind matters.
    pub fn add_cap(&mut self, cap: LateFeeCap) {
        match cap {
            LateFeeCap::Amount(m) => {
                self.cap_amount = Some(self.cap_amount.map_or(m, |c| c.min(m)));
            }
            LateFeeCap::Percent(r) => {
                self.cap_percent = Some(self.cap_percent.map_or(r, |c| c.min(r)));
            }
        }
    }

    /// The caps as given, lowest amount first (for display and storage).
    pub(crate) fn caps(&self) -> Vec<LateFeeCap> {
        self.cap_amount
            .map(LateFeeCap::Amount)
            .into_iter()
            .chain(self.cap_percent.map(LateFeeCap::Percent))
            .collect()
    }

    /// The most a plan of `principal` may be charged in late fees: the lowest cap, a percent
    /// cap being that share of the principal rounded down to the cent. `None`: no cap.
    pub fn cap(&self, principal: Money) -> Option<Money> {
        let percent = self
            .cap_percent
            .map(|r| Money::round_down(principal.decimal() * r.fraction()));
        match (self.cap_amount, percent) {
            (Some(a), Some(p)) => Some(a.min(p)),
            (a, p) => a.or(p),
        }
    }

    /// No late fee is charged at all.
    pub(crate) fn is_none(&self) -> bool {
        self.fee.is_zero() && self.extra.is_none()
    }
}

/// Overdue (逾期) rules: grace days, daily penalty rate and base, where counting starts,
/// late fees and the tolerance (容差).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OverdueTerms {
    pub grace_days: u32,
    pub penalty_daily: Rate,
    pub from: PenaltyFrom,
    /// What the daily penalty is charged on.
    pub base: PenaltyBase,
    /// The least daily penalty charged on a day anything is charged (`--penalty-min`, 白条 0.01).
    pub penalty_min: Money,
    pub late_fees: LateFees,
    /// A period whose unpaid rest is at most this is not overdue and accrues nothing.
    pub tolerance: Money,
}

impl Default for OverdueTerms {
    /// 3 grace days and 0.05% a day of each late period's unpaid amount from the due date;
    /// no minimum, no late fees, no tolerance.
    fn default() -> Self {
        OverdueTerms {
            grace_days: 3,
            penalty_daily: Rate::from_fraction(Decimal::new(5, 4)),
            from: PenaltyFrom::Due,
            base: PenaltyBase::Installment,
            penalty_min: Money::ZERO,
            late_fees: LateFees::default(),
            tolerance: Money::ZERO,
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
    /// Start date, period length and due-date rule; `first_due` is always period 1's due date.
    pub dates: DateTerms,
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
            "fee-on-remaining:3.9%",
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

    #[test]
    fn interest_models_by_rate_and_method() {
        for daily in [false, true] {
            for method in ["annuity", "equal-principal", "interest-only"] {
                let model = FeeModel::with_method(daily, method).unwrap();
                assert_eq!(model.method(), Some(method));
                assert_eq!(model.is_daily(), daily);
                assert!(model.is_interest_based() && !model.is_fee_based());
            }
        }
        assert_eq!(FeeModel::with_method(true, "flat"), None);
        assert_eq!(FeeModel::MonthlyFee.method(), None);
    }

    #[test]
    fn late_fee_terms_parse() {
        let extra = LateFeeExtra::parse("7:7").unwrap();
        assert_eq!((extra.amount, extra.days), (Money::from_cents(700), 7));
        assert_eq!(extra.to_string(), "7.00:7");
        assert_eq!(LateFeeExtra::parse("7.5：14").unwrap().days, 14);
        for bad in ["7", "7:", ":7", "7:0", "0:7", "x:7", "7:366"] {
            assert_eq!(LateFeeExtra::parse(bad), None, "{bad}");
        }
        assert_eq!(
            LateFeeCap::parse("68"),
            Some(LateFeeCap::Amount(Money::from_cents(6_800)))
        );
        assert_eq!(
            LateFeeCap::parse("25%"),
            Some(LateFeeCap::Percent(Rate::parse("25%").unwrap()))
        );
        assert_eq!(LateFeeCap::parse("100.01%"), None);
        for base in ["installment", "principal", "balance"] {
            assert_eq!(PenaltyBase::from_code(base).unwrap().code(), base);
        }
        assert_eq!(OverdueTerms::default().base, PenaltyBase::Installment);
        assert!(OverdueTerms::default().late_fees.is_none());
    }
}
