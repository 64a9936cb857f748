//! Interop tests: export, import, journals, calendars and maintenance through the built binary,
//! checked by the accounting tools where they are installed (required under CI=true).

mod csv_ics;
mod import_props;
mod import_undo;
mod journal;
mod json;
mod maintenance;
mod terms_dump;
