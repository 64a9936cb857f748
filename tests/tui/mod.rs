//! TUI tests: keys through the key map into `App` (state, snapshots, hostile forms), and the
//! built binary in a pseudo-terminal or tmux (signals, hang-up, two writers).

mod app;
mod daily;
mod decide;
mod form_props;
mod hangup;
mod past_due;
mod presets;
mod pty;
mod reconcile;
mod settings;
mod signals;
mod snapshots;
mod two_writers;
