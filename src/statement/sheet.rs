//! A statement file as rows of sanitised text cells, from CSV text or an XLSX workbook.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};

use super::Limits;
use super::error::Found;
use crate::domain::glyphs::is_hidden_format;
use crate::domain::privacy::mask_card_numbers;

/// Rows read beyond the transactions (preamble, header, notes) before a file is too long.
const MAX_EXTRA_ROWS: usize = 1_000;

/// Columns read from a sheet; cells further right are ignored.
const MAX_COLUMNS: usize = 256;

/// Characters kept of one cell; the rest is cut off.
const MAX_CELL_CHARS: usize = 512;

/// Parts an XLSX file may have.
const MAX_ZIP_ENTRIES: usize = 1_000;

/// One row of a statement: where it starts in the file, and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    /// 1-based line (CSV) or row (XLSX) number.
    pub number: u32,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell at `index`, empty when the row is shorter.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }

    /// True when every cell is empty.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(String::is_empty)
    }
}

/// A cell as fenqi keeps it: control characters turned into spaces, hidden bidi marks and
/// zero-width characters removed, every card number masked to its last four digits (after the
/// first two steps, so that none hides behind them), surrounding white space trimmed, a lone `/`
/// (微信支付's and 支付宝's "empty") read as empty, and at most 512 characters. Text is kept as
/// text: a cell like `=cmd|' /C calc'!A0` is never evaluated, and fenqi's exports neutralise it.
pub(crate) fn sanitise(raw: &str) -> String {
    let cleaned: String = raw
        .chars()
        .filter(|&c| !is_hidden_format(c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    // A card number has at least 13 digits: a cell with fewer (most cells) cannot hold one.
    let masked = if cleaned.chars().filter(|c| c.is_numeric()).count() >= 13 {
        mask_card_numbers(&cleaned)
    } else {
        Cow::Borrowed(cleaned.as_str())
    };
    let trimmed = masked.trim();
    if trimmed == "/" {
        return String::new();
    }
    match trimmed.char_indices().nth(MAX_CELL_CHARS) {
        Some((cut, _)) => trimmed[..cut].to_string(),
        None => trimmed.to_string(),
    }
}

/// The rows of CSV text (comma-separated, quoted as RFC 4180; rows may differ in length).
pub(crate) fn csv_rows(text: &str, limits: &Limits) -> Result<Vec<Row>, Found> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let newlines: Vec<usize> = offsets_of(b'\n', bytes);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| Found::NotText)?;
        check_row_count(rows.len(), limits)?;
        // The csv crate's own line number is one short after a blank line
        // (BurntSushi/rust-csv#208), so the line is counted from the record's byte offset,
        // past the blank lines it may start with.
        let mut start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(0);
        while matches!(bytes.get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        let line = newlines.partition_point(|&at| at < start) + 1;
        let number = u32::try_from(line).unwrap_or(u32::MAX);
        let cells = record.iter().take(MAX_COLUMNS).map(sanitise).collect();
        rows.push(Row { number, cells });
    }
    Ok(rows)
}

/// The rows of the first sheet of an XLSX workbook. The parts are unpacked once, bounded,
/// before the workbook is opened (a small file can unpack to gigabytes); cells are streamed,
/// so a far-away cell costs nothing.
pub(crate) fn xlsx_rows(bytes: &[u8], limits: &Limits) -> Result<Vec<Row>, Found> {
    check_unpacked_size(bytes, limits.unpacked_bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| Found::BadSpreadsheet)?;
    let name = book
        .sheet_names()
        .into_iter()
        .next()
        .ok_or(Found::BadSpreadsheet)?;
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|_| Found::BadSpreadsheet)?;
    let mut by_row: BTreeMap<u32, Vec<(usize, String)>> = BTreeMap::new();
    while let Some(cell) = cells.next_cell().map_err(|_| Found::BadSpreadsheet)? {
        let (row, column) = cell.get_position();
        let column = column as usize;
        if column >= MAX_COLUMNS {
            continue;
        }
        let text = sanitise(&cell_text(cell.get_value()));
        if text.is_empty() {
            continue;
        }
        if !by_row.contains_key(&row) {
            check_row_count(by_row.len(), limits)?;
        }
        by_row.entry(row).or_default().push((column, text));
    }
    Ok(by_row
        .into_iter()
        .map(|(row, filled)| {
            let width = filled.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
            let mut cells = vec![String::new(); width];
            for (column, text) in filled {
                cells[column] = text;
            }
            Row {
                number: row.saturating_add(1),
                cells,
            }
        })
        .collect())
}

