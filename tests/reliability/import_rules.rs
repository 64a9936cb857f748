//! `import` and `check` hold stored data to what the commands accept (issue 12, item 11): a
//! negative penalty, fee rate or discount, a discount over 100%, fee-free periods repeated or
//! beyond the plan, a credit limit over `limit set`'s cap, a card replaced by itself or in a
//! circle, a stored APR or total fee that its terms do not give, an installment moved off its
//! schedule, a repayment dated after today. Each is made with SQL behind fenqi's back; `check`
//! names it (exit 1), and its export is refused by `import` into a new database in one line
//! (exit 2) with nothing written. Through the binary.

use crate::common::{Db, run};

/// The day the binary runs as.
const TODAY: &str = "2025-06-15";

/// Two cards, a limit, a monthly-fee plan with a discount and fee-free periods (#1), an
/// annuity (#2), a payment on each.
fn source() -> Db {
    let db = Db::new();
    for last4 in ["1111", "2222"] {
        db.ok(
            TODAY,
            &["card", "add", "--bank", "招商银行", "--last4", last4],
        );
    }
    db.ok(
        TODAY,
        &["limit", "set", "--provider", "花呗", "--amount", "8000"],
    );
    let plan = |extra: &[&str]| {
        let mut args = vec![
            "plan",
            "add",
            "--name",
            "iPhone",
            "--provider",
            "花呗",
            "--principal",
            "6000",
            "--periods",
            "12",
            "--first-due",
            "2025-01-15",
        ];
        args.extend_from_slice(extra);
        db.ok(TODAY, &args);
    };
    plan(&[
        "--monthly-fee",
        "0.6%",
        "--fee-discount",
        "80%",
        "--fee-free-periods",
        "2,3",
    ]);
    plan(&["--annual-rate", "12%"]);
    for id in ["1", "2"] {
        db.ok(TODAY, &["pay", id, "--on", "2025-01-15"]);
    }
    db.ok(TODAY, &["check"]);
    db
}

/// Each change behind fenqi's back and what `check` and `import` say about it.
const CASES: &[(&str, &str)] = &[
    (
        "UPDATE plans SET penalty_daily = '-0.0005' WHERE id = 1",
        "plan #1: --penalty-daily: must not be negative",
    ),
    (
        "UPDATE plans SET fee_rate = '-0.006' WHERE id = 1",
        "plan #1: --monthly-fee: must not be negative",
    ),
    (
        "UPDATE plans SET fee_discount = '-0.2' WHERE id = 1",
        "plan #1: --fee-discount: must not be negative",
    ),
    (
        "UPDATE plans SET fee_discount = '1.5' WHERE id = 1",
        "plan #1: --fee-discount: ",
    ),
    (
        "UPDATE plans SET fee_free_periods = '2,2,3' WHERE id = 1",
        "plan #1: --fee-free-periods: each period once, in order",
    ),
    (
        "UPDATE plans SET fee_free_periods = '2,3,13' WHERE id = 1",
        "plan #1: --fee-free-periods: ",
    ),
    (
        "UPDATE credit_limits SET limit_cents = 1000000000000001",
        "the credit limit of 花呗 is above what limit set takes",
    ),
    (
        "UPDATE cards SET is_default = 0; UPDATE cards SET archived = 1, replaced_by = 2 WHERE id = 2",
        "card #2 is replaced by itself",
    ),
    (
        "UPDATE cards SET is_default = 0;
         UPDATE cards SET archived = 1, replaced_by = 2 WHERE id = 1;
         UPDATE cards SET archived = 1, replaced_by = 1 WHERE id = 2",
        "card #1: its replacements go round in a circle",
    ),
    (
        "UPDATE plans SET apr_percent = '1.0000' WHERE id = 2",
        "plan #2: its APR is not what its terms give",
    ),
    (
        "UPDATE plans SET ear_percent = '99.0000' WHERE id = 2",
        "plan #2: its effective annual rate is not what its terms give",
    ),
    (
        "UPDATE plans SET total_fee_cents = total_fee_cents + 100 WHERE id = 1",
        "plan #1: its total fee is not what its terms give",
    ),
    (
        "UPDATE installments SET due_on = '2025-05-20' WHERE plan_id = 2 AND period = 5",
        "plan #2: its due dates do not follow from its start date, period length and due-date rule",
    ),
    // Principal moved between two unpaid periods: every total still adds up.
    (
        "UPDATE installments SET principal_cents = principal_cents + 100
             WHERE plan_id = 2 AND period = 7;
         UPDATE installments SET principal_cents = principal_cents - 100
             WHERE plan_id = 2 AND period = 8",
        "plan #2: its period 7 (its principal or fee) is not what its terms give",
    ),
    (
        "UPDATE repayments SET paid_on = '2025-07-01' WHERE id = 2",
        "repayment #2 is dated 2025-07-01, after today (2025-06-15)",
    ),
];

#[test]
fn check_and_import_refuse_what_the_commands_refuse() {
    let source = source();
    for (index, (sql, said)) in CASES.iter().enumerate() {
        let changed = Db::new();
        std::fs::copy(&source.path, &changed.path).unwrap();
        let conn = rusqlite::Connection::open(&changed.path).unwrap();
        conn.execute_batch(sql).unwrap();
        drop(conn);
        let out = run(&changed.path, TODAY, &["check"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{sql}: check said\n{stdout}");
        assert!(stdout.contains(said), "{sql}: check said\n{stdout}");
        let dump = changed.export_json(&format!("case-{index}.json"));
        let target = Db::new();
        let out = run(&target.path, TODAY, &["import", dump.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{sql}: import said {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{sql}: {stderr}");
        assert!(stderr.contains(said), "{sql}: import said {stderr}");
        let conn = rusqlite::Connection::open(&target.path).unwrap();
        let rows: i64 = conn
            .query_row(
                "SELECT (SELECT count(*) FROM plans) + (SELECT count(*) FROM cards)
                     + (SELECT count(*) FROM credit_limits)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(rows, 0, "{sql}: something was imported");
    }
    // The unchanged export still imports, and the same check passes on it.
    let dump = source.export_json("source.json");
    let target = Db::new();
    target.ok(TODAY, &["import", dump.to_str().unwrap()]);
    target.ok(TODAY, &["check"]);
    // In Chinese too.
    let changed = Db::new();
    std::fs::copy(&source.path, &changed.path).unwrap();
    rusqlite::Connection::open(&changed.path)
        .unwrap()
        .execute_batch(CASES[0].0)
        .unwrap();
    let out = changed.run_in("zh", TODAY, &["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("分期 #1：--penalty-daily：不能为负数（plan add 不会接受这样的条款）"),
        "{stdout}"
    );
    println!(
        "import rules: {} kinds of data the commands refuse, each made behind fenqi's back: named by check (exit 1) and refused by import in one line (exit 2), nothing written",
        CASES.len()
    );
}
