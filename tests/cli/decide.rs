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
