//! Shared helpers of the interop tests: a fenqi binary on a fresh database, raw SQL reads,
//! and the accounting tools (required under CI=true, skipped with a note otherwise).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const TODAY: &str = "2025-06-15";

/// A fresh database in a temporary directory, driven through the built `fenqi` binary.
pub struct Fenqi {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Fenqi {
    pub fn new() -> Fenqi {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("fenqi.db");
        Fenqi { dir, db }
    }

    /// A database filled by `fenqi demo`.
    pub fn demo() -> Fenqi {
        let f = Fenqi::new();
        f.ok(&["demo"]);
        f
    }

    /// Another database in the same directory.
    pub fn sibling(&self, name: &str) -> Fenqi {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(name);
        Fenqi { dir, db }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_fenqi"))
            .args(args)
            .env("FENQI_DB", &self.db)
            .env("FENQI_TODAY", TODAY)
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap()
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "fenqi {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and asserts the exit status; returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "fenqi {args:?}: stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).unwrap()
    }

    /// One integer from a query.
    pub fn count(&self, sql: &str) -> i64 {
        self.sql().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// The JSON export, as text.
    pub fn json(&self) -> String {
        self.ok(&["export", "--format", "json"])
    }
}

/// Cents as fenqi writes amounts: `-12.05`, `536.00`.
pub fn cents_text(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}

/// The file's permission bits.
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Whether an external tool can be used: under CI=true a missing tool fails the test;
/// elsewhere the test is skipped with a note.
pub fn tool_available(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !found {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{tool} is required under CI=true (see .ci/run)");
        }
        eprintln!("note: {tool} is not installed; skipping its check");
    }
    found
}

/// Runs an external tool; asserts success; returns stdout.
pub fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{program} {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Hostile text for names, providers, labels and references: spreadsheet formulas, SQL,
/// new iCalendar components and journal directives smuggled after a newline.
pub const HOSTILE_NAMES: [&str; 5] = [
    "=HYPERLINK(\"http://evil.example/\",\"click\")",
    "\"; DROP TABLE plans; --",
    "x\r\nBEGIN:VEVENT\r\nSUMMARY:fake",
    "y\ninclude /etc/passwd",
    "@SUM(A1:A9)\t+1,\"q\";\\",
];

/// Demo data with hostile text in plan names, a provider, a bank name and references.
pub fn hostile_demo() -> Fenqi {
    let f = Fenqi::demo();
    let conn = f.sql();
    for (index, name) in HOSTILE_NAMES.iter().enumerate() {
        conn.execute(
            "UPDATE plans SET name = ?1 WHERE id = ?2",
            rusqlite::params![name, index as i64 + 1],
        )
        .unwrap();
    }
    conn.execute(
        "UPDATE plans SET provider = ?1 WHERE id = 6",
        ["-2+3 \ninclude /etc/passwd"],
    )
    .unwrap();
    conn.execute(
        "UPDATE cards SET bank = ?1 WHERE id = 1",
        ["=cmd|' /C calc'!A0"],
    )
    .unwrap();
    conn.execute(
        "UPDATE repayments SET reference = ?1 WHERE id IN (1, 2)",
        ["+\n2025-01-01 * \"x\"\n  Assets:Evil  1 CNY"],
    )
    .unwrap();
    f
}

impl Fenqi {
    /// Every row of a query, each value as text (integers in decimal, NULL as "").
    pub fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        use rusqlite::types::ValueRef;
        let conn = self.sql();
        let mut stmt = conn.prepare(sql).unwrap();
        let width = stmt.column_count();
        stmt.query_map([], |r| {
            (0..width)
                .map(|i| {
                    Ok(match r.get_ref(i)? {
                        ValueRef::Null => String::new(),
                        ValueRef::Integer(n) => n.to_string(),
                        ValueRef::Text(t) => String::from_utf8(t.to_vec()).unwrap(),
                        other => panic!("unexpected {other:?}"),
                    })
                })
                .collect()
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    }
}

/// Cents given as decimal text, as fenqi writes amounts.
pub fn money(cents: &str) -> String {
    cents_text(cents.parse().unwrap())
}
