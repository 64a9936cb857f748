//! `export --format ledger|beancount`: accepted by hledger, ledger and bean-check, with balances
//! that agree with the database to the cent.

use crate::common::interop as interop_support;

use std::collections::BTreeMap;

use interop_support::*;

/// Cents from a tool's number: `-649.5`, `104902`, `-3199.36 CNY`, `1,234.50`.
fn cents(number: &str) -> i64 {
    let text: String = number
        .trim()
        .trim_end_matches("CNY")
        .trim()
        .replace(',', "");
    let negative = text.starts_with('-');
    let digits = text.trim_start_matches('-');
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let frac = format!("{frac:0<2}");
    assert_eq!(frac.len(), 2, "{number}");
    let value = whole.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap();
    if negative { -value } else { value }
}

/// Balances by account; zero balances dropped (the tools omit them).
type Balances = BTreeMap<String, i64>;

fn nonzero(map: Balances) -> Balances {
    map.into_iter().filter(|(_, v)| *v != 0).collect()
}

/// What the books must say today, from the database: liabilities = remaining principal,
/// purchases = principals, fees and penalties as allocated, cards as paid from.
fn expected_cleared(f: &Fenqi) -> Balances {
    let conn = f.sql();
    let mut out = Balances::new();
    let mut stmt = conn
        .prepare("SELECT id, remaining_principal_cents FROM plans")
        .unwrap();
    for row in stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
        .unwrap()
    {
        let (id, remaining) = row.unwrap();
        out.insert(format!("Liabilities:Fenqi:Plan{id}"), -remaining);
    }
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    out.insert(
        "Expenses:Fenqi:Purchases".into(),
        one("SELECT sum(principal_cents) FROM plans"),
    );
    out.insert(
        "Expenses:Fenqi:Fees".into(),
        one("SELECT coalesce(sum(fee_cents), 0) FROM allocations"),
    );
    out.insert(
        "Expenses:Fenqi:Penalties".into(),
        one("SELECT coalesce(sum(penalty_cents), 0) FROM allocations"),
    );
    nonzero(out)
}

/// Total paid from cards (successful repayments only), negative as the books show it.
fn expected_paid_from_cards(f: &Fenqi) -> i64 {
    -f.count("SELECT coalesce(sum(amount_cents), 0) FROM repayments WHERE failed = 0 AND card_id IS NOT NULL")
}

fn parse_pairs(text: &str, separator: char) -> Balances {
    text.lines()
        .filter_map(|line| line.split_once(separator))
        .map(|(account, amount)| {
            (
                account.trim().trim_matches('"').to_string(),
                amount.trim().trim_matches('"').to_string(),
            )
        })
        .filter(|(account, _)| account.contains(':'))
        .map(|(account, amount)| (account, cents(&amount)))
        .collect()
}

fn hledger_balances(file: &str, cleared: bool) -> Balances {
    let mut args = vec!["-f", file, "bal", "-N", "--flat", "-O", "csv"];
    if cleared {
        args.push("-C");
    }
    nonzero(parse_pairs(&tool("hledger", &args), ','))
}

fn ledger_balances(file: &str) -> Balances {
    let out = tool(
        "ledger",
        &[
            "-f",
            file,
            "bal",
            "--cleared",
            "--flat",
            "--no-total",
            "--balance-format",
            "%(account)\t%(quantity(scrub(display_total)))\n",
        ],
    );
    nonzero(parse_pairs(&out, '\t'))
}

fn beancount_balances(file: &str) -> Balances {
    let out = tool(
        "bean-query",
        &[
            "-f",
            "csv",
            file,
            "SELECT account, sum(number) AS total WHERE flag = '*' GROUP BY account",
        ],
    );
    nonzero(parse_pairs(&out, ','))
}

