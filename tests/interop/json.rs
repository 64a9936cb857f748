//! `export --format json` and `import`: byte-identical round trips, idempotent imports, and
//! refusals that write nothing.

use crate::common::interop as interop_support;

use interop_support::*;

#[test]
fn demo_json_round_trips_byte_identically_and_importing_twice_adds_nothing() {
    let source = Fenqi::demo();
    let dump_path = source.path("dump.json");
    source.ok(&[
        "export",
        "--format",
        "json",
        "--out",
        dump_path.to_str().unwrap(),
    ]);
    assert_eq!(mode(&dump_path), 0o600);
    let dump = std::fs::read_to_string(&dump_path).unwrap();
    assert_eq!(dump, source.json(), "file and stdout exports differ");

    let target = source.sibling("restored.db");
    let first = target.ok(&["import", dump_path.to_str().unwrap()]);
    assert!(first.contains("(0 already present)"), "{first}");
    assert_eq!(target.json(), dump);

    let second = target.ok(&["import", dump_path.to_str().unwrap()]);
    assert!(second.starts_with("imported 0 rows"), "{second}");
    assert_eq!(target.json(), dump);
    assert_eq!(
        target.count("SELECT count(*) FROM plans"),
        source.count("SELECT count(*) FROM plans")
    );
    target.ok(&["check"]);
}

#[test]
fn the_dump_holds_every_table_but_the_change_log_with_values_as_stored() {
    let f = Fenqi::demo();
    let dump: serde_json::Value = serde_json::from_str(&f.json()).unwrap();
    assert_eq!(dump["format"], "fenqi");
    assert_eq!(dump["version"], 1);
    // Schema 9 added only a tally, which dumps leave out: a dump still says 8, so a fenqi
    // of schema 8 imports it.
    assert_eq!(dump["schema_version"], 8);
    assert_eq!(fenqi::store::DUMP_SCHEMA_VERSION, 8);
    let tables = dump["tables"].as_object().unwrap();
    let names: Vec<&str> = tables.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "allocations",
            "cards",
            "credit_limits",
            "installments",
            "plans",
            "repayments"
        ]
    );
    for (name, table) in tables {
        let rows = table["rows"].as_array().unwrap();
        let stored = f.count(&format!("SELECT count(*) FROM {name}"));
        assert_eq!(rows.len() as i64, stored, "{name}");
    }
    let plans = &tables["plans"];
    let columns: Vec<&str> = plans["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let principal_at = columns
        .iter()
        .position(|c| *c == "principal_cents")
        .unwrap();
    let first = &plans["rows"][0];
    assert_eq!(first[0], 1);
    assert_eq!(
        first[principal_at].as_i64().unwrap(),
        f.count("SELECT principal_cents FROM plans WHERE id = 1")
    );
}

/// Writes `text` as a dump file and asserts `import` refuses it (exit 2) and writes nothing.
fn refused(target: &Fenqi, text: &str, expected: &str) {
    let before = target.json();
    let path = target.path("bad.json");
    std::fs::write(&path, text).unwrap();
    let stderr = target.fails(&["import", path.to_str().unwrap()], 2);
    assert!(
        stderr.contains(expected),
        "expected {expected:?} in {stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(
        target.json(),
        before,
        "a refused import changed the database"
    );
}

#[test]
fn bad_files_are_refused_with_a_clear_message_and_nothing_written() {
    let source = Fenqi::demo();
    let dump = source.json();
    let empty = source.sibling("empty.db");
    empty.ok(&["card", "list"]);
    refused(&empty, "{\"format\":\"fenqi\",", "not valid JSON");
    refused(&empty, "[1,2,3]", "not valid JSON");
    refused(
        &empty,
        &dump.replacen("\"format\":\"fenqi\"", "\"format\":\"other\"", 1),
        "not a fenqi JSON export",
    );
    refused(
        &empty,
        &dump.replacen("\"version\":1", "\"version\":2", 1),
        "layout version 2",
    );
    refused(
        &empty,
        &dump.replacen(
            &format!("\"schema_version\":{}", fenqi::store::DUMP_SCHEMA_VERSION),
            "\"schema_version\":99",
            1,
        ),
        "newer fenqi",
    );
    // The last table is written last, so every earlier table was already inserted: the
    // failure must roll all of them back.
    let id_start = dump.rfind("\n[").unwrap() + 2;
    let id_end = id_start + dump[id_start..].find(',').unwrap();
    let mut wrong_type = dump.clone();
    wrong_type.replace_range(id_start..id_end, "\"x\"");
    refused(&empty, &wrong_type, "table repayments, row");
    let mut float = dump.clone();
    float.replace_range(id_start..id_end, "1.5");
    refused(&empty, &float, "not a stored value");
    refused(
        &empty,
        &dump.replacen("\"credit_limits\":", "\"secrets\":", 1),
        "table secrets is not part of a fenqi export",
    );
    refused(
        &empty,
        &dump.replacen("\"bank\"", "\"bank_name\"", 1),
        "unknown or repeated column bank_name",
    );
    // An unknown code is named before SQLite sees it; a code fenqi knows but never stores
    // ("overdue" is worked out from today) meets the schema's multi-line CHECK constraint,
    // which SQLite quotes: the message stays one line.
    assert!(dump.contains("\"annuity\""));
    refused(
        &empty,
        &dump.replacen("\"annuity\"", "\"annNaNuity\"", 1),
        "table plans, row 6, column fee_model: \"annNaNuity\" is not a fee model",
    );
    assert!(dump.contains("\"paid\""));
    refused(
        &empty,
        &dump.replacen("\"paid\"", "\"overdue\"", 1),
        "CHECK constraint failed: state = 'pending' OR state = 'paid' OR state = 'partly-paid' OR",
    );
}

