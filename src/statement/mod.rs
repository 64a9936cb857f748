//! Reading bank and wallet statements (支付宝, 微信支付, 京东, bank card exports, any mapped CSV)
//! into typed lines, and matching those lines to the installments fenqi expects.
//!
//! This layer imports `domain` only: no SQL, no clock, no output. `read_statement_file` /
//! `read_statement` give a [`Statement`]; [`matching::reconcile`] compares it with the
//! installments the caller passes in.
//!
//! # Formats
//!
//! Each format is recognised by the names in its header row (searched among the first 200
//! rows, in any column order) and, for the error message when the header is missing, by its
//! marker line — never by position. On one row the wallets are tried before the bank layout.
//!
//! | `--format` | file | header (columns read) |
//! |---|---|---|
//! | `alipay` | 支付宝 交易明细 CSV, usually GBK: about 24 preamble lines, the marker `支付宝（中国）网络技术有限公司 电子客户回单`, cells padded with spaces, a trailing comma, ids ending in a tab | 交易时间, 交易分类, 交易对方, 商品说明, 收/支, 金额, 收/付款方式, 交易状态, 交易订单号, 商家订单号, 备注 (对方账号 is never read) |
//! | `wechat` | 微信支付 账单 XLSX (or the older CSV): a preamble, the marker `微信支付账单明细列表`; amounts with or without ¥; `/` for empty | 交易时间, 交易类型, 交易对方, 商品, 收/支, 金额(元), 支付方式, 当前状态, 交易单号, 商户单号, 备注 |
//! | `jd` | 京东 交易流水 CSV (UTF-8 with BOM); amounts like `131.77(已退款89.84)` | 交易时间, 商户名称, 交易说明, 金额, 收/付款方式, 交易状态, 收/支, 交易分类, 交易订单号, 商家订单号, 备注 |
//! | `bank` | a bank card's CSV export: a date (交易日, 交易日期…), a description (交易摘要, 交易描述, 摘要…), and one amount (人民币金额, 交易金额, 金额…; `CNY 123.18` accepted) or 存入 and 支出; optional 卡号末四位 / 卡号后四位 / 卡号, 交易币种, 对方户名 | 招商 交易日,记账日,交易摘要,人民币金额,卡号末四位; 中国银行 交易日,银行记账日,卡号后四位,交易描述,存入,支出; 广发 交易日期,入账日期,交易摘要,交易金额 |
//! | `generic` | any CSV (or XLSX) with `--map date=COL,amount=COL,text=COL[,ref=COL][,card=COL]`, COL a header name or a 1-based position | the mapped columns |
//!
//! `auto` takes whichever header comes first (and `generic` when a map is given). A file whose
//! header is another format's than the one asked for is refused naming the format it is.
//!
//! Signs: 支出 is money out (negative), 收入 money in, 不计收支 / 中性交易 neutral (positive,
//! [`Flow::Neutral`]). A bank's single amount column follows card statements: positive is a
//! charge (out), negative a repayment or refund (in). A mapped CSV's negative amount is money
//! out; its positive amounts are neutral, as the file does not say.
//!
//! Encodings: a byte-order mark decides (UTF-8, UTF-16 LE/BE); else valid UTF-8 is
//! UTF-8; else GBK/GB18030 decoded strictly (`encoding_rs`). XLSX is read with `calamine`, CSV
//! with `csv`.
//!
//! # Hostile input
//!
//! A file above [`MAX_FILE_BYTES`] is refused before it is read whole; an XLSX whose parts
//! unpack to more than [`MAX_UNPACKED_BYTES`] is refused before it is opened; more than
//! [`MAX_LINES`] lines are refused. Binary junk, a header with no rows, undecodable text, an
//! unreadable cell: one [`StatementError`] saying which format was expected and what was found.
//! Every cell is sanitised: control characters and hidden bidi marks go,
//! every card number is masked to its last four digits before anything else sees the cell
//! (card numbers never reach a line, a key or an error), cells are cut at 512 characters, and a
//! formula-looking cell stays inert text (fenqi evaluates nothing; its exports neutralise it).
//! Only the last four digits of a card are kept ([`CardLast4`]).
//!
//! # Keys
//!
//! Each line has a [`LineKey`] that stays the same when the same file is read again: the
//! format's code and the line's order number (`alipay:2024…`, with `#2`… when a number repeats),
//! else a hash of its sanitised cells numbered by occurrence (`bank:h…#1`, `#2`), so two
//! identical genuine lines are never merged.

