//! The settings in effect: each from the first place that gives it — a flag, its environment
//! variable, the config file — else its default.

use std::path::PathBuf;

use super::file::{ConfigError, ConfigFile, Place};
use super::keys::{
    ALARM_DAYS_RANGE, DEFAULT_UPCOMING_DAYS, Key, Theme, UPCOMING_DAYS_RANGE, no_color,
};
use super::paths::default_db_path;
use crate::domain::terms_input::parse_count;
use crate::export::document::DEFAULT_ALARM_DAYS;
use crate::i18n::Lang;

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag (`--lang`, `--db`).
    Flag,
    /// Its environment variable (`FENQI_…`).
    Env(&'static str),
    /// The config file.
    File,
    /// fenqi's default (for `lang`, the locale's language).
    Default,
    /// The default under `NO_COLOR` (the `mono` theme).
    NoColor,
}

impl Source {
    /// The stable code of `config show --json`.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Source::Flag => "flag",
            Source::Env(_) => "env",
            Source::File => "file",
            Source::Default | Source::NoColor => "default",
        }
    }
}

/// A setting's value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Given<T> {
    pub(crate) fn new(value: T, source: Source) -> Given<T> {
        Given { value, source }
    }
}

/// Every setting of this run, and the config file it read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub file: ConfigFile,
    pub lang: Given<Lang>,
    pub db: Given<PathBuf>,
    pub theme: Given<Theme>,
    pub mouse: Given<bool>,
    pub upcoming_days: Given<u32>,
    pub alarm_days: Given<u32>,
}

/// What the command line gave for the settings it has flags for. clap reads `--lang` and
/// `--db` and their variables alike, so the source (flag or variable) comes with each.
#[derive(Debug, Clone, Default)]
pub(crate) struct CommandLine {
    pub lang: Option<Given<Lang>>,
    pub db: Option<Given<PathBuf>>,
}

impl Settings {
    /// The settings from `command_line`, the environment, `file` and the defaults, in that
    /// order. A bad value in a `FENQI_…` variable is an error naming the variable.
    pub(crate) fn resolve(
        command_line: CommandLine,
        file: ConfigFile,
    ) -> Result<Settings, ConfigError> {
        let chosen = &file.settings;
        let lang = command_line
            .lang
            .or_else(|| chosen.lang.map(|lang| Given::new(lang, Source::File)))
            .unwrap_or_else(|| Given::new(Lang::from_env(), Source::Default));
        let db = command_line
            .db
            .or_else(|| chosen.db.clone().map(|db| Given::new(db, Source::File)))
            .unwrap_or_else(|| Given::new(default_db_path(), Source::Default));
        let default_theme = if no_color() {
            Given::new(Theme::Mono, Source::NoColor)
        } else {
            Given::new(Theme::Dark, Source::Default)
        };
        Ok(Settings {
            lang,
            db,
            theme: pick(Key::Theme, Theme::from_code, chosen.theme, default_theme)?,
            mouse: pick(
                Key::Mouse,
                parse_bool,
                chosen.mouse,
                Given::new(true, Source::Default),
            )?,
            upcoming_days: pick(
                Key::UpcomingDays,
                |text| parse_count(text, UPCOMING_DAYS_RANGE).ok(),
                chosen.upcoming_days,
                Given::new(DEFAULT_UPCOMING_DAYS, Source::Default),
            )?,
            alarm_days: pick(
                Key::AlarmDays,
                |text| parse_count(text, ALARM_DAYS_RANGE).ok(),
                chosen.alarm_days,
                Given::new(DEFAULT_ALARM_DAYS, Source::Default),
            )?,
            file,
        })
    }
}

/// `key`'s variable when set (and not empty), else the file's value, else `default`.
fn pick<T>(
    key: Key,
    parse: impl Fn(&str) -> Option<T>,
    from_file: Option<T>,
    default: Given<T>,
) -> Result<Given<T>, ConfigError> {
    let var = key.env_var();
    let text = match std::env::var_os(var) {
        Some(text) if !text.is_empty() => text.to_string_lossy().into_owned(),
        _ => return Ok(from_file.map_or(default, |value| Given::new(value, Source::File))),
    };
    parse(text.trim())
        .map(|value| Given::new(value, Source::Env(var)))
        .ok_or(ConfigError::BadValue {
            place: Place::Env(var),
            key,
            value: format!("{text:?}"),
        })
}

/// `true` or `false`, as TOML writes them.
fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}
