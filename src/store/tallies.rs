//! The tallies the schema's triggers keep (row counts; open amounts per day, card and
//! provider): reads that cost the same at 10 plans and at 100,000, a recount check, and bulk
//! fills that set the triggers aside and recount once.

use chrono::NaiveDate;
use rusqlite::params;

use super::model::CardId;
use super::open_recount::{OPEN_ROW_COLUMNS, OpenRow, recount_open, rewrite_open};
use super::sql::{SqlDate, bound_text, date_text};
use super::{Store, StoreResult};
use crate::domain::Money;

/// Open periods (and what they still owe) summed over a range of due dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OpenSum {
    pub items: u64,
    pub unpaid: Money,
}

/// The open periods due before a day, and the automatic postings among them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct DueBefore {
    pub open: OpenSum,
    pub posted: OpenSum,
}

impl OpenSum {
    /// A count and an amount in cents as the day tallies sum them.
    fn of(items: i64, cents: i64) -> OpenSum {
        OpenSum {
            items: items.max(0) as u64,
            unpaid: Money::from_cents(cents),
        }
    }
}

impl Store {
    /// How many rows `table` ('plans' or 'repayments') has, from its tally.
    fn tally(&self, table: &str) -> StoreResult<u64> {
        let n: i64 = self
            .conn()
            .prepare_cached("SELECT n FROM tallies WHERE name = ?1")?
            .query_row([table], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// How many plans there are (finished ones included).
    pub fn plan_count(&self) -> StoreResult<u64> {
        self.tally("plans")
    }

    /// How many repayments (and failed debits) there are.
    pub fn repayment_count(&self) -> StoreResult<u64> {
        self.tally("repayments")
    }

    /// Open periods due from `from` to `until` (both included; `None`: no lower bound).
    pub fn open_sum(&self, from: Option<NaiveDate>, until: NaiveDate) -> StoreResult<OpenSum> {
        self.day_sum(
            "SELECT coalesce(sum(items), 0), coalesce(sum(unpaid_cents), 0) FROM open_by_day
             WHERE due_on >= coalesce(?1, '') AND due_on <= ?2",
            from,
            until,
        )
    }

    /// The automatic postings among the open periods due from `from` to `until` (both
    /// included; `None`: no lower bound): with `until` no later than today, how many postings
    /// there are and what they count as paid.
    pub(crate) fn posted_sum(
        &self,
        from: Option<NaiveDate>,
        until: NaiveDate,
    ) -> StoreResult<OpenSum> {
        self.day_sum(
            "SELECT coalesce(sum(posted_items), 0), coalesce(sum(posted_cents), 0)
             FROM open_by_day WHERE due_on >= coalesce(?1, '') AND due_on <= ?2",
            from,
            until,
        )
    }

    /// The open periods due before `today` and the postings among them: the month tallies of
    /// the earlier months and the day tallies of `today`'s month before it (at most a month of
    /// days, however long the database was left unopened). Kept until the day or the database
    /// changes: a reload needs them several times (the periods past due, the postings to
    /// confirm, the Upcoming pane's count).
    pub(crate) fn due_before(&self, today: NaiveDate) -> StoreResult<DueBefore> {
        let key = self.memo_key(today)?;
        let sums = self.memos.due_before.get_or(key, || {
            // 'YYYY-MM' sorts before each of its month's days 'YYYY-MM-DD'.
            let sums: [i64; 4] = self
                .conn()
                .prepare_cached(
                    "SELECT coalesce(sum(items), 0), coalesce(sum(unpaid_cents), 0),
                            coalesce(sum(posted_items), 0), coalesce(sum(posted_cents), 0)
                     FROM (SELECT items, unpaid_cents, posted_items, posted_cents
                           FROM open_by_month WHERE month < substr(?1, 1, 7)
                           UNION ALL
                           SELECT items, unpaid_cents, posted_items, posted_cents
                           FROM open_by_day WHERE due_on >= substr(?1, 1, 7) AND due_on < ?1)",
                )?
                .query_row([date_text(today)], |r| {
                    Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?])
                })?;
            Ok(DueBefore {
                open: OpenSum::of(sums[0], sums[1]),
                posted: OpenSum::of(sums[2], sums[3]),
            })
        })?;
        Ok(*sums)
    }

