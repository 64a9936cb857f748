//! The terminal interface: panes, forms and overlays over the local database.

pub mod action;
pub mod forms;
pub mod keymap;
pub mod theme;
pub mod widgets;
