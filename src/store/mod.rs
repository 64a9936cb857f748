//! The ledger of record: one local SQLite file, opened safely, and the only place SQL lives.

pub mod cards;
pub mod changelog;
pub mod check;
pub mod due;
pub mod export_rows;
pub mod history;
mod inserted;
pub mod interop;
mod json_value;
mod ledger;
pub mod limits;
pub mod maintenance;
mod migrations;
pub mod model;
mod open_recount;
pub mod payments;
pub mod plans;
pub(crate) mod sample_fill;
pub mod schema;
mod sequences;
mod sql;
mod subject;
pub mod tallies;
pub mod tui_queries;
mod watch;
mod window;

use std::fs;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use crate::domain::allocation::AllocationError;
use crate::domain::money::Overflow;
use crate::domain::payoff::PayoffError;
use crate::domain::prepay::PrepayError;
use crate::domain::schedule::ScheduleError;
use crate::domain::summary::QuoteError;
/// The schema version this fenqi writes (`PRAGMA user_version`; a dump's `schema_version`).
pub use migrations::LATEST as SCHEMA_VERSION;
pub use model::*;
pub use subject::{CardRef, ChangeInfo, ChangeSubject, PlanRef};

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
    #[error("{0} is a directory, not a database file")]
    NotAFile(PathBuf),
    #[error("cannot open {path}: {source}")]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
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
    Allocation(AllocationError),
    #[error(transparent)]
    Payoff(PayoffError),
    #[error(transparent)]
    Prepay(PrepayError),
    #[error(transparent)]
    Quote(#[from] QuoteError),
    /// Amounts beyond what fenqi computes exactly (a plan from before the bounds on terms, or
    /// totals over very many huge plans).
    #[error(transparent)]
    Overflow(#[from] Overflow),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("database: {0}")]
    Sqlite(rusqlite::Error),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    #[error("change log: {0}")]
    Json(#[from] serde_json::Error),
}

/// The domain's refusals, except that amounts too large to compute are
/// [`StoreError::Overflow`] whichever rule met them (not the user's input, so exit status 1).
impl From<AllocationError> for StoreError {
    fn from(error: AllocationError) -> Self {
        match error {
            AllocationError::Overflow(overflow) => StoreError::Overflow(overflow),
            other => StoreError::Allocation(other),
        }
    }
}

impl From<PayoffError> for StoreError {
    fn from(error: PayoffError) -> Self {
        match error {
            PayoffError::Overflow(overflow) => StoreError::Overflow(overflow),
            other => StoreError::Payoff(other),
        }
    }
}

impl From<PrepayError> for StoreError {
    fn from(error: PrepayError) -> Self {
        match error {
            PrepayError::Schedule(ScheduleError::Overflow) => StoreError::Overflow(Overflow),
            other => StoreError::Prepay(other),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    /// A database error, or [`StoreError::Overflow`] when a row mapper or a bound amount met
    /// one (see [`overflow_in_row`]).
    fn from(error: rusqlite::Error) -> Self {
        match &error {
            rusqlite::Error::ToSqlConversionFailure(inner)
            | rusqlite::Error::FromSqlConversionFailure(_, _, inner)
                if inner.is::<Overflow>() =>
            {
                StoreError::Overflow(Overflow)
            }
            _ => StoreError::Sqlite(error),
        }
    }
}

/// An [`Overflow`] met while mapping a row, as the row mapper's error; it comes out of the
/// store as [`StoreError::Overflow`].
pub(crate) fn overflow_in_row(overflow: Overflow) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Integer, Box::new(overflow))
}

impl StoreError {
    /// True when the error is the user's input (an unknown id, an overpayment…): exit status 2.
    pub fn is_input(&self) -> bool {
        !matches!(
            self,
            StoreError::Corrupt(_)
                | StoreError::Overflow(_)
                | StoreError::Open { .. }
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
        let side_files = [side_file(path, "-wal"), side_file(path, "-shm")];
        let existed = side_files.clone().map(|f| f.exists());
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Until the file is known to be ours, closing must not checkpoint a WAL into it.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        let found = match inspect(&conn, path) {
            Ok(found) => found,
            Err(refusal) => {
                drop(conn);
                // Take away the (empty) -wal / -shm that reading a WAL-mode file created.
                for (file, existed) in side_files.iter().zip(existed) {
                    if !existed {
                        let _ = fs::remove_file(file);
                    }
                }
                return Err(refusal);
            }
        };
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
        make_private(path);
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
    let open_error = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && !p.exists())
    {
        crate::files::create_private_dir(parent).map_err(open_error)?;
    }
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(meta.len() > 0),
        Ok(meta) if meta.is_dir() => Err(StoreError::NotAFile(path.to_path_buf())),
        Ok(_) => Err(StoreError::NotFenqi(path.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            crate::files::create_private(path).map_err(open_error)?;
            Ok(false)
        }
        Err(e) => Err(open_error(e)),
    }
}

/// Makes a fenqi database and its -wal / -shm owner-only again if someone widened them: the
/// group and other bits go, the owner's stay as they are (a file its owner made read-only
/// stays read-only, so writes are refused as read-only). Best effort: on a read-only disk the
/// open goes on (and writes will say why they fail).
fn make_private(path: &Path) {
    for file in [
        path.to_path_buf(),
        side_file(path, "-wal"),
        side_file(path, "-shm"),
    ] {
        if let Some(mode) = fs::metadata(&file)
            .ok()
            .map(|m| m.permissions().mode() & 0o7777)
            .filter(|mode| mode & 0o077 != 0)
        {
            let _ = fs::set_permissions(&file, fs::Permissions::from_mode(owner_only(mode)));
        }
    }
}

/// `mode` without its group and other bits.
fn owner_only(mode: u32) -> u32 {
    mode & !0o077
}

/// `fenqi.db-wal`, `fenqi.db-shm`: SQLite's files beside the database.
fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Reads the 100-byte SQLite header: refuses other file types and files shorter than the
/// database the header describes. With a non-empty `-wal` beside it the length says nothing
/// (a checkpoint cut short by a full disk leaves the newest pages only in the WAL), so SQLite
/// itself judges the file.
fn check_header(path: &Path) -> StoreResult<()> {
    let open_error = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    let mut file = fs::File::open(path).map_err(open_error)?;
    let len = file.metadata().map_err(open_error)?.len();
    let wal_holds_pages = fs::metadata(side_file(path, "-wal")).is_ok_and(|m| m.len() > 0);
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        let n = file.read(&mut header[read..]).map_err(open_error)?;
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
    let short = (size_valid && page_count * page_size > len) || len % page_size != 0;
    if page_size < 512 || (short && !wal_holds_pages) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tightening_removes_group_and_other_bits_and_never_adds_any() {
        assert_eq!(owner_only(0o644), 0o600);
        assert_eq!(owner_only(0o666), 0o600);
        assert_eq!(owner_only(0o444), 0o400);
        assert_eq!(owner_only(0o404), 0o400);
        assert_eq!(owner_only(0o000), 0o000);
        assert_eq!(owner_only(0o1755), 0o1700);
    }

    #[test]
    fn a_read_only_database_stays_read_only_when_opened() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fenqi.db");
        drop(Store::open(&path).unwrap());
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        // Root may open it for writing anyway; only the mode is at stake here.
        drop(Store::open(&path));
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o400);
    }
}
