//! Bad input to every ledger command: one clear line naming the field, exit status 2, and the
//! database unchanged (every table compared before and after).

use crate::common;

use common::Db;

/// A database with two cards, a paid-into plan, a not-allowed-payoff plan and a limit.
fn seeded() -> Db {
    let db = Db::new();
    db.ok(
        "2025-01-01",
        &["card", "add", "--bank", "招商银行", "--last4", "1234"],
    );
    db.ok(
        "2025-01-01",
        &["card", "add", "--bank", "Chase", "--last4", "5678"],
    );
    db.add_plan(&["--card", "1"]);
    db.add_plan(&["--payoff-policy", "not-allowed"]);
    db.ok("2025-01-15", &["pay", "1"]);
    db.ok(
        "2025-01-15",
        &["limit", "set", "--provider", "小米分期", "--amount", "9000"],
    );
    db
}

const ADD: &[&str] = &[
    "plan",
    "add",
    "--name",
    "X",
    "--provider",
    "花呗",
    "--principal",
    "1000",
    "--periods",
    "3",
    "--first-due",
    "2025-02-01",
];

fn with(base: &[&'static str], extra: &[&'static str]) -> Vec<&'static str> {
    let mut all = base.to_vec();
    all.extend_from_slice(extra);
    all
}

#[test]
fn every_command_refuses_bad_input_and_writes_nothing() {
    let db = seeded();
    let long_ref: &'static str = Box::leak("x".repeat(201).into_boxed_str());
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (with(ADD, &["--principal", "abc"]), "--principal"),
        (with(ADD, &["--principal", "0"]), "--principal"),
        (with(ADD, &["--periods", "0"]), "--periods"),
        (with(ADD, &["--periods", "361"]), "--periods"),
        (with(ADD, &["--monthly-fee", "x%"]), "--monthly-fee"),
        (
            with(ADD, &["--monthly-fee", "1%", "--total-fee", "2%"]),
            "--monthly-fee, --total-fee",
        ),
        (with(ADD, &["--first-due", "2025-02-30"]), "--first-due"),
        (with(ADD, &["--first-due", "9999-12-31"]), "--first-due"),
        (with(ADD, &["--card", "99"]), "--card"),
        (with(ADD, &["--card", "abc"]), "--card"),
        (with(ADD, &["--name", "  "]), "--name"),
        (with(ADD, &["--name", "\u{200F}\u{200F}"]), "--name"),
        (with(ADD, &["--grace-days=-1"]), "--grace-days"),
        (with(ADD, &["--penalty-daily=-1%"]), "--penalty-daily"),
        (with(ADD, &["--penalty-from", "tomorrow"]), "--penalty-from"),
        (
            with(ADD, &["--payoff-policy", "sometimes"]),
            "--payoff-policy",
        ),
        (
            vec!["plan", "add", "--name", "X"],
            "the following required arguments",
        ),
        (vec!["plan", "show", "99"], "PLAN"),
        (vec!["plan", "show", "abc"], "PLAN"),
        (vec!["plan", "edit", "1", "--principal", "7000"], "PLAN"),
        (vec!["plan", "edit", "2", "--principal", "0"], "--principal"),
        (
            vec!["plan", "edit", "2", "--auto-debit", "maybe"],
            "--auto-debit",
        ),
        (vec!["plan", "edit", "2", "--card", "42"], "--card"),
        (vec!["plan", "edit", "99", "--name", "Y"], "PLAN"),
        (vec!["plan", "edit", "2"], "--name, --provider"),
        (
            with(ADD, &["--monthly-fee", "1%", "--fee-free-periods", "1,,2"]),
            "--fee-free-periods",
        ),
        (
            with(ADD, &["--monthly-fee", "1%", "--fee-free-periods", "1,"]),
            "--fee-free-periods",
        ),
        (
            with(ADD, &["--monthly-fee", "1%", "--fee-free-periods", ",1"]),
            "--fee-free-periods",
        ),
        (
            vec!["plan", "edit", "2", "--fee-free-periods", "1,,2"],
            "--fee-free-periods",
        ),
        (vec!["plan", "delete", "99", "--yes"], "PLAN"),
        (vec!["plan", "delete", "1"], "--yes"),
        (vec!["pay", "1", "--amount", "999999"], "--amount"),
        (vec!["pay", "1", "--amount=-5"], "--amount"),
        (vec!["pay", "1", "--amount", "-5"], "--amount"),
        (vec!["due", "--days", "-3"], "--days"),
        (vec!["pay", "1", "--amount", "1.234"], "--amount"),
        (vec!["pay", "1", "--channel", "wechat"], "--channel"),
        (vec!["pay", "1", "--on", "2025-13-01"], "--on"),
        (vec!["pay", "1", "--card", "99"], "--card"),
        (vec!["pay", "1", "--ref", long_ref], "--ref"),
        (vec!["pay", "99"], "PLAN"),
        (vec!["pay", "0"], "PLAN"),
        (vec!["payoff", "99", "--yes"], "PLAN"),
        (vec!["payoff", "1", "--on", "soon", "--yes"], "--on"),
        (vec!["payoff", "2", "--yes"], "PLAN"),
        (vec!["due", "--days", "x"], "--days"),
        (vec!["due", "--days", "99999"], "--days"),
        (vec!["history", "--since", "yesterday"], "--since"),
        (
            vec!["history", "--since", "2025-03-01", "--until", "2025-01-01"],
            "--since",
        ),
        (vec!["history", "--channel", "cash"], "--channel"),
        (vec!["history", "--plan", "99"], "--plan"),
        (vec!["history", "--limit", "0"], "--limit"),
        (
            vec!["card", "add", "--bank", "招商银行", "--last4", "12"],
            "--last4",
        ),
        (
            vec!["card", "add", "--bank", "招商银行", "--last4", "abcd"],
            "--last4",
        ),
        (
            vec![
                "card",
                "add",
                "--bank",
                "招商银行",
                "--last4",
                "6222 0212 3456",
            ],
            "--last4",
        ),
        (
            vec!["card", "add", "--bank", "", "--last4", "1234"],
            "--bank",
        ),
        (vec!["card", "replace", "1", "1"], "NEW"),
        (vec!["card", "replace", "99", "2"], "OLD"),
        (vec!["card", "replace", "1", "99"], "NEW"),
        (vec!["card", "default", "99"], "CARD"),
        (
            vec!["limit", "set", "--provider", "花呗", "--amount", "abc"],
            "--amount",
        ),
        (
            vec!["limit", "set", "--provider", "花呗", "--amount", "-1"],
            "--amount",
        ),
        (
            vec!["limit", "set", "--provider", " ", "--amount", "100"],
            "--provider",
        ),
        (vec!["demo", "--plans", "0"], "--plans"),
        (vec!["demo", "--seed", "x"], "--seed"),
        (vec!["--today", "2025-02-30", "due"], "--today"),
        (vec!["--lang", "fr", "due"], "--lang"),
    ];
    let before = db.dump(false);
    for (args, field) in cases {
        let out = db.run_on("2025-01-20", &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("fenqi: error: "), "{args:?}: {stderr}");
        assert!(
            stderr.contains(field),
            "{args:?} should name {field}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{args:?} printed {:?}", out.stdout);
        assert_eq!(db.dump(false), before, "{args:?} changed the database");
    }
}

#[test]
fn a_file_that_is_not_a_fenqi_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "my notes\n").unwrap();
    let out = common::run(&path, "2025-01-01", &["plan", "list"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--db") && stderr.contains("not a fenqi database"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"my notes\n");
}

#[test]
fn errors_are_localised() {
    let db = seeded();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fenqi"))
        .args(["--db"])
        .arg(&db.path)
        .args(["--lang", "zh", "plan", "show", "99"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("没有编号为 #99 的分期计划"), "{stderr}");
}

#[test]
fn an_edit_to_the_same_values_writes_nothing() {
    let db = seeded();
    let before = db.dump(false);
    let out = db.ok(
        "2025-01-20",
        &[
            "plan",
            "edit",
            "2",
            "--name",
            "iPhone 15",
            "--provider",
            "小米分期",
        ],
    );
    assert!(out.contains("nothing was changed"), "{out}");
    assert_eq!(db.dump(false), before, "no change, no undo step");
    let undo = db.ok("2025-01-20", &["undo"]);
    assert!(!undo.contains("edited plan"), "{undo}");
}
