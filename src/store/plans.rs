//! Plans: insert, edit, delete, paged summaries and the full detail of one plan.

use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, Row, params_from_iter};

use super::changelog::{self, UndoStep};
use super::ledger::{self, SummaryParams};
use super::model::*;
pub(crate) use super::plan_terms::load_terms;
use super::plan_terms::{MORE_TERMS_COLUMNS, MoreTerms};
use super::sql::{SqlDate, SqlPercent, opt_date, periods_text};
use super::subject::{ChangeSubject, PlanRef};
use super::window::Window;
use super::{Store, StoreError, StoreResult};
use crate::domain::allocation::{Dues, check_date_order};
use crate::domain::ledger::{Ledger, LedgerPeriod, Standing};
use crate::domain::overdue::days_late;
use crate::domain::prepay::{PrepayMode, PrepayQuote};
use crate::domain::rate::percent4;
use crate::domain::summary::{PlanQuote, quote_plan};
use crate::domain::{Money, PlanTerms};

/// The columns `summary_from_row` reads, in order.
pub(crate) const SUMMARY_COLUMNS: &str = "p.id, p.name, p.provider, p.card_id, p.auto_debit,
    p.fee_model, p.principal_cents, p.periods, p.paid_periods, p.remaining_cents,
    p.remaining_principal_cents, p.total_fee_cents, p.next_period, p.next_due_on,
    p.next_amount_cents, p.apr_percent, p.ear_percent, p.status, p.next_debit_failed,
    p.paid_off_on, p.auto_post, p.grace_days, p.note, p.debit_setup_card_id, p.tolerance_cents";

/// How many columns [`SUMMARY_COLUMNS`] names (a query selecting more reads them from here).
pub(crate) const SUMMARY_COLUMN_COUNT: usize = 25;

/// Reads a [`PlanSummary`] from a row selected with [`SUMMARY_COLUMNS`], status as of `today`.
pub(crate) fn summary_from_row(r: &Row<'_>, today: NaiveDate) -> rusqlite::Result<PlanSummary> {
    let next_due_date = opt_date(r.get(13)?);
    let stored: PlanStatus = r.get(17)?;
    let debit_failed: bool = r.get(18)?;
    let next_amount: Option<Money> = r.get(14)?;
    let late = Lateness {
        grace_days: r.get(21)?,
        tolerance: r.get(24)?,
    };
    let status = late.plan_status(stored, next_due_date, next_amount, debit_failed, today);
    Ok(PlanSummary {
        id: r.get(0)?,
        name: r.get(1)?,
        provider: r.get(2)?,
        card_id: r.get(3)?,
        auto_debit: r.get(4)?,
        auto_post: r.get(20)?,
        fee_model: r.get(5)?,
        principal: r.get(6)?,
        periods: r.get(7)?,
        paid_periods: r.get(8)?,
        remaining: r.get(9)?,
        remaining_principal: r.get(10)?,
        total_fee: r.get(11)?,
        next_period: r.get(12)?,
        next_due_date,
        next_amount,
        apr_percent: r.get::<_, SqlPercent>(15)?.0,
        ear_percent: r.get::<_, SqlPercent>(16)?.0,
        status,
        paid_off_on: opt_date(r.get(19)?),
        note: r.get(22)?,
        debit_setup: r.get(23)?,
    })
}

/// When a plan's oldest open period makes it overdue: more than the grace days past its due
/// date with more than the tolerance unpaid, as a period is (within grace it is still due).
struct Lateness {
    grace_days: u32,
    tolerance: Money,
}

impl Lateness {
    /// A plan's status as shown on `today`: a failed debit stays marked until paid; an open
    /// period overdue (see [`Lateness`]) makes the plan overdue.
    fn plan_status(
        &self,
        stored: PlanStatus,
        next_due_date: Option<NaiveDate>,
        next_amount: Option<Money>,
        debit_failed: bool,
        today: NaiveDate,
    ) -> PlanStatus {
        let late = |due: NaiveDate| {
            days_late(due, today) > i64::from(self.grace_days)
                && next_amount.is_some_and(|owed| owed > self.tolerance)
        };
        match (stored, next_due_date) {
            (PlanStatus::Active, _) if debit_failed => PlanStatus::DebitFailed,
            (PlanStatus::Active, Some(due)) if late(due) => PlanStatus::Overdue,
            (status, _) => status,
        }
    }
}