mod cells;
mod colmap;
mod decode;
mod error;
mod format;
mod keys;
mod layout;
mod line;
pub mod matching;
mod parse;
mod provider;
mod sheet;

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;

pub use colmap::{ColumnMap, ColumnRef, MapError};
pub use error::{CellKind, Expected, Found, StatementError};
pub use format::{Container, Format, FormatChoice, TextEncoding};
pub use line::{CardLast4, Flow, LineKey, Outcome, StatementLine};
pub use provider::Provider;

/// The largest statement file fenqi reads: 32 MiB (a year of a busy 支付宝 account is a few MB).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The most an XLSX statement's parts may unpack to: 256 MiB.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// The most lines one statement may have.
pub const MAX_LINES: usize = 100_000;

/// The bounds one reading stays within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    pub lines: usize,
    pub unpacked_bytes: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        lines: MAX_LINES,
        unpacked_bytes: MAX_UNPACKED_BYTES,
    };
}

/// How to read a statement: the `--format` asked for and the `--map`, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    pub format: FormatChoice,
    pub map: Option<ColumnMap>,
}

/// A statement, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub format: Format,
    pub container: Container,
    /// The dates the statement's preamble says it covers, when it says.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// The lines in file order.
    pub lines: Vec<StatementLine>,
}

impl Statement {
    /// The dates the statement covers: its stated period, else its first and last line's dates.
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.period.or_else(|| {
            let first = self.lines.iter().map(|l| l.date).min()?;
            let last = self.lines.iter().map(|l| l.date).max()?;
            Some((first, last))
        })
    }

    /// The cards the statement is a statement of (sorted): a bank export's or mapped CSV's card
    /// column. A wallet's lines name the cards that paid them, which does not make the wallet's
    /// statement a statement of those cards, so a wallet statement covers none.
    pub fn cards(&self) -> Vec<CardLast4> {
        if !matches!(self.format, Format::Bank { .. } | Format::Generic) {
            return Vec::new();
        }
        let mut cards: Vec<CardLast4> = self.lines.iter().filter_map(|l| l.card_last4).collect();
        cards.sort();
        cards.dedup();
        cards
    }
}

/// Reads the statement at `path`: refused unread when larger than [`MAX_FILE_BYTES`], and read
/// through a bounded reader (a file that grows, a device) so that no more is ever held.
pub fn read_statement_file(
    path: &Path,
    options: &ReadOptions,
) -> Result<Statement, StatementError> {
    let fail = |found| StatementError::new(Expected::Choice(options.format), found);
    let unreadable = |e: std::io::Error| fail(Found::Unreadable(e.to_string()));
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(fail(Found::TooLarge {
            bytes: size,
            cap: MAX_FILE_BYTES,
        }));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    read_statement(&bytes, options)
}

/// Reads a statement from its bytes (see the module documentation for the formats).
pub fn read_statement(bytes: &[u8], options: &ReadOptions) -> Result<Statement, StatementError> {
    read_within(bytes, options, &Limits::DEFAULT)
}

