//! One plan's periods in memory: applying payments, failed debits and payoffs, and the summary
//! columns the plans table keeps up to date.

use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{Connection, params, params_from_iter};

use super::model::{InstallmentStatus, PlanId, PlanStatus};
use super::sql::{SqlDate, opt_date};
use super::{StoreError, StoreResult};
use crate::domain::allocation::{Dues, PeriodAllocation};
use crate::domain::money::Overflow;
use crate::domain::overdue::PaidPart;
use crate::domain::payoff::{PayoffQuote, PeriodState, quote};
use crate::domain::prepay::{PrepayMode, PrepayQuote, quote_prepayment};
use crate::domain::schedule::Installment;
use crate::domain::{Money, PlanTerms};

/// A period as stored: scheduled parts, what has been paid, and its stored state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PeriodRow {
    pub period: u32,
    pub due_on: NaiveDate,
    pub principal: Money,
    pub fee: Money,
    pub paid_principal: Money,
    pub paid_fee: Money,
    pub paid_penalty: Money,
    /// Never `Overdue`: that is derived from today when read.
    pub state: InstallmentStatus,
    pub settled_on: Option<NaiveDate>,
    /// The principal and fee paid, by date (from the allocations; not a column).
    pub paid_parts: Vec<PaidPart>,
    /// Changed since loaded, so to be written back.
    pub dirty: bool,
}

impl PeriodRow {
    fn state_for_domain(&self) -> PeriodState {
        PeriodState {
            period: self.period,
            due_date: self.due_on,
            principal: self.principal,
            fee: self.fee,
            paid_principal: self.paid_principal,
            paid_fee: self.paid_fee,
            paid_penalty: self.paid_penalty,
            waived: self.state == InstallmentStatus::Waived,
            paid_parts: self.paid_parts.clone(),
        }
    }

    pub fn is_settled(&self) -> bool {
        matches!(
            self.state,
            InstallmentStatus::Paid | InstallmentStatus::Waived
        )
    }

    /// Principal and fee still owed.
    pub fn unpaid(&self) -> Result<Money, Overflow> {
        self.state_for_domain().unpaid()
    }

    /// Nothing left to pay (or waived): principal and fee paid in full.
    fn nothing_unpaid(&self) -> bool {
        let state = self.state_for_domain();
        state.unpaid_principal().is_zero() && state.unpaid_fee().is_zero()
    }

    /// Penalty owed so far on `on`.
    pub fn penalty_due(&self, on: NaiveDate, terms: &PlanTerms) -> Result<Money, Overflow> {
        if self.is_settled() {
            return Ok(Money::ZERO);
        }
        self.state_for_domain().penalty_due(on, &terms.overdue)
    }

    /// The status shown on `today`: open periods past their due date are overdue.
    pub fn status_on(&self, today: NaiveDate) -> InstallmentStatus {
        if !self.is_settled() && self.due_on < today {
            InstallmentStatus::Overdue
        } else {
            self.state
        }
    }

    /// Re-derives the stored state after money moved; a successful payment clears a failed debit.
    fn restate(&mut self, on: NaiveDate, paid_now: bool) {
        self.state = if self.state == InstallmentStatus::Waived {
            InstallmentStatus::Waived
        } else if self.nothing_unpaid() {
            InstallmentStatus::Paid
        } else if self.state == InstallmentStatus::DebitFailed && !paid_now {
            InstallmentStatus::DebitFailed
        } else if self.paid_principal.is_positive() || self.paid_fee.is_positive() {
            InstallmentStatus::PartlyPaid
        } else {
            InstallmentStatus::Pending
        };
        if self.is_settled() && self.settled_on.is_none() {
            self.settled_on = Some(on);
        }
        self.dirty = true;
    }
}

/// The summary columns of a plan row, derived from its periods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SummaryColumns {
    pub paid_periods: u32,
    pub remaining: Money,
    pub remaining_principal: Money,
    pub next_period: Option<u32>,
    pub next_due_on: Option<NaiveDate>,
    pub next_amount: Option<Money>,
    pub next_debit_failed: bool,
    pub status: PlanStatus,
}

