//! The terms of real plans (schema 4) through the JSON dump, `check`, `import` and the other
//! exports: a round trip keeps every new term, a schema-2 dump still imports, a plan whose
//! stored terms break the rules is named by `check` and refused by `import`, and the CSV,
//! ledger and calendar outputs carry the new dates and the late fees.

use crate::common::interop as interop_support;

use interop_support::*;
use serde_json::Value;

/// Two plans with every new term between them: 微粒贷-like daily interest from a start date
/// dated by a statement day, and an Afterpay-like pay-in-4 with late fees under two caps.
fn with_real_terms() -> Fenqi {
    let f = Fenqi::new();
    f.ok(&[
        "plan",
        "add",
        "--name",
        "现金借款",
        "--provider",
        "微粒贷",
        "--principal",
        "5000",
        "--periods",
        "5",
        "--daily-rate",
        "0.05%",
        "--method",
        "equal-principal",
        "--start",
        "2025-01-24",
        "--statement-day",
        "24",
        "--due-after",
        "20",
        "--penalty-base",
        "principal",
        "--penalty-min",
        "0.01",
        "--tolerance",
        "1",
        "--payoff-policy",
        "interest-to-date",
    ]);
    let mut add = vec![
        "plan",
        "add",
        "--name",
        "Headphones",
        "--provider",
        "Afterpay",
        "--min-fee",
        "0",
    ];
    add.extend_from_slice(crate::common::PAY_IN_4);
    add.extend_from_slice(crate::common::AFTERPAY_LATE_FEES);
    f.ok(&add);
    f
}

fn show(f: &Fenqi, id: &str) -> Value {
    serde_json::from_str(&f.ok(&["plan", "show", id, "--json"])).unwrap()
}

#[test]
fn a_round_trip_keeps_every_new_term() {
    let source = with_real_terms();
    let dump_path = source.path("dump.json");
    source.ok(&[
        "export",
        "--format",
        "json",
        "--out",
        dump_path.to_str().unwrap(),
    ]);
    let dump: Value = serde_json::from_str(&std::fs::read_to_string(&dump_path).unwrap()).unwrap();
    assert_eq!(dump["schema_version"], fenqi::store::DUMP_SCHEMA_VERSION);
    let columns = dump["tables"]["plans"]["columns"].as_array().unwrap();
    for column in [
        "start_on",
        "due_rule",
        "late_fee_cap_percent",
        "tolerance_cents",
    ] {
        assert!(columns.iter().any(|c| c == column), "{column}");
    }
    let target = source.sibling("restored.db");
    target.ok(&["import", dump_path.to_str().unwrap()]);
    assert_eq!(target.json(), source.json());
    for id in ["1", "2"] {
        assert_eq!(show(&target, id), show(&source, id), "plan #{id}");
    }
    let daily = show(&target, "1");
    assert_eq!(daily["fee_model"], "daily-equal-principal");
    assert_eq!(daily["start"], "2025-01-24");
    assert_eq!(daily["due_rule"], "statement-day");
    assert_eq!(daily["statement_day"], 24);
    assert_eq!(daily["due_after"], 20);
    assert_eq!(daily["penalty_base"], "principal");
    assert_eq!(daily["penalty_min"], "0.01");
    assert_eq!(daily["tolerance"], "1.00");
    assert_eq!(daily["schedule"][0]["due_date"], "2025-03-16");
    let pay_in_4 = show(&target, "2");
    assert_eq!(pay_in_4["every"], "2w");
    assert_eq!(pay_in_4["late_fee"], "10.00");
    assert_eq!(pay_in_4["late_fee_extra"], "7.00:7");
    assert_eq!(
        pay_in_4["late_fee_caps"],
        serde_json::json!(["68.00", "25%"])
    );
    assert_eq!(pay_in_4["min_fee"], Value::Null);
    target.ok(&["check"]);
}

/// A dump made by the schema-2 fenqi (tests/fixtures/dump-v2.json) imports into this one: its
/// plans take the defaults of every new term (dated by their first due dates, no start date).
#[test]
fn a_schema_2_dump_still_imports() {
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dump-v2.json");
    let f = Fenqi::new();
    let out = f.ok(&["import", fixture.to_str().unwrap()]);
    assert!(out.contains("(0 already present)"), "{out}");
    f.ok(&["check"]);
    assert_eq!(f.count("SELECT count(*) FROM plans"), 12);
    assert_eq!(
        f.count("SELECT count(*) FROM plans WHERE due_rule = 'first-due' AND start_on IS NULL AND every = 'month'"),
        12
    );
    let plan = show(&f, "1");
    assert_eq!(plan["due_rule"], "first-due");
    assert_eq!(plan["late_fee_caps"], serde_json::json!([]));
    // Importing it again adds nothing.
    let again = f.ok(&["import", fixture.to_str().unwrap()]);
    assert!(again.starts_with("imported 0 rows"), "{again}");
}

