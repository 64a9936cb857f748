//! Why a statement cannot be read: what was expected and what the file held instead.

use super::format::{Format, FormatChoice};

/// A statement fenqi refuses, as one line: which format it expected and what it found.
/// `i18n::statement::error` renders it in either language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected:?}, found {found:?}")]
pub struct StatementError {
    pub expected: Expected,
    pub found: Found,
}

/// The format a refused file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// What `--format` asked for, before the file showed which format it is.
    Choice(FormatChoice),
    /// The format the file's header showed (its rows are then what is wrong).
    Format(Format),
}

/// What a refused file held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A file larger than fenqi reads (`cap` bytes, [`super::MAX_FILE_BYTES`]).
    TooLarge {
        bytes: u64,
        cap: u64,
    },
    /// A spreadsheet whose parts unpack to more than `cap` bytes.
    UnpacksTooLarge {
        cap: u64,
    },
    /// A file that could not be read at all (the system's reason).
    Unreadable(String),
    Empty,
    /// Bytes that are not text in UTF-8, UTF-16 (with its byte-order mark) or GBK/GB18030.
    NotText,
    /// An XLSX file that cannot be opened (damaged, encrypted, no sheet).
    BadSpreadsheet,
    /// An Excel 97–2003 workbook (.xls), which fenqi does not read.
    OldSpreadsheet,
    /// Text without the expected header; `first_line` is its first non-empty line, shortened.
    NoHeader {
        first_line: String,
    },
    /// The header of another format than the one asked for.
    OtherFormat(Format),
    /// The format's marker line, but not its header after it.
    MarkerWithoutHeader(Format),
    /// A header and no transaction under it.
    NoLines,
    /// More transactions than fenqi reads from one statement (`cap`, [`super::MAX_LINES`]).
    TooManyLines {
        cap: usize,
    },
    /// A cell that is not what its column holds.
    BadCell {
        line: u32,
        column: String,
        value: String,
        kind: CellKind,
    },
    /// `--format generic` without `--map`.
    MapRequired,
    /// `--map` used with a format that has its own columns.
    MapNotForFormat,
    /// A `--map` column the file does not have.
    MapColumnMissing(String),
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Date,
    Amount,
    /// 收/支: 收入, 支出 or 不计收支.
    Direction,
}

impl StatementError {
    pub(crate) fn new(expected: Expected, found: Found) -> StatementError {
        StatementError { expected, found }
    }
}
