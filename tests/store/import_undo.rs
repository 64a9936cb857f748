//! Store tests: an import is one logged change whose undo deletes exactly the rows it
//! inserted, in every table, keeping rows that were there before and the tallies right.

use chrono::NaiveDate;
use fenqi::domain::Money;
use fenqi::domain::dates::parse_date;
use fenqi::store::*;
use serde_json::Value;

const TODAY: &str = "2025-06-15";

fn today() -> NaiveDate {
    parse_date(TODAY).unwrap()
}

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    (dir, store)
}

fn card(bank: &str, last4: &str) -> CardDraft {
    CardDraft {
        bank: bank.into(),
        last4: last4.into(),
        label: String::new(),
        kind: fenqi::store::CardKind::Debit,
    }
}

/// The subject of an import logged under `source`.
fn imported(source: &str) -> ChangeSubject {
    ChangeSubject::Import {
        source: source.into(),
    }
}

/// A dump without its `sequences` (the highest ids given out), which undo never lowers.
fn rows_only(dump: &str) -> String {
    let start = dump
        .find(",\"sequences\":{")
        .expect("a dump with sequences");
    let end = start + dump[start..].find('}').unwrap() + 1;
    format!("{}{}", &dump[..start], &dump[end..])
}

fn dump(store: &Store) -> String {
    let mut out = Vec::new();
    store.write_dump(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[track_caller]
fn assert_healthy(store: &Store, step: &str) {
    let report = store.check().unwrap();
    assert!(report.is_ok(), "after {step}: {report:?}");
    assert!(store.tallies_match().unwrap(), "tallies after {step}");
}

/// A source database's dump: demo plans with repayments, two credit limits, and a card
/// replaced by another (so that one card row refers to another).
fn source_dump(plans: u32) -> String {
    let (_dir, mut store) = fresh();
    store.fill_demo(plans, 7, today()).unwrap();
    store
        .set_limit("花呗", Money::parse("8000").unwrap())
        .unwrap();
    store
        .set_limit("京东白条", Money::parse("5000").unwrap())
        .unwrap();
    let new = store.add_card(&card("中国银行", "4321")).unwrap();
    store.replace_card(CardId(2), new).unwrap();
    dump(&store)
}

/// The dump with only the plans `keep_plan` keeps (and their periods, repayments and
/// allocations) and only its credit limit number `keep_limit`; every card stays.
fn subset(full: &str, keep_plan: fn(i64) -> bool, keep_limit: usize) -> String {
    let mut dump: Value = serde_json::from_str(full).unwrap();
    let column = |dump: &Value, table: &str, name: &str| -> usize {
        dump["tables"][table]["columns"]
            .as_array()
            .unwrap()
            .iter()
            .position(|c| c == name)
            .unwrap()
    };
    let plan_at = column(&dump, "repayments", "plan_id");
    let id_at = column(&dump, "repayments", "id");
    let dropped_repayments: std::collections::HashSet<i64> = dump["tables"]["repayments"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !keep_plan(r[plan_at].as_i64().unwrap()))
        .map(|r| r[id_at].as_i64().unwrap())
        .collect();
    let keep = |table: &str, id: i64| match table {
        "allocations" => !dropped_repayments.contains(&id),
        _ => keep_plan(id),
    };
    for (table, name) in [
        ("plans", "id"),
        ("installments", "plan_id"),
        ("repayments", "plan_id"),
        ("allocations", "repayment_id"),
    ] {
        let at = column(&dump, table, name);
        dump["tables"][table]["rows"]
            .as_array_mut()
            .unwrap()
            .retain(|r| keep(table, r[at].as_i64().unwrap()));
    }
    let limits = dump["tables"]["credit_limits"]["rows"]
        .as_array_mut()
        .unwrap();
    let kept = limits.remove(keep_limit);
    *limits = vec![kept];
    dump.to_string()
}

fn import(store: &mut Store, text: &str, source: &str) -> interop::ImportSummary {
    store.import_dump(text.as_bytes(), source).unwrap()
}

/// The undo data of the newest change, parsed.
fn undo_data(dir: &tempfile::TempDir) -> Value {
    let conn = rusqlite::Connection::open(dir.path().join("fenqi.db")).unwrap();
    let text: String = conn
        .query_row(
            "SELECT undo_data FROM changes ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn undoing_an_import_into_an_empty_database_leaves_it_as_it_was() {
    let full = source_dump(30);
    let (dir, mut store) = fresh();
    let before = dump(&store);
    let summary = import(&mut store, &full, "full.json");
    assert_eq!(summary.skipped(), 0);
    assert_eq!(dump(&store), full);
    let change = store.last_change().unwrap().unwrap();
    assert_eq!(change.kind, ChangeKind::Import);
    assert_eq!(change.subject, imported("full.json"));
    // Rows into an empty database: one run of keys per table, not one entry per row.
    let steps = undo_data(&dir);
    let tables = steps[0]["tables"].as_array().unwrap();
    let names: Vec<&str> = tables
        .iter()
        .map(|t| t["table"].as_str().unwrap())
        .collect();
    let dumped: Value = serde_json::from_str(&full).unwrap();
    let dumped: Vec<&str> = dumped["tables"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(names, dumped, "every table the dump wrote");
    let mut rows = 0;
    for table in tables {
        assert_eq!(table["runs"].as_array().unwrap().len(), 1, "{table}");
        rows += table["runs"][0]["rows"].as_u64().unwrap();
    }
    assert_eq!(rows, summary.inserted());

    let undone = store.undo().unwrap().unwrap();
    assert_eq!(undone.kind, ChangeKind::Import);
    assert_eq!(rows_only(&dump(&store)), rows_only(&before));
    assert_healthy(&store, "undoing the import");
    assert_eq!(store.plan_count().unwrap(), 0);
    assert!(store.undo().unwrap().is_none());
}

/// Imports a dump holding two thirds of the plans; then the other third, whose rows lie
/// between rows already there (and not in that dump); then the full dump, which holds both.
/// Undoes each import, then the first. Returns how many rows the full dump added.
fn undo_after_a_partly_overlapping_import(plans: u32) -> u64 {
    let full = source_dump(plans);
    let part = subset(&full, |id| id % 3 != 0, 0);
    let rest = subset(&full, |id| id % 3 == 0, 1);
    let (_dir, mut store) = fresh();
    let empty = dump(&store);
    import(&mut store, &part, "part.json");
    let with_part = dump(&store);

    let summary = import(&mut store, &rest, "rest.json");
    assert!(summary.inserted() > 0, "{summary:?}");
    assert_eq!(dump(&store), full);
    assert_eq!(
        store.undo().unwrap().unwrap().subject,
        imported("rest.json")
    );
    assert_eq!(
        rows_only(&dump(&store)),
        rows_only(&with_part),
        "undo took rows it had not added"
    );
    assert_healthy(&store, "undoing the import of the rest");

    let again = import(&mut store, &full, "full.json");
    assert_eq!(again.inserted(), summary.inserted());
    assert!(again.skipped() > 0, "{again:?}");
    assert_eq!(dump(&store), full);
    assert_eq!(
        store.undo().unwrap().unwrap().subject,
        imported("full.json")
    );
    assert_eq!(
        rows_only(&dump(&store)),
        rows_only(&with_part),
        "undo took rows it had not added"
    );
    assert_healthy(&store, "undoing the import of the full dump");

    assert_eq!(
        store.undo().unwrap().unwrap().subject,
        imported("part.json")
    );
    assert_eq!(rows_only(&dump(&store)), rows_only(&empty));
    assert_healthy(&store, "undoing the first import");
    again.inserted()
}

#[test]
fn undo_removes_only_the_rows_the_import_added() {
    undo_after_a_partly_overlapping_import(30);
}

#[test]
fn a_large_partly_overlapping_import_is_undone_exactly_too() {
    // Over 20,000 new rows: the undo sets the triggers aside and recounts the tallies.
    let added = undo_after_a_partly_overlapping_import(3_000);
    assert!(added > 20_000, "{added}");
}

#[test]
fn importing_twice_logs_once_and_one_undo_reverts_it() {
    let full = source_dump(12);
    let (_dir, mut store) = fresh();
    let empty = dump(&store);
    import(&mut store, &full, "a.json");
    let logged = store.last_change().unwrap().unwrap();
    let again = import(&mut store, &full, "b.json");
    assert_eq!(again.inserted(), 0);
    assert_eq!(store.last_change().unwrap().unwrap().id, logged.id);
    assert_eq!(store.undo().unwrap().unwrap().subject, imported("a.json"));
    assert_eq!(rows_only(&dump(&store)), rows_only(&empty));
    assert!(store.undo().unwrap().is_none());
}

#[test]
fn changes_made_after_an_import_are_undone_first_then_the_import() {
    let full = source_dump(20);
    let (_dir, mut store) = fresh();
    // A row that was there before the import, in a table the import also writes.
    store
        .set_limit("小米分期", Money::parse("3000").unwrap())
        .unwrap();
    let before = dump(&store);
    import(&mut store, &full, "full.json");
    let imported = dump(&store);
    let plans = store
        .list_plan_summaries(&PlanFilter::default(), today())
        .unwrap();
    let (paid, deleted) = (plans[0].id, plans[1].id);
    store
        .record_payment(
            paid,
            &PaymentDraft {
                amount: None,
                on: today(),
                channel: Channel::App,
                card: None,
                reference: String::new(),
            },
        )
        .unwrap();
    store
        .set_limit("花呗", Money::parse("9000").unwrap())
        .unwrap();
    let card = store.add_card(&card("农业银行", "5555")).unwrap();
    store.replace_card(CardId(1), card).unwrap();
    store.delete_plan(deleted).unwrap();
    assert_healthy(&store, "the later changes");
    for _ in 0..5 {
        let undone = store.undo().unwrap().unwrap();
        assert_ne!(undone.kind, ChangeKind::Import);
        assert_healthy(&store, &format!("undoing {:?}", undone.kind));
    }
    assert_eq!(rows_only(&dump(&store)), rows_only(&imported));
    assert_eq!(store.undo().unwrap().unwrap().kind, ChangeKind::Import);
    assert_eq!(rows_only(&dump(&store)), rows_only(&before));
    assert_healthy(&store, "undoing the import");
    assert_eq!(store.undo().unwrap().unwrap().kind, ChangeKind::LimitSet);
}

#[test]
fn a_failed_import_logs_nothing() {
    let full = source_dump(5);
    let (_dir, mut store) = fresh();
    let broken = full.replacen("\"rows\":[", "\"rows\":[[1],", 1);
    assert!(store.import_dump(broken.as_bytes(), "broken.json").is_err());
    assert!(store.last_change().unwrap().is_none());
}
