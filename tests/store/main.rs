//! Store tests: the library's `Store` on temporary databases, one module per area.

mod import_undo;
mod open;
mod plans;
mod tallies;
