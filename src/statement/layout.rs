//! Recognising a statement's format by its header and marker lines, and where each column is.

use chrono::NaiveDate;

use super::cells::dates_in;
use super::format::Format;
use super::provider::Provider;
use super::sheet::Row;

/// Rows searched for a header (支付宝 puts about 24 lines before it).
pub(crate) const HEADER_SCAN_ROWS: usize = 200;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Date,
    Direction,
    Amount,
    AmountIn,
    AmountOut,
    Counterparty,
    Description,
    Category,
    Method,
    Status,
    OrderId,
    MerchantOrderId,
    Note,
    Card,
    Currency,
}

const ROLES: usize = 15;

impl Role {
    fn index(self) -> usize {
        self as usize
    }
}

/// A column of a format: its role, the header names it goes by (the first present wins), and
/// whether the format needs it.
struct Column {
    role: Role,
    names: &'static [&'static str],
    required: bool,
}

const fn need(role: Role, names: &'static [&'static str]) -> Column {
    Column {
        role,
        names,
        required: true,
    }
}

const fn may(role: Role, names: &'static [&'static str]) -> Column {
    Column {
        role,
        names,
        required: false,
    }
}

/// 支付宝 交易明细: 交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,
/// 交易订单号,商家订单号,备注 (对方账号 is not read).
const ALIPAY: &[Column] = &[
    need(Role::Date, &["交易时间"]),
    need(Role::Category, &["交易分类"]),
    need(Role::Counterparty, &["交易对方"]),
    need(Role::Description, &["商品说明"]),
    need(Role::Direction, &["收/支"]),
    need(Role::Amount, &["金额"]),
    need(Role::Method, &["收/付款方式"]),
    need(Role::Status, &["交易状态"]),
    need(Role::OrderId, &["交易订单号"]),
    may(Role::MerchantOrderId, &["商家订单号"]),
    may(Role::Note, &["备注"]),
];

/// 微信支付 账单: 交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,
/// 商户单号,备注.
const WECHAT: &[Column] = &[
    need(Role::Date, &["交易时间"]),
    need(Role::Category, &["交易类型"]),
    need(Role::Counterparty, &["交易对方"]),
    need(Role::Description, &["商品"]),
    need(Role::Direction, &["收/支"]),
    need(Role::Amount, &["金额(元)"]),
    need(Role::Method, &["支付方式"]),
    need(Role::Status, &["当前状态"]),
    need(Role::OrderId, &["交易单号"]),
    may(Role::MerchantOrderId, &["商户单号"]),
    may(Role::Note, &["备注"]),
];

/// 京东 交易流水: 交易时间,商户名称,交易说明,金额,收/付款方式,交易状态,收/支,交易分类,交易订单号,
/// 商家订单号,备注.
const JD: &[Column] = &[
    need(Role::Date, &["交易时间"]),
    need(Role::Counterparty, &["商户名称"]),
    need(Role::Description, &["交易说明"]),
    need(Role::Amount, &["金额"]),
    need(Role::Method, &["收/付款方式"]),
    need(Role::Status, &["交易状态"]),
    need(Role::Direction, &["收/支"]),
    may(Role::Category, &["交易分类"]),
    need(Role::OrderId, &["交易订单号"]),
    may(Role::MerchantOrderId, &["商家订单号"]),
    may(Role::Note, &["备注"]),
];

/// A bank card's export, by its column names (招商: 交易日,记账日,交易摘要,人民币金额,卡号末四位;
/// 中国银行: 交易日,银行记账日,卡号后四位,交易描述,存入,支出; 广发: 交易日期,入账日期,交易摘要,
/// 交易金额). It needs a date, a description and either one signed amount or 存入 and 支出.
const BANK: &[Column] = &[
    need(
        Role::Date,
        &[
            "交易日",
            "交易日期",
            "交易时间",
            "记账日",
            "记账日期",
            "入账日期",
            "银行记账日",
        ],
    ),
    need(
        Role::Description,
        &[
            "交易摘要",
            "交易描述",
            "摘要",
            "交易说明",
            "交易类型",
            "业务摘要",
        ],
    ),
    may(
        Role::Amount,
        &["人民币金额", "交易金额", "金额", "入账金额", "记账金额"],
    ),
    may(Role::AmountIn, &["存入", "存入金额", "收入金额", "收入"]),
    may(Role::AmountOut, &["支出", "支出金额"]),
    may(Role::Card, &["卡号末四位", "卡号后四位", "卡号"]),
    may(Role::Currency, &["交易币种", "币种", "入账币种", "货币"]),
    may(
        Role::Counterparty,
        &["对方户名", "对方名称", "对方账户名", "交易地点"],
    ),
];

