//! Loading and saving a plan's ledger ([`crate::domain::ledger`]): its periods with what was
//! paid on them, and the summary columns the plans table keeps up to date.

use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{Connection, params, params_from_iter};

use super::model::PlanId;
use super::sql::{SqlDate, opt_date};
use super::{StoreError, StoreResult};
use crate::domain::Money;
use crate::domain::ledger::{Ledger, LedgerError, LedgerPeriod, LedgerSummary};
use crate::domain::money::Overflow;
use crate::domain::overdue::PaidPart;

/// Loads a plan's periods in order.
pub(crate) fn load_periods(conn: &Connection, plan: PlanId) -> StoreResult<Vec<LedgerPeriod>> {
    let mut periods = load_period_rows(conn, plan)?;
    for (period, part) in paid_parts(conn, plan, None)? {
        if let Some(row) = periods.iter_mut().find(|p| p.period == period) {
            row.paid_parts.push(part);
        }
    }
    Ok(periods)
}

/// Loads a plan's periods in order without the dates their money was paid on: enough to
/// summarise them, not to work out a penalty.
pub(crate) fn load_period_rows(conn: &Connection, plan: PlanId) -> StoreResult<Vec<LedgerPeriod>> {
    let mut stmt = conn.prepare_cached(
        "SELECT period, due_on, principal_cents, fee_cents, paid_principal_cents, paid_fee_cents,
                paid_penalty_cents, state, settled_on
         FROM installments WHERE plan_id = ?1 ORDER BY period",
    )?;
    let rows = stmt.query_map([plan], |r| {
        Ok(LedgerPeriod {
            period: r.get(0)?,
            due_on: r.get::<_, SqlDate>(1)?.0,
            principal: r.get(2)?,
            fee: r.get(3)?,
            paid_principal: r.get(4)?,
            paid_fee: r.get(5)?,
            paid_penalty: r.get(6)?,
            state: r.get(7)?,
            settled_on: opt_date(r.get(8)?),
            paid_parts: Vec::new(),
            dirty: false,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The principal and fee paid on a plan's periods (or on one of them), by date, oldest first:
/// from the allocations of its repayments.
pub(crate) fn paid_parts(
    conn: &Connection,
    plan: PlanId,
    period: Option<u32>,
) -> rusqlite::Result<Vec<(u32, PaidPart)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.period, r.paid_on, a.principal_cents + a.fee_cents
         FROM repayments r JOIN allocations a ON a.repayment_id = r.id
         WHERE r.plan_id = ?1 AND (?2 IS NULL OR a.period = ?2)
           AND a.principal_cents + a.fee_cents > 0
         ORDER BY r.paid_on, r.id",
    )?;
    let rows = stmt.query_map(params![plan, period], |r| {
        Ok((
            r.get(0)?,
            PaidPart {
                on: r.get::<_, SqlDate>(1)?.0,
                amount: r.get(2)?,
            },
        ))
    })?;
    rows.collect()
}

/// The date of a plan's latest recorded repayment (failed debits included).
pub(crate) fn latest_payment(conn: &Connection, plan: PlanId) -> StoreResult<Option<NaiveDate>> {
    let latest: Option<SqlDate> = conn
        .prepare_cached("SELECT max(paid_on) FROM repayments WHERE plan_id = ?1")?
        .query_row([plan], |r| r.get(0))?;
    Ok(opt_date(latest))
}

/// Inserts every period of a new plan.
pub(crate) fn insert_periods(conn: &Connection, plan: PlanId, ledger: &Ledger) -> StoreResult<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO installments (plan_id, period, due_on, principal_cents, fee_cents,
             paid_principal_cents, paid_fee_cents, paid_penalty_cents, state, settled_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for p in &ledger.periods {
        stmt.execute(params![
            plan,
            p.period,
            SqlDate(p.due_on),
            p.principal,
            p.fee,
            p.paid_principal,
            p.paid_fee,
            p.paid_penalty,
            p.state,
            p.settled_on.map(SqlDate),
        ])?;
    }
    Ok(())
}

/// Writes back the periods a change touched, and the plan's summary columns; after a
/// reschedule also drops the periods no longer in it and the plan's period count and total fee.
pub(crate) fn save_changes(conn: &Connection, plan: PlanId, ledger: &Ledger) -> StoreResult<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE installments SET principal_cents = ?3, fee_cents = ?4, paid_principal_cents = ?5,
             paid_fee_cents = ?6, paid_penalty_cents = ?7, state = ?8, settled_on = ?9
         WHERE plan_id = ?1 AND period = ?2",
    )?;
    for p in ledger.periods.iter().filter(|p| p.dirty) {
        stmt.execute(params![
            plan,
            p.period,
            p.principal,
            p.fee,
            p.paid_principal,
            p.paid_fee,
            p.paid_penalty,
            p.state,
            p.settled_on.map(SqlDate),
        ])?;
    }
    if ledger.rescheduled {
        let periods = i64::try_from(ledger.periods.len()).unwrap_or(i64::MAX);
        conn.prepare_cached("DELETE FROM installments WHERE plan_id = ?1 AND period > ?2")?
            .execute(params![plan, periods])?;
        let total_fee = Money::try_sum(ledger.periods.iter().map(|p| p.fee))?;
        conn.prepare_cached("UPDATE plans SET periods = ?2, total_fee_cents = ?3 WHERE id = ?1")?
            .execute(params![plan, periods, total_fee])?;
    }
    save_summary(conn, plan, ledger)
}

/// A plan row's summary columns as bound, `paid_periods` to `paid_off_on` in table order.
pub(crate) struct SummaryParams {
    columns: LedgerSummary,
    next_due_on: Option<SqlDate>,
    paid_off_on: Option<SqlDate>,
}

impl SummaryParams {
    /// The summary columns of `ledger`.
    pub(crate) fn of(ledger: &Ledger) -> Result<Self, Overflow> {
        let columns = ledger.summary()?;
        Ok(SummaryParams {
            next_due_on: columns.next_due_on.map(SqlDate),
            paid_off_on: ledger.paid_off_on.map(SqlDate),
            columns,
        })
    }

    /// The nine values, in the order the statements name their columns.
    pub(crate) fn values(&self) -> [&dyn ToSql; 9] {
        let s = &self.columns;
        [
            &s.paid_periods,
            &s.remaining,
            &s.remaining_principal,
            &s.next_period,
            &self.next_due_on,
            &s.next_amount,
            &s.next_debit_failed,
            &s.status,
            &self.paid_off_on,
        ]
    }
}

/// Writes the plan's summary columns.
pub(crate) fn save_summary(conn: &Connection, plan: PlanId, ledger: &Ledger) -> StoreResult<()> {
    let summary = SummaryParams::of(ledger)?;
    let mut stmt = conn.prepare_cached(
        "UPDATE plans SET paid_periods = ?2, remaining_cents = ?3, remaining_principal_cents = ?4,
             next_period = ?5, next_due_on = ?6, next_amount_cents = ?7, next_debit_failed = ?8,
             status = ?9, paid_off_on = ?10
         WHERE id = ?1",
    )?;
    let id: &dyn ToSql = &plan;
    stmt.execute(params_from_iter(
        std::iter::once(id).chain(summary.values()),
    ))?;
    Ok(())
}

/// A ledger rule's refusal as the store reports it: the domain's errors as they are (amounts
/// too large as [`StoreError::Overflow`]), periods that do not match their plan as corrupt data.
impl From<LedgerError> for StoreError {
    fn from(error: LedgerError) -> Self {
        match error {
            LedgerError::NothingDue => StoreError::NothingDue,
            LedgerError::NoSuchPeriod(period) => StoreError::Corrupt(format!("period {period}")),
            LedgerError::EmptyReschedule => StoreError::Corrupt("empty reschedule".into()),
            LedgerError::Allocation(e) => e.into(),
            LedgerError::Payoff(e) => e.into(),
            LedgerError::Prepay(e) => e.into(),
            LedgerError::Overflow(e) => e.into(),
        }
    }
}
