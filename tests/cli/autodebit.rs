//! Auto-debits through the binary: automatic postings, failed debits with a retry date, a hand
//! payment in a posting's place, `confirm` and its undo. The plan is the worked example:
//! 6,000.00 over 12 months at 0.6% a month = 500.00 + 36.00 = 536.00 a period, due on the
//! 15th from 2025-01-15; 3 grace days, 0.05% a day from the due date.

use crate::common::{Db, s};

fn posting_plan(db: &Db) -> String {
    db.add_plan(&["--auto-debit"]).to_string()
}

#[test]
fn due_periods_of_an_auto_debit_plan_count_as_paid_unconfirmed_in_every_view() {
    let db = Db::new();
    let id = posting_plan(&db);
    let today = "2025-02-20"; // periods 1 (01-15) and 2 (02-15) are due
    let plan = db.json(today, &["plan", "show", &id]);
    for period in [0, 1] {
        let row = &plan["schedule"][period];
        assert_eq!(s(&row["status"]), "paid", "{row}");
        assert_eq!(row["confirmed"], false);
        assert_eq!(s(&row["source"]), "auto-debit");
        assert_eq!(s(&row["paid"]), "536.00");
    }
    assert_eq!(s(&plan["schedule"][2]["status"]), "pending");
    assert_eq!(plan["schedule"][2]["confirmed"], true);
    assert!(plan["schedule"][2]["source"].is_null());
    // 10 periods of 536.00 left.
    assert_eq!(plan["paid_periods"], 2);
    assert_eq!(s(&plan["remaining"]), "5360.00");
    assert_eq!(s(&plan["next_due_date"]), "2025-03-15");
    assert_eq!(s(&plan["status"]), "active");

    let due = db.json(today, &["due"]);
    assert_eq!(due["overdue"].as_array().unwrap().len(), 0);
    let unconfirmed = due["unconfirmed"].as_array().unwrap();
    assert_eq!(unconfirmed.len(), 2);
    assert_eq!(s(&unconfirmed[0]["due_date"]), "2025-01-15");
    assert_eq!(s(&unconfirmed[1]["amount"]), "536.00");
    // Nothing overdue and 03-15 is 23 days away: --check is satisfied within 10 days.
    assert!(
        db.run_on(today, &["due", "--check", "--days", "10"])
            .status
            .success()
    );

    let history = db.json(today, &["history"]);
    let items = history.as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(items[0]["id"].is_null());
    assert_eq!(s(&items[0]["paid_on"]), "2025-02-15");
    assert_eq!(s(&items[0]["source"]), "auto-debit");
    assert_eq!(items[0]["confirmed"], false);
    let text = db.ok(today, &["due"]);
    assert!(text.contains("not yet confirmed"), "{text}");
}

