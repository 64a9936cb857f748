//! Scenario 7 (command-line flags): hostile text in every flag and argument — full-width and
//! Arabic-Indic digits, NaN, inf, 1e400, 2024-02-30, 10,000-character names, control
//! characters, right-to-left marks, arbitrary Unicode. Never a panic; a refusal is one line
//! naming the field with exit status 2 and leaves every table as it was; what is accepted is
//! stored without control or bidi-override characters.

use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::common::{Db, dump};

/// Where the hostile value goes: `{}` in one argument.
const TEMPLATES: &[&[&str]] = &[
    &[
        "plan",
        "add",
        "--name={}",
        "--provider=P",
        "--principal=6000",
        "--periods=12",
        "--monthly-fee=0.6%",
        "--first-due=2025-01-15",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider={}",
        "--principal=6000",
        "--periods=12",
        "--monthly-fee=0.6%",
        "--first-due=2025-01-15",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal={}",
        "--periods=12",
        "--monthly-fee=0.6%",
        "--first-due=2025-01-15",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal=6000",
        "--periods={}",
        "--monthly-fee=0.6%",
        "--first-due=2025-01-15",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal=6000",
        "--periods=12",
        "--monthly-fee={}",
        "--first-due=2025-01-15",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal=6000",
        "--periods=12",
        "--total-fee={}",
        "--first-due=2025-01-15",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal=6000",
        "--periods=12",
        "--annual-rate={}",
        "--first-due=2025-01-15",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal=6000",
        "--periods=12",
        "--first-due={}",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal=6000",
        "--periods=12",
        "--first-due=2025-01-15",
        "--card={}",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal=6000",
        "--periods=12",
        "--first-due=2025-01-15",
        "--grace-days={}",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal=6000",
        "--periods=12",
        "--first-due=2025-01-15",
        "--penalty-daily={}",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal=6000",
        "--periods=12",
        "--first-due=2025-01-15",
        "--penalty-from={}",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal=6000",
        "--periods=12",
        "--first-due=2025-01-15",
        "--payoff-policy={}",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal=6000",
        "--periods=12",
        "--monthly-fee=0.6%",
        "--first-due=2025-01-15",
        "--fee-discount={}",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal=6000",
        "--periods=12",
        "--monthly-fee=0.6%",
        "--first-due=2025-01-15",
        "--fee-free-periods={}",
    ],
    &[
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal=6000",
        "--periods=12",
        "--first-due=2025-01-15",
        "--remainder={}",
    ],
    &["plan", "edit", "1", "--name={}"],
    &["plan", "edit", "3", "--principal={}"],
    &["plan", "edit", "1", "--auto-debit={}"],
    &["plan", "show", "--", "{}"],
    &["plan", "list", "--search={}"],
    &["pay", "--", "{}"],
    &["pay", "1", "--amount={}"],
    &["pay", "1", "--on={}"],
    &["pay", "1", "--channel={}"],
    &["pay", "1", "--card={}"],
    &["pay", "1", "--ref={}"],
    &["pay", "1", "--failed", "--amount={}"],
    &["payoff", "2", "--on={}"],
    &["payoff", "2", "--yes", "--on={}"],
    &["payoff", "--", "{}"],
    &["due", "--days={}"],
    &["history", "--since={}"],
    &["history", "--until={}"],
    &["history", "--plan={}"],
    &["history", "--channel={}"],
    &["card", "add", "--bank={}", "--last4=1234"],
    &["card", "add", "--bank=B", "--last4={}"],
    &["card", "add", "--bank=B", "--last4=1234", "--label={}"],
    &["card", "replace", "--", "{}", "1"],
    &["limit", "set", "--provider={}", "--amount=100"],
    &["limit", "set", "--provider=P", "--amount={}"],
    &["quote", "--principal={}", "--periods=12"],
    &[
        "quote",
        "--principal=6000",
        "--periods=12",
        "--monthly-fee={}",
    ],
    &["--today={}", "due"],
    &["--lang={}", "due"],
];

/// The field a refusal must name for this template.
fn field(template: &[&str]) -> String {
    let slot = template.iter().find(|a| a.contains("{}")).unwrap();
    match slot.split_once('=') {
        Some((flag, _)) => flag.to_string(),
        None if template[0] == "card" => "OLD".into(),
        None => "PLAN".into(),
    }
}

