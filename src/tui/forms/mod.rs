//! The forms of the TUI: a small framework and one module per form.

pub mod advise;
pub mod card;
pub mod export;
pub mod field;
pub mod input;
pub mod limit;
pub mod payment;
pub mod payoff;
pub mod plan;
pub mod prepay;
pub mod reconcile;
