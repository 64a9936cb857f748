//! What an import reports: rows added and skipped per table, or why it wrote nothing.

use std::io;

use super::dump_input::Oversize;
use crate::store::StoreError;
use crate::store::check::{Inconsistency, ValueProblem};

/// What an import did: rows added and rows already present, per table (in dump order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub tables: Vec<TableCount>,
}

impl ImportSummary {
    /// Rows added over all tables.
    pub fn inserted(&self) -> u64 {
        self.tables.iter().map(|t| t.inserted).sum()
    }

    /// Rows skipped because an identical row was already there.
    pub fn skipped(&self) -> u64 {
        self.tables.iter().map(|t| t.skipped).sum()
    }
}

/// Rows added and skipped in one table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableCount {
    pub table: String,
    pub inserted: u64,
    pub skipped: u64,
}

/// Why an import wrote nothing. Everything but `Store` is a problem with the file: exit 2.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not valid JSON: {0}")]
    Malformed(String),
    /// The file, or a value in it, is larger than any fenqi dump's.
    #[error("too large: {0:?}")]
    TooLarge(Oversize),
    /// The file could not be read (a directory, an I/O error).
    #[error("cannot read the file: {0}")]
    Unreadable(io::Error),
    #[error("not a fenqi JSON export")]
    NotADump,
    #[error("dump layout version {0} is not supported (this fenqi reads version 1)")]
    UnsupportedVersion(i64),
    #[error("the export is from a newer fenqi (schema {found}, this fenqi knows {supported})")]
    NewerSchema { found: i64, supported: i64 },
    #[error("field {0} is missing")]
    MissingField(&'static str),
    #[error("table {0} is missing")]
    MissingTable(String),
    #[error("table {0} is not part of a fenqi export")]
    UnknownTable(String),
    #[error("sequences: {table} {highest} is not an id sequence of a fenqi table")]
    BadSequence { table: String, highest: i64 },
    #[error("table {0} appears twice")]
    DuplicateTable(String),
    #[error("table {table}: unknown or repeated column {column}")]
    BadColumn { table: String, column: String },
    #[error("table {table}, row {row}: {message}")]
    BadRow {
        table: String,
        row: u64,
        message: String,
    },
    #[error("table {table}, row {row}, column {column}: {value} ({problem:?})")]
    BadValue {
        table: String,
        row: u64,
        column: String,
        /// The value as shown in a message (see [`value_text`]).
        value: String,
        problem: ValueProblem,
    },
    #[error("the rows do not add up: {0:?}")]
    Inconsistent(Inconsistency),
    #[error("table {table}: row {key} already exists with different content")]
    Conflict { table: String, key: String },
    #[error("table {table}, row {row:?}: refers to a missing {parent} row")]
    DanglingReference {
        table: String,
        row: Option<i64>,
        parent: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ImportError {
    /// True when the file is at fault (exit status 2), not the database or the disk.
    pub(crate) fn is_input(&self) -> bool {
        !matches!(self, ImportError::Store(_))
    }
}

impl From<io::Error> for ImportError {
    fn from(error: io::Error) -> Self {
        ImportError::Store(StoreError::Io(error))
    }
}
