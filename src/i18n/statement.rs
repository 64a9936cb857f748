//! Texts of statement reading in both languages: format and provider names, why a statement is
//! refused, why a `--map` is not a column map.

use super::{Lang, fill};
use crate::statement::{
    CellKind, Expected, Format, FormatChoice, Found, MapError, Provider, StatementError,
};

crate::messages! {
    /// Messages of statement reading.
    StatementText {
        Refused => ("expected {0}, found {1}", "应为{0}，但发现{1}"),
        FormatAny => ("a statement (a 支付宝 or 微信支付 bill, a 京东 交易流水, a bank card's CSV)", "账单文件（支付宝或微信支付账单、京东交易流水、银行卡 CSV）"),
        FormatAlipay => ("a 支付宝 (Alipay) 交易明细 CSV", "支付宝交易明细 CSV"),
        FormatWechat => ("a 微信支付 (WeChat Pay) bill (XLSX or CSV)", "微信支付账单（XLSX 或 CSV）"),
        FormatJd => ("a 京东 (JD) 交易流水 CSV", "京东交易流水 CSV"),
        FormatBank => ("a bank card's CSV export", "银行卡 CSV 导出文件"),
        FormatBankOf => ("a {0} card's CSV export", "{0}卡 CSV 导出文件"),
        FormatGeneric => ("a CSV with the columns --map names", "含 --map 所列各列的 CSV"),
        FoundTooLarge => ("a file of {0} bytes (statements up to {1} bytes are read)", "{0} 字节的文件（账单最多读取 {1} 字节）"),
        FoundUnpacksTooLarge => ("a spreadsheet that unpacks to more than {0} bytes", "解压后超过 {0} 字节的表格"),
        FoundUnreadable => ("a file that cannot be read: {0}", "无法读取的文件：{0}"),
        FoundEmpty => ("an empty file", "空文件"),
        FoundNotText => ("data that is not text (UTF-8, UTF-16 or GBK/GB18030)", "非文本数据（不是 UTF-8、UTF-16 或 GBK/GB18030 编码）"),
        FoundBadSpreadsheet => ("a spreadsheet that cannot be opened (damaged, encrypted or without a sheet)", "无法打开的表格（已损坏、已加密或没有工作表）"),
        FoundOldSpreadsheet => ("an Excel 97–2003 workbook (.xls); save it as .xlsx or CSV", "Excel 97–2003 工作簿（.xls）；请另存为 .xlsx 或 CSV"),
        FoundNoHeader => ("no header of it; the first line is: {0}", "没有它的表头；第一行是：{0}"),
        FoundMarkerWithoutHeader => ("its marker line but no header after it", "它的标记行，但其后没有表头"),
        FoundNoLines => ("a header with no transactions under it", "只有表头，没有交易记录"),
        FoundTooManyLines => ("more than {0} transactions", "超过 {0} 条交易记录"),
        FoundBadCell => ("line {0}, column {1}: {2} is not {3}", "第 {0} 行 {1} 列：{2} 不是{3}"),
        FoundMapRequired => ("no --map: --format generic needs one (date=COL,amount=COL,text=COL)", "没有 --map：--format generic 需要列映射（date=列,amount=列,text=列）"),
        FoundMapNotForFormat => ("a --map, which only applies with --format generic or auto", "--map，但它仅适用于 --format generic 或 auto"),
        FoundMapColumnMissing => ("no column {0}, which --map names", "没有 --map 所指的列 {0}"),
        KindDate => ("a date with its year (such as 2024-03-10)", "带年份的日期（如 2024-03-10）"),
        KindAmount => ("an amount (such as 536.00 or ¥536.00)", "金额（如 536.00 或 ¥536.00）"),
        KindDirection => ("收入, 支出 or 不计收支", "收入、支出或不计收支"),
        MapUnknownPart => ("{0} is not KEY=COLUMN with KEY date, amount, text, ref or card", "{0} 不是“键=列”（键为 date、amount、text、ref 或 card）"),
        MapRepeated => ("{0} is given twice", "{0} 给出了两次"),
        MapMissing => ("{0}=COLUMN is required (date, amount and text are)", "必须给出 {0}=列（date、amount 和 text 均为必需）"),
        MapNoColumn => ("{0} names no column (a header name, or a position from 1)", "{0} 未指定列（表头名称，或从 1 起的列号）"),
        ProviderHuabei => ("Huabei (花呗)", "花呗"),
        ProviderJiebei => ("Jiebei (借呗)", "借呗"),
        ProviderBaitiao => ("JD Baitiao (京东白条)", "京东白条"),
        ProviderJintiao => ("JD Jintiao (京东金条)", "京东金条"),
        ProviderXiaomi => ("Xiaomi installments (小米分期)", "小米分期"),
        ProviderWeilidai => ("Weilidai (微粒贷)", "微粒贷"),
        ProviderCmb => ("China Merchants Bank", "招商银行"),
        ProviderIcbc => ("ICBC", "工商银行"),
        ProviderCcb => ("China Construction Bank", "建设银行"),
        ProviderCitic => ("China CITIC Bank", "中信银行"),
        ProviderCgb => ("China Guangfa Bank", "广发银行"),
        ProviderBoc => ("Bank of China", "中国银行"),
        ProviderKlarna => ("Klarna", "Klarna 分期"),
        ProviderAfterpay => ("Afterpay", "Afterpay 分期"),
    }
}

/// One line saying which format was expected and what was found.
pub fn error(lang: Lang, error: &StatementError) -> String {
    let expected = match error.expected {
        Expected::Choice(choice) => choice_name(lang, choice),
        Expected::Format(format) => format_name(lang, format),
    };
    fill(
        StatementText::Refused.text(lang),
        &[&expected, &found(lang, &error.found)],
    )
}

