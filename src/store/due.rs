//! What is due: overdue and upcoming periods, per-card totals, status totals, month totals.

use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::params;

use super::model::*;
use super::sql::{SqlDate, bound_text, date_text};
use super::window::Window;
use super::{Store, StoreResult};
use crate::domain::Money;
use crate::domain::money::Overflow;

impl Store {
    /// Overdue periods (with days late and penalty so far) and periods due within `days` of
    /// `today`, with what each card must hold and by when.
    pub fn due_report(&self, today: NaiveDate, days: u32) -> StoreResult<DueReport> {
        let until = today
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(NaiveDate::MAX);
        let items = self.open_items(today, until)?;
        // Within grace (or at most the tolerance unpaid) a late period is still due, listed
        // under upcoming with its days late.
        let (overdue, upcoming): (Vec<DueItem>, Vec<DueItem>) =
            items.into_iter().partition(DueItem::counts_overdue);
        let per_card = self.card_totals(today, &overdue, &upcoming)?;
        Ok(DueReport {
            today,
            days,
            overdue,
            upcoming,
            per_card,
            unconfirmed: self.unconfirmed_postings(today, None)?,
        })
    }

    /// Open periods due on or before `until`, as of `today`, oldest first.
    fn open_items(&self, today: NaiveDate, until: NaiveDate) -> StoreResult<Vec<DueItem>> {
        self.due_window(today, until, None, Window::new(0, None, None))
    }

    /// The periods past due on `today` (due by yesterday, open, overdue or within grace) with
    /// their penalties so far, oldest first: read once, then kept until the day or the database
    /// changes (the status bar and the cards' week both need them).
    pub(super) fn past_due_items(&self, today: NaiveDate) -> StoreResult<Rc<Vec<DueItem>>> {
        let key = self.memo_key(today)?;
        self.memos.past_due.get_or(key, || match today.pred_opt() {
            Some(yesterday) => self.open_items(today, yesterday),
            None => Ok(Vec::new()),
        })
    }

    /// Per card: the total to hold, the first date it is needed, and running totals by date.
    fn card_totals(
        &self,
        today: NaiveDate,
        overdue: &[DueItem],
        upcoming: &[DueItem],
    ) -> StoreResult<Vec<CardTotal>> {
        let mut by_card: BTreeMap<Option<CardId>, BTreeMap<NaiveDate, Money>> = BTreeMap::new();
        for item in overdue.iter().chain(upcoming) {
            let date = item.due_date.max(today);
            let hold = by_card
                .entry(item.card_id)
                .or_default()
                .entry(date)
                .or_default();
            *hold = Money::try_sum([*hold, item.amount, item.penalty])?;
        }
        let mut counts: BTreeMap<Option<CardId>, usize> = BTreeMap::new();
        for item in overdue.iter().chain(upcoming) {
            *counts.entry(item.card_id).or_default() += 1;
        }
        let mut out = Vec::with_capacity(by_card.len());
        for (card_id, dates) in by_card {
            let card = match card_id {
                Some(id) => Some(self.card(id)?),
                None => None,
            };
            let mut running = Money::ZERO;
            let by_date: Vec<(NaiveDate, Money)> = dates
                .iter()
                .map(|(date, hold)| {
                    running = running.try_add(*hold)?;
                    Ok((*date, running))
                })
                .collect::<Result<_, Overflow>>()?;
            out.push(CardTotal {
                card,
                total: running,
                by: dates.keys().next().copied().unwrap_or(today),
                items: counts.get(&card_id).copied().unwrap_or(0),
                by_date,
            });
        }
        out.sort_by_key(|c| (c.by, c.card.as_ref().map(|card| card.id)));
        Ok(out)
    }

    /// The status bar: due within 7 and 30 days (periods within their grace days included,
    /// automatic postings left out), overdue count and amount, next due date, unconfirmed
    /// automatic postings. Reads the day tallies (postings among them) and the periods past
    /// due only, whatever the size of the ledger.
    pub fn status_totals(&self, today: NaiveDate) -> StoreResult<StatusTotals> {
        let mut status = self.status_from_tallies(today)?;
        status.add_past_due(&self.past_due_items(today)?)?;
        Ok(status)
    }

