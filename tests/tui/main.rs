//! TUI tests: keys through the key map into `App` (state, snapshots, hostile forms), and the
//! built binary in a pseudo-terminal or tmux (signals, hang-up, two writers).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation
)]

#[path = "../common/mod.rs"]
mod common;

mod app;
mod daily;
mod decide;
mod form_props;
mod hangup;
mod presets;
mod pty;
mod reconcile;
mod settings;
mod signals;
mod snapshots;
mod two_writers;