/// Only the accounts fenqi's totals speak about, plus the total of all card accounts.
fn comparable(mut all: Balances) -> (Balances, i64) {
    let cards: i64 = all
        .iter()
        .filter(|(a, _)| a.starts_with("Assets:Fenqi:Card"))
        .map(|(_, v)| v)
        .sum();
    all.retain(|a, _| !a.starts_with("Assets:"));
    (all, cards)
}

/// The ledger and beancount exports of `f`, written beside its database.
fn export_books(f: &Fenqi) -> (std::path::PathBuf, std::path::PathBuf) {
    let ledger_file = f.path("books.ledger");
    let bean_file = f.path("books.beancount");
    for (format, file) in [("ledger", &ledger_file), ("beancount", &bean_file)] {
        f.ok(&[
            "export",
            "--format",
            format,
            "--out",
            file.to_str().unwrap(),
        ]);
    }
    (ledger_file, bean_file)
}

fn check_books(f: &Fenqi) {
    let (ledger_file, bean_file) = export_books(f);
    let ledger_path = ledger_file.to_str().unwrap();
    let bean_path = bean_file.to_str().unwrap();
    assert_eq!(mode(&ledger_file), 0o600);
    for path in [&ledger_file, &bean_file] {
        let text = std::fs::read_to_string(path).unwrap();
        for line in text.lines() {
            assert!(!line.starts_with("include"), "directive smuggled: {line}");
            assert!(
                !line.trim_start().starts_with("Assets:Evil"),
                "posting smuggled: {line}"
            );
        }
    }
    let expected = expected_cleared(f);
    let paid = expected_paid_from_cards(f);
    if tool_available("hledger") {
        tool("hledger", &["-f", ledger_path, "check"]);
        let (books, cards) = comparable(hledger_balances(ledger_path, true));
        assert_eq!(books, expected, "hledger -C");
        assert_eq!(cards, paid, "hledger cards");
        let (all_in, _) = comparable(hledger_balances(ledger_path, false));
        assert!(
            all_in.keys().all(|a| !a.starts_with("Liabilities:")),
            "with pending dues every plan should be settled: {all_in:?}"
        );
    }
    if tool_available("ledger") {
        let (books, cards) = comparable(ledger_balances(ledger_path));
        assert_eq!(books, expected, "ledger --cleared");
        assert_eq!(cards, paid, "ledger cards");
    }
    if tool_available("bean-check") {
        tool("bean-check", &[bean_path]);
    }
    if tool_available("bean-query") {
        let (books, cards) = comparable(beancount_balances(bean_path));
        assert_eq!(books, expected, "bean-query flag = '*'");
        assert_eq!(cards, paid, "beancount cards");
    }
}

#[test]
fn journals_are_accepted_and_agree_with_fenqi_to_the_cent() {
    let f = Fenqi::demo();
    let finished = f.count("SELECT count(*) FROM plans WHERE status <> 'active'");
    assert!(finished > 0, "the demo should hold a finished plan");
    check_books(&f);
}

#[test]
fn a_penalty_and_a_payoff_reach_the_books() {
    let f = Fenqi::new();
    f.ok(&["card", "add", "--bank", "CMB", "--last4", "1234"]);
    let id = f
        .ok(&[
            "plan",
            "add",
            "--name",
            "Phone",
            "--provider",
            "花呗",
            "--principal",
            "6000",
            "--periods",
            "12",
            "--monthly-fee",
            "0.6%",
            "--first-due",
            "2025-03-10",
        ])
        .trim()
        .to_string();
    // Period 1 paid on time, period 2 paid 20 days late (with its penalty), then paid off.
    f.ok(&["pay", &id, "--on", "2025-03-10", "--ref", "=1+1"]);
    f.ok(&["pay", &id, "--on", "2025-04-30"]);
    f.ok(&["pay", &id, "--failed", "--on", "2025-05-10"]);
    f.ok(&["payoff", &id, "--on", "2025-05-20", "--yes"]);
    assert!(f.count("SELECT sum(penalty_cents) FROM allocations") > 0);
    check_books(&f);
}

#[test]
fn hostile_text_leaves_the_journals_valid() {
    check_books(&hostile_demo());
}

