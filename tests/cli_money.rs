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
