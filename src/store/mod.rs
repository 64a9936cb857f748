//! The ledger of record: one local SQLite file, opened safely, and the only place SQL lives.

pub(crate) mod cards;
pub(crate) mod changelog;
pub(crate) mod check;
mod day_memo;
pub(crate) mod due;
pub(crate) mod export_rows;
pub(crate) mod history;
mod inserted;
pub mod interop;
mod json_value;
mod ledger;
pub(crate) mod limits;
pub(crate) mod maintenance;
mod migrations;
pub(crate) mod model;
mod open;
mod open_recount;
pub(crate) mod overview;
pub(crate) mod payments;
pub(crate) mod peek;
mod plan_terms;
pub(crate) mod plans;
pub(crate) mod postings;
pub(crate) mod reconcile;
pub(crate) mod sample_fill;
pub(crate) mod schema;
mod sequences;
pub(crate) mod shown;
mod snapshot;
mod sql;
mod subject;
pub mod tallies;
pub mod tui_queries;
pub(crate) mod wal_guard;
mod watch;
mod window;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::domain::allocation::AllocationError;
use crate::domain::money::Overflow;
use crate::domain::payoff::PayoffError;
use crate::domain::prepay::PrepayError;
use crate::domain::schedule::ScheduleError;
use crate::domain::summary::QuoteError;
/// The `schema_version` of the dumps this fenqi writes.
pub use migrations::DUMPED_TABLES_SCHEMA as DUMP_SCHEMA_VERSION;
/// The schema version this fenqi writes (`PRAGMA user_version`).
pub use migrations::LATEST as SCHEMA_VERSION;
pub use model::*;
pub use subject::{CardRef, ChangeInfo, ChangeSubject, PlanRef};

/// The `application_id` stamped into every fenqi database ("FNQI").
pub const APPLICATION_ID: i32 = 0x464E_5149;

