//! `import` then `undo` through the binary: the undo names the import and takes back exactly
//! the rows it added, whatever was there before; an import that added nothing is not logged.
//! The ids it brought stay used (the dump's `sequences` are kept), so dumps are compared
//! without them here.

use crate::common::interop as interop_support;

use interop_support::*;

/// A dump without its `sequences` (the highest ids given out), which undo never lowers.
fn rows_only(dump: &str) -> String {
    let start = dump
        .find(",\"sequences\":{")
        .expect("a dump with sequences");
    let end = start + dump[start..].find('}').unwrap() + 1;
    format!("{}{}", &dump[..start], &dump[end..])
}

/// The JSON export of a `demo --plans N --seed 3` database, written to a file beside `f`.
fn demo_dump(f: &Fenqi, plans: &str) -> std::path::PathBuf {
    let source = f.sibling("source.db");
    source.ok(&["demo", "--plans", plans, "--seed", "3"]);
    let path = f.path("source.json");
    std::fs::write(&path, source.json()).unwrap();
    path
}

/// An empty database, its export, and a file beside it holding the export of
/// `demo --plans N --seed 3`.
fn empty_and_dump(plans: &str) -> (Fenqi, String, String) {
    let target = Fenqi::new();
    target.ok(&["card", "list"]);
    let before = target.json();
    let file = demo_dump(&target, plans);
    let file = file.to_str().unwrap().to_string();
    (target, before, file)
}

#[test]
fn undo_after_an_import_into_an_empty_database_leaves_it_empty() {
    let (target, before, file) = empty_and_dump("40");
    target.ok(&["import", &file]);
    assert_ne!(target.json(), before);
    let imported = target.json();
    let undone = target.ok(&["undo"]);
    assert_eq!(undone, format!("Undid: import of {file}\n"));
    assert_eq!(rows_only(&target.json()), rows_only(&before));
    let sequences = |dump: &str| dump[..dump.find("\"tables\"").unwrap()].to_string();
    assert_eq!(sequences(&target.json()), sequences(&imported));
    target.ok(&["check"]);
    assert_eq!(target.ok(&["undo"]), "Nothing to undo.\n");
}

#[test]
fn undo_takes_back_only_the_rows_the_import_added() {
    // The first 10 plans of the same seed are already there, identical; 30 more are new.
    let target = Fenqi::new();
    target.ok(&["demo", "--plans", "10", "--seed", "3"]);
    let before = target.json();
    let file = demo_dump(&target, "40");
    let out = target.ok(&["import", file.to_str().unwrap()]);
    assert!(!out.contains("(0 already present)"), "{out}");
    assert_eq!(
        target.count("SELECT count(*) FROM plans"),
        40,
        "the dump should add plans"
    );
    assert!(target.ok(&["undo"]).starts_with("Undid: import of "));
    assert_eq!(rows_only(&target.json()), rows_only(&before));
    target.ok(&["check"]);
    assert_eq!(target.count("SELECT count(*) FROM plans"), 10);
    // The change before the import is next.
    assert_eq!(
        target.ok(&["undo"]),
        "Undid: sample data 10 plans, seed 3\n"
    );
}

#[test]
fn a_second_identical_import_is_not_logged_and_one_undo_reverts_the_first() {
    let (target, before, file) = empty_and_dump("15");
    target.ok(&["import", &file]);
    let second = target.ok(&["import", &file]);
    assert!(second.starts_with("imported 0 rows"), "{second}");
    assert!(target.ok(&["undo"]).starts_with("Undid: import of "));
    assert_eq!(rows_only(&target.json()), rows_only(&before));
    assert_eq!(target.ok(&["undo"]), "Nothing to undo.\n");
}

#[test]
fn a_payment_on_an_imported_plan_is_undone_before_the_import() {
    let (target, before, file) = empty_and_dump("15");
    target.ok(&["import", &file]);
    let imported = target.json();
    let plan = target.count("SELECT min(id) FROM plans WHERE status = 'active'");
    target.ok(&["pay", &plan.to_string()]);
    let first = target.ok(&["undo"]);
    assert!(first.starts_with("Undid: repayment for "), "{first}");
    assert_eq!(rows_only(&target.json()), rows_only(&imported));
    assert!(target.ok(&["undo"]).starts_with("Undid: import of "));
    assert_eq!(rows_only(&target.json()), rows_only(&before));
    target.ok(&["check"]);
}

#[test]
fn the_undo_names_the_import_in_chinese_too() {
    let target = Fenqi::new();
    let file = demo_dump(&target, "3");
    let file = file.to_str().unwrap();
    target.ok(&["import", file]);
    assert_eq!(
        target.ok(&["--lang", "zh", "undo"]),
        format!("已撤销：导入 {file}\n")
    );
}

#[test]
fn a_dump_from_schema_1_still_imports_and_undoes() {
    // Schema 2 only widened the change log, which a dump leaves out.
    let (target, before, file) = empty_and_dump("5");
    let text = std::fs::read_to_string(&file).unwrap().replacen(
        &format!("\"schema_version\":{}", fenqi::store::DUMP_SCHEMA_VERSION),
        "\"schema_version\":1",
        1,
    );
    assert!(text.contains("\"schema_version\":1,"));
    std::fs::write(&file, text).unwrap();
    target.ok(&["import", &file]);
    target.ok(&["undo"]);
    assert_eq!(rows_only(&target.json()), rows_only(&before));
}
