//! Scenario 4: truncated, random, foreign, newer and damaged files given to every kind of
//! command are refused with a clear one-line message and left byte-for-byte as they were.

use std::path::Path;

use crate::common::{Db, run};

/// Commands that read, write, and create.
const COMMANDS: &[&[&str]] = &[
    &["plan", "list"],
    &["due", "--json"],
    &["pay", "1"],
    &["card", "add", "--bank", "X", "--last4", "1234"],
    &["demo", "--plans", "3"],
    &["undo"],
];

/// Every command is refused with a line containing `needle`; the directory holds exactly the
/// same files with the same bytes afterwards.
fn refused_untouched(name: &str, bytes: &[u8], needle: &str) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fenqi.db");
    std::fs::write(&path, bytes).unwrap();
    for args in COMMANDS {
        let out = run(&path, "2025-01-01", args);
        let text = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name} {args:?}: {text}");
        assert_eq!(text.lines().count(), 1, "{name}: {text}");
        assert!(text.contains(needle), "{name}: {needle:?} not in {text}");
        assert!(out.stdout.is_empty(), "{name}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "{name} {args:?} modified it"
        );
        let files = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(files, 1, "{name} {args:?} left files beside it");
    }
    COMMANDS.len()
}

fn sqlite_bytes(setup: &str, wal: bool) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    if wal {
        let _: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .unwrap();
    }
    conn.execute_batch(setup).unwrap();
    drop(conn);
    std::fs::read(&path).unwrap()
}

fn fenqi_bytes() -> Vec<u8> {
    let db = Db::new();
    db.ok("2025-01-01", &["demo", "--plans", "40", "--seed", "7"]);
    std::fs::read(&db.path).unwrap()
}

#[test]
fn foreign_truncated_random_and_newer_files_are_refused_untouched() {
    let mut refusals = 0;
    let good = fenqi_bytes();
    refusals += refused_untouched("truncated", &good[..good.len() / 2], "damaged or truncated");
    refusals += refused_untouched("cut inside the header", &good[..50], "not a fenqi database");
    let random: Vec<u8> = (0..65_536u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    refusals += refused_untouched("random bytes", &random, "not a fenqi database");
    refusals += refused_untouched(
        "text",
        "账单\n".repeat(3000).as_bytes(),
        "not a fenqi database",
    );
    let other = "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');";
    refusals += refused_untouched(
        "another app",
        &sqlite_bytes(other, false),
        "not a fenqi database",
    );
    refusals += refused_untouched(
        "another app, WAL",
        &sqlite_bytes(other, true),
        "not a fenqi database",
    );
    let newer = format!(
        "PRAGMA application_id = {}; PRAGMA user_version = {}; CREATE TABLE plans (id INTEGER);",
        fenqi::store::APPLICATION_ID,
        fenqi::store::SCHEMA_VERSION + 1
    );
    refusals += refused_untouched("newer fenqi", &sqlite_bytes(&newer, true), "newer fenqi");
    println!("foreign: {refusals} refusals over 7 kinds of file, every file byte-identical after");
}

/// A fenqi database whose pages after the schema were overwritten (bit rot, a bad copy): no
/// command may succeed in writing to it, and the file is never changed.
#[test]
fn a_damaged_fenqi_database_is_never_written() {
    let mut bytes = fenqi_bytes();
    let page = 4096;
    let pages = bytes.len() / page;
    for p in pages / 3..pages {
        for (i, b) in bytes[p * page..(p + 1) * page].iter_mut().enumerate() {
            *b = (i * 31 % 251) as u8;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fenqi.db");
    std::fs::write(&path, &bytes).unwrap();
    let mut refused = 0;
    for args in [
        &["plan", "list"][..],
        &["due"],
        &["history"],
        &["pay", "30"],
        &["plan", "show", "35"],
        &["demo", "--plans", "3"],
    ] {
        let out = run(&path, "2025-01-01", args);
        let text = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            refused += 1;
            assert_eq!(text.lines().count(), 1, "{args:?}: {text}");
            assert!(text.contains("damaged"), "{args:?}: {text}");
        }
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "{args:?} changed the file"
        );
    }
    assert!(refused >= 4, "only {refused} commands noticed the damage");
    assert!(!Path::new(&format!("{}-wal", path.display())).exists());
    println!("foreign: damaged pages: {refused} of 6 commands refused, the file unchanged");
}