/// What a refused file held, in words.
fn found(lang: Lang, found: &Found) -> String {
    use StatementText as T;
    let text = |t: T| t.text(lang).to_string();
    match found {
        Found::TooLarge { bytes, cap } => fill(T::FoundTooLarge.text(lang), &[bytes, cap]),
        Found::UnpacksTooLarge { cap } => fill(T::FoundUnpacksTooLarge.text(lang), &[cap]),
        Found::Unreadable(reason) => fill(T::FoundUnreadable.text(lang), &[reason]),
        Found::Empty => text(T::FoundEmpty),
        Found::NotText => text(T::FoundNotText),
        Found::BadSpreadsheet => text(T::FoundBadSpreadsheet),
        Found::OldSpreadsheet => text(T::FoundOldSpreadsheet),
        Found::NoHeader { first_line } => fill(T::FoundNoHeader.text(lang), &[first_line]),
        Found::OtherFormat(format) => format_name(lang, *format),
        Found::MarkerWithoutHeader(_) => text(T::FoundMarkerWithoutHeader),
        Found::NoLines => text(T::FoundNoLines),
        Found::TooManyLines { cap } => fill(T::FoundTooManyLines.text(lang), &[cap]),
        Found::BadCell {
            line,
            column,
            value,
            kind,
        } => {
            let kind = match kind {
                CellKind::Date => T::KindDate,
                CellKind::Amount => T::KindAmount,
                CellKind::Direction => T::KindDirection,
            };
            let value = if value.is_empty() { "\"\"" } else { value };
            fill(
                T::FoundBadCell.text(lang),
                &[line, column, &value, &kind.text(lang)],
            )
        }
        Found::MapRequired => text(T::FoundMapRequired),
        Found::MapNotForFormat => text(T::FoundMapNotForFormat),
        Found::MapColumnMissing(column) => fill(T::FoundMapColumnMissing.text(lang), &[column]),
    }
}

/// What a `--format` choice reads, in words.
pub(crate) fn choice_name(lang: Lang, choice: FormatChoice) -> String {
    use StatementText as T;
    let text = match choice {
        FormatChoice::Auto => T::FormatAny,
        FormatChoice::Alipay => T::FormatAlipay,
        FormatChoice::Wechat => T::FormatWechat,
        FormatChoice::Jd => T::FormatJd,
        FormatChoice::Bank => T::FormatBank,
        FormatChoice::Generic => T::FormatGeneric,
    };
    text.text(lang).to_string()
}

/// A recognised format, in words (a bank export names its bank when known).
pub(crate) fn format_name(lang: Lang, format: Format) -> String {
    match format {
        Format::Bank { issuer: Some(bank) } => fill(
            StatementText::FormatBankOf.text(lang),
            &[&provider_name(lang, bank)],
        ),
        other => choice_name(lang, other.choice()),
    }
}

/// A provider's name.
pub(crate) fn provider_name(lang: Lang, provider: Provider) -> &'static str {
    use StatementText as T;
    let text = match provider {
        Provider::Huabei => T::ProviderHuabei,
        Provider::Jiebei => T::ProviderJiebei,
        Provider::Baitiao => T::ProviderBaitiao,
        Provider::Jintiao => T::ProviderJintiao,
        Provider::Xiaomi => T::ProviderXiaomi,
        Provider::Weilidai => T::ProviderWeilidai,
        Provider::Cmb => T::ProviderCmb,
        Provider::Icbc => T::ProviderIcbc,
        Provider::Ccb => T::ProviderCcb,
        Provider::Citic => T::ProviderCitic,
        Provider::Cgb => T::ProviderCgb,
        Provider::Boc => T::ProviderBoc,
        Provider::Klarna => T::ProviderKlarna,
        Provider::Afterpay => T::ProviderAfterpay,
    };
    text.text(lang)
}

/// Why a `--map` value is not a column map (the caller names the flag).
pub(crate) fn map_error(lang: Lang, error: &MapError) -> String {
    use StatementText as T;
    match error {
        MapError::UnknownPart(part) => fill(T::MapUnknownPart.text(lang), &[part]),
        MapError::Repeated(key) => fill(T::MapRepeated.text(lang), &[key]),
        MapError::Missing(key) => fill(T::MapMissing.text(lang), &[key]),
        MapError::NoColumn(key) => fill(T::MapNoColumn.text(lang), &[key]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_translated() {
        for entry in StatementText::ALL {
            super::super::assert_translated(entry, entry.text(Lang::En), entry.text(Lang::Zh));
        }
    }

    #[test]
    fn a_refusal_is_one_line_in_either_language() {
        let refused = StatementError {
            expected: Expected::Choice(FormatChoice::Alipay),
            found: Found::OtherFormat(Format::Bank {
                issuer: Some(Provider::Cmb),
            }),
        };
        assert_eq!(
            error(Lang::En, &refused),
            "expected a 支付宝 (Alipay) 交易明细 CSV, found a China Merchants Bank card's CSV export"
        );
        assert_eq!(
            error(Lang::Zh, &refused),
            "应为支付宝交易明细 CSV，但发现招商银行卡 CSV 导出文件"
        );
        let cell = StatementError {
            expected: Expected::Format(Format::Jd),
            found: Found::BadCell {
                line: 7,
                column: "金额".into(),
                value: "=1+2".into(),
                kind: CellKind::Amount,
            },
        };
        assert_eq!(
            error(Lang::En, &cell),
            "expected a 京东 (JD) 交易流水 CSV, found line 7, column 金额: =1+2 is not an amount (such as 536.00 or ¥536.00)"
        );
        assert_eq!(
            map_error(Lang::Zh, &MapError::Missing("text")),
            "必须给出 text=列（date、amount 和 text 均为必需）"
        );
    }
}
