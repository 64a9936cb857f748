//! fenqi's bounds on terms through the built binary: the largest plans it accepts compute
//! through 9999-12-31 without a panic, larger ones are refused naming the flag, and a stored
//! plan beyond them (from before the bounds, or imported) gives a clear error, never a panic.

use crate::common;

use common::{Db, s, with};

const LAST_DAY: &str = "9999-12-31";

/// `plan add` of the largest plan fenqi accepts: 100,000,000.00 over 360 periods at 10% a
/// month, due from 1900, 1% a day penalty from the due date with no grace.
fn largest(rate_flag: &'static str, rate: &'static str) -> Vec<&'static str> {
    vec![
        "plan",
        "add",
        "--name",
        "Biggest",
        "--provider",
        "P",
        "--principal",
        "100000000",
        "--periods",
        "360",
        rate_flag,
        rate,
        "--first-due",
        "1900-02-01",
        "--penalty-daily",
        "1%",
        "--grace-days",
        "0",
    ]
}

/// Exit status 2, one line naming `flag` and the bound, nothing written.
fn assert_refused(db: &Db, args: &[&str], flag: &str, bound: &str) {
    let before = db.dump(false);
    let out = db.run_on("2025-01-01", args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("{flag}: at most {bound}")),
        "{args:?}: {stderr}"
    );
    assert_eq!(db.dump(false), before, "{args:?} wrote");
}

#[test]
fn terms_beyond_the_bounds_are_refused_naming_the_flag() {
    let db = Db::new();
    // QA's plan.
    let qa = [
        "plan",
        "add",
        "--name",
        "X",
        "--provider",
        "P",
        "--principal",
        "10000000000000",
        "--periods",
        "360",
        "--monthly-fee",
        "1000%",
        "--first-due",
        "1900-02-01",
        "--penalty-daily",
        "100%",
    ];
    assert_refused(&db, &qa, "--principal", "100,000,000.00");
    let base = largest("--monthly-fee", "10%");
    let over_principal: Vec<&str> = base
        .iter()
        .map(|a| if *a == "100000000" { "100000000.01" } else { a })
        .collect();
    assert_refused(&db, &over_principal, "--principal", "100,000,000.00");
    let base_without_rate: Vec<&str> = base
        .iter()
        .copied()
        .filter(|a| *a != "--monthly-fee" && *a != "10%")
        .collect();
    assert_refused(
        &db,
        &with(&base_without_rate, &["--monthly-fee", "10.01%"]),
        "--monthly-fee",
        "10% a month",
    );
    assert_refused(
        &db,
        &with(&base_without_rate, &["--annual-rate", "120.01%"]),
        "--annual-rate",
        "120% a year",
    );
    assert_refused(
        &db,
        &with(
            &base_without_rate,
            &["--annual-rate", "121%", "--method", "equal-principal"],
        ),
        "--annual-rate",
        "120% a year",
    );
    let over_penalty: Vec<&str> = base
        .iter()
        .map(|a| if *a == "1%" { "1.01%" } else { a })
        .collect();
    assert_refused(&db, &over_penalty, "--penalty-daily", "1% a day");
    // The calculator and plan edit are bounded the same way.
    assert_refused(
        &db,
        &[
            "quote",
            "--principal",
            "6000",
            "--periods",
            "12",
            "--monthly-fee",
            "11%",
        ],
        "--monthly-fee",
        "10% a month",
    );
    let id = db.add_plan(&[]).to_string();
    assert_refused(
        &db,
        &["plan", "edit", &id, "--principal", "200000000"],
        "--principal",
        "100,000,000.00",
    );
    assert_refused(
        &db,
        &["plan", "edit", &id, "--penalty-daily", "2%"],
        "--penalty-daily",
        "1% a day",
    );
    // In Chinese too.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fenqi"))
        .arg("--db")
        .arg(&db.path)
        .args(["--lang", "zh"])
        .args(qa)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--principal: 最多 100,000,000.00"),
        "{stderr}"
    );
}

/// Money text ("1,234.56" or "1234.56") in cents.
fn cents(text: &str) -> i128 {
    text.replace([',', '.'], "").parse().unwrap()
}

