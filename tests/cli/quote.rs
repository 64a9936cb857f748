//! `fenqi quote` through the built binary: the published examples, the JSON contract, every
//! option, the payoff policies, both languages, and one-line refusals of bad input.

use std::path::PathBuf;
use std::process::Command;

use crate::common;

use common::{is_percent4, with};
use serde_json::Value;
use tempfile::TempDir;

/// What one run of the binary printed and returned.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `fenqi quote ARGS` in English with a fixed today and a database path that must stay
/// untouched (the calculator touches no database).
fn quote_in(lang: &str, args: &[&str]) -> Run {
    let dir = TempDir::new().expect("temp dir");
    let db: PathBuf = dir.path().join("fenqi.db");
    let output = Command::new(env!("CARGO_BIN_EXE_fenqi"))
        .arg("quote")
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .env("FENQI_TODAY", "2025-01-10")
        .env("FENQI_DB", &db)
        .output()
        .expect("run fenqi");
    assert!(!db.exists(), "quote must not create a database");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("utf-8 stderr"),
    }
}

fn quote(args: &[&str]) -> Run {
    quote_in("en_US.UTF-8", args)
}

/// Runs a quote with `--json` and returns the one object it printed.
fn quote_json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let run = quote(&all);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stderr.is_empty(), "{run:?}");
    let value: Value = serde_json::from_str(&run.stdout).expect("stdout is exactly one JSON value");
    assert!(value.is_object(), "{value}");
    value
}

const WORKED_EXAMPLE: &[&str] = &[
    "--principal",
    "6000",
    "--periods",
    "12",
    "--monthly-fee",
    "0.6%",
    "--first-due",
    "2025-01-15",
];

/// A money string of the contract ("536.00") as cents.
fn cents(value: &Value) -> i64 {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("money is a string: {value}"));
    let (whole, fraction) = text
        .split_once('.')
        .unwrap_or_else(|| panic!("two decimals: {text}"));
    assert_eq!(fraction.len(), 2, "two decimals: {text}");
    assert!(
        whole.chars().all(|c| c.is_ascii_digit()) && fraction.chars().all(|c| c.is_ascii_digit()),
        "plain digits: {text}"
    );
    whole.parse::<i64>().expect("whole") * 100 + fraction.parse::<i64>().expect("fraction")
}

fn schedule(value: &Value) -> &Vec<Value> {
    value["schedule"].as_array().expect("schedule is a list")
}

fn column(value: &Value, field: &str) -> Vec<String> {
    schedule(value)
        .iter()
        .map(|item| item[field].as_str().expect("string").to_string())
        .collect()
}

/// The contract's shape: every field present with its type, and the schedule's internal sums.
fn assert_contract_shape(value: &Value) {
    for key in [
        "model",
        "principal",
        "periods",
        "total_fee",
        "total_repayment",
        "apr_percent",
        "ear_percent",
        "schedule",
    ] {
        assert!(value.get(key).is_some(), "missing {key}: {value}");
    }
    assert!(value["model"].is_string());
    assert!(value["periods"].is_u64());
    assert!(
        is_percent4(&value["apr_percent"]),
        "{}",
        value["apr_percent"]
    );
    assert!(
        is_percent4(&value["ear_percent"]),
        "{}",
        value["ear_percent"]
    );
    for (key, field) in value.as_object().expect("an object") {
        if key.ends_with("_percent") {
            assert!(is_percent4(field), "{key} has four decimals: {field}");
        }
    }
    let principal = cents(&value["principal"]);
    let items = schedule(value);
    assert_eq!(items.len() as u64, value["periods"].as_u64().unwrap_or(0));
    let mut remaining = principal;
    let (mut fees, mut amounts) = (0, 0);
    for (index, item) in items.iter().enumerate() {
        assert_eq!(item["period"].as_u64(), Some(index as u64 + 1));
        assert!(item["due_date"].as_str().is_some_and(|d| d.len() == 10));
        let (amount, part, fee) = (
            cents(&item["amount"]),
            cents(&item["principal"]),
            cents(&item["fee"]),
        );
        assert_eq!(amount, part + fee, "amount = principal + fee: {item}");
        remaining -= part;
        assert_eq!(cents(&item["remaining_principal"]), remaining, "{item}");
        fees += fee;
        amounts += amount;
    }
    assert_eq!(remaining, 0);
    assert_eq!(cents(&value["total_fee"]), fees);
    assert_eq!(cents(&value["total_repayment"]), amounts);
    assert_eq!(amounts, principal + fees);
}