/// Stored terms that break the rules: due dates that no longer follow from the due-date rule,
/// and a late fee beyond fenqi's bounds. `check` names each plan (exit 1); a dump holding them
/// is refused by `import`, which writes nothing.
#[test]
fn check_and_import_hold_plans_to_their_terms() {
    let f = with_real_terms();
    f.ok(&["check"]);
    let conn = f.sql();
    conn.execute("UPDATE plans SET statement_day = 25 WHERE id = 1", [])
        .unwrap();
    conn.execute(
        "UPDATE plans SET late_fee_cents = 10000000001 WHERE id = 2",
        [],
    )
    .unwrap();
    drop(conn);
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        report.contains("plan #1: its due dates do not follow"),
        "{report}"
    );
    assert!(report.contains("plan #2"), "{report}");
    assert!(report.contains("--late-fee"), "{report}");
    let dump_path = f.path("bad.json");
    f.ok(&[
        "export",
        "--format",
        "json",
        "--out",
        dump_path.to_str().unwrap(),
    ]);
    let target = f.sibling("target.db");
    target.ok(&["plan", "list"]);
    let before = target.json();
    let refusal = target.fails(&["import", dump_path.to_str().unwrap()], 2);
    assert!(refusal.contains("plan #1"), "{refusal}");
    assert_eq!(target.json(), before, "nothing imported");
}

/// The exports carry the new dates and the late fees: plans.csv has the terms' columns, an
/// overdue installment its penalty and late fees so far (in installments.csv, in the ledger's
/// pending transaction, and in its calendar event), and the books open a plan on its start
/// date.
#[test]
fn exports_carry_the_dates_and_late_fees() {
    let f = with_real_terms();
    // On 2025-03-30 (FENQI_TODAY is 2025-06-15: every Afterpay payment is late): period 1 due
    // 03-01 unpaid gets 10 + 7 = 17.00, the cap 25.00 leaves 8.00 for period 2, 0 after.
    let csv = f.ok(&["export", "--format", "csv", "--what", "plans"]);
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(
            "first_due,start,every,due_rule,due_day,statement_day,due_after,min_fee,\
             penalty_base,penalty_min,late_fee,late_fee_extra,late_fee_caps,tolerance"
        ),
        "{header}"
    );
    let afterpay = csv.lines().nth(2).unwrap();
    assert!(
        afterpay.ends_with(
            "2025-03-01,2025-03-01,2w,first-due,,,,,installment,0.00,10.00,7.00:7,68.00 25%,0.00"
        ),
        "{afterpay}"
    );
    let installments = f.ok(&["export", "--format", "csv", "--what", "installments"]);
    assert!(
        installments
            .lines()
            .next()
            .unwrap()
            .ends_with(",card,penalty"),
        "{installments}"
    );
    let late_fees: Vec<&str> = installments
        .lines()
        .filter(|l| l.starts_with("2,"))
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert_eq!(late_fees, ["17.00", "8.00", "0.00", "0.00"]);
    let ledger = f.ok(&["export", "--format", "ledger"]);
    assert!(
        ledger.contains("2025-03-01 * Afterpay Headphones"),
        "opened on its start date:\n{ledger}"
    );
    assert!(
        ledger.contains("2025-01-24 * 微粒贷 现金借款"),
        "opened on its start date:\n{ledger}"
    );
    let pending = ledger
        .split("\n\n")
        .find(|t| t.contains("Headphones 1/4"))
        .unwrap();
    assert!(
        pending.contains("Expenses:Fenqi:Penalties  17.00 CNY"),
        "{pending}"
    );
    let ics = f.ok(&["export", "--format", "ics"]).replace("\r\n ", "");
    assert!(ics.contains("penalty and late fees so far 17.00"), "{ics}");
    if tool_available("hledger") {
        let file = f.path("books.journal");
        std::fs::write(&file, &ledger).unwrap();
        let out = std::process::Command::new("hledger")
            .args(["-f", file.to_str().unwrap(), "check"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