/// How long a write waits for another fenqi process to finish its transaction.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Everything that can go wrong in the store; `is_input()` tells the user's mistakes apart.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} is not a fenqi database")]
    NotFenqi(PathBuf),
    #[error("{path} was written by a newer fenqi (schema {found}, this fenqi knows {supported})")]
    Newer {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{0} is damaged or truncated")]
    Damaged(PathBuf),
    #[error("{0} is a directory, not a database file")]
    NotAFile(PathBuf),
    #[error("{0} was written by an older fenqi and must be upgraded, which needs write access")]
    NeedsUpgrade(PathBuf),
    #[error("another fenqi kept {0} locked while opening it")]
    Locked(PathBuf),
    #[error("{wal} does not belong to the database and cannot be set aside: {source}")]
    WalStuck {
        wal: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open {path}: {source}")]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no plan #{0}")]
    PlanNotFound(PlanId),
    #[error("no card #{0}")]
    CardNotFound(CardId),
    #[error("card #{0} is archived")]
    CardArchived(CardId),
    #[error("a card cannot replace itself")]
    SameCard,
    #[error("card #{0} is in use (by a plan, a repayment or a replaced card)")]
    CardInUse(CardId),
    #[error("no repayment #{0}")]
    RepaymentNotFound(RepaymentId),
    #[error("a later repayment of plan #{0} is recorded: only the newest can be taken back")]
    NotNewestRepayment(PlanId),
    #[error("a later change touched plan #{0}: undo it first")]
    RepaymentNotAlone(PlanId),
    #[error("the plan has repayments, so its terms can no longer change")]
    TermsLocked,
    #[error("the plan is already fully paid")]
    NothingDue,
    #[error("the plan is closed")]
    PlanClosed,
    /// What a form showed changed before it was written (another fenqi, an undo).
    #[error("changed since it was shown: {0:?}")]
    Changed(shown::Changed),
    #[error(transparent)]
    Allocation(AllocationError),
    #[error(transparent)]
    Payoff(PayoffError),
    #[error(transparent)]
    Prepay(PrepayError),
    #[error(transparent)]
    Quote(#[from] QuoteError),
    /// Amounts beyond what fenqi computes exactly (a plan from before the bounds on terms, or
    /// totals over very many huge plans).
    #[error(transparent)]
    Overflow(#[from] Overflow),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("database: {0}")]
    Sqlite(rusqlite::Error),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    #[error("change log: {0}")]
    Json(#[from] serde_json::Error),
}

/// The domain's refusals, except that amounts too large to compute are
/// [`StoreError::Overflow`] whichever rule met them (not the user's input, so exit status 1).
impl From<AllocationError> for StoreError {
    fn from(error: AllocationError) -> Self {
        match error {
            AllocationError::Overflow(overflow) => StoreError::Overflow(overflow),
            other => StoreError::Allocation(other),
        }
    }
}

impl From<PayoffError> for StoreError {
    fn from(error: PayoffError) -> Self {
        match error {
            PayoffError::Overflow(overflow) => StoreError::Overflow(overflow),
            other => StoreError::Payoff(other),
        }
    }
}

impl From<PrepayError> for StoreError {
    fn from(error: PrepayError) -> Self {
        match error {
            PrepayError::Schedule(ScheduleError::Overflow) => StoreError::Overflow(Overflow),
            other => StoreError::Prepay(other),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    /// A database error, or [`StoreError::Overflow`] when a row mapper or a bound amount met
    /// one (see [`overflow_in_row`]).
    fn from(error: rusqlite::Error) -> Self {
        match &error {
            rusqlite::Error::ToSqlConversionFailure(inner)
            | rusqlite::Error::FromSqlConversionFailure(_, _, inner)
                if inner.is::<Overflow>() =>
            {
                StoreError::Overflow(Overflow)
            }
            _ => StoreError::Sqlite(error),
        }
    }
}

/// An [`Overflow`] met while mapping a row, as the row mapper's error; it comes out of the
/// store as [`StoreError::Overflow`].
pub(crate) fn overflow_in_row(overflow: Overflow) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Integer, Box::new(overflow))
}

impl StoreError {
    /// True when the error is the user's input (an unknown id, an overpayment…): exit status 2.
    pub fn is_input(&self) -> bool {
        !matches!(
            self,
            StoreError::Corrupt(_)
                | StoreError::Overflow(_)
                | StoreError::Open { .. }
                | StoreError::Locked(_)
                | StoreError::WalStuck { .. }
                | StoreError::Sqlite(_)
                | StoreError::Io(_)
                | StoreError::Json(_)
        )
    }
}

pub(crate) type StoreResult<T> = Result<T, StoreError>;

/// An open fenqi database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Holds a shared lock on the file while the connection lives (dropped after it).
    _lock: Option<open::DbLock>,
    notices: Vec<OpenNotice>,
    /// What the next write acts on, as a form showed it ([`Store::unless_changed`]).
    expected: Vec<shown::Shown>,
    /// Lists read once a day and kept until the database changes.
    memos: Memos,
}

/// What a store keeps until the day or the database changes (see `day_memo`): the periods
/// past due ([`Store::past_due_items`]), which the TUI's first frame reads twice, and the
/// tallies' sums before today ([`Store::due_before`]), which a reload reads three times.
#[derive(Debug, Default)]
struct Memos {
    past_due: day_memo::DayMemo<Vec<DueItem>>,
    due_before: day_memo::DayMemo<tallies::DueBefore>,
}

/// Something opening the database did that the user should hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::enum_variant_names,
    reason = "every notice so far is about a -wal file; the names say which"
)]
pub(crate) enum OpenNotice {
    /// A `-wal` that did not belong to the database was renamed to `kept`, not merged.
    WalSetAside {
        db: PathBuf,
        wal: PathBuf,
        kept: PathBuf,
    },
    /// On a read-only medium, a `-wal` beside the database could not be read with it.
    WalUnread { wal: PathBuf },
    /// On a read-only medium, a `-wal` that did not belong could not be set aside: ignored.
    WalIgnored { db: PathBuf, wal: PathBuf },
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// The file this store reads and writes.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` in one `BEGIN IMMEDIATE` transaction, committing only if it succeeds; first,
    /// inside it, refuses if what a form showed ([`Store::unless_changed`]) changed.
    pub(crate) fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let expected = std::mem::take(&mut self.expected);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        shown::refuse_if_changed(&tx, &expected)?;
        let value = work(&tx)?;
        wal_guard::stamp(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// What opening the database did that the user should hear about (a `-wal` set aside).
    pub(crate) fn notices(&self) -> &[OpenNotice] {
        &self.notices
    }

    /// The connection, for reads.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}
