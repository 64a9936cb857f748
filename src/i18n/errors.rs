//! Texts for the domain's input errors (amounts, rates, dates, terms) in both languages.

use super::Lang;
use crate::domain::FeeModel;
use crate::domain::allocation::AllocationError;
use crate::domain::apr::AprError;
use crate::domain::bounds::BoundError;
use crate::domain::dates::{DateError, DateRuleError};
use crate::domain::money::MoneyError;
use crate::domain::payoff::PayoffError;
use crate::domain::prepay::PrepayError;
use crate::domain::rate::RateError;
use crate::domain::schedule::ScheduleError;

crate::messages! {
    /// Domain error messages.
    ErrorText {
        MoneyEmpty => ("an amount is required", "需要填写金额"),
        MoneyNotANumber => ("not an amount: use digits like 6000, 6,000.00 or ¥6000", "不是金额：请输入如 6000、6,000.00 或 ¥6000"),
        MoneyTooManyDecimals => ("at most two decimals (0.01)", "最多两位小数（0.01）"),
        MoneyNegative => ("must not be negative", "不能为负数"),
        MoneyTooLarge => ("too large (at most 10,000,000,000,000.00)", "金额过大（最多 10,000,000,000,000.00）"),
        MoneyNotPositive => ("must be more than zero", "必须大于零"),
        RateEmpty => ("a rate is required, like 0.6%", "需要填写费率，如 0.6%"),
        RateNotANumber => ("not a rate: use a percentage like 0.6%", "不是费率：请输入百分比，如 0.6%"),
        RateNegative => ("must not be negative", "不能为负数"),
        RateTooLarge => ("too large (at most 1000%)", "费率过大（最多 1000%）"),
        RateNotADiscount => ("write the discount as 80%, 8折, 0.8 or 20% off (a bare number above 1 is ambiguous)", "折扣请写成 80%、8折、0.8 或 20% off（大于 1 的纯数字有歧义）"),
        DateFormat => ("not a date: use YYYY-MM-DD, like 2025-01-15", "不是日期：请使用 YYYY-MM-DD 格式，如 2025-01-15"),
        DateNoSuchDay => ("no such day in the calendar", "日历上没有这一天"),
        DateYearOutOfRange => ("the year must be from 1900 to 9999", "年份必须在 1900 到 9999 之间"),
        DiscountTooLarge => ("a discount cannot be more than 100% (80% means the fee × 0.8)", "折扣不能超过 100%（80% 表示手续费 × 0.8）"),
        PeriodsOutOfRange => ("must be a whole number from 1 to 360", "必须是 1 到 360 之间的整数"),
        ZeroPrincipal => ("must be more than zero", "必须大于零"),
        FreePeriodOutOfRange => ("period {0} is not in the plan", "第 {0} 期不在计划内"),
        DateOutOfRange => ("a due date would fall past year 9999", "还款日将晚于 9999 年"),
        Overflow => ("amounts too large to compute exactly", "金额过大，无法精确计算"),
        BoundPrincipal => ("at most 100,000,000.00 (fenqi's limit for one plan, so that every amount stays exact)", "最多 100,000,000.00（fenqi 对单个计划的上限，以保证所有金额精确）"),
        BoundMonthlyFee => ("at most 10% a month (fenqi's limit, so that every amount stays exact)", "每月最多 10%（fenqi 的上限，以保证所有金额精确）"),
        BoundAnnualRate => ("at most 120% a year (fenqi's limit, so that every amount stays exact)", "每年最多 120%（fenqi 的上限，以保证所有金额精确）"),
        BoundTotalFee => ("at most 1000% of the principal (fenqi's limit, so that every amount stays exact)", "最多为本金的 1000%（fenqi 的上限，以保证所有金额精确）"),
        BoundPenaltyDaily => ("at most 1% a day (fenqi's limit, so that every amount stays exact)", "每天最多 1%（fenqi 的上限，以保证所有金额精确）"),
        OptionNotForModel => ("only applies to --monthly-fee, --total-fee or --upfront-fee plans", "仅适用于 --monthly-fee、--total-fee 或 --upfront-fee 计划"),
        BoundMinFee => ("at most 100,000,000.00 (fenqi's limit, so that every amount stays exact)", "最多 100,000,000.00（fenqi 的上限，以保证所有金额精确）"),
        BoundPenaltyMin => ("at most 1,000.00 a day (fenqi's limit, so that every amount stays exact)", "每天最多 1,000.00（fenqi 的上限，以保证所有金额精确）"),
        BoundDailyRate => ("at most 1% a day (fenqi's limit, so that every amount stays exact)", "每天最多 1%（fenqi 的上限，以保证所有金额精确）"),
        DatesNeedStart => ("this due-date rule needs a start date (--start)", "该还款日规则需要起始日期（--start）"),
        DatesNeedMonths => ("a due day or statement day needs monthly periods (--every month)", "固定还款日或账单日需要按月分期（--every month）"),
        DatesDueDay => ("the due day must be from 1 to 31", "还款日必须在 1 到 31 之间"),
        DatesStatementDay => ("the statement day must be from 1 to 31", "账单日必须在 1 到 31 之间"),
        DatesDueAfter => ("the days after the statement must be from 0 to 60", "账单日后的天数必须在 0 到 60 之间"),
        DatesPeriodDays => ("the period must be month, 2w, 1w or 1d to 365d", "分期周期必须是 month、2w、1w 或 1d 到 365d"),
        DatesDueBeforeStart => ("the first due date is before the start date (--start)", "首期还款日早于起始日期（--start）"),
        DatesFirstDueMismatch => ("the first due date does not follow from the due-date rule", "首期还款日与还款日规则不符"),
        AprNoPayments => ("the plan has no payments", "该计划没有还款"),
        AprNoConvergence => ("the annual rate could not be computed", "无法计算年化利率"),
        PayoffNotAllowed => ("this plan does not allow early payoff", "该计划不允许提前还款"),
        PayoffNothingOwed => ("this plan is already fully paid", "该计划已全部还清"),
        AllocationNotPositive => ("the amount must be more than zero", "金额必须大于零"),
        AllocationOverpayment => ("more than can be paid now: at most {0} (what is due by this date and the next period); to pay more, pay the plan off early with `fenqi payoff`", "超过目前可还的金额：最多 {0}（截至该日已到期的款项加下一期）；如需多还，请用 `fenqi payoff` 提前结清"),
        AllocationBeforeLatest => ("a repayment dated {0} is already recorded on this plan, and repayments are recorded in date order; to enter an earlier one, undo the later one first (`fenqi undo`)", "该计划已记录了 {0} 的还款，还款须按日期顺序记录；如需补记更早的还款，请先撤销较晚的那笔（`fenqi undo`）"),
        AllocationAfterToday => ("the date is after today ({0}); only repayments already made can be recorded", "日期晚于今天（{0}）；只能记录已经发生的还款"),
        PrepayOutOfRange => ("a prepayment must be more than zero and less than the balance", "提前还款金额必须大于零且小于剩余本金"),
        PrepayPaymentTooSmall => ("the payment does not cover the interest", "月供不足以支付利息"),
        PrepayNotAnnuity => ("partial prepayment is only for annuity plans (等额本息, --method annuity); leave out --amount and --mode to quote paying the whole plan off", "部分提前还款仅适用于等额本息计划（--method annuity）；去掉 --amount 和 --mode 可报价全部提前结清"),
        PrepayNotCurrent => ("pay what is due first: a partial prepayment needs every period due by its date paid and nothing yet paid on the next one", "请先还清到期款项：部分提前还款要求该日前到期的各期均已还清，且下一期尚未还款"),
    }
}