/// The offsets of every `byte` in `bytes`.
fn offsets_of(byte: u8, bytes: &[u8]) -> Vec<usize> {
    bytes
        .iter()
        .enumerate()
        .filter_map(|(i, &b)| (b == byte).then_some(i))
        .collect()
}

/// [`Found::TooManyLines`] once `rows` rows have been read.
fn check_row_count(rows: usize, limits: &Limits) -> Result<(), Found> {
    if rows >= limits.lines + MAX_EXTRA_ROWS {
        return Err(Found::TooManyLines { cap: limits.lines });
    }
    Ok(())
}

/// Unpacks every part of the archive into nothing, counting, and refuses an archive that
/// unpacks to more than `cap` bytes or has more than [`MAX_ZIP_ENTRIES`] parts. The counting
/// reads what the parts really unpack to, not the sizes their headers claim.
fn check_unpacked_size(bytes: &[u8], cap: u64) -> Result<(), Found> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Found::BadSpreadsheet)?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(Found::BadSpreadsheet);
    }
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let part = archive.by_index(index).map_err(|_| Found::BadSpreadsheet)?;
        let budget = cap - total;
        let unpacked = io::copy(&mut part.take(budget + 1), &mut io::sink())
            .map_err(|_| Found::BadSpreadsheet)?;
        if unpacked > budget {
            return Err(Found::UnpacksTooLarge { cap });
        }
        total += unpacked;
    }
    Ok(())
}

/// A spreadsheet cell as text: numbers in their shortest exact form (so that 536.1 stays
/// `536.1` and an inexact float is refused later as more than two decimals), dates as
/// `YYYY-MM-DD HH:MM:SS`, errors as their code (`#DIV/0!`).
fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(n) => n.to_string(),
        DataRef::Float(f) if f.is_finite() => f.to_string(),
        DataRef::Float(_) => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => d
            .as_datetime()
            .map(|dt| dt.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_sanitised() {
        assert_eq!(sanitise("  交易时间   \t"), "交易时间");
        assert_eq!(sanitise("/"), "");
        assert_eq!(sanitise("a\u{1b}[31mb\u{0}c"), "a [31mb c");
        assert_eq!(sanitise("pay\u{202E}lapyap"), "paylapyap");
        assert_eq!(
            sanitise("卡 6222021234567890125 扣款"),
            "卡 ***************0125 扣款"
        );
        // A card number split by a zero-width space or a control character is still found.
        assert_eq!(sanitise("4111\u{200B}111111111111"), "************1111");
        assert_eq!(sanitise("4111\u{7}1111 1111 1111"), "**** **** **** 1111");
        assert_eq!(sanitise("=cmd|' /C calc'!A0"), "=cmd|' /C calc'!A0");
        assert_eq!(sanitise(&"长".repeat(600)).chars().count(), 512);
    }

    #[test]
    fn csv_rows_keep_their_line_numbers() {
        let rows = csv_rows(
            "preamble line\n\n交易时间 ,金额,\n\"2024-03-10\n\",1.00,x\t\n\r\n\nlast,1",
            &Limits::DEFAULT,
        )
        .unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].number, 1);
        assert_eq!(rows[1].cells, vec!["交易时间", "金额", ""]);
        assert_eq!(rows[1].number, 3);
        assert_eq!(rows[2].cells, vec!["2024-03-10", "1.00", "x"]);
        assert_eq!(rows[2].number, 4);
        assert_eq!(rows[2].cell(7), "");
        assert_eq!(rows[3].number, 8);
    }

    #[test]
    fn a_spreadsheet_is_measured_by_what_it_unpacks_to() {
        use std::io::Write;
        let mut packed = zip::ZipWriter::new(Cursor::new(Vec::new()));
        packed
            .start_file(
                "xl/sharedStrings.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
        packed.write_all(&[b' '; 10_000]).unwrap();
        let bytes = packed.finish().unwrap().into_inner();
        assert!(bytes.len() < 1_000, "{}", bytes.len());
        assert_eq!(
            check_unpacked_size(&bytes, 9_999),
            Err(Found::UnpacksTooLarge { cap: 9_999 })
        );
        assert_eq!(check_unpacked_size(&bytes, 10_000), Ok(()));
    }

    #[test]
    fn damaged_workbooks_are_refused() {
        assert_eq!(
            xlsx_rows(b"PK\x03\x04 not a zip", &Limits::DEFAULT),
            Err(Found::BadSpreadsheet)
        );
    }
}
