//! CLI tests through the built binary of the repayment money rules: penalty after a partial
//! payment, the most that may be paid on a date, and repayments recorded in date order.

use crate::common;

use common::{Db, s};

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
    let out = db.run_in(lang, today, args);
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

/// `plan add` of 10,000.00 at 15% a year over 12 months from 2025-01-31 (902.58 a month),
/// and period 1 paid on time.
fn annuity_plan(db: &Db) -> String {
    let add = "plan add --name Loan --provider Bank --principal 10000 --periods 12 \
               --annual-rate 15% --first-due 2025-01-31";
    let args: Vec<&str> = add.split_whitespace().collect();
    let id = db.json("2025-01-01", &args)["id"].to_string();
    db.ok("2025-01-31", &["pay", &id]);
    id
}

#[test]
fn payoff_with_amount_and_mode_prepays_part_and_reschedules() {
    let db = Db::new();
    let id = annuity_plan(&db);
    let on = "2025-02-10";
    // Without --yes: a quote only. Keep term: 4,222.42 over 11 periods at 1.25% a month is
    // 413.24 a month (period 2's interest 4,222.42 × 1.25% = 52.78), the last 413.25.
    let before = db.dump(false);
    let keep = db.json(
        on,
        &["payoff", &id, "--amount", "5000", "--mode", "keep-term"],
    );
    assert_eq!(db.dump(false), before);
    assert_eq!(s(&keep["amount"]), "5000.00");
    assert_eq!(s(&keep["mode"]), "keep-term");
    assert_eq!(s(&keep["payment"]), "413.24");
    assert_eq!(keep["periods_left"], 11);
    assert_eq!(s(&keep["schedule"][0]["fee"]), "52.78");
    assert_eq!(s(&keep["schedule"][10]["amount"]), "413.25");
    let text = db.ok(
        on,
        &["payoff", &id, "--amount", "5000", "--mode", "keep-term"],
    );
    assert!(
        text.contains("Then 413.24 a period for 11 periods"),
        "{text}"
    );
    assert!(text.contains("--yes"), "{text}");
    // Shorten term, recorded: 902.58 a month for periods 2–5, 768.44 for period 6.
    let done = db.json(
        on,
        &[
            "payoff",
            &id,
            "--amount",
            "5000",
            "--mode",
            "shorten-term",
            "--yes",
        ],
    );
    assert_eq!(s(&done["recorded"]["amount"]), "5000.00");
    assert_eq!(done["periods_left"], 5);
    let plan = db.json(on, &["plan", "show", &id]);
    assert_eq!(plan["periods"], 6);
    assert_eq!(s(&plan["remaining_principal"]), "4222.42");
    assert_eq!(s(&plan["schedule"][1]["unpaid"]), "902.58");
    assert_eq!(s(&plan["schedule"][5]["amount"]), "768.44");
    assert_eq!(plan["schedule"].as_array().unwrap().len(), 6);
    assert!(db.run_on(on, &["check"]).status.success());
    assert_eq!(s(&db.json(on, &["pay", &id])["amount"]), "902.58");
    // Undo the payment, then the prepayment: back to 12 periods.
    db.ok(on, &["undo"]);
    db.ok(on, &["undo"]);
    let plan = db.json(on, &["plan", "show", &id]);
    assert_eq!(plan["periods"], 12);
    assert_eq!(s(&plan["remaining_principal"]), "9222.42");
    assert!(db.run_on(on, &["check"]).status.success());
}

