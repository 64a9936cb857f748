//! The terms flags of real plans through the built binary: `--daily-rate` and `--method`,
//! `--min-fee`, `--start`, `--every`, the due-date rules, the overdue rules, `fee-on-remaining`;
//! the published cases of tests/domain/providers.rs reproduced by `quote`, and every bad value
//! refused in one line naming its flag.

use std::process::Command;

use serde_json::Value;

/// Runs `fenqi --lang LANG quote ARGS` with today 2025-01-10 and no database.
fn quote_in(lang: &str, args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fenqi.db");
    let out = Command::new(env!("CARGO_BIN_EXE_fenqi"))
        .args(["--lang", lang, "--today", "2025-01-10", "quote"])
        .args(args)
        .env("FENQI_DB", &db)
        .output()
        .unwrap();
    assert!(!db.exists(), "quote touches no database");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The JSON `quote` prints for `args`.
fn quote(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let (code, stdout, stderr) = quote_in("en", &all);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    serde_json::from_str(&stdout).unwrap()
}

/// One schedule field of every period.
fn column(value: &Value, field: &str) -> Vec<String> {
    value["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i[field].as_str().unwrap().to_string())
        .collect()
}

/// 微粒贷 5,000.00 over 5 months at 0.05% a day by actual days (hand-computed from 微众银行's
/// rule; see tests/domain/providers.rs), as annuity and as equal principal.
#[test]
fn daily_rate_by_actual_days() {
    let loan = [
        "--principal",
        "5000",
        "--periods",
        "5",
        "--daily-rate",
        "0.05%",
        "--start",
        "2025-03-05",
    ];
    let value = quote(&loan);
    assert_eq!(value["model"], "daily-annuity");
    assert_eq!(value["method"], "annuity");
    assert_eq!(
        column(&value, "due_date"),
        [
            "2025-04-05",
            "2025-05-05",
            "2025-06-05",
            "2025-07-05",
            "2025-08-05"
        ]
    );
    assert_eq!(
        column(&value, "fee"),
        ["77.50", "60.48", "47.23", "30.73", "16.03"]
    );
    assert_eq!(
        column(&value, "amount"),
        ["1045.45", "1045.45", "1045.45", "1045.45", "1050.17"]
    );
    assert_eq!(value["naive_annual_percent"], "18.2500");
    let mut ep = loan.to_vec();
    ep.extend(["--method", "equal-principal"]);
    let value = quote(&ep);
    assert_eq!(value["model"], "daily-equal-principal");
    assert_eq!(
        column(&value, "fee"),
        ["77.50", "60.00", "46.50", "30.00", "15.50"]
    );
}

/// 借呗 先息后本: 10,000.00 at 0.03% a day from 2025-01-15 for 3 months: 93.00, 84.00, 93.00
/// by days (31, 28, 31); paying off after period 1 on 03-15 under interest-to-date is the
/// principal and 28 days' interest. An annual rate interest only: 12,000.00 at 12% is 120.00 a
/// month. (By hand.)
#[test]
fn interest_only_by_days_and_by_the_month() {
    let value = quote(&[
        "--principal",
        "10000",
        "--periods",
        "3",
        "--daily-rate",
        "0.03%",
        "--method",
        "interest-only",
        "--start",
        "2025-01-15",
        "--payoff-after",
        "1",
        "--payoff-policy",
        "interest-to-date",
    ]);
    assert_eq!(value["model"], "daily-interest-only");
    assert_eq!(column(&value, "fee"), ["93.00", "84.00", "93.00"]);
    assert_eq!(column(&value, "amount"), ["93.00", "84.00", "10093.00"]);
    assert_eq!(value["payoff"]["amount"], "10084.00");
    assert_eq!(value["payoff"]["fee"], "84.00");
    let value = quote(&[
        "--principal",
        "12000",
        "--periods",
        "3",
        "--annual-rate",
        "12%",
        "--method",
        "interest-only",
    ]);
    assert_eq!(value["model"], "interest-only");
    assert_eq!(column(&value, "amount"), ["120.00", "120.00", "12120.00"]);
}

/// The due-date rules of tests/domain/providers.rs (白条 bought on 31 Jan; due day 10 from
/// 5 Feb; 建设 statement day 24 + 20; 白条 账单制 1 + 9) and the default from `--start`.
#[test]
fn due_date_rules() {
    let base = [
        "--principal",
        "1200",
        "--periods",
        "3",
        "--monthly-fee",
        "0.5%",
    ];
    let dates = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        column(&quote(&args), "due_date")
    };
    let end_of_month = ["2025-02-28", "2025-03-31", "2025-04-30"];
    assert_eq!(dates(&["--start", "2025-01-31"]), end_of_month);
    assert_eq!(
        dates(&["--start", "2025-01-31", "--due-day", "31"]),
        end_of_month
    );
    assert_eq!(
        dates(&["--start", "2025-02-05", "--due-day", "10"]),
        ["2025-03-10", "2025-04-10", "2025-05-10"]
    );
    for start in ["2025-01-24", "2025-02-10", "2025-02-23"] {
        assert_eq!(
            dates(&[
                "--start",
                start,
                "--statement-day",
                "24",
                "--due-after",
                "20"
            ]),
            ["2025-03-16", "2025-04-13", "2025-05-14"],
            "{start}"
        );
    }
    assert_eq!(
        dates(&[
            "--start",
            "2025-04-05",
            "--statement-day",
            "1",
            "--due-after",
            "9"
        ]),
        ["2025-05-10", "2025-06-10", "2025-07-10"]
    );
    // No rule and no start: one month after today (2025-01-10).
    assert_eq!(dates(&[])[0], "2025-02-10");
    let value = quote(&[
        "--principal",
        "1200",
        "--periods",
        "3",
        "--start",
        "2025-02-05",
        "--due-day",
        "10",
    ]);
    assert_eq!(value["start"], "2025-02-05");
    assert_eq!(value["due_rule"], "due-day");
    assert_eq!(value["due_day"], 10);
    assert_eq!(value["every"], "month");
    assert_eq!(value["first_due"], "2025-03-10");
}

/// Pay-in-4 every two weeks, the first payment at purchase (k = 0): interest-free is 0%; four
/// 26.00 on 100.00 (a 4% total fee) is APR 69.6565%, EAR 98.8533% at 26 periods a year
/// (bisection with exact fractions, tests/domain/providers.rs).
#[test]
fn every_two_weeks_with_the_first_at_start() {
    let pay_in_4 = crate::common::PAY_IN_4;
    let value = quote(pay_in_4);
    assert_eq!(
        column(&value, "due_date"),
        ["2025-03-01", "2025-03-15", "2025-03-29", "2025-04-12"]
    );
    assert_eq!(value["apr_percent"], "0.0000");
    assert_eq!(value["every"], "2w");
    let mut fee = pay_in_4.to_vec();
    fee.extend(["--total-fee", "4%"]);
    let value = quote(&fee);
    assert_eq!(
        column(&value, "amount"),
        ["26.00", "26.00", "26.00", "26.00"]
    );
    assert_eq!(value["apr_percent"], "69.6565");
    assert_eq!(value["ear_percent"], "98.8533");
    // Ten-day periods: due every 10 days from the start.
    let value = quote(&[
        "--principal",
        "300",
        "--periods",
        "3",
        "--every",
        "10d",
        "--start",
        "2025-01-01",
    ]);
    assert_eq!(
        column(&value, "due_date"),
        ["2025-01-11", "2025-01-21", "2025-01-31"]
    );
}

/// 招商银行's minimum fee of 5.00: 600.00 over 12 at 0.6% is 3.60 a period, charged 5.00.
#[test]
fn minimum_fee() {
    let value = quote(&[
        "--principal",
        "600",
        "--periods",
        "12",
        "--monthly-fee",
        "0.6%",
        "--min-fee",
        "5",
    ]);
    assert!(column(&value, "fee").iter().all(|f| f == "5.00"));
    assert_eq!(column(&value, "amount")[0], "55.00");
    assert_eq!(value["min_fee"], "5.00");
    assert_eq!(value["total_fee"], "60.00");
}

/// The overdue flags are taken and echoed by `quote --json`; `fee-on-remaining` is a fee.
#[test]
fn overdue_terms_and_fee_on_remaining() {
    let value = quote(&[
        "--principal",
        "100",
        "--periods",
        "4",
        "--grace-days",
        "0",
        "--penalty-base",
        "balance",
        "--penalty-min",
        "0.01",
        "--late-fee",
        "10",
        "--late-fee-extra",
        "7:7",
        "--late-fee-cap",
        "68",
        "--late-fee-cap",
        "25%",
        "--late-fee-cap",
        "80",
        "--tolerance",
        "1",
    ]);
    assert_eq!(value["grace_days"], 0);
    assert_eq!(value["penalty_base"], "balance");
    assert_eq!(value["penalty_min"], "0.01");
    assert_eq!(value["late_fee"], "10.00");
    assert_eq!(value["late_fee_extra"], "7.00:7");
    assert_eq!(
        value["late_fee_caps"],
        serde_json::json!(["68.00", "25%"]),
        "the lowest of each kind"
    );
    assert_eq!(value["tolerance"], "1.00");
    // 小米分期: 3,000.00 over 6 at a 0.6% monthly fee, paid off after 2 periods: the
    // remaining principal 2,000.00 and 3.9% of it (78.00) as a fee, no penalty.
    let value = quote(&[
        "--principal",
        "3000",
        "--periods",
        "6",
        "--monthly-fee",
        "0.6%",
        "--payoff-after",
        "2",
        "--payoff-policy",
        "fee-on-remaining:3.9%",
    ]);
    let payoff = &value["payoff"];
    assert_eq!(payoff["principal"], "2000.00");
    assert_eq!(payoff["fee"], "78.00");
    assert_eq!(payoff["penalty"], "0.00");
    assert_eq!(payoff["amount"], "2078.00");
    assert_eq!(payoff["policy"], "fee-on-remaining:3.9%");
}

/// Each bad value: exit 2, nothing on stdout, one line naming the flag, in both languages.
#[test]
fn bad_values_name_their_flag() {
    let plan = ["--principal", "600", "--periods", "4"];
    let cases: &[(&[&str], &str)] = &[
        (&["--due-day", "32"], "--due-day"),
        (&["--due-day", "0"], "--due-day"),
        (&["--every", "0d"], "--every"),
        (&["--every", "366d"], "--every"),
        (&["--every", "fortnight"], "--every"),
        (&["--late-fee-cap", "120%"], "--late-fee-cap"),
        (&["--late-fee-cap", "x"], "--late-fee-cap"),
        (
            &["--daily-rate", "0.05%", "--monthly-fee", "1%"],
            "--monthly-fee, --daily-rate",
        ),
        (&["--statement-day", "24"], "--statement-day"),
        (&["--due-after", "20"], "--due-after"),
        (
            &["--statement-day", "24", "--due-after", "61"],
            "--due-after",
        ),
        (
            &["--statement-day", "32", "--due-after", "5"],
            "--statement-day",
        ),
        (
            &["--due-day", "10", "--first-due", "2025-03-10"],
            "--first-due, --due-day",
        ),
        (
            &[
                "--due-day",
                "10",
                "--statement-day",
                "1",
                "--due-after",
                "9",
            ],
            "--due-day, --statement-day",
        ),
        (&["--due-day", "10", "--every", "2w"], "--due-day"),
        (&["--start", "2025-02-30"], "--start"),
        (
            &["--start", "2025-03-01", "--first-due", "2025-02-01"],
            "--first-due",
        ),
        (&["--daily-rate", "1.5%"], "--daily-rate"),
        (&["--daily-rate", "x"], "--daily-rate"),
        (&["--method", "interest-only"], "--method"),
        (&["--daily-rate", "0.05%", "--method", "bullet"], "--method"),
        (&["--monthly-fee", "1%", "--min-fee", "-5"], "--min-fee"),
        (&["--annual-rate", "10%", "--min-fee", "5"], "--min-fee"),
        (
            &["--monthly-fee", "1%", "--min-fee", "100000001"],
            "--min-fee",
        ),
        (&["--penalty-base", "order"], "--penalty-base"),
        (&["--penalty-min", "1000.01"], "--penalty-min"),
        (&["--late-fee", "abc"], "--late-fee"),
        (&["--late-fee", "100000000.01"], "--late-fee"),
        (&["--late-fee-extra", "7"], "--late-fee-extra"),
        (&["--late-fee-extra", "7:0"], "--late-fee-extra"),
        (&["--tolerance", "-1"], "--tolerance"),
        (
            &[
                "--payoff-after",
                "1",
                "--payoff-policy",
                "fee-on-remaining:x",
            ],
            "--payoff-policy",
        ),
    ];
    for (extra, flags) in cases {
        let mut args = plan.to_vec();
        args.extend_from_slice(extra);
        for lang in ["en", "zh"] {
            let (code, stdout, stderr) = quote_in(lang, &args);
            assert_eq!(code, 2, "{args:?}: {stderr}");
            assert!(stdout.is_empty(), "{args:?}: {stdout}");
            assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
            assert!(
                stderr.contains(&format!("{flags}:")),
                "{args:?} names {flags}: {stderr}"
            );
        }
    }
    let (_, _, stderr) = quote_in("en", &with_plan(&plan, &["--due-day", "32"]));
    assert!(stderr.contains("1 to 31"), "{stderr}");
    let (_, _, stderr) = quote_in("en", &with_plan(&plan, &["--every", "0d"]));
    assert!(stderr.contains("month, 2w, 1w or Nd"), "{stderr}");
    let (_, _, stderr) = quote_in("zh", &with_plan(&plan, &["--statement-day", "24"]));
    assert!(stderr.contains("--due-after"), "{stderr}");
}

fn with_plan<'a>(plan: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    let mut all = plan.to_vec();
    all.extend_from_slice(extra);
    all
}

