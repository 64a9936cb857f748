//! Interop tests: export, import, journals, calendars and maintenance through the built binary,
//! checked by the accounting tools where they are installed (required under CI=true).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation
)]

#[path = "../common/mod.rs"]
mod common;

mod csv_ics;
mod import_props;
mod import_undo;
mod journal;
mod json;
mod maintenance;
mod terms_dump;
