//! A recount of `open_by_day` (open periods and what they owe, per due date, paying card and
//! provider) from the periods themselves, summed in memory in one pass: SQLite's GROUP BY
//! would sort every open period first, a second or more at 100,000 plans.

use std::collections::HashMap;

use rusqlite::Connection;

use super::{StoreError, StoreResult};

/// One row of `open_by_day`: due date, card (0 for none), provider, items, unpaid cents.
pub(crate) type OpenRow = (String, i64, String, i64, i64);

/// Every open period with its plan's card and provider, plan by plan (no sorting).
const OPEN_PERIODS_SQL: &str = "SELECT i.due_on, coalesce(p.card_id, 0), p.provider,
        i.principal_cents - i.paid_principal_cents + i.fee_cents - i.paid_fee_cents
    FROM plans p CROSS JOIN installments i ON i.plan_id = p.id
    WHERE i.state <> 'paid' AND i.state <> 'waived'";

/// The rows `open_by_day` should hold, ordered by its key as SQLite orders it.
pub(crate) fn recount_open(conn: &Connection) -> StoreResult<Vec<OpenRow>> {
    // Dates and providers repeat a lot: each distinct text is kept once.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut texts: Vec<String> = Vec::new();
    let mut intern = |text: &str| match index.get(text) {
        Some(&at) => at,
        None => {
            index.insert(text.to_string(), texts.len());
            texts.push(text.to_string());
            texts.len() - 1
        }
    };
    let not_text = |e: rusqlite::types::FromSqlError| StoreError::Corrupt(e.to_string());
    let mut groups: HashMap<(usize, i64, usize), (i64, i64)> = HashMap::new();
    let mut stmt = conn.prepare(OPEN_PERIODS_SQL)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let day = intern(row.get_ref(0)?.as_str().map_err(not_text)?);
        let card: i64 = row.get(1)?;
        let provider = intern(row.get_ref(2)?.as_str().map_err(not_text)?);
        let unpaid: i64 = row.get(3)?;
        let (items, cents) = groups.entry((day, card, provider)).or_default();
        *items += 1;
        *cents = cents
            .checked_add(unpaid)
            .ok_or_else(|| StoreError::Corrupt("open amounts overflow".into()))?;
    }
    let mut open: Vec<OpenRow> = groups
        .into_iter()
        .map(|((day, card, provider), (items, cents))| {
            (
                texts[day].clone(),
                card,
                texts[provider].clone(),
                items,
                cents,
            )
        })
        .collect();
    open.sort_unstable_by(|a, b| (&a.0, a.1, &a.2).cmp(&(&b.0, b.1, &b.2)));
    Ok(open)
}

/// Rewrites `open_by_day` from the periods.
pub(crate) fn rewrite_open(conn: &Connection) -> StoreResult<()> {
    let open = recount_open(conn)?;
    conn.execute("DELETE FROM open_by_day", [])?;
    let mut insert = conn.prepare(
        "INSERT INTO open_by_day (due_on, card_id, provider, items, unpaid_cents)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (day, card, provider, items, cents) in &open {
        insert.execute(rusqlite::params![day, card, provider, items, cents])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What SQLite's GROUP BY makes of the same periods.
    const GROUPED_SQL: &str = "SELECT i.due_on, coalesce(p.card_id, 0), p.provider, count(*),
            sum(i.principal_cents - i.paid_principal_cents + i.fee_cents - i.paid_fee_cents)
         FROM installments i JOIN plans p ON p.id = i.plan_id
         WHERE i.state <> 'paid' AND i.state <> 'waived'
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";

    #[test]
    fn the_recount_is_what_a_group_by_gives() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = super::super::Store::open(&dir.path().join("a.db")).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 15).unwrap();
        store.fill_demo(200, 7, today).unwrap();
        let conn = store.conn();
        let grouped: Vec<OpenRow> = conn
            .prepare(GROUPED_SQL)
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(grouped.len() > 50, "{}", grouped.len());
        assert_eq!(recount_open(conn).unwrap(), grouped);
    }
}