/// `plan add`, `plan show` and `plan edit` on a database, in a temp directory.
mod on_a_database {
    use crate::common::Db;
    use serde_json::Value;

    fn s(v: &Value) -> &str {
        v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
    }

    fn column(plan: &Value, field: &str) -> Vec<String> {
        plan["schedule"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| s(&i[field]).to_string())
            .collect()
    }

    /// 微粒贷's published example (www.ylsglaw.com/b/325474.html, dated 2024-12-20, a secondary
    /// source read 2026-12-06 for assets/presets.toml): 5,000 borrowed on 5月1日 over 5 months,
    /// 等额本金 at about 0.05% a day: interest 77.50, 60, 46.50, 31, 15; repaid after 10 days,
    /// 25.00 interest and no other charge. Borrowed today (the default start) and paid off under
    /// interest-to-date.
    #[test]
    fn weilidai_published_example() {
        let db = Db::new();
        let id = db.json(
            "2025-05-01",
            &[
                "plan",
                "add",
                "--name",
                "借款",
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
                "--payoff-policy",
                "interest-to-date",
            ],
        )["id"]
            .to_string();
        let plan = db.json("2025-05-01", &["plan", "show", &id]);
        assert_eq!(
            column(&plan, "fee"),
            ["77.50", "60.00", "46.50", "31.00", "15.00"]
        );
        assert_eq!(plan["start"], "2025-05-01");
        let payoff = db.json("2025-05-11", &["payoff", &id]);
        assert_eq!(s(&payoff["fee"]), "25.00");
        assert_eq!(s(&payoff["penalty"]), "0.00");
        assert_eq!(s(&payoff["amount"]), "5025.00");
    }

