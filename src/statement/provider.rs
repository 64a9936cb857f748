//! The lenders and banks a statement line or a plan's provider can name, by their aliases.

/// A lender or bank fenqi recognises by name in statements and in plans' provider names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Provider {
    /// 花呗 (Ant Group's credit line in 支付宝).
    Huabei,
    /// 借呗.
    Jiebei,
    /// 京东白条.
    Baitiao,
    /// 京东金条.
    Jintiao,
    /// 小米分期 (天星金融).
    Xiaomi,
    /// 微粒贷 (微信).
    Weilidai,
    /// 招商银行.
    Cmb,
    /// 中国工商银行.
    Icbc,
    /// 中国建设银行.
    Ccb,
    /// 中信银行.
    Citic,
    /// 广发银行.
    Cgb,
    /// 中国银行.
    Boc,
    Klarna,
    Afterpay,
}

/// Each provider's names as they appear in statements and plans (ASCII ones compared without
/// case). A longer alias that contains another provider's alias is not needed: no alias here is
/// part of another provider's name (中国银行 is not in 中国工商银行 or 中国建设银行).
const ALIASES: &[(Provider, &[&str])] = &[
    (Provider::Huabei, &["花呗", "huabei"]),
    (Provider::Jiebei, &["借呗", "jiebei"]),
    (Provider::Baitiao, &["白条", "baitiao"]),
    (Provider::Jintiao, &["金条", "jintiao"]),
    (
        Provider::Xiaomi,
        &["小米分期", "小米金融", "天星金融", "xiaomi"],
    ),
    (Provider::Weilidai, &["微粒贷", "weilidai"]),
    (
        Provider::Cmb,
        &["招商银行", "招行", "china merchants bank", "cmb "],
    ),
    (Provider::Icbc, &["工商银行", "工行", "icbc"]),
    (
        Provider::Ccb,
        &["建设银行", "建行", "china construction bank"],
    ),
    (Provider::Citic, &["中信银行", "citic"]),
    (Provider::Cgb, &["广发银行", "广发", "china guangfa bank"]),
    (Provider::Boc, &["中国银行", "中行", "bank of china"]),
    (Provider::Klarna, &["klarna"]),
    (Provider::Afterpay, &["afterpay"]),
];

impl Provider {
    /// The providers `text` names, in the order of [`Provider`] (none when it names none).
    pub fn named_in(text: &str) -> Vec<Provider> {
        let lower = format!("{} ", text.to_lowercase());
        ALIASES
            .iter()
            .filter(|(_, aliases)| aliases.iter().any(|alias| lower.contains(alias)))
            .map(|(provider, _)| *provider)
            .collect()
    }

    /// The provider a plan's provider name means: the first one it names (`蚂蚁花呗` → 花呗,
    /// `招商银行信用卡` → 招商银行), `None` for a name fenqi does not know.
    pub fn of_name(name: &str) -> Option<Provider> {
        Provider::named_in(name).into_iter().next()
    }

    /// A short ASCII code (`huabei`, `baitiao`, `cmb`…), as JSON names it.
    pub fn code(self) -> &'static str {
        match self {
            Provider::Huabei => "huabei",
            Provider::Jiebei => "jiebei",
            Provider::Baitiao => "baitiao",
            Provider::Jintiao => "jintiao",
            Provider::Xiaomi => "xiaomi",
            Provider::Weilidai => "weilidai",
            Provider::Cmb => "cmb",
            Provider::Icbc => "icbc",
            Provider::Ccb => "ccb",
            Provider::Citic => "citic",
            Provider::Cgb => "cgb",
            Provider::Boc => "boc",
            Provider::Klarna => "klarna",
            Provider::Afterpay => "afterpay",
        }
    }

    /// True for the providers whose statements are card statements (the banks).
    pub fn is_bank(self) -> bool {
        matches!(
            self,
            Provider::Cmb
                | Provider::Icbc
                | Provider::Ccb
                | Provider::Citic
                | Provider::Cgb
                | Provider::Boc
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_in_text_and_plan_names() {
        assert_eq!(
            Provider::named_in("花呗主动还款-2024年03月账单"),
            vec![Provider::Huabei]
        );
        assert_eq!(Provider::of_name("蚂蚁花呗"), Some(Provider::Huabei));
        assert_eq!(Provider::of_name("京东白条"), Some(Provider::Baitiao));
        assert_eq!(Provider::of_name("招商银行信用卡"), Some(Provider::Cmb));
        assert_eq!(Provider::of_name("CMB"), Some(Provider::Cmb));
        assert_eq!(Provider::of_name("Klarna Pay in 4"), Some(Provider::Klarna));
        assert_eq!(Provider::of_name("中国工商银行"), Some(Provider::Icbc));
        assert_eq!(Provider::of_name("中国银行"), Some(Provider::Boc));
        assert_eq!(Provider::of_name("某某消费金融"), None);
        assert_eq!(
            Provider::named_in("招商银行 白条还款"),
            vec![Provider::Baitiao, Provider::Cmb]
        );
        assert!(Provider::Cgb.is_bank() && !Provider::Huabei.is_bank());
    }
}
