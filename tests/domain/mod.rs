//! Domain tests: properties of the pure money, date, schedule and allocation rules.

mod exact;
mod props;
mod providers;