/// A plan summary as shown on `today`: a plan that posts auto-debits counts its posted
/// periods as paid (the stored summary columns hold what was recorded). Reads the plan's
/// periods only when a period of it is posted.
pub(crate) fn shown_summary(
    conn: &Connection,
    mut summary: PlanSummary,
    today: NaiveDate,
) -> StoreResult<PlanSummary> {
    let posts = summary.auto_debit && summary.auto_post;
    // The oldest open period is due by today: it, or a later one if its debit failed, may be
    // posted.
    let maybe_posted = posts
        && summary.paid_off_on.is_none()
        && summary.next_due_date.is_some_and(|due| due <= today);
    if !maybe_posted {
        return Ok(summary);
    }
    // A summary reads neither the dates money was paid on nor the latest payment.
    let ledger = Ledger {
        terms: load_terms(conn, summary.id)?,
        periods: ledger::load_period_rows(conn, summary.id)?,
        paid_off_on: None,
        latest_payment: None,
        rescheduled: false,
    };
    let late = Lateness {
        grace_days: ledger.terms.overdue.grace_days,
        tolerance: ledger.terms.overdue.tolerance,
    };
    let shown = ledger.as_shown(today, posts).summary()?;
    summary.paid_periods = shown.paid_periods;
    summary.remaining = shown.remaining;
    summary.remaining_principal = shown.remaining_principal;
    summary.next_period = shown.next_period;
    summary.next_due_date = shown.next_due_on;
    summary.next_amount = shown.next_amount;
    summary.status = late.plan_status(
        shown.status,
        shown.next_due_on,
        shown.next_amount,
        shown.next_debit_failed,
        today,
    );
    Ok(summary)
}

/// Whether plan `id` posts its auto-debits (auto-debit on and auto-post not turned off).
pub(crate) fn plan_posts(conn: &Connection, id: PlanId) -> StoreResult<bool> {
    let posts: Option<bool> = conn
        .prepare_cached("SELECT auto_debit = 1 AND auto_post = 1 FROM plans WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    posts.ok_or(StoreError::PlanNotFound(id))
}

/// Loads a plan's terms and periods for a change.
pub(crate) fn load_ledger(conn: &Connection, plan: PlanId) -> StoreResult<Ledger> {
    let terms = load_terms(conn, plan)?;
    let paid_off_on: Option<SqlDate> = conn
        .prepare_cached("SELECT paid_off_on FROM plans WHERE id = ?1")?
        .query_row([plan], |r| r.get(0))?;
    Ok(Ledger {
        terms,
        periods: ledger::load_periods(conn, plan)?,
        paid_off_on: opt_date(paid_off_on),
        latest_payment: ledger::latest_payment(conn, plan)?,
        rescheduled: false,
    })
}

/// Refuses a card that does not exist or is archived.
pub(crate) fn check_card(conn: &Connection, card: CardId) -> StoreResult<()> {
    let archived: Option<bool> = conn
        .prepare_cached("SELECT archived FROM cards WHERE id = ?1")?
        .query_row([card], |r| r.get(0))
        .optional()?;
    match archived {
        None => Err(StoreError::CardNotFound(card)),
        Some(true) => Err(StoreError::CardArchived(card)),
        Some(false) => Ok(()),
    }
}

/// A plan row's own columns as bound, `name` to `total_fee_cents` in table order: the draft's
/// name, card and terms, then the cost its quote worked out.
struct DraftParams<'a> {
    draft: &'a PlanDraft,
    free_periods: String,
    first_due: SqlDate,
    apr_percent: String,
    ear_percent: String,
    total_fee: Money,
}

