//! The terms fields a user types: one per `plan add` flag and plan form field, with the
//! flag's name (without its dashes) as the key a preset or a `custom:` offer uses.

use crate::domain::terms::FeeModel;

/// One field of a plan's terms as typed: a `plan add` flag, a plan form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermField {
    Principal,
    Periods,
    MonthlyFee,
    TotalFee,
    UpfrontFee,
    AnnualRate,
    DailyRate,
    Method,
    Remainder,
    FeeDiscount,
    FeeFreePeriods,
    MinFee,
    Start,
    FirstDue,
    DueDay,
    StatementDay,
    DueAfter,
    Every,
    GraceDays,
    PenaltyDaily,
    PenaltyFrom,
    PenaltyBase,
    PenaltyMin,
    LateFee,
    LateFeeExtra,
    LateFeeCap,
    Tolerance,
    PayoffPolicy,
}

impl TermField {
    /// Every field, in flag order.
    pub(crate) const ALL: [TermField; 28] = [
        TermField::Principal,
        TermField::Periods,
        TermField::MonthlyFee,
        TermField::TotalFee,
        TermField::UpfrontFee,
        TermField::AnnualRate,
        TermField::DailyRate,
        TermField::Method,
        TermField::Remainder,
        TermField::FeeDiscount,
        TermField::FeeFreePeriods,
        TermField::MinFee,
        TermField::Start,
        TermField::FirstDue,
        TermField::DueDay,
        TermField::StatementDay,
        TermField::DueAfter,
        TermField::Every,
        TermField::GraceDays,
        TermField::PenaltyDaily,
        TermField::PenaltyFrom,
        TermField::PenaltyBase,
        TermField::PenaltyMin,
        TermField::LateFee,
        TermField::LateFeeExtra,
        TermField::LateFeeCap,
        TermField::Tolerance,
        TermField::PayoffPolicy,
    ];

    /// The fields that choose a fee model with its rate, in the order they are named.
    pub(crate) const RATES: [TermField; 5] = [
        TermField::MonthlyFee,
        TermField::TotalFee,
        TermField::UpfrontFee,
        TermField::AnnualRate,
        TermField::DailyRate,
    ];

    /// The fields that each set a due-date rule (`--statement-day` with `--due-after`).
    pub(crate) const DUE_RULES: [TermField; 3] = [
        TermField::FirstDue,
        TermField::DueDay,
        TermField::StatementDay,
    ];

    /// The field's key: its flag without the dashes (`late-fee-cap`), as presets and
    /// `compare`'s `custom:KEY=VALUE` name it.
    pub(crate) fn key(self) -> &'static str {
        match self {
            TermField::Principal => "principal",
            TermField::Periods => "periods",
            TermField::MonthlyFee => "monthly-fee",
            TermField::TotalFee => "total-fee",
            TermField::UpfrontFee => "upfront-fee",
            TermField::AnnualRate => "annual-rate",
            TermField::DailyRate => "daily-rate",
            TermField::Method => "method",
            TermField::Remainder => "remainder",
            TermField::FeeDiscount => "fee-discount",
            TermField::FeeFreePeriods => "fee-free-periods",
            TermField::MinFee => "min-fee",
            TermField::Start => "start",
            TermField::FirstDue => "first-due",
            TermField::DueDay => "due-day",
            TermField::StatementDay => "statement-day",
            TermField::DueAfter => "due-after",
            TermField::Every => "every",
            TermField::GraceDays => "grace-days",
            TermField::PenaltyDaily => "penalty-daily",
            TermField::PenaltyFrom => "penalty-from",
            TermField::PenaltyBase => "penalty-base",
            TermField::PenaltyMin => "penalty-min",
            TermField::LateFee => "late-fee",
            TermField::LateFeeExtra => "late-fee-extra",
            TermField::LateFeeCap => "late-fee-cap",
            TermField::Tolerance => "tolerance",
            TermField::PayoffPolicy => "payoff-policy",
        }
    }

    /// The field whose [`TermField::key`] is `key`.
    pub(crate) fn from_key(key: &str) -> Option<TermField> {
        TermField::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The rate field of `model`; `None` for interest-free, which has no rate.
    pub(crate) fn for_model(model: FeeModel) -> Option<TermField> {
        match model {
            FeeModel::MonthlyFee => Some(TermField::MonthlyFee),
            FeeModel::TotalFee => Some(TermField::TotalFee),
            FeeModel::UpfrontFee => Some(TermField::UpfrontFee),
            FeeModel::Annuity | FeeModel::EqualPrincipal | FeeModel::InterestOnly => {
                Some(TermField::AnnualRate)
            }
            FeeModel::DailyAnnuity
            | FeeModel::DailyEqualPrincipal
            | FeeModel::DailyInterestOnly => Some(TermField::DailyRate),
            FeeModel::InterestFree => None,
        }
    }

    /// The overdue and early-payoff fields: applied over terms that are already whole (and
    /// changeable after repayments).
    pub(crate) fn is_policy(self) -> bool {
        self >= TermField::GraceDays
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_policy_fields_come_last() {
        for field in TermField::ALL {
            assert_eq!(TermField::from_key(field.key()), Some(field));
        }
        assert_eq!(TermField::from_key("--principal"), None);
        let policy: Vec<TermField> = TermField::ALL
            .into_iter()
            .filter(|f| f.is_policy())
            .collect();
        assert_eq!(policy.first(), Some(&TermField::GraceDays));
        assert_eq!(policy.len(), 10);
        assert!(!TermField::Every.is_policy() && !TermField::MinFee.is_policy());
        let mut sorted = TermField::ALL;
        sorted.sort();
        assert_eq!(sorted, TermField::ALL, "ALL is in declaration order");
    }
}
