//! The forms of the TUI: a small framework and one module per form.

pub mod card;
pub mod field;
pub mod input;
pub mod payment;
pub mod payoff;
pub mod plan;
pub mod preset_fill;
