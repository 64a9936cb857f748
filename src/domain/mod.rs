//! Pure money and calendar rules: no SQL, no UI, no clock.

pub(crate) mod advise;
pub mod allocation;
pub mod apr;
pub(crate) mod bounds;
pub(crate) mod card_digits;
pub(crate) mod code_enum;
pub(crate) mod compare;
pub mod dates;
pub(crate) mod glyphs;
pub(crate) mod interest;
pub(crate) mod ledger;
pub mod money;
pub(crate) mod numtext;
pub mod overdue;
pub(crate) mod overview;
pub mod payoff;
pub mod penalties;
pub mod period_state;
pub mod prepay;
pub mod presets;
pub mod privacy;
pub mod rate;
pub mod schedule;
pub(crate) mod status;
pub mod summary;
pub mod terms;
pub mod terms_input;

pub use dates::{DateTerms, DueRule, Period};
pub use money::Money;
pub use rate::Rate;
pub use terms::{
    FeeModel, FeeTerms, LateFeeCap, LateFeeExtra, LateFees, OverdueTerms, PayoffPolicy,
    PenaltyBase, PenaltyFrom, PlanTerms, Remainder,
};
