//! Texts of `fenqi compare`: its table, and why an offer cannot be compared.

use super::{Lang, fill};
use crate::domain::compare::SpecError;

crate::messages! {
    /// Comparison output and refusals.
    CompareText {
        NoOffers => ("give at least one offer: --offer PRESET[:N,N,…] or --offer custom:KEY=VALUE,…", "请至少给出一个方案：--offer 预设[:期数,…] 或 --offer custom:参数=值,…"),
        SpecEmpty => ("write PRESET[:N,N,…] or custom:KEY=VALUE,…", "请写成 预设[:期数,…] 或 custom:参数=值,…"),
        SpecUnknownKey => ("{0} is not a terms flag: use the flags' names without --, like monthly-fee=0.6%", "{0} 不是条款参数：请用去掉 -- 的参数名，如 monthly-fee=0.6%"),
        SpecBadCount => ("{0} is not a period count from 1 to 360", "{0} 不是 1 到 360 之间的期数"),
        SpecCustomPeriods => ("a custom offer needs periods=N", "自定义方案需要 periods=期数"),
        SpecDuplicate => ("{0} is given twice", "{0} 出现了两次"),
        OfferField => ("{0}: {1}: {2}", "{0}：{1}：{2}"),
        Heading => ("{0} from {1}, {2}, cheapest first (by APR):", "{0}，{1} 起，{2}，按年化利率从低到高："),
        OptionOne => ("1 option", "1 个方案"),
        OptionMany => ("{0} options", "{0} 个方案"),
        ColRank => ("Rank", "排名"),
        ColOption => ("Option", "方案"),
        ColName => ("Provider", "服务商"),
        ColPeriods => ("Periods", "期数"),
        ColPerPeriod => ("Per period", "每期"),
        ColTotalFee => ("Total fee", "总费用"),
        ColTotal => ("Total repayment", "还款总额"),
        ColApr => ("APR %", "年化利率 %"),
        ColEar => ("EAR %", "实际年利率 %"),
        ColFirstDue => ("First due", "首期还款日"),
        Custom => ("custom", "自定义"),
        Cheapest => ("Cheapest by true cost: {0}, APR {1}%, total fee {2}.", "真实成本最低：{0}，年化利率 {1}%，总费用 {2}。"),
    }
}

/// Why an offer spec cannot be read.
pub(crate) fn spec_error(lang: Lang, error: &SpecError) -> String {
    match error {
        SpecError::Empty => CompareText::SpecEmpty.text(lang).to_string(),
        SpecError::UnknownKey(key) => fill(
            CompareText::SpecUnknownKey.text(lang),
            &[&crate::text::one_line(key)],
        ),
        SpecError::BadCount(item) => fill(
            CompareText::SpecBadCount.text(lang),
            &[&crate::text::one_line(item)],
        ),
        SpecError::CustomNeedsPeriods => CompareText::SpecCustomPeriods.text(lang).to_string(),
        SpecError::Duplicate(field) => fill(CompareText::SpecDuplicate.text(lang), &[&field.key()]),
    }
}

/// "3 options".
pub(crate) fn options(lang: Lang, n: usize) -> String {
    let template = super::one_or_many(n as u64, CompareText::OptionOne, CompareText::OptionMany);
    fill(template.text(lang), &[&n])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_translated() {
        for entry in CompareText::ALL {
            crate::i18n::assert_translated(entry, entry.text(Lang::En), entry.text(Lang::Zh));
        }
    }
}
