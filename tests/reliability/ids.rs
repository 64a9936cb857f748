//! Ids are never reused (issue 12, item 2): a deleted or undone plan, card or repayment keeps
//! its id for good, through the binary, through undo, and through a JSON dump restored
//! elsewhere (whose highest ids come along) and that restore undone.

use crate::common::{Db, plan_add_args, run};

const TODAY: &str = "2025-01-15";

/// The highest id in `table` (0 for none).
fn highest(db: &Db, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.query_row(
        &format!("SELECT coalesce(max(id), 0) FROM {table}"),
        [],
        |r| r.get(0),
    )
    .unwrap()
}

fn add_plan(db: &Db, name: &str) -> i64 {
    let mut args = plan_add_args(name, "花呗", "2025-01-15");
    args.push("--json");
    let out = db.ok(TODAY, &args);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    value["id"].as_i64().unwrap()
}

fn add_card(db: &Db, last4: &str) -> i64 {
    db.ok(
        TODAY,
        &["card", "add", "--bank", "招商银行", "--last4", last4],
    );
    highest(db, "cards")
}

fn pay(db: &Db, plan: i64) -> i64 {
    db.ok(
        "2025-01-15",
        &[
            "pay",
            &plan.to_string(),
            "--amount",
            "10",
            "--on",
            "2025-01-15",
        ],
    );
    highest(db, "repayments")
}

#[test]
fn a_deleted_or_undone_id_is_never_given_out_again() {
    let db = Db::new();
    let ids: Vec<i64> = (1..=5).map(|n| add_plan(&db, &format!("p{n}"))).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    // The newest plan deleted: the next one is #6, not #5 again.
    db.ok(TODAY, &["plan", "delete", "5", "--yes"]);
    assert_eq!(add_plan(&db, "after delete"), 6);
    // A plan add undone: its id stays used.
    db.ok(TODAY, &["undo"]);
    assert_eq!(add_plan(&db, "after undo"), 7);
    // Cards: a card add undone.
    assert_eq!(add_card(&db, "1111"), 1);
    db.ok(TODAY, &["undo"]);
    assert_eq!(add_card(&db, "2222"), 2);
    // Repayments: a payment undone, then another.
    assert_eq!(pay(&db, 1), 1);
    db.ok(TODAY, &["undo"]);
    assert_eq!(pay(&db, 1), 2);
    // Undoing a plan delete brings the plan back under its own id.
    db.ok(TODAY, &["plan", "delete", "2", "--yes"]);
    db.ok(TODAY, &["undo"]);
    let back = db.ok(TODAY, &["plan", "show", "2"]);
    assert!(back.contains("p2"), "{back}");
    println!(
        "ids: a plan deleted, a plan, a card and a payment undone, then added again: 4 of 4 got new ids, 0 reused; an undone delete restored its plan under its own id"
    );
}

/// A dump carries the highest ids its database gave out; the database it is restored into
/// goes on above them, even after the import is undone.
#[test]
fn a_restored_dump_goes_on_above_the_ids_its_database_gave_out() {
    let source = Db::new();
    for n in 1..=4 {
        add_plan(&source, &format!("p{n}"));
    }
    pay(&source, 1);
    pay(&source, 1);
    source.ok(TODAY, &["undo"]);
    add_card(&source, "3333");
    add_card(&source, "4444");
    source.ok(TODAY, &["undo"]);
    source.ok(TODAY, &["plan", "delete", "4", "--yes"]);
    source.ok(TODAY, &["plan", "delete", "3", "--yes"]);
    let dump = source.export_json("dump.json");
    let dump_text = dump.to_str().unwrap();
    let text = std::fs::read_to_string(&dump).unwrap();
    assert!(
        text.contains("\"sequences\":{\"cards\":2,\"plans\":4,\"repayments\":2}"),
        "{}",
        &text[..200.min(text.len())]
    );

    let target = Db::new();
    target.ok(TODAY, &["import", dump_text]);
    assert_eq!(highest(&target, "plans"), 2);
    // Plans #3 and #4 were deleted where the dump was made: the next plan is #5.
    assert_eq!(add_plan(&target, "restored"), 5);
    assert_eq!(add_card(&target, "5555"), 3);
    assert_eq!(pay(&target, 2), 3);
    // Export again: the same sequences (now higher) come along, and a second restore
    // elsewhere, undone, leaves them raised.
    let again = target.export_json("again.json");
    let third = Db::new();
    third.ok(TODAY, &["import", again.to_str().unwrap()]);
    third.ok(TODAY, &["undo"]);
    assert_eq!(highest(&third, "plans"), 0);
    assert_eq!(add_plan(&third, "after undone import"), 6);
    // export → import into a new database → export stays byte-identical.
    let fourth = Db::new();
    fourth.ok(TODAY, &["import", dump_text]);
    let round = fourth.export_json("round.json");
    assert_eq!(std::fs::read(&round).unwrap(), text.as_bytes());
    println!(
        "ids: a dump restored into a new database went on at plan #5, card #3, repayment #3 (its database had given out 4, 2, 2); after an undone import at plan #6; export → import → export byte-identical"
    );
}

#[test]
fn a_dump_with_a_bad_sequence_is_refused_and_writes_nothing() {
    let source = Db::new();
    add_plan(&source, "p1");
    let dump = source.export_json("dump.json");
    let text = std::fs::read_to_string(&dump).unwrap();
    for (bad, named) in [
        ("\"sequences\":{\"plans\":-1}", "plans -1"),
        ("\"sequences\":{\"installments\":9}", "installments 9"),
        ("\"sequences\":{\"plans\":3,\"plans\":4}", "plans 4"),
    ] {
        let broken = text.replacen("\"sequences\":{\"plans\":1}", bad, 1);
        assert_ne!(broken, text);
        let file = source.dir.path().join("broken.json");
        std::fs::write(&file, broken).unwrap();
        let target = Db::new();
        let out = run(&target.path, TODAY, &["import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(named), "{bad}: {stderr}");
        assert_eq!(highest(&target, "plans"), 0);
    }
}