    /// The status figures the day tallies give on `today`, before the periods past due are
    /// added ([`StatusTotals::add_past_due`]): due soon without the periods still within
    /// grace, nothing overdue, the next due date and the postings to confirm.
    pub(crate) fn status_from_tallies(&self, today: NaiveDate) -> StoreResult<StatusTotals> {
        let in_days = |n: u64| {
            today
                .checked_add_days(Days::new(n))
                .unwrap_or(NaiveDate::MAX)
        };
        // Periods due today and posted count as paid, not as due (they are among the open
        // periods due within 7 days, so the difference is never negative).
        let posted_today = self.posted_sum(Some(today), today)?;
        let due_7 = self.open_sum(Some(today), in_days(7))?;
        let due_30 = self.open_sum(Some(today), in_days(30))?;
        let open_today = self.open_sum(Some(today), today)?;
        let next_due_date = if open_today.items > 0 && open_today.items <= posted_today.items {
            today
                .succ_opt()
                .map(|d| self.next_open_due(d))
                .transpose()?
                .flatten()
        } else {
            self.next_open_due(today)?
        };
        Ok(StatusTotals {
            due_7_days: due_7.unpaid.saturating_sub(posted_today.unpaid),
            due_30_days: due_30.unpaid.saturating_sub(posted_today.unpaid),
            next_due_date,
            unconfirmed_count: self.due_before(today)?.posted.items + posted_today.items,
            ..StatusTotals::default()
        })
    }

    /// How many periods are past due on `today` (due by yesterday, open, not posted), from the
    /// day tallies: what [`Store::past_due_items`] would read.
    pub(crate) fn past_due_count(&self, today: NaiveDate) -> StoreResult<u64> {
        let before = self.due_before(today)?;
        Ok(before.open.items.saturating_sub(before.posted.items))
    }

    /// Unpaid amounts due in each of the 12 months starting with `today`'s month, grouped by
    /// provider or by card; months with nothing due are left out.
    pub fn month_totals(
        &self,
        today: NaiveDate,
        grouping: MonthGrouping,
    ) -> StoreResult<Vec<MonthTotal>> {
        let first = today.with_day(1).unwrap_or(today);
        let end = first
            .checked_add_months(Months::new(12))
            .unwrap_or(NaiveDate::MAX);
        let group_sql = match grouping {
            MonthGrouping::Provider => "d.provider",
            MonthGrouping::Card => {
                "coalesce((SELECT c.bank || ' ····' || c.last4 FROM cards c WHERE c.id = d.card_id), '')"
            }
        };
        self.month_sums(group_sql, &date_text(first), &bound_text(end), today)
    }

    /// Unpaid amounts of every open period by the month of its due date (overdue ones in
    /// theirs), automatic postings left out: what the balance falls by, month by month.
    pub(crate) fn open_by_month(&self, today: NaiveDate) -> StoreResult<Vec<(NaiveDate, Money)>> {
        Ok(self
            .month_sums("''", "", &bound_text(NaiveDate::MAX), today)?
            .into_iter()
            .map(|t| (t.month, t.amount))
            .collect())
    }

    /// Unpaid amounts of the open periods due from `from` (inclusive) to `end` (exclusive),
    /// both as date text, by month and by `group_sql` (on `d`, a row of the day tallies);
    /// automatic postings by `today` taken off; months with nothing due left out.
    fn month_sums(
        &self,
        group_sql: &str,
        from: &str,
        end: &str,
        today: NaiveDate,
    ) -> StoreResult<Vec<MonthTotal>> {
        // From the day tallies: a few rows per day, however many plans there are. Automatic
        // postings (due by today) count as paid: their share is taken off in the same sums.
        let sql = format!(
            "SELECT substr(d.due_on, 1, 7) || '-01' AS month, {group_sql} AS grp,
                    sum(d.unpaid_cents)
                        - sum(CASE WHEN d.due_on <= ?3 THEN d.posted_cents ELSE 0 END)
             FROM open_by_day d
             WHERE d.due_on >= ?1 AND d.due_on < ?2
             GROUP BY month, grp ORDER BY month, grp"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![from, end, date_text(today)], |r| {
            Ok(MonthTotal {
                month: r.get::<_, SqlDate>(0)?.0,
                group: r.get(1)?,
                amount: r.get(2)?,
            })
        })?;
        let mut totals: Vec<MonthTotal> = rows.collect::<Result<_, _>>()?;
        totals.retain(|t| t.amount.is_positive());
        Ok(totals)
    }
}
