//! Early payoff (提前还款) policies by name in both languages, for text output (JSON keeps the
//! codes: `current-fee-due`, `penalty:3%`, …).

use super::{Lang, fill};
use crate::domain::PayoffPolicy;
use crate::domain::payoff::PayoffQuote;

crate::messages! {
    /// What each payoff policy charges, in words.
    PolicyText {
        WaiveRemainingFees => ("remaining fees waived", "剩余手续费全免"),
        CurrentFeeDue => ("current period's fee charged", "当期手续费照收"),
        AllFeesDue => ("all remaining fees charged", "剩余手续费全收"),
        Penalty => ("remaining fees waived, {0} of the remaining principal charged", "剩余手续费全免，另收剩余本金的 {0}"),
        FeeOnRemaining => ("remaining fees waived, a fee of {0} of the remaining principal charged", "剩余手续费全免，另收剩余本金 {0} 的手续费"),
        InterestToDate => ("interest to the payoff date charged", "另收截至结清日的利息"),
        NotAllowed => ("early payoff not allowed", "不允许提前还款"),
        PenaltyChoice => ("remaining fees waived, a penalty on the remaining principal", "剩余手续费全免，按剩余本金收违约金"),
        FeeOnRemainingChoice => ("remaining fees waived, a fee on the remaining principal", "剩余手续费全免，按剩余本金收手续费"),
        WaiveRemainingFeesRule => ("Paying off early costs the remaining principal only: the fees of the periods not yet due are waived.", "提前结清只需还剩余本金：尚未到期各期的手续费全免。"),
        CurrentFeeDueRule => ("Paying off early costs the remaining principal plus the fee of the period it is settled in.", "提前结清需还剩余本金，另付结清当期的手续费。"),
        AllFeesDueRule => ("Paying off early costs the remaining principal plus every remaining fee: it saves nothing.", "提前结清需还剩余本金和剩余全部手续费：提前还款不省钱。"),
        PenaltyRule => ("Paying off early costs the remaining principal plus {0} of it as a penalty; the remaining fees are waived.", "提前结清需还剩余本金，另收其 {0} 作为违约金；剩余手续费全免。"),
        FeeOnRemainingRule => ("Paying off early costs the remaining principal plus {0} of it as a fee; the remaining fees are waived.", "提前结清需还剩余本金，另收其 {0} 作为手续费；剩余手续费全免。"),
        InterestToDateRule => ("Paying off early costs the remaining principal plus interest by the day up to the payoff date (on a fee plan: the current period's fee).", "提前结清需还剩余本金，另付按天计算至结清日的利息（手续费类计划：当期手续费）。"),
        NotAllowedRule => ("This plan cannot be paid off early: every period is paid when due.", "该计划不能提前结清：每期到期时还款。"),
        SavesFees => ("Paying off now saves {0} of fees ({1} if kept).", "现在结清可省 {0} 手续费（按期还款共需 {1}）。"),
        SavesInterest => ("Paying off now saves {0} of interest ({1} if kept).", "现在结清可省 {0} 利息（按期还款共需 {1}）。"),
        SavesNothingAllFees => ("Paying early saves nothing: this plan's policy charges every remaining fee.", "提前还款不省钱：该计划的规则要收剩余全部手续费。"),
        SavesNothing => ("Paying off now saves nothing against keeping the plan.", "现在结清与按期还款花费相同，不省钱。"),
        CostsMore => ("Paying off now costs {0} more than keeping the plan.", "现在结清比按期还款多花 {0}。"),
    }
}

/// What paying off now saves against keeping the plan, in a sentence: "saves 389.90 of fees",
/// nothing (plainly so when the policy charges every remaining fee), or what it costs more.
pub(crate) fn payoff_saving_sentence(
    lang: Lang,
    quote: &PayoffQuote,
    interest_based: bool,
) -> String {
    if quote.saving.is_positive() {
        let text = if interest_based {
            PolicyText::SavesInterest
        } else {
            PolicyText::SavesFees
        };
        return fill(
            text.text(lang),
            &[&quote.saving.grouped(), &quote.remaining_if_kept.grouped()],
        );
    }
    if quote.saving.is_negative() {
        let more = quote.amount.saturating_sub(quote.remaining_if_kept);
        return fill(PolicyText::CostsMore.text(lang), &[&more.grouped()]);
    }
    match quote.policy {
        PayoffPolicy::AllFeesDue => PolicyText::SavesNothingAllFees,
        _ => PolicyText::SavesNothing,
    }
    .text(lang)
    .to_string()
}

