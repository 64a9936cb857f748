//! Opening rules: fresh files are created private; anything not a fenqi database is refused
//! and left byte-for-byte untouched.

use std::os::unix::fs::PermissionsExt;

use fenqi::domain::dates::parse_date;
use fenqi::store::{APPLICATION_ID, MonthGrouping, SCHEMA_VERSION, Store, StoreError};

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_new_database_and_its_directory_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("deeper").join("fenqi.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    assert_eq!(mode(&dir.path().join("nested")), 0o700);
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, APPLICATION_ID);
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(journal, "wal");
    // Reopening an existing fenqi database works and changes nothing in the schema.
    Store::open(&path).unwrap();
}

#[test]
fn the_wal_and_shm_files_are_private_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fenqi.db");
    let mut store = Store::open(&path).unwrap();
    store
        .set_limit("花呗", fenqi::domain::Money::from_cents(100))
        .unwrap();
    for suffix in ["-wal", "-shm"] {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        let side = std::path::PathBuf::from(name);
        if side.exists() {
            assert_eq!(mode(&side), 0o600, "{suffix}");
        }
    }
}

fn refused_untouched(bytes: &[u8]) -> StoreError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fenqi.db");
    std::fs::write(&path, bytes).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no -wal, -shm or backup was created");
    assert!(err.is_input());
    err
}

#[test]
fn random_bytes_are_refused() {
    let bytes: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(matches!(refused_untouched(&bytes), StoreError::NotFenqi(_)));
    assert!(matches!(
        refused_untouched(b"hello\n"),
        StoreError::NotFenqi(_)
    ));
}

/// Builds an SQLite file with `setup` and returns its bytes.
fn sqlite_bytes(setup: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(setup).unwrap();
    drop(conn);
    std::fs::read(&path).unwrap()
}

#[test]
fn another_applications_database_is_refused() {
    let bytes = sqlite_bytes("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');");
    assert!(matches!(refused_untouched(&bytes), StoreError::NotFenqi(_)));
    let other_id = sqlite_bytes("PRAGMA application_id = 1234; CREATE TABLE t (x);");
    assert!(matches!(
        refused_untouched(&other_id),
        StoreError::NotFenqi(_)
    ));
}

#[test]
fn a_database_from_a_newer_fenqi_is_refused() {
    let bytes = sqlite_bytes(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 99; CREATE TABLE future (x);"
    ));
    match refused_untouched(&bytes) {
        StoreError::Newer {
            found, supported, ..
        } => {
            assert_eq!(found, 99);
            assert_eq!(supported, SCHEMA_VERSION);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_truncated_database_is_refused() {
    let bytes = sqlite_bytes(
        "CREATE TABLE t (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
         INSERT INTO t SELECT printf('%0200d', i) FROM n;",
    );
    let cut = &bytes[..bytes.len() / 2 + 100];
    assert!(matches!(refused_untouched(cut), StoreError::Damaged(_)));
    assert!(matches!(
        refused_untouched(&bytes[..60]),
        StoreError::NotFenqi(_)
    ));
}

#[test]
fn an_empty_sqlite_file_becomes_a_fenqi_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fenqi.db");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    let totals = store
        .status_totals(parse_date("2025-01-01").unwrap())
        .unwrap();
    assert_eq!(totals.overdue_count, 0);
    assert!(
        store
            .month_totals(parse_date("2025-01-01").unwrap(), MonthGrouping::Provider)
            .unwrap()
            .is_empty()
    );
}
