//! Reading `config.toml`: every key must be one fenqi knows with a value of the right kind and
//! range, or the file is refused in one error naming the first key that is not (or the line
//! where the TOML breaks). A missing file reads as empty.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Value};

use super::keys::{ALARM_DAYS_RANGE, Key, Theme, UPCOMING_DAYS_RANGE};
use super::paths;
use crate::i18n::Lang;

/// What the config file sets; `None` where it says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSettings {
    pub lang: Option<Lang>,
    pub db: Option<PathBuf>,
    pub theme: Option<Theme>,
    pub mouse: Option<bool>,
    pub upcoming_days: Option<u32>,
    pub alarm_days: Option<u32>,
}

/// The config file of this run: where it is (none without a home directory or
/// `FENQI_CONFIG`), whether it exists, and what it sets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigFile {
    pub path: Option<PathBuf>,
    pub exists: bool,
    pub settings: FileSettings,
}

/// Where a bad value was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    File(PathBuf),
    Env(&'static str),
}

/// Why the settings cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// The file exists but cannot be read (permissions, a directory…).
    Unreadable { file: PathBuf, reason: String },
    /// The file is not UTF-8 text.
    NotText { file: PathBuf },
    /// The file is not TOML: where it breaks and the parser's reason.
    Syntax {
        file: PathBuf,
        line: usize,
        reason: String,
    },
    /// A key fenqi does not know (a misspelling, or a table).
    UnknownKey { file: PathBuf, key: String },
    /// A known key with a value of the wrong kind or out of range, as written.
    BadValue {
        place: Place,
        key: Key,
        value: String,
    },
}

/// Reads this run's config file (see [`paths::config_file`]).
pub(crate) fn load() -> Result<ConfigFile, ConfigError> {
    match paths::config_file() {
        Some(path) => load_from(&path),
        None => Ok(ConfigFile::default()),
    }
}

/// Reads and checks the config file at `path`; a missing one sets nothing.
pub(crate) fn load_from(path: &Path) -> Result<ConfigFile, ConfigError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        // No such file, or none to be seen: a path through something that is not a directory,
        // or a directory this user may not look into (another user's home, as for a service
        // run with HOME unchanged). A file that is there but cannot be read is an error.
        Err(_) if !matches!(path.try_exists(), Ok(true)) => {
            return Ok(ConfigFile {
                path: Some(path.to_path_buf()),
                ..ConfigFile::default()
            });
        }
        Err(error) => {
            return Err(ConfigError::Unreadable {
                file: path.to_path_buf(),
                reason: error.to_string(),
            });
        }
    };
    let text = String::from_utf8(bytes).map_err(|_| ConfigError::NotText {
        file: path.to_path_buf(),
    })?;
    Ok(ConfigFile {
        path: Some(path.to_path_buf()),
        exists: true,
        settings: parse(&text, path)?,
    })
}

/// The config file's text as TOML (`file` names it in errors).
pub(crate) fn document(text: &str, file: &Path) -> Result<DocumentMut, ConfigError> {
    text.parse::<DocumentMut>()
        .map_err(|error| ConfigError::Syntax {
            file: file.to_path_buf(),
            line: error.span().map_or(1, |span| line_of(text, span.start)),
            reason: first_line(error.message()),
        })
}

/// Parses and checks the config file's text (`file` names it in errors and anchors a relative
/// `db`).
pub(crate) fn parse(text: &str, file: &Path) -> Result<FileSettings, ConfigError> {
    let document = document(text, file)?;
    let mut settings = FileSettings::default();
    for (name, item) in document.as_table().iter() {
        let Some(key) = Key::from_code(name) else {
            return Err(ConfigError::UnknownKey {
                file: file.to_path_buf(),
                key: name.to_string(),
            });
        };
        let bad = || ConfigError::BadValue {
            place: Place::File(file.to_path_buf()),
            key,
            value: written(item),
        };
        let value = item.as_value().ok_or_else(bad)?;
        match key {
            Key::Lang => {
                settings.lang = Some(value.as_str().and_then(Lang::parse).ok_or_else(bad)?)
            }
            Key::Db => {
                let text = value.as_str().filter(|t| !t.trim().is_empty());
                settings.db = Some(db_path(text.ok_or_else(bad)?, file));
            }
            Key::Theme => {
                settings.theme = Some(value.as_str().and_then(Theme::from_code).ok_or_else(bad)?)
            }
            Key::Mouse => settings.mouse = Some(value.as_bool().ok_or_else(bad)?),
            Key::UpcomingDays => {
                settings.upcoming_days = Some(days(value, &UPCOMING_DAYS_RANGE).ok_or_else(bad)?)
            }
            Key::AlarmDays => {
                settings.alarm_days = Some(days(value, &ALARM_DAYS_RANGE).ok_or_else(bad)?)
            }
        }
    }
    Ok(settings)
}