/// Localised text for a money parse error.
pub(crate) fn money(lang: Lang, error: &MoneyError) -> String {
    let key = match error {
        MoneyError::Empty => ErrorText::MoneyEmpty,
        MoneyError::NotANumber => ErrorText::MoneyNotANumber,
        MoneyError::TooManyDecimals => ErrorText::MoneyTooManyDecimals,
        MoneyError::Negative => ErrorText::MoneyNegative,
        MoneyError::TooLarge => ErrorText::MoneyTooLarge,
        MoneyError::NotPositive => ErrorText::MoneyNotPositive,
    };
    key.text(lang).to_string()
}

/// Localised text for a rate parse error.
pub(crate) fn rate(lang: Lang, error: &RateError) -> String {
    let key = match error {
        RateError::Empty => ErrorText::RateEmpty,
        RateError::NotANumber => ErrorText::RateNotANumber,
        RateError::Negative => ErrorText::RateNegative,
        RateError::TooLarge => ErrorText::RateTooLarge,
        RateError::NotADiscount => ErrorText::RateNotADiscount,
    };
    key.text(lang).to_string()
}

/// Localised text for a date parse error.
pub(crate) fn date(lang: Lang, error: &DateError) -> String {
    let key = match error {
        DateError::Format => ErrorText::DateFormat,
        DateError::NoSuchDay => ErrorText::DateNoSuchDay,
        DateError::YearOutOfRange => ErrorText::DateYearOutOfRange,
    };
    key.text(lang).to_string()
}