/// A plan's terms and periods, loaded (or freshly scheduled) for a change.
#[derive(Debug, Clone)]
pub(crate) struct Ledger {
    pub terms: PlanTerms,
    pub periods: Vec<PeriodRow>,
    pub paid_off_on: Option<NaiveDate>,
    /// The date of the plan's latest recorded repayment (failed debits included).
    pub latest_payment: Option<NaiveDate>,
    /// The periods left were rescheduled (a partial prepayment): their parts, their number and
    /// the plan's period count and total fee are written back too.
    pub rescheduled: bool,
}

impl Ledger {
    /// A ledger for a new plan: every period pending.
    pub fn from_schedule(terms: PlanTerms, schedule: &[Installment]) -> Ledger {
        let periods = schedule
            .iter()
            .map(|i| PeriodRow {
                period: i.period,
                due_on: i.due_date,
                principal: i.principal,
                fee: i.fee,
                paid_principal: Money::ZERO,
                paid_fee: Money::ZERO,
                paid_penalty: Money::ZERO,
                state: InstallmentStatus::Pending,
                settled_on: None,
                paid_parts: Vec::new(),
                dirty: true,
            })
            .collect();
        Ledger {
            terms,
            periods,
            paid_off_on: None,
            latest_payment: None,
            rescheduled: false,
        }
    }

    /// The oldest period still owing money.
    pub fn next_open(&self) -> Option<&PeriodRow> {
        self.periods.iter().find(|p| !p.is_settled())
    }

    /// The plan's periods as the domain's payment rules see them.
    pub fn dues(&self) -> Dues {
        Dues {
            overdue: self.terms.overdue,
            periods: self
                .periods
                .iter()
                .map(PeriodRow::state_for_domain)
                .collect(),
            latest_payment: self.latest_payment,
        }
    }

    /// What is due next on `on`: the oldest open period's unpaid amount plus its penalty so far.
    pub fn due_next(&self, on: NaiveDate) -> StoreResult<Money> {
        self.dues().due_next(on)?.ok_or(StoreError::NothingDue)
    }

    /// Applies a payment of `amount` on `on` as [`Dues::allocate`] splits it: oldest first,
    /// penalty → fee → principal.
    pub fn apply_payment(
        &mut self,
        amount: Money,
        on: NaiveDate,
    ) -> StoreResult<Vec<PeriodAllocation>> {
        if self.paid_off_on.is_some() || self.next_open().is_none() {
            return Err(StoreError::NothingDue);
        }
        let allocations = self.dues().allocate(amount, on)?;
        for allocation in &allocations {
            self.add_to_period(allocation, on)?;
        }
        Ok(allocations)
    }

    /// Pays period `period` in full on `on` (on time: no penalty), without a general
    /// allocation; for bulk sample data. Periods must be paid in order.
    pub fn pay_period_in_full(
        &mut self,
        period: u32,
        on: NaiveDate,
    ) -> StoreResult<PeriodAllocation> {
        let row = self
            .periods
            .get_mut(period as usize - 1)
            .filter(|p| p.period == period && p.state == InstallmentStatus::Pending)
            .ok_or_else(|| StoreError::Corrupt(format!("period {period}")))?;
        let allocation = PeriodAllocation {
            period,
            penalty: Money::ZERO,
            fee: row.fee,
            principal: row.principal,
        };
        row.paid_fee = row.fee;
        row.paid_principal = row.principal;
        row.paid_parts.push(PaidPart {
            on,
            amount: allocation.total()?,
        });
        row.state = InstallmentStatus::Paid;
        row.settled_on = Some(on);
        row.dirty = true;
        Ok(allocation)
    }

