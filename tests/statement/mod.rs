//! Statement reading: each format's fixture read into the lines worked out by hand from the
//! fixture's text, encodings, hostile files refused with one line, card numbers never kept
//! (matching is unit-tested in src/statement/matching/tests.rs; the layer's imports are checked
//! with the crate's in tests/store/layers.rs); through the binary, `reconcile` on hostile
//! statements and a five-week story.

mod hostile;
mod story;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use fenqi::domain::Money;
use fenqi::i18n::Lang;
use fenqi::i18n::statement::error as error_text;
use fenqi::statement::*;
use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/statements")
        .join(name)
}

fn read(name: &str) -> Statement {
    read_statement_file(&fixture(name), &ReadOptions::default()).unwrap()
}

fn read_bytes(bytes: &[u8]) -> Result<Statement, StatementError> {
    read_statement(bytes, &ReadOptions::default())
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn t(s: &str) -> Option<NaiveTime> {
    Some(NaiveTime::parse_from_str(s, "%H:%M:%S").unwrap())
}

fn m(s: &str) -> Money {
    Money::parse(s.trim_start_matches('-')).map_or_else(
        |e| panic!("{s}: {e}"),
        |v| {
            if s.starts_with('-') {
                Money::ZERO.checked_sub(v).unwrap()
            } else {
                v
            }
        },
    )
}

fn card(s: &str) -> Option<CardLast4> {
    Some(CardLast4::parse(s).unwrap())
}

/// What a test states about a line: its line number, date (and time), amount, flow, text,
/// card and order number.
type Want = (
    u32,
    &'static str,
    &'static str,
    Flow,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

fn check(line: &StatementLine, want: &Want) {
    let (number, when, amount, flow, text, card_tail, order) = *want;
    let label = format!("line {number}");
    let (date, time) = when.split_once(' ').unwrap_or((when, ""));
    assert_eq!(line.line, number, "{label}");
    assert_eq!(line.date, d(date), "{label}");
    assert_eq!(
        line.time,
        Some(time).filter(|t| !t.is_empty()).and_then(t),
        "{label}"
    );
    assert_eq!(line.amount, m(amount), "{label}");
    assert_eq!(line.flow, flow, "{label}");
    assert_eq!(line.text, text, "{label}");
    assert_eq!(line.card_last4, card_tail.and_then(card), "{label}");
    assert_eq!(line.order_id.as_deref(), order, "{label}");
}

/// Checks every line of `s` against `wants`.
fn check_all(s: &Statement, wants: &[Want]) {
    assert_eq!(s.lines.len(), wants.len());
    for (line, want) in s.lines.iter().zip(wants) {
        check(line, want);
    }
}

/// The 支付宝 fixture's lines, worked out from its text (GBK; header on line 24).
#[rustfmt::skip]
const ALIPAY: [Want; 7] = [
    (25, "2024-03-22 10:00:00", "-200.00", Flow::Out, "某超市 购物 卡号 ***************0125", Some("1234"), Some("2024032222001100001111222244")),
    (26, "2024-03-20 18:00:00", "100.00", Flow::In, "李四 转账", None, Some("2024032022001100001111222233")),
    (27, "2024-03-15 09:00:00", "536.00", Flow::Neutral, "招商银行 信用卡还款", Some("5678"), Some("2024031522001122223333444455")),
    (28, "2024-03-12 12:30:00", "-68.00", Flow::Out, "某某餐厅 午餐", Some("1234"), Some("2024031222001198765432109876")),
    (29, "2024-03-10 08:02:11", "536.00", Flow::Neutral, "花呗 花呗自动还款-2024年03月账单", None, Some("2024031022001134561234567890")),
    (30, "2024-03-05 20:11:45", "-6000.00", Flow::Out, "Apple Store iPhone 15", None, Some("2024030522001456789012345678")),
    (31, "2024-03-05 20:15:02", "-200.00", Flow::Out, "Apple Store AppleCare+", None, Some("2024030522001456789012345679")),
];

/// The 微信支付 lines both the CSV and the XLSX fixture hold (rows 18–21 in both).
#[rustfmt::skip]
const WECHAT: [Want; 4] = [
    (18, "2024-03-20 19:00:00", "50.00", Flow::In, "王五", None, Some("10000499012024032000012345")),
    (19, "2024-03-18 09:30:00", "1036.00", Flow::Neutral, "招商银行", None, Some("4200002024031800001234567890")),
    (20, "2024-03-09 15:10:00", "-199.00", Flow::Out, "某商城 耳机", None, Some("4200002024030900005555666677")),
    (21, "2024-03-08 12:00:00", "-32.50", Flow::Out, "某咖啡 拿铁", Some("1234"), Some("4200002024030800009876543210")),
];

/// The 京东 fixture's lines (header on line 5).
#[rustfmt::skip]
const JD: [Want; 4] = [
    (6, "2024-03-15 10:00:00", "200.00", Flow::Neutral, "京东白条 白条主动还款 第1/6期", Some("1234"), Some("JD2024031500001")),
    (7, "2024-03-07 10:00:00", "-99.00", Flow::Out, "京东商城平台商户 充电器", None, Some("JD2024030700003")),
    (8, "2024-03-06 21:15:00", "-131.77", Flow::Out, "京东商城平台商户 蓝牙耳机", None, Some("JD2024030600002")),
    (9, "2024-03-02 09:00:00", "-1200.00", Flow::Out, "京东商城平台商户 空气净化器 白条分6期", None, Some("JD2024030200001")),
];

/// The 招商 fixture's lines (header on line 3).
#[rustfmt::skip]
const CMB: [Want; 4] = [
    (4, "2024-03-01", "-1036.00", Flow::Out, "账单分期 第3/12期", Some("1234"), None),
    (5, "2024-03-05", "-88.50", Flow::Out, "某超市", Some("1234"), None),
    (6, "2024-03-18", "1036.00", Flow::In, "自动还款", Some("1234"), None),
    (7, "2024-03-22", "-123.18", Flow::Out, "境外网站", Some("1234"), None),
];

/// The 中国银行 fixture's lines (header on line 2).
#[rustfmt::skip]
const BOC: [Want; 4] = [
    (3, "2024-03-10", "8000.00", Flow::In, "工资", Some("5678"), None),
    (4, "2024-03-15", "-536.00", Flow::Out, "支付宝-信用卡还款", Some("5678"), None),
    (5, "2024-03-16", "-200.00", Flow::Out, "京东白条自动还款", Some("5678"), None),
    (6, "2024-03-16", "-200.00", Flow::Out, "京东白条自动还款", Some("5678"), None),
];

/// The mapped CSV fixture's lines, with `ref=流水号`.
#[rustfmt::skip]
const GENERIC: [Want; 2] = [
    (2, "2024-03-10", "-536.00", Flow::Out, "花呗还款", None, Some("SN001")),
    (3, "2024-03-11", "0.35", Flow::Neutral, "利息", None, Some("SN002")),
];

/// The 广发 fixture's lines (UTF-16, header on line 1).
#[rustfmt::skip]
const CGB: [Want; 2] = [
    (2, "2024-03-08", "-333.34", Flow::Out, "小米分期 第2/6期", Some("4321"), None),
    (3, "2024-03-12", "500.00", Flow::In, "还款", Some("4321"), None),
];

#[test]
fn alipay_gbk_csv_with_its_preamble() {
    let s = read("alipay.csv");
    assert_eq!(s.format, Format::Alipay);
    assert_eq!(s.container, Container::Csv(TextEncoding::Gb18030));
    assert_eq!(s.period, Some((d("2024-03-01"), d("2024-03-31"))));
    check_all(&s, &ALIPAY);
    let closed = &s.lines[0];
    assert_eq!(
        (closed.status.as_str(), closed.outcome),
        ("交易关闭", Outcome::Failed)
    );
    assert_eq!(closed.category, "日用百货");
    assert_eq!(closed.method, "招商银行信用卡(1234)");
    assert_eq!(closed.merchant_order_id, None);
    assert_eq!(closed.key.as_str(), "alipay:2024032222001100001111222244");
    let huabei = &s.lines[4];
    assert_eq!(huabei.category, "信用借还");
    assert_eq!(huabei.outcome, Outcome::Done);
    let iphone = &s.lines[5];
    assert_eq!(iphone.merchant_order_id.as_deref(), Some("T2024030500012"));
    assert_eq!(iphone.note, "分12期");
    assert_eq!(iphone.method, "花呗分期");
}

fn check_wechat(s: &Statement) {
    assert_eq!(s.format, Format::Wechat);
    assert_eq!(s.period, Some((d("2024-03-01"), d("2024-03-31"))));
    check_all(s, &WECHAT);
    assert_eq!(s.lines[1].category, "信用卡还款");
    assert_eq!(s.lines[1].method, "零钱");
    // 已退款(￥50.00) in the status: 50.00 of 199.00 refunded, the purchase still done.
    assert_eq!(s.lines[2].refunded, m("50.00"));
    assert_eq!(s.lines[2].outcome, Outcome::Done);
    assert_eq!(
        s.lines[3].merchant_order_id.as_deref(),
        Some("10002024030812000001")
    );
    assert_eq!(s.lines[0].note, "");
}

#[test]
fn wechat_older_csv_with_bom() {
    let s = read("wechat.csv");
    assert_eq!(s.container, Container::Csv(TextEncoding::Utf8Bom));
    check_wechat(&s);
}

/// The 微信支付 bill as an XLSX workbook: the CSV fixture's rows, with one date as a real
/// spreadsheet date-time and one amount as a number.
fn wechat_xlsx(extra: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let text = std::fs::read(fixture("wechat.csv")).unwrap();
    let text = String::from_utf8(text[3..].to_vec()).unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for (row, record) in reader.records().enumerate() {
        let record = record.unwrap();
        let row = row as u32;
        for (column, cell) in record.iter().enumerate() {
            let column = column as u16;
            let cell = cell.trim_end_matches('\t');
            if cell.is_empty() {
                continue;
            }
            match (row, column) {
                (18, 0) => {
                    let when = ExcelDateTime::parse_from_str(cell).unwrap();
                    let format = CellFormat::new().set_num_format("yyyy-mm-dd hh:mm:ss");
                    sheet
                        .write_datetime_with_format(row, column, &when, &format)
                        .unwrap();
                }
                (20, 5) => {
                    sheet.write_number(row, column, 32.5).unwrap();
                }
                _ => {
                    sheet.write_string(row, column, cell).unwrap();
                }
            }
        }
    }
    extra(sheet);
    book.save_to_buffer().unwrap()
}

#[test]
fn wechat_xlsx_bill() {
    let bytes = wechat_xlsx(|_| {});
    let s = read_bytes(&bytes).unwrap();
    assert_eq!(s.container, Container::Xlsx);
    check_wechat(&s);
    let csv = read("wechat.csv");
    let keys = |s: &Statement| s.lines.iter().map(|l| l.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&s), keys(&csv));
}

#[test]
fn the_committed_wechat_xlsx_fixture_reads_as_its_csv_twin() {
    let path = fixture("wechat.xlsx");
    if std::env::var_os("FENQI_REGENERATE_FIXTURES").is_some() {
        std::fs::write(&path, wechat_xlsx(|_| {})).unwrap();
    }
    let s = read("wechat.xlsx");
    assert_eq!(s.container, Container::Xlsx);
    check_wechat(&s);
}

#[test]
fn jd_csv_with_bom_and_refunds() {
    let s = read("jd.csv");
    assert_eq!(s.format, Format::Jd);
    assert_eq!(s.container, Container::Csv(TextEncoding::Utf8Bom));
    assert_eq!(s.period, Some((d("2024-03-01"), d("2024-03-31"))));
    check_all(&s, &JD);
    assert_eq!(
        (s.lines[1].refunded, s.lines[1].outcome),
        (m("99.00"), Outcome::Refunded)
    );
    assert_eq!(
        (s.lines[2].refunded, s.lines[2].outcome),
        (m("89.84"), Outcome::Done)
    );
    assert_eq!(s.lines[0].category, "白条");
}

#[test]
fn cmb_card_export_by_its_columns() {
    let s = read("cmb.csv");
    assert_eq!(
        s.format,
        Format::Bank {
            issuer: Some(Provider::Cmb)
        }
    );
    assert_eq!(s.container, Container::Csv(TextEncoding::Utf8));
    assert_eq!(s.period, None);
    assert_eq!(s.date_range(), Some((d("2024-03-01"), d("2024-03-22"))));
    assert_eq!(s.cards(), vec![card("1234").unwrap()]);
    check_all(&s, &CMB);
    for line in &s.lines {
        assert_eq!(line.currency, None);
        assert!(line.key.as_str().starts_with("bank:h"), "{}", line.key);
    }
}

#[test]
fn boc_gbk_export_with_deposit_and_withdrawal_columns_keeps_identical_lines_apart() {
    let s = read("boc.csv");
    assert_eq!(
        s.format,
        Format::Bank {
            issuer: Some(Provider::Boc)
        }
    );
    assert_eq!(s.container, Container::Csv(TextEncoding::Gb18030));
    check_all(&s, &BOC);
    let (third, fourth) = (s.lines[2].key.as_str(), s.lines[3].key.as_str());
    assert!(
        third.ends_with("#1") && fourth.ends_with("#2"),
        "{third} {fourth}"
    );
    assert_eq!(third.trim_end_matches("#1"), fourth.trim_end_matches("#2"));
    // Reading again gives the same keys.
    assert_eq!(read("boc.csv").lines, s.lines);
}

#[test]
fn cgb_utf16_export_with_a_full_card_number_keeps_its_last_four() {
    let s = read("cgb-utf16.csv");
    assert_eq!(
        s.format,
        Format::Bank {
            issuer: Some(Provider::Cgb)
        }
    );
    assert_eq!(s.container, Container::Csv(TextEncoding::Utf16Le));
    check_all(&s, &CGB);
    assert!(!format!("{s:?}").contains("62258801376"));
}

#[test]
fn any_csv_through_a_column_map() {
    let by_name = ColumnMap::parse("date=日期,amount=发生额,text=摘要,ref=流水号").unwrap();
    let options = ReadOptions {
        format: FormatChoice::Auto,
        map: Some(by_name),
    };
    let s = read_statement_file(&fixture("generic.csv"), &options).unwrap();
    assert_eq!(s.format, Format::Generic);
    check_all(&s, &GENERIC);
    assert_eq!(s.lines[0].key.as_str(), "generic:SN001");

    // By positions: the header row is skipped as rows before the first date are.
    let by_position = ReadOptions {
        format: FormatChoice::Generic,
        map: Some(ColumnMap::parse("date=1,amount=3,text=2").unwrap()),
    };
    let s = read_statement_file(&fixture("generic.csv"), &by_position).unwrap();
    let unreferenced = GENERIC.map(|(line, when, amount, flow, text, card, _)| {
        (line, when, amount, flow, text, card, None)
    });
    check_all(&s, &unreferenced);
}

/// The refusal of `bytes` read as `format`, in English.
fn refusal(bytes: &[u8], format: FormatChoice) -> (Found, String) {
    let options = ReadOptions { format, map: None };
    let error = read_statement(bytes, &options).unwrap_err();
    let text = error_text(Lang::En, &error);
    assert!(!text.contains('\n'), "{text}");
    assert!(!error_text(Lang::Zh, &error).contains('\n'));
    (error.found, text)
}

#[test]
fn a_file_of_another_format_is_refused_naming_it() {
    let jd = std::fs::read(fixture("jd.csv")).unwrap();
    let (found, text) = refusal(&jd, FormatChoice::Alipay);
    assert_eq!(found, Found::OtherFormat(Format::Jd));
    assert_eq!(
        text,
        "expected a 支付宝 (Alipay) 交易明细 CSV, found a 京东 (JD) 交易流水 CSV"
    );
    let (found, _) = refusal(&wechat_xlsx(|_| {}), FormatChoice::Bank);
    assert_eq!(found, Found::OtherFormat(Format::Wechat));
}

#[test]
fn a_200_mb_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    // A sparse file: 200 MB long, nothing on disk.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let error = read_statement_file(&path, &ReadOptions::default()).unwrap_err();
    assert_eq!(
        error.found,
        Found::TooLarge {
            bytes: 200 * 1024 * 1024,
            cap: MAX_FILE_BYTES
        }
    );
    assert_eq!(
        error_text(Lang::En, &error),
        "expected a statement (a 支付宝 or 微信支付 bill, a 京东 交易流水, a bank card's CSV), \
         found a file of 209715200 bytes (statements up to 33554432 bytes are read)"
    );
}

