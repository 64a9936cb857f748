//! The interface contract through the built binary, on points a QA audit found: every
//! `*_percent` JSON field has four decimals, and `plan list` / `card list` list finished plans
//! and archived cards.

use crate::common;

use common::{Db, is_percent4};
use serde_json::Value;

/// Every `*_percent` field anywhere in `value` (objects inside arrays and objects included).
fn percent_fields(value: &Value, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (key, field) in map {
                if key.ends_with("_percent") {
                    out.push((key.clone(), field.clone()));
                }
                percent_fields(field, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| percent_fields(item, out)),
        _ => {}
    }
}

fn assert_percents_have_four_decimals(value: &Value, expected_keys: &[&str]) {
    let mut found = Vec::new();
    percent_fields(value, &mut found);
    for key in expected_keys {
        assert!(
            found.iter().any(|(k, _)| k == key),
            "{key} missing: {value}"
        );
    }
    for (key, field) in found {
        if field.is_null() {
            continue;
        }
        assert!(is_percent4(&field), "{key} = {field}");
    }
}

#[test]
fn every_percent_field_has_four_decimals() {
    let db = Db::new();
    let id = db.add_plan(&[
        "--fee-discount",
        "85%",
        "--penalty-daily",
        "0.05%",
        "--payoff-policy",
        "penalty:3%",
    ]);
    let id = id.to_string();
    let show = db.json("2025-01-01", &["plan", "show", &id]);
    assert_eq!(show["rate_percent"], "0.6000");
    assert_eq!(show["fee_discount_percent"], "85.0000");
    assert_eq!(show["penalty_daily_percent"], "0.0500");
    assert_percents_have_four_decimals(
        &show,
        &[
            "rate_percent",
            "fee_discount_percent",
            "penalty_daily_percent",
            "apr_percent",
            "ear_percent",
        ],
    );
    let annuity = db.json(
        "2025-01-01",
        &[
            "plan",
            "add",
            "--name",
            "Loan",
            "--provider",
            "Bank",
            "--principal",
            "10000",
            "--periods",
            "12",
            "--annual-rate",
            "12%",
            "--first-due",
            "2025-02-01",
        ],
    )["id"]
        .to_string();
    let show = db.json("2025-01-01", &["plan", "show", &annuity]);
    assert_eq!(show["rate_percent"], "12.0000");
    assert!(show["fee_discount_percent"].is_null(), "{show}");
    assert_percents_have_four_decimals(&show, &["rate_percent", "apr_percent"]);
    let list = db.json("2025-01-01", &["plan", "list"]);
    assert_percents_have_four_decimals(&list, &["apr_percent"]);
    let quote = db.json(
        "2025-01-01",
        &[
            "quote",
            "--principal",
            "6000",
            "--periods",
            "12",
            "--monthly-fee",
            "0.6",
        ],
    );
    assert_eq!(quote["rate_percent"], "0.6000");
    assert_percents_have_four_decimals(
        &quote,
        &[
            "rate_percent",
            "apr_percent",
            "ear_percent",
            "naive_annual_percent",
        ],
    );
}

fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn plan_list_lists_finished_plans_last_unless_active_only_is_asked() {
    let db = Db::new();
    let paid_off = db.add_plan(&[]);
    let running = db.add_plan(&[]);
    db.ok("2025-01-01", &["payoff", &paid_off.to_string(), "--yes"]);
    let list = db.json("2025-01-01", &["plan", "list"]);
    assert_eq!(ids(&list), vec![running, paid_off], "{list}");
    let done = &list[1];
    assert_eq!(done["status"], "paid-off");
    assert!(done["next_due_date"].is_null(), "{done}");
    // --all is still accepted and changes nothing; --active leaves finished plans out.
    assert_eq!(db.json("2025-01-01", &["plan", "list", "--all"]), list);
    let active = db.json("2025-01-01", &["plan", "list", "--active"]);
    assert_eq!(ids(&active), vec![running]);
    let text = db.ok("2025-01-01", &["plan", "list"]);
    let last = text.lines().last().unwrap();
    assert!(last.contains("paid off early"), "{text}");
    // With every plan finished, --active finds none, and says the filter is why.
    db.ok("2025-01-01", &["payoff", &running.to_string(), "--yes"]);
    let text = db.ok("2025-01-01", &["plan", "list", "--active"]);
    assert!(text.starts_with("No plans match"), "{text}");
    let text = db.ok("2025-01-01", &["plan", "list"]);
    assert!(!text.contains("No plans"), "{text}");
}

#[test]
fn card_list_lists_archived_cards_last_unless_active_only_is_asked() {
    let db = Db::new();
    db.ok(
        "2025-01-01",
        &["card", "add", "--bank", "A", "--last4", "1111"],
    );
    db.ok(
        "2025-01-01",
        &["card", "add", "--bank", "B", "--last4", "2222"],
    );
    db.ok("2025-01-01", &["card", "replace", "1", "2"]);
    let list = db.json("2025-01-01", &["card", "list"]);
    assert_eq!(ids(&list), vec![2, 1], "{list}");
    assert_eq!(list[1]["archived"], true);
    assert_eq!(db.json("2025-01-01", &["card", "list", "--all"]), list);
    assert_eq!(
        ids(&db.json("2025-01-01", &["card", "list", "--active"])),
        vec![2]
    );
}
