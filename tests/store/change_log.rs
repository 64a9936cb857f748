//! The change log across schema versions: the text summaries a schema-2 fenqi wrote read,
//! after the migration to typed subjects, exactly as that fenqi showed them, and `undo` still
//! reverts those changes.

use fenqi::i18n::Lang;
use fenqi::i18n::store::change;
use fenqi::store::*;
use rusqlite::Connection;

/// Undoes every change, newest first, returning each as `undo` shows it in `lang`.
fn undo_all(store: &mut Store, lang: Lang) -> Vec<String> {
    let mut shown = Vec::new();
    while let Some(info) = store.undo().unwrap() {
        shown.push(change(lang, info.kind, &info.subject));
    }
    shown
}

/// A copy of the schema-2 fixture (made by `demo --plans 12 --seed 11`, `card add`,
/// `limit set`, `pay 1 --amount 10`; tests/fixtures/README.md) with `extra` summaries of
/// every kind appended to its log (no undo steps).
fn schema_2_with(dir: &std::path::Path, extra: &[(&str, &str)]) -> std::path::PathBuf {
    let path = dir.join("fenqi.db");
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v2.db");
    std::fs::copy(fixture, &path).unwrap();
    let conn = Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
    for (kind, summary) in extra {
        conn.execute(
            "INSERT INTO changes (kind, summary, undo_data) VALUES (?1, ?2, '[]')",
            [kind, summary],
        )
        .unwrap();
    }
    path
}

#[test]
fn a_schema_2_change_log_reads_as_it_did_and_still_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let path = schema_2_with(dir.path(), &[]);
    let mut store = Store::open(&path).unwrap();
    let newest = store.last_change().unwrap().unwrap();
    assert_eq!(newest.kind, ChangeKind::Pay);
    assert_eq!(
        newest.subject,
        ChangeSubject::Payment {
            plan: PlanRef {
                id: PlanId(1),
                name: "AirPods Pro 2".into(),
                provider: "花呗".into(),
            },
            amount: fenqi::domain::Money::from_cents(1_000),
        }
    );
    // What the schema-2 fenqi printed for these four summaries (`#1 AirPods Pro 2 (花呗)
    // 10.00`, `花呗 8000.00`, `#5 招商银行 ····1234`, `12 plans, seed 11`).
    assert_eq!(
        undo_all(&mut store, Lang::En),
        [
            "repayment for #1 AirPods Pro 2 (花呗) 10.00",
            "limit 花呗 8,000.00",
            "added card #5 招商银行 ····1234",
            "sample data 12 plans, seed 11",
        ]
    );
    assert_eq!(store.plan_count().unwrap(), 0, "the demo fill was undone");
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn every_summary_shape_a_schema_2_fenqi_wrote_gets_its_subject() {
    let dir = tempfile::tempdir().unwrap();
    let extra = [
        ("import", "/home/me/fenqi 2024.json"),
        ("demo", "1 plans, seed 18446744073709551615"),
        ("card-replace", "#1 招商银行 ····8842 → #5 ICBC ····1234"),
        ("card-default", "#5 ICBC ····1234"),
        ("limit-set", "花呗 2 20000.00"),
        ("payoff", "#2 iPad Air 11 (京东白条) 3201.55"),
        ("failed-debit", "#6 Peloton Bike (Affirm) 130.42"),
        ("plan-delete", "#3 Xiaomi 14 Ultra (小米分期)"),
        ("plan-edit", "#10 iPhone (招商银行(信用卡))"),
        ("plan-add", "#9 Test (x) 3 (P 9)"),
        // Not a shape fenqi wrote: shown as stored.
        ("pay", "paid by hand"),
    ];
    let path = schema_2_with(dir.path(), &extra);
    let mut store = Store::open(&path).unwrap();
    let shown = undo_all(&mut store, Lang::Zh);
    assert_eq!(
        shown[..extra.len()],
        [
            "还款 paid by hand",
            "添加分期计划 #9 Test (x) 3 (P 9)",
            "修改分期计划 #10 iPhone (招商银行(信用卡))",
            "删除分期计划 #3 Xiaomi 14 Ultra (小米分期)",
            "扣款失败 #6 Peloton Bike (Affirm) 130.42",
            "提前结清 #2 iPad Air 11 (京东白条) 3,201.55",
            "额度 花呗 2 20,000.00",
            "默认银行卡 #5 ICBC ····1234",
            "替换银行卡 #1 招商银行 ····8842 → #5 ICBC ····1234",
            "示例数据 1 个计划，种子 18446744073709551615",
            "导入 /home/me/fenqi 2024.json",
        ]
    );
    assert_eq!(shown.len(), extra.len() + 4);
}

#[test]
fn subjects_are_typed_where_names_hold_brackets_and_spaces() {
    let dir = tempfile::tempdir().unwrap();
    let path = schema_2_with(
        dir.path(),
        &[
            ("plan-add", "#9 Test (x) 3 (P 9)"),
            ("card-replace", "#1 招商银行 ····8842 → #5 ICBC ····1234"),
        ],
    );
    let mut store = Store::open(&path).unwrap();
    let card = |id: i64, bank: &str, last4: &str| CardRef {
        id: CardId(id),
        bank: bank.into(),
        last4: last4.into(),
    };
    assert_eq!(
        store.undo().unwrap().unwrap().subject,
        ChangeSubject::CardReplace {
            old: card(1, "招商银行", "8842"),
            new: card(5, "ICBC", "1234"),
        }
    );
    assert_eq!(
        store.undo().unwrap().unwrap().subject,
        ChangeSubject::Plan(PlanRef {
            id: PlanId(9),
            name: "Test (x) 3".into(),
            provider: "P 9".into(),
        })
    );
}