#[test]
fn a_partial_prepayment_is_refused_with_the_flag_at_fault() {
    let db = Db::new();
    let annuity = annuity_plan(&db);
    let flat = db.add_plan(&[]).to_string();
    let on = "2025-02-10";
    for (args, flag, words) in [
        (
            vec!["payoff", &flat, "--amount", "100", "--mode", "keep-term"],
            "--amount",
            "annuity",
        ),
        (
            vec!["payoff", &annuity, "--amount", "100"],
            "--mode",
            "keep-term",
        ),
        (
            vec!["payoff", &annuity, "--mode", "keep-term"],
            "--mode",
            "--amount",
        ),
        (
            vec!["payoff", &annuity, "--amount", "100", "--mode", "shorter"],
            "--mode",
            "shorten-term",
        ),
        (
            vec![
                "payoff",
                &annuity,
                "--amount",
                "9222.42",
                "--mode",
                "keep-term",
            ],
            "--amount",
            "less than the balance",
        ),
        (
            vec![
                "payoff",
                &annuity,
                "--amount",
                "100",
                "--mode",
                "keep-term",
                "--on",
                "2025-03-01",
            ],
            "--on",
            "pay what is due first",
        ),
    ] {
        let err = refused(&db, on, &args);
        assert!(
            err.starts_with(&format!("fenqi: error: {flag}: ")),
            "{args:?}: {err}"
        );
        assert!(err.contains(words), "{args:?}: {err}");
    }
    let zh = refused_in(
        "zh",
        &db,
        on,
        &["payoff", &flat, "--amount", "100", "--mode", "keep-term"],
    );
    assert!(zh.contains("等额本息"), "{zh}");
}

#[test]
fn a_repayment_dated_after_today_is_refused_but_a_payoff_may_be_quoted_for_any_date() {
    let db = Db::new();
    let id = db.add_plan(&[]).to_string();
    let today = "2025-03-20";
    for args in [
        vec!["pay", &id, "--amount", "100", "--on", "2030-01-01"],
        vec!["pay", &id, "--failed", "--on", "2025-03-21"],
        vec!["payoff", &id, "--on", "2025-04-01", "--yes"],
    ] {
        let err = refused(&db, today, &args);
        assert!(err.starts_with("fenqi: error: --on: "), "{args:?}: {err}");
        assert!(err.contains("after today (2025-03-20)"), "{err}");
    }
    let zh = refused_in("zh", &db, today, &["pay", &id, "--on", "2025-03-21"]);
    assert!(zh.contains("晚于今天"), "{zh}");
    // A quote for a later date records nothing and is allowed; paying on today is too.
    let quote = db.json(today, &["payoff", &id, "--on", "2025-04-01"]);
    assert!(quote["recorded"].is_null(), "{quote}");
    db.ok(today, &["pay", &id, "--on", today]);
}

#[test]
fn a_payoff_settles_on_the_first_unpaid_period_even_when_it_is_already_due() {
    // QA's case: 1,200.00 over 12 at 1% a month, period 1 due 2025-02-15, 10 grace days,
    // paid off on 2025-02-20 (within grace: no penalty). The payoff settles on period 1.
    let db = Db::new();
    let quote = |policy: &str| {
        let id = db.json(
            "2025-01-01",
            &[
                "plan",
                "add",
                "--name",
                "X",
                "--provider",
                "P",
                "--principal",
                "1200",
                "--periods",
                "12",
                "--monthly-fee",
                "1%",
                "--first-due",
                "2025-02-15",
                "--grace-days",
                "10",
                "--payoff-policy",
                policy,
            ],
        )["id"]
            .to_string();
        db.json("2025-02-20", &["payoff", &id])
    };
    let amounts: Vec<(String, String)> = [
        "waive-remaining-fees",
        "current-fee-due",
        "all-fees-due",
        "penalty:3%",
    ]
    .iter()
    .map(|p| {
        let q = quote(p);
        (s(&q["amount"]).to_string(), s(&q["fee"]).to_string())
    })
    .collect();
    let expected = [
        ("1200.00", "0.00"),
        ("1212.00", "12.00"),
        ("1344.00", "144.00"),
        ("1236.00", "0.00"),
    ];
    for (got, want) in amounts.iter().zip(expected) {
        assert_eq!((got.0.as_str(), got.1.as_str()), want);
    }
    // Recorded, the plan is settled and every allocation adds up.
    db.ok("2025-02-20", &["payoff", "2", "--yes"]);
    assert_eq!(db.run_on("2025-02-20", &["check"]).status.code(), Some(0));
    let plan = db.json("2025-02-20", &["plan", "show", "2"]);
    assert_eq!(s(&plan["schedule"][0]["paid"]), "112.00");
}
