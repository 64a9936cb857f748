//! fenqi's own bookkeeping rules, checked plan by plan in one ordered pass over the plans, their
//! periods and their repayments with allocations: a plan's summary columns follow from its
//! periods, a repayment's allocations add up to it, a period's paid parts to what was
//! allocated to it; its terms are ones `plan add` takes and every value derived from them is
//! worked out again ([`super::terms_rules`]); no repayment is dated after today. `check` runs it
//! over every plan; `import` over the plans it touched.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Rows, Statement};

use super::inconsistency::Inconsistency;
use super::terms_rules::{StoredCost, StoredPeriod, TermsRules};
use crate::domain::{DateTerms, PlanTerms};
use crate::store::StoreResult;
use crate::store::model::{PlanId, RepaymentId};
use crate::store::plan_terms::{terms_columns, terms_from_row};
use crate::store::sql::{SqlDate, SqlPercent};

/// The plans to check, as ranges of ids (both ends included, ascending, apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlanScope(Vec<(i64, i64)>);

impl PlanScope {
    /// Every plan (and every repayment and period, whatever plan they name).
    pub(crate) fn all() -> PlanScope {
        PlanScope(vec![(i64::MIN, i64::MAX)])
    }

    /// Exactly these plans: runs of consecutive ids become one range.
    pub(crate) fn of(mut ids: Vec<i64>) -> PlanScope {
        ids.sort_unstable();
        ids.dedup();
        let mut ranges: Vec<(i64, i64)> = Vec::new();
        for id in ids {
            match ranges.last_mut() {
                Some((_, hi)) if hi.checked_add(1) == Some(id) => *hi = id,
                _ => ranges.push((id, id)),
            }
        }
        PlanScope(ranges)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The plans, repayments and allocations the rows an import inserted touch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Touched {
    /// Plans that gained a row: their own, a period, a repayment, an allocation.
    pub plans: Vec<i64>,
    /// Repayments inserted (their plan is in `plans`).
    pub repayments: Vec<i64>,
    /// Repayments that gained an allocation.
    pub allocated: Vec<i64>,
    /// More was touched than is worth listing: every plan is checked.
    pub everything: bool,
}

/// Ids noted at most (all lists together) before an import checks every plan instead: the
/// lists stay a few megabytes whatever the file holds.
const MOST_NOTED: usize = 300_000;

impl Touched {
    /// Notes a touched plan (rows come in key order: a repeat of the last one is skipped).
    pub(crate) fn plan(&mut self, id: i64) {
        if self.plans.last() != Some(&id) {
            self.plans.push(id);
            self.bound();
        }
    }

    /// Notes an inserted repayment.
    pub(crate) fn repayment(&mut self, id: i64) {
        self.repayments.push(id);
        self.bound();
    }

    /// Notes a repayment that gained an allocation.
    pub(crate) fn allocated(&mut self, id: i64) {
        if self.allocated.last() != Some(&id) {
            self.allocated.push(id);
            self.bound();
        }
    }

    /// Moves everything noted into `all`.
    pub(crate) fn append_to(&mut self, all: &mut Touched) {
        all.plans.append(&mut self.plans);
        all.repayments.append(&mut self.repayments);
        all.allocated.append(&mut self.allocated);
        all.everything |= self.everything;
        all.bound();
    }

    /// Past [`MOST_NOTED`] ids, forgets them and notes that everything is touched.
    fn bound(&mut self) {
        if self.everything
            || self.plans.len() + self.repayments.len() + self.allocated.len() > MOST_NOTED
        {
            *self = Touched {
                everything: true,
                ..Touched::default()
            };
        }
    }
}

/// Where a row inserted into a table says which plan or repayment it touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct TouchColumns {
    /// The row's own (stored) key is a plan id.
    pub plan_key: bool,
    /// The row's own (stored) key is a repayment id.
    pub repayment_key: bool,
    /// A column naming the row's plan.
    pub plan_column: Option<&'static str>,
    /// A column naming the repayment it allocates.
    pub repayment_column: Option<&'static str>,
}

/// How rows of `table` touch plans and repayments (nothing for cards and limits).
pub(crate) fn touch_columns(table: &str) -> TouchColumns {
    let none = TouchColumns::default();
    match table {
        "plans" => TouchColumns {
            plan_key: true,
            ..none
        },
        "installments" => TouchColumns {
            plan_column: Some("plan_id"),
            ..none
        },
        "repayments" => TouchColumns {
            repayment_key: true,
            plan_column: Some("plan_id"),
            ..none
        },
        "allocations" => TouchColumns {
            plan_column: Some("plan_id"),
            repayment_column: Some("repayment_id"),
            ..none
        },
        _ => none,
    }
}

/// The plans to check after an import touched `touched`: its plans, and the plans of the
/// repayments that gained an allocation without being inserted themselves.
pub(crate) fn touched_scope(conn: &Connection, touched: Touched) -> StoreResult<PlanScope> {
    let Touched {
        mut plans,
        mut repayments,
        mut allocated,
        everything,
    } = touched;
    if everything {
        return Ok(PlanScope::all());
    }
    repayments.sort_unstable();
    allocated.sort_unstable();
    allocated.dedup();
    let mut plan_of = conn.prepare("SELECT plan_id FROM repayments WHERE id = ?1")?;
    for id in allocated {
        if repayments.binary_search(&id).is_err()
            && let Some(plan) = plan_of.query_row([id], |r| r.get::<_, i64>(0)).optional()?
        {
            plans.push(plan);
        }
    }
    Ok(PlanScope::of(plans))
}

/// A plan's summary columns, its stored cost, then its terms.
fn plans_sql() -> String {
    format!(
        "SELECT p.id, p.periods, p.principal_cents, p.paid_periods, p.remaining_cents,
            p.remaining_principal_cents, p.next_period, p.status = 'active', p.apr_percent,
            p.ear_percent, p.total_fee_cents, {}
        FROM plans p WHERE p.id BETWEEN ?1 AND ?2 ORDER BY p.id",
        terms_columns()
    )
}

const PERIODS_SQL: &str = "SELECT plan_id, period, principal_cents, fee_cents,
        paid_principal_cents, paid_fee_cents, paid_penalty_cents,
        state = 'paid' OR state = 'waived', state = 'paid', due_on
    FROM installments WHERE plan_id BETWEEN ?1 AND ?2 ORDER BY plan_id, period";

/// Repayments with their allocations, a repayment's rows together (the order of the
/// `repayments_by_plan` index, so no sorting).
const PAYMENTS_SQL: &str = "SELECT r.plan_id, r.id, r.amount_cents, r.failed, a.plan_id, a.period,
        a.principal_cents, a.fee_cents, a.penalty_cents, r.kind = 'payoff', r.paid_on
    FROM repayments r LEFT JOIN allocations a ON a.repayment_id = r.id
    WHERE r.plan_id BETWEEN ?1 AND ?2 ORDER BY r.plan_id, r.paid_on, r.id";

/// A plan's summary columns.
struct PlanRow {
    id: i64,
    periods: i64,
    principal: i64,
    paid_periods: i64,
    remaining: i64,
    remaining_principal: i64,
    next_period: Option<i64>,
    active: bool,
    cost: StoredCost,
    /// `None` when a term cannot be read back (`check`'s other report says which).
    terms: Option<PlanTerms>,
}

/// A period: its parts, what was paid, whether it is settled (paid or waived) or paid.
struct PeriodRow {
    plan: i64,
    period: i64,
    principal: i64,
    fee: i64,
    paid_principal: i64,
    paid_fee: i64,
    paid_penalty: i64,
    settled: bool,
    paid: bool,
    /// `None` when it is not a date (`check`'s other report).
    due_on: Option<NaiveDate>,
}

/// One allocation of a repayment.
struct Allocation {
    plan: i64,
    period: i64,
    principal: i64,
    fee: i64,
    penalty: i64,
}

/// A repayment with one of its allocations (none for a repayment without any).
struct PaymentRow {
    plan: i64,
    id: i64,
    amount: i64,
    failed: i64,
    allocation: Option<Allocation>,
    /// A payoff or partial prepayment.
    early: bool,
    /// `None` when it is not a date (`check`'s other report).
    paid_on: Option<NaiveDate>,
}

trait ByPlan {
    fn plan(&self) -> i64;
    fn read(row: &Row<'_>) -> rusqlite::Result<Self>
    where
        Self: Sized;
}

impl ByPlan for PlanRow {
    fn plan(&self) -> i64 {
        self.id
    }
    fn read(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(PlanRow {
            id: r.get(0)?,
            periods: r.get(1)?,
            principal: r.get(2)?,
            paid_periods: r.get(3)?,
            remaining: r.get(4)?,
            remaining_principal: r.get(5)?,
            next_period: r.get(6)?,
            active: r.get(7)?,
            cost: StoredCost {
                apr: r.get::<_, SqlPercent>(8).ok().map(|p| p.0),
                ear: r.get::<_, SqlPercent>(9).ok().map(|p| p.0),
                total_fee: r.get(10)?,
            },
            terms: terms_from_row(r, 11).ok(),
        })
    }
}

/// A date column that may not hold a date (then `None`).
fn date_or_none(r: &Row<'_>, at: usize) -> Option<NaiveDate> {
    r.get::<_, SqlDate>(at).ok().map(|d| d.0)
}

impl ByPlan for PeriodRow {
    fn plan(&self) -> i64 {
        self.plan
    }
    fn read(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(PeriodRow {
            plan: r.get(0)?,
            period: r.get(1)?,
            principal: r.get(2)?,
            fee: r.get(3)?,
            paid_principal: r.get(4)?,
            paid_fee: r.get(5)?,
            paid_penalty: r.get(6)?,
            settled: r.get(7)?,
            paid: r.get(8)?,
            due_on: date_or_none(r, 9),
        })
    }
}

impl ByPlan for PaymentRow {
    fn plan(&self) -> i64 {
        self.plan
    }
    fn read(r: &Row<'_>) -> rusqlite::Result<Self> {
        let allocation = match r.get::<_, Option<i64>>(5)? {
            None => None,
            Some(period) => Some(Allocation {
                plan: r.get(4)?,
                period,
                principal: r.get(6)?,
                fee: r.get(7)?,
                penalty: r.get(8)?,
            }),
        };
        Ok(PaymentRow {
            plan: r.get(0)?,
            id: r.get(1)?,
            amount: r.get(2)?,
            failed: r.get(3)?,
            allocation,
            early: r.get(9)?,
            paid_on: date_or_none(r, 10),
        })
    }
}

/// Rows ordered by plan, read one plan at a time.
struct Cursor<'s, T> {
    rows: Rows<'s>,
    head: Option<T>,
}

impl<'s, T: ByPlan> Cursor<'s, T> {
    fn new(stmt: &'s mut Statement<'_>, (lo, hi): (i64, i64)) -> StoreResult<Self> {
        let mut cursor = Cursor {
            rows: stmt.query([lo, hi])?,
            head: None,
        };
        cursor.advance()?;
        Ok(cursor)
    }

