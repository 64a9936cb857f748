//! Texts of the decisions: `advise` (and its reasons why paying early saves nothing) and
//! `summary`.

use super::{Lang, fill};
use crate::domain::advise::{ActionKind, NoGain};
use crate::domain::overview::Overview;
use crate::domain::prepay::PrepayMode;
use crate::domain::rate::percent4;

crate::messages! {
    /// `fenqi advise` output and errors.
    DecideText {
        CashPositive => ("must be more than zero", "必须大于零"),
        AdviseHeading => ("Spending {0} on {1} to save the most:", "{1} 用 {0} 提前还款，最省钱的做法："),
        ColPlan => ("Plan", "计划"),
        ColAction => ("Action", "操作"),
        ColAmount => ("Amount", "金额"),
        ColSaving => ("Saves", "节省"),
        ActionPayoff => ("pay off", "提前结清"),
        ActionPrepayKeep => ("prepay, keep term", "部分提前还款（期数不变）"),
        ActionPrepayShorten => ("prepay, shorten term", "部分提前还款（缩短期数）"),
        AdviseTotal => ("Spent {0}, saves {1} in total.", "共用 {0}，合计节省 {1}。"),
        AdviseNothing => ("Nothing to do: no early repayment within {0} saves anything.", "无需操作：{0} 以内的提前还款都不省钱。"),
        NoGainHeading => ("Paying early saves nothing on:", "以下计划提前还款不省钱："),
        NoGainNotAllowed => ("its policy does not allow early repayment", "其规则不允许提前还款"),
        NoGainAllFeesDue => ("its policy charges every remaining fee", "其规则要收剩余全部手续费"),
        NoGainNothingToSave => ("no fee or interest is left to save", "没有剩余的手续费或利息可省"),
        NoGainCostsMore => ("its payoff charge is more than the fees it waives", "其提前还款费用高于可免的手续费"),
    }
}

crate::messages! {
    /// `fenqi summary` output (the TUI's summary view shares the figures' names).
    SummaryText {
        Heading => ("Summary on {0}:", "{0} 概览："),
        Principal => ("Outstanding principal", "待还本金"),
        Balance => ("Outstanding balance", "待还总额"),
        Due7 => ("Due within 7 days", "7 天内到期"),
        Due30 => ("Due within 30 days", "30 天内到期"),
        Overdue => ("Overdue with penalties ({0})", "已逾期含罚息（{0} 期）"),
        Unconfirmed => ("Unconfirmed automatic postings ({0})", "未确认的自动扣款（{0} 笔）"),
        Dearest => ("Dearest plan by APR", "年化最高的计划"),
        DearestValue => ("#{0}, {1}%", "#{0}，{1}%"),
        Weighted => ("Balance-weighted APR", "按待还总额加权的年化"),
    }
}

/// The summary's figures as (label, value) lines, in order: `fenqi summary` prints them, the
/// TUI's summary view shows them. A figure that does not exist (no plan owes money) is `—`.
pub(crate) fn summary_figures(lang: Lang, o: &Overview) -> Vec<(String, String)> {
    let text = |t: SummaryText| t.text(lang).to_string();
    vec![
        (
            text(SummaryText::Principal),
            o.outstanding_principal.grouped(),
        ),
        (text(SummaryText::Balance), o.outstanding_balance.grouped()),
        (text(SummaryText::Due7), o.due.due_7_days.grouped()),
        (text(SummaryText::Due30), o.due.due_30_days.grouped()),
        (
            fill(SummaryText::Overdue.text(lang), &[&o.due.overdue_count]),
            o.due.overdue.grouped(),
        ),
        (
            fill(
                SummaryText::Unconfirmed.text(lang),
                &[&o.due.unconfirmed_count],
            ),
            o.due.unconfirmed.grouped(),
        ),
        (
            text(SummaryText::Dearest),
            o.dearest.map_or_else(
                || "—".to_string(),
                |d| {
                    fill(
                        SummaryText::DearestValue.text(lang),
                        &[&d.id, &percent4(d.apr_percent)],
                    )
                },
            ),
        ),
        (
            text(SummaryText::Weighted),
            o.weighted_apr_percent
                .map_or_else(|| "—".to_string(), |apr| format!("{}%", percent4(apr))),
        ),
    ]
}

/// What the advice says to do with a plan, in words.
pub(crate) fn action_name(lang: Lang, kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::Payoff => DecideText::ActionPayoff,
        ActionKind::Prepay(PrepayMode::KeepTerm) => DecideText::ActionPrepayKeep,
        ActionKind::Prepay(PrepayMode::ShortenTerm) => DecideText::ActionPrepayShorten,
    }
    .text(lang)
}

/// Why paying a plan early saves nothing, in words.
pub(crate) fn no_gain_reason(lang: Lang, why: NoGain) -> &'static str {
    match why {
        NoGain::NotAllowed => DecideText::NoGainNotAllowed,
        NoGain::AllFeesDue => DecideText::NoGainAllFeesDue,
        NoGain::NothingToSave => DecideText::NoGainNothingToSave,
        NoGain::CostsMore => DecideText::NoGainCostsMore,
    }
    .text(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_translated() {
        for entry in DecideText::ALL {
            crate::i18n::assert_translated(entry, entry.text(Lang::En), entry.text(Lang::Zh));
        }
        for entry in SummaryText::ALL {
            crate::i18n::assert_translated(entry, entry.text(Lang::En), entry.text(Lang::Zh));
        }
    }
}
