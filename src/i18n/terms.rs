//! Texts of terms input: fee-model names, each terms field's flag, why a field's text is refused.

use super::{Lang, errors, fill};
use crate::domain::FeeModel;
use crate::domain::terms_input::{InputError, TermField};

crate::messages! {
    /// Fee-model names and terms input errors.
    InputText {
        WholeNumberInRange => ("must be a whole number from {0} to {1}", "必须是 {0} 到 {1} 之间的整数"),
        OneFeeModel => ("choose one fee model: --monthly-fee, --total-fee, --upfront-fee or --annual-rate", "只能选择一种费用模式：--monthly-fee、--total-fee、--upfront-fee 或 --annual-rate"),
        MethodNeedsAnnualRate => ("only applies with --annual-rate", "仅在使用 --annual-rate 时有效"),
        MethodValues => ("use annuity or equal-principal", "请使用 annuity 或 equal-principal"),
        RemainderValues => ("use last or first", "请使用 last 或 first"),
        PenaltyFromValues => ("use due or grace-end", "请使用 due 或 grace-end"),
        PayoffPolicyValues => ("use waive-remaining-fees, current-fee-due, all-fees-due, penalty:3%, interest-to-date or not-allowed", "请使用 waive-remaining-fees、current-fee-due、all-fees-due、penalty:3%、interest-to-date 或 not-allowed"),
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

/// The name of a fee model (quotes, `plan show`, the TUI's plan detail).
pub fn model_name(model: FeeModel, lang: Lang) -> &'static str {
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
pub fn model_short_name(model: FeeModel, lang: Lang) -> &'static str {
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
pub fn flag(field: TermField) -> &'static str {
    match field {
        TermField::Principal => "--principal",
        TermField::Periods => "--periods",
        TermField::MonthlyFee => "--monthly-fee",
        TermField::TotalFee => "--total-fee",
        TermField::UpfrontFee => "--upfront-fee",
        TermField::AnnualRate => "--annual-rate",
        TermField::Method => "--method",
        TermField::Remainder => "--remainder",
        TermField::FeeDiscount => "--fee-discount",
        TermField::FeeFreePeriods => "--fee-free-periods",
        TermField::FirstDue => "--first-due",
        TermField::GraceDays => "--grace-days",
        TermField::PenaltyDaily => "--penalty-daily",
        TermField::PenaltyFrom => "--penalty-from",
        TermField::PayoffPolicy => "--payoff-policy",
    }
}

/// The flags an error names: the field's, or every fee model's flag given at once.
pub fn flags(field: TermField, error: &InputError) -> String {
    match error {
        InputError::OneFeeModel(fields) => fields
            .iter()
            .map(|f| flag(*f))
            .collect::<Vec<_>>()
            .join(", "),
        _ => flag(field).to_string(),
    }
}

/// Why a field's text is refused, without the field's name.
pub fn input_error(lang: Lang, error: &InputError) -> String {
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
        InputError::OneFeeModel(_) => InputText::OneFeeModel,
        InputError::MethodNeedsAnnualRate => InputText::MethodNeedsAnnualRate,
        InputError::MethodValues => InputText::MethodValues,
        InputError::RemainderValues => InputText::RemainderValues,
        InputError::PenaltyFromValues => InputText::PenaltyFromValues,
        InputError::PayoffPolicyValues => InputText::PayoffPolicyValues,
    };
    key.text(lang).to_string()
}
