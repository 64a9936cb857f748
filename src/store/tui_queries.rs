//! Paged reads the TUI needs at any size: due items by window, history counts, per-card totals.

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;

use super::ledger::paid_parts;
use super::model::*;
use super::plans::load_ledger;
use super::sql::{SqlDate, bound_text, date_text};
use super::window::Window;
use super::{Store, StoreError, StoreResult, overflow_in_row};
use crate::domain::Money;
use crate::domain::ledger::Standing;
use crate::domain::overdue::{is_overdue, penalty};
use crate::domain::terms::{OverdueTerms, PenaltyBase};

/// Open periods due on or before `?1`, optionally matching a plan name or provider, less
/// those posted by auto-debit on `?3` (today; see `postings`). The state test is the
/// open-periods index's own condition, so that index serves the query.
const DUE_WHERE: &str = "FROM installments i JOIN plans p ON p.id = i.plan_id
     WHERE i.state <> 'paid' AND i.state <> 'waived' AND i.due_on <= ?1
       AND (?2 IS NULL OR instr(lower(p.name), lower(?2)) > 0
            OR instr(lower(p.provider), lower(?2)) > 0)
       AND NOT (i.due_on <= ?3 AND p.auto_debit = 1 AND p.auto_post = 1
                AND i.state <> 'debit-failed')";

/// The columns `due_item` reads, in order.
const DUE_COLUMNS: &str = "i.plan_id, p.name, p.provider, p.card_id, p.auto_debit, i.period,
    i.due_on, i.principal_cents - i.paid_principal_cents + i.fee_cents - i.paid_fee_cents,
    i.paid_penalty_cents, i.state, p.grace_days, p.penalty_daily, p.penalty_from,
    i.paid_principal_cents + i.paid_fee_cents,
    CASE WHEN i.state = 'debit-failed' THEN (
        SELECT r.retry_on FROM repayments r
        WHERE r.plan_id = i.plan_id AND r.period = i.period AND r.failed = 1
        ORDER BY r.paid_on DESC, r.id DESC LIMIT 1) END,
    p.penalty_base, p.penalty_min_cents, p.tolerance_cents,
    p.late_fee_cents > 0 OR p.late_fee_extra_cents IS NOT NULL";

/// A due item as of `today` from a row selected with [`DUE_COLUMNS`]: overdue only past its
/// grace days with more than the tolerance unpaid (a failed debit stays marked), with the
/// penalty and late fees it owes so far. The penalty of an overdue period partly paid depends
/// on when it was paid: those dates are read from `conn`. Where the plan's rules span its
/// periods (a principal or balance base, late fees under a plan-wide cap), its whole ledger is
/// read.
fn due_item(
    conn: &Connection,
    r: &rusqlite::Row<'_>,
    today: NaiveDate,
) -> rusqlite::Result<DueItem> {
    let plan_id: PlanId = r.get(0)?;
    let period: u32 = r.get(5)?;
    let due_date = r.get::<_, SqlDate>(6)?.0;
    let amount: Money = r.get(7)?;
    let paid_penalty: Money = r.get(8)?;
    let paid: Money = r.get(13)?;
    let stored: InstallmentStatus = r.get(9)?;
    let terms = OverdueTerms {
        grace_days: r.get(10)?,
        penalty_daily: r.get(11)?,
        from: r.get(12)?,
        base: r.get(15)?,
        penalty_min: r.get(16)?,
        tolerance: r.get(17)?,
        ..OverdueTerms::default()
    };
    let late_fees: bool = r.get(18)?;
    let standing = if due_date >= today {
        Standing {
            status: stored,
            penalty: Money::ZERO,
        }
    } else if late_fees || terms.base != PenaltyBase::Installment {
        plan_wide_standing(conn, plan_id, period, today)?
    } else {
        let paid = if paid.is_positive() {
            paid_parts(conn, plan_id, Some(period))?
                .into_iter()
                .map(|(_, part)| part)
                .collect()
        } else {
            Vec::new()
        };
        let late = stored != InstallmentStatus::DebitFailed
            && is_overdue(amount, &paid, due_date, today, &terms).map_err(overflow_in_row)?;
        Standing {
            status: if late {
                InstallmentStatus::Overdue
            } else {
                stored
            },
            penalty: penalty(amount, &paid, due_date, today, &terms)
                .map_err(overflow_in_row)?
                .saturating_sub(paid_penalty),
        }
    };
    Ok(DueItem {
        plan_id,
        plan_name: r.get(1)?,
        provider: r.get(2)?,
        card_id: r.get(3)?,
        auto_debit: r.get(4)?,
        period,
        due_date,
        amount,
        days: (due_date - today).num_days(),
        penalty: standing.penalty,
        status: standing.status,
        grace_days: terms.grace_days,
        retry_on: r.get::<_, Option<SqlDate>>(14)?.map(|d| d.0),
    })
}

/// The standing of `period` of `plan` on `today` from the plan's whole ledger.
fn plan_wide_standing(
    conn: &Connection,
    plan: PlanId,
    period: u32,
    today: NaiveDate,
) -> rusqlite::Result<Standing> {
    let in_row = |e: StoreError| match e {
        StoreError::Overflow(overflow) => overflow_in_row(overflow),
        StoreError::Sqlite(e) => e,
        other => rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Null,
            Box::new(other),
        ),
    };
    let ledger = load_ledger(conn, plan).map_err(in_row)?;
    let standings = ledger.standings_on(today).map_err(overflow_in_row)?;
    ledger
        .periods
        .iter()
        .zip(standings)
        .find(|(p, _)| p.period == period)
        .map(|(_, standing)| standing)
        .ok_or_else(|| in_row(StoreError::Corrupt(format!("plan #{plan} period {period}"))))
}