/// [`read_statement`] within `limits`.
fn read_within(
    bytes: &[u8],
    options: &ReadOptions,
    limits: &Limits,
) -> Result<Statement, StatementError> {
    let choice = options.format;
    let fail = |found| StatementError::new(Expected::Choice(choice), found);
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(fail(Found::TooLarge {
            bytes: size,
            cap: MAX_FILE_BYTES,
        }));
    }
    match (&options.map, choice) {
        (None, FormatChoice::Generic) => return Err(fail(Found::MapRequired)),
        (Some(_), FormatChoice::Auto | FormatChoice::Generic) | (None, _) => {}
        (Some(_), _) => return Err(fail(Found::MapNotForFormat)),
    }
    let (container, rows) = if bytes.starts_with(b"PK\x03\x04") {
        (
            Container::Xlsx,
            sheet::xlsx_rows(bytes, limits).map_err(fail)?,
        )
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(fail(Found::OldSpreadsheet));
    } else {
        let (text, encoding) = decode::decode(bytes).map_err(fail)?;
        (
            Container::Csv(encoding),
            sheet::csv_rows(&text, limits).map_err(fail)?,
        )
    };
    if rows.iter().all(sheet::Row::is_blank) {
        return Err(fail(Found::Empty));
    }
    let (layout, skip_leading_undated) = match &options.map {
        Some(map) => {
            let (header, columns) = map
                .locate(&rows, layout::HEADER_SCAN_ROWS)
                .map_err(|name| fail(Found::MapColumnMissing(name)))?;
            let layout = layout::Layout {
                format: Format::Generic,
                header: header.unwrap_or(0),
                columns,
            };
            (layout, header.is_none())
        }
        None => (recognised(&rows, choice).map_err(fail)?, false),
    };
    let format = layout.format;
    let fail = |found| StatementError::new(Expected::Format(format), found);
    let (header, data) = if skip_leading_undated {
        (None, rows.as_slice())
    } else {
        (
            rows.get(layout.header),
            rows.get(layout.header + 1..).unwrap_or_default(),
        )
    };
    let period = if skip_leading_undated {
        None
    } else {
        layout::preamble_period(&rows[..layout.header])
    };
    let parsed = parse::parse_lines(data, &layout, header, skip_leading_undated, limits.lines)
        .map_err(fail)?;
    if parsed.is_empty() {
        return Err(fail(Found::NoLines));
    }
    let bases: Vec<keys::KeyBase> = parsed.iter().map(|p| p.key.clone()).collect();
    let keys = keys::assign(format.choice().code(), &bases);
    let lines = parsed
        .into_iter()
        .zip(keys)
        .map(|(parsed, key)| StatementLine { key, ..parsed.line })
        .collect();
    Ok(Statement {
        format,
        container,
        period,
        lines,
    })
}

/// The layout of the format asked for, or what the rows show instead.
fn recognised(rows: &[sheet::Row], choice: FormatChoice) -> Result<layout::Layout, Found> {
    match layout::recognise(rows) {
        Some(layout) if choice.accepts(layout.format) => Ok(layout),
        Some(layout) => Err(Found::OtherFormat(layout.format)),
        None => Err(match layout::marker(rows) {
            Some(format) if choice.accepts(format) => Found::MarkerWithoutHeader(format),
            Some(format) => Found::OtherFormat(format),
            None => Found::NoHeader {
                first_line: first_line(rows),
            },
        }),
    }
}

/// The first non-blank row, its cells joined by commas, shortened to 60 characters.
fn first_line(rows: &[sheet::Row]) -> String {
    let row = rows.iter().find(|r| !r.is_blank());
    let joined = row.map(|r| r.cells.join(",")).unwrap_or_default();
    let mut short: String = joined.chars().take(60).collect();
    if joined.chars().count() > 60 {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_lines_than_the_limit_are_refused() {
        let text = "日期,摘要,发生额\n2024-03-01,x,1\n2024-03-02,x,1\n2024-03-03,x,1\n";
        let options = ReadOptions {
            format: FormatChoice::Generic,
            map: Some(ColumnMap::parse("date=日期,amount=发生额,text=摘要").unwrap()),
        };
        let limits = |lines| Limits {
            lines,
            unpacked_bytes: MAX_UNPACKED_BYTES,
        };
        let error = read_within(text.as_bytes(), &options, &limits(2)).unwrap_err();
        assert_eq!(error.found, Found::TooManyLines { cap: 2 });
        assert_eq!(error.expected, Expected::Format(Format::Generic));
        let read = read_within(text.as_bytes(), &options, &limits(3)).unwrap();
        assert_eq!(read.lines.len(), 3);
    }
}