// ---------------------------------------------------------------------------------------------
// The published examples.

#[test]
fn worked_example_6000_over_12_at_06_percent() {
    let value = quote_json(WORKED_EXAMPLE);
    assert_contract_shape(&value);
    assert_eq!(value["model"], "monthly-fee");
    assert_eq!(value["principal"], "6000.00");
    assert_eq!(value["periods"], 12);
    assert_eq!(value["total_fee"], "432.00");
    assert_eq!(value["total_repayment"], "6432.00");
    assert_eq!(value["apr_percent"], "13.0342");
    assert_eq!(value["ear_percent"], "13.8418");
    assert!(
        value.get("payoff").is_none(),
        "payoff only with --payoff-after"
    );
    for (index, item) in schedule(&value).iter().enumerate() {
        assert_eq!(item["amount"], "536.00");
        assert_eq!(item["principal"], "500.00");
        assert_eq!(item["fee"], "36.00");
        assert_eq!(
            cents(&item["remaining_principal"]),
            600_000 - 50_000 * (index as i64 + 1)
        );
    }
    let dates = column(&value, "due_date");
    assert_eq!(dates[0], "2025-01-15");
    assert_eq!(dates[1], "2025-02-15");
    assert_eq!(dates[11], "2025-12-15");
}

#[test]
fn worked_example_as_text() {
    let run = quote(WORKED_EXAMPLE);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stderr.is_empty());
    for expected in [
        "6,000.00",
        "536.00",
        "432.00",
        "6,432.00",
        "APR 13.0342%  EAR 13.8418%",
        "7.2000%",
        "1.81×",
        "Period",
        "Due date",
        "2025-12-15",
    ] {
        assert!(
            run.stdout.contains(expected),
            "{expected:?} in\n{}",
            run.stdout
        );
    }
    assert_eq!(run.stdout.matches("536.00").count(), 12, "{}", run.stdout);
}

#[test]
fn cmb_40000_over_24_at_068_percent() {
    let value = quote_json(&[
        "--principal",
        "40000",
        "--periods",
        "24",
        "--monthly-fee",
        "0.68%",
        "--first-due",
        "2025-02-05",
    ]);
    assert_contract_shape(&value);
    assert!(column(&value, "fee").iter().all(|fee| fee == "272.00"));
    assert_eq!(value["total_fee"], "6528.00");
    assert_eq!(value["total_repayment"], "46528.00");
    let principals = column(&value, "principal");
    assert!(principals[..23].iter().all(|p| p == "1666.66"));
    assert_eq!(
        principals[23], "1666.82",
        "the remainder goes to the last period"
    );
}

#[test]
fn annuity_10000_over_12_at_15_percent() {
    let value = quote_json(&[
        "--principal",
        "10000",
        "--periods",
        "12",
        "--annual-rate",
        "15%",
        "--first-due",
        "2025-02-01",
    ]);
    assert_contract_shape(&value);
    assert_eq!(value["model"], "annuity");
    let amounts = column(&value, "amount");
    assert!(amounts[..11].iter().all(|a| a == "902.58"), "{amounts:?}");
    assert_eq!(
        schedule(&value)[0]["fee"],
        "125.00",
        "interest on the full balance"
    );
    let apr = value["apr_percent"].as_str().unwrap_or_default();
    assert!(
        apr.starts_with("15.00") || apr.starts_with("14.99"),
        "{apr}"
    );

    let explicit = quote_json(&[
        "--principal",
        "10000",
        "--periods",
        "12",
        "--annual-rate",
        "15%",
        "--method",
        "annuity",
        "--first-due",
        "2025-02-01",
    ]);
    assert_eq!(explicit, value, "annuity is the default method");
}

