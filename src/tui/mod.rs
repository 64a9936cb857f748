//! The terminal interface: panes, forms and overlays over the local database.

pub mod action;
pub mod app;
pub mod forms;
pub mod keymap;
pub mod layout;
pub mod pane_state;
mod pending;
pub mod rows;
pub mod theme;
pub mod widgets;
