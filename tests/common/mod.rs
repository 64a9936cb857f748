//! Helpers shared by the integration tests: the built binary on a temp database, database dumps;
//! submodules for the TUI app, the pseudo-terminal, the interop tests, the random seeds and the
//! database templates.

#![allow(dead_code)]

pub mod app;
pub mod decide;
pub mod interop;
pub mod measured;
pub mod pty;
pub mod seed;
pub mod template;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `plan add` of the biggest plan (360 periods): what fills a database fastest.
pub const BIG_PLAN: &[&str] = &[
    "plan",
    "add",
    "--name",
    "长期",
    "--provider",
    "花呗",
    "--principal",
    "90000",
    "--periods",
    "360",
    "--monthly-fee",
    "0.6%",
    "--first-due",
    "2025-01-15",
];

/// Afterpay's pay-in-4 on a 100.00 order: four payments two weeks apart, the first at purchase
/// on 2025-03-01.
pub const PAY_IN_4: &[&str] = &[
    "--principal",
    "100",
    "--periods",
    "4",
    "--every",
    "2w",
    "--start",
    "2025-03-01",
    "--first-due",
    "2025-03-01",
];

/// Afterpay's late fees: no grace and no daily penalty, 10.00 when a payment is missed and 7.00
/// more seven days later, at most 68.00 or 25% of the order (help.afterpay.com, article
/// 360016272971).
pub const AFTERPAY_LATE_FEES: &[&str] = &[
    "--grace-days",
    "0",
    "--penalty-daily",
    "0%",
    "--late-fee",
    "10",
    "--late-fee-extra",
    "7:7",
    "--late-fee-cap",
    "68",
    "--late-fee-cap",
    "25%",
];

/// The two plans of the statement tests, debited from card #1 (中国银行 ··5678), as `plan add`
/// flags: 花呗 淘宝 冰箱, 2,400.00 over 6 with a 4.5% total fee = 400.00 + 18.00 = 418.00 a
/// period due on the 5th from 2025-03-05; 京东白条 京东 笔记本, 6,000.00 over 12 at 0.5% a
/// month = 500.00 + 30.00 = 530.00 due on the 16th from 2025-03-16.
#[rustfmt::skip]
pub const AUTO_DEBIT_PLANS: [&[&str]; 2] = [
    &["--name", "淘宝 冰箱", "--provider", "花呗", "--principal", "2400", "--periods", "6",
      "--total-fee", "4.5%", "--start", "2025-02-05", "--due-day", "5", "--card", "1", "--auto-debit"],
    &["--name", "京东 笔记本", "--provider", "京东白条", "--principal", "6000", "--periods", "12",
      "--monthly-fee", "0.5%", "--start", "2025-02-16", "--due-day", "16", "--card", "1", "--auto-debit"],
];

/// 京东白条's first debit (plan #2) failing on its due date, to be retried on the 19th.
pub const BAITIAO_FAILED: &[&str] = &[
    "pay",
    "2",
    "--failed",
    "--on",
    "2025-03-16",
    "--retry-on",
    "2025-03-19",
];

/// `plan add` on the worked example's terms: 6,000.00 over 12 months at 0.6% a month.
pub fn plan_add_args<'a>(name: &'a str, provider: &'a str, first_due: &'a str) -> Vec<&'a str> {
    vec![
        "plan",
        "add",
        "--name",
        name,
        "--provider",
        provider,
        "--principal",
        "6000",
        "--periods",
        "12",
        "--monthly-fee",
        "0.6%",
        "--first-due",
        first_due,
    ]
}

/// A temp directory with a database path inside it.
pub struct Db {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fenqi.db");
        Db { dir, path }
    }

    /// Runs `fenqi --db PATH --today TODAY --lang en ARGS…` with no terminal on stdin.
    pub fn run_on(&self, today: &str, args: &[&str]) -> Output {
        run(&self.path, today, args)
    }

    /// Like `run_on` in `lang` (`en` or `zh`).
    pub fn run_in(&self, lang: &str, today: &str, args: &[&str]) -> Output {
        command_in(lang, &self.path, today, args).output().unwrap()
    }

    /// Like `run_on` with today = 2025-01-01.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_on("2025-01-01", args)
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, today: &str, args: &[&str]) -> String {
        let out = self.run_on(today, args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs with `--json` appended and parses stdout.
    pub fn json(&self, today: &str, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        let text = self.ok(today, &all);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}: {text}"))
    }

    /// Adds a plan (see `plan_add_args`) and returns its id.
    pub fn add_plan(&self, extra: &[&str]) -> i64 {
        let mut args = plan_add_args("iPhone 15", "小米分期", "2025-01-15");
        args.extend_from_slice(extra);
        self.json("2025-01-01", &args)["id"].as_i64().unwrap()
    }

    /// `export --format json` into `name` beside the database; returns its path.
    pub fn export_json(&self, name: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        let out = path.to_str().unwrap();
        self.ok("2025-01-01", &["export", "--format", "json", "--out", out]);
        path
    }

    /// Every table's rows (and the schema version) as text, to compare before and after.
    pub fn dump(&self, skip_changes: bool) -> String {
        dump(&self.path, skip_changes)
    }
}