impl<'a> DraftParams<'a> {
    fn new(draft: &'a PlanDraft, quote: &PlanQuote) -> Self {
        DraftParams {
            draft,
            free_periods: periods_text(&draft.terms.fee.free_periods),
            first_due: SqlDate(draft.terms.first_due),
            apr_percent: percent4(quote.cost.apr_percent),
            ear_percent: percent4(quote.cost.ear_percent),
            total_fee: quote.total_fee,
        }
    }

    /// The twenty-one values, in the order the statements name their columns.
    fn values(&self) -> [&dyn ToSql; 21] {
        let (draft, terms) = (self.draft, &self.draft.terms);
        [
            &draft.note,
            &draft.name,
            &draft.provider,
            &draft.card,
            &draft.auto_debit,
            &terms.principal,
            &terms.periods,
            &terms.fee.model,
            &terms.fee.rate,
            &terms.fee.discount,
            &self.free_periods,
            &terms.remainder,
            &self.first_due,
            &terms.payoff,
            &terms.overdue.grace_days,
            &terms.overdue.penalty_daily,
            &terms.overdue.from,
            &self.apr_percent,
            &self.ear_percent,
            &self.total_fee,
            &draft.auto_post,
        ]
    }
}

/// Inserts a plan row (with its summary columns) and its periods; returns the new id.
pub(crate) fn insert_ledger(
    conn: &Connection,
    draft: &PlanDraft,
    quote: &PlanQuote,
    ledger: &Ledger,
) -> StoreResult<PlanId> {
    let more = MORE_TERMS_COLUMNS.join(", ");
    let holes: Vec<String> = (31..31 + MORE_TERMS_COLUMNS.len())
        .map(|i| format!("?{i}"))
        .collect();
    let sql = format!(
        "INSERT INTO plans (note, name, provider, card_id, auto_debit, principal_cents, periods,
             fee_model, fee_rate, fee_discount, fee_free_periods, remainder, first_due_on,
             payoff_policy, grace_days, penalty_daily, penalty_from, apr_percent, ear_percent,
             total_fee_cents, auto_post, paid_periods, remaining_cents, remaining_principal_cents,
             next_period, next_due_on, next_amount_cents, next_debit_failed, status, paid_off_on,
             {more})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, {})",
        holes.join(", ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let draft_params = DraftParams::new(draft, quote);
    let summary = SummaryParams::of(ledger)?;
    let more_terms = MoreTerms::of(&draft.terms);
    stmt.execute(params_from_iter(
        draft_params
            .values()
            .into_iter()
            .chain(summary.values())
            .chain(more_terms.values()),
    ))?;
    let id = PlanId(conn.last_insert_rowid());
    ledger::insert_periods(conn, id, ledger)?;
    Ok(id)
}

/// A plan as a change names it.
pub(crate) fn plan_subject(id: PlanId, name: &str, provider: &str) -> PlanRef {
    PlanRef {
        id,
        name: name.to_string(),
        provider: provider.to_string(),
    }
}

impl Store {
    /// Adds a plan: validates its card, builds the schedule, stores APR/EAR and every period.
    pub fn insert_plan(&mut self, draft: &PlanDraft) -> StoreResult<PlanId> {
        let draft = &draft.without_card_numbers();
        let quote = quote_plan(&draft.terms)?;
        self.write(|tx| {
            if let Some(card) = draft.card {
                check_card(tx, card)?;
            }
            let ledger = Ledger::from_schedule(draft.terms.clone(), &quote.schedule);
            let id = insert_ledger(tx, draft, &quote, &ledger)?;
            changelog::log_change(
                tx,
                ChangeKind::PlanAdd,
                &ChangeSubject::Plan(plan_subject(id, &draft.name, &draft.provider)),
                &[UndoStep::DeletePlans { ids: vec![id.0] }],
            )?;
            Ok(id)
        })
    }