    fn advance(&mut self) -> StoreResult<()> {
        self.head = match self.rows.next()? {
            Some(row) => Some(T::read(row)?),
            None => None,
        };
        Ok(())
    }

    fn next_plan(&self) -> Option<i64> {
        self.head.as_ref().map(ByPlan::plan)
    }

    /// Moves the rows of `plan` into `into` (emptied first).
    fn take(&mut self, plan: i64, into: &mut Vec<T>) -> StoreResult<()> {
        into.clear();
        while self.next_plan() == Some(plan) {
            if let Some(row) = self.head.take() {
                into.push(row);
            }
            self.advance()?;
        }
        Ok(())
    }
}

/// What one pass found, in `check`'s order: plans, repayments, periods.
#[derive(Default)]
struct Found {
    plans: Vec<Inconsistency>,
    repayments: Vec<i64>,
    /// Repayments dated after `today`.
    late: Vec<Inconsistency>,
    periods: Vec<Inconsistency>,
    rules: TermsRules,
    /// The day the check runs as; `None`: dates are not checked against one.
    today: Option<NaiveDate>,
}

/// Principal, fee and penalty allocated to one period.
type Allocated = (i128, i128, i128);

/// Checks one repayment (its rows together): a failed debit has no allocations; any other
/// repayment's add up to its amount, all to its own plan's periods. Adds what went to
/// `plan`'s periods to `allocated`.
fn check_repayment(
    rows: &[PaymentRow],
    plan: i64,
    allocated: &mut HashMap<i64, Allocated>,
) -> bool {
    let Some(first) = rows.first() else {
        return true;
    };
    let mut total: i128 = 0;
    let mut any = false;
    let mut foreign = false;
    for allocation in rows.iter().filter_map(|r| r.allocation.as_ref()) {
        any = true;
        foreign |= allocation.plan != first.plan;
        total += i128::from(allocation.principal)
            + i128::from(allocation.fee)
            + i128::from(allocation.penalty);
        if allocation.plan == plan {
            let sums = allocated.entry(allocation.period).or_default();
            sums.0 += i128::from(allocation.principal);
            sums.1 += i128::from(allocation.fee);
            sums.2 += i128::from(allocation.penalty);
        }
    }
    match first.failed {
        0 => any && !foreign && total == i128::from(first.amount),
        1 => !any,
        _ => true,
    }
}

/// Checks one plan: its summary against its periods (numbered 1 to n), and each period's paid
/// parts against what its repayments allocated to it.
fn check_plan(
    plan: i64,
    row: Option<&PlanRow>,
    periods: &[PeriodRow],
    payments: &[PaymentRow],
    allocated: &mut HashMap<i64, Allocated>,
    found: &mut Found,
) {
    allocated.clear();
    for repayment in payments.chunk_by(|a, b| a.id == b.id) {
        let first = &repayment[0];
        if !check_repayment(repayment, plan, allocated) {
            found.repayments.push(first.id);
        }
        if let (Some(today), Some(paid_on)) = (found.today, first.paid_on)
            && paid_on > today
        {
            found.late.push(Inconsistency::RepaymentAfterToday {
                repayment: RepaymentId(first.id),
                paid_on,
                today,
            });
        }
    }
    let mut numbered = true;
    let (mut principal, mut settled, mut remaining, mut remaining_principal) =
        (0i128, 0, 0i128, 0i128);
    let mut next_open = None;
    for (index, p) in periods.iter().enumerate() {
        numbered &= i64::try_from(index + 1) == Ok(p.period);
        principal += i128::from(p.principal);
        if p.settled {
            settled += 1;
        } else {
            next_open = next_open.or(Some(p.period));
            remaining += i128::from(p.principal) + i128::from(p.fee)
                - i128::from(p.paid_principal)
                - i128::from(p.paid_fee);
            remaining_principal += i128::from(p.principal) - i128::from(p.paid_principal);
        }
        let (a_principal, a_fee, a_penalty) = allocated.get(&p.period).copied().unwrap_or_default();
        let owed_in_full = i128::from(p.principal) + i128::from(p.fee);
        if a_principal != i128::from(p.paid_principal)
            || a_fee != i128::from(p.paid_fee)
            || a_penalty != i128::from(p.paid_penalty)
            || (p.paid && i128::from(p.paid_principal) + i128::from(p.paid_fee) != owed_in_full)
        {
            found.periods.push(Inconsistency::InstallmentPaid {
                plan: PlanId(plan),
                period: u32::try_from(p.period).unwrap_or(u32::MAX),
            });
        }
    }
    if let Some(row) = row {
        if let Some(terms) = &row.terms {
            let stored: Vec<StoredPeriod> = periods
                .iter()
                .map(|p| StoredPeriod {
                    period: p.period,
                    principal: p.principal,
                    fee: p.fee,
                })
                .collect();
            let early = payments.iter().any(|p| p.early);
            found.rules.check(
                PlanId(plan),
                terms,
                &row.cost,
                &stored,
                early,
                &mut found.plans,
            );
        }
        if let Some(terms) = &row.terms
            && !due_dates_follow(&terms.dates, terms.first_due, periods)
        {
            found.plans.push(Inconsistency::DueDates(PlanId(plan)));
        }
        let agrees = numbered
            && i64::try_from(periods.len()) == Ok(row.periods)
            && principal == i128::from(row.principal)
            && settled == row.paid_periods
            && remaining == i128::from(row.remaining)
            && remaining_principal == i128::from(row.remaining_principal)
            && row.next_period == if row.active { next_open } else { None };
        if !agrees {
            found.plans.push(Inconsistency::PlanSummary(PlanId(plan)));
        }
    }
}

/// Whether the rule of `dates` gives `first_due` and each period's due date (an unreadable one
/// aside).
fn due_dates_follow(dates: &DateTerms, first_due: NaiveDate, periods: &[PeriodRow]) -> bool {
    let count = u32::try_from(periods.len()).unwrap_or(u32::MAX);
    match dates.due_dates(first_due, count) {
        Ok(computed) => periods
            .iter()
            .zip(computed)
            .all(|(p, due)| p.due_on.is_none_or(|on| on == due)),
        Err(_) => false,
    }
}

/// Every way the plans in `scope` (with their periods, repayments and allocations) break
/// fenqi's bookkeeping rules: plans (terms, derived values, summaries), then repayments (their
/// allocations, then those dated after `today`), then periods, each in order.
pub(crate) fn problems(
    conn: &Connection,
    scope: &PlanScope,
    today: Option<NaiveDate>,
) -> StoreResult<Vec<Inconsistency>> {
    let mut plans_stmt = conn.prepare(&plans_sql())?;
    let mut periods_stmt = conn.prepare(PERIODS_SQL)?;
    let mut payments_stmt = conn.prepare(PAYMENTS_SQL)?;
    let mut found = Found {
        today,
        ..Found::default()
    };
    let (mut plan_rows, mut periods, mut payments) = (Vec::new(), Vec::new(), Vec::new());
    let mut allocated = HashMap::new();
    for &range in &scope.0 {
        let mut plan_cursor = Cursor::<PlanRow>::new(&mut plans_stmt, range)?;
        let mut period_cursor = Cursor::<PeriodRow>::new(&mut periods_stmt, range)?;
        let mut payment_cursor = Cursor::<PaymentRow>::new(&mut payments_stmt, range)?;
        while let Some(plan) = [
            plan_cursor.next_plan(),
            period_cursor.next_plan(),
            payment_cursor.next_plan(),
        ]
        .into_iter()
        .flatten()
        .min()
        {
            plan_cursor.take(plan, &mut plan_rows)?;
            period_cursor.take(plan, &mut periods)?;
            payment_cursor.take(plan, &mut payments)?;
            check_plan(
                plan,
                plan_rows.first(),
                &periods,
                &payments,
                &mut allocated,
                &mut found,
            );
        }
    }
    found.repayments.sort_unstable();
    found.repayments.dedup();
    Ok(found
        .plans
        .into_iter()
        .chain(
            found
                .repayments
                .into_iter()
                .map(|id| Inconsistency::RepaymentAllocations(RepaymentId(id))),
        )
        .chain(found.late)
        .chain(found.periods)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scope_is_the_runs_of_the_ids_it_was_given() {
        assert_eq!(
            PlanScope::of(vec![5, 1, 2, 3, 9, 3, 10]).0,
            vec![(1, 3), (5, 5), (9, 10)]
        );
        assert!(PlanScope::of(Vec::new()).is_empty());
        assert_eq!(
            PlanScope::of(vec![i64::MAX, i64::MAX - 1]).0,
            vec![(i64::MAX - 1, i64::MAX)]
        );
    }
}
