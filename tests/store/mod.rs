//! Store tests: the library's `Store` on temporary databases, and the one-way imports of the
//! whole crate (`layers`); one module per area.

mod change_log;
mod import_undo;
mod layers;
mod open;
mod plans;
mod tallies;
