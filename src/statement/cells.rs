//! Typed values from statement cells: dates and times, amounts (currency, sign, refunds) and
//! the 收/支 direction.

use chrono::{NaiveDate, NaiveTime};

use super::line::Flow;
use crate::domain::Money;
use crate::domain::numtext::to_halfwidth;

/// The earliest and latest year a statement date may have.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// A date with an optional time: `2024-03-10 09:05:00`, `2024/3/10 9:05`, `2024-03-10T09:05`,
/// `20240310`, `2024年3月10日 09:05`. A date must name its year: `03/10` is refused, never
/// guessed.
pub(crate) fn parse_datetime(cell: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let text: String = cell.trim().chars().map(to_halfwidth).collect();
    let (date_part, time_part) = match text.split_once([' ', 'T']) {
        Some((date, time)) => (date.trim(), Some(time.trim())),
        None => (text.as_str(), None),
    };
    let date = parse_date_part(date_part)?;
    let time = match time_part {
        None | Some("") => None,
        Some(time) => Some(parse_time(time)?),
    };
    Some((date, time))
}

/// Every date in free text (a statement's preamble), in order.
pub(crate) fn dates_in(text: &str) -> Vec<NaiveDate> {
    let chars: Vec<char> = text.chars().map(to_halfwidth).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let end = chars[i..]
            .iter()
            .position(|c| {
                !(c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日'))
            })
            .map_or(chars.len(), |n| i + n);
        let candidate: String = chars[i..end].iter().collect();
        let candidate = candidate.trim_end_matches(['-', '/', '.']);
        if let Some(date) = parse_date_part(candidate) {
            found.push(date);
        }
        i = end.max(i + 1);
    }
    found
}

/// `2024-03-10`, `2024/3/10`, `2024.03.10`, `20240310` or `2024年3月10日`.
fn parse_date_part(text: &str) -> Option<NaiveDate> {
    let (year, month, day) = if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        (&text[0..4], &text[4..6], &text[6..8])
    } else {
        let text = text.trim_end_matches('日');
        let mut parts = text.split(['-', '/', '.', '年', '月']);
        let fields = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        fields
    };
    let number = |s: &str, max_len: usize| -> Option<u32> {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if year.len() != 4 {
        return None;
    }
    let year = i32::try_from(number(year, 4)?).ok()?;
    if !YEARS.contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, number(month, 2)?, number(day, 2)?)
}

/// `09:05`, `9:05:30`.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let mut parts = text.split(':');
    let hour = parts.next()?;
    let minute = parts.next()?;
    let second = parts.next().unwrap_or("0");
    if parts.next().is_some() {
        return None;
    }
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    NaiveTime::from_hms_opt(number(hour)?, number(minute)?, number(second)?)
}

/// What the statement says was refunded of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refund {
    None,
    Part(Money),
    Full,
}

/// An amount cell, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Amount {
    pub magnitude: Money,
    /// A leading minus sign.
    pub negative: bool,
    pub refund: Refund,
    /// A currency other than CNY the cell names (`USD`).
    pub currency: Option<String>,
}

