//! The forms of the TUI: a small framework and one module per form.

pub(crate) mod advise;
pub(crate) mod card;
pub(crate) mod export;
pub(crate) mod field;
pub(crate) mod input;
pub(crate) mod limit;
pub(crate) mod payment;
pub(crate) mod payoff;
pub mod plan;
pub(crate) mod prepay;
pub(crate) mod reconcile;