    /// Replaces a plan's name, provider, card, auto-debit and terms. The schedule is rebuilt when
    /// the terms change, which is refused once any repayment is recorded.
    pub fn update_plan(&mut self, id: PlanId, draft: &PlanDraft) -> StoreResult<()> {
        let draft = &draft.without_card_numbers();
        let quote = quote_plan(&draft.terms)?;
        self.write(|tx| {
            let old = load_terms(tx, id)?;
            if let Some(card) = draft.card {
                let current: Option<CardId> = tx
                    .prepare_cached("SELECT card_id FROM plans WHERE id = ?1")?
                    .query_row([id], |r| r.get(0))?;
                if current != Some(card) {
                    check_card(tx, card)?;
                }
            }
            let image = changelog::snapshot_plan(tx, id)?;
            let schedule_changed = schedule_terms_differ(&old, &draft.terms);
            if schedule_changed {
                let payments: i64 = tx
                    .prepare_cached("SELECT count(*) FROM repayments WHERE plan_id = ?1")?
                    .query_row([id], |r| r.get(0))?;
                if payments > 0 {
                    return Err(StoreError::TermsLocked);
                }
            }
            let draft_params = DraftParams::new(draft, &quote);
            let more_terms = MoreTerms::of(&draft.terms);
            let id_param: &dyn ToSql = &id;
            let more: Vec<String> = MORE_TERMS_COLUMNS
                .iter()
                .enumerate()
                .map(|(i, column)| format!("{column} = ?{}", i + 23))
                .collect();
            let sql = format!(
                "UPDATE plans SET note = ?2, name = ?3, provider = ?4, card_id = ?5,
                     auto_debit = ?6, principal_cents = ?7, periods = ?8, fee_model = ?9,
                     fee_rate = ?10, fee_discount = ?11, fee_free_periods = ?12, remainder = ?13,
                     first_due_on = ?14, payoff_policy = ?15, grace_days = ?16,
                     penalty_daily = ?17, penalty_from = ?18, apr_percent = ?19,
                     ear_percent = ?20, total_fee_cents = ?21, auto_post = ?22, paid_periods = 0,
                     next_period = NULL, {}
                 WHERE id = ?1",
                more.join(", ")
            );
            tx.prepare_cached(&sql)?.execute(params_from_iter(
                std::iter::once(id_param)
                    .chain(draft_params.values())
                    .chain(more_terms.values()),
            ))?;
            let ledger = if schedule_changed {
                tx.prepare_cached("DELETE FROM installments WHERE plan_id = ?1")?
                    .execute([id])?;
                let ledger = Ledger::from_schedule(draft.terms.clone(), &quote.schedule);
                ledger::insert_periods(tx, id, &ledger)?;
                ledger
            } else {
                load_ledger(tx, id)?
            };
            ledger::save_summary(tx, id, &ledger)?;
            changelog::log_change(
                tx,
                ChangeKind::PlanEdit,
                &ChangeSubject::Plan(plan_subject(id, &draft.name, &draft.provider)),
                &[UndoStep::RestorePlan { image }],
            )?;
            Ok(())
        })
    }

