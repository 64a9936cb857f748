//! One statement line as fenqi reads it: date, signed amount, text, card's last four digits,
//! order ids, status and its stable key.

use std::fmt;

use chrono::{NaiveDate, NaiveTime};

use crate::domain::Money;
use crate::domain::numtext::to_halfwidth;

/// Which way money moved on a line, as the statement says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flow {
    /// Money left the account (支出; a bank's 支出 column; a charge on a credit card).
    Out,
    /// Money came in (收入; 存入; a repayment or refund credited to a credit card).
    In,
    /// The statement counts it as neither (不计收支 / 中性交易: moves between the owner's own
    /// accounts such as a 花呗 repayment from 余额宝), or does not say (a positive amount in a
    /// `--map`ped CSV).
    Neutral,
}

/// What became of a transaction, from the statement's status cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Went through (交易成功, 支付成功, 还款成功…, or no status at all, as in bank exports).
    Done,
    /// Did not go through (…失败, 交易关闭, 已撤销, 已取消).
    Failed,
    /// Refunded in full (已全额退款), or the line is itself a refund (退款成功).
    Refunded,
    /// Not finished yet (处理中, 等待…, 待…).
    Pending,
}

impl Outcome {
    /// The outcome a status cell says; an empty or unknown status counts as done.
    pub fn of_status(status: &str) -> Outcome {
        if ["失败", "关闭", "撤销", "取消"]
            .iter()
            .any(|word| status.contains(word))
        {
            Outcome::Failed
        } else if status.contains("全额退款") || status.contains("退款成功") {
            Outcome::Refunded
        } else if ["处理中", "等待", "待"]
            .iter()
            .any(|word| status.contains(word))
        {
            Outcome::Pending
        } else {
            Outcome::Done
        }
    }
}

/// The last four digits of a card: the most of a card number fenqi ever keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CardLast4([u8; 4]);

impl CardLast4 {
    /// Exactly four digits (ASCII or full-width), nothing else: `1234`, `１２３４`.
    pub fn parse(text: &str) -> Option<CardLast4> {
        let digits: Vec<u8> = text
            .trim()
            .chars()
            .map(ascii_digit)
            .collect::<Option<_>>()?;
        <[u8; 4]>::try_from(digits).ok().map(CardLast4)
    }

    /// The card a card-number cell names: the last four of its digits (`1234`, `****1234`,
    /// `6225 **** **** 6783`), `None` when it holds fewer than four.
    pub fn from_card_cell(cell: &str) -> Option<CardLast4> {
        let digits: Vec<u8> = cell.chars().filter_map(ascii_digit).collect();
        let tail = digits.get(digits.len().checked_sub(4)?..)?;
        <[u8; 4]>::try_from(tail).ok().map(CardLast4)
    }

