//! CLI tests of the decisions: payoff saving, `advise` and `summary`, figures worked by hand.

use crate::common;

use common::{Db, s};

/// 6,000.00 over 12 at 0.6% a month (500.00 + 36.00 a period), the first five paid: seven
/// periods left, 7 × 536.00 = 3,752.00 still scheduled if kept.
fn five_paid(policy: &str) -> (Db, String) {
    let db = Db::new();
    let id = db.add_plan(&["--payoff-policy", policy]).to_string();
    for month in 1..=5 {
        db.ok(&format!("2025-{month:02}-15"), &["pay", &id]);
    }
    (db, id)
}

#[test]
fn payoff_says_what_it_saves_against_keeping_the_plan() {
    for (policy, saving) in [
        // 3,752.00 − 3,500.00
        ("waive-remaining-fees", "252.00"),
        // 3,752.00 − 3,536.00
        ("current-fee-due", "216.00"),
        // 3,752.00 − 3,752.00
        ("all-fees-due", "0.00"),
        // 3,752.00 − (3,500.00 + 3% × 3,500.00 = 3,605.00)
        ("penalty:3%", "147.00"),
    ] {
        let (db, id) = five_paid(policy);
        let quote = db.json("2025-06-15", &["payoff", &id]);
        assert_eq!(s(&quote["remaining_if_kept"]), "3752.00", "{policy}");
        assert_eq!(s(&quote["saving"]), saving, "{policy}");
    }
    let (db, id) = five_paid("waive-remaining-fees");
    let text = db.ok("2025-06-15", &["payoff", &id]);
    assert!(text.contains("saves 252.00 of fees"), "{text}");
    let (db, id) = five_paid("all-fees-due");
    let text = db.ok("2025-06-15", &["payoff", &id]);
    assert!(
        text.contains(
            "Paying early saves nothing: this plan's policy charges every remaining fee."
        ),
        "{text}"
    );
    let out = db.run_in("zh", "2025-06-15", &["payoff", &id]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("提前还款不省钱"), "{text}");
}

fn add(db: &Db, principal: &str, periods: &str, fee: &str, policy: &str) -> String {
    let args = [
        "plan",
        "add",
        "--name",
        "p",
        "--provider",
        "花呗",
        "--principal",
        principal,
        "--periods",
        periods,
        "--monthly-fee",
        fee,
        "--first-due",
        "2025-01-15",
        "--payoff-policy",
        policy,
    ];
    db.json("2025-01-01", &args)["id"].to_string()
}

#[test]
fn advise_searches_the_combinations_of_full_payoffs() {
    let db = Db::new();
    // Nothing paid yet, remaining fees waived: a payoff costs the principal and saves every fee.
    // A: 6,000.00 × 0.6% × 12 = 432.00 saved for 6,000.00 (7.2% per yuan).
    let a = add(&db, "6000", "12", "0.6%", "waive-remaining-fees");
    // B: 4,000.00 × 1.25% × 6 = 300.00 saved for 4,000.00 (7.5% per yuan, the best ratio).
    add(&db, "4000", "6", "1.25%", "waive-remaining-fees");
    // C: 2,000.00 × 1% × 6 = 120.00 saved for 2,000.00.
    add(&db, "2000", "6", "1%", "waive-remaining-fees");
    // D: charges every remaining fee, so saves nothing.
    let d = add(&db, "3000", "6", "0.6%", "all-fees-due");
    // With 6,000.00: B + C save 420.00 (the greedy choice by ratio), A alone 432.00.
    let advice = db.json("2025-01-01", &["advise", "--cash", "6000"]);
    let actions = advice["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{advice}");
    assert_eq!(actions[0]["plan_id"].to_string(), a);
    assert_eq!(s(&actions[0]["action"]), "payoff");
    assert_eq!(s(&actions[0]["amount"]), "6000.00");
    assert_eq!(s(&actions[0]["saving"]), "432.00");
    assert_eq!(s(&advice["total_saving"]), "432.00");
    let no_gain = advice["no_gain"].as_array().unwrap();
    assert_eq!(no_gain.len(), 1);
    assert_eq!(no_gain[0]["plan_id"].to_string(), d);
    assert_eq!(s(&no_gain[0]["reason"]), "all-fees-due");
    // With 12,000.00 all three: 432.00 + 300.00 + 120.00.
    let advice = db.json("2025-01-01", &["advise", "--cash", "12000"]);
    assert_eq!(s(&advice["total_saving"]), "852.00");
    for bad in ["0", "-5", "abc"] {
        let out = db.run_on("2025-01-01", &["advise", "--cash", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("--cash") && err.lines().count() == 1, "{err}");
    }
}