    /// A plan dated by a due day keeps its rule: shown in text and JSON, changed by `plan edit`
    /// before any repayment, locked after one (its overdue rules still change).
    #[test]
    fn plan_add_show_and_edit_keep_the_rules() {
        let db = Db::new();
        let add = [
            "plan",
            "add",
            "--name",
            "白条",
            "--provider",
            "京东白条",
            "--principal",
            "1200",
            "--periods",
            "3",
            "--monthly-fee",
            "0.5%",
            "--start",
            "2025-01-31",
            "--due-day",
            "31",
            "--min-fee",
            "7",
        ];
        let id = db.json("2025-01-31", &add)["id"].to_string();
        let plan = db.json("2025-01-31", &["plan", "show", &id]);
        assert_eq!(
            column(&plan, "due_date"),
            ["2025-02-28", "2025-03-31", "2025-04-30"]
        );
        assert_eq!(column(&plan, "fee"), ["7.00", "7.00", "7.00"]);
        assert_eq!(plan["due_rule"], "due-day");
        assert_eq!(plan["due_day"], 31);
        let text = db.ok("2025-01-31", &["plan", "show", &id]);
        assert!(text.contains("Minimum fee      7.00"), "{text}");
        assert!(text.contains("Start            2025-01-31"), "{text}");
        assert!(
            text.contains("Due dates        monthly, day 31 of each month"),
            "{text}"
        );
        let zh = db.run_in("zh", "2025-01-31", &["plan", "show", &id]);
        let zh = String::from_utf8(zh.stdout).unwrap();
        assert!(zh.contains("每月 31 日"), "{zh}");
        db.ok("2025-01-31", &["plan", "edit", &id, "--due-day", "10"]);
        let plan = db.json("2025-01-31", &["plan", "show", &id]);
        assert_eq!(
            column(&plan, "due_date"),
            ["2025-02-10", "2025-03-10", "2025-04-10"]
        );
        db.ok("2025-02-10", &["pay", &id]);
        let before = db.dump(true);
        let out = db.run_on("2025-02-10", &["plan", "edit", &id, "--every", "2w"]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(db.dump(true), before, "locked terms: nothing written");
        db.ok(
            "2025-02-10",
            &["plan", "edit", &id, "--late-fee", "5", "--tolerance", "1"],
        );
        let plan = db.json("2025-02-10", &["plan", "show", &id]);
        assert_eq!(plan["late_fee"], "5.00");
        assert_eq!(plan["tolerance"], "1.00");
    }

    /// Every bad value of `plan add` and `plan edit`: exit 2, its flag named, nothing written.
    #[test]
    fn bad_values_write_nothing() {
        let db = Db::new();
        let id = db.add_plan(&[]).to_string();
        let before = db.dump(false);
        let add = |extra: &[&'static str]| {
            let mut args = vec![
                "plan",
                "add",
                "--name",
                "X",
                "--provider",
                "Y",
                "--principal",
                "600",
                "--periods",
                "4",
            ];
            args.extend_from_slice(extra);
            args
        };
        let cases: Vec<(Vec<&str>, &str)> = vec![
            (add(&["--due-day", "32"]), "--due-day"),
            (add(&["--every", "0d"]), "--every"),
            (add(&["--late-fee-cap", "120%"]), "--late-fee-cap"),
            (
                add(&["--daily-rate", "0.05%", "--monthly-fee", "1%"]),
                "--monthly-fee, --daily-rate",
            ),
            (add(&["--statement-day", "24"]), "--statement-day"),
            (add(&["--penalty-min", "1000.01"]), "--penalty-min"),
            (vec!["plan", "edit", &id, "--due-after", "5"], "--due-after"),
            (
                vec!["plan", "edit", &id, "--due-day", "10", "--start", "x"],
                "--start",
            ),
            (
                vec!["plan", "edit", &id, "--late-fee-extra", "7"],
                "--late-fee-extra",
            ),
        ];
        for (args, flag) in cases {
            let out = db.run_on("2025-01-01", &args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.contains(&format!("{flag}:")), "{args:?}: {err}");
            assert_eq!(db.dump(false), before, "{args:?} wrote something");
        }
    }

    /// 金条's principal base (3,000.00 at 0.05% a day from 2025-01-10, nothing paid on 02-20:
    /// 3,000.00 × 0.05% × 10 = 15.00 on period 1, tests/domain/providers.rs) through `due`.
    #[test]
    fn the_penalty_base_applies_to_what_is_due() {
        let db = Db::new();
        let id = db.json(
            "2025-01-10",
            &[
                "plan",
                "add",
                "--name",
                "金条",
                "--provider",
                "京东金条",
                "--principal",
                "3000",
                "--periods",
                "3",
                "--daily-rate",
                "0.05%",
                "--method",
                "equal-principal",
                "--penalty-base",
                "principal",
            ],
        )["id"]
            .to_string();
        let due = db.json("2025-02-20", &["due"]);
        let item = &due["overdue"][0];
        assert_eq!(item["plan_id"].to_string(), id);
        assert_eq!(s(&item["amount"]), "1046.50");
        assert_eq!(s(&item["penalty"]), "15.00");
    }

    /// Afterpay's late fees (10.00, 7.00 more at 7 days late, at most 25% of 100.00): the first
    /// payment made at purchase, the next two missed; on 03-30 periods 2 and 3 owe 17.00 and
    /// 8.00, and a payment pays them first (tests/domain/providers.rs).
    #[test]
    fn late_fees_are_shown_and_paid_first() {
        let db = Db::new();
        let mut add = vec![
            "plan",
            "add",
            "--name",
            "Headphones",
            "--provider",
            "Afterpay",
        ];
        add.extend_from_slice(crate::common::PAY_IN_4);
        add.extend_from_slice(crate::common::AFTERPAY_LATE_FEES);
        let id = db.json("2025-03-01", &add)["id"].to_string();
        db.ok("2025-03-01", &["pay", &id]);
        let plan = db.json("2025-03-30", &["plan", "show", &id]);
        assert_eq!(column(&plan, "penalty"), ["0.00", "17.00", "8.00", "0.00"]);
        assert_eq!(
            column(&plan, "status"),
            ["paid", "overdue", "overdue", "pending"]
        );
        let paid = db.json("2025-03-30", &["pay", &id]);
        assert_eq!(s(&paid["amount"]), "42.00");
        assert_eq!(s(&paid["allocations"][0]["penalty"]), "17.00");
        assert_eq!(s(&paid["allocations"][0]["principal"]), "25.00");
    }

    /// Within the tolerance (容差) a period is not overdue and accrues nothing; its rest stays
    /// owed, partly paid, listed under upcoming.
    #[test]
    fn a_rest_within_the_tolerance_is_not_overdue() {
        let db = Db::new();
        let id = db.add_plan(&["--tolerance", "1"]).to_string();
        db.ok("2025-01-15", &["pay", &id, "--amount", "535.50"]);
        let due = db.json("2025-02-04", &["due", "--days", "0"]);
        assert_eq!(due["overdue"], serde_json::json!([]));
        let item = &due["upcoming"][0];
        assert_eq!(s(&item["amount"]), "0.50");
        assert_eq!(s(&item["penalty"]), "0.00");
        let plan = db.json("2025-02-04", &["plan", "show", &id]);
        assert_eq!(s(&plan["schedule"][0]["status"]), "partly-paid");
    }
}