    fn add_to_period(&mut self, a: &PeriodAllocation, on: NaiveDate) -> StoreResult<()> {
        let row = self
            .periods
            .iter_mut()
            .find(|p| p.period == a.period)
            .ok_or_else(|| StoreError::Corrupt(format!("period {}", a.period)))?;
        row.paid_penalty = row.paid_penalty.try_add(a.penalty)?;
        row.paid_fee = row.paid_fee.try_add(a.fee)?;
        row.paid_principal = row.paid_principal.try_add(a.principal)?;
        let paid = a.fee.try_add(a.principal)?;
        if paid.is_positive() {
            row.paid_parts.push(PaidPart { on, amount: paid });
        }
        row.restate(on, true);
        Ok(())
    }

    /// Flags the oldest open period as a failed debit; returns its number.
    pub fn flag_failed_debit(&mut self) -> StoreResult<u32> {
        if self.paid_off_on.is_some() {
            return Err(StoreError::NothingDue);
        }
        let row = self
            .periods
            .iter_mut()
            .find(|p| !p.is_settled())
            .ok_or(StoreError::NothingDue)?;
        row.state = InstallmentStatus::DebitFailed;
        row.dirty = true;
        Ok(row.period)
    }

    /// The periods as the domain sees them, for a quote; none once paid off.
    fn states_to_quote(&self) -> StoreResult<Vec<PeriodState>> {
        if self.paid_off_on.is_some() {
            return Err(StoreError::NothingDue);
        }
        Ok(self
            .periods
            .iter()
            .map(PeriodRow::state_for_domain)
            .collect())
    }

    /// The payoff quote on `on` under the plan's policy.
    pub fn payoff_quote(&self, on: NaiveDate) -> StoreResult<PayoffQuote> {
        Ok(quote(&self.terms, &self.states_to_quote()?, on)?)
    }

    /// The quote for prepaying `principal` on `on`, the periods left rescheduled by `mode`.
    pub fn prepay_quote(
        &self,
        on: NaiveDate,
        principal: Money,
        mode: PrepayMode,
    ) -> StoreResult<PrepayQuote> {
        let states = self.states_to_quote()?;
        Ok(quote_prepayment(&self.terms, &states, on, principal, mode)?)
    }

    /// Applies a partial prepayment on `on` as `quote` says: the periods left take the
    /// rescheduled parts (shorten-term drops the last ones); the prepaid principal and the
    /// policy's charge (a penalty) are paid at once on the next period, whose principal takes the
    /// prepaid part, so every period's parts still add up to the plan's principal.
    pub fn apply_prepayment(
        &mut self,
        quote: &PrepayQuote,
        on: NaiveDate,
    ) -> StoreResult<Vec<PeriodAllocation>> {
        let first = quote
            .schedule
            .first()
            .ok_or_else(|| StoreError::Corrupt("empty reschedule".into()))?;
        let start = self
            .periods
            .iter()
            .position(|p| p.period == first.period)
            .ok_or_else(|| StoreError::Corrupt(format!("period {}", first.period)))?;
        for (row, new) in self.periods[start..].iter_mut().zip(&quote.schedule) {
            row.principal = new.principal;
            row.fee = new.fee;
            row.dirty = true;
        }
        let next = &mut self.periods[start];
        next.principal = next.principal.try_add(quote.principal)?;
        self.periods.truncate(start + quote.schedule.len());
        self.rescheduled = true;
        let allocation = PeriodAllocation {
            period: first.period,
            penalty: quote.penalty,
            fee: Money::ZERO,
            principal: quote.principal,
        };
        self.add_to_period(&allocation, on)?;
        Ok(vec![allocation])
    }