/// Filtered counts stop here: counting a million matches of one typed letter would make every
/// keystroke slow (at 100k plans, scanning to 10,000 matches took over 100 ms a key), and no one
/// pages that far; the pane shows "2000+" and a longer filter narrows the list.
pub const MATCH_COUNT_CAP: u64 = 2_000;

fn text_arg(text: Option<&str>) -> Value {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Value::Text(t.to_string()),
        None => Value::Null,
    }
}

impl Store {
    /// One page of the open periods due on or before `until` (overdue ones come first, as
    /// they are oldest), as of `today`, optionally matching `text` in the plan name or provider.
    /// With `total` (how many match) known, a page past the middle is read from the end.
    pub fn list_due_items(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        text: Option<&str>,
        offset: u32,
        limit: u32,
        total: Option<u64>,
    ) -> StoreResult<Vec<DueItem>> {
        self.due_window(today, until, text, Window::new(offset, Some(limit), total))
    }

    /// The open periods due on or before `until` that `window` selects, as of `today`. Every
    /// list of due items is read by this one statement (two texts: either direction), so the
    /// first frame prepares it once for the periods past due and the Upcoming pane.
    pub(super) fn due_window(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        text: Option<&str>,
        window: Window,
    ) -> StoreResult<Vec<DueItem>> {
        let sql = format!(
            "SELECT {DUE_COLUMNS} {DUE_WHERE} ORDER BY {order} LIMIT ?4 OFFSET ?5",
            order = window.order(
                "i.due_on, i.plan_id, i.period",
                "i.due_on DESC, i.plan_id DESC, i.period DESC"
            )
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params![
                bound_text(until),
                text_arg(text),
                date_text(today),
                window.limit,
                window.offset
            ],
            |r| due_item(self.conn(), r, today),
        )?;
        Ok(window.arrange(rows.collect::<Result<_, _>>()?))
    }

    /// How many open periods [`Store::list_due_items`] pages through on `today`: from the day
    /// tallies less the automatic postings without a filter; with one, by scanning the
    /// window, up to [`MATCH_COUNT_CAP`].
    pub fn count_due_items(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        text: Option<&str>,
    ) -> StoreResult<u64> {
        if text_arg(text) == Value::Null {
            if until < today {
                let posted = self.posted_sum(None, until)?.items;
                return Ok(self.open_sum(None, until)?.items.saturating_sub(posted));
            }
            let before = self.due_before(today)?;
            let open = before.open.items + self.open_sum(Some(today), until)?.items;
            let posted = before.posted.items + self.posted_sum(Some(today), today)?.items;
            return Ok(open.saturating_sub(posted));
        }
        let sql = format!("SELECT count(*) FROM (SELECT 1 {DUE_WHERE} LIMIT ?4)");
        let n: i64 = self.conn().prepare_cached(&sql)?.query_row(
            rusqlite::params![
                bound_text(until),
                text_arg(text),
                date_text(today),
                MATCH_COUNT_CAP as i64
            ],
            |r| r.get(0),
        )?;
        Ok(n.max(0) as u64)
    }

    /// What each card must hold for everything due on or before `until` (overdue included,
    /// with penalties so far; automatic postings left out: they count as paid), most first;
    /// `None` is plans without a card. Amounts and postings come from the day tallies; only
    /// the periods past due are read one by one (for their penalties).
    pub fn card_needs(
        &self,
        today: NaiveDate,
        until: NaiveDate,
    ) -> StoreResult<Vec<(Option<CardId>, Money)>> {
        let mut totals = self.open_by_card(until, today.min(until))?;
        totals.retain(|(_, sum)| sum.is_positive());
        if today.pred_opt().is_some_and(|yesterday| yesterday <= until) {
            for item in self.past_due_items(today)?.iter() {
                match totals.iter_mut().find(|(card, _)| *card == item.card_id) {
                    Some((_, sum)) => *sum = sum.try_add(item.penalty)?,
                    None => totals.push((item.card_id, item.penalty)),
                }
            }
        }
        totals.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(totals)
    }

    /// How many repayments were made from `since` to `until` (either may be open), up to
    /// [`MATCH_COUNT_CAP`], for paging the History pane filtered by dates.
    pub(crate) fn count_history_between(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> StoreResult<u64> {
        let bound = |d: Option<NaiveDate>| d.map_or(Value::Null, |d| Value::Text(date_text(d)));
        let n: i64 = self
            .conn()
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM repayments r
                 WHERE (?1 IS NULL OR r.paid_on >= ?1) AND (?2 IS NULL OR r.paid_on <= ?2)
                 LIMIT ?3)",
            )?
            .query_row(
                rusqlite::params![bound(since), bound(until), MATCH_COUNT_CAP as i64],
                |r| r.get(0),
            )?;
        Ok(n.max(0) as u64)
    }

    /// How many repayments match `text` in the plan name, provider or reference (as
    /// `list_history` with `HistoryFilter::text` matches), up to [`MATCH_COUNT_CAP`], for paging.
    pub fn count_history_matching(&self, text: Option<&str>) -> StoreResult<u64> {
        if text_arg(text) == Value::Null {
            return self.repayment_count();
        }
        let n: i64 = self
            .conn()
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM repayments r JOIN plans p ON p.id = r.plan_id
                 WHERE ?1 IS NULL OR instr(lower(p.name), lower(?1)) > 0
                    OR instr(lower(p.provider), lower(?1)) > 0
                    OR instr(lower(r.reference), lower(?1)) > 0
                 LIMIT ?2)",
            )?
            .query_row(
                rusqlite::params![text_arg(text), MATCH_COUNT_CAP as i64],
                |r| r.get(0),
            )?;
        Ok(n.max(0) as u64)
    }
}
