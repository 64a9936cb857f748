//! What sample plans are made of: providers with their typical products and terms, and cards.

use crate::domain::FeeModel;

/// A provider's typical products and terms.
pub(super) struct ProviderKind {
    pub provider: &'static str,
    pub products: &'static [(&'static str, i64)],
    pub periods: &'static [u32],
    pub model: FeeModel,
    /// Rates in hundredths of a percent (50 = 0.50%), by model's meaning.
    pub rates: &'static [i64],
    pub auto_debit: bool,
    pub payoff: &'static str,
}

pub(super) const PROVIDERS: &[ProviderKind] = &[
    ProviderKind {
        provider: "小米分期",
        products: &[
            ("Xiaomi 14 Ultra", 6_499),
            ("Redmi Note 13 Pro", 1_799),
            ("小米电视 S Pro 65", 4_999),
            ("米家扫地机器人 X20", 2_999),
            ("Xiaomi Pad 6S Pro", 3_599),
        ],
        periods: &[3, 6, 12, 24],
        model: FeeModel::MonthlyFee,
        rates: &[50, 60, 68, 75],
        auto_debit: true,
        payoff: "current-fee-due",
    },
    ProviderKind {
        provider: "花呗",
        products: &[
            ("AirPods Pro 2", 1_899),
            ("优衣库羽绒服", 599),
            ("戴森吹风机 HD15", 2_999),
            ("淘宝年货", 860),
            ("Switch OLED", 2_099),
        ],
        periods: &[3, 6, 12],
        model: FeeModel::TotalFee,
        rates: &[230, 450, 750],
        auto_debit: true,
        payoff: "waive-remaining-fees",
    },
    ProviderKind {
        provider: "京东白条",
        products: &[
            ("iPad Air 11", 4_799),
            ("海尔冰箱 BCD-510", 3_299),
            ("索尼 WH-1000XM5", 2_499),
            ("京东京造 人体工学椅", 1_299),
        ],
        periods: &[3, 6, 12, 24],
        model: FeeModel::MonthlyFee,
        rates: &[0, 50, 60, 80],
        auto_debit: false,
        payoff: "waive-remaining-fees",
    },
    ProviderKind {
        provider: "招商银行信用卡",
        products: &[
            ("账单分期", 12_000),
            ("账单分期", 20_000),
            ("消费分期 装修", 40_000),
            ("账单分期", 8_800),
        ],
        periods: &[6, 12, 24],
        model: FeeModel::MonthlyFee,
        rates: &[60, 68, 75],
        auto_debit: true,
        payoff: "all-fees-due",
    },
    ProviderKind {
        provider: "招联金融",
        products: &[("好期贷", 10_000), ("好期贷", 30_000), ("装修贷", 50_000)],
        periods: &[12, 24, 36],
        model: FeeModel::Annuity,
        rates: &[1_080, 1_440, 1_800],
        auto_debit: true,
        payoff: "interest-to-date",
    },
    ProviderKind {
        provider: "Klarna",
        products: &[
            ("Nike Air Max", 129),
            ("IKEA sofa", 699),
            ("Zalando order", 89),
            ("Sephora haul", 154),
        ],
        periods: &[4],
        model: FeeModel::InterestFree,
        rates: &[0],
        auto_debit: true,
        payoff: "waive-remaining-fees",
    },
    ProviderKind {
        provider: "Affirm",
        products: &[
            ("Peloton Bike", 1_445),
            ("MacBook Air", 1_099),
            ("Casper mattress", 995),
        ],
        periods: &[6, 12],
        model: FeeModel::Annuity,
        rates: &[0, 1_500, 2_999],
        auto_debit: false,
        payoff: "waive-remaining-fees",
    },
];

pub(super) const CARDS: &[(&str, &str, &str)] = &[
    ("招商银行", "8842", "工资卡"),
    ("中国工商银行", "1029", ""),
    ("建设银行", "5567", "信用卡"),
    ("Chase", "4417", "Freedom"),
];