#[test]
fn the_largest_plans_compute_through_9999_12_31() {
    for (flag, rate, extra) in [
        ("--monthly-fee", "10%", &[][..]),
        ("--total-fee", "1000%", &[][..]),
        ("--annual-rate", "120%", &[][..]),
        (
            "--annual-rate",
            "120%",
            &["--method", "equal-principal"][..],
        ),
    ] {
        let db = Db::new();
        let id = db.json("2025-01-01", &with(&largest(flag, rate), extra))["id"].to_string();
        // Every period unpaid since 1900: all 360 overdue, none hidden, --check says so.
        let due = db.json(LAST_DAY, &["due"]);
        assert_eq!(due["overdue"].as_array().unwrap().len(), 360, "{flag}");
        let total = s(&due["per_card"][0]["total"]);
        assert!(cents(total) > 0, "{total}");
        let check = db.run_on(LAST_DAY, &["due", "--check"]);
        assert_eq!(check.status.code(), Some(1), "{flag}");
        let text = db.ok(LAST_DAY, &["due"]);
        assert!(text.contains("days late"), "{text}");
        // The quote's parts add up, to the cent, and fit in i64 fen with room to spare.
        let quote = db.json(LAST_DAY, &["payoff", &id]);
        let parts: i128 = ["principal", "fee", "penalty"]
            .iter()
            .map(|part| cents(s(&quote[part])))
            .sum();
        assert_eq!(parts, cents(s(&quote["amount"])), "{quote}");
        assert!(
            cents(s(&quote["amount"])) < i128::from(i64::MAX) / 500,
            "{quote}"
        );
        db.ok(LAST_DAY, &["plan", "show", &id]);
        db.json(LAST_DAY, &["plan", "show", &id]);
        db.ok(LAST_DAY, &["plan", "list"]);
        let paid = db.json(LAST_DAY, &["pay", &id]);
        assert!(cents(s(&paid["amount"])) > 0, "{paid}");
        db.ok(LAST_DAY, &["payoff", &id, "--yes"]);
        for format in ["csv", "json", "ics", "ledger", "beancount"] {
            db.ok(LAST_DAY, &["export", "--format", format]);
        }
        let check = db.run_on(LAST_DAY, &["check"]);
        assert!(check.status.success(), "{flag}");
        let list = db.json(LAST_DAY, &["plan", "list"]);
        assert_eq!(s(&list[0]["status"]), "paid-off");
        db.ok(LAST_DAY, &["undo"]);
    }
}

/// A stored plan beyond the bounds (as an older fenqi could add, or an import bring): its
/// penalty by 9999 is beyond what fenqi can compute. Every command says so in one line and
/// exits 1 (`due --check` 2), writing nothing; none panics (exit 101).
#[test]
fn a_stored_plan_beyond_the_bounds_is_an_error_not_a_panic() {
    let db = Db::new();
    let id = db.json("2025-01-01", &largest("--monthly-fee", "10%"))["id"].to_string();
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    // 10,000,000% a day.
    conn.execute("UPDATE plans SET penalty_daily = '100000'", [])
        .unwrap();
    drop(conn);
    let before = db.dump(false);
    for args in [
        vec!["payoff", &id],
        vec!["payoff", &id, "--yes"],
        vec!["pay", &id],
        vec!["due"],
        vec!["due", "--check"],
        vec!["due", "--json"],
        vec!["plan", "show", &id],
    ] {
        let out = db.run_on(LAST_DAY, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        // due --check keeps 1 for "something is due": its errors exit 2.
        let code = if args.contains(&"--check") { 2 } else { 1 };
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains("too large to compute exactly"),
            "{args:?}: {stderr}"
        );
        assert_eq!(db.dump(false), before, "{args:?} wrote");
    }
    // What needs no penalty still works, and the plan can still be renamed (its terms, left
    // alone, are not checked again).
    db.ok(LAST_DAY, &["plan", "list"]);
    db.ok("1900-01-15", &["due"]);
    db.ok(LAST_DAY, &["plan", "edit", &id, "--name", "Renamed"]);
    let out = db.run_on(LAST_DAY, &["plan", "edit", &id, "--periods", "359"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an edit of the terms checks them all"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--penalty-daily: at most 1% a day"));
    db.ok(LAST_DAY, &["plan", "edit", &id, "--penalty-daily", "0.05%"]);
    db.ok(LAST_DAY, &["payoff", &id]);
}