#[test]
fn junk_empty_and_unreadable_files_are_refused() {
    // Bytes from a fixed linear congruential sequence: binary junk with NULs.
    let mut state: u32 = 12345;
    let junk: Vec<u8> = (0..4096)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (state >> 16) as u8
        })
        .collect();
    assert_eq!(refusal(&junk, FormatChoice::Auto).0, Found::NotText);
    assert_eq!(refusal(b"", FormatChoice::Auto).0, Found::Empty);
    assert_eq!(refusal(b" \r\n\r\n", FormatChoice::Auto).0, Found::Empty);
    assert_eq!(
        refusal(b"PK\x03\x04 damaged", FormatChoice::Wechat).0,
        Found::BadSpreadsheet
    );
    let xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    assert_eq!(refusal(&xls, FormatChoice::Auto).0, Found::OldSpreadsheet);
    let (found, text) = refusal("名称,数量\n苹果,3\n".as_bytes(), FormatChoice::Auto);
    assert_eq!(
        found,
        Found::NoHeader {
            first_line: "名称,数量".into()
        }
    );
    assert!(
        text.ends_with("no header of it; the first line is: 名称,数量"),
        "{text}"
    );
    let missing = read_statement_file(
        Path::new("/nonexistent/statement.csv"),
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(missing.found, Found::Unreadable(_)));
}