/// Reads `536.00`, `¥536.00`, `￥1,234.50`, `-12.00`, `CNY 123.18`, `123.18 RMB`, `人民币123.18`,
/// `12元`, `USD 12.00`, and 京东's `131.77(已退款89.84)` / `100.00(已全额退款)`. `None` for
/// anything else, including formulas (`=1+2`) and more than two decimals.
pub(crate) fn parse_amount(cell: &str) -> Option<Amount> {
    let text: String = cell.trim().chars().map(to_halfwidth).collect();
    let (text, refund) = split_refund(&text)?;
    let (text, currency) = split_currency(text.trim());
    let text = text.trim();
    let (negative, digits) = match text.chars().next()? {
        '-' | '\u{2212}' => (true, &text[text.chars().next()?.len_utf8()..]),
        '+' => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = Money::parse(digits.trim()).ok()?;
    Some(Amount {
        magnitude,
        negative,
        refund,
        currency,
    })
}

/// The refund a status or amount cell names: `已退款89.84`, `已退款(￥12.00)`, `已全额退款`.
pub(crate) fn refund_in(text: &str) -> Refund {
    if text.contains("全额退款") {
        return Refund::Full;
    }
    let Some((_, after)) = text.split_once("已退款") else {
        return Refund::None;
    };
    let amount: String = after
        .chars()
        .map(to_halfwidth)
        .skip_while(|c| matches!(c, '(' | '（' | '¥' | '￥' | ' '))
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .collect();
    Money::parse(&amount).map_or(Refund::None, Refund::Part)
}

/// The amount text before a bracketed refund note, and the refund; `None` when the brackets
/// hold anything else.
fn split_refund(text: &str) -> Option<(&str, Refund)> {
    let Some(open) = text.find(['(', '（']) else {
        return Some((text, Refund::None));
    };
    let note = &text[open..];
    if !note.contains("退款") {
        return None;
    }
    match refund_in(note) {
        Refund::None => None,
        refund => Some((&text[..open], refund)),
    }
}

/// The amount text without its currency, and the currency when it is not CNY.
fn split_currency(text: &str) -> (&str, Option<String>) {
    for cny in ["CNY", "RMB", "人民币"] {
        if let Some(rest) = text.strip_prefix(cny).or_else(|| text.strip_suffix(cny)) {
            return (rest, None);
        }
    }
    if let Some(rest) = text.strip_suffix('元') {
        return (rest, None);
    }
    let code_len = text.bytes().take_while(u8::is_ascii_uppercase).count();
    if code_len == 3 {
        return (&text[3..], Some(text[..3].to_string()));
    }
    let trailing = text
        .bytes()
        .rev()
        .take_while(u8::is_ascii_uppercase)
        .count();
    if trailing == 3 {
        let cut = text.len() - 3;
        return (&text[..cut], Some(text[cut..].to_string()));
    }
    (text, None)
}

/// 收/支: `支出` → out, `收入` → in, `不计收支`, `中性交易` or empty → neutral.
pub(crate) fn parse_flow(cell: &str) -> Option<Flow> {
    match cell.trim() {
        "支出" => Some(Flow::Out),
        "收入" => Some(Flow::In),
        "" | "不计收支" | "中性交易" | "其他" => Some(Flow::Neutral),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(h: u32, m: u32, s: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, s)
    }

    fn money(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn dates_and_times_in_the_shapes_statements_use() {
        assert_eq!(
            parse_datetime("2024-03-10 09:05:00"),
            Some((d(2024, 3, 10), t(9, 5, 0)))
        );
        assert_eq!(
            parse_datetime("2024/3/9 9:05"),
            Some((d(2024, 3, 9), t(9, 5, 0)))
        );
        assert_eq!(
            parse_datetime("2024-03-10T23:59:59"),
            Some((d(2024, 3, 10), t(23, 59, 59)))
        );
        assert_eq!(parse_datetime("20240229"), Some((d(2024, 2, 29), None)));
        assert_eq!(
            parse_datetime("2024年3月10日"),
            Some((d(2024, 3, 10), None))
        );
        assert_eq!(
            parse_datetime("２０２４-０３-１０"),
            Some((d(2024, 3, 10), None))
        );
        for bad in [
            "03/10",
            "2023-02-29",
            "2024-03-10 25:00",
            "=NOW()",
            "",
            "24-03-10",
            "2024-3",
            "1899-12-31",
            "2024-03-10 09:05:00:00",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad}");
        }
    }

    #[test]
    fn preamble_dates_are_found_in_running_text() {
        assert_eq!(
            dates_in("起始时间：[2024-01-01 00:00:00]    终止时间：[2024-03-31 23:59:59]"),
            vec![d(2024, 1, 1), d(2024, 3, 31)]
        );
        assert_eq!(
            dates_in("日期区间：2024/01/01 至 2024/03/31"),
            vec![d(2024, 1, 1), d(2024, 3, 31)]
        );
        assert_eq!(dates_in("共20笔记录"), vec![]);
    }

    #[test]
    fn amounts_with_currency_sign_and_refund() {
        let plain = |s: &str, negative: bool| Amount {
            magnitude: money(s),
            negative,
            refund: Refund::None,
            currency: None,
        };
        assert_eq!(parse_amount("536.00"), Some(plain("536", false)));
        assert_eq!(parse_amount("¥536.00"), Some(plain("536", false)));
        assert_eq!(parse_amount("￥1,234.50"), Some(plain("1234.5", false)));
        assert_eq!(parse_amount("-12.00"), Some(plain("12", true)));
        assert_eq!(parse_amount("CNY 123.18"), Some(plain("123.18", false)));
        assert_eq!(parse_amount("CNY -123.18"), Some(plain("123.18", true)));
        assert_eq!(parse_amount("123.18 RMB"), Some(plain("123.18", false)));
        assert_eq!(parse_amount("人民币123.18"), Some(plain("123.18", false)));
        assert_eq!(parse_amount("12元"), Some(plain("12", false)));
        assert_eq!(
            parse_amount("USD 12.00").map(|a| a.currency),
            Some(Some("USD".to_string()))
        );
        assert_eq!(
            parse_amount("131.77(已退款89.84)").map(|a| (a.magnitude, a.refund)),
            Some((money("131.77"), Refund::Part(money("89.84"))))
        );
        assert_eq!(
            parse_amount("100.00（已全额退款）").map(|a| a.refund),
            Some(Refund::Full)
        );
        for bad in ["", "=1+2", "1.234", "12.00(备注)", "abc", "--5", "1e3", "¥"] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
    }

    #[test]
    fn refunds_in_status_text() {
        assert_eq!(refund_in("已退款(￥12.00)"), Refund::Part(money("12")));
        assert_eq!(refund_in("已全额退款"), Refund::Full);
        assert_eq!(refund_in("支付成功"), Refund::None);
    }

    #[test]
    fn directions() {
        assert_eq!(parse_flow("支出"), Some(Flow::Out));
        assert_eq!(parse_flow("收入"), Some(Flow::In));
        assert_eq!(parse_flow("不计收支"), Some(Flow::Neutral));
        assert_eq!(parse_flow(""), Some(Flow::Neutral));
        assert_eq!(parse_flow("转出"), None);
    }
}
