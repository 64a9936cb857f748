//! Text output through the built binary on points a QA audit found: English plurals, localised
//! payoff policy names, and "Interest" rather than "Fee" on interest-based plans.

use crate::common;

use common::Db;

/// Runs in `lang` and asserts success; returns stdout and stderr together.
fn ok_in(db: &Db, lang: &str, today: &str, args: &[&str]) -> String {
    let out = db.run_in(lang, today, args);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{args:?}: {text}");
    text
}

#[test]
fn english_counts_are_singular_for_one() {
    let db = Db::new();
    db.ok(
        "2025-01-01",
        &["card", "add", "--bank", "Chase", "--last4", "1111"],
    );
    db.ok(
        "2025-01-01",
        &["card", "add", "--bank", "Chase", "--last4", "2222"],
    );
    // Plan 1 (due 01-15, paid by card 1) and plan 2 (due 01-17).
    db.add_plan(&["--card", "1", "--grace-days", "1"]);
    let mut second = common::plan_add_args("Two", "花呗", "2025-01-17");
    second.extend(["--card", "2"]);
    db.ok("2025-01-01", &second);
    let due = db.ok("2025-01-16", &["due", "--days", "1"]);
    assert!(due.contains("1 day late"), "{due}");
    assert!(due.contains("in 1 day"), "{due}");
    assert!(due.contains("next 1 day"), "{due}");
    assert!(!due.contains("1 days"), "{due}");
    let none = db.ok("2025-01-01", &["due", "--days", "1"]);
    assert!(none.contains("in the next 1 day."), "{none}");
    let show = db.ok("2025-01-01", &["plan", "show", "1"]);
    assert!(show.contains("1 grace day,"), "{show}");
    let moved = db.ok("2025-01-16", &["card", "replace", "1", "2"]);
    assert!(moved.starts_with("Moved 1 plan from card #1"), "{moved}");
    let quote = db.ok(
        "2025-01-01",
        &[
            "quote",
            "--principal",
            "600",
            "--periods",
            "2",
            "--monthly-fee",
            "1%",
            "--payoff-after",
            "1",
        ],
    );
    assert!(quote.contains("after 1 period ("), "{quote}");
    let quote = db.ok(
        "2025-01-01",
        &["quote", "--principal", "600", "--periods", "1"],
    );
    assert!(quote.contains("over 1 period,"), "{quote}");
    let demo = Db::new();
    let text = ok_in(&demo, "en", "2025-03-10", &["demo", "--plans", "1"]);
    assert!(text.contains("Added 1 sample plan and "), "{text}");
    // Chinese has no plural: the same words for one and for many.
    let zh = ok_in(&db, "zh", "2025-01-17", &["due", "--days", "1"]);
    assert!(zh.contains("逾期 2 天"), "{zh}");
    assert!(zh.contains("未来 1 天到期"), "{zh}");
}

#[test]
fn chinese_text_names_the_payoff_policy_with_its_code() {
    let db = Db::new();
    db.add_plan(&["--payoff-policy", "current-fee-due"]);
    let mut annuity = common::plan_add_args("Loan", "Bank", "2025-02-01");
    annuity.truncate(annuity.len() - 4);
    annuity.extend([
        "--annual-rate",
        "12%",
        "--first-due",
        "2025-02-01",
        "--payoff-policy",
        "penalty:2%",
    ]);
    db.ok("2025-01-01", &annuity);
    let show = ok_in(&db, "zh", "2025-01-01", &["plan", "show", "1"]);
    assert!(show.contains("当期手续费照收（current-fee-due）"), "{show}");
    let payoff = ok_in(&db, "zh", "2025-01-01", &["payoff", "1"]);
    assert!(
        payoff.contains("提前还款规则：当期手续费照收（current-fee-due）"),
        "{payoff}"
    );
    let prepay = ok_in(
        &db,
        "zh",
        "2025-01-01",
        &["payoff", "2", "--amount", "1000", "--mode", "keep-term"],
    );
    assert!(
        prepay.contains("剩余手续费全免，另收剩余本金的 2%（penalty:2%）"),
        "{prepay}"
    );
    // English shows the code, which reads as the name; JSON keeps the code in both languages.
    let english = db.ok("2025-01-01", &["payoff", "1"]);
    assert!(english.contains("(current-fee-due):"), "{english}");
    let json = db.json("2025-01-01", &["payoff", "1"]);
    assert_eq!(json["policy"], "current-fee-due");
    let show = db.json("2025-01-01", &["plan", "show", "1"]);
    assert_eq!(show["payoff_policy"], "current-fee-due");
}

/// A 10,000.00 loan over 12 months at `rate` a year by `method`, first due 2025-02-01.
fn interest_plan(db: &Db, method: &str) -> String {
    db.json(
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
            "15%",
            "--method",
            method,
            "--first-due",
            "2025-02-01",
            "--payoff-policy",
            "interest-to-date",
        ],
    )["id"]
        .to_string()
}

#[test]
fn interest_based_plans_say_interest_not_fee() {
    let db = Db::new();
    for method in ["annuity", "equal-principal"] {
        let id = interest_plan(&db, method);
        for (lang, interest, fee) in [("en", "Interest", "Fee"), ("zh", "利息", "手续费")] {
            let show = ok_in(&db, lang, "2025-01-01", &["plan", "show", &id]);
            let schedule_header = show
                .lines()
                .find(|l| {
                    l.contains(interest)
                        && l.contains(if lang == "en" { "Period" } else { "期数" })
                })
                .unwrap_or_else(|| panic!("no {interest} column in\n{show}"));
            assert!(!schedule_header.contains(fee), "{schedule_header}");
            let total = if lang == "en" {
                "Total interest"
            } else {
                "总利息"
            };
            assert!(show.contains(total), "{show}");
            let payoff = ok_in(&db, lang, "2025-01-01", &["payoff", &id]);
            assert!(payoff.contains(interest), "{payoff}");
            assert!(!payoff.contains(fee), "{payoff}");
        }
        let paid = db.ok("2025-02-01", &["pay", &id]);
        assert!(paid.contains(", interest 125.00, principal"), "{paid}");
        // JSON keeps `fee`.
        let show = db.json("2025-02-01", &["plan", "show", &id]);
        assert_eq!(show["schedule"][0]["fee"], "125.00");
        assert!(db.json("2025-02-01", &["payoff", &id])["fee"].is_string());
    }
    // Fee-based plans keep "Fee".
    let id = db.add_plan(&[]).to_string();
    let show = db.ok("2025-01-01", &["plan", "show", &id]);
    assert!(show.contains("Total fee"), "{show}");
    let payoff = db.ok("2025-01-01", &["payoff", &id]);
    assert!(payoff.contains("Fee"), "{payoff}");
    assert!(!payoff.contains("Interest"), "{payoff}");
}
