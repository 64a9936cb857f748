//! Five weeks of auto-debits checked against real statements, through the binary: two plans
//! that debit a 中国银行 card (花呗 and 京东白条), a 微粒贷 loan repaid by hand, a failed debit
//! retried and paid, and three statements reconciled — a 支付宝 CSV (GBK), a 微信支付 XLSX and
//! the bank card's CSV. Each report, the state it leaves, a second reading that changes
//! nothing, and undo.
//!
//! The plans (figures by hand):
//! - #1 花呗 and #2 京东白条: `AUTO_DEBIT_PLANS` (418.00 due on the 5th, 530.00 on the 16th,
//!   from card #1 ··5678).
//! - #3 微粒贷: 3,000.00 over 3, 0.05% a day, 等额本金, from 2025-02-20: period 1 due
//!   2025-03-20, 1,000.00 + 3,000.00 × 0.0005 × 28 days = 42.00 → 1,042.00; no auto-debit.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;
use serde_json::Value;

use crate::common::{AUTO_DEBIT_PLANS, BAITIAO_FAILED, Db, s};

/// The preamble of a 支付宝 交易明细 export (23 lines, the marker last), for `from`–`to`.
fn alipay_preamble(from: &str, to: &str, count: usize) -> String {
    let mut text = String::new();
    text.push_str(&"-".repeat(84));
    text.push_str("\r\n导出信息：\r\n姓名：张三\r\n支付宝账户：zhang***@example.com\r\n");
    text.push_str(&format!(
        "起始时间：[{from} 00:00:00]    终止时间：[{to} 23:59:59]\r\n"
    ));
    text.push_str("导出交易类型：[全部]\r\n导出时间：[2025-03-25 21:00:00]\r\n");
    text.push_str(&format!("共{count}笔记录\r\n收入：0笔 0.00元\r\n支出：2笔 1944.00元\r\n不计收支：2笔 718.00元\r\n\r\n特别提示：\r\n"));
    for n in 1..=8 {
        text.push_str(&format!("{n}.本明细仅供个人对账使用。\r\n"));
    }
    text.push_str("\r\n------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------\r\n");
    text
}

/// A 支付宝 CSV (GBK, CRLF, space-padded header, trailing commas, ids ending in a tab) of
/// `rows` (each the 12 cells after the date), newest first.
fn write_alipay(path: &Path, from: &str, to: &str, rows: &[[&str; 12]]) {
    let mut text = alipay_preamble(from, to, rows.len());
    text.push_str("交易时间            ,交易分类  ,交易对方    ,对方账号  ,商品说明    ,收/支  ,金额  ,收/付款方式  ,交易状态  ,交易订单号  ,商家订单号  ,备注  ,\r\n");
    for row in rows {
        let mut cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
        cells[9].push('\t');
        cells[10].push('\t');
        text.push_str(&cells.join(","));
        text.push_str(",\r\n");
    }
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable, "GBK has every character of the statement");
    std::fs::write(path, bytes).unwrap();
}

/// A 微信支付 bill as an XLSX workbook: its preamble, the marker on row 16, the header on 17.
fn write_wechat_xlsx(path: &Path, rows: &[[&str; 11]]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let preamble = [
        "微信支付账单明细",
        "微信昵称：[小明]",
        "起始时间：[2025-03-01 00:00:00] 终止时间：[2025-03-26 23:59:59]",
        "导出类型：[全部]",
        "导出时间：[2025-03-26 20:00:00]",
        "",
        "共2笔记录",
        "收入：0笔 0.00元",
        "支出：2笔 1070.00元",
        "中性交易：0笔 0.00元",
        "注：",
        "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",
        "2. 本明细仅展示当前账单中的交易，不包括已删除的记录",
        "3. 本明细仅供个人对账使用",
        "",
        "----------------------微信支付账单明细列表--------------------",
    ];
    for (row, text) in preamble.iter().enumerate() {
        if !text.is_empty() {
            sheet.write_string(row as u32, 0, *text).unwrap();
        }
    }
    let header = [
        "交易时间",
        "交易类型",
        "交易对方",
        "商品",
        "收/支",
        "金额(元)",
        "支付方式",
        "当前状态",
        "交易单号",
        "商户单号",
        "备注",
    ];
    for (column, name) in header.iter().enumerate() {
        sheet.write_string(16, column as u16, *name).unwrap();
    }
    for (at, row) in rows.iter().enumerate() {
        for (column, cell) in row.iter().enumerate() {
            sheet
                .write_string(17 + at as u32, column as u16, *cell)
                .unwrap();
        }
    }
    book.save(path).unwrap();
}

