//! The integration tests, one test binary (so the long tests of different areas share both
//! cores instead of running binary after binary): one module per area, each a folder with one
//! module per file, and the helpers they share in `common`. One area:
//! `cargo test --test suite tui::`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation
)]

mod common;

mod cli;
mod domain;
mod interop;
mod reliability;
mod statement;
mod store;
mod tui;