/// Where each role's column is in a header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Columns([Option<usize>; ROLES]);

impl Columns {
    pub fn get(&self, role: Role) -> Option<usize> {
        self.0[role.index()]
    }

    pub fn set(&mut self, role: Role, column: usize) {
        self.0[role.index()] = Some(column);
    }
}

/// A recognised statement: its format, which row is its header, and its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    pub format: Format,
    pub header: usize,
    pub columns: Columns,
}

/// A header cell as compared: no white space, ASCII brackets and slash, ASCII in lower case
/// (`金额（元）` → `金额(元)`).
pub(crate) fn header_key(cell: &str) -> String {
    cell.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '／' => '/',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The first row (within [`HEADER_SCAN_ROWS`]) that is the header of a known format; on one
/// row the wallets are tried before the bank layout, whose names are more general.
pub(crate) fn recognise(rows: &[Row]) -> Option<Layout> {
    rows.iter()
        .take(HEADER_SCAN_ROWS)
        .enumerate()
        .find_map(|(index, row)| {
            let keys: Vec<String> = row.cells.iter().map(|c| header_key(c)).collect();
            let wallet = [
                (Format::Alipay, ALIPAY),
                (Format::Wechat, WECHAT),
                (Format::Jd, JD),
            ]
            .into_iter()
            .find_map(|(format, spec)| columns_of(&keys, spec).map(|columns| (format, columns)));
            let found = wallet.or_else(|| {
                columns_of(&keys, BANK)
                    .filter(|c| {
                        c.get(Role::Amount).is_some()
                            || (c.get(Role::AmountIn).is_some() && c.get(Role::AmountOut).is_some())
                    })
                    .map(|columns| {
                        let issuer = bank_by_columns(&keys).or_else(|| bank_named(&rows[..index]));
                        (Format::Bank { issuer }, columns)
                    })
            });
            found.map(|(format, columns)| Layout {
                format,
                header: index,
                columns,
            })
        })
}

/// The columns of `spec` in a header row, when every required one is there.
fn columns_of(keys: &[String], spec: &[Column]) -> Option<Columns> {
    let mut columns = Columns::default();
    for column in spec {
        let found = column
            .names
            .iter()
            .find_map(|name| keys.iter().position(|key| key == &header_key(name)));
        match found {
            Some(index) => columns.set(column.role, index),
            None if column.required => return None,
            None => {}
        }
    }
    Some(columns)
}

/// The bank whose export has exactly these column names.
fn bank_by_columns(keys: &[String]) -> Option<Provider> {
    let has = |name: &str| keys.iter().any(|key| key == name);
    if has("卡号末四位") && has("人民币金额") {
        Some(Provider::Cmb)
    } else if has("银行记账日") && has("存入") && has("支出") {
        Some(Provider::Boc)
    } else if has("交易日期") && has("入账日期") && has("交易金额") {
        Some(Provider::Cgb)
    } else {
        None
    }
}

/// The bank the lines above a header name (`招商银行信用卡对账单`).
fn bank_named(preamble: &[Row]) -> Option<Provider> {
    preamble
        .iter()
        .flat_map(|row| row.cells.iter())
        .flat_map(|cell| Provider::named_in(cell))
        .find(|provider| provider.is_bank())
}

/// The format whose marker line is among the first rows: 支付宝's
/// `支付宝（中国）网络技术有限公司 电子客户回单`, 微信支付's `微信支付账单明细列表`.
pub(crate) fn marker(rows: &[Row]) -> Option<Format> {
    rows.iter()
        .take(HEADER_SCAN_ROWS)
        .flat_map(|row| row.cells.iter())
        .find_map(|cell| {
            if cell.contains("支付宝") && cell.contains("电子客户回单") {
                Some(Format::Alipay)
            } else if cell.contains("微信支付账单明细") {
                Some(Format::Wechat)
            } else {
                None
            }
        })
}

/// The dates the lines above a header say the statement covers (`起始时间：[2024-01-01 …]
/// 终止时间：[2024-03-31 …]`, `日期区间：…`): the earliest and latest date on lines naming a
/// start, end, range or period.
pub(crate) fn preamble_period(preamble: &[Row]) -> Option<(NaiveDate, NaiveDate)> {
    const WORDS: [&str; 6] = ["起始", "开始", "终止", "结束", "区间", "周期"];
    let dates: Vec<NaiveDate> = preamble
        .iter()
        .map(|row| row.cells.join(" "))
        .filter(|text| WORDS.iter().any(|word| text.contains(word)))
        .flat_map(|text| dates_in(&text))
        .collect();
    if dates.len() < 2 {
        return None;
    }
    Some((*dates.iter().min()?, *dates.iter().max()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Row {
        Row {
            number: 1,
            cells: cells.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn headers_are_found_by_names_not_positions() {
        let rows = vec![
            row(&["微信支付账单明细"]),
            row(&["----------------------微信支付账单明细列表--------------------"]),
            row(&[
                "备注",
                "交易时间",
                "交易类型",
                "交易对方",
                "商品",
                "收/支",
                "金额（元）",
                "支付方式",
                "当前状态",
                "交易单号",
                "商户单号",
            ]),
        ];
        let layout = recognise(&rows).unwrap();
        assert_eq!(layout.format, Format::Wechat);
        assert_eq!(layout.header, 2);
        assert_eq!(layout.columns.get(Role::Date), Some(1));
        assert_eq!(layout.columns.get(Role::Amount), Some(6));
        assert_eq!(layout.columns.get(Role::Note), Some(0));
        assert_eq!(marker(&rows), Some(Format::Wechat));
    }

    #[test]
    fn banks_are_told_apart_by_their_columns_or_preamble() {
        let cmb = [row(&[
            "交易日",
            "记账日",
            "交易摘要",
            "人民币金额",
            "卡号末四位",
        ])];
        let boc = [row(&[
            "交易日",
            "银行记账日",
            "卡号后四位",
            "交易描述",
            "存入",
            "支出",
        ])];
        let cgb = [row(&["交易日期", "入账日期", "交易摘要", "交易金额"])];
        let ccb = [
            row(&["中国建设银行 信用卡账单"]),
            row(&["交易日期", "摘要", "金额"]),
        ];
        let issuer = |rows: &[Row]| match recognise(rows).map(|l| l.format) {
            Some(Format::Bank { issuer }) => issuer,
            other => panic!("{other:?}"),
        };
        assert_eq!(issuer(&cmb), Some(Provider::Cmb));
        assert_eq!(issuer(&boc), Some(Provider::Boc));
        assert_eq!(issuer(&cgb), Some(Provider::Cgb));
        assert_eq!(issuer(&ccb), Some(Provider::Ccb));
        // A description and a date but no amount is no bank layout.
        assert_eq!(recognise(&[row(&["交易日", "交易摘要", "存入"])]), None);
    }

    #[test]
    fn a_jd_header_is_jd_even_though_a_bank_layout_would_fit() {
        let jd = [row(&[
            "交易时间",
            "商户名称",
            "交易说明",
            "金额",
            "收/付款方式",
            "交易状态",
            "收/支",
            "交易分类",
            "交易订单号",
            "商家订单号",
            "备注",
        ])];
        assert_eq!(recognise(&jd).map(|l| l.format), Some(Format::Jd));
    }

    #[test]
    fn the_preamble_period() {
        let rows = [
            row(&["起始时间：[2024-01-01 00:00:00]    终止时间：[2024-03-31 23:59:59]"]),
            row(&["导出时间：[2024-04-01 10:00:00]"]),
        ];
        assert_eq!(
            preamble_period(&rows),
            Some((
                NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(2024, 3, 31).unwrap()
            ))
        );
        assert_eq!(preamble_period(&rows[1..]), None);
    }
}