/// The 中国银行 debit card's export of ··5678 (UTF-8): 交易日, 银行记账日, 卡号后四位,
/// 交易描述, 存入, 支出.
const BOC_STATEMENT: &str = "中国银行借记卡交易明细\n\
交易日,银行记账日,卡号后四位,交易描述,存入,支出\n\
2025-03-05,2025-03-05,5678,支付宝-花呗自动还款,,418.00\n\
2025-03-10,2025-03-10,5678,工资,\"8,000.00\",\n\
2025-03-19,2025-03-19,5678,京东白条自动还款,,530.00\n\
2025-04-02,2025-04-02,5678,某超市,,120.00\n\
2025-04-05,2025-04-05,5678,转账存入,100.00,\n";

/// The three statements, written into `dir`.
struct Statements {
    alipay: PathBuf,
    wechat: PathBuf,
    bank: PathBuf,
}

fn statements(dir: &Path) -> Statements {
    let alipay = dir.join("支付宝交易明细-2025-03.csv");
    #[rustfmt::skip]
    write_alipay(&alipay, "2025-03-01", "2025-03-25", &[
        ["2025-03-20 12:00:00", "餐饮美食", "某餐厅", "/", "午餐", "支出", "45.00", "余额宝", "交易成功", "2025032022001100000000000004", "", ""],
        ["2025-03-18 09:00:00", "信用借还", "招商银行", "/", "信用卡还款", "不计收支", "300.00", "余额宝", "还款成功", "2025031822001100000000000003", "", ""],
        ["2025-03-12 19:30:00", "数码电器", "Apple Store", "app***@apple.com", "AirPods Pro", "支出", "1899.00", "花呗分期", "交易成功", "2025031222001100000000000002", "T2025031200001", "分3期"],
        ["2025-03-05 08:01:12", "信用借还", "花呗", "/", "花呗自动还款-2025年03月账单", "不计收支", "418.00", "中国银行储蓄卡(5678)", "还款成功", "2025030522001100000000000001", "", ""],
    ]);
    let wechat = dir.join("微信支付账单(20250301-20250326).xlsx");
    #[rustfmt::skip]
    write_wechat_xlsx(&wechat, &[
        ["2025-03-22 15:00:00", "商户消费", "某茶饮", "奶茶", "支出", "¥28.00", "零钱", "支付成功", "4200002025032200000000000002", "20250322150000001", "/"],
        ["2025-03-20 10:15:00", "转账", "微众银行", "微粒贷还款", "支出", "¥1,042.00", "零钱", "支付成功", "4200002025032000000000000001", "/", "/"],
    ]);
    let bank = dir.join("boc-5678.csv");
    std::fs::write(&bank, BOC_STATEMENT).unwrap();
    Statements {
        alipay,
        wechat,
        bank,
    }
}

/// `reconcile FILE [--yes] --json` on `today`.
fn reconcile(db: &Db, today: &str, file: &Path, yes: bool) -> Value {
    let file = file.to_str().unwrap();
    let mut args = vec!["reconcile", file];
    if yes {
        args.push("--yes");
    }
    db.json(today, &args)
}

/// The list `name` of a report, each item as (line, date, amount, plan_id, period).
fn items(report: &Value, name: &str) -> Vec<(Value, String, String, Value, Value)> {
    report[name]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: {report}"))
        .iter()
        .map(|i| {
            (
                i["line"].clone(),
                s(&i["date"]).to_string(),
                s(&i["amount"]).to_string(),
                i["plan_id"].clone(),
                i["period"].clone(),
            )
        })
        .collect()
}

fn item(
    line: Option<u64>,
    date: &str,
    amount: &str,
    plan: Option<u64>,
    period: Option<u64>,
) -> (Value, String, String, Value, Value) {
    (
        line.into(),
        date.to_string(),
        amount.to_string(),
        plan.into(),
        period.into(),
    )
}

fn changes(report: &Value) -> (u64, u64, u64) {
    let c = &report["changes"];
    (
        c["recorded"].as_u64().unwrap(),
        c["confirmed"].as_u64().unwrap(),
        c["failed"].as_u64().unwrap(),
    )
}

/// Sets up the cards and plans on 2025-03-01.
fn five_week_plans(db: &Db) {
    let today = "2025-03-01";
    db.ok(
        today,
        &["card", "add", "--bank", "中国银行", "--last4", "5678"],
    );
    db.ok(
        today,
        &["card", "add", "--bank", "招商银行", "--last4", "1234"],
    );
    #[rustfmt::skip]
    let loan: &[&str] = &["--name", "微粒贷 借款", "--provider", "微粒贷", "--principal", "3000",
        "--periods", "3", "--daily-rate", "0.05%", "--method", "equal-principal", "--start",
        "2025-02-20"];
    let plans = [AUTO_DEBIT_PLANS[0], AUTO_DEBIT_PLANS[1], loan];
    for (n, flags) in plans.iter().enumerate() {
        let mut args = vec!["plan", "add"];
        args.extend_from_slice(flags);
        let id = db.json(today, &args)["id"].as_i64().unwrap();
        assert_eq!(id, n as i64 + 1);
    }
}

