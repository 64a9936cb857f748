//! Keeping the file healthy: consistent backups (`VACUUM INTO`) and the integrity check.

use std::path::Path;

use rusqlite::Connection;

use super::dump::{ForeignKeyProblem, foreign_key_problems};
use super::model::{PlanId, RepaymentId};
use super::readable::{ValueProblem, unreadable_values};
use super::{Store, StoreError, StoreResult};

/// One way fenqi's own bookkeeping disagrees with itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inconsistency {
    /// A plan's summary columns (paid periods, remaining, next period) disagree with its
    /// installments, or its installments do not add up to its principal and period count.
    PlanSummary(PlanId),
    /// A repayment's allocations do not add up to its amount (or a failed debit has some).
    RepaymentAllocations(RepaymentId),
    /// An installment's paid parts differ from the allocations made to it, or it is marked
    /// paid while money is still owed.
    InstallmentPaid { plan: PlanId, period: u32 },
    /// The trigger-kept tallies (row counts, open amounts per day) differ from a recount.
    Tallies,
    /// A value fenqi cannot read back (an impossible date, an unknown code) or free text with
    /// a control character, in the row of `table` with primary key `key` ("3/2").
    Unreadable {
        table: String,
        key: String,
        column: String,
        /// The value as shown in a message.
        value: String,
        problem: ValueProblem,
    },
}

/// What `check` found; empty lists mean healthy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// `PRAGMA integrity_check` messages other than "ok".
    pub integrity: Vec<String>,
    pub foreign_keys: Vec<ForeignKeyProblem>,
    pub consistency: Vec<Inconsistency>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty() && self.foreign_keys.is_empty() && self.consistency.is_empty()
    }
}

/// Plans whose summary columns do not follow from their installments.
const PLAN_SUMMARY_CHECK: &str = "
    SELECT p.id FROM plans p LEFT JOIN (
        SELECT plan_id, count(*) AS n, sum(principal_cents) AS principal,
               sum(state IN ('paid', 'waived')) AS settled,
               sum(CASE WHEN state IN ('paid', 'waived') THEN 0
                        ELSE principal_cents + fee_cents - paid_principal_cents - paid_fee_cents
                   END) AS remaining,
               sum(CASE WHEN state IN ('paid', 'waived') THEN 0
                        ELSE principal_cents - paid_principal_cents END) AS remaining_principal,
               min(CASE WHEN state IN ('paid', 'waived') THEN NULL ELSE period END) AS next_period
        FROM installments GROUP BY plan_id
    ) i ON i.plan_id = p.id
    WHERE i.n IS NOT p.periods
       OR i.principal IS NOT p.principal_cents
       OR i.settled IS NOT p.paid_periods
       OR i.remaining IS NOT p.remaining_cents
       OR i.remaining_principal IS NOT p.remaining_principal_cents
       OR (p.status = 'active' AND i.next_period IS NOT p.next_period)
       OR (p.status <> 'active' AND p.next_period IS NOT NULL)
    ORDER BY p.id";

/// Repayments whose allocations do not add up to them.
const REPAYMENT_CHECK: &str = "
    SELECT r.id FROM repayments r LEFT JOIN (
        SELECT repayment_id, sum(penalty_cents + fee_cents + principal_cents) AS total,
               sum(plan_id <> (SELECT plan_id FROM repayments WHERE id = repayment_id)) AS foreign_plan
        FROM allocations GROUP BY repayment_id
    ) a ON a.repayment_id = r.id
    WHERE (r.failed = 0 AND (a.total IS NOT r.amount_cents OR a.foreign_plan <> 0))
       OR (r.failed = 1 AND a.total IS NOT NULL)
    ORDER BY r.id";

/// Installments whose paid parts differ from what was allocated to them.
const INSTALLMENT_CHECK: &str = "
    SELECT i.plan_id, i.period FROM installments i LEFT JOIN (
        SELECT plan_id, period, sum(principal_cents) AS principal, sum(fee_cents) AS fee,
               sum(penalty_cents) AS penalty
        FROM allocations GROUP BY plan_id, period
    ) a ON a.plan_id = i.plan_id AND a.period = i.period
    WHERE coalesce(a.principal, 0) <> i.paid_principal_cents
       OR coalesce(a.fee, 0) <> i.paid_fee_cents
       OR coalesce(a.penalty, 0) <> i.paid_penalty_cents
       OR (i.state = 'paid' AND i.paid_principal_cents + i.paid_fee_cents
                                <> i.principal_cents + i.fee_cents)
    ORDER BY i.plan_id, i.period";

/// fenqi's own rules: summaries, allocations and paid parts agree.
fn consistency_problems(conn: &Connection) -> StoreResult<Vec<Inconsistency>> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare(PLAN_SUMMARY_CHECK)?;
    for id in stmt.query_map([], |r| r.get::<_, PlanId>(0))? {
        problems.push(Inconsistency::PlanSummary(id?));
    }
    let mut stmt = conn.prepare(REPAYMENT_CHECK)?;
    for id in stmt.query_map([], |r| r.get::<_, RepaymentId>(0))? {
        problems.push(Inconsistency::RepaymentAllocations(id?));
    }
    let mut stmt = conn.prepare(INSTALLMENT_CHECK)?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, PlanId>(0)?, r.get::<_, u32>(1)?)))? {
        let (plan, period) = row?;
        problems.push(Inconsistency::InstallmentPaid { plan, period });
    }
    Ok(problems)
}

impl Store {
    /// Writes a consistent copy of the whole database into `target`, which must not exist or be
    /// empty (SQLite's `VACUUM INTO`). Callers create it 0600 and rename it into place.
    pub fn backup_into(&self, target: &Path) -> StoreResult<()> {
        let text = target.to_str().ok_or_else(|| {
            StoreError::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the backup path is not valid UTF-8",
            ))
        })?;
        self.conn().execute("VACUUM INTO ?1", [text])?;
        Ok(())
    }

    /// `PRAGMA integrity_check`, `PRAGMA foreign_key_check` and fenqi's own consistency rules.
    pub fn check(&self) -> StoreResult<CheckReport> {
        let conn = self.conn();
        let integrity: Vec<String> = conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|line| line != "ok")
            .collect();
        let mut consistency = unreadable_values(conn)?;
        consistency.extend(consistency_problems(conn)?);
        if !self.tallies_match()? {
            consistency.push(Inconsistency::Tallies);
        }
        Ok(CheckReport {
            integrity,
            foreign_keys: foreign_key_problems(conn)?,
            consistency,
        })
    }
}
