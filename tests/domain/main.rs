//! Domain tests: properties of the pure money, date, schedule and allocation rules.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation
)]

#[path = "../common/mod.rs"]
mod common;

mod exact;
mod props;
mod providers;
