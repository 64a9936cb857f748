//! `check` compares the schema with the one fenqi makes (issue 12, item 12): a dropped table,
//! index or trigger, one defined otherwise and one fenqi does not make are each named, through
//! the binary, in English and Chinese; nothing else passes as "ok".

use crate::common::{Db, plan_add_args};

const TODAY: &str = "2025-01-15";

/// A database with a plan, a payment and a limit, then `sql` run on it behind fenqi's back.
fn altered(sql: &str) -> Db {
    let db = Db::new();
    db.ok(TODAY, &plan_add_args("iPhone", "花呗", "2025-01-15"));
    db.ok("2025-01-15", &["pay", "1"]);
    db.ok(
        TODAY,
        &["limit", "set", "--provider", "花呗", "--amount", "8000"],
    );
    db.ok(TODAY, &["check"]);
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute_batch(sql).unwrap();
    db
}

#[test]
fn check_names_every_table_index_or_trigger_that_is_not_fenqi_s() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "DROP TABLE credit_limits",
            "schema: the table credit_limits is missing",
            "结构：缺少表 credit_limits",
        ),
        (
            "DROP INDEX plans_by_card",
            "schema: the index plans_by_card is missing",
            "结构：缺少索引 plans_by_card",
        ),
        (
            "DROP TRIGGER installments_open_insert",
            "schema: the trigger installments_open_insert is missing",
            "结构：缺少触发器 installments_open_insert",
        ),
        (
            "DROP TRIGGER plans_tally_delete;
             CREATE TRIGGER plans_tally_delete AFTER DELETE ON plans BEGIN SELECT 1; END;",
            "schema: the trigger plans_tally_delete is defined otherwise",
            "结构：触发器 plans_tally_delete 的定义与 fenqi 创建的不同",
        ),
        (
            "CREATE TABLE notes (x INTEGER); CREATE INDEX plans_by_name ON plans (name);",
            "schema: the table notes is not part of fenqi's schema",
            "结构：表 notes 不属于 fenqi 的数据库结构",
        ),
        // The rules read plans: with the table gone only the schema can say what is wrong.
        (
            "DROP TABLE allocations; DROP TABLE installments; DROP TABLE repayments;
             DROP TABLE plans;",
            "schema: the table plans is missing",
            "结构：缺少表 plans",
        ),
    ];
    for (sql, english, chinese) in cases {
        let db = altered(sql);
        let out = db.run_on(TODAY, &["check"]);
        assert_eq!(out.status.code(), Some(1), "{sql}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains(english), "{sql}:\n{stdout}");
        assert!(!stdout.contains("ok:"), "{sql}:\n{stdout}");
        assert!(
            out.stderr.is_empty(),
            "{sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = db.run_in("zh", TODAY, &["check"]);
        assert_eq!(out.status.code(), Some(1), "{sql}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains(chinese), "{sql}:\n{stdout}");
        let json = db.run_on(TODAY, &["check", "--json"]);
        assert_eq!(json.status.code(), Some(1), "{sql}");
        let json = String::from_utf8_lossy(&json.stdout);
        assert!(
            json.contains("\"ok\":false") && json.contains(english),
            "{json}"
        );
    }
    let extra = altered("CREATE INDEX plans_by_name ON plans (name)");
    let out = extra.run_on(TODAY, &["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("schema: the index plans_by_name is not part of fenqi's schema"),
        "{stdout}"
    );
    println!(
        "schema: {} altered schemas (a table, an index, a trigger dropped; a trigger redefined; a table and an index added; the plans table dropped) each named by check in English and Chinese, exit 1, never \"ok\"",
        cases.len() + 1
    );
}