/// Runs `fenqi --db DB --today TODAY --lang en ARGS…` (see `command`).
pub fn run(db: &Path, today: &str, args: &[&str]) -> Output {
    command(db, today, args).output().unwrap()
}

/// `fenqi --db DB --today TODAY --lang en ARGS…` with no terminal on stdin, no setting from
/// the environment (see [`isolate_settings`]) and the config file `config.toml` beside DB.
pub fn command<A: AsRef<OsStr>>(db: &Path, today: &str, args: &[A]) -> Command {
    command_in("en", db, today, args)
}

/// Like `command` in `lang` (`en` or `zh`).
pub fn command_in<A: AsRef<OsStr>>(lang: &str, db: &Path, today: &str, args: &[A]) -> Command {
    with_fenqi_args(
        Command::new(env!("CARGO_BIN_EXE_fenqi")),
        lang,
        db,
        today,
        args,
    )
}

/// Like `command`, run through `launcher`: a program that runs the command line after it
/// (`sh -c '…; exec "$@"' sh`, `setpriv … --`).
pub fn command_via<A: AsRef<OsStr>>(
    mut launcher: Command,
    db: &Path,
    today: &str,
    args: &[A],
) -> Command {
    launcher.arg(env!("CARGO_BIN_EXE_fenqi"));
    with_fenqi_args(launcher, "en", db, today, args)
}

fn with_fenqi_args<A: AsRef<OsStr>>(
    mut command: Command,
    lang: &str,
    db: &Path,
    today: &str,
    args: &[A],
) -> Command {
    command
        .arg("--db")
        .arg(db)
        .arg("--today")
        .arg(today)
        .arg("--lang")
        .arg(lang)
        .args(args)
        .stdin(Stdio::null());
    isolate_settings(&mut command, db);
    command
}

/// The `FENQI_…` variables that set a setting (and FENQI_TODAY), which a run of the binary in a
/// test must not take from the developer's environment.
pub const SETTING_VARS: &[&str] = &[
    "FENQI_DB",
    "FENQI_TODAY",
    "FENQI_THEME",
    "FENQI_MOUSE",
    "FENQI_UPCOMING_DAYS",
    "FENQI_ALARM_DAYS",
];

/// The config file a test run of the binary on `db` reads: `config.toml` beside it (none
/// unless the test writes one), never the developer's own.
pub fn config_beside(db: &Path) -> PathBuf {
    db.with_file_name("config.toml")
}

/// Clears [`SETTING_VARS`] and points FENQI_CONFIG at [`config_beside`] `db`.
pub fn isolate_settings(command: &mut Command, db: &Path) {
    for var in SETTING_VARS {
        command.env_remove(var);
    }
    command.env("FENQI_CONFIG", config_beside(db));
}

/// Every table's name, in order.
pub fn table_names(conn: &rusqlite::Connection) -> Vec<String> {
    conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// All rows of all tables, in key order; `skip_changes` leaves out the change log and the id
/// sequences (undo never lowers them: an id once given out stays used).
pub fn dump(path: &Path, skip_changes: bool) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut out = String::new();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    out.push_str(&format!("version {version}\n"));
    for table in table_names(&conn) {
        if skip_changes && (table == "changes" || table == "sqlite_sequence") {
            continue;
        }
        out.push_str(&format!("table {table}\n"));
        // The commit stamps fenqi keeps in `tallies` (names starting with U+0001) change with
        // every commit; they are bookkeeping, not data.
        let only_data = if table == "tallies" {
            " WHERE substr(name, 1, 1) <> char(1)"
        } else {
            ""
        };
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table}{only_data} ORDER BY 1, 2"))
            .unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let cells: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            out.push_str(&cells.join("|"));
            out.push('\n');
        }
    }
    out
}

/// A JSON value that must be a string.
pub fn s(v: &serde_json::Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// A percent string of the contract: digits, a point, four digits ("13.0342").
pub fn is_percent4(value: &serde_json::Value) -> bool {
    value.as_str().is_some_and(|text| {
        text.split_once('.').is_some_and(|(whole, fraction)| {
            !whole.is_empty()
                && whole.chars().all(|c| c.is_ascii_digit())
                && fraction.len() == 4
                && fraction.chars().all(|c| c.is_ascii_digit())
        })
    })
}

/// `base` followed by `extra`: a command line with a few more flags.
pub fn with(base: &[&'static str], extra: &[&'static str]) -> Vec<&'static str> {
    base.iter().chain(extra).copied().collect()
}
