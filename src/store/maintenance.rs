//! Keeping the file healthy: consistent backups (`VACUUM INTO`) and the integrity check.

use std::path::Path;

use super::consistency::{self, PlanScope};
use super::dump::{ForeignKeyProblem, foreign_key_problems};
use super::model::{PlanId, RepaymentId};
use super::readable::{ValueProblem, unreadable_values};
use super::{Store, StoreError, StoreResult};
use crate::domain::bounds::BoundError;

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
    /// A plan's terms are beyond fenqi's bounds (README "Limits"): its amounts could not all
    /// be computed exactly.
    BeyondBounds { plan: PlanId, bound: BoundError },
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
        consistency.extend(consistency::problems(conn, &PlanScope::all())?);
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
