//! The decision tests' databases, built through the binary: the plans `summary` and `advise`
//! are checked on (tests/cli/decide.rs works their figures out by hand, tests/tui/decide.rs
//! shows them).

use super::Db;

/// `plan add` of an interest-free plan (no rate flag) unless `extra` names a fee.
pub fn add_plan(db: &Db, provider: &str, principal: &str, periods: &str, extra: &[&str]) -> i64 {
    let mut args = vec![
        "plan",
        "add",
        "--name",
        "x",
        "--provider",
        provider,
        "--principal",
        principal,
        "--periods",
        periods,
    ];
    args.extend_from_slice(extra);
    db.json("2025-01-01", &args)["id"].as_i64().unwrap()
}

/// Five plans on 2025-03-10, every figure worked by hand below:
/// 1. 花呗 1,200.00 over 12, interest-free (100.00 a period, APR 0), due the 15th from January;
///    period 1 paid, period 2 (15 Feb) overdue 23 days (16 Feb – 10 Mar, past 3 grace days):
///    penalty 100.00 × 0.05% × 23 = 1.15; period 3 due 15 Mar.
/// 2. 招商银行 6,000.00 over 12 at 0.6% a month from 12 Feb: 536.00 a period from 12 Mar,
///    APR 13.0342% (PRODUCT.md's worked example).
/// 3. 京东白条 600.00 over 3, interest-free, auto-debit, due 5 Mar, 5 Apr, 5 May: period 1 is
///    posted (paid by auto-debit, unconfirmed), so 400.00 is owed.
/// 4. 小米分期 300.00 over 3, interest-free, due 8 Mar (2 days late: within grace, still due),
///    8 Apr, 8 May.
/// 5. 花呗 100.00 in one period due 1 Feb, paid: owes nothing.
///
/// Limits: 花呗 2,000.00, 京东白条 1,000.00, Klarna 500.00 (no plans).
pub fn summary_db() -> Db {
    let db = Db::new();
    add_plan(&db, "花呗", "1200", "12", &["--first-due", "2025-01-15"]);
    db.ok("2025-01-15", &["pay", "1"]);
    add_plan(
        &db,
        "招商银行",
        "6000",
        "12",
        &["--monthly-fee", "0.6%", "--start", "2025-02-12"],
    );
    add_plan(
        &db,
        "京东白条",
        "600",
        "3",
        &["--auto-debit", "--first-due", "2025-03-05"],
    );
    add_plan(&db, "小米分期", "300", "3", &["--first-due", "2025-03-08"]);
    add_plan(&db, "花呗", "100", "1", &["--first-due", "2025-02-01"]);
    db.ok("2025-02-01", &["pay", "5"]);
    for (provider, amount) in [("花呗", "2000"), ("京东白条", "1000"), ("Klarna", "500")] {
        db.ok(
            "2025-03-10",
            &["limit", "set", "--provider", provider, "--amount", amount],
        );
    }
    db
}

/// Four 花呗 plans due from 15 January 2025, nothing paid: 6,000.00 at 0.6% a month over 12,
/// 4,000.00 at 1.25% over 6 and 2,000.00 at 1% over 6, all waiving the remaining fees on a
/// payoff, and 3,000.00 at 0.6% over 6 charging every remaining fee.
pub fn advise_db() -> Db {
    let db = Db::new();
    for (principal, periods, fee, policy) in [
        ("6000", "12", "0.6%", "waive-remaining-fees"),
        ("4000", "6", "1.25%", "waive-remaining-fees"),
        ("2000", "6", "1%", "waive-remaining-fees"),
        ("3000", "6", "0.6%", "all-fees-due"),
    ] {
        add_plan(
            &db,
            "花呗",
            principal,
            periods,
            &[
                "--monthly-fee",
                fee,
                "--first-due",
                "2025-01-15",
                "--payoff-policy",
                policy,
            ],
        );
    }
    db
}