fn hostile() -> impl Strategy<Value = String> {
    let fixed: Vec<String> = [
        "NaN",
        "nan",
        "inf",
        "-inf",
        "Infinity",
        "1e400",
        "1E5",
        "-0",
        "0x10",
        "2024-02-30",
        "2025-13-01",
        "0000-00-00",
        "99999-01-01",
        "-1",
        "",
        " ",
        "１２３",
        "٣",
        "١٢٣٤",
        "۱۲",
        "12.345",
        "1,2,3",
        "99999999999999999999999",
        "\u{200F}100",
        "\u{202E}100",
        "a\u{7}b",
        "\t",
        "\n",
        "%",
        "0.6%%",
        "∞",
        "½",
        "①",
        "¥",
        "--help",
        "-",
        "#",
        "0",
        "１０％",
        "٠٫٥%",
        "2025/01/15",
        "15.01.2025",
        "2025-1-5",
        "+12",
        "1_000",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    prop_oneof![
        3 => proptest::sample::select(fixed),
        2 => "[0-9٠-٩۰-۹０-９.,%+eE-]{0,14}",
        2 => any::<String>(),
        1 => "[\\x01-\\x1f\u{7f}\u{200e}\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}a-z0-9 ]{1,20}",
        1 => prop_oneof![Just("名".repeat(10_000)), Just("x".repeat(10_000)), Just("9".repeat(10_000))],
    ]
}

/// A database with a card, three plans (one with a payment) and a limit.
fn seeded() -> Db {
    let db = Db::new();
    db.ok(
        "2025-01-01",
        &["card", "add", "--bank", "招商银行", "--last4", "1234"],
    );
    db.add_plan(&["--card", "1"]);
    db.add_plan(&[]);
    db.add_plan(&[]);
    db.ok("2025-01-15", &["pay", "3"]);
    db.ok(
        "2025-01-01",
        &["limit", "set", "--provider", "花呗", "--amount", "100"],
    );
    db
}

fn argv(db: &Path, template: &[&str], value: &str) -> Vec<String> {
    let mut all: Vec<String> = vec![
        "--db".into(),
        db.display().to_string(),
        "--lang".into(),
        "en".into(),
    ];
    if !template.iter().any(|a| a.starts_with("--today")) {
        all.push("--today=2025-02-01".into());
    }
    all.extend(template.iter().map(|a| a.replace("{}", value)));
    all
}

/// Runs one command in this process; returns whether it succeeded.
fn run_in_process(args: &[String]) -> bool {
    let parsed = match fenqi::cli::Cli::try_parse_from(
        std::iter::once("fenqi".to_string()).chain(args.iter().cloned()),
    ) {
        Ok(parsed) => parsed,
        Err(_) => return false,
    };
    let Ok(ctx) = fenqi::cli::Context::from_cli(&parsed) else {
        return false;
    };
    match &parsed.command {
        Some(command) => fenqi::cli::run(command, &ctx) == ExitCode::SUCCESS,
        None => false,
    }
}

/// No stored text holds a control or bidi-override character.
fn assert_clean_text(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    for sql in [
        "SELECT name || provider FROM plans",
        "SELECT bank || label FROM cards",
        "SELECT reference FROM repayments",
        "SELECT provider FROM credit_limits",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        for text in stmt.query_map([], |r| r.get::<_, String>(0)).unwrap() {
            let text = text.unwrap();
            assert!(
                !text.chars().any(|c| c.is_control()
                    || ('\u{202A}'..='\u{202E}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)),
                "stored {text:?}"
            );
        }
    }
}

#[test]
fn hostile_flags_in_process_never_panic_and_refusals_write_nothing() {
    let cases = super::rng::env_count("FENQI_FLAG_CASES", 400) as u32;
    let db = seeded();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let tally = std::cell::RefCell::new((0, 0));
    runner
        .run(&(0..TEMPLATES.len(), hostile()), |(t, value)| {
            let before = dump(&db.path, false);
            let ok = run_in_process(&argv(&db.path, TEMPLATES[t], &value));
            if ok {
                tally.borrow_mut().0 += 1;
            } else {
                tally.borrow_mut().1 += 1;
                prop_assert_eq!(
                    dump(&db.path, false),
                    before,
                    "{:?} {:?}",
                    TEMPLATES[t],
                    value
                );
            }
            Ok(())
        })
        .unwrap();
    let (accepted, refused) = *tally.borrow();
    assert_clean_text(&db.path);
    super::consistency::assert_consistent(&db.path);
    println!(
        "bad input (in process): {cases} cases over {} argument slots: {refused} refused with nothing written, {accepted} accepted, 0 panics",
        TEMPLATES.len()
    );
}

#[test]
fn hostile_flags_to_the_binary_get_one_line_naming_the_field_and_exit_2() {
    let cases = super::rng::env_count("FENQI_BINARY_FLAG_CASES", 48) as u32;
    let db = seeded();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let tally = std::cell::RefCell::new((0, 0));
    runner
        .run(
            &(
                0..TEMPLATES.len(),
                hostile().prop_filter("no NUL in argv", |v| !v.contains('\0')),
            ),
            |(t, value)| {
                let before = dump(&db.path, false);
                let out = std::process::Command::new(env!("CARGO_BIN_EXE_fenqi"))
                    .args(argv(&db.path, TEMPLATES[t], &value))
                    .env_remove("FENQI_DB")
                    .env_remove("FENQI_TODAY")
                    .stdin(std::process::Stdio::null())
                    .output()
                    .unwrap();
                let text = String::from_utf8_lossy(&out.stderr).to_string();
                if out.status.success() {
                    tally.borrow_mut().0 += 1;
                    return Ok(());
                }
                tally.borrow_mut().1 += 1;
                prop_assert_eq!(
                    out.status.code(),
                    Some(2),
                    "{:?} {:?}: {}",
                    TEMPLATES[t],
                    value,
                    text
                );
                prop_assert_eq!(text.lines().count(), 1, "{:?}", text);
                prop_assert!(text.starts_with("fenqi: error: "), "{}", text);
                let named = field(TEMPLATES[t]);
                prop_assert!(
                    text.contains(&named) || text.contains("PLAN"),
                    "{:?} {:?}: {} does not name {}",
                    TEMPLATES[t],
                    value,
                    text,
                    named
                );
                prop_assert!(
                    text.chars().count() < 400,
                    "message too long: {}",
                    text.chars().count()
                );
                prop_assert_eq!(dump(&db.path, false), before);
                Ok(())
            },
        )
        .unwrap();
    let (accepted, refused) = *tally.borrow();
    assert_clean_text(&db.path);
    println!(
        "bad input (binary): {cases} cases: {refused} refused (exit 2, one line naming the field, nothing written), {accepted} accepted, 0 panics"
    );
}
