//! What every command and the TUI need to know: language, today, and where the database is.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::i18n::Lang;

/// Language, today, and the database file; resolved once from the command line and the
/// environment (`cli::Context::from_cli`, the one place it is built).
#[derive(Debug, Clone)]
pub struct Context {
    pub lang: Lang,
    pub today: NaiveDate,
    pub db_path: PathBuf,
}

/// `fenqi.db` in the platform's data directory (e.g. `~/.local/share/fenqi/fenqi.db`).
pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "fenqi")
        .map(|dirs| dirs.data_dir().join("fenqi.db"))
        .unwrap_or_else(|| PathBuf::from("fenqi.db"))
}
