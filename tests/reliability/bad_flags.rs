//! Scenario 7 (command-line flags): hostile text in every flag and argument — full-width and
//! Arabic-Indic digits, NaN, inf, 1e400, 2024-02-30, 10,000-character names, control
//! characters, right-to-left marks, arbitrary Unicode. Never a panic; a refusal is one line
//! naming the field with exit status 2 and leaves every table as it was; what is accepted is
//! stored without control or bidi-override characters.

use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};

use crate::common::{Db, dump};

/// `plan add` with every flag valid (the monthly fee only `with_fee`), `slot` taking the place
/// of the flag it names or coming last.
fn plan_add(slot: &'static str, with_fee: bool) -> Vec<&'static str> {
    let mut args = vec![
        "plan",
        "add",
        "--name=N",
        "--provider=P",
        "--principal=6000",
        "--periods=12",
    ];
    if with_fee {
        args.push("--monthly-fee=0.6%");
    }
    args.push("--first-due=2025-01-15");
    let flag = slot.split_once('=').map_or(slot, |(flag, _)| flag);
    match args
        .iter_mut()
        .find(|a| a.split_once('=').map(|(f, _)| f) == Some(flag))
    {
        Some(arg) => *arg = slot,
        None => args.push(slot),
    }
    args
}

/// Where the hostile value goes: `{}` in one argument.
fn templates() -> Vec<Vec<&'static str>> {
    let with_fee = [
        "--name={}",
        "--provider={}",
        "--principal={}",
        "--periods={}",
        "--monthly-fee={}",
    ];
    let without_fee = [
        "--total-fee={}",
        "--annual-rate={}",
        "--first-due={}",
        "--card={}",
        "--grace-days={}",
        "--penalty-daily={}",
        "--penalty-from={}",
        "--payoff-policy={}",
    ];
    let mut all: Vec<Vec<&str>> = with_fee.iter().map(|s| plan_add(s, true)).collect();
    all.extend(without_fee.iter().map(|s| plan_add(s, false)));
    all.extend(["--fee-discount={}", "--fee-free-periods={}"].map(|s| plan_add(s, true)));
    all.push(plan_add("--remainder={}", false));
    let others: &[&[&str]] = &[
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
    all.extend(others.iter().map(|t| t.to_vec()));
    all
}

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
    // No config file: the settings come from the flags and the defaults alone.
    let config = Ok(fenqi::config::ConfigFile::default());
    let Ok(ctx) = fenqi::cli::Context::from_cli(&parsed, config) else {
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

/// Runs `case` on hostile values (`cases` of them, or the number in the environment variable
/// `count_var`), each in a random template, against one seeded database; `case` says whether the
/// command was accepted. Returns the database and how many were accepted and refused.
fn run_hostile_cases(
    count_var: &str,
    cases: usize,
    values: impl Strategy<Value = String>,
    case: impl Fn(&Path, &[&str], &str) -> Result<bool, TestCaseError>,
) -> (Db, u32, usize, usize) {
    let cases = super::rng::env_count(count_var, cases) as u32;
    let db = seeded();
    let templates = templates();
    let mut runner = TestRunner::new(Config {
        cases,
        rng_seed: RngSeed::Fixed(crate::common::seed::seed()),
        failure_persistence: None,
        ..Config::default()
    });
    let tally = std::cell::RefCell::new((0, 0));
    runner
        .run(&(0..templates.len(), values), |(t, value)| {
            let accepted = case(&db.path, &templates[t], &value)?;
            let mut tally = tally.borrow_mut();
            if accepted {
                tally.0 += 1;
            } else {
                tally.1 += 1;
            }
            Ok(())
        })
        .unwrap();
    let (accepted, refused) = tally.into_inner();
    assert_clean_text(&db.path);
    (db, cases, accepted, refused)
}

#[test]
fn hostile_flags_in_process_never_panic_and_refusals_write_nothing() {
    in_process_run(200);
}

#[test]
#[ignore = "stress tier: `cargo test -- --ignored` (.ci/run runs it)"]
fn hostile_flags_in_process_never_panic_and_refusals_write_nothing_at_length() {
    in_process_run(2_000);
}

/// `cases` hostile values (or `FENQI_FLAG_CASES`) through `cli::run` in this process.
fn in_process_run(cases: usize) {
    let (db, cases, accepted, refused) = run_hostile_cases(
        "FENQI_FLAG_CASES",
        cases,
        hostile(),
        |db, template, value| {
            let before = dump(db, false);
            let ok = run_in_process(&argv(db, template, value));
            if !ok {
                prop_assert_eq!(dump(db, false), before, "{:?} {:?}", template, value);
            }
            Ok(ok)
        },
    );
    super::consistency::assert_consistent(&db.path);
    println!(
        "bad input (in process): {cases} cases over {} argument slots: {refused} refused with nothing written, {accepted} accepted, 0 panics",
        templates().len()
    );
}

#[test]
fn hostile_flags_to_the_binary_get_one_line_naming_the_field_and_exit_2() {
    binary_run(48);
}

#[test]
#[ignore = "stress tier: `cargo test -- --ignored` (.ci/run runs it)"]
fn hostile_flags_to_the_binary_get_one_line_naming_the_field_and_exit_2_at_length() {
    binary_run(300);
}

/// `cases` hostile values (or `FENQI_BINARY_FLAG_CASES`) through the built binary.
fn binary_run(cases: usize) {
    let values = hostile().prop_filter("no NUL in argv", |v| !v.contains('\0'));
    let (_db, cases, accepted, refused) = run_hostile_cases(
        "FENQI_BINARY_FLAG_CASES",
        cases,
        values,
        |db, template, value| {
            let before = dump(db, false);
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_fenqi"))
                .args(argv(db, template, value))
                .env_remove("FENQI_DB")
                .env_remove("FENQI_TODAY")
                .stdin(std::process::Stdio::null())
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stderr).to_string();
            if out.status.success() {
                return Ok(true);
            }
            prop_assert_eq!(
                out.status.code(),
                Some(2),
                "{:?} {:?}: {}",
                template,
                value,
                text
            );
            prop_assert_eq!(text.lines().count(), 1, "{:?}", text);
            prop_assert!(text.starts_with("fenqi: error: "), "{}", text);
            let named = field(template);
            prop_assert!(
                text.contains(&named) || text.contains("PLAN"),
                "{:?} {:?}: {} does not name {}",
                template,
                value,
                text,
                named
            );
            prop_assert!(
                text.chars().count() < 400,
                "message too long: {}",
                text.chars().count()
            );
            prop_assert_eq!(dump(db, false), before);
            Ok(false)
        },
    );
    println!(
        "bad input (binary): {cases} cases: {refused} refused (exit 2, one line naming the field, nothing written), {accepted} accepted, 0 panics"
    );
}
