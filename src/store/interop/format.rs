//! The JSON dump's layout and the markers that name it.
//!
//! Layout (one row per line, tables by name, rows by primary key, values as stored):
//! `{"format":"fenqi","version":1,"schema_version":N,"tables":{"cards":{"columns":[…],"rows":[[…],…]},…}}`

/// The `format` field of every dump.
pub const DUMP_FORMAT: &str = "fenqi";
/// The layout version of the dump (not the schema's).
pub const DUMP_VERSION: i64 = 1;
