//! The JSON dump's layout and the markers that name it.
//!
//! Layout (one row per line, tables by name, rows by primary key, values as stored):
//! `{"format":"fenqi","version":1,"schema_version":N,"sequences":{"plans":N,…},"tables":{"cards":{"columns":[…],"rows":[[…],…]},…}}`
//!
//! `sequences` (from schema 4 on) holds the highest id each of cards, plans and repayments has
//! ever given out, so that a database restored from the dump never gives a deleted row's id to
//! a new one; a dump without it is read as before.

/// The `format` field of every dump.
pub(crate) const DUMP_FORMAT: &str = "fenqi";
/// The layout version of the dump (not the schema's).
pub(crate) const DUMP_VERSION: i64 = 1;
