//! View models shared by the command line and the TUI: what a screen says, built once, phrased by each.

pub(crate) mod plan_detail;
pub(crate) mod reconcile;