#[test]
fn a_header_with_no_rows_is_refused() {
    let alipay = std::fs::read(fixture("alipay.csv")).unwrap();
    let (text, _, _) = encoding_rs::GB18030.decode(&alipay);
    let header_only: String = text.lines().take(24).map(|l| format!("{l}\n")).collect();
    let (found, message) = refusal(header_only.as_bytes(), FormatChoice::Auto);
    assert_eq!(found, Found::NoLines);
    assert_eq!(
        message,
        "expected a 支付宝 (Alipay) 交易明细 CSV, found a header with no transactions under it"
    );
    // The marker without the header after it.
    let marker_only: String = text.lines().take(23).map(|l| format!("{l}\n")).collect();
    assert_eq!(
        refusal(marker_only.as_bytes(), FormatChoice::Auto).0,
        Found::MarkerWithoutHeader(Format::Alipay)
    );
}

const JD_HEADER: &str = "交易时间,商户名称,交易说明,金额,收/付款方式,交易状态,收/支,交易分类,交易订单号,商家订单号,备注\n";

#[test]
fn formula_looking_cells_stay_text_and_are_refused_as_amounts() {
    let text = format!(
        "{JD_HEADER}2024-03-01 10:00:00,=cmd|' /C calc'!A0,@SUM(1+1),10.00,余额,交易成功,支出,,JD1,,\n"
    );
    let s = read_bytes(text.as_bytes()).unwrap();
    assert_eq!(s.lines[0].text, "=cmd|' /C calc'!A0 @SUM(1+1)");
    let bad = format!("{JD_HEADER}2024-03-01 10:00:00,店,说明,=1+2,余额,交易成功,支出,,JD1,,\n");
    let (found, message) = refusal(bad.as_bytes(), FormatChoice::Jd);
    assert_eq!(
        found,
        Found::BadCell {
            line: 2,
            column: "金额".into(),
            value: "=1+2".into(),
            kind: CellKind::Amount
        }
    );
    assert_eq!(
        message,
        "expected a 京东 (JD) 交易流水 CSV, found line 2, column 金额: =1+2 is not an amount (such as 536.00 or ¥536.00)"
    );
    let undated = format!("{JD_HEADER}03/01,店,说明,1.00,余额,交易成功,支出,,JD1,,\n");
    assert!(matches!(
        refusal(undated.as_bytes(), FormatChoice::Jd).0,
        Found::BadCell {
            kind: CellKind::Date,
            ..
        }
    ));
}

