//! What every command and the TUI need to know: language, today, where the database is, and
//! the other settings.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::config::Settings;
use crate::i18n::Lang;

/// Language, today, the database file and the settings; resolved once from the command line,
/// the environment and the config file (`cli::Context::from_cli`, the one place it is built).
/// `lang` and `db_path` are `settings.lang` and `settings.db`'s values, at hand for every
/// command.
#[derive(Debug, Clone)]
pub struct Context {
    pub lang: Lang,
    pub today: NaiveDate,
    pub db_path: PathBuf,
    pub settings: Settings,
}

pub(crate) use crate::config::paths::default_db_path;
