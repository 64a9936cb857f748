//! Texts of terms input: fee-model names, each terms field's flag, why a field's text is refused.

use super::{Lang, errors, fill};
use crate::domain::FeeModel;
use crate::domain::bounds::BoundError;
use crate::domain::terms_input::{InputError, TermField, bound_field};

crate::messages! {
    /// Fee-model names and terms input errors.
    InputText {
        WholeNumberInRange => ("must be a whole number from {0} to {1}", "必须是 {0} 到 {1} 之间的整数"),
        OneFeeModel => ("choose one fee model: --monthly-fee, --total-fee, --upfront-fee, --annual-rate or --daily-rate", "只能选择一种费用模式：--monthly-fee、--total-fee、--upfront-fee、--annual-rate 或 --daily-rate"),
        MethodNeedsRate => ("only applies with --annual-rate or --daily-rate", "仅在使用 --annual-rate 或 --daily-rate 时有效"),
        MethodValues => ("use annuity, equal-principal or interest-only", "请使用 annuity、equal-principal 或 interest-only"),
        RemainderValues => ("use last or first", "请使用 last 或 first"),
        PenaltyFromValues => ("use due or grace-end", "请使用 due 或 grace-end"),
        PayoffPolicyValues => ("use waive-remaining-fees, current-fee-due, all-fees-due, penalty:3%, fee-on-remaining:3.9%, interest-to-date or not-allowed", "请使用 waive-remaining-fees、current-fee-due、all-fees-due、penalty:3%、fee-on-remaining:3.9%、interest-to-date 或 not-allowed"),
        OneDueRule => ("choose one due-date rule: --first-due, --due-day, or --statement-day with --due-after", "只能选择一种还款日规则：--first-due、--due-day，或 --statement-day 加 --due-after"),
        StatementDayNeedsDueAfter => ("needs --due-after N: the days from the statement date to the due date (0 to 60)", "需要同时给出 --due-after N：从账单日到还款日的天数（0 到 60）"),
        DueAfterNeedsStatementDay => ("only applies with --statement-day", "仅在使用 --statement-day 时有效"),
        EveryValues => ("use month, 2w, 1w or Nd (N days, 1 to 365)", "请使用 month、2w、1w 或 Nd（N 天，1 到 365）"),
        PenaltyBaseValues => ("use installment, principal or balance", "请使用 installment、principal 或 balance"),
        LateFeeExtraValues => ("write Y:D, like 7:7: Y more on the day a period is D days late (D from 1 to 365)", "请写成 Y:D，如 7:7：逾期第 D 天再收 Y（D 为 1 到 365）"),
        LateFeeCapValues => ("use an amount like 68, or a percent of the principal up to 100%, like 25%", "请使用金额（如 68）或本金的百分比（最多 100%，如 25%）"),
        PeriodListOrder => ("each period once, in order, like 1,2,3", "每期只写一次并按顺序，如 1,2,3"),
        EmptyListItem => ("an empty item in the list: write the periods like 1,2,3", "列表中有空项：请写成 1,2,3 这样的期数"),
        ModelMonthlyFee => ("flat monthly fee on the original principal", "按原始本金每月收取手续费"),
        ModelTotalFee => ("total fee spread evenly", "总手续费平均分摊"),
        ModelUpfrontFee => ("total fee charged once with period 1", "总手续费首期一次性收取"),
        ModelAnnuity => ("equal installments (annuity)", "等额本息"),
        ModelEqualPrincipal => ("equal principal", "等额本金"),
        ModelInterestFree => ("interest-free", "免息"),
        ShortMonthlyFee => ("flat monthly fee", "每月固定手续费"),
        ShortTotalFee => ("total fee, spread", "总手续费分摊"),
        ShortUpfrontFee => ("total fee, upfront", "总手续费首期收取"),
        ShortAnnuity => ("annuity (等额本息)", "等额本息"),
        ShortEqualPrincipal => ("equal principal (等额本金)", "等额本金"),
        ShortInterestFree => ("interest-free", "免息"),
        ModelInterestOnly => ("interest only", "先息后本"),
        ModelDailyAnnuity => ("daily interest, equal installments", "按日计息，等额本息"),
        ModelDailyEqualPrincipal => ("daily interest, equal principal", "按日计息，等额本金"),
        ModelDailyInterestOnly => ("daily interest, interest only", "按日计息，先息后本"),
        ShortInterestOnly => ("interest only (先息后本)", "先息后本"),
        ShortDailyAnnuity => ("daily interest, annuity (按日计息)", "按日计息，等额本息"),
        ShortDailyEqualPrincipal => ("daily interest, equal principal (按日计息)", "按日计息，等额本金"),
        ShortDailyInterestOnly => ("daily interest, interest only (按日计息)", "按日计息，先息后本"),
    }
}

/// The flag that sets the bounded term `error` names.
pub(crate) fn bound_flag(error: &BoundError) -> &'static str {
    flag(bound_field(error))
}