#[test]
fn control_characters_are_stripped() {
    let text = format!(
        "{JD_HEADER}2024-03-01 10:00:00,店\u{1b}[2J\u{1b}]0;pwned\u{7},说\u{202e}明\u{8},10.00,余额,交易成功,支出,,JD1\t,,\n"
    );
    let s = read_bytes(text.as_bytes()).unwrap();
    let line = &s.lines[0];
    assert_eq!(line.text, "店 [2J ]0;pwned 说明");
    for field in [&line.text, &line.status, &line.method, &line.note] {
        assert!(!field.chars().any(char::is_control), "{field:?}");
    }
    assert_eq!(line.order_id.as_deref(), Some("JD1"));
}

#[test]
fn a_card_number_in_any_cell_is_kept_as_its_last_four_only() {
    let number = "6222021234567890125";
    let text = format!(
        "{JD_HEADER}2024-03-01 10:00:00,{number},付款 {number},10.00,银行卡 {number},{number},支出,{number},{number},{number},{number}\n"
    );
    let s = read_bytes(text.as_bytes()).unwrap();
    let seen = format!("{s:?}");
    assert!(!seen.contains("62220212345"), "{seen}");
    let line = &s.lines[0];
    assert_eq!(line.card_last4, card("0125"));
    assert_eq!(line.order_id.as_deref(), Some("***************0125"));
    // A card number where a date or amount belongs: the error shows it masked too.
    let bad =
        format!("{JD_HEADER}2024-03-01 10:00:00,店,说明,{number},余额,交易成功,支出,,JD1,,\n");
    let error = read_statement(bad.as_bytes(), &ReadOptions::default()).unwrap_err();
    let message = error_text(Lang::Zh, &error);
    assert!(
        message.contains("***************0125") && !message.contains("622202"),
        "{message}"
    );
}

#[test]
fn a_far_away_spreadsheet_cell_costs_nothing() {
    let bytes = wechat_xlsx(|sheet| {
        sheet.write_string(50_000, 16_000, "far").unwrap();
        sheet.write_string(50_001, 3, "x").unwrap();
    });
    let s = read_bytes(&bytes).unwrap();
    assert_eq!(s.lines.len(), 4);
}

#[test]
fn map_misuse_is_refused() {
    let generic = std::fs::read(fixture("generic.csv")).unwrap();
    assert_eq!(
        refusal(&generic, FormatChoice::Generic).0,
        Found::MapRequired
    );
    let map = Some(ColumnMap::parse("date=日期,amount=金额,text=摘要").unwrap());
    let missing = read_statement(
        &generic,
        &ReadOptions {
            format: FormatChoice::Generic,
            map: map.clone(),
        },
    )
    .unwrap_err();
    assert_eq!(missing.found, Found::MapColumnMissing("金额".into()));
    let wrong = read_statement(
        &generic,
        &ReadOptions {
            format: FormatChoice::Alipay,
            map,
        },
    )
    .unwrap_err();
    assert_eq!(wrong.found, Found::MapNotForFormat);
}
