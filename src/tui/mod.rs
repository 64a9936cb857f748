//! The terminal interface: panes, forms and overlays over the local database.

pub mod action;
pub mod app;
pub(crate) mod draft;
pub mod forms;
pub(crate) mod hints;
pub(crate) mod history_filter;
pub mod keymap;
pub mod layout;
pub(crate) mod overlay;
pub mod overlays;
pub mod palette;
pub(crate) mod pane_columns;
pub(crate) mod pane_state;
pub(crate) mod panes;
pub(crate) mod picker;
pub mod rows;
mod run;
pub(crate) mod theme;
pub mod view;
pub(crate) mod widgets;

pub(crate) use run::run;
