//! CLI tests through the built binary on a temp `--db`: the money figures of the contract.

use crate::common;

use common::Db;
use serde_json::Value;

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

#[test]
fn paid_five_months_then_paid_off_under_each_policy() {
    for (policy, amount, fee, penalty) in [
        ("waive-remaining-fees", "3500.00", "0.00", "0.00"),
        ("current-fee-due", "3536.00", "36.00", "0.00"),
        ("all-fees-due", "3752.00", "252.00", "0.00"),
        ("penalty:3%", "3605.00", "0.00", "105.00"),
        ("interest-to-date", "3536.00", "36.00", "0.00"),
    ] {
        let db = Db::new();
        let id = db.add_plan(&["--payoff-policy", policy]).to_string();
        for month in 1..=5 {
            let on = format!("2025-{month:02}-15");
            db.ok(&on, &["pay", &id]);
        }
        let quote = db.json("2025-06-15", &["payoff", &id]);
        assert_eq!(s(&quote["amount"]), amount, "{policy}");
        assert_eq!(s(&quote["principal"]), "3500.00", "{policy}");
        assert_eq!(s(&quote["fee"]), fee, "{policy}");
        assert_eq!(s(&quote["penalty"]), penalty, "{policy}");
        assert_eq!(s(&quote["policy"]), policy);
        // Without --yes nothing is recorded.
        let plan = db.json("2025-06-15", &["plan", "show", &id]);
        assert_eq!(plan["paid_periods"], 5);
        let recorded = db.json("2025-06-15", &["payoff", &id, "--yes"]);
        assert_eq!(s(&recorded["recorded"]["amount"]), amount);
        let plan = db.json("2025-06-15", &["plan", "show", &id]);
        assert_eq!(s(&plan["status"]), "paid-off");
        assert_eq!(s(&plan["remaining"]), "0.00");
        assert_eq!(plan["next_due_date"], Value::Null);
        let history = db.json("2025-06-15", &["history", "--plan", &id]);
        assert_eq!(s(&history[0]["kind"]), "payoff");
        assert_eq!(s(&history[0]["amount"]), amount);
    }
    let db = Db::new();
    let id = db.add_plan(&["--payoff-policy", "not-allowed"]).to_string();
    let out = db.run_on("2025-06-15", &["payoff", &id, "--yes"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_period_paid_ten_days_late_owes_its_penalty() {
    for (from, penalty, total) in [("due", "2.50", "502.50"), ("grace-end", "1.75", "501.75")] {
        let db = Db::new();
        let id = db.json(
            "2025-03-01",
            &[
                "plan",
                "add",
                "--name",
                "Headphones",
                "--provider",
                "京东白条",
                "--principal",
                "1000",
                "--periods",
                "2",
                "--first-due",
                "2025-03-15",
                "--grace-days",
                "3",
                "--penalty-daily",
                "0.05%",
                "--penalty-from",
                from,
            ],
        )["id"]
            .to_string();
        let due = db.json("2025-03-25", &["due"]);
        let item = &due["overdue"][0];
        assert_eq!(item["plan_id"].to_string(), id);
        assert_eq!(item["period"], 1);
        assert_eq!(s(&item["due_date"]), "2025-03-15");
        assert_eq!(s(&item["amount"]), "500.00");
        assert_eq!(item["days"], -10);
        assert_eq!(s(&item["penalty"]), penalty, "{from}");
        // Within grace there is no penalty yet, and the period is still due, not overdue.
        let early = db.json("2025-03-18", &["due"]);
        assert_eq!(early["overdue"], serde_json::json!([]));
        assert_eq!(early["upcoming"][0]["days"], -3);
        assert_eq!(s(&early["upcoming"][0]["penalty"]), "0.00");
        // The default payment is what is due, penalty included, and the penalty is paid first.
        let paid = db.json("2025-03-25", &["pay", &id]);
        assert_eq!(s(&paid["amount"]), total);
        assert_eq!(s(&paid["allocations"][0]["penalty"]), penalty);
        assert_eq!(s(&paid["allocations"][0]["principal"]), "500.00");
        let plan = db.json("2025-03-25", &["plan", "show", &id]);
        assert_eq!(s(&plan["schedule"][0]["status"]), "paid");
        assert_eq!(s(&plan["schedule"][1]["status"]), "pending");
    }
}

#[test]
fn a_partial_payment_goes_to_the_oldest_period_first() {
    let db = Db::new();
    let id = db.add_plan(&[]).to_string();
    // On period 1's due date, period 2 may be paid too.
    let paid = db.json(
        "2025-01-15",
        &[
            "pay",
            &id,
            "--amount",
            "600",
            "--channel",
            "bank-app",
            "--ref",
            "TX1",
        ],
    );
    let allocations = paid["allocations"].as_array().unwrap();
    assert_eq!(allocations.len(), 2);
    assert_eq!(allocations[0]["period"], 1);
    assert_eq!(s(&allocations[0]["fee"]), "36.00");
    assert_eq!(s(&allocations[0]["principal"]), "500.00");
    assert_eq!(allocations[1]["period"], 2);
    assert_eq!(s(&allocations[1]["fee"]), "36.00");
    assert_eq!(s(&allocations[1]["principal"]), "28.00");
    let plan = db.json("2025-01-15", &["plan", "show", &id]);
    let schedule = plan["schedule"].as_array().unwrap();
    assert_eq!(s(&schedule[0]["status"]), "paid");
    assert_eq!(s(&schedule[0]["paid"]), "536.00");
    assert_eq!(s(&schedule[1]["status"]), "partly-paid");
    assert_eq!(s(&schedule[1]["paid"]), "64.00");
    assert_eq!(s(&schedule[2]["status"]), "pending");
    // The next default payment is the rest of period 2.
    let next = db.json("2025-01-15", &["pay", &id]);
    assert_eq!(s(&next["amount"]), "472.00");
    let history = db.json("2025-01-15", &["history", "--channel", "bank-app"]);
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert_eq!(s(&history[0]["reference"]), "TX1");
    assert_eq!(s(&history[0]["channel"]), "bank-app");
    assert_eq!(history[0]["failed"], false);
}

#[test]
fn overpaying_is_refused_with_exit_2() {
    let db = Db::new();
    let id = db.add_plan(&[]).to_string();
    let before = db.dump(false);
    let out = db.run_on("2025-01-10", &["pay", &id, "--amount", "6432.01"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("fenqi: error: --amount:"), "{err}");
    assert!(err.contains("at most 536.00"), "{err}");
    assert_eq!(db.dump(false), before);
}

#[test]
fn a_failed_debit_is_recorded_and_flags_the_period() {
    let db = Db::new();
    let id = db.add_plan(&["--auto-debit"]).to_string();
    let failed = db.json(
        "2025-01-15",
        &["pay", &id, "--failed", "--ref", "insufficient funds"],
    );
    assert_eq!(failed["failed"], true);
    assert_eq!(s(&failed["amount"]), "536.00");
    let plan = db.json("2025-01-15", &["plan", "show", &id]);
    assert_eq!(s(&plan["schedule"][0]["status"]), "debit-failed");
    assert_eq!(s(&plan["schedule"][0]["paid"]), "0.00");
    assert_eq!(s(&plan["status"]), "debit-failed");
    let history = db.json("2025-01-15", &["history"]);
    assert_eq!(history[0]["failed"], true);
    assert_eq!(s(&history[0]["channel"]), "auto-debit");
    // It stays marked as a failed debit until paid, within the 3 grace days and after them;
    // `due` counts it late.
    let plan = db.json("2025-01-18", &["plan", "show", &id]);
    assert_eq!(s(&plan["schedule"][0]["status"]), "debit-failed");
    let plan = db.json("2025-01-19", &["plan", "show", &id]);
    assert_eq!(s(&plan["schedule"][0]["status"]), "debit-failed");
    let due = db.json("2025-01-19", &["due"]);
    assert_eq!(s(&due["overdue"][0]["status"]), "debit-failed");
    assert_eq!(due["overdue"][0]["days"], -4);
}

#[test]
fn card_replace_moves_every_plan_and_keeps_history() {
    let db = Db::new();
    let old = db.json(
        "2025-01-01",
        &[
            "card",
            "add",
            "--bank",
            "招商银行",
            "--last4",
            "1234",
            "--label",
            "工资卡",
        ],
    )["id"]
        .to_string();
    let new = db.json(
        "2025-01-01",
        &["card", "add", "--bank", "招商银行", "--last4", "5678"],
    )["id"]
        .to_string();
    let other = db.json(
        "2025-01-01",
        &["card", "add", "--bank", "Chase", "--last4", "9999"],
    )["id"]
        .to_string();
    let a = db.add_plan(&["--card", &old]).to_string();
    let b = db.add_plan(&[]).to_string(); // the default card: the first one added
    let c = db.add_plan(&["--card", &other]).to_string();
    db.ok("2025-01-15", &["pay", &a]);
    db.ok("2025-01-15", &["pay", &c, "--card", &old]);
    let out = db.ok("2025-01-20", &["card", "replace", &old, &new]);
    assert!(out.contains("Moved 2 plans"), "{out}");
    let plans = db.json("2025-01-20", &["plan", "list"]);
    let card_of = |id: &str| {
        plans
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"].to_string().as_str() == id)
            .unwrap()["card_id"]
            .to_string()
    };
    assert_eq!(card_of(&a), new);
    assert_eq!(card_of(&b), new);
    assert_eq!(card_of(&c), other);
    let history = db.json("2025-01-20", &["history"]);
    for payment in history.as_array().unwrap() {
        assert_eq!(payment["card"].to_string(), old);
    }
    let cards = db.json("2025-01-20", &["card", "list", "--all"]);
    let find = |id: &str| {
        cards
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"].to_string().as_str() == id)
            .unwrap()
            .clone()
    };
    assert_eq!(find(&old)["archived"], true);
    assert_eq!(find(&old)["default"], false);
    assert_eq!(find(&new)["default"], true);
    assert_eq!(s(&find(&new)["last4"]), "5678");
    let active = db.json("2025-01-20", &["card", "list", "--active"]);
    assert_eq!(active.as_array().unwrap().len(), 2);
    assert!(
        active
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["archived"] == false)
    );
    // An archived card can no longer be chosen.
    let out = db.run_on("2025-01-20", &["pay", &a, "--card", &old]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_full_card_number_is_cut_to_its_last_four_digits() {
    let db = Db::new();
    let out = db.run(&[
        "card",
        "add",
        "--bank",
        "工商银行",
        "--last4",
        "6222 0212 3456 7890",
    ]);
    assert!(out.status.success());
    let notice = String::from_utf8_lossy(&out.stderr);
    assert!(notice.contains("7890"), "{notice}");
    assert!(!notice.contains("6222"), "{notice}");
    let cards = db.json("2025-01-01", &["card", "list"]);
    assert_eq!(s(&cards[0]["last4"]), "7890");
    assert!(!db.dump(false).contains("6222"));
    let bytes = std::fs::read(&db.path).unwrap();
    let wal = std::fs::read(db.path.with_extension("db-wal")).unwrap_or_default();
    for data in [bytes, wal] {
        assert!(!data.windows(4).any(|w| w == b"6222"));
    }
}

#[test]
fn due_lists_overdue_upcoming_and_what_each_card_must_hold() {
    let db = Db::new();
    let card = db.json(
        "2025-01-01",
        &["card", "add", "--bank", "招商银行", "--last4", "1234"],
    )["id"]
        .to_string();
    let a = db.add_plan(&["--card", &card]).to_string();
    db.json(
        "2025-01-01",
        &[
            "plan",
            "add",
            "--name",
            "AirPods",
            "--provider",
            "花呗",
            "--principal",
            "1200",
            "--periods",
            "3",
            "--total-fee",
            "2.3%",
            "--first-due",
            "2025-02-20",
            "--card",
            &card,
        ],
    );
    let due = db.json("2025-02-10", &["due", "--days", "30"]);
    assert_eq!(due["overdue"][0]["plan_id"].to_string(), a);
    assert_eq!(due["overdue"][0]["days"], -26);
    let upcoming = due["upcoming"].as_array().unwrap();
    assert_eq!(upcoming.len(), 2);
    assert_eq!(s(&upcoming[0]["due_date"]), "2025-02-15");
    assert_eq!(upcoming[0]["days"], 5);
    assert_eq!(s(&upcoming[1]["due_date"]), "2025-02-20");
    assert_eq!(s(&upcoming[1]["amount"]), "409.20");
    let per_card = &due["per_card"][0];
    assert_eq!(per_card["card_id"].to_string(), card);
    // 536 overdue + penalty (536 × 0.05% × 26 = 6.968 → 6.97) + 536 + 409.20
    assert_eq!(s(&per_card["total"]), "1488.17");
    assert_eq!(s(&per_card["by"]), "2025-02-10");
    let check = db.run_on("2025-02-10", &["due", "--check"]);
    assert_eq!(check.status.code(), Some(1));
    let quiet = Db::new();
    quiet.add_plan(&[]);
    assert_eq!(
        quiet
            .run_on("2025-01-01", &["due", "--days", "7", "--check"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        quiet
            .run_on("2025-01-01", &["due", "--days", "14", "--check"])
            .status
            .code(),
        Some(1)
    );
}

/// `due --check` keeps exit status 1 for "something is due": every error is 2, so a cron job
/// or a prompt can tell "pay something" from "fenqi could not tell".
#[test]
fn due_check_exits_2_on_every_error_and_1_only_when_something_is_due() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, b"keep").unwrap();
    let damaged = dir.path().join("damaged.db");
    std::fs::write(&damaged, b"SQLite format 3\0 and then nothing useful").unwrap();
    let cases: [(&std::path::Path, &[&str], &str); 4] = [
        (&file.join("fenqi.db"), &[], "cannot open"),
        (&file, &[], "not a fenqi database"),
        (&damaged, &[], "--db"),
        (&dir.path().join("ok.db"), &["--days", "-1"], "--days"),
    ];
    for (path, extra, needle) in cases {
        let args = [&["due", "--check"][..], extra].concat();
        let out = common::run(path, "2025-01-01", &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{path:?} {args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(needle), "{needle:?} not in {stderr}");
    }
    // Without --check the same failure to open keeps its usual status.
    let out = common::run(&file.join("fenqi.db"), "2025-01-01", &["due"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&file).unwrap(), b"keep");
}

#[test]
fn history_filters_by_plan_dates_and_channel() {
    let db = Db::new();
    let a = db.add_plan(&[]).to_string();
    let b = db.add_plan(&[]).to_string();
    db.ok("2025-01-15", &["pay", &a, "--channel", "app"]);
    db.ok("2025-01-15", &["pay", &b, "--channel", "online-banking"]);
    db.ok("2025-02-15", &["pay", &a, "--channel", "auto-debit"]);
    let all = db.json("2025-03-01", &["history"]);
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert_eq!(s(&all[0]["paid_on"]), "2025-02-15");
    for key in [
        "id",
        "plan_id",
        "paid_on",
        "amount",
        "channel",
        "card",
        "reference",
        "failed",
        "kind",
    ] {
        assert!(all[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(
        db.json("2025-03-01", &["history", "--plan", &a])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        db.json("2025-03-01", &["history", "--since", "2025-02-01"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        db.json("2025-03-01", &["history", "--until", "2025-01-31"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let online = db.json("2025-03-01", &["history", "--channel", "online-banking"]);
    assert_eq!(online[0]["plan_id"].to_string(), b);
}

#[test]
fn limits_count_unpaid_principal_per_provider() {
    let db = Db::new();
    let id = db.add_plan(&[]).to_string();
    db.add_plan(&[]);
    db.ok(
        "2025-01-01",
        &[
            "limit",
            "set",
            "--provider",
            "小米分期",
            "--amount",
            "20000",
        ],
    );
    db.ok("2025-01-15", &["pay", &id]);
    let limits = db.json("2025-01-15", &["limit", "list"]);
    assert_eq!(s(&limits[0]["provider"]), "小米分期");
    assert_eq!(s(&limits[0]["limit"]), "20000.00");
    assert_eq!(s(&limits[0]["used"]), "11500.00");
    assert_eq!(s(&limits[0]["available"]), "8500.00");
}

#[test]
fn plan_list_and_show_carry_the_contract_fields() {
    let db = Db::new();
    let id = db.add_plan(&[]);
    let list = db.json("2025-01-01", &["plan", "list"]);
    let p = &list[0];
    assert_eq!(p["id"], id);
    assert_eq!(s(&p["name"]), "iPhone 15");
    assert_eq!(s(&p["provider"]), "小米分期");
    assert_eq!(s(&p["principal"]), "6000.00");
    assert_eq!(p["periods"], 12);
    assert_eq!(p["paid_periods"], 0);
    assert_eq!(s(&p["remaining"]), "6432.00");
    assert_eq!(s(&p["next_due_date"]), "2025-01-15");
    assert_eq!(s(&p["apr_percent"]), "13.0342");
    assert_eq!(s(&p["status"]), "active");
    let show = db.json("2025-01-01", &["plan", "show", &id.to_string()]);
    assert_eq!(s(&show["apr_percent"]), "13.0342");
    assert_eq!(s(&show["ear_percent"]), "13.8418");
    let first = &show["schedule"][0];
    for key in [
        "period",
        "due_date",
        "amount",
        "principal",
        "fee",
        "paid",
        "status",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(s(&first["amount"]), "536.00");
    assert_eq!(s(&show["schedule"][1]["due_date"]), "2025-02-15");
    let text = db.ok("2025-01-01", &["plan", "list"]);
    assert!(
        text.contains("iPhone 15") && text.contains("13.0342"),
        "{text}"
    );
}

#[test]
fn plan_edit_changes_terms_until_the_first_repayment() {
    let db = Db::new();
    let id = db.add_plan(&[]).to_string();
    db.ok(
        "2025-01-01",
        &[
            "plan",
            "edit",
            &id,
            "--name",
            "iPhone 15 Pro",
            "--periods",
            "6",
        ],
    );
    let show = db.json("2025-01-01", &["plan", "show", &id]);
    assert_eq!(s(&show["name"]), "iPhone 15 Pro");
    assert_eq!(show["schedule"].as_array().unwrap().len(), 6);
    assert_eq!(s(&show["schedule"][0]["amount"]), "1036.00");
    db.ok("2025-01-15", &["pay", &id]);
    let before = db.dump(false);
    let out = db.run_on("2025-01-15", &["plan", "edit", &id, "--principal", "7000"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(db.dump(false), before);
    db.ok(
        "2025-01-15",
        &[
            "plan",
            "edit",
            &id,
            "--grace-days",
            "5",
            "--provider",
            "小米金融",
        ],
    );
    let show = db.json("2025-01-15", &["plan", "show", &id]);
    assert_eq!(show["grace_days"], 5);
    assert_eq!(show["paid_periods"], 1);
}

#[test]
fn plan_delete_needs_yes_without_a_terminal() {
    let db = Db::new();
    let id = db.add_plan(&[]).to_string();
    let before = db.dump(false);
    let out = db.run(&["plan", "delete", &id]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--yes"));
    assert_eq!(db.dump(false), before);
    db.ok("2025-01-01", &["plan", "delete", &id, "--yes"]);
    assert_eq!(
        db.json("2025-01-01", &["plan", "list", "--all"]),
        Value::Array(vec![])
    );
}

#[test]
fn undo_reverts_each_kind_of_change() {
    let db = Db::new();
    db.ok("2025-01-01", &["card", "list"]);
    let mut states = vec![db.dump(true)];
    let mut step = |today: &str, args: &[&str]| {
        db.ok(today, args);
        states.push(db.dump(true));
    };
    step(
        "2025-01-01",
        &["card", "add", "--bank", "招商银行", "--last4", "1234"],
    );
    step(
        "2025-01-01",
        &["card", "add", "--bank", "Chase", "--last4", "5678"],
    );
    step("2025-01-01", &["card", "default", "2"]);
    step(
        "2025-01-01",
        &[
            "plan",
            "add",
            "--name",
            "A",
            "--provider",
            "花呗",
            "--principal",
            "900",
            "--periods",
            "3",
            "--total-fee",
            "4.5%",
            "--first-due",
            "2025-01-10",
            "--card",
            "1",
        ],
    );
    step(
        "2025-01-01",
        &common::plan_add_args("B", "小米分期", "2025-01-15"),
    );
    step("2025-01-01", &["plan", "edit", "2", "--name", "B2"]);
    step("2025-01-10", &["pay", "1"]);
    step("2025-02-10", &["pay", "1", "--failed"]);
    step("2025-02-12", &["pay", "1", "--amount", "100"]);
    step("2025-02-20", &["payoff", "2", "--yes"]);
    step(
        "2025-02-20",
        &["limit", "set", "--provider", "花呗", "--amount", "5000"],
    );
    step(
        "2025-02-20",
        &["limit", "set", "--provider", "花呗", "--amount", "8000"],
    );
    step("2025-02-20", &["card", "replace", "1", "2"]);
    step("2025-02-20", &["plan", "delete", "1", "--yes"]);
    let kinds = states.len() - 1;
    for expected in states[..kinds].iter().rev() {
        let out = db.ok("2025-02-20", &["undo"]);
        assert!(out.starts_with("Undid:"), "{out}");
        assert_eq!(&db.dump(true), expected);
    }
    let out = db.ok("2025-02-20", &["undo"]);
    assert!(out.contains("Nothing to undo"), "{out}");
}

#[test]
fn demo_fills_sample_plans_with_each_story() {
    let db = Db::new();
    db.ok("2025-06-20", &["demo", "--plans", "40", "--seed", "3"]);
    let plans = db.json("2025-06-20", &["plan", "list", "--all"]);
    let plans = plans.as_array().unwrap();
    assert_eq!(plans.len(), 40);
    let statuses: Vec<&str> = plans.iter().map(|p| s(&p["status"])).collect();
    for status in ["overdue", "debit-failed", "paid-off", "active"] {
        assert!(statuses.contains(&status), "no {status} in {statuses:?}");
    }
    let providers: std::collections::BTreeSet<&str> =
        plans.iter().map(|p| s(&p["provider"])).collect();
    assert!(providers.len() >= 4, "{providers:?}");
    let history = db.json("2025-06-20", &["history", "--failed"]);
    assert_eq!(history.as_array().unwrap().len(), 1);
    // The same seed gives the same plans.
    let again = Db::new();
    again.ok("2025-06-20", &["demo", "--plans", "40", "--seed", "3"]);
    assert_eq!(
        again.json("2025-06-20", &["plan", "list", "--all"]),
        Value::Array(plans.clone())
    );
    // Undo removes the whole fill.
    db.ok("2025-06-20", &["undo"]);
    assert_eq!(
        db.json("2025-06-20", &["plan", "list", "--all"]),
        Value::Array(vec![])
    );
    assert_eq!(
        db.json("2025-06-20", &["card", "list", "--all"]),
        Value::Array(vec![])
    );
}

#[test]
fn demo_on_a_database_with_data_reuses_its_sample_cards() {
    let db = Db::new();
    db.ok("2025-06-20", &["demo", "--plans", "6", "--seed", "3"]);
    let cards = db.json("2025-06-20", &["card", "list"]);
    assert_eq!(cards.as_array().unwrap().len(), 4);
    let out = db.ok("2025-06-20", &["demo", "--plans", "6", "--seed", "4"]);
    assert!(out.contains("Added 6 sample plans and 0 cards."), "{out}");
    assert_eq!(db.json("2025-06-20", &["card", "list"]), cards);
    let plans = db.json("2025-06-20", &["plan", "list"]);
    let plans = plans.as_array().unwrap();
    assert_eq!(plans.len(), 12);
    let card_ids: Vec<i64> = cards
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert!(
        plans
            .iter()
            .all(|p| card_ids.contains(&p["card_id"].as_i64().unwrap())),
        "{plans:?}"
    );
    // Undoing the second fill keeps the cards the first one added.
    db.ok("2025-06-20", &["undo"]);
    assert_eq!(db.json("2025-06-20", &["card", "list"]), cards);
    assert_eq!(
        db.json("2025-06-20", &["plan", "list"])
            .as_array()
            .unwrap()
            .len(),
        6
    );
    // A replaced (archived) sample card is not reused: plans cannot go to it.
    db.ok(
        "2025-06-20",
        &["card", "add", "--bank", "New", "--last4", "0000"],
    );
    db.ok("2025-06-20", &["card", "replace", "1", "5"]);
    let out = db.ok("2025-06-20", &["demo", "--plans", "4", "--seed", "5"]);
    assert!(out.contains("and 1 card."), "{out}");
}