    /// Deletes a plan with its periods, repayments and allocations (undo restores them all).
    pub fn delete_plan(&mut self, id: PlanId) -> StoreResult<()> {
        self.write(|tx| {
            let image = changelog::snapshot_plan(tx, id)?;
            let (name, provider): (String, String) = tx
                .prepare_cached("SELECT name, provider FROM plans WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            tx.prepare_cached("DELETE FROM plans WHERE id = ?1")?
                .execute([id])?;
            changelog::log_change(
                tx,
                ChangeKind::PlanDelete,
                &ChangeSubject::Plan(plan_subject(id, &name, &provider)),
                &[UndoStep::RestorePlan { image }],
            )?;
            Ok(())
        })
    }

    /// Plan summaries matching `filter`, soonest next due date first (finished plans last),
    /// with statuses as of `today`.
    pub fn list_plan_summaries(
        &self,
        filter: &PlanFilter,
        today: NaiveDate,
    ) -> StoreResult<Vec<PlanSummary>> {
        let (where_sql, args) = plan_where(filter);
        let window = Window::new(filter.offset, filter.limit, filter.total);
        // Active plans come straight off the partial index; with finished ones, those go last
        // (plans_by_next_due).
        let order = match (filter.include_finished, window.backwards) {
            (true, false) => "p.next_due_on IS NULL, p.next_due_on, p.id",
            (true, true) => "p.next_due_on IS NULL DESC, p.next_due_on DESC, p.id DESC",
            (false, false) => "p.next_due_on, p.id",
            (false, true) => "p.next_due_on DESC, p.id DESC",
        };
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM plans p {where_sql} ORDER BY {order} LIMIT ? OFFSET ?"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut values = args;
        values.push(rusqlite::types::Value::Integer(window.limit));
        values.push(rusqlite::types::Value::Integer(window.offset));
        let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
            summary_from_row(r, today)
        })?;
        let rows: Vec<PlanSummary> = rows.collect::<Result<_, _>>()?;
        let shown = rows
            .into_iter()
            .map(|s| shown_summary(self.conn(), s, today))
            .collect::<StoreResult<_>>()?;
        Ok(window.arrange(shown))
    }

    /// How many plans match `filter` (ignoring its limit and offset), for paging.
    pub fn count_plans(&self, filter: &PlanFilter) -> StoreResult<u64> {
        let (where_sql, args) = plan_where(filter);
        if where_sql.is_empty() {
            return self.plan_count();
        }
        let sql = format!("SELECT count(*) FROM plans p {where_sql}");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let n: i64 = stmt.query_row(rusqlite::params_from_iter(args), |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// One plan's summary.
    pub fn plan_summary(&self, id: PlanId, today: NaiveDate) -> StoreResult<PlanSummary> {
        let sql = format!("SELECT {SUMMARY_COLUMNS} FROM plans p WHERE p.id = ?1");
        let summary = self
            .conn()
            .prepare_cached(&sql)?
            .query_row([id], |r| summary_from_row(r, today))
            .optional()?
            .ok_or(StoreError::PlanNotFound(id))?;
        shown_summary(self.conn(), summary, today)
    }

    /// A plan's terms (for editing).
    pub fn plan_draft(&self, id: PlanId) -> StoreResult<PlanDraft> {
        let terms = load_terms(self.conn(), id)?;
        let (name, provider, card, auto_debit, auto_post, note) = self
            .conn()
            .prepare_cached(
                "SELECT name, provider, card_id, auto_debit, auto_post, note FROM plans
                 WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?;
        Ok(PlanDraft {
            name,
            provider,
            card,
            auto_debit,
            auto_post,
            terms,
            note,
        })
    }

    /// Everything about one plan as of `on`: terms, schedule with statuses and penalties so far,
    /// repayments (newest first), and the payoff quote for `on`.
    pub fn plan_detail(&self, id: PlanId, on: NaiveDate) -> StoreResult<PlanDetail> {
        let summary = self.plan_summary(id, on)?;
        let ledger = load_ledger(self.conn(), id)?;
        let card = match summary.card_id {
            Some(card) => Some(self.card(card)?),
            None => None,
        };
        let debit_setup_card = match summary.debit_setup {
            Some(card) => Some(self.card(card)?),
            None => None,
        };
        let posts = summary.auto_debit && summary.auto_post && ledger.paid_off_on.is_none();
        let records = period_records(self.conn(), id)?;
        let schedule: Vec<InstallmentView> = ledger
            .periods
            .iter()
            .zip(ledger.standings_on(on)?)
            .map(|(p, standing)| {
                let record = records.get(&p.period);
                installment_view(p, standing, on, posts, record)
            })
            .collect::<StoreResult<_>>()?;
        let total_repayment = Money::try_sum(schedule.iter().map(|i| i.amount))?;
        let repayments = self.list_history(&HistoryFilter {
            plan: Some(id),
            ..HistoryFilter::default()
        })?;
        let payoff = match ledger.payoff_quote(on).map_err(StoreError::from) {
            Ok(quote) => Some(quote),
            Err(StoreError::Overflow(overflow)) => return Err(overflow.into()),
            Err(_) => None,
        };
        Ok(PlanDetail {
            on,
            summary,
            terms: ledger.terms,
            card,
            debit_setup_card,
            total_repayment,
            schedule,
            repayments,
            payoff,
        })
    }

    /// The payoff quote for a plan on `on` (errors when not allowed, nothing is owed, or `on`
    /// is before the plan's latest repayment, so that it could not be recorded).
    pub fn payoff_quote(
        &self,
        id: PlanId,
        on: NaiveDate,
    ) -> StoreResult<crate::domain::payoff::PayoffQuote> {
        let ledger = load_ledger(self.conn(), id)?;
        check_date_order(ledger.latest_payment, on)?;
        Ok(ledger.payoff_quote(on)?)
    }

    /// The quote for prepaying `principal` of an annuity plan on `on`, the periods left
    /// rescheduled by `mode` (errors as [`Store::payoff_quote`], and when the plan is not an
    /// annuity or not current).
    pub fn prepay_quote(
        &self,
        id: PlanId,
        on: NaiveDate,
        principal: Money,
        mode: PrepayMode,
    ) -> StoreResult<PrepayQuote> {
        let ledger = load_ledger(self.conn(), id)?;
        check_date_order(ledger.latest_payment, on)?;
        Ok(ledger.prepay_quote(on, principal, mode)?)
    }

    /// A plan's periods, overdue terms and latest repayment date as the payment rules see
    /// them: what the repayment form checks an amount and date against as they are typed.
    pub(crate) fn plan_dues(&self, id: PlanId) -> StoreResult<Dues> {
        Ok(load_ledger(self.conn(), id)?.dues())
    }

    /// What `pay` records by default on `on`: the oldest open period's unpaid amount plus its
    /// penalty so far. Errors when nothing is owed.
    pub fn amount_due_next(&self, id: PlanId, on: NaiveDate) -> StoreResult<Money> {
        let ledger = load_ledger(self.conn(), id)?;
        if ledger.paid_off_on.is_some() {
            return Err(StoreError::NothingDue);
        }
        Ok(ledger.due_next(on)?)
    }
}

/// Whether the schedule-defining parts of the terms differ (not the overdue or payoff rules).
fn schedule_terms_differ(a: &PlanTerms, b: &PlanTerms) -> bool {
    a.principal != b.principal
        || a.periods != b.periods
        || a.fee != b.fee
        || a.remainder != b.remainder
        || a.first_due != b.first_due
        || a.dates != b.dates
}

/// What the records say about one period: the latest repayment that paid it (its id, source,
/// kind and the statement line it came from), and the retry date of its latest failed debit.
#[derive(Debug, Clone, Default)]
pub(crate) struct PeriodRecord {
    pub source: Option<RepaymentSource>,
    pub retry_on: Option<NaiveDate>,
    pub paid_by: Option<RepaymentId>,
    pub kind: Option<RepaymentKind>,
    pub statement_key: Option<String>,
}

/// Each period's [`PeriodRecord`] for plan `id`.
pub(crate) fn period_records(
    conn: &Connection,
    id: PlanId,
) -> StoreResult<std::collections::HashMap<u32, PeriodRecord>> {
    let mut out: std::collections::HashMap<u32, PeriodRecord> = Default::default();
    let mut paid = conn.prepare_cached(
        "SELECT a.period, r.source, r.id, r.kind, r.statement_key
         FROM repayments r JOIN allocations a ON a.repayment_id = r.id
         WHERE r.plan_id = ?1 AND a.principal_cents + a.fee_cents > 0 ORDER BY r.paid_on, r.id",
    )?;
    let rows = paid.query_map([id], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
        ))
    })?;
    for row in rows {
        let (period, source, repayment, kind, statement_key) = row?;
        let record = out.entry(period).or_default();
        record.source = Some(source);
        record.paid_by = Some(repayment);
        record.kind = Some(kind);
        record.statement_key = statement_key;
    }
    let mut failed = conn.prepare_cached(
        "SELECT period, retry_on FROM repayments
         WHERE plan_id = ?1 AND failed = 1 AND period IS NOT NULL ORDER BY paid_on, id",
    )?;
    for row in failed.query_map([id], |r| Ok((r.get::<_, u32>(0)?, r.get(1)?)))? {
        let (period, retry_on): (u32, Option<SqlDate>) = row?;
        out.entry(period).or_default().retry_on = opt_date(retry_on);
    }
    Ok(out)
}

