//! What a check finds: one way fenqi's own bookkeeping disagrees with itself.

use chrono::NaiveDate;

use super::readable::ValueProblem;
use crate::domain::bounds::BoundError;
use crate::domain::terms_input::{InputError, TermField};
use crate::store::model::{CardId, PlanId, RepaymentId};

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
    /// A plan's due dates do not follow from its date terms (start date, period length and
    /// due-date rule, from its first due date).
    DueDates(PlanId),
    /// A plan's terms break a rule `plan add` holds them to (a negative rate, a discount over
    /// 100%, fee-free periods repeated or outside the plan…): the field and why.
    Terms {
        plan: PlanId,
        field: TermField,
        error: InputError,
    },
    /// A value fenqi derives from a plan's terms differs from what the terms give.
    Derived { plan: PlanId, value: DerivedValue },
    /// A repayment dated after today (the day `import` or `check` ran as).
    RepaymentAfterToday {
        repayment: RepaymentId,
        paid_on: NaiveDate,
        today: NaiveDate,
    },
    /// A card replaced by itself.
    CardReplacesItself(CardId),
    /// A card whose replacements go round in a circle (or lead into one).
    CardReplacementLoop(CardId),
    /// A provider's credit limit above what `limit set` takes.
    LimitAboveCap { provider: String },
    /// The trigger-kept tallies (row counts, open amounts per day and per month) differ from a
    /// recount.
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
    /// A table, index, trigger or view (`kind`) missing, extra or defined otherwise than in
    /// the schema fenqi makes.
    Schema {
        kind: String,
        name: String,
        problem: SchemaProblem,
    },
}

/// How a schema object differs from fenqi's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SchemaProblem {
    /// fenqi makes it and the file lacks it (a dropped table, index or trigger).
    Missing,
    /// The file has it and fenqi makes no such thing.
    Extra,
    /// Both have it under this name, defined differently.
    Differs,
}

/// A value derived from a plan's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerivedValue {
    Apr,
    Ear,
    TotalFee,
    /// This period's principal or fee (moved off the schedule).
    Period(u32),
    /// The number of periods.
    PeriodCount,
}
