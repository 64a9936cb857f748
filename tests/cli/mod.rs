//! Command-line tests: the built binary on temporary databases, one module per area.

mod autodebit;
mod bad_input;
mod bug_report;
mod cards_notes;
mod compare;
mod config;
mod contract;
mod debug_log;
mod decide;
mod help_i18n;
mod ledger;
mod limits;
mod money;
mod notify;
mod pipe;
mod presets;
mod quote;
mod shell;
mod terms_flags;
mod text;
