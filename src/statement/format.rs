//! The statement formats fenqi reads, the `--format` choices, and how a file was stored.

use super::provider::Provider;

/// What `--format` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FormatChoice {
    /// Whichever format the file's header and marker lines show.
    #[default]
    Auto,
    Alipay,
    Wechat,
    Jd,
    Bank,
    /// Any CSV (or XLSX), read through a column map (`--map`).
    Generic,
}

impl FormatChoice {
    /// Every choice, in the order `--format` lists them.
    pub const ALL: &'static [FormatChoice] = &[
        FormatChoice::Auto,
        FormatChoice::Alipay,
        FormatChoice::Wechat,
        FormatChoice::Jd,
        FormatChoice::Bank,
        FormatChoice::Generic,
    ];

    /// The value `--format` takes.
    pub fn code(self) -> &'static str {
        match self {
            FormatChoice::Auto => "auto",
            FormatChoice::Alipay => "alipay",
            FormatChoice::Wechat => "wechat",
            FormatChoice::Jd => "jd",
            FormatChoice::Bank => "bank",
            FormatChoice::Generic => "generic",
        }
    }

    /// The choice `--format CODE` names.
    pub fn parse(code: &str) -> Option<FormatChoice> {
        let code = code.trim().to_ascii_lowercase();
        FormatChoice::ALL.iter().copied().find(|c| c.code() == code)
    }

    /// True when a file of format `format` is what this choice asks for.
    pub fn accepts(self, format: Format) -> bool {
        self == FormatChoice::Auto || format.choice() == self
    }
}

/// The format a statement was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// 支付宝 交易明细 (CSV).
    Alipay,
    /// 微信支付 账单 (XLSX, or the older CSV).
    Wechat,
    /// 京东 交易流水 (CSV).
    Jd,
    /// A bank card's export, recognised by its column names; the bank when they (or the lines
    /// above them) say which.
    Bank { issuer: Option<Provider> },
    /// A CSV read through `--map`.
    Generic,
}

impl Format {
    /// The `--format` choice that names this format.
    pub fn choice(self) -> FormatChoice {
        match self {
            Format::Alipay => FormatChoice::Alipay,
            Format::Wechat => FormatChoice::Wechat,
            Format::Jd => FormatChoice::Jd,
            Format::Bank { .. } => FormatChoice::Bank,
            Format::Generic => FormatChoice::Generic,
        }
    }

    /// The providers whose repayments a statement of this format shows: 花呗 and 借呗 in
    /// 支付宝, 微粒贷 in 微信支付, 白条 and 金条 in 京东, the bank's own plans in its card export.
    pub fn providers(self) -> Vec<Provider> {
        match self {
            Format::Alipay => vec![Provider::Huabei, Provider::Jiebei],
            Format::Wechat => vec![Provider::Weilidai],
            Format::Jd => vec![Provider::Baitiao, Provider::Jintiao],
            Format::Bank { issuer } => issuer.into_iter().collect(),
            Format::Generic => Vec::new(),
        }
    }
}

/// How the statement's text was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
}

/// The kind of file a statement came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Container {
    Csv(TextEncoding),
    Xlsx,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_round_trip_their_codes() {
        for choice in FormatChoice::ALL {
            assert_eq!(FormatChoice::parse(choice.code()), Some(*choice));
        }
        assert_eq!(FormatChoice::parse(" WeChat "), Some(FormatChoice::Wechat));
        assert_eq!(FormatChoice::parse("ofx"), None);
        assert!(FormatChoice::Auto.accepts(Format::Jd));
        assert!(FormatChoice::Bank.accepts(Format::Bank { issuer: None }));
        assert!(!FormatChoice::Alipay.accepts(Format::Wechat));
    }
}
