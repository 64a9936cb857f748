//! `fenqi --bug-report` through the binary: versions, paths, the schema version and terminal
//! facts, and nothing of the plans and cards in the database, which it leaves untouched.

use std::path::Path;
use std::process::Output;

use crate::common::{Db, command_in, s};

/// `fenqi --bug-report` on `db` in `lang` with `env` set.
fn bug_report(db: &Path, lang: &str, env: &[(&str, &str)]) -> Output {
    let mut command = command_in(lang, db, "2025-01-01", &["--bug-report"]);
    command.env("TERM", "xterm-test").env_remove("FENQI_LOG");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

/// The names of the files in `dir`, sorted, with their bytes.
fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_report_names_versions_paths_and_schema_and_no_plan_data() {
    let db = Db::new();
    db.ok("2025-01-01", &["demo", "--plans", "8"]);
    // What the database holds that must not be shown: names, providers, amounts, cards.
    let mut secrets: Vec<String> = Vec::new();
    for plan in db.json("2025-01-01", &["plan", "list"]).as_array().unwrap() {
        secrets.push(s(&plan["name"]).to_string());
        secrets.push(s(&plan["provider"]).to_string());
        for amount in [&plan["principal"], &plan["remaining"]] {
            // Amounts of 100.00 and more: shorter ones could be part of a version number.
            if s(amount).len() >= 6 {
                secrets.push(s(amount).to_string());
            }
        }
    }
    for card in db.json("2025-01-01", &["card", "list"]).as_array().unwrap() {
        secrets.push(s(&card["bank"]).to_string());
        secrets.push(s(&card["last4"]).to_string());
    }
    assert!(secrets.len() > 20, "{secrets:?}");
    // The schema version as SQLite reads it, not as fenqi says.
    let version: i64 = rusqlite::Connection::open(&db.path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let before = files_in(db.dir.path());

    let out = bug_report(&db.path, "en", &[("NO_COLOR", "1")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let line = |label: &str| {
        text.lines()
            .find(|l| {
                l.strip_prefix(label)
                    .is_some_and(|rest| rest.starts_with("  "))
            })
            .unwrap_or_else(|| panic!("no {label} line in\n{text}"))
            .to_string()
    };
    assert!(line("fenqi").ends_with(&format!("  {}", env!("CARGO_PKG_VERSION"))));
    assert!(line("rustc").contains("rustc 1."), "{text}");
    assert!(line("SQLite").ends_with(&format!("  {}", rusqlite::version())));
    assert!(line("schema").ends_with(&format!("  {version} (this fenqi writes {version})")));
    assert!(
        line("database").ends_with(&format!("  {} (exists)", db.path.display())),
        "{text}"
    );
    assert!(
        line("config").ends_with(&format!(
            "  {} (absent)",
            db.dir.path().join("config.toml").display()
        )),
        "{text}"
    );
    assert!(line("log").contains(&format!(
        "{} · off",
        db.dir.path().join("fenqi.log").display()
    )));
    assert!(
        line("language").starts_with("language  en · FENQI_LANG"),
        "{text}"
    );
    assert!(line("terminal").contains("TERM=xterm-test"));
    assert!(line("terminal").contains("NO_COLOR=1"));
    assert!(line("terminal").ends_with("stdout not a terminal"));
    assert!(line("OS").contains(std::env::consts::ARCH));
    for secret in &secrets {
        assert!(!text.contains(secret.as_str()), "{secret:?} in\n{text}");
    }
    // Nothing written, nothing made beside the database.
    assert_eq!(files_in(db.dir.path()), before);

    let out = bug_report(&db.path, "zh", &[]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("fenqi 问题报告"), "{text}");
    assert!(
        text.contains(&format!("{version}（本版 fenqi 写入 {version}）")),
        "{text}"
    );
}

#[test]
fn a_missing_database_is_said_and_not_made() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none").join("fenqi.db");
    let out = bug_report(&path, "en", &[]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("schema    no database file yet\n"), "{text}");
    assert!(text.contains(" (absent)\n"));
    assert!(!dir.path().join("none").exists());

    let junk = dir.path().join("junk.db");
    std::fs::write(
        &junk,
        "not a database, just text that is long enough to be no header",
    )
    .unwrap();
    let text = String::from_utf8(bug_report(&junk, "en", &[]).stdout).unwrap();
    assert!(text.contains("schema    not a fenqi database\n"), "{text}");
}
