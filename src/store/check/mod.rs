//! fenqi's own rules about stored data: values that must read back, and plans, periods and
//! repayments that must add up. `check` reports what breaks them; `import` refuses it.

mod cards_limits;
pub(crate) mod consistency;
mod inconsistency;
mod readable;
mod schema_diff;
mod terms_rules;
mod unreadable;

pub(crate) use cards_limits::card_and_limit_problems;
pub use inconsistency::{DerivedValue, Inconsistency, SchemaProblem};
pub(crate) use readable::{Declared, cell_problem, kind_of};
pub use readable::{ValueKind, ValueProblem, value_text};
pub(crate) use schema_diff::schema_differences;
pub(crate) use unreadable::unreadable_values;