    /// The card a payment method or description names: four digits in brackets
    /// (`招商银行信用卡(1234)`, `（1234）`), after 尾号 / 末四位 / 后四位 (`尾号1234`), or after
    /// masked digits (`****1234`, `**** 1234`).
    pub fn in_text(text: &str) -> Option<CardLast4> {
        let chars: Vec<char> = text.chars().map(to_halfwidth).collect();
        let four_at = |start: usize| -> Option<CardLast4> {
            let slice = chars.get(start..start + 4)?;
            let after_is_digit = chars
                .get(start + 4)
                .is_some_and(|c| ascii_digit(*c).is_some());
            if after_is_digit {
                return None;
            }
            let digits: Vec<u8> = slice
                .iter()
                .map(|&c| ascii_digit(c))
                .collect::<Option<_>>()?;
            <[u8; 4]>::try_from(digits).ok().map(CardLast4)
        };
        for (i, &c) in chars.iter().enumerate() {
            let found = match c {
                '(' | '（' => {
                    four_at(i + 1).filter(|_| matches!(chars.get(i + 5), Some(')' | '）')))
                }
                '*' if chars.get(i + 1) == Some(&' ') => four_at(i + 2),
                '*' => four_at(i + 1),
                '号' | '位' => {
                    let start = i + 1;
                    let skip = chars[start..]
                        .iter()
                        .take_while(|c| matches!(c, ' ' | ':' | '：'))
                        .count();
                    let prefix_ok =
                        i >= 1 && matches!((chars[i - 1], c), ('尾', '号') | ('四', '位'));
                    four_at(start + skip).filter(|_| prefix_ok)
                }
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// The four digits.
    pub fn as_str(&self) -> &str {
        // The bytes are ASCII digits by construction.
        std::str::from_utf8(&self.0).unwrap_or("0000")
    }
}

impl fmt::Display for CardLast4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The ASCII byte of a digit, ASCII or full-width.
fn ascii_digit(c: char) -> Option<u8> {
    let c = to_halfwidth(c);
    c.is_ascii_digit().then_some(c as u8)
}

/// A line's identity across readings of the same statement: its order number, else a hash of
/// its cells with how many identical lines came before it (two identical genuine lines keep
/// two keys).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineKey(pub(crate) String);

impl LineKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LineKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// One transaction of a statement. Text fields are sanitised: control characters and hidden
/// bidi marks removed, every card number masked to its last four digits, `/` read as empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    /// The 1-based line of the file (CSV) or row of the sheet (XLSX) the line starts on.
    pub line: u32,
    pub key: LineKey,
    pub date: NaiveDate,
    /// The time of day, where the statement gives one.
    pub time: Option<NaiveTime>,
    /// Signed: negative for [`Flow::Out`], positive for [`Flow::In`] and [`Flow::Neutral`].
    pub amount: Money,
    pub flow: Flow,
    /// How much of the amount the statement says was refunded (zero when none).
    pub refunded: Money,
    /// The currency when the statement names one other than CNY (`USD 12.00`), else `None`.
    pub currency: Option<String>,
    /// Counterparty and description, joined by a space.
    pub text: String,
    /// 交易分类 / 交易类型 (empty when the statement has none).
    pub category: String,
    /// 收/付款方式 / 支付方式 (empty when the statement has none).
    pub method: String,
    /// The card the line names, by its last four digits only.
    pub card_last4: Option<CardLast4>,
    /// 交易订单号 / 交易单号 (or the `--map` `ref` column).
    pub order_id: Option<String>,
    /// 商家订单号 / 商户单号.
    pub merchant_order_id: Option<String>,
    /// The status cell as written (交易状态 / 当前状态).
    pub status: String,
    pub outcome: Outcome,
    /// 备注.
    pub note: String,
}

impl StatementLine {
    /// The amount without its sign.
    pub fn magnitude(&self) -> Money {
        if self.amount.is_negative() {
            Money::ZERO.saturating_sub(self.amount)
        } else {
            self.amount
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_tails_come_from_cells_and_method_text() {
        let tail = |s: &str| CardLast4::parse(s).unwrap();
        assert_eq!(CardLast4::parse("１２３４"), Some(tail("1234")));
        assert_eq!(CardLast4::parse("12345"), None);
        assert_eq!(
            CardLast4::from_card_cell("************6783"),
            Some(tail("6783"))
        );
        assert_eq!(
            CardLast4::from_card_cell("6225 **** **** 6783"),
            Some(tail("6783"))
        );
        assert_eq!(CardLast4::from_card_cell("123"), None);
        assert_eq!(
            CardLast4::in_text("招商银行信用卡(1234)"),
            Some(tail("1234"))
        );
        assert_eq!(
            CardLast4::in_text("中国银行储蓄卡（5678）"),
            Some(tail("5678"))
        );
        assert_eq!(CardLast4::in_text("尾号 9012 的卡"), Some(tail("9012")));
        assert_eq!(CardLast4::in_text("卡号末四位：3456"), Some(tail("3456")));
        assert_eq!(CardLast4::in_text("**** **** 7890"), Some(tail("7890")));
        assert_eq!(CardLast4::in_text("****7890"), Some(tail("7890")));
        assert_eq!(CardLast4::in_text("余额宝"), None);
        assert_eq!(CardLast4::in_text("订单(12345)"), None);
        assert_eq!(tail("0042").to_string(), "0042");
    }

    #[test]
    fn statuses_say_what_became_of_the_transaction() {
        assert_eq!(Outcome::of_status("交易成功"), Outcome::Done);
        assert_eq!(Outcome::of_status("还款成功"), Outcome::Done);
        assert_eq!(Outcome::of_status(""), Outcome::Done);
        assert_eq!(Outcome::of_status("交易关闭"), Outcome::Failed);
        assert_eq!(Outcome::of_status("还款失败"), Outcome::Failed);
        assert_eq!(Outcome::of_status("已全额退款"), Outcome::Refunded);
        assert_eq!(Outcome::of_status("退款成功"), Outcome::Refunded);
        assert_eq!(Outcome::of_status("等待对方发货"), Outcome::Pending);
    }
}