#[test]
fn a_row_that_differs_from_the_stored_one_is_a_conflict_and_nothing_is_written() {
    let source = Fenqi::demo();
    let dump = source.json();
    let changed = dump.replacen("\"招商银行\"", "\"Other Bank\"", 1);
    assert_ne!(changed, dump);
    refused(
        &source,
        &changed,
        "table cards: row 1 already exists with different content",
    );
}

#[test]
fn a_dangling_reference_is_refused() {
    let source = Fenqi::demo();
    let dump: serde_json::Value = serde_json::from_str(&source.json()).unwrap();
    let mut broken = dump.clone();
    broken["tables"]["plans"]["rows"] = serde_json::json!([]);
    let empty = source.sibling("empty.db");
    empty.ok(&["card", "list"]);
    refused(&empty, &broken.to_string(), "refers to a missing plans row");
}

#[test]
fn export_files_are_private_and_never_overwrite_without_force_nor_hit_the_database() {
    let f = Fenqi::demo();
    let out = f.path("out.json");
    let out_text = out.to_str().unwrap();
    f.ok(&["export", "--format", "json", "--out", out_text]);
    std::fs::write(&out, "keep me").unwrap();
    let stderr = f.fails(&["export", "--format", "json", "--out", out_text], 2);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    f.ok(&["export", "--format", "json", "--out", out_text, "--force"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), f.json());
    assert_eq!(mode(&out), 0o600);

    let db = f.db.to_str().unwrap().to_string();
    let wal = format!("{db}-wal");
    for target in [db.as_str(), wal.as_str()] {
        let stderr = f.fails(
            &["export", "--format", "ics", "--out", target, "--force"],
            2,
        );
        assert!(stderr.contains("is the database itself"), "{stderr}");
    }
    f.ok(&["check"]);
    let leftovers: Vec<String> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn bad_export_flags_exit_2() {
    let f = Fenqi::demo();
    let stderr = f.fails(&["export", "--format", "xlsx"], 2);
    assert!(stderr.contains("--format"), "{stderr}");
    let stderr = f.fails(&["export", "--format", "json", "--what", "plans"], 2);
    assert!(stderr.contains("--what"), "{stderr}");
    let stderr = f.fails(&["export", "--format", "ics", "--alarm-days", "-1"], 2);
    assert!(stderr.contains("--alarm-days"), "{stderr}");
    let stderr = f.fails(&["export", "--format", "csv", "--what", "cards"], 2);
    assert!(stderr.contains("--what"), "{stderr}");
}

#[test]
fn a_card_number_smuggled_into_a_dump_is_cut_to_its_last_four_digits() {
    let source = Fenqi::demo();
    let dump = source
        .json()
        .replacen("\"招商银行\"", "\"招商银行 6222 0212 3456 7890 128\"", 1);
    let target = source.sibling("target.db");
    let file = source.path("smuggled.json");
    std::fs::write(&file, &dump).unwrap();
    target.ok(&["import", file.to_str().unwrap()]);
    let banks = target.rows("SELECT bank FROM cards ORDER BY id");
    assert_eq!(banks[0][0], "招商银行 **** **** **** ***0 128");
    assert!(banks.iter().all(|b| !b[0].contains("6222")), "{banks:?}");
    target.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(
        target.count("SELECT count(*) FROM cards"),
        source.count("SELECT count(*) FROM cards")
    );
}

/// `dump` with the first row of `table` that has a value in `column` given `value` instead.
fn with_value(dump: &str, table: &str, column: &str, value: serde_json::Value) -> String {
    let mut parsed: serde_json::Value = serde_json::from_str(dump).unwrap();
    let table = &mut parsed["tables"][table];
    let at = table["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == column)
        .unwrap();
    let row = table["rows"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|row| !row[at].is_null())
        .unwrap();
    row[at] = value;
    parsed.to_string()
}

#[test]
fn values_fenqi_could_not_read_back_are_refused_naming_table_row_and_column() {
    use serde_json::json;
    let source = Fenqi::demo();
    let dump = source.json();
    let empty = source.sibling("empty.db");
    empty.ok(&["card", "list"]);
    for (table, column, value, expected) in [
        (
            "installments",
            "due_on",
            json!("2025-02-30"),
            "table installments, row 1, column due_on: \"2025-02-30\" is not a date",
        ),
        (
            "installments",
            "settled_on",
            json!("2025-02-29"),
            "column settled_on: \"2025-02-29\" is not a date",
        ),
        (
            "plans",
            "first_due_on",
            json!("2025-1-15"),
            "table plans, row 1, column first_due_on",
        ),
        (
            "plans",
            "next_due_on",
            json!("２０２５-07-15"),
            "column next_due_on",
        ),
        (
            "repayments",
            "paid_on",
            json!("2025-13-01"),
            "column paid_on",
        ),
        (
            "plans",
            "payoff_policy",
            json!("penalty:x"),
            "\"penalty:x\" is not a payoff policy",
        ),
        ("plans", "fee_rate", json!("0.6%"), "is not a rate"),
        ("plans", "penalty_daily", json!("x"), "column penalty_daily"),
        ("plans", "apr_percent", json!("13,03"), "is not a percent"),
        (
            "plans",
            "fee_free_periods",
            json!("1,x"),
            "is not a list of periods",
        ),
        (
            "allocations",
            "period",
            json!(4_294_967_296_i64),
            "is not a period number",
        ),
        (
            "plans",
            "periods",
            json!("12"),
            "\"12\" is not a whole number",
        ),
        ("cards", "label", json!(7), "7 is not text"),
    ] {
        refused(&empty, &with_value(&dump, table, column, value), expected);
    }
    // The refusal is in the user's language too.
    let path = empty.path("bad.json");
    std::fs::write(
        &path,
        with_value(&dump, "installments", "due_on", json!("2025-02-30")),
    )
    .unwrap();
    let stderr = empty.fails(&["--lang", "zh", "import", path.to_str().unwrap()], 2);
    assert!(
        stderr.contains("表 installments 第 1 行 due_on 列：\"2025-02-30\" 不是有效日期"),
        "{stderr}"
    );
}

#[test]
fn control_characters_in_text_are_refused_as_the_command_line_never_stores_them() {
    use serde_json::json;
    let source = Fenqi::demo();
    let dump = source.json();
    let empty = source.sibling("empty.db");
    empty.ok(&["card", "list"]);
    for (table, column, text) in [
        ("plans", "name", "iPhone\r\nBEGIN:VEVENT"),
        ("plans", "provider", "花呗\t"),
        ("cards", "bank", "\u{1b}[31m招商"),
        ("cards", "label", "a\u{0}b"),
        ("repayments", "reference", "FQ\n2025"),
    ] {
        let expected = format!(
            "table {table}, row 1, column {column}: control characters (line breaks, tabs, \
             escapes) are not allowed in text"
        );
        refused(
            &empty,
            &with_value(&dump, table, column, json!(text)),
            &expected,
        );
    }
    // What the command line makes of the same text (control characters become spaces) imports.
    let name = "iPhone  BEGIN:VEVENT \u{202E}";
    let target = source.sibling("target.db");
    let path = source.path("ok.json");
    std::fs::write(&path, with_value(&dump, "plans", "name", json!(name))).unwrap();
    target.ok(&["import", path.to_str().unwrap()]);
    let names = target.rows("SELECT name FROM plans WHERE id = 1");
    assert_eq!(names[0][0], name);
}

/// `dump` with `change` applied to its parsed form.
fn edited(dump: &str, change: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut parsed: serde_json::Value = serde_json::from_str(dump).unwrap();
    change(&mut parsed);
    parsed.to_string()
}

/// The position of `column` in `table` of a parsed dump.
fn column_at(parsed: &serde_json::Value, table: &str, column: &str) -> usize {
    parsed["tables"][table]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == column)
        .unwrap()
}

#[test]
fn an_import_that_check_would_reject_is_refused_and_writes_nothing() {
    use serde_json::json;
    let source = Fenqi::demo();
    let dump = source.json();
    let empty = source.sibling("empty.db");
    empty.ok(&["card", "list"]);
    refused(
        &empty,
        &with_value(&dump, "plans", "remaining_principal_cents", json!(1)),
        "the export does not add up: plan #1: its summary (paid periods, remaining, next period) \
         disagrees with its installments; nothing was imported",
    );
    let more_fee = edited(&dump, |d| {
        let at = column_at(d, "allocations", "fee_cents");
        let cell = &mut d["tables"]["allocations"]["rows"][0][at];
        *cell = json!(cell.as_i64().unwrap() + 1);
    });
    refused(
        &empty,
        &more_fee,
        "the export does not add up: repayment #1: its allocations do not add up to its amount",
    );
    let unpaid = edited(&dump, |d| {
        let at = column_at(d, "installments", "paid_fee_cents");
        let row = d["tables"]["installments"]["rows"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|row| row[at].as_i64().unwrap() > 0)
            .unwrap();
        row[at] = json!(0);
    });
    refused(&empty, &unpaid, "the export does not add up: plan #");
    let path = empty.path("bad.json");
    std::fs::write(&path, &more_fee).unwrap();
    let zh = empty.fails(&["--lang", "zh", "import", path.to_str().unwrap()], 2);
    assert!(
        zh.contains("导出文件的账目对不上：还款 #1：分配明细之和与还款金额不符；未导入任何数据"),
        "{zh}"
    );
    // The unchanged file imports and checks out.
    std::fs::write(&path, &dump).unwrap();
    empty.ok(&["import", path.to_str().unwrap()]);
    empty.ok(&["check"]);
}

#[test]
fn a_plan_beyond_fenqis_limits_is_refused_by_import_and_reported_by_check() {
    use serde_json::json;
    let source = Fenqi::demo();
    let dump = source.json();
    let empty = source.sibling("empty.db");
    empty.ok(&["card", "list"]);
    // 5% a day: above the 1% fenqi accepts, so penalties could outgrow exact arithmetic.
    let steep = with_value(&dump, "plans", "penalty_daily", json!("0.05"));
    refused(
        &empty,
        &steep,
        "plan #1: terms beyond fenqi's limits — --penalty-daily: at most 1% a day",
    );
    let path = empty.path("steep.json");
    std::fs::write(&path, &steep).unwrap();
    let zh = empty.fails(&["--lang", "zh", "import", path.to_str().unwrap()], 2);
    assert!(
        zh.contains("分期 #1：条款超出 fenqi 的上限——--penalty-daily：每天最多 1%"),
        "{zh}"
    );
    // The same terms written into the database by hand: `check` names the plan and the term.
    source
        .sql()
        .execute(
            "UPDATE plans SET principal_cents = principal_cents + 10000000000 WHERE id = 2",
            [],
        )
        .unwrap();
    let checked = source.run(&["check"]);
    assert_eq!(checked.status.code(), Some(1));
    let report = String::from_utf8(checked.stdout).unwrap();
    assert!(
        report
            .contains("plan #2: terms beyond fenqi's limits — --principal: at most 100,000,000.00"),
        "{report}"
    );
}

#[test]
fn an_import_is_checked_with_the_rows_already_there_and_only_where_it_adds() {
    use serde_json::json;
    let source = Fenqi::demo();
    let dump = source.json();
    // One allocation more for repayment #1: every other row is already there and skipped,
    // yet repayment #1 would no longer add up.
    let extra = edited(&dump, |d| {
        let rows = d["tables"]["allocations"]["rows"].as_array_mut().unwrap();
        let mut row = rows[0].clone();
        row[2] = json!(99);
        rows.insert(1, row);
    });
    refused(
        &source,
        &extra,
        "the export does not add up: repayment #1: its allocations do not add up to its amount",
    );
    // A plan broken before the import is not the import's business: a file that adds a
    // sound plan #9 goes in, and check still names the old problem.
    source
        .sql()
        .execute(
            "UPDATE plans SET remaining_cents = remaining_cents + 1 WHERE id = 2",
            [],
        )
        .unwrap();
    let single = source.sibling("single.db");
    single.ok(&[
        "plan",
        "add",
        "--name",
        "新手机",
        "--provider",
        "花呗",
        "--principal",
        "1200",
        "--periods",
        "6",
        "--total-fee",
        "3%",
        "--first-due",
        "2025-07-15",
    ]);
    let plan_nine = edited(&single.json(), |d| {
        let at = column_at(d, "plans", "id");
        d["tables"]["plans"]["rows"][0][at] = json!(9);
        let at = column_at(d, "installments", "plan_id");
        for row in d["tables"]["installments"]["rows"].as_array_mut().unwrap() {
            row[at] = json!(9);
        }
    });
    let path = source.path("nine.json");
    std::fs::write(&path, plan_nine).unwrap();
    let out = source.ok(&["import", path.to_str().unwrap()]);
    assert!(out.starts_with("imported 7 rows"), "{out}");
    let check = source.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let report = String::from_utf8(check.stdout).unwrap();
    assert!(report.contains("plan #2: its summary"), "{report}");
    assert!(!report.contains("plan #9"), "{report}");
}