/// Automatic postings count as paid in the books too: cleared on their due dates from the
/// plan's card, tagged `fenqi-unconfirmed`, and listed in the CSV tables as unconfirmed.
#[test]
fn unconfirmed_postings_reach_the_books_and_the_tables() {
    let f = Fenqi::new();
    f.ok(&["card", "add", "--bank", "CMB", "--last4", "1234"]);
    #[rustfmt::skip]
    f.ok(&["plan", "add", "--name", "Phone", "--provider", "花呗", "--principal", "6000",
        "--periods", "12", "--monthly-fee", "0.6%", "--first-due", "2025-03-10", "--card", "1",
        "--auto-debit"]);
    // Due by 2025-06-15: 03-10 (paid by hand), 04-10, 05-10 and 06-10 (posted).
    f.ok(&["pay", "1", "--on", "2025-03-10"]);
    let (ledger_file, bean_file) = export_books(&f);
    let ledger_path = ledger_file.to_str().unwrap();
    let bean_path = bean_file.to_str().unwrap();
    let ledger_text = std::fs::read_to_string(&ledger_file).unwrap();
    assert_eq!(
        ledger_text
            .matches("; fenqi-unconfirmed: auto-debit")
            .count(),
        3
    );
    let bean_text = std::fs::read_to_string(&bean_file).unwrap();
    assert_eq!(bean_text.matches("#fenqi-unconfirmed").count(), 3);
    // By hand: 4 periods of 500.00 + 36.00 paid or posted from the card.
    let expected: Balances = [
        ("Expenses:Fenqi:Fees", 4 * 3600),
        ("Expenses:Fenqi:Purchases", 600_000),
        ("Liabilities:Fenqi:Plan1", -(600_000 - 4 * 50_000)),
    ]
    .into_iter()
    .map(|(a, v)| (a.to_string(), v))
    .collect();
    let paid = -4 * 53_600;
    if tool_available("hledger") {
        tool("hledger", &["-f", ledger_path, "check"]);
        let (books, cards) = comparable(hledger_balances(ledger_path, true));
        assert_eq!((books, cards), (expected.clone(), paid), "hledger -C");
        let (all_in, _) = comparable(hledger_balances(ledger_path, false));
        assert!(
            !all_in.contains_key("Liabilities:Fenqi:Plan1"),
            "{all_in:?}"
        );
    }
    if tool_available("ledger") {
        let (books, cards) = comparable(ledger_balances(ledger_path));
        assert_eq!((books, cards), (expected.clone(), paid), "ledger --cleared");
    }
    if tool_available("bean-check") {
        tool("bean-check", &[bean_path]);
    }
    if tool_available("bean-query") {
        let (books, cards) = comparable(beancount_balances(bean_path));
        assert_eq!((books, cards), (expected, paid), "bean-query");
    }
    let repayments = f.ok(&["export", "--format", "csv", "--what", "repayments"]);
    let lines: Vec<&str> = repayments.lines().collect();
    assert!(
        lines[0].ends_with(",period,source,confirmed"),
        "{repayments}"
    );
    assert_eq!(
        lines.len(),
        5,
        "the repayment and three postings: {repayments}"
    );
    assert!(lines[1].ends_with(",1,manual,true"), "{repayments}");
    for (line, due) in lines[2..]
        .iter()
        .zip(["2025-04-10", "2025-05-10", "2025-06-10"])
    {
        assert!(
            line.starts_with(&format!(
                ",1,Phone,花呗,{due},536.00,500.00,36.00,0.00,auto-debit,"
            )),
            "{line}"
        );
        assert!(line.ends_with(",auto-debit,false"), "{line}");
    }
    let installments = f.ok(&["export", "--format", "csv", "--what", "installments"]);
    let unconfirmed = installments
        .lines()
        .filter(|l| l.contains(",paid,false,"))
        .count();
    assert_eq!(unconfirmed, 3, "{installments}");
}