    /// Settles the whole plan on `on` as `quote` says; returns how it was split over periods.
    /// Every open period gets its penalty so far and its principal; the quote's fee goes to the
    /// earliest unpaid fees and the policy's penalty to the settling (first open) period; fees
    /// left unpaid are waived.
    pub fn apply_payoff(
        &mut self,
        quote: &PayoffQuote,
        on: NaiveDate,
    ) -> StoreResult<Vec<PeriodAllocation>> {
        let terms = self.terms.clone();
        let open: Vec<usize> = (0..self.periods.len())
            .filter(|&i| !self.periods[i].is_settled())
            .collect();
        let overdue_penalties = Money::try_sum_results(
            open.iter()
                .map(|&i| self.periods[i].penalty_due(on, &terms)),
        )?;
        let mut policy_fee = quote.fee;
        let mut policy_penalty = quote.penalty.saturating_sub(overdue_penalties);
        let settling = open.first().copied();
        let mut allocations = Vec::with_capacity(open.len());
        for &i in &open {
            let row = &self.periods[i];
            let state = row.state_for_domain();
            let mut penalty = row.penalty_due(on, &terms)?;
            let fee = policy_fee.min(state.unpaid_fee());
            policy_fee = policy_fee.saturating_sub(fee);
            if Some(i) == settling {
                penalty = penalty.try_add(policy_penalty)?;
                policy_penalty = Money::ZERO;
            }
            allocations.push(PeriodAllocation {
                period: row.period,
                penalty,
                fee,
                principal: state.unpaid_principal(),
            });
        }
        // A policy fee beyond the scheduled fees (interest to date) is charged on the settling period.
        if let Some(first) = allocations.first_mut().filter(|_| policy_fee.is_positive()) {
            first.penalty = first.penalty.try_add(policy_fee)?;
        }
        for allocation in &allocations {
            self.add_to_period(allocation, on)?;
        }
        for &i in &open {
            let row = &mut self.periods[i];
            if !row.nothing_unpaid() {
                row.state = InstallmentStatus::Waived;
                row.settled_on = Some(on);
                row.dirty = true;
            }
        }
        self.paid_off_on = Some(on);
        Ok(allocations)
    }

    /// The summary columns for the plans row.
    pub fn summary(&self) -> Result<SummaryColumns, Overflow> {
        let mut remaining = Money::ZERO;
        let mut remaining_principal = Money::ZERO;
        let mut paid_periods = 0u32;
        for p in &self.periods {
            if p.is_settled() {
                paid_periods += 1;
            } else {
                let state = p.state_for_domain();
                remaining = remaining.try_add(state.unpaid()?)?;
                remaining_principal = remaining_principal.try_add(state.unpaid_principal())?;
            }
        }
        let next = if self.paid_off_on.is_some() {
            None
        } else {
            self.next_open()
        };
        let status = match (self.paid_off_on, next) {
            (Some(_), _) => PlanStatus::PaidOff,
            (None, None) => PlanStatus::Completed,
            (None, Some(_)) => PlanStatus::Active,
        };
        Ok(SummaryColumns {
            paid_periods,
            remaining,
            remaining_principal,
            next_period: next.map(|p| p.period),
            next_due_on: next.map(|p| p.due_on),
            next_amount: next.map(PeriodRow::unpaid).transpose()?,
            next_debit_failed: next.is_some_and(|p| p.state == InstallmentStatus::DebitFailed),
            status,
        })
    }
}

/// Loads a plan's periods in order.
pub(crate) fn load_periods(conn: &Connection, plan: PlanId) -> StoreResult<Vec<PeriodRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT period, due_on, principal_cents, fee_cents, paid_principal_cents, paid_fee_cents,
                paid_penalty_cents, state, settled_on
         FROM installments WHERE plan_id = ?1 ORDER BY period",
    )?;
    let rows = stmt.query_map([plan], |r| {
        Ok(PeriodRow {
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
    let mut periods: Vec<PeriodRow> = rows.collect::<Result<_, _>>()?;
    for (period, part) in paid_parts(conn, plan, None)? {
        if let Some(row) = periods.iter_mut().find(|p| p.period == period) {
            row.paid_parts.push(part);
        }
    }
    Ok(periods)
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
        let periods = ledger.periods.len() as u32;
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
    columns: SummaryColumns,
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
