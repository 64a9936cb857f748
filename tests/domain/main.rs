//! Domain tests: properties of the pure money, date, schedule and allocation rules.

#[path = "../common/mod.rs"]
mod common;

mod exact;
mod props;
mod providers;
