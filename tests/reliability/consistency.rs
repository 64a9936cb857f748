//! An independent consistency check of a fenqi database, in SQL: SQLite's own checks, then the
//! ledger's invariants (whole plans, repayments with their allocations, summary columns that
//! agree with the periods, changes whose rows all exist).

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

/// Every violated invariant, as text; empty when the database is consistent.
pub fn problems(path: &Path) -> Vec<String> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .expect("open for checking");
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .unwrap();
    let mut out = Vec::new();
    let integrity: Vec<String> = strings(&conn, "PRAGMA integrity_check");
    if integrity != ["ok"] {
        out.push(format!("integrity_check: {integrity:?}"));
    }
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    if fk != 0 {
        out.push(format!("{fk} foreign key violations"));
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    if version != fenqi::store::SCHEMA_VERSION {
        out.push(format!("user_version {version}"));
    }
    for (what, sql) in CHECKS {
        for row in strings(&conn, sql) {
            out.push(format!("{what}: {row}"));
        }
    }
    out.extend(missing_change_rows(&conn));
    out
}

/// Panics with the list when the database is not consistent.
pub fn assert_consistent(path: &Path) {
    let found = problems(path);
    assert!(
        found.is_empty(),
        "{} is inconsistent:\n{}",
        path.display(),
        found.join("\n")
    );
}

fn strings(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Each query returns one text row per violation.
const CHECKS: &[(&str, &str)] = &[
    (
        "a plan without all of its periods",
        "SELECT 'plan ' || p.id || ': ' || p.periods || ' periods, ' || count(i.period) || ' rows, max '
                || ifnull(max(i.period), 0)
         FROM plans p LEFT JOIN installments i ON i.plan_id = p.id
         GROUP BY p.id
         HAVING count(i.period) <> p.periods OR ifnull(max(i.period), 0) <> p.periods
                OR ifnull(min(i.period), 1) <> 1",
    ),
    (
        "periods whose principal does not add up to the plan's",
        "SELECT 'plan ' || p.id FROM plans p JOIN installments i ON i.plan_id = p.id
         GROUP BY p.id HAVING sum(i.principal_cents) <> p.principal_cents",
    ),
    (
        "a repayment without its allocations",
        "SELECT 'repayment ' || r.id || ': ' || r.amount_cents || ' vs '
                || ifnull(sum(a.penalty_cents + a.fee_cents + a.principal_cents), 0)
         FROM repayments r LEFT JOIN allocations a ON a.repayment_id = r.id
         WHERE r.failed = 0
         GROUP BY r.id
         HAVING ifnull(sum(a.penalty_cents + a.fee_cents + a.principal_cents), 0) <> r.amount_cents",
    ),
    (
        "a failed debit with allocations",
        "SELECT 'repayment ' || r.id FROM repayments r JOIN allocations a ON a.repayment_id = r.id
         WHERE r.failed = 1",
    ),
    (
        "allocations that point at a missing period",
        "SELECT 'allocation ' || a.repayment_id || '/' || a.period FROM allocations a
         JOIN repayments r ON r.id = a.repayment_id
         LEFT JOIN installments i ON i.plan_id = a.plan_id AND i.period = a.period
         WHERE i.period IS NULL OR a.plan_id <> r.plan_id",
    ),
    (
        "a period whose paid amounts differ from its allocations",
        "SELECT 'plan ' || i.plan_id || ' period ' || i.period FROM installments i
         LEFT JOIN (SELECT plan_id, period, sum(penalty_cents) AS pen, sum(fee_cents) AS fee,
                           sum(principal_cents) AS pri
                    FROM allocations GROUP BY plan_id, period) a
           ON a.plan_id = i.plan_id AND a.period = i.period
         WHERE i.paid_principal_cents <> ifnull(a.pri, 0) OR i.paid_fee_cents <> ifnull(a.fee, 0)
            OR i.paid_penalty_cents <> ifnull(a.pen, 0)",
    ),
    (
        "a period state that disagrees with its amounts",
        "SELECT 'plan ' || plan_id || ' period ' || period || ' ' || state FROM installments
         WHERE (state = 'paid') <> (state <> 'waived'
                 AND paid_principal_cents = principal_cents AND paid_fee_cents = fee_cents)",
    ),
    (
        "summary columns that disagree with the periods",
        "WITH s AS (
            SELECT plan_id,
                   sum(state = 'paid' OR state = 'waived') AS settled,
                   sum(CASE WHEN state = 'paid' OR state = 'waived' THEN 0
                            ELSE principal_cents - paid_principal_cents + fee_cents - paid_fee_cents END) AS rem,
                   sum(CASE WHEN state = 'paid' OR state = 'waived' THEN 0
                            ELSE principal_cents - paid_principal_cents END) AS rem_pri,
                   min(CASE WHEN state = 'paid' OR state = 'waived' THEN NULL ELSE period END) AS next
            FROM installments GROUP BY plan_id)
         SELECT 'plan ' || p.id || ' ' || p.status FROM plans p JOIN s ON s.plan_id = p.id
         WHERE p.paid_periods <> s.settled OR p.remaining_cents <> s.rem
            OR p.remaining_principal_cents <> s.rem_pri
            OR (p.status = 'active') <> (s.next IS NOT NULL AND p.paid_off_on IS NULL)
            OR (p.status = 'active' AND (p.next_period IS NOT s.next OR p.next_due_on IS NOT
                  (SELECT due_on FROM installments WHERE plan_id = p.id AND period = s.next)))
            OR (p.status = 'paid-off') <> (p.paid_off_on IS NOT NULL)",
    ),
];

/// Plans a logged (not undone) change created but that are not there: a half-applied change.
fn missing_change_rows(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT id, undo_data FROM changes WHERE undone = 0 ORDER BY id")
        .unwrap();
    let rows: Vec<(i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let exists = |id: i64| -> bool {
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM plans WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )
        .unwrap()
    };
    let mut out = Vec::new();
    for (change, data) in rows {
        let steps: serde_json::Value = serde_json::from_str(&data).unwrap();
        for step in steps.as_array().into_iter().flatten() {
            let ids: Vec<i64> = match step["op"].as_str() {
                Some("delete-plans") => step["ids"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_i64().unwrap())
                    .collect(),
                Some("delete-plan-range") => {
                    (step["from"].as_i64().unwrap()..=step["to"].as_i64().unwrap()).collect()
                }
                _ => Vec::new(),
            };
            for id in ids.into_iter().filter(|&id| !exists(id)) {
                out.push(format!(
                    "change {change} created plan {id}, which is missing"
                ));
            }
        }
    }
    out
}
