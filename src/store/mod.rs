//! The ledger of record: one local SQLite file, opened safely, and the only place SQL lives.

pub mod cards;
pub mod changelog;
pub mod demo;
pub mod due;
pub mod history;
mod ledger;
pub mod limits;
mod migrations;
pub mod model;
pub mod payments;
pub mod plans;
mod sql;
pub mod tallies;
pub mod tui_queries;
mod window;

use std::fs::{self, DirBuilder, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use crate::domain::allocation::AllocationError;
use crate::domain::payoff::PayoffError;
use crate::domain::summary::QuoteError;
pub use model::*;

/// The `application_id` stamped into every fenqi database ("FNQI").
pub const APPLICATION_ID: i32 = 0x464E_5149;

/// How long a write waits for another fenqi process to finish its transaction.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Everything that can go wrong in the store; `is_input()` tells the user's mistakes apart.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} is not a fenqi database")]
    NotFenqi(PathBuf),
    #[error("{path} was written by a newer fenqi (schema {found}, this fenqi knows {supported})")]
    Newer {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{0} is damaged or truncated")]
    Damaged(PathBuf),
    #[error("no plan #{0}")]
    PlanNotFound(PlanId),
    #[error("no card #{0}")]
    CardNotFound(CardId),
    #[error("card #{0} is archived")]
    CardArchived(CardId),
    #[error("a card cannot replace itself")]
    SameCard,
    #[error("the plan has repayments, so its terms can no longer change")]
    TermsLocked,
    #[error("the plan is already fully paid")]
    NothingDue,
    #[error("the plan is closed")]
    PlanClosed,
    #[error(transparent)]
    Allocation(#[from] AllocationError),
    #[error(transparent)]
    Payoff(#[from] PayoffError),
    #[error(transparent)]
    Quote(#[from] QuoteError),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    #[error("change log: {0}")]
    Json(#[from] serde_json::Error),
}

impl StoreError {
    /// True when the error is the user's input (an unknown id, an overpayment…): exit status 2.
    pub fn is_input(&self) -> bool {
        !matches!(
            self,
            StoreError::Corrupt(_)
                | StoreError::Sqlite(_)
                | StoreError::Io(_)
                | StoreError::Json(_)
        )
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// An open fenqi database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path`, refusing anything that is not a fenqi
    /// database or was written by a newer fenqi, and migrating an older one after a backup.
    pub fn open(path: &Path) -> StoreResult<Store> {
        let had_content = prepare_file(path)?;
        if had_content {
            check_header(path)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let found = inspect(&conn, path)?;
        configure(&conn)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        migrations::migrate(&mut store.conn, path, found)?;
        Ok(store)
    }

    /// The file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` in one `BEGIN IMMEDIATE` transaction, committing only if it succeeds.
    pub(crate) fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// The connection, for reads.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Creates the parent directory (0700) and an empty file (0600) when missing.
/// Returns whether the file already held data.
fn prepare_file(path: &Path) -> StoreResult<bool> {
    if let Some(parent) = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && !p.exists())
    {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(parent)?;
    }
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(meta.len() > 0),
        Ok(_) => Err(StoreError::NotFenqi(path.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)?;
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

/// Reads the 100-byte SQLite header: refuses other file types and files shorter than the
/// database the header describes.
fn check_header(path: &Path) -> StoreResult<()> {
    let mut file = fs::File::open(path)?;
    let len = file.metadata()?.len();
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        let n = file.read(&mut header[read..])?;
        if n == 0 {
            break;
        }
        read += n;
    }
    if read < header.len() || &header[..16] != b"SQLite format 3\0" {
        return Err(StoreError::NotFenqi(path.to_path_buf()));
    }
    let raw_page = u16::from_be_bytes([header[16], header[17]]);
    let page_size: u64 = if raw_page == 1 {
        65_536
    } else {
        u64::from(raw_page)
    };
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_count = u64::from(be32(28));
    let size_valid = be32(24) == be32(92);
    if page_size < 512 || (size_valid && page_count * page_size > len) || len % page_size != 0 {
        return Err(StoreError::Damaged(path.to_path_buf()));
    }
    Ok(())
}

/// Reads the application id, schema version and schema size without writing anything, and
/// returns the schema version to migrate from.
fn inspect(conn: &Connection, path: &Path) -> StoreResult<i64> {
    let read = || -> rusqlite::Result<(i32, i64, i64)> {
        let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let objects: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((app, version, objects))
    };
    let (app, version, objects) = read().map_err(|e| match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotFenqi(path.to_path_buf()),
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged(path.to_path_buf()),
        _ => StoreError::Sqlite(e),
    })?;
    if app == APPLICATION_ID {
        if version > migrations::LATEST {
            return Err(StoreError::Newer {
                path: path.to_path_buf(),
                found: version,
                supported: migrations::LATEST,
            });
        }
        return Ok(version);
    }
    if app == 0 && objects == 0 {
        return Ok(0);
    }
    Err(StoreError::NotFenqi(path.to_path_buf()))
}

/// Foreign keys, WAL, synchronous=FULL, a busy timeout, and room for cached statements.
fn configure(conn: &Connection) -> StoreResult<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Corrupt(format!("journal mode {mode}")));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}
