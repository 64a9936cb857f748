//! Early payoff (提前还款) policies by name in both languages, for text output (JSON keeps the
//! codes: `current-fee-due`, `penalty:3%`, …).

use super::{Lang, fill};
use crate::domain::PayoffPolicy;

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
    }
}

/// The policy's name in `lang`: "current period's fee charged", "当期手续费照收".
pub fn payoff_policy_name(lang: Lang, policy: PayoffPolicy) -> String {
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
pub fn payoff_policy_label(lang: Lang, policy: PayoffPolicy) -> String {
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