/// The policy's name as a choice among the policies: like [`payoff_policy_name`], but a
/// penalty or a fee on the remaining principal is named without its rate (chosen beside it).
pub(crate) fn payoff_policy_choice_name(lang: Lang, policy: PayoffPolicy) -> String {
    match policy {
        PayoffPolicy::Penalty(_) => PolicyText::PenaltyChoice.text(lang).to_string(),
        PayoffPolicy::FeeOnRemaining(_) => PolicyText::FeeOnRemainingChoice.text(lang).to_string(),
        other => payoff_policy_name(lang, other),
    }
}

/// What paying off early costs under the policy, in a sentence.
pub(crate) fn payoff_policy_rule(lang: Lang, policy: PayoffPolicy) -> String {
    let text = match policy {
        PayoffPolicy::WaiveRemainingFees => PolicyText::WaiveRemainingFeesRule,
        PayoffPolicy::CurrentFeeDue => PolicyText::CurrentFeeDueRule,
        PayoffPolicy::AllFeesDue => PolicyText::AllFeesDueRule,
        PayoffPolicy::Penalty(rate) => return fill(PolicyText::PenaltyRule.text(lang), &[&rate]),
        PayoffPolicy::FeeOnRemaining(rate) => {
            return fill(PolicyText::FeeOnRemainingRule.text(lang), &[&rate]);
        }
        PayoffPolicy::InterestToDate => PolicyText::InterestToDateRule,
        PayoffPolicy::NotAllowed => PolicyText::NotAllowedRule,
    };
    text.text(lang).to_string()
}

/// The policy's name in `lang`: "current period's fee charged", "当期手续费照收".
pub(crate) fn payoff_policy_name(lang: Lang, policy: PayoffPolicy) -> String {
    let text = match policy {
        PayoffPolicy::WaiveRemainingFees => PolicyText::WaiveRemainingFees,
        PayoffPolicy::CurrentFeeDue => PolicyText::CurrentFeeDue,
        PayoffPolicy::AllFeesDue => PolicyText::AllFeesDue,
        PayoffPolicy::Penalty(rate) => return fill(PolicyText::Penalty.text(lang), &[&rate]),
        PayoffPolicy::FeeOnRemaining(rate) => {
            return fill(PolicyText::FeeOnRemaining.text(lang), &[&rate]);
        }
        PayoffPolicy::InterestToDate => PolicyText::InterestToDate,
        PayoffPolicy::NotAllowed => PolicyText::NotAllowed,
    };
    text.text(lang).to_string()
}

/// The policy as text output shows it: in Chinese its name with the code the flags take
/// ("当期手续费照收（current-fee-due）"); in English the code, which already reads as its name.
pub(crate) fn payoff_policy_label(lang: Lang, policy: PayoffPolicy) -> String {
    match lang {
        Lang::En => policy.to_string(),
        Lang::Zh => format!("{}（{policy}）", payoff_policy_name(lang, policy)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_labels_carry_the_code() {
        let policy = PayoffPolicy::parse("current-fee-due").unwrap();
        assert_eq!(
            payoff_policy_label(Lang::Zh, policy),
            "当期手续费照收（current-fee-due）"
        );
        assert_eq!(payoff_policy_label(Lang::En, policy), "current-fee-due");
        let penalty = PayoffPolicy::parse("penalty:3%").unwrap();
        assert_eq!(
            payoff_policy_label(Lang::Zh, penalty),
            "剩余手续费全免，另收剩余本金的 3%（penalty:3%）"
        );
        assert_eq!(
            payoff_policy_name(Lang::En, penalty),
            "remaining fees waived, 3% of the remaining principal charged"
        );
    }

    #[test]
    fn every_entry_is_translated() {
        for entry in PolicyText::ALL {
            super::super::assert_translated(entry, entry.text(Lang::En), entry.text(Lang::Zh));
        }
    }
}
