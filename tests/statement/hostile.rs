//! Hostile statements through the binary: a 200 MB file (on disk and through a pipe, with
//! bounded memory), binary junk and a header with no rows are refused in one line with nothing
//! written; a formula-looking cell, control characters and a 19-digit card number are handled —
//! the formula stays text and is neutralised in the CSV export, no control character is
//! printed, and only the card's last four digits are ever stored or shown.

use std::path::{Path, PathBuf};

use crate::common::measured::{pipe_of, run_measured};
use crate::common::{AUTO_DEBIT_PLANS, Db, command, s};

const TODAY: &str = "2025-04-05";

/// A 中国银行 card export of ··5678 with one line per `rows` item (date, description, 支出).
fn boc(dir: &Path, name: &str, rows: &[(&str, &str, &str)]) -> PathBuf {
    let mut text = String::from("交易日,银行记账日,卡号后四位,交易描述,存入,支出\n");
    for (date, what, out) in rows {
        text.push_str(&format!("{date},{date},5678,{what},,{out}\n"));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A database with card #1 (··5678) and plan #1: 京东白条 6,000.00 over 12 at 0.5% a month,
/// 530.00 a period due on the 16th from 2025-03-16, debited from the card
/// (`AUTO_DEBIT_PLANS[1]`).
fn one_plan() -> Db {
    let db = Db::new();
    db.ok(
        TODAY,
        &["card", "add", "--bank", "中国银行", "--last4", "5678"],
    );
    let mut args = vec!["plan", "add"];
    args.extend_from_slice(AUTO_DEBIT_PLANS[1]);
    db.ok(TODAY, &args);
    db
}

/// Runs `reconcile FILE --yes` in `lang` and asserts it was refused in one line (exit 2)
/// saying `said`, with nothing written.
fn refused(db: &Db, lang: &str, file: &Path, said: &str) {
    let before = db.dump(false);
    let out = db.run_in(lang, TODAY, &["reconcile", file.to_str().unwrap(), "--yes"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(said), "{said}: {stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(db.dump(false), before, "nothing written");
}

#[test]
fn files_fenqi_cannot_read_are_refused_in_one_line_with_nothing_written() {
    let db = one_plan();
    let dir = db.dir.path();
    // A sparse file: 200 MB long, nothing on disk; refused by its size before it is read.
    let huge = dir.join("huge.csv");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    refused(
        &db,
        "en",
        &huge,
        "FILE: expected a statement (a 支付宝 or 微信支付 bill, a 京东 交易流水, a bank card's CSV), \
         found a file of 209715200 bytes (statements up to 33554432 bytes are read)",
    );
    refused(&db, "zh", &huge, "209715200 字节的文件");

    // Binary junk with NULs, from a fixed linear congruential sequence.
    let mut state: u32 = 7;
    let junk: Vec<u8> = (0..65536)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (state >> 16) as u8
        })
        .collect();
    let junk_file = dir.join("junk.csv");
    std::fs::write(&junk_file, junk).unwrap();
    refused(&db, "en", &junk_file, "found data that is not text");

    let header_only = boc(dir, "header.csv", &[]);
    refused(
        &db,
        "en",
        &header_only,
        "expected a Bank of China card's CSV export, found a header with no transactions under it",
    );
    refused(&db, "zh", &header_only, "只有表头，没有交易记录");
}

#[test]
fn a_200_mb_stream_is_refused_with_bounded_memory() {
    let db = one_plan();
    let dir = db.dir.path();
    let small = boc(
        dir,
        "small.csv",
        &[("2025-03-16", "京东白条自动还款", "530.00")],
    );
    let reconcile = |file: &Path| {
        run_measured(command(
            &db.path,
            TODAY,
            &[Path::new("reconcile"), file, Path::new("--yes")],
        ))
    };
    let baseline = db.dump(false);
    let stream = pipe_of(
        dir,
        "交易日,银行记账日,卡号后四位,交易描述,存入,支出\n",
        "2025-03-16,2025-03-16,5678,京东白条自动还款,,530.00\n".as_bytes(),
        200 << 20,
        "",
    );
    let out = reconcile(&stream);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    // Read up to the limit and one byte more, then refused.
    assert!(
        out.stderr
            .contains("found a file of 33554433 bytes (statements up to 33554432 bytes are read)"),
        "{}",
        out.stderr
    );
    assert_eq!(db.dump(false), baseline, "nothing written");
    let ordinary = reconcile(&small);
    assert_eq!(ordinary.code, Some(0), "{}", ordinary.stderr);
    // The limit's 32 MiB held once, with room for the rest: at most 64 MB above a one-line
    // statement's reconciliation.
    let bound = ordinary.peak_kib + 64 * 1024;
    assert!(
        out.peak_kib <= bound,
        "peak {} KiB, more than 64 MB above a one-line statement's {} KiB",
        out.peak_kib,
        ordinary.peak_kib
    );
    println!(
        "reconcile: a 200 MB stream refused in one line at 32 MiB, peak {} MB (one line: {} MB)",
        out.peak_kib / 1024,
        ordinary.peak_kib / 1024
    );
}

#[test]
fn a_formula_looking_cell_stays_text_and_is_neutralised_in_exports() {
    let db = one_plan();
    let csv = db.dir.path().join("bank.csv");
    std::fs::write(
        &csv,
        "日期,摘要,发生额,流水号\n2025-03-16,京东白条自动还款,-530.00,\"=cmd|' /C calc'!A0\"\n",
    )
    .unwrap();
    let file = csv.to_str().unwrap();
    let map = "date=日期,amount=发生额,text=摘要,ref=流水号";
    let report = db.json(TODAY, &["reconcile", file, "--map", map, "--yes"]);
    assert_eq!(s(&report["matched"][0]["reference"]), "=cmd|' /C calc'!A0");
    // The period counted as paid by auto-debit: the line confirms it.
    assert_eq!(report["changes"]["confirmed"], 1);
    let history = db.json(TODAY, &["history"]);
    assert_eq!(s(&history[0]["reference"]), "=cmd|' /C calc'!A0");
    // The CSV export writes it as text a spreadsheet will not evaluate.
    let export = db.ok(
        TODAY,
        &["export", "--format", "csv", "--what", "repayments"],
    );
    assert!(export.contains(",'=cmd|' /C calc'!A0,"), "{export}");
    assert!(!export.contains(",=cmd"), "{export}");
}

#[test]
fn control_characters_never_reach_the_terminal_or_the_database() {
    let db = one_plan();
    let file = boc(
        db.dir.path(),
        "bank.csv",
        &[(
            "2025-03-16",
            "京东白条自动还款\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}",
            "530.00",
        )],
    );
    let out = db.run_on(TODAY, &["reconcile", file.to_str().unwrap(), "--yes"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{text:?}");
    assert!(text.contains("京东白条自动还款 [2J ]0;pwned"), "{text}");
    let dump = db.dump(false);
    assert!(
        !dump.contains("\\u{1b}") && !dump.contains("\\u{7}"),
        "{dump}"
    );
}

#[test]
fn a_19_digit_card_number_is_kept_as_its_last_four_only() {
    let db = one_plan();
    // A UnionPay number, 19 digits, Luhn-valid, ending in the card's 5678.
    let number = "6222021234567825678";
    let csv = db.dir.path().join("bank.csv");
    std::fs::write(
        &csv,
        format!(
            "交易日,交易摘要,人民币金额,卡号\n2025-03-16,京东白条自动还款 卡号{number},530.00,{number}\n"
        ),
    )
    .unwrap();
    let out = db.run_on(
        TODAY,
        &["reconcile", csv.to_str().unwrap(), "--yes", "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["changes"]["confirmed"], 1, "{report}");
    assert_eq!(
        s(&report["matched"][0]["text"]),
        "京东白条自动还款 卡号***************5678"
    );
    let head = &number[..15];
    assert!(!printed.contains(head), "{printed}");
    // Every file fenqi wrote beside the database, byte for byte.
    for entry in std::fs::read_dir(db.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path == csv {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let found = bytes.windows(head.len()).any(|w| w == head.as_bytes());
        assert!(!found, "{} holds the card number", path.display());
    }
    let history = db.json(TODAY, &["history"]);
    assert_eq!(s(&history[0]["card_last4"]), "5678");
}
