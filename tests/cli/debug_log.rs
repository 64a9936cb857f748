//! The debug log through the binary: `--debug` and `FENQI_LOG` write `fenqi.log` beside the
//! database (0600) with the command, the database's schema, the status and the time taken, and
//! never an amount or a card number typed on the command line.

use std::process::Output;

use crate::common::interop::mode;
use crate::common::{Db, command};

/// `fenqi ARGS` on `db` as of 2025-01-01 with `FENQI_LOG` set to `level` (or unset).
fn run_logged(db: &Db, level: Option<&str>, args: &[&str]) -> Output {
    let mut command = command(&db.path, "2025-01-01", args);
    command.env_remove("FENQI_LOG");
    if let Some(level) = level {
        command.env("FENQI_LOG", level);
    }
    command.output().unwrap()
}

/// Digits of the amounts and the card number the commands below are given: none may reach the
/// log (nor any run of 3 or more digits outside the fields that are counts, times and paths).
const SECRETS: [&str; 4] = ["7777", "1234", "4111", "1111"];

#[test]
fn debug_writes_a_private_log_of_commands_without_amounts_or_card_numbers() {
    let db = Db::new();
    let log = db.dir.path().join("fenqi.log");
    let add = [
        "--debug",
        "plan",
        "add",
        "--name",
        "card 4111 1111 1111 1111",
        "--provider",
        "花呗",
        "--principal",
        "7777.77",
        "--periods",
        "3",
        "--monthly-fee",
        "0.5%",
        "--first-due",
        "2025-01-15",
    ];
    let out = run_logged(&db, None, &add);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&log), 0o600);
    let out = run_logged(&db, Some("debug"), &["pay", "1", "--amount", "1234.56"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Bad input: refused (exit 2), and the log says so without the value.
    let out = run_logged(&db, Some("info"), &["pay", "1", "--amount", "1234.567"]);
    assert_eq!(out.status.code(), Some(2));
    // Period 1 (due 2025-01-15) is partly paid and within 30 days; period 2 (2025-02-15) not.
    let out = run_logged(&db, Some("debug"), &["due", "--days", "30"]);
    assert!(out.status.success());

    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<&&str> = lines.iter().filter(|l| l.contains(" start ")).collect();
    assert_eq!(starts.len(), 4, "{text}");
    assert!(starts[0].contains("command=\"plan add\""), "{text}");
    assert!(starts[1].contains("command=\"pay\""), "{text}");
    assert!(starts[3].contains("command=\"due\""), "{text}");
    assert!(starts[0].contains(&format!("db=\"{}\"", db.path.display())));
    // The schema: a new database is brought from 0 to the latest, which the others find.
    assert!(text.contains("migrating the schema from=0"), "{text}");
    assert!(text.contains("database opened"), "{text}");
    assert_eq!(text.matches(" end elapsed_ms=").count(), 4, "{text}");
    assert!(text.contains("command succeeded status=0"));
    assert!(
        text.contains("command failed status=2 error=\"--amount: "),
        "{text}"
    );
    assert!(
        text.contains("due report read days=30 overdue=0 upcoming=1"),
        "{text}"
    );
    // Beyond the timestamps, pids, durations and the temporary directory's name (whose digits
    // are the clock's and the system's), none of the digits given and no number of 3 digits or
    // more that could be an amount.
    for line in &lines {
        let rest = line.split_once(' ').map(|(_, rest)| rest).unwrap_or("");
        for field in rest.split_whitespace() {
            if ["pid=", "elapsed_ms=", "db="]
                .iter()
                .any(|f| field.starts_with(f))
            {
                continue;
            }
            for secret in SECRETS {
                assert!(!field.contains(secret), "{secret} in {line}");
            }
            let longest = field
                .split(|c: char| !c.is_ascii_digit())
                .map(str::len)
                .max()
                .unwrap_or(0);
            assert!(longest < 3, "{field} in {line}");
        }
    }
}

#[test]
fn fenqi_log_levels_and_no_log_by_default() {
    let db = Db::new();
    let log = db.dir.path().join("fenqi.log");
    let out = run_logged(&db, None, &["plan", "list"]);
    assert!(out.status.success());
    assert!(!log.exists(), "no log unless asked");

    // warn: a success writes nothing, a failure one line.
    let out = run_logged(&db, Some("warn"), &["plan", "list"]);
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "");
    let out = run_logged(&db, Some("WARN"), &["plan", "show", "99"]);
    assert_eq!(out.status.code(), Some(2));
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains(" WARN "), "{text}");

    let out = run_logged(&db, Some("loud"), &["plan", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "fenqi: error: FENQI_LOG: use off, error, warn, info, debug or trace\n"
    );
    let out = run_logged(&db, Some("off"), &["plan", "list"]);
    assert!(out.status.success());
}
