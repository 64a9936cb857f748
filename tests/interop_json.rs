//! `export --format json` and `import`: byte-identical round trips, idempotent imports, and
//! refusals that write nothing.

mod interop_support;

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
    assert_eq!(dump["schema_version"], fenqi::store::SCHEMA_VERSION);
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
            &format!("\"schema_version\":{}", fenqi::store::SCHEMA_VERSION),
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
    // SQLite quotes the schema's multi-line CHECK constraint; the message stays one line.
    assert!(dump.contains("\"annuity\""));
    refused(
        &empty,
        &dump.replacen("\"annuity\"", "\"annNaNuity\"", 1),
        "CHECK constraint failed: fee_model = 'monthly-fee' OR fee_model = 'total-fee' OR",
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
