//! View models shared by the command line and the TUI: what a screen says, built once, phrased by each.

pub mod plan_detail;
pub mod reconcile;
