//! Keeping the file healthy: consistent backups (`VACUUM INTO`) and the integrity check.

use std::path::Path;

use super::check::consistency::{self, PlanScope};
use chrono::NaiveDate;

use super::check::{Inconsistency, card_and_limit_problems, schema_differences, unreadable_values};
use super::schema::{ForeignKeyProblem, foreign_key_problems};
use super::{Store, StoreError, StoreResult};

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
    pub(crate) fn backup_into(&self, target: &Path) -> StoreResult<()> {
        let text = target.to_str().ok_or_else(|| {
            StoreError::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the backup path is not valid UTF-8",
            ))
        })?;
        self.conn().execute("VACUUM INTO ?1", [text])?;
        // A copy of its own: the original's -wal must never be taken for one of the copy's.
        super::wal_guard::restamp_copy(target)?;
        Ok(())
    }

    /// [`Store::check_as_of`] without a today: repayment dates are not checked against one.
    pub fn check(&self) -> StoreResult<CheckReport> {
        self.check_as_of(None)
    }

    /// `PRAGMA integrity_check`, the schema against the one fenqi makes, `PRAGMA
    /// foreign_key_check` and fenqi's own consistency rules (as of `today`: a repayment dated
    /// after it is one of them). When the schema differs, a check that cannot run on it (a
    /// table it reads is gone) is left out: the schema lines say why.
    pub(crate) fn check_as_of(&self, today: Option<NaiveDate>) -> StoreResult<CheckReport> {
        let conn = self.conn();
        let integrity: Vec<String> = conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|line| line != "ok")
            .collect();
        let mut consistency = schema_differences(conn)?;
        let schema_differs = !consistency.is_empty();
        consistency.extend(unless_schema_differs(
            schema_differs,
            self.rule_problems(today),
        )?);
        Ok(CheckReport {
            integrity,
            foreign_keys: unless_schema_differs(schema_differs, foreign_key_problems(conn))?,
            consistency,
        })
    }

    /// fenqi's own rules: values it can read back, cards and limits as the commands keep them,
    /// plans that add up, tallies that match.
    fn rule_problems(&self, today: Option<NaiveDate>) -> StoreResult<Vec<Inconsistency>> {
        let conn = self.conn();
        let mut found = unreadable_values(conn)?;
        found.extend(card_and_limit_problems(conn)?);
        found.extend(consistency::problems(conn, &PlanScope::all(), today)?);
        if !self.tallies_match()? {
            found.push(Inconsistency::Tallies);
        }
        Ok(found)
    }
}

/// What a check found, or nothing when it could not run because the schema differs (its
/// error is then the schema's, already reported).
fn unless_schema_differs<T>(differs: bool, found: StoreResult<Vec<T>>) -> StoreResult<Vec<T>> {
    match found {
        Err(_) if differs => Ok(Vec::new()),
        other => other,
    }
}