/// A whole number of days within `range`.
fn days(value: &Value, range: &std::ops::RangeInclusive<u32>) -> Option<u32> {
    value
        .as_integer()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| range.contains(n))
}

/// The database path the file gives: `~/` is the home directory, and a relative path is taken
/// from the config file's directory (not from wherever fenqi happens to be started).
fn db_path(text: &str, file: &Path) -> PathBuf {
    if let Some(rest) = text.strip_prefix("~/")
        && let Some(home) = paths::home_dir()
    {
        return home.join(rest);
    }
    let path = PathBuf::from(text);
    if path.is_relative() {
        crate::files::directory_of(file).join(path)
    } else {
        path
    }
}

/// A value as the file writes it, on one line (a table as `[…]`).
fn written(item: &Item) -> String {
    match item {
        Item::Value(value) => value.to_string().trim().to_string(),
        _ => "[…]".to_string(),
    }
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

/// The first non-empty line of the parser's message.
fn first_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> PathBuf {
        PathBuf::from("/cfg/fenqi/config.toml")
    }

    #[test]
    fn reads_every_key() {
        let text = "# mine\nlang = \"zh\"\ndb = \"/data/f.db\"\ntheme = \"light\"\nmouse = false\n\
                    upcoming_days = 14\nalarm_days = 0\n";
        let settings = parse(text, &file()).unwrap();
        assert_eq!(
            settings,
            FileSettings {
                lang: Some(Lang::Zh),
                db: Some(PathBuf::from("/data/f.db")),
                theme: Some(Theme::Light),
                mouse: Some(false),
                upcoming_days: Some(14),
                alarm_days: Some(0),
            }
        );
        assert_eq!(parse("", &file()).unwrap(), FileSettings::default());
    }

    #[test]
    fn a_relative_db_is_beside_the_config_file() {
        let settings = parse("db = \"books/f.db\"", &file()).unwrap();
        assert_eq!(settings.db, Some(PathBuf::from("/cfg/fenqi/books/f.db")));
    }

    #[test]
    fn names_the_first_bad_key_or_value() {
        let bad = |text: &str| parse(text, &file()).unwrap_err();
        assert_eq!(
            bad("lang = \"en\"\ncolour = 1\ntheme = 2"),
            ConfigError::UnknownKey {
                file: file(),
                key: "colour".into()
            }
        );
        let value = |key, value: &str| ConfigError::BadValue {
            place: Place::File(file()),
            key,
            value: value.into(),
        };
        assert_eq!(bad("theme = \"blue\""), value(Key::Theme, "\"blue\""));
        assert_eq!(bad("mouse = \"yes\""), value(Key::Mouse, "\"yes\""));
        assert_eq!(bad("lang = \"fr\""), value(Key::Lang, "\"fr\""));
        assert_eq!(bad("db = \"\""), value(Key::Db, "\"\""));
        assert_eq!(
            bad("upcoming_days = 3651"),
            value(Key::UpcomingDays, "3651")
        );
        assert_eq!(bad("upcoming_days = -1"), value(Key::UpcomingDays, "-1"));
        assert_eq!(bad("alarm_days = 366"), value(Key::AlarmDays, "366"));
        assert_eq!(bad("alarm_days = 2.5"), value(Key::AlarmDays, "2.5"));
        assert_eq!(bad("[lang]\nx = 1"), value(Key::Lang, "[…]"));
    }

    #[test]
    fn a_file_not_there_sets_nothing_and_one_there_unread_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = load_from(&dir.path().join("config.toml")).unwrap();
        assert!(!missing.exists);
        assert_eq!(missing.settings, FileSettings::default());
        let plain = dir.path().join("plain");
        std::fs::write(&plain, "").unwrap();
        assert!(!load_from(&plain.join("config.toml")).unwrap().exists);
        // A directory where the file should be: there, and not readable as a file.
        assert!(matches!(
            load_from(dir.path()),
            Err(ConfigError::Unreadable { .. })
        ));
    }

    #[test]
    fn a_broken_file_names_its_line() {
        match parse("lang = \"zh\"\ntheme = dark\n", &file()).unwrap_err() {
            ConfigError::Syntax { line, reason, .. } => {
                assert_eq!(line, 2);
                assert!(!reason.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }
}