/// Localised text for terms that make no schedule.
pub(crate) fn schedule(lang: Lang, error: &ScheduleError) -> String {
    match error {
        ScheduleError::PeriodsOutOfRange => ErrorText::PeriodsOutOfRange.text(lang).to_string(),
        ScheduleError::ZeroPrincipal => ErrorText::ZeroPrincipal.text(lang).to_string(),
        ScheduleError::FreePeriodOutOfRange(p) => {
            super::fill(ErrorText::FreePeriodOutOfRange.text(lang), &[p])
        }
        ScheduleError::DateOutOfRange => ErrorText::DateOutOfRange.text(lang).to_string(),
        ScheduleError::Overflow => ErrorText::Overflow.text(lang).to_string(),
        ScheduleError::OptionNotForModel => ErrorText::OptionNotForModel.text(lang).to_string(),
        ScheduleError::DiscountTooLarge => ErrorText::DiscountTooLarge.text(lang).to_string(),
        ScheduleError::Dates(e) => date_rule(lang, e),
    }
}

/// Localised text for date terms that make no due dates.
pub(crate) fn date_rule(lang: Lang, error: &DateRuleError) -> String {
    match error {
        DateRuleError::NeedsStart => ErrorText::DatesNeedStart,
        DateRuleError::NeedsMonths => ErrorText::DatesNeedMonths,
        DateRuleError::DueDay => ErrorText::DatesDueDay,
        DateRuleError::StatementDay => ErrorText::DatesStatementDay,
        DateRuleError::DueAfter => ErrorText::DatesDueAfter,
        DateRuleError::PeriodDays => ErrorText::DatesPeriodDays,
        DateRuleError::DueBeforeStart => ErrorText::DatesDueBeforeStart,
        DateRuleError::FirstDueMismatch => ErrorText::DatesFirstDueMismatch,
        DateRuleError::OutOfCalendar => ErrorText::DateOutOfRange,
    }
    .text(lang)
    .to_string()
}

/// Localised text for terms beyond fenqi's bounds.
pub(crate) fn bound(lang: Lang, error: &BoundError) -> String {
    let key = match error {
        BoundError::Principal => ErrorText::BoundPrincipal,
        BoundError::Rate { model, .. } => match model {
            FeeModel::MonthlyFee => ErrorText::BoundMonthlyFee,
            FeeModel::Annuity | FeeModel::EqualPrincipal | FeeModel::InterestOnly => {
                ErrorText::BoundAnnualRate
            }
            model if model.is_daily() => ErrorText::BoundDailyRate,
            _ => ErrorText::BoundTotalFee,
        },
        BoundError::PenaltyDaily => ErrorText::BoundPenaltyDaily,
        BoundError::MinFee | BoundError::LateFee | BoundError::Tolerance => ErrorText::BoundMinFee,
        BoundError::PenaltyMin => ErrorText::BoundPenaltyMin,
    };
    key.text(lang).to_string()
}

/// Localised text for an APR that cannot be solved.
pub(crate) fn apr(lang: Lang, error: &AprError) -> String {
    match error {
        AprError::NoPayments => ErrorText::AprNoPayments.text(lang).to_string(),
        AprError::NoConvergence => ErrorText::AprNoConvergence.text(lang).to_string(),
    }
}

/// Localised text for a payoff that cannot be quoted.
pub(crate) fn payoff(lang: Lang, error: &PayoffError) -> String {
    match error {
        PayoffError::NotAllowed => ErrorText::PayoffNotAllowed.text(lang).to_string(),
        PayoffError::NothingOwed => ErrorText::PayoffNothingOwed.text(lang).to_string(),
        PayoffError::Overflow(_) => ErrorText::Overflow.text(lang).to_string(),
    }
}

/// Localised text for a payment that cannot be allocated.
pub(crate) fn allocation(lang: Lang, error: &AllocationError) -> String {
    match error {
        AllocationError::NotPositive => ErrorText::AllocationNotPositive.text(lang).to_string(),
        AllocationError::Overpayment(most) => {
            super::fill(ErrorText::AllocationOverpayment.text(lang), &[most])
        }
        AllocationError::BeforeLatestPayment(latest) => {
            super::fill(ErrorText::AllocationBeforeLatest.text(lang), &[latest])
        }
        AllocationError::AfterToday(today) => {
            super::fill(ErrorText::AllocationAfterToday.text(lang), &[today])
        }
        AllocationError::Overflow(_) => ErrorText::Overflow.text(lang).to_string(),
    }
}

/// Localised text for a prepayment that cannot be applied.
pub(crate) fn prepay(lang: Lang, error: &PrepayError) -> String {
    match error {
        PrepayError::OutOfRange => ErrorText::PrepayOutOfRange.text(lang).to_string(),
        PrepayError::PaymentTooSmall => ErrorText::PrepayPaymentTooSmall.text(lang).to_string(),
        PrepayError::Schedule(e) => schedule(lang, e),
        PrepayError::NotAnnuity => ErrorText::PrepayNotAnnuity.text(lang).to_string(),
        PrepayError::NotAllowed => ErrorText::PayoffNotAllowed.text(lang).to_string(),
        PrepayError::NothingOwed => ErrorText::PayoffNothingOwed.text(lang).to_string(),
        PrepayError::NotCurrent => ErrorText::PrepayNotCurrent.text(lang).to_string(),
    }
}