#[test]
fn equal_principal_and_interest_free_models() {
    let value = quote_json(&[
        "--principal",
        "12000",
        "--periods",
        "12",
        "--annual-rate",
        "12%",
        "--method",
        "equal-principal",
    ]);
    assert_contract_shape(&value);
    assert_eq!(value["model"], "equal-principal");
    let amounts = column(&value, "amount");
    assert_eq!(amounts[0], "1120.00");
    assert_eq!(amounts[11], "1010.00");

    let free = quote_json(&["--principal", "3000", "--periods", "3"]);
    assert_contract_shape(&free);
    assert_eq!(free["model"], "interest-free");
    assert_eq!(free["total_fee"], "0.00");
    assert_eq!(free["apr_percent"], "0.0000");
    assert_eq!(free["ear_percent"], "0.0000");
}

#[test]
fn total_and_upfront_fee_models() {
    let total = quote_json(&[
        "--principal",
        "1000",
        "--periods",
        "3",
        "--total-fee",
        "10%",
    ]);
    assert_contract_shape(&total);
    assert_eq!(total["model"], "total-fee");
    assert_eq!(column(&total, "fee"), ["33.33", "33.33", "33.34"]);

    let upfront = quote_json(&[
        "--principal",
        "1200",
        "--periods",
        "12",
        "--upfront-fee",
        "6%",
    ]);
    assert_contract_shape(&upfront);
    assert_eq!(upfront["model"], "upfront-fee");
    let fees = column(&upfront, "fee");
    assert_eq!(fees[0], "72.00");
    assert!(fees[1..].iter().all(|f| f == "0.00"));
}

// ---------------------------------------------------------------------------------------------
// Early payoff.

fn payoff_after_5(policy: Option<&'static str>) -> Value {
    let mut args = with(WORKED_EXAMPLE, &["--payoff-after", "5"]);
    if let Some(policy) = policy {
        args.extend(["--payoff-policy", policy]);
    }
    let value = quote_json(&args);
    assert_contract_shape(&value);
    let payoff = value["payoff"].clone();
    for key in ["amount", "principal", "fee", "penalty"] {
        assert!(payoff.get(key).is_some(), "payoff.{key}: {payoff}");
    }
    assert_eq!(
        cents(&payoff["amount"]),
        cents(&payoff["principal"]) + cents(&payoff["fee"]) + cents(&payoff["penalty"])
    );
    assert_eq!(payoff["principal"], "3500.00");
    payoff
}

#[test]
fn payoff_after_five_periods_under_each_policy() {
    let waive = payoff_after_5(Some("waive-remaining-fees"));
    assert_eq!(waive["amount"], "3500.00");
    assert_eq!(waive["fee"], "0.00");
    assert_eq!(
        payoff_after_5(None),
        waive,
        "waive-remaining-fees is the default"
    );

    let current = payoff_after_5(Some("current-fee-due"));
    assert_eq!(current["amount"], "3536.00");
    assert_eq!(current["fee"], "36.00");

    let all = payoff_after_5(Some("all-fees-due"));
    assert_eq!(all["amount"], "3752.00");
    assert_eq!(all["fee"], "252.00");

    let penalty = payoff_after_5(Some("penalty:3%"));
    assert_eq!(penalty["amount"], "3605.00");
    assert_eq!(penalty["fee"], "0.00");
    assert_eq!(penalty["penalty"], "105.00");
}

#[test]
fn payoff_as_text() {
    let run = quote(&with(
        WORKED_EXAMPLE,
        &["--payoff-after", "5", "--payoff-policy", "all-fees-due"],
    ));
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stdout.contains("all-fees-due"), "{}", run.stdout);
    assert!(run.stdout.contains("3,752.00"), "{}", run.stdout);
}