    /// A count and an amount in cents that `sql` sums over the day tallies from `?1` to `?2`.
    fn day_sum(
        &self,
        sql: &str,
        from: Option<NaiveDate>,
        until: NaiveDate,
    ) -> StoreResult<OpenSum> {
        let (items, unpaid): (i64, i64) = self
            .conn()
            .prepare_cached(sql)?
            .query_row(params![from.map(bound_text), bound_text(until)], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok(OpenSum::of(items, unpaid))
    }

    /// The first due date on or after `from` with an open period.
    pub(crate) fn next_open_due(&self, from: NaiveDate) -> StoreResult<Option<NaiveDate>> {
        let next: Option<SqlDate> = self
            .conn()
            .prepare_cached("SELECT min(due_on) FROM open_by_day WHERE due_on >= ?1")?
            .query_row([date_text(from)], |r| r.get(0))?;
        Ok(next.map(|d| d.0))
    }

    /// What open periods due on or before `until` still owe, per paying card (`None`: no card),
    /// less what the automatic postings among those due by `posted_until` count as paid.
    pub(crate) fn open_by_card(
        &self,
        until: NaiveDate,
        posted_until: NaiveDate,
    ) -> StoreResult<Vec<(Option<CardId>, Money)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT card_id,
                    sum(unpaid_cents) - sum(CASE WHEN due_on <= ?2 THEN posted_cents ELSE 0 END)
             FROM open_by_day WHERE due_on <= ?1 GROUP BY card_id",
        )?;
        let rows = stmt.query_map([bound_text(until), bound_text(posted_until)], |r| {
            let card: i64 = r.get(0)?;
            Ok(((card != 0).then_some(CardId(card)), r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// What open periods due from `from` to `until` still owe, by day and paying card
    /// (`None`: no card), from the day tallies (a few rows a day, however many plans).
    pub(crate) fn open_by_day_and_card(
        &self,
        from: NaiveDate,
        until: NaiveDate,
    ) -> StoreResult<Vec<(NaiveDate, Option<CardId>, Money)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT due_on, card_id, sum(unpaid_cents) FROM open_by_day
             WHERE due_on >= ?1 AND due_on <= ?2 GROUP BY due_on, card_id ORDER BY due_on, card_id",
        )?;
        let rows = stmt.query_map([date_text(from), bound_text(until)], |r| {
            let card: i64 = r.get(1)?;
            Ok((
                r.get::<_, SqlDate>(0)?.0,
                (card != 0).then_some(CardId(card)),
                r.get(2)?,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether the trigger-kept tallies agree with a recount of the rows (for `check` and tests).
    pub fn tallies_match(&self) -> StoreResult<bool> {
        let conn = self.conn();
        let counted = |sql: &str| -> StoreResult<u64> {
            let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
            Ok(n.max(0) as u64)
        };
        if self.plan_count()? != counted("SELECT count(*) FROM plans")?
            || self.repayment_count()? != counted("SELECT count(*) FROM repayments")?
        {
            return Ok(false);
        }
        let kept: Vec<OpenRow> = conn
            .prepare(&format!(
                "SELECT {OPEN_ROW_COLUMNS} FROM open_by_day ORDER BY 1, 2, 3"
            ))?
            .query_map([], OpenRow::from_row)?
            .collect::<Result<_, _>>()?;
        Ok(kept == recount_open(conn)? && months_match(conn)?)
    }
}

/// Whether the month tallies hold the day tallies' sums, month by month.
fn months_match(conn: &rusqlite::Connection) -> StoreResult<bool> {
    let read = |sql: &str| -> StoreResult<Vec<(String, [i64; 4])>> {
        Ok(conn
            .prepare(sql)?
            .query_map([], |r| {
                Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))
            })?
            .collect::<Result<_, _>>()?)
    };
    let kept = read(
        "SELECT month, items, unpaid_cents, posted_items, posted_cents
         FROM open_by_month ORDER BY month",
    )?;
    let summed = read(&format!("{MONTHS_OF_DAYS} ORDER BY month"))?;
    Ok(kept == summed)
}

/// The month tallies summed from the day tallies, in `open_by_month`'s column order.
const MONTHS_OF_DAYS: &str = "SELECT substr(due_on, 1, 7) AS month, sum(items), sum(unpaid_cents),
        sum(posted_items), sum(posted_cents)
    FROM open_by_day GROUP BY month";

/// Page cache for a bulk import or delete (negative: KiB), so that it does not spill pages
/// into the WAL again and again; SQLite only takes what it uses.
pub(crate) const BULK_CACHE_KIB: i64 = -1_048_576;

/// Tables a bulk fill writes: their secondary indexes and triggers are set aside meanwhile.
const BULK_TABLES: &str = "'plans', 'installments', 'repayments', 'allocations'";

/// The secondary indexes and triggers of the bulk tables, set aside during a large fill.
pub(crate) struct SetAside(Vec<String>);

/// Drops the bulk tables' non-unique indexes and triggers (rebuilding an index once is a sort,
/// much cheaper than a million single updates) and returns the SQL that puts them back.
/// Unique indexes stay: they decide which rows conflict.
pub(crate) fn set_aside(conn: &rusqlite::Connection) -> StoreResult<SetAside> {
    set_aside_objects(conn, BULK_TABLES, true)
}

/// Drops the bulk tables' triggers only: for a large delete, whose foreign-key cascades need
/// the indexes to find the rows that go with a plan or a repayment.
pub(crate) fn set_triggers_aside(conn: &rusqlite::Connection) -> StoreResult<SetAside> {
    set_aside_objects(conn, BULK_TABLES, false)
}

/// Drops the triggers (and, with `indexes`, the non-unique indexes) of `tables` (a quoted SQL
/// list) and returns the SQL that puts them back.
fn set_aside_objects(
    conn: &rusqlite::Connection,
    tables: &str,
    indexes: bool,
) -> StoreResult<SetAside> {
    let saved: Vec<(String, String, String)> = conn
        .prepare(&format!(
            "SELECT s.type, s.name, s.sql FROM sqlite_schema s
             WHERE s.sql IS NOT NULL AND s.tbl_name IN ({tables})
               AND (s.type = 'trigger' OR (?1 AND s.type = 'index' AND NOT EXISTS (
                    SELECT 1 FROM pragma_index_list(s.tbl_name) l
                    WHERE l.name = s.name AND l.\"unique\" = 1)))
             ORDER BY s.type = 'trigger', s.name"
        ))?
        .query_map([indexes], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (kind, name, _) in &saved {
        if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(super::StoreError::Corrupt(format!(
                "schema object {name:?}"
            )));
        }
        conn.execute_batch(&format!("DROP {} {name}", kind.to_uppercase()))?;
    }
    Ok(SetAside(saved.into_iter().map(|(_, _, sql)| sql).collect()))
}

impl SetAside {
    /// Puts the indexes and triggers back and recounts the tallies they would have kept.
    pub(crate) fn restore(self, conn: &rusqlite::Connection) -> StoreResult<()> {
        self.put_back(conn)?;
        recount(conn)
    }

    /// Puts the indexes and triggers back.
    fn put_back(self, conn: &rusqlite::Connection) -> StoreResult<()> {
        for sql in &self.0 {
            conn.execute_batch(sql)?;
        }
        Ok(())
    }
}

/// Runs `work` (a large fill) in one transaction with the written tables' secondary indexes
/// and triggers set aside, then rebuilds them and recounts the tallies. Atomic like any
/// write: a crash or an error leaves the database as it was.
pub(crate) fn bulk_write<T>(
    store: &mut Store,
    work: impl FnOnce(&rusqlite::Transaction<'_>) -> StoreResult<T>,
) -> StoreResult<T> {
    store.write(|tx| {
        let aside = set_aside(tx)?;
        let value = work(tx)?;
        aside.restore(tx)?;
        Ok(value)
    })
}

/// Rewrites every tally from the rows. The month tallies are summed from the rewritten days
/// once, their triggers set aside meanwhile: followed row by row, the rewrite took four times
/// as long (53 ms against 13 for the 14,370 day rows of 100k demo plans).
fn recount(conn: &rusqlite::Connection) -> StoreResult<()> {
    let months = set_aside_objects(conn, "'open_by_day'", false)?;
    rewrite_open(conn)?;
    conn.execute_batch(&format!(
        "DELETE FROM open_by_month;
         INSERT INTO open_by_month (month, items, unpaid_cents, posted_items, posted_cents)
             {MONTHS_OF_DAYS};"
    ))?;
    months.put_back(conn)?;
    conn.execute_batch(
        "UPDATE tallies SET n = (SELECT count(*) FROM plans) WHERE name = 'plans';
         UPDATE tallies SET n = (SELECT count(*) FROM repayments) WHERE name = 'repayments';",
    )?;
    Ok(())
}