/// The story up to the statements: a posting, a failed debit, a repayment by hand.
fn first_three_weeks(db: &Db) {
    five_week_plans(db);
    // Week 2: 花呗's first debit is due and counts as paid, unconfirmed.
    let due = db.json("2025-03-05", &["due"]);
    let unconfirmed = due["unconfirmed"].as_array().unwrap();
    assert_eq!(unconfirmed.len(), 1);
    assert_eq!(
        (
            unconfirmed[0]["plan_id"].as_i64(),
            s(&unconfirmed[0]["amount"])
        ),
        (Some(1), "418.00")
    );
    // Week 3: 白条's debit fails on the 16th, to be retried on the 19th.
    let failed = db.json("2025-03-16", BAITIAO_FAILED);
    assert_eq!(failed["period"], 1);
    // 微粒贷 repaid by hand through 微信 on its due date: 1,042.00 by default.
    let paid = db.json("2025-03-20", &["pay", "3", "--on", "2025-03-20"]);
    assert_eq!(s(&paid["amount"]), "1042.00");
}

#[test]
fn five_weeks_of_debits_checked_against_three_statements() {
    let db = Db::new();
    first_three_weeks(&db);
    let files = statements(db.dir.path());

    // Week 4, the 支付宝 statement: first without --yes, which writes nothing.
    let before = db.dump(false);
    let report = reconcile(&db, "2025-03-25", &files.alipay, false);
    assert_eq!(db.dump(false), before, "nothing written without --yes");
    assert_eq!(s(&report["format"]), "alipay");
    assert_eq!(
        (s(&report["from"]), s(&report["to"])),
        ("2025-03-01", "2025-03-25")
    );
    assert_eq!(report["applied"], false);
    // Header on line 24, newest first: the 花呗 debit is the fourth row, line 28.
    assert_eq!(
        items(&report, "matched"),
        [item(Some(28), "2025-03-05", "418.00", Some(1), Some(1))]
    );
    assert_eq!(s(&report["matched"][0]["action"]), "confirm");
    assert_eq!(
        s(&report["matched"][0]["text"]),
        "花呗 花呗自动还款-2025年03月账单"
    );
    assert!(items(&report, "missing").is_empty());
    assert!(items(&report, "duplicates").is_empty());
    // 信用卡还款 of 300.00 to 招商银行: a repayment no plan explains.
    let unexpected = &report["unexpected"];
    assert_eq!(unexpected.as_array().unwrap().len(), 1);
    assert_eq!(
        (unexpected[0]["line"].as_u64(), s(&unexpected[0]["amount"])),
        (Some(26), "300.00")
    );
    // AirPods bought with 花呗分期 over 3 periods: no plan of 1,899.00 covers it.
    let suggested = &report["suggested_plans"];
    assert_eq!(suggested.as_array().unwrap().len(), 1);
    assert_eq!(
        (
            suggested[0]["line"].as_u64(),
            s(&suggested[0]["amount"]),
            s(&suggested[0]["provider"]),
            suggested[0]["periods"].as_u64()
        ),
        (Some(27), "1899.00", "huabei", Some(3))
    );
    assert_eq!(changes(&report), (0, 1, 0));

    let report = reconcile(&db, "2025-03-25", &files.alipay, true);
    assert_eq!(report["applied"], true);
    assert_eq!(changes(&report), (0, 1, 0));
    let plan = db.json("2025-03-25", &["plan", "show", "1"]);
    let first = &plan["schedule"][0];
    assert_eq!(
        (
            s(&first["status"]),
            first["confirmed"].as_bool(),
            s(&first["source"])
        ),
        ("paid", Some(true), "statement")
    );
    let history = db.json("2025-03-25", &["history", "--plan", "1"]);
    assert_eq!(s(&history[0]["reference"]), "2025030522001100000000000001");
    assert_eq!(s(&history[0]["source"]), "statement");
    assert_eq!(s(&history[0]["paid_on"]), "2025-03-05");
    assert_eq!(s(&history[0]["amount"]), "418.00");

    // The 微信支付 bill (XLSX): the 微粒贷 repayment typed in by hand is confirmed by its line
    // (row 19: the marker on row 16, the header on 17, newest first).
    let report = reconcile(&db, "2025-03-26", &files.wechat, true);
    assert_eq!(s(&report["format"]), "wechat");
    assert_eq!(
        items(&report, "matched"),
        [item(Some(19), "2025-03-20", "1042.00", Some(3), Some(1))]
    );
    assert_eq!(s(&report["matched"][0]["action"]), "confirm");
    assert_eq!(changes(&report), (0, 1, 0));
    for list in ["missing", "duplicates", "unexpected", "suggested_plans"] {
        assert!(items(&report, list).is_empty(), "{list}: {report}");
    }
    let history = db.json("2025-03-26", &["history", "--plan", "3"]);
    assert_eq!(history.as_array().unwrap().len(), 1, "still one repayment");
    assert_eq!(s(&history[0]["source"]), "manual");
    assert_eq!(s(&history[0]["reference"]), "4200002025032000000000000001");

    // Week 5, the bank card's statement on 2025-04-05: the 花呗 debit again (confirmed by the
    // 支付宝 line already), 白条's retry on the 19th (recorded: the failed debit paid within
    // its 3 grace days, so no penalty), and no line for 花呗's debit due that day (missing: a
    // failed debit).
    let today = "2025-04-05";
    let report = reconcile(&db, today, &files.bank, true);
    assert_eq!(s(&report["format"]), "bank");
    assert_eq!(
        items(&report, "matched"),
        [
            item(Some(3), "2025-03-05", "418.00", Some(1), Some(1)),
            item(Some(5), "2025-03-19", "530.00", Some(2), Some(1)),
        ]
    );
    assert_eq!(report["matched"][0]["already_confirmed"], true);
    assert_eq!(s(&report["matched"][1]["action"]), "record");
    assert_eq!(
        items(&report, "missing"),
        [item(None, "2025-04-05", "418.00", Some(1), Some(2))]
    );
    assert_eq!(s(&report["missing"][0]["action"]), "fail");
    assert_eq!(changes(&report), (1, 0, 1));

    let plan = db.json(today, &["plan", "show", "2"]);
    let first = &plan["schedule"][0];
    assert_eq!(
        (s(&first["status"]), s(&first["source"])),
        ("paid", "statement")
    );
    assert_eq!(s(&first["paid_penalty"]), "0.00");
    assert_eq!(s(&plan["status"]), "active");
    let plan = db.json(today, &["plan", "show", "1"]);
    assert_eq!(s(&plan["schedule"][1]["status"]), "debit-failed");
    let due = db.json(today, &["due"]);
    assert!(due["unconfirmed"].as_array().unwrap().is_empty(), "{due}");
    assert_eq!(due["overdue"].as_array().unwrap().len(), 0, "within grace");
    let upcoming: Vec<(i64, i64, &str)> = due["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["plan_id"].as_i64().unwrap(),
                i["period"].as_i64().unwrap(),
                s(&i["status"]),
            )
        })
        .collect();
    assert!(upcoming.contains(&(1, 2, "debit-failed")), "{due}");
    assert_eq!(db.ok(today, &["check"]).lines().count(), 1);

    // Every statement read again: nothing changes, not even the change log.
    let after = db.dump(false);
    for (file, lists) in [(&files.alipay, 3), (&files.wechat, 1), (&files.bank, 2)] {
        let again = reconcile(&db, today, file, true);
        assert_eq!(changes(&again), (0, 0, 0), "{again}");
        let shown = ["matched", "missing", "unexpected", "suggested_plans"]
            .iter()
            .filter(|l| !items(&again, l).is_empty())
            .count();
        assert_eq!(shown, lists, "the same report: {again}");
    }
    assert_eq!(db.dump(false), after);
    let again = reconcile(&db, today, &files.bank, false);
    assert_eq!(again["missing"][0]["already_failed"], true);
    assert!(again["missing"][0]["action"].is_null());
    let text = db.ok(today, &["reconcile", files.bank.to_str().unwrap(), "--yes"]);
    assert!(text.contains("Nothing to apply"), "{text}");

    // Undo takes the bank statement's reconciliation back, all of it.
    let undone = db.ok(today, &["undo"]);
    assert!(
        undone.contains("reconciliation of boc-5678.csv (2 entries)"),
        "{undone}"
    );
    let plan = db.json(today, &["plan", "show", "2"]);
    assert_eq!(s(&plan["schedule"][0]["status"]), "debit-failed");
    assert_eq!(s(&plan["schedule"][0]["retry_on"]), "2025-03-19");
    let plan = db.json(today, &["plan", "show", "1"]);
    let second = &plan["schedule"][1];
    assert_eq!(
        (s(&second["status"]), second["confirmed"].as_bool()),
        ("paid", Some(false)),
        "posted again"
    );
    assert_eq!(
        plan["schedule"][0]["confirmed"], true,
        "the 支付宝 line stays"
    );
}

#[test]
fn the_report_speaks_chinese_too() {
    let db = Db::new();
    first_three_weeks(&db);
    let files = statements(db.dir.path());
    let out = db.run_in(
        "zh",
        "2025-03-25",
        &["reconcile", files.alipay.to_str().unwrap()],
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for words in [
        "已匹配（1）",
        "无法解释（1）",
        "建议添加的分期（1）",
        "未写入任何内容",
        "确认 1 笔",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
}