/// A period as shown on `on` with its standing that day (status, and the penalty and late fees
/// it owes under its plan's rules): posted (`posts`: its plan posts auto-debits) when its
/// automatic posting counts it as paid.
pub(crate) fn installment_view(
    p: &LedgerPeriod,
    standing: Standing,
    on: NaiveDate,
    posts: bool,
    record: Option<&PeriodRecord>,
) -> StoreResult<InstallmentView> {
    let record = record.cloned().unwrap_or_default();
    let posted = p.is_posted(on, posts);
    let status = if posted {
        InstallmentStatus::Paid
    } else {
        standing.status
    };
    let p = &if posted { p.as_posted() } else { p.clone() };
    Ok(InstallmentView {
        confirmed: !posted,
        source: if posted {
            Some(RepaymentSource::AutoDebit)
        } else {
            record.source
        },
        retry_on: if status == InstallmentStatus::DebitFailed {
            record.retry_on
        } else {
            None
        },
        period: p.period,
        due_date: p.due_on,
        amount: p.principal.try_add(p.fee)?,
        principal: p.principal,
        fee: p.fee,
        paid: p.paid_principal.try_add(p.paid_fee)?,
        paid_penalty: p.paid_penalty,
        unpaid: p.unpaid()?,
        penalty: if posted {
            Money::ZERO
        } else {
            standing.penalty
        },
        status,
        settled_on: p.settled_on,
    })
}