#[test]
fn payoff_not_allowed_is_refused() {
    let run = quote(&with(
        WORKED_EXAMPLE,
        &["--payoff-after", "5", "--payoff-policy", "not-allowed"],
    ));
    assert_refused(&run, "--payoff-policy");
}

// ---------------------------------------------------------------------------------------------
// Options.

#[test]
fn month_end_due_dates_clamp_from_the_first_due_date() {
    let value = quote_json(&[
        "--principal",
        "1400",
        "--periods",
        "14",
        "--monthly-fee",
        "0.5%",
        "--first-due",
        "2025-01-31",
    ]);
    assert_eq!(
        column(&value, "due_date"),
        [
            "2025-01-31",
            "2025-02-28",
            "2025-03-31",
            "2025-04-30",
            "2025-05-31",
            "2025-06-30",
            "2025-07-31",
            "2025-08-31",
            "2025-09-30",
            "2025-10-31",
            "2025-11-30",
            "2025-12-31",
            "2026-01-31",
            "2026-02-28",
        ]
    );
    let leap = quote_json(&[
        "--principal",
        "300",
        "--periods",
        "3",
        "--first-due",
        "2023-12-31",
    ]);
    assert_eq!(
        column(&leap, "due_date"),
        ["2023-12-31", "2024-01-31", "2024-02-29"]
    );
}

#[test]
fn default_first_due_is_a_month_after_today() {
    let value = quote_json(&["--principal", "300", "--periods", "2"]);
    assert_eq!(column(&value, "due_date"), ["2025-02-10", "2025-03-10"]);
}

#[test]
fn remainder_first_or_last() {
    let base = ["--principal", "100", "--periods", "3", "--total-fee", "10%"];
    let last = quote_json(&base);
    assert_eq!(column(&last, "principal"), ["33.33", "33.33", "33.34"]);
    assert_eq!(column(&last, "fee"), ["3.33", "3.33", "3.34"]);
    let last_explicit = quote_json(&with(&base, &["--remainder", "last"]));
    assert_eq!(last_explicit, last);
    let first = quote_json(&with(&base, &["--remainder", "first"]));
    assert_contract_shape(&first);
    assert_eq!(column(&first, "principal"), ["33.34", "33.33", "33.33"]);
    assert_eq!(column(&first, "fee"), ["3.34", "3.33", "3.33"]);
}

#[test]
fn fee_discount_and_fee_free_periods() {
    let discounted = quote_json(&with(WORKED_EXAMPLE, &["--fee-discount", "80%"]));
    assert_contract_shape(&discounted);
    assert!(column(&discounted, "fee").iter().all(|f| f == "28.80"));
    assert_eq!(discounted["total_fee"], "345.60");
    for same in ["8折", "0.8", "８０％"] {
        let again = quote_json(&with(WORKED_EXAMPLE, &["--fee-discount", same]));
        assert_eq!(again, discounted, "--fee-discount {same}");
    }
    for ambiguous in ["80", "8"] {
        let run = quote(&with(WORKED_EXAMPLE, &["--fee-discount", ambiguous]));
        assert_refused(&run, "--fee-discount");
        assert!(run.stderr.contains("8折"), "{}", run.stderr);
    }

    let free = quote_json(&with(WORKED_EXAMPLE, &["--fee-free-periods", "1,2,3"]));
    assert_contract_shape(&free);
    let fees = column(&free, "fee");
    assert_eq!(fees[..3], ["0.00", "0.00", "0.00"]);
    assert!(fees[3..].iter().all(|f| f == "36.00"));
    assert_eq!(free["total_fee"], "324.00");

    let both = quote_json(&with(
        WORKED_EXAMPLE,
        &["--fee-discount", "80%", "--fee-free-periods", "3,1,2,2"],
    ));
    assert_contract_shape(&both);
    let fees = column(&both, "fee");
    assert_eq!(fees[..3], ["0.00", "0.00", "0.00"]);
    assert!(fees[3..].iter().all(|f| f == "28.80"));
    assert_eq!(both["total_fee"], "259.20");
    let apr = |v: &Value| v["apr_percent"].as_str().unwrap_or_default().parse::<f64>();
    assert!(apr(&both).expect("apr") < apr(&discounted).expect("apr"));
}

