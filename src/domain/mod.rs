//! Pure money and calendar rules: no SQL, no UI, no clock.

pub mod advise;
pub mod allocation;
pub mod apr;
pub mod bounds;
pub mod card_digits;
pub(crate) mod code_enum;
pub mod compare;
pub mod dates;
pub mod glyphs;
pub mod interest;
pub mod ledger;
pub mod money;
pub mod numtext;
pub mod overdue;
pub mod overview;
pub mod payoff;
pub mod penalties;
pub mod period_state;
pub mod prepay;
pub mod presets;
pub mod privacy;
pub mod rate;
pub mod schedule;
pub mod status;
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