/// The WHERE clause (fixed fragments only; values bound) for a plan filter.
fn plan_where(filter: &PlanFilter) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut clauses: Vec<&str> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if !filter.include_finished {
        clauses.push("p.status = 'active'");
    }
    if let Some(text) = filter.text.as_deref().filter(|t| !t.trim().is_empty()) {
        clauses.push(
            "(instr(lower(p.name), lower(?)) > 0 OR instr(lower(p.provider), lower(?)) > 0
              OR instr(lower(p.note), lower(?)) > 0)",
        );
        for _ in 0..3 {
            args.push(Value::Text(text.trim().to_string()));
        }
    }
    if let Some(provider) = &filter.provider {
        clauses.push("p.provider = ?");
        args.push(Value::Text(provider.clone()));
    }
    if let Some(card) = filter.card {
        clauses.push("p.card_id = ?");
        args.push(Value::Integer(card.0));
    }
    if clauses.is_empty() {
        (String::new(), args)
    } else {
        (format!("WHERE {}", clauses.join(" AND ")), args)
    }
}

impl Store {
    /// Every plan still owing money, as the advisor sees it: terms and periods.
    pub(crate) fn open_plans_for_advice(
        &self,
    ) -> StoreResult<Vec<crate::domain::advise::AdvisePlan>> {
        let ids: Vec<PlanId> = self
            .conn()
            .prepare_cached(
                "SELECT id FROM plans WHERE paid_off_on IS NULL AND remaining_cents > 0 ORDER BY id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.into_iter()
            .map(|id| {
                let ledger = load_ledger(self.conn(), id)?;
                Ok(crate::domain::advise::AdvisePlan {
                    id: id.0,
                    periods: ledger.dues().periods,
                    terms: ledger.terms,
                })
            })
            .collect()
    }
}
