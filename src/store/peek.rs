//! A database's schema version for `--bug-report`, read without writing anything: the file
//! opened read-only and immutable (no `-wal` or `-shm` made or read, no lock taken).

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{APPLICATION_ID, StoreError, wal_guard};

/// What the file at a database path turned out to be.
#[derive(Debug)]
pub(crate) enum SchemaSeen {
    /// No file there (yet).
    Missing,
    /// A fenqi database of this schema version.
    Fenqi(i64),
    /// An SQLite file of another application, or an empty one.
    NotFenqi,
    /// It could not be read.
    Unreadable(StoreError),
}

/// The schema version of the database at `path` (see [`SchemaSeen`]).
pub(crate) fn schema_seen(path: &Path) -> SchemaSeen {
    if !path.exists() {
        return SchemaSeen::Missing;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let read = || -> rusqlite::Result<(i32, i64)> {
        let conn = Connection::open_with_flags(wal_guard::immutable_uri(path), flags)?;
        let app = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok((app, version))
    };
    match read() {
        Ok((APPLICATION_ID, version)) => SchemaSeen::Fenqi(version),
        Ok(_) => SchemaSeen::NotFenqi,
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            SchemaSeen::NotFenqi
        }
        Err(e) => SchemaSeen::Unreadable(StoreError::Sqlite(e)),
    }
}
