//! The terminal interface: panes, forms and overlays over the local database.

pub mod action;
pub mod app;
pub mod draft;
pub mod forms;
pub mod hints;
pub mod history_filter;
pub mod keymap;
pub mod layout;
pub mod overlay;
pub mod overlays;
pub mod palette;
pub mod pane_columns;
pub mod pane_state;
pub mod panes;
pub mod picker;
pub mod rows;
mod run;
pub mod theme;
pub mod view;
pub mod widgets;

pub use run::{TuiOptions, run, run_with};
