//! A recount of `open_by_day` (open periods and what they owe, per due date, paying card and
//! provider, and the automatic postings among them) from the periods themselves, summed in
//! memory in one pass: SQLite's GROUP BY would sort every open period first, a second or more
//! at 100,000 plans.

use std::collections::HashMap;

use rusqlite::Connection;

use super::{StoreError, StoreResult};

/// One row of `open_by_day`: due date, card (0 for none), provider, how many open periods
/// and what they owe, and how many of them (and how much) an auto-debit posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OpenRow {
    pub due_on: String,
    pub card_id: i64,
    pub provider: String,
    pub items: i64,
    pub unpaid_cents: i64,
    pub posted_items: i64,
    pub posted_cents: i64,
}

/// The columns of `open_by_day`, in [`OpenRow`]'s order.
pub(crate) const OPEN_ROW_COLUMNS: &str =
    "due_on, card_id, provider, items, unpaid_cents, posted_items, posted_cents";

impl OpenRow {
    /// The row selected with [`OPEN_ROW_COLUMNS`] (or the same columns in that order).
    pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OpenRow> {
        Ok(OpenRow {
            due_on: r.get(0)?,
            card_id: r.get(1)?,
            provider: r.get(2)?,
            items: r.get(3)?,
            unpaid_cents: r.get(4)?,
            posted_items: r.get(5)?,
            posted_cents: r.get(6)?,
        })
    }
}

/// Every open period with its plan's card and provider, what it owes and whether an
/// auto-debit posts it (1 or 0), plan by plan (no sorting).
const OPEN_PERIODS_SQL: &str = "SELECT i.due_on, coalesce(p.card_id, 0), p.provider,
        i.principal_cents - i.paid_principal_cents + i.fee_cents - i.paid_fee_cents,
        p.auto_debit = 1 AND p.auto_post = 1 AND i.state <> 'debit-failed'
    FROM plans p CROSS JOIN installments i ON i.plan_id = p.id
    WHERE i.state <> 'paid' AND i.state <> 'waived'";

/// Sums kept per row while counting: items, cents, posted items, posted cents.
type Sums = [i64; 4];

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
    let overflow = || StoreError::Corrupt("open amounts overflow".into());
    let mut groups: HashMap<(usize, i64, usize), Sums> = HashMap::new();
    let mut stmt = conn.prepare(OPEN_PERIODS_SQL)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let day = intern(row.get_ref(0)?.as_str().map_err(not_text)?);
        let card: i64 = row.get(1)?;
        let provider = intern(row.get_ref(2)?.as_str().map_err(not_text)?);
        let unpaid: i64 = row.get(3)?;
        let posts: bool = row.get(4)?;
        let [items, cents, posted_items, posted_cents] =
            groups.entry((day, card, provider)).or_default();
        *items += 1;
        *cents = cents.checked_add(unpaid).ok_or_else(overflow)?;
        if posts {
            *posted_items += 1;
            *posted_cents = posted_cents.checked_add(unpaid).ok_or_else(overflow)?;
        }
    }
    let mut open: Vec<OpenRow> = groups
        .into_iter()
        .map(
            |((day, card, provider), [items, cents, posted_items, posted_cents])| OpenRow {
                due_on: texts[day].clone(),
                card_id: card,
                provider: texts[provider].clone(),
                items,
                unpaid_cents: cents,
                posted_items,
                posted_cents,
            },
        )
        .collect();
    open.sort_unstable_by(|a, b| {
        (&a.due_on, a.card_id, &a.provider).cmp(&(&b.due_on, b.card_id, &b.provider))
    });
    Ok(open)
}

/// Rewrites `open_by_day` from the periods.
pub(crate) fn rewrite_open(conn: &Connection) -> StoreResult<()> {
    let open = recount_open(conn)?;
    conn.execute("DELETE FROM open_by_day", [])?;
    let mut insert = conn.prepare(&format!(
        "INSERT INTO open_by_day ({OPEN_ROW_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    ))?;
    for row in &open {
        insert.execute(rusqlite::params![
            row.due_on,
            row.card_id,
            row.provider,
            row.items,
            row.unpaid_cents,
            row.posted_items,
            row.posted_cents
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What SQLite's GROUP BY makes of the same periods.
    const GROUPED_SQL: &str = "SELECT i.due_on, coalesce(p.card_id, 0), p.provider, count(*),
            sum(i.principal_cents - i.paid_principal_cents + i.fee_cents - i.paid_fee_cents),
            sum(p.auto_debit = 1 AND p.auto_post = 1 AND i.state <> 'debit-failed'),
            sum(CASE WHEN p.auto_debit = 1 AND p.auto_post = 1 AND i.state <> 'debit-failed'
                THEN i.principal_cents - i.paid_principal_cents + i.fee_cents - i.paid_fee_cents
                ELSE 0 END)
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
            .query_map([], OpenRow::from_row)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(grouped.len() > 50, "{}", grouped.len());
        assert!(grouped.iter().any(|row| row.posted_items > 0));
        assert!(grouped.iter().any(|row| row.posted_items < row.items));
        assert_eq!(recount_open(conn).unwrap(), grouped);
    }
}