#[test]
fn auto_post_no_leaves_a_missed_debit_overdue() {
    let db = Db::new();
    let id = db
        .add_plan(&["--auto-debit", "--auto-post", "no"])
        .to_string();
    let plan = db.json("2025-01-20", &["plan", "show", &id]);
    assert_eq!(s(&plan["schedule"][0]["status"]), "overdue"); // 5 days late, grace 3
    let due = db.json("2025-01-20", &["due"]);
    assert_eq!(due["overdue"][0]["days"], -5);
    assert_eq!(due["unconfirmed"].as_array().unwrap().len(), 0);
    // Turned on again, the period counts as paid.
    db.ok("2025-01-20", &["plan", "edit", &id, "--auto-post", "yes"]);
    let plan = db.json("2025-01-20", &["plan", "show", &id]);
    assert_eq!(s(&plan["schedule"][0]["status"]), "paid");
    let bad = db.run_on("2025-01-20", &["plan", "edit", &id, "--auto-post", "maybe"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_hand_payment_takes_a_postings_place_and_is_never_counted_twice() {
    let db = Db::new();
    let id = posting_plan(&db);
    db.ok(
        "2025-02-20",
        &["pay", &id, "--on", "2025-01-15", "--amount", "536"],
    );
    let plan = db.json("2025-02-20", &["plan", "show", &id]);
    assert_eq!(plan["schedule"][0]["confirmed"], true);
    assert_eq!(s(&plan["schedule"][0]["source"]), "manual");
    assert_eq!(plan["schedule"][1]["confirmed"], false);
    assert_eq!(s(&plan["remaining"]), "5360.00");
    let due = db.json("2025-02-20", &["due"]);
    assert_eq!(due["unconfirmed"].as_array().unwrap().len(), 1);
}

#[test]
fn a_failed_debit_stays_failed_with_its_retry_date_until_paid() {
    let db = Db::new();
    let id = posting_plan(&db);
    let failed = db.json(
        "2025-02-16",
        &["pay", &id, "--failed", "--retry-on", "2025-02-19"],
    );
    // The debit that failed is the latest one due: period 2; period 1 stays posted.
    assert_eq!(failed["period"], 2);
    assert_eq!(s(&failed["amount"]), "536.00");
    let today = "2025-02-25";
    let plan = db.json(today, &["plan", "show", &id]);
    assert_eq!(s(&plan["schedule"][0]["status"]), "paid");
    assert_eq!(s(&plan["schedule"][1]["status"]), "debit-failed");
    assert_eq!(s(&plan["schedule"][1]["retry_on"]), "2025-02-19");
    assert_eq!(s(&plan["status"]), "debit-failed");
    let due = db.json(today, &["due"]);
    assert_eq!(due["overdue"][0]["period"], 2);
    assert_eq!(s(&due["overdue"][0]["status"]), "debit-failed");
    assert_eq!(due["overdue"][0]["days"], -10);
    // 10 days late on 536.00 at 0.05% a day: 2.68.
    assert_eq!(s(&due["overdue"][0]["penalty"]), "2.68");
    assert_eq!(s(&due["overdue"][0]["retry_on"]), "2025-02-19");
    assert!(!db.run_on(today, &["due", "--check"]).status.success());

    // Paid by hand: the default is the failed period with its penalty, not by auto-debit.
    let paid = db.json(today, &["pay", &id]);
    assert_eq!(s(&paid["amount"]), "538.68");
    assert_eq!(paid["allocations"][0]["period"], 2);
    let history = db.json(today, &["history"]);
    assert_eq!(s(&history[0]["channel"]), "app");
    let plan = db.json(today, &["plan", "show", &id]);
    assert_eq!(s(&plan["schedule"][1]["status"]), "paid");
    assert_eq!(plan["schedule"][0]["confirmed"], false);
}

#[test]
fn a_failed_debit_on_a_plan_without_auto_debit_warns() {
    let db = Db::new();
    let id = db.add_plan(&[]).to_string();
    let out = db.run_on("2025-01-15", &["pay", &id, "--failed"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("has no auto-debit"), "{err}");
    let bad = db.run_on("2025-01-15", &["pay", &id, "--retry-on", "2025-01-20"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn confirming_one_plan_leaves_the_other_plans_postings_unconfirmed() {
    let db = Db::new();
    let first = posting_plan(&db);
    let second = posting_plan(&db);
    let id = |text: &str| -> i64 { text.parse().unwrap() };
    let today = "2025-02-20"; // periods 1 and 2 of each are posted
    let done = db.json(today, &["confirm", &second]);
    let confirmed = done["confirmed"].as_array().unwrap();
    assert_eq!(confirmed.len(), 2);
    assert!(
        confirmed
            .iter()
            .all(|p| p["plan_id"].as_i64() == Some(id(&second)))
    );
    let due = db.json(today, &["due"]);
    let left = due["unconfirmed"].as_array().unwrap();
    assert_eq!(left.len(), 2);
    assert!(
        left.iter()
            .all(|p| p["plan_id"].as_i64() == Some(id(&first)))
    );
}

#[test]
fn confirm_records_postings_as_one_undoable_change() {
    let db = Db::new();
    let id = posting_plan(&db);
    let today = "2025-02-20";
    let first = db.json(today, &["confirm", &id, "--through", "2025-01-31"]);
    assert_eq!(first["confirmed"].as_array().unwrap().len(), 1);
    assert_eq!(s(&first["total"]), "536.00");
    let rest = db.json(today, &["confirm"]);
    assert_eq!(s(&rest["confirmed"][0]["due_date"]), "2025-02-15");
    let history = db.json(today, &["history"]);
    let items = history.as_array().unwrap();
    assert_eq!(items.len(), 2);
    for item in items {
        assert_eq!(s(&item["source"]), "auto-debit");
        assert_eq!(s(&item["channel"]), "auto-debit");
        assert_eq!(item["confirmed"], true);
        assert_eq!(s(&item["amount"]), "536.00");
    }
    assert_eq!(s(&items[1]["paid_on"]), "2025-01-15");
    let nothing = db.ok(today, &["confirm"]);
    assert!(nothing.contains("Nothing to confirm"), "{nothing}");
    db.ok(today, &["undo"]);
    let due = db.json(today, &["due"]);
    assert_eq!(due["unconfirmed"].as_array().unwrap().len(), 1);
    let plan = db.json(today, &["plan", "show", &id]);
    assert_eq!(s(&plan["remaining"]), "5360.00");
}