/// The name of a fee model (quotes, `plan show`, the TUI's plan detail).
pub(crate) fn model_name(model: FeeModel, lang: Lang) -> &'static str {
    match model {
        FeeModel::MonthlyFee => InputText::ModelMonthlyFee,
        FeeModel::TotalFee => InputText::ModelTotalFee,
        FeeModel::UpfrontFee => InputText::ModelUpfrontFee,
        FeeModel::Annuity => InputText::ModelAnnuity,
        FeeModel::EqualPrincipal => InputText::ModelEqualPrincipal,
        FeeModel::InterestFree => InputText::ModelInterestFree,
        FeeModel::InterestOnly => InputText::ModelInterestOnly,
        FeeModel::DailyAnnuity => InputText::ModelDailyAnnuity,
        FeeModel::DailyEqualPrincipal => InputText::ModelDailyEqualPrincipal,
        FeeModel::DailyInterestOnly => InputText::ModelDailyInterestOnly,
    }
    .text(lang)
}

/// The short name of a fee model, as a choice in the plan form.
pub(crate) fn model_short_name(model: FeeModel, lang: Lang) -> &'static str {
    match model {
        FeeModel::MonthlyFee => InputText::ShortMonthlyFee,
        FeeModel::TotalFee => InputText::ShortTotalFee,
        FeeModel::UpfrontFee => InputText::ShortUpfrontFee,
        FeeModel::Annuity => InputText::ShortAnnuity,
        FeeModel::EqualPrincipal => InputText::ShortEqualPrincipal,
        FeeModel::InterestFree => InputText::ShortInterestFree,
        FeeModel::InterestOnly => InputText::ShortInterestOnly,
        FeeModel::DailyAnnuity => InputText::ShortDailyAnnuity,
        FeeModel::DailyEqualPrincipal => InputText::ShortDailyEqualPrincipal,
        FeeModel::DailyInterestOnly => InputText::ShortDailyInterestOnly,
    }
    .text(lang)
}

/// The command-line flag of a terms field (`plan add`, `quote`; also named by `check` and
/// `import` messages).
pub(crate) fn flag(field: TermField) -> &'static str {
    match field {
        TermField::Principal => "--principal",
        TermField::Periods => "--periods",
        TermField::MonthlyFee => "--monthly-fee",
        TermField::TotalFee => "--total-fee",
        TermField::UpfrontFee => "--upfront-fee",
        TermField::AnnualRate => "--annual-rate",
        TermField::DailyRate => "--daily-rate",
        TermField::Method => "--method",
        TermField::Remainder => "--remainder",
        TermField::FeeDiscount => "--fee-discount",
        TermField::FeeFreePeriods => "--fee-free-periods",
        TermField::MinFee => "--min-fee",
        TermField::Start => "--start",
        TermField::FirstDue => "--first-due",
        TermField::DueDay => "--due-day",
        TermField::StatementDay => "--statement-day",
        TermField::DueAfter => "--due-after",
        TermField::Every => "--every",
        TermField::GraceDays => "--grace-days",
        TermField::PenaltyDaily => "--penalty-daily",
        TermField::PenaltyFrom => "--penalty-from",
        TermField::PenaltyBase => "--penalty-base",
        TermField::PenaltyMin => "--penalty-min",
        TermField::LateFee => "--late-fee",
        TermField::LateFeeExtra => "--late-fee-extra",
        TermField::LateFeeCap => "--late-fee-cap",
        TermField::Tolerance => "--tolerance",
        TermField::PayoffPolicy => "--payoff-policy",
    }
}

/// The flags an error names: the field's, or every fee model's flag given at once.
pub(crate) fn flags(field: TermField, error: &InputError) -> String {
    match error {
        InputError::OneFeeModel(fields) | InputError::OneDueRule(fields) => fields
            .iter()
            .map(|f| flag(*f))
            .collect::<Vec<_>>()
            .join(", "),
        _ => flag(field).to_string(),
    }
}

/// Why a field's text is refused, without the field's name.
pub(crate) fn input_error(lang: Lang, error: &InputError) -> String {
    let key = match error {
        InputError::Money(e) => return errors::money(lang, e),
        InputError::Rate(e) => return errors::rate(lang, e),
        InputError::Date(e) => return errors::date(lang, e),
        InputError::Schedule(e) => return errors::schedule(lang, e),
        InputError::Bound(e) => return errors::bound(lang, e),
        InputError::WholeNumber { min, max } => {
            return fill(InputText::WholeNumberInRange.text(lang), &[min, max]);
        }
        InputError::EmptyListItem => InputText::EmptyListItem,
        InputError::PeriodListOrder => InputText::PeriodListOrder,
        InputError::OneFeeModel(_) => InputText::OneFeeModel,
        InputError::MethodNeedsRate => InputText::MethodNeedsRate,
        InputError::MethodValues => InputText::MethodValues,
        InputError::RemainderValues => InputText::RemainderValues,
        InputError::OneDueRule(_) => InputText::OneDueRule,
        InputError::StatementDayNeedsDueAfter => InputText::StatementDayNeedsDueAfter,
        InputError::DueAfterNeedsStatementDay => InputText::DueAfterNeedsStatementDay,
        InputError::EveryValues => InputText::EveryValues,
        InputError::PenaltyFromValues => InputText::PenaltyFromValues,
        InputError::PenaltyBaseValues => InputText::PenaltyBaseValues,
        InputError::LateFeeExtraValues => InputText::LateFeeExtraValues,
        InputError::LateFeeCapValues => InputText::LateFeeCapValues,
        InputError::PayoffPolicyValues => InputText::PayoffPolicyValues,
    };
    key.text(lang).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_flag_is_its_field_s_key_with_two_dashes() {
        for field in TermField::ALL {
            assert_eq!(flag(field), format!("--{}", field.key()));
        }
    }
}
