//! Schema migrations by `PRAGMA user_version`, each in one transaction, with a backup first.

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};

use super::{APPLICATION_ID, StoreResult};

/// The migrations in order; migration `i` (0-based) brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &[include_str!("../../assets/migrations/0001_init.sql")];

/// The schema version this fenqi writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Brings the database from `found` to [`LATEST`]; backs an existing older schema up first.
pub fn migrate(conn: &mut Connection, path: &Path, found: i64) -> StoreResult<()> {
    apply(conn, path, found, MIGRATIONS)
}

/// Applies `migrations[found..]`, each with its version bump in one `BEGIN IMMEDIATE` transaction.
pub(crate) fn apply(
    conn: &mut Connection,
    path: &Path,
    found: i64,
    migrations: &[&str],
) -> StoreResult<()> {
    let latest = migrations.len() as i64;
    if found >= latest {
        return Ok(());
    }
    if found > 0 {
        backup(conn, &backup_path(path, found))?;
    }
    for (index, sql) in migrations.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Where the copy taken before migrating from `version` goes: `fenqi.db.bak-v1` next to it.
pub fn backup_path(path: &Path, version: i64) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(format!(".bak-v{version}"));
    PathBuf::from(name)
}

/// Writes a consistent copy of the database to `target` (created 0600, replaced if present).
fn backup(conn: &Connection, target: &Path) -> StoreResult<()> {
    if target.exists() {
        std::fs::remove_file(target)?;
    }
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(target)?;
    let target_text = target.to_string_lossy().to_string();
    conn.execute("VACUUM INTO ?1", [target_text])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_schema_is_backed_up_then_migrated_step_by_step() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fenqi.db");
        let first = ["CREATE TABLE a (x INTEGER) STRICT; INSERT INTO a VALUES (7);"];
        let both = [first[0], "CREATE TABLE b (y INTEGER) STRICT;"];
        let mut conn = Connection::open(&path).unwrap();
        apply(&mut conn, &path, 0, &first).unwrap();
        assert!(!backup_path(&path, 0).exists());
        apply(&mut conn, &path, 1, &both).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 2);
        let backup = Connection::open(backup_path(&path, 1)).unwrap();
        let x: i64 = backup
            .query_row("SELECT x FROM a", [], |r| r.get(0))
            .unwrap();
        assert_eq!(x, 7);
        let tables: i64 = backup
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'b'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 0);
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(backup_path(&path, 1))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_failing_migration_leaves_the_version_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fenqi.db");
        let mut conn = Connection::open(&path).unwrap();
        let bad = ["CREATE TABLE a (x INTEGER) STRICT; CREATE TABLE a (y INTEGER);"];
        assert!(apply(&mut conn, &path, 0, &bad).is_err());
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 0);
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 0);
    }
}
