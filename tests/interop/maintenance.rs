//! `backup` and `check`, and hostile text surviving a JSON round trip unchanged.

use crate::common::interop as interop_support;

use interop_support::*;

#[test]
fn backup_is_a_private_consistent_copy_that_never_overwrites() {
    let f = Fenqi::demo();
    let stdout = f.ok(&["backup"]);
    let default = f.path(&format!("fenqi-backup-{TODAY}.db"));
    assert!(stdout.contains(default.to_str().unwrap()), "{stdout}");
    assert_eq!(mode(&default), 0o600);
    let copy = Fenqi {
        dir: tempfile::tempdir().unwrap(),
        db: default.clone(),
    };
    assert_eq!(copy.json(), f.json());
    copy.ok(&["check"]);

    let before = std::fs::read(&default).unwrap();
    f.ok(&["pay", "1", "--on", TODAY]);
    let stderr = f.fails(&["backup"], 2);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(std::fs::read(&default).unwrap(), before);
    f.ok(&["backup", "--force"]);
    assert_eq!(copy.json(), f.json());

    let out = f.path("elsewhere.db");
    f.ok(&["backup", "--out", out.to_str().unwrap()]);
    assert_eq!(mode(&out), 0o600);
    let stderr = f.fails(&["backup", "--out", f.db.to_str().unwrap(), "--force"], 2);
    assert!(stderr.contains("is the database itself"), "{stderr}");
    f.ok(&["check"]);
}

#[test]
fn check_passes_on_healthy_data_and_names_each_problem() {
    let f = Fenqi::demo();
    let ok = f.ok(&["check"]);
    assert!(ok.starts_with("ok"), "{ok}");
    let json: serde_json::Value = serde_json::from_str(&f.ok(&["check", "--json"])).unwrap();
    assert_eq!(json["ok"], true);

    let conn = f.sql();
    conn.execute(
        "UPDATE plans SET remaining_cents = remaining_cents + 1 WHERE id = 2",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE allocations SET fee_cents = fee_cents + 1 WHERE repayment_id = 1",
        [],
    )
    .unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO repayments (plan_id, paid_on, amount_cents, channel, kind)
         VALUES (999, '2025-01-01', 100, 'app', 'regular');",
    )
    .unwrap();
    drop(conn);
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("plan #2: its summary"), "{report}");
    assert!(report.contains("repayment #1: its allocations"), "{report}");
    assert!(
        report.contains("plan #1, period 1: paid amounts"),
        "{report}"
    );
    assert!(report.contains("table repayments"), "{report}");
    assert!(report.contains("refers to a missing plans row"), "{report}");
    let zh = f.run(&["check", "--lang", "zh"]);
    assert_eq!(zh.status.code(), Some(1));
    assert!(String::from_utf8(zh.stdout).unwrap().contains("分期 #2"));
    let json = f.run(&["check", "--json"]);
    assert_eq!(json.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["ok"], false);
    // The orphan repayment is also reported for having no allocations.
    assert_eq!(json["problems"].as_array().unwrap().len(), 5);
}

#[test]
fn hostile_text_survives_json_round_trip_and_sql_stays_data() {
    let f = hostile_demo();
    let dump = f.json();
    let parsed: serde_json::Value = serde_json::from_str(&dump).unwrap();
    let names: Vec<&str> = parsed["tables"]["plans"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row[1].as_str().unwrap())
        .collect();
    assert_eq!(names[..HOSTILE_NAMES.len()], HOSTILE_NAMES);
    for line in dump.lines() {
        assert!(!line.starts_with("BEGIN:VEVENT") && !line.starts_with("include"));
    }
    // Line breaks and tabs (which no fenqi command stores) are refused on the way back in…
    let path = f.path("hostile.json");
    std::fs::write(&path, &dump).unwrap();
    let target = f.sibling("restored.db");
    let stderr = target.fails(&["import", path.to_str().unwrap()], 2);
    assert!(
        stderr.contains("table plans, row 3, column name: control characters"),
        "{stderr}"
    );
    assert_eq!(target.count("SELECT count(*) FROM plans"), 0);
    // …and the rest of the hostile text (formulas, SQL, quotes) round-trips unchanged.
    f.sql()
        .execute_batch(
            "UPDATE plans SET name = replace(replace(replace(name, char(13), ' '), char(10), ' '), char(9), ' '),
                              provider = replace(provider, char(10), ' ');
             UPDATE repayments SET reference = replace(reference, char(10), ' ');",
        )
        .unwrap();
    let dump = f.json();
    std::fs::write(&path, &dump).unwrap();
    target.ok(&["import", path.to_str().unwrap()]);
    assert_eq!(target.json(), dump);
    assert_eq!(
        target.count("SELECT count(*) FROM plans"),
        f.count("SELECT count(*) FROM plans")
    );
    for (id, name) in [(1, HOSTILE_NAMES[0]), (2, HOSTILE_NAMES[1])] {
        let stored: String = target
            .sql()
            .query_row("SELECT name FROM plans WHERE id = ?1", [id], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, name);
    }
    target.ok(&["check"]);
}

#[test]
fn check_names_values_fenqi_cannot_read_back() {
    let f = Fenqi::demo();
    f.sql()
        .execute_batch(
            "UPDATE installments SET due_on = '2025-02-30' WHERE plan_id = 1 AND period = 3;
             UPDATE repayments SET paid_on = '2025-04-31' WHERE id = 2;
             UPDATE plans SET payoff_policy = 'later', name = 'a' || char(10) || 'b' WHERE id = 4;",
        )
        .unwrap();
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8(out.stdout).unwrap();
    for line in [
        "table installments, row 1/3, column due_on: \"2025-02-30\" is not a date",
        "table repayments, row 2, column paid_on: \"2025-04-31\" is not a date",
        "table plans, row 4, column payoff_policy: \"later\" is not a payoff policy",
        "table plans, row 4, column name: control characters",
    ] {
        assert!(report.contains(line), "{line:?} not in {report}");
    }
    let zh = String::from_utf8(f.run(&["--lang", "zh", "check"]).stdout).unwrap();
    assert!(
        zh.contains("表 installments 第 1/3 行 due_on 列：\"2025-02-30\" 不是有效日期"),
        "{zh}"
    );
}

#[test]
fn check_recounts_the_kept_tallies_and_an_import_leaves_them_right() {
    let source = Fenqi::demo();
    let dump = source.path("dump.json");
    source.ok(&[
        "export",
        "--format",
        "json",
        "--out",
        dump.to_str().unwrap(),
    ]);
    let target = source.sibling("target.db");
    target.ok(&["import", dump.to_str().unwrap()]);
    assert!(target.ok(&["check"]).starts_with("ok"));
    assert_eq!(
        target.count("SELECT n FROM tallies WHERE name = 'plans'"),
        source.count("SELECT count(*) FROM plans")
    );
    target
        .sql()
        .execute("UPDATE tallies SET n = n + 1 WHERE name = 'plans'", [])
        .unwrap();
    let out = target.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("kept totals"), "{report}");
}
