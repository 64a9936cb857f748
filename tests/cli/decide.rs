//! CLI tests of the decisions: payoff saving, `advise` and `summary`, figures worked by hand.

use crate::common;

use common::decide::{advise_db, summary_db};
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

#[test]
fn advise_searches_the_combinations_of_full_payoffs() {
    // Nothing paid yet, remaining fees waived: a payoff costs the principal and saves every fee.
    // #1: 6,000.00 × 0.6% × 12 = 432.00 saved for 6,000.00 (7.2% per yuan).
    // #2: 4,000.00 × 1.25% × 6 = 300.00 saved for 4,000.00 (7.5% per yuan, the best ratio).
    // #3: 2,000.00 × 1% × 6 = 120.00 saved for 2,000.00.
    // #4: charges every remaining fee, so saves nothing.
    let db = advise_db();
    let (a, d) = ("1", "4");
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

const SUMMARY_DAY: &str = "2025-03-10";

#[test]
fn summary_figures_by_hand() {
    let db = summary_db();
    let o = db.json(SUMMARY_DAY, &["summary"]);
    // 1,100 (plan 1: 11 × 100) + 6,000 + 400 (plan 3, period 1 posted) + 300.
    assert_eq!(s(&o["outstanding_principal"]), "7800.00");
    // 1,100 + 12 × 536 = 6,432 + 400 + 300.
    assert_eq!(s(&o["outstanding_balance"]), "8232.00");
    // 100 (#1, 15 Mar) + 536 (#2, 12 Mar) + 100 (#4, 8 Mar, within grace).
    assert_eq!(s(&o["due_7_days"]), "736.00");
    // + 200 (#3, 5 Apr) + 100 (#4, 8 Apr); #1's 15 Apr and #2's 12 Apr are beyond 9 Apr.
    assert_eq!(s(&o["due_30_days"]), "1036.00");
    // #1's period 2 and its penalty: 100.00 + 1.15.
    assert_eq!(s(&o["overdue"]), "101.15");
    assert_eq!(o["overdue_count"], 1);
    assert_eq!(s(&o["unconfirmed"]), "200.00");
    assert_eq!(o["unconfirmed_count"], 1);
    assert_eq!(o["dearest_plan_id"], 2);
    assert_eq!(s(&o["dearest_apr_percent"]), "13.0342");
    // 13.0342 × 6,432 / 8,232 = 10.184156… (the others are at 0%).
    assert_eq!(s(&o["weighted_apr_percent"]), "10.1842");
    // By name in byte order: K < 京 (E4) < 小 (E5) < 招 (E6) < 花 (E8).
    let providers: Vec<(String, String, String, String)> = o["providers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let text = |v: &serde_json::Value| v.as_str().unwrap_or("null").to_string();
            (
                text(&p["provider"]),
                text(&p["used"]),
                text(&p["limit"]),
                text(&p["available"]),
            )
        })
        .collect();
    let expected = [
        ("Klarna", "0.00", "500.00", "500.00"),
        ("京东白条", "400.00", "1000.00", "600.00"),
        ("小米分期", "300.00", "null", "null"),
        ("招商银行", "6000.00", "null", "null"),
        ("花呗", "1100.00", "2000.00", "900.00"),
    ];
    let expected: Vec<(String, String, String, String)> = expected
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(providers, expected);
    // Owed at the start of each month: March is today's 8,232.00; then less each month's dues
    // (March: #1's overdue 100 + 100, #2's 536, #4's 100 = 836; April and May 100 + 536 + 200
    // + 100 = 936; June to December 100 + 536 = 636; January 536), until #2's last in February.
    let months: Vec<(String, String)> = o["balance_by_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (s(&m["month"]).to_string(), s(&m["balance"]).to_string()))
        .collect();
    let expected = [
        ("2025-03", "8232.00"),
        ("2025-04", "7396.00"),
        ("2025-05", "6460.00"),
        ("2025-06", "5524.00"),
        ("2025-07", "4888.00"),
        ("2025-08", "4252.00"),
        ("2025-09", "3616.00"),
        ("2025-10", "2980.00"),
        ("2025-11", "2344.00"),
        ("2025-12", "1708.00"),
        ("2026-01", "1072.00"),
        ("2026-02", "536.00"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(m, b)| (m.to_string(), b.to_string()))
        .collect();
    assert_eq!(months, expected);
}

/// Sums of a JSON list's money field(s), in cents.
fn cents_sum(items: &serde_json::Value, fields: &[&str]) -> i64 {
    items
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|item| fields.iter().map(move |f| cents(&item[*f])))
        .sum()
}

fn cents(value: &serde_json::Value) -> i64 {
    let text = s(value);
    let (whole, fraction) = text.split_once('.').unwrap();
    let sign = if whole.starts_with('-') { -1 } else { 1 };
    sign * (whole.trim_start_matches('-').parse::<i64>().unwrap() * 100
        + fraction.parse::<i64>().unwrap())
}

#[test]
fn summary_agrees_with_due_limit_and_plan_list() {
    let db = summary_db();
    let o = db.json(SUMMARY_DAY, &["summary"]);
    let due30 = db.json(SUMMARY_DAY, &["due"]);
    let due7 = db.json(SUMMARY_DAY, &["due", "--days", "7"]);
    assert_eq!(
        cents(&o["due_7_days"]),
        cents_sum(&due7["upcoming"], &["amount"])
    );
    assert_eq!(
        cents(&o["due_30_days"]),
        cents_sum(&due30["upcoming"], &["amount"])
    );
    assert_eq!(
        cents(&o["overdue"]),
        cents_sum(&due30["overdue"], &["amount", "penalty"])
    );
    assert_eq!(
        o["overdue_count"],
        due30["overdue"].as_array().unwrap().len()
    );
    assert_eq!(
        cents(&o["unconfirmed"]),
        cents_sum(&due30["unconfirmed"], &["amount"])
    );
    // Every provider with a limit, exactly as `limit list` shows it.
    let limits = db.json(SUMMARY_DAY, &["limit", "list"]);
    let with_limits: Vec<serde_json::Value> = o["providers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["limit"].is_null())
        .cloned()
        .collect();
    assert_eq!(limits.as_array().unwrap().len(), with_limits.len());
    for (row, p) in limits.as_array().unwrap().iter().zip(&with_limits) {
        for field in ["provider", "used", "limit", "available"] {
            assert_eq!(row[field], p[field], "{field}");
        }
    }
    // What `plan list` shows still to pay, principal and all.
    let plans = db.json(SUMMARY_DAY, &["plan", "list"]);
    assert_eq!(
        cents(&o["outstanding_balance"]),
        cents_sum(&plans, &["remaining"])
    );
    assert_eq!(
        cents(&o["outstanding_principal"]),
        cents_sum(&plans, &["remaining_principal"])
    );
    assert_eq!(
        cents(&o["outstanding_principal"]),
        cents_sum(&o["providers"], &["used"])
    );
}

#[test]
fn summary_in_words_in_both_languages() {
    let db = summary_db();
    let text = db.ok(SUMMARY_DAY, &["summary"]);
    let expected = "\
Summary on 2025-03-10:
Outstanding principal                   7,800.00
Outstanding balance                     8,232.00
Due within 7 days                         736.00
Due within 30 days                      1,036.00
Overdue with penalties (1)                101.15
Unconfirmed automatic postings (1)        200.00
Dearest plan by APR                 #2, 13.0342%
Balance-weighted APR                    10.1842%

Provider      Used     Limit  Available
Klarna        0.00    500.00     500.00
京东白条    400.00  1,000.00     600.00
小米分期    300.00         —          —
招商银行  6,000.00         —          —
花呗      1,100.00  2,000.00     900.00
";
    assert_eq!(text, expected);
    let out = db.run_in("zh", SUMMARY_DAY, &["summary"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "2025-03-10 概览：",
        "待还本金",
        "已逾期含罚息（1 期）",
        "#2，13.0342%",
        "平台",
    ] {
        assert!(text.contains(line), "{line:?} not in\n{text}");
    }
}

#[test]
fn summary_reads_a_read_only_database_and_writes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let db = summary_db();
    let expected = db.ok(SUMMARY_DAY, &["summary", "--json"]);
    std::fs::set_permissions(&db.path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let bytes = std::fs::read(&db.path).unwrap();
    assert_eq!(db.ok(SUMMARY_DAY, &["summary", "--json"]), expected);
    assert!(!db.ok(SUMMARY_DAY, &["summary"]).is_empty());
    assert_eq!(std::fs::read(&db.path).unwrap(), bytes);
}

#[test]
fn summary_bad_input_is_one_line_exit_2() {
    let db = summary_db();
    for (args, named) in [
        (&["summary", "--days", "7"][..], "--days"),
        (&["summary", "--today", "2025-13-01"], "--today"),
        (&["summary", "extra"], "extra"),
    ] {
        let out = db.run_on(SUMMARY_DAY, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(named) && err.lines().count() == 1, "{err}");
        assert!(out.stdout.is_empty());
    }
    let not_fenqi = db.dir.path().join("notes.txt");
    std::fs::write(&not_fenqi, "hello").unwrap();
    let out = common::run(&not_fenqi, SUMMARY_DAY, &["summary"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--db") && err.lines().count() == 1, "{err}");
}