#[test]
fn chinese_text_output() {
    let run = quote(&with(
        WORKED_EXAMPLE,
        &[
            "--lang",
            "zh",
            "--payoff-after",
            "5",
            "--payoff-policy",
            "current-fee-due",
        ],
    ));
    assert_eq!(run.code, Some(0), "{run:?}");
    for label in [
        "期数",
        "还款日",
        "应还金额",
        "本金",
        "手续费",
        "剩余本金",
        "总手续费",
        "还款总额",
        "年化利率",
        "13.0342%",
        "提前结清",
        "当期手续费照收（current-fee-due）",
        "3,536.00",
    ] {
        assert!(run.stdout.contains(label), "{label:?} in\n{}", run.stdout);
    }
    assert!(!run.stdout.contains("Period"), "{}", run.stdout);
    // LANG alone chooses Chinese too.
    let from_env = quote_in("zh_CN.UTF-8", WORKED_EXAMPLE);
    assert!(from_env.stdout.contains("还款总额"), "{}", from_env.stdout);
}

#[test]
fn json_is_the_same_in_both_languages() {
    let english = quote_json(WORKED_EXAMPLE);
    let chinese = quote_json(&with(WORKED_EXAMPLE, &["--lang", "zh"]));
    assert_eq!(english, chinese);
}

// ---------------------------------------------------------------------------------------------
// Input people type.

#[test]
fn full_width_and_grouped_input_is_accepted() {
    let reference = quote_json(WORKED_EXAMPLE);
    for principal in ["６０００", "6,000", "¥6,000.00", "￥6000", " 6000 "] {
        let value = quote_json(&[
            "--principal",
            principal,
            "--periods",
            "１２",
            "--monthly-fee",
            "０．６％",
            "--first-due",
            "２０２５-０１-１５",
        ]);
        assert_eq!(value, reference, "{principal:?}");
    }
}

/// Exit status 2, nothing on stdout, exactly one line on stderr naming every given flag.
fn assert_refused(run: &Run, flags: &str) {
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    assert_eq!(run.stderr.lines().count(), 1, "{run:?}");
    assert!(run.stderr.ends_with('\n'), "{run:?}");
    for flag in flags.split(' ') {
        assert!(
            run.stderr.contains(flag),
            "{flag} named in {:?}",
            run.stderr
        );
    }
}

