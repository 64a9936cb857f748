//! Scenario 5: a database made by each schema version (fixtures `tests/fixtures/schema-vN.db`)
//! opens in this fenqi with every row of every old column kept, after a 0600 backup when the
//! schema was older. (Killing a migration half way is tested in src/store/migrations.rs.)

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::common::{run, table_names};

/// Every row of every table, old columns only, as text.
fn rows(path: &Path, columns_of: &[(String, Vec<String>)]) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut out = Vec::new();
    for (table, columns) in columns_of {
        // The commit stamps in `tallies` (names starting with U+0001) are bookkeeping.
        let only_data = if table == "tallies" {
            " WHERE substr(name, 1, 1) <> char(1)"
        } else {
            ""
        };
        let sql = format!(
            "SELECT {} FROM {table}{only_data} ORDER BY 1, 2",
            columns.join(", ")
        );
        let mut stmt = conn.prepare(&sql).unwrap();
        let mut q = stmt.query([]).unwrap();
        while let Some(row) = q.next().unwrap() {
            let cells: Vec<String> = (0..columns.len())
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            out.push(format!("{table}|{}", cells.join("|")));
        }
    }
    out
}

fn schema(path: &Path) -> Vec<(String, Vec<String>)> {
    let conn = Connection::open(path).unwrap();
    table_names(&conn)
        .into_iter()
        .map(|t| {
            let columns = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (t, columns)
        })
        .collect()
}

fn version(path: &Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

fn fixtures() -> Vec<(i64, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found: Vec<(i64, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name()?.to_str()?.to_string();
            let n = name
                .strip_prefix("schema-v")?
                .strip_suffix(".db")?
                .parse()
                .ok()?;
            Some((n, path))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn each_schema_version_migrates_with_every_row_kept() {
    let scratch = tempfile::tempdir().unwrap();
    let fresh = scratch.path().join("fresh.db");
    assert!(
        run(&fresh, "2025-01-01", &["plan", "list"])
            .status
            .success()
    );
    let latest = version(&fresh);
    let fresh_dump = scratch.path().join("fresh.json");
    assert!(
        run(
            &fresh,
            "2025-01-01",
            &["limit", "set", "--provider", "京东白条", "--amount", "5000"]
        )
        .status
        .success()
    );
    assert!(
        run(
            &fresh,
            "2025-01-01",
            &[
                "export",
                "--format",
                "json",
                "--out",
                fresh_dump.to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    let fixtures = fixtures();
    assert!(!fixtures.is_empty(), "no tests/fixtures/schema-vN.db");
    let mut report = Vec::new();
    for (n, fixture) in fixtures {
        assert_eq!(
            version(&fixture),
            n,
            "{} says another version",
            fixture.display()
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fenqi.db");
        std::fs::copy(&fixture, &path).unwrap();
        let old_schema = schema(&path);
        let before = rows(&path, &old_schema);
        let out = run(&path, "2025-03-01", &["plan", "list", "--json"]);
        assert!(
            out.status.success(),
            "v{n}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(version(&path), latest, "v{n} not migrated");
        assert_eq!(rows(&path, &old_schema), before, "v{n}: rows changed");
        let backup = PathBuf::from(format!("{}.bak-v{n}", path.display()));
        if n < latest {
            assert_eq!(rows(&backup, &old_schema), before, "v{n}: backup differs");
            assert_eq!(version(&backup), n);
            let mode = std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        } else {
            assert!(!backup.exists(), "a current database needs no backup");
        }
        // The migrated file works like a new one: its own check passes and it takes writes
        // that go through every table and trigger (a new plan, a payment, an import, undo).
        for args in [
            &["check"][..],
            &[
                "plan",
                "add",
                "--name",
                "新",
                "--provider",
                "花呗",
                "--principal",
                "300",
                "--periods",
                "3",
                "--first-due",
                "2025-03-15",
            ],
            &["pay", "2", "--amount", "1"],
            &["import", fresh_dump.to_str().unwrap()],
            &["undo"],
            &["undo"],
            &["check"],
        ] {
            let out = run(&path, "2025-03-01", args);
            assert!(
                out.status.success(),
                "v{n}: {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        report.push(format!("v{n}→v{latest}: {} rows kept", before.len()));
    }
    println!("migrate: {}", report.join("; "));
}
