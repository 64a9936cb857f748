//! CLI tests through the built binary of the repayment money rules: penalty after a partial
//! payment, the most that may be paid on a date, and repayments recorded in date order.

mod common;

use common::Db;
use serde_json::Value;

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

const TODAY: &str = "2026-11-25";

/// QA's plan: 1,000.00 in one period due 2026-06-01, interest-free, default overdue terms.
fn one_period_plan(db: &Db) -> String {
    db.json(
        TODAY,
        &[
            "plan",
            "add",
            "--name",
            "X",
            "--provider",
            "P",
            "--principal",
            "1000",
            "--periods",
            "1",
            "--first-due",
            "2026-06-01",
        ],
    )["id"]
        .to_string()
}

#[test]
fn after_a_partial_payment_the_penalty_runs_on_what_stayed_unpaid() {
    let db = Db::new();
    let id = one_period_plan(&db);
    // 92 days late: 1,000.00 × 0.05% × 92 = 46.00 penalty first, then 554.00 principal.
    let first = db.json(
        TODAY,
        &["pay", &id, "--amount", "600", "--on", "2026-09-01"],
    );
    assert_eq!(s(&first["allocations"][0]["penalty"]), "46.00");
    assert_eq!(s(&first["allocations"][0]["principal"]), "554.00");
    // 85 more days on the 446.00 left: 446.00 × 0.05% × 85 = 18.955 → 18.96 (rounded once
    // over both stretches: 554 × 92 + 446 × 177 = 129,910.00 × 0.05% = 64.96, less 46.00).
    let due = db.json(TODAY, &["due"]);
    assert_eq!(s(&due["overdue"][0]["amount"]), "446.00");
    assert_eq!(s(&due["overdue"][0]["penalty"]), "18.96");
    assert_eq!(s(&due["per_card"][0]["total"]), "464.96");
    let plan = db.json(TODAY, &["plan", "show", &id]);
    assert_eq!(s(&plan["schedule"][0]["penalty"]), "18.96");
    assert_eq!(s(&plan["payoff"]["amount"]), "464.96");
    let quote = db.json(TODAY, &["payoff", &id]);
    assert_eq!(s(&quote["penalty"]), "18.96");
    assert_eq!(s(&quote["amount"]), "464.96");
    let text = db.ok(TODAY, &["due"]);
    assert!(text.contains("18.96"), "{text}");
    // The default payment is what is due, penalty first.
    let last = db.json(TODAY, &["pay", &id]);
    assert_eq!(s(&last["amount"]), "464.96");
    assert_eq!(s(&last["allocations"][0]["penalty"]), "18.96");
    assert_eq!(s(&last["allocations"][0]["principal"]), "446.00");
    let plan = db.json(TODAY, &["plan", "show", &id]);
    assert_eq!(s(&plan["status"]), "completed");
    assert_eq!(s(&plan["schedule"][0]["paid_penalty"]), "64.96");
    let check = db.run_on(TODAY, &["check"]);
    assert!(check.status.success());
}

/// Runs in `lang` and expects exit 2 with nothing written; returns the one stderr line.
fn refused_in(lang: &str, db: &Db, today: &str, args: &[&str]) -> String {
    let before = db.dump(false);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fenqi"))
        .arg("--db")
        .arg(&db.path)
        .args(["--today", today, "--lang", lang])
        .args(args)
        .env_remove("FENQI_DB")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert_eq!(db.dump(false), before, "{args:?} wrote");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

/// [`refused_in`] English.
fn refused(db: &Db, today: &str, args: &[&str]) -> String {
    refused_in("en", db, today, args)
}

#[test]
fn paying_more_than_is_due_by_the_date_and_the_next_period_is_refused() {
    let db = Db::new();
    let id = db.add_plan(&[]).to_string();
    // QA's case: 536.00 a period, nothing overdue on 01-10: only period 1 may be paid.
    let err = refused(&db, "2025-01-10", &["pay", &id, "--amount", "1200"]);
    assert!(err.starts_with("fenqi: error: --amount: "), "{err}");
    assert!(err.contains("at most 536.00"), "{err}");
    assert!(err.contains("fenqi payoff"), "{err}");
    let zh = refused_in("zh", &db, "2025-01-10", &["pay", &id, "--amount", "536.01"]);
    assert!(zh.contains("--amount"), "{zh}");
    assert!(zh.contains("最多 536.00"), "{zh}");
    assert!(zh.contains("fenqi payoff"), "{zh}");
    // --on decides what is due: on 02-20 period 1 (36 days late: 9.65 penalty), period 2
    // (5 days late: 1.34) and period 3 in full: 1,618.99.
    let err = refused(
        &db,
        "2025-03-01",
        &["pay", &id, "--amount", "1619", "--on", "2025-02-20"],
    );
    assert!(err.contains("at most 1618.99"), "{err}");
    let paid = db.json(
        "2025-03-01",
        &["pay", &id, "--amount", "1618.99", "--on", "2025-02-20"],
    );
    let periods: Vec<i64> = paid["allocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["period"].as_i64().unwrap())
        .collect();
    assert_eq!(periods, [1, 2, 3]);
    // An early payoff is how to pay more.
    db.ok(
        "2025-03-01",
        &["payoff", &id, "--on", "2025-02-20", "--yes"],
    );
}

#[test]
fn a_repayment_dated_before_the_latest_one_is_refused_naming_on() {
    let db = Db::new();
    let id = one_period_plan(&db);
    db.ok(
        TODAY,
        &["pay", &id, "--amount", "500", "--on", "2026-11-01"],
    );
    // QA's case: a payment dated 09-02 entered after the one of 11-01.
    for args in [
        vec!["pay", &id, "--amount", "100", "--on", "2026-09-02"],
        vec!["pay", &id, "--failed", "--on", "2026-09-02"],
        vec!["payoff", &id, "--on", "2026-09-02", "--yes"],
        vec!["payoff", &id, "--on", "2026-09-02"],
    ] {
        let err = refused(&db, TODAY, &args);
        assert!(err.starts_with("fenqi: error: --on: "), "{args:?}: {err}");
        assert!(err.contains("dated 2026-11-01"), "{err}");
        assert!(err.contains("date order"), "{err}");
        assert!(err.contains("fenqi undo"), "{err}");
    }
    let zh = refused_in("zh", &db, TODAY, &["pay", &id, "--on", "2026-09-02"]);
    assert!(zh.contains("--on") && zh.contains("2026-11-01"), "{zh}");
    assert!(zh.contains("按日期顺序"), "{zh}");
    // Undo the later one and the earlier one goes in.
    db.ok(TODAY, &["undo"]);
    db.ok(
        TODAY,
        &["pay", &id, "--amount", "100", "--on", "2026-09-02"],
    );
    db.ok(
        TODAY,
        &["pay", &id, "--amount", "100", "--on", "2026-11-01"],
    );
    assert!(db.run_on(TODAY, &["check"]).status.success());
}