#[test]
fn bad_input_is_refused_in_one_line_naming_the_flag() {
    let plan = ["--principal", "6000", "--periods", "12"];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            with(&plan, &["--monthly-fee", "0.6%", "--total-fee", "7%"]),
            "--monthly-fee --total-fee",
        ),
        (
            with(&plan, &["--upfront-fee", "1%", "--annual-rate", "7%"]),
            "--upfront-fee --annual-rate",
        ),
        (vec!["--principal", "6000", "--periods", "0"], "--periods"),
        (vec!["--principal", "6000", "--periods", "361"], "--periods"),
        (
            vec!["--principal", "6000", "--periods", "12.5"],
            "--periods",
        ),
        (vec!["--principal", "6000", "--periods", "-1"], "--periods"),
        (with(&plan, &["--monthly-fee", "abc"]), "--monthly-fee"),
        (with(&plan, &["--monthly-fee=-1%"]), "--monthly-fee"),
        (with(&plan, &["--monthly-fee", "-0.5"]), "--monthly-fee"),
        (with(&plan, &["--monthly-fee", "-0.6%"]), "--monthly-fee"),
        (with(&plan, &["--fee-discount", "-80%"]), "--fee-discount"),
        (
            vec!["--principal", "-inf", "--periods", "12"],
            "--principal",
        ),
        (with(&plan, &["--payoff-after", "-1"]), "--payoff-after"),
        (with(&plan, &["--monthly-fee", "NaN%"]), "--monthly-fee"),
        (with(&plan, &["--monthly-fee", "1e400"]), "--monthly-fee"),
        (with(&plan, &["--monthly-fee", "0,6%"]), "--monthly-fee"),
        (with(&plan, &["--annual-rate", "5000%"]), "--annual-rate"),
        (with(&plan, &["--first-due", "2025-02-30"]), "--first-due"),
        (with(&plan, &["--first-due", "2025/01/15"]), "--first-due"),
        (with(&plan, &["--first-due", "9999-12-31"]), "--first-due"),
        (
            vec!["--principal", "1.234", "--periods", "12"],
            "--principal",
        ),
        (vec!["--principal", "NaN", "--periods", "12"], "--principal"),
        (vec!["--principal", "inf", "--periods", "12"], "--principal"),
        (vec!["--principal", "0", "--periods", "12"], "--principal"),
        (vec!["--principal=-5", "--periods", "12"], "--principal"),
        (vec!["--principal", "-5", "--periods", "12"], "--principal"),
        (
            vec!["--principal", "٦٠٠٠", "--periods", "12"],
            "--principal",
        ),
        (
            vec!["--principal", "12,34", "--periods", "12"],
            "--principal",
        ),
        (
            vec!["--principal", "99999999999999999", "--periods", "12"],
            "--principal",
        ),
        (
            with(&plan, &["--annual-rate", "15%", "--fee-discount", "80%"]),
            "--fee-discount",
        ),
        (
            with(&plan, &["--annual-rate", "15%", "--fee-free-periods", "1"]),
            "--fee-free-periods",
        ),
        (with(&plan, &["--fee-discount", "80%"]), "--fee-discount"),
        (
            with(&plan, &["--monthly-fee", "0.6%", "--fee-discount", "150%"]),
            "--fee-discount",
        ),
        (with(&plan, &["--first-due", "0000-01-01"]), "--first-due"),
        (with(&plan, &["--method", "annuity"]), "--method"),
        (
            with(&plan, &["--annual-rate", "15%", "--method", "balloon"]),
            "--method",
        ),
        (
            with(&plan, &["--monthly-fee", "1%", "--remainder", "middle"]),
            "--remainder",
        ),
        (
            with(&plan, &["--monthly-fee", "1%", "--fee-free-periods", "0"]),
            "--fee-free-periods",
        ),
        (
            with(&plan, &["--monthly-fee", "1%", "--fee-free-periods", "13"]),
            "--fee-free-periods",
        ),
        (
            with(&plan, &["--monthly-fee", "1%", "--fee-free-periods", "a,b"]),
            "--fee-free-periods",
        ),
        (with(&plan, &["--payoff-after", "12"]), "--payoff-after"),
        (with(&plan, &["--payoff-after", "x"]), "--payoff-after"),
        (
            with(
                &plan,
                &["--payoff-after", "1", "--payoff-policy", "sometimes"],
            ),
            "--payoff-policy",
        ),
        (
            with(&plan, &["--payoff-policy", "all-fees-due"]),
            "--payoff-policy",
        ),
        (with(&plan, &["--bogus"]), "--bogus"),
        (with(&plan, &["--lang", "fr"]), "--lang"),
        (with(&plan, &["--today", "2025-13-01"]), "--today"),
    ];
    for (args, flags) in cases {
        let run = quote(&args);
        assert_refused(&run, flags);
        assert!(run.stderr.starts_with("fenqi: error: "), "{run:?}");
    }
}

#[test]
fn bad_input_in_chinese_is_one_line_too() {
    let run = quote(&["--lang", "zh", "--principal", "6000", "--periods", "0"]);
    assert_refused(&run, "--periods");
    assert!(run.stderr.starts_with("fenqi: 错误: "), "{run:?}");
    assert!(run.stderr.contains("360"), "{run:?}");
}

/// clap puts the missing flags on the lines after "the following required arguments were not
/// provided:"; they must still come out on the one error line.
#[test]
fn a_missing_required_flag_is_named() {
    assert_refused(&quote(&["--periods", "12"]), "--principal");
    assert_refused(&quote(&["--principal", "6000"]), "--periods");
}
