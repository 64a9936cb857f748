//! The settings' errors and sources in words, from the i18n catalogue (`i18n::config`).

use super::file::{ConfigError, Place};
use super::keys::{ALARM_DAYS_RANGE, Key, UPCOMING_DAYS_RANGE};
use super::remember::RememberError;
use super::settings::Source;
use crate::files::shown;
use crate::i18n::config::ConfigText;
use crate::i18n::{Lang, fill};

/// Where the error is (the file or the variable) and what is wrong, in `lang`.
pub(crate) fn config_error(lang: Lang, error: &ConfigError) -> (String, String) {
    let text = |key: ConfigText, args: &[&dyn std::fmt::Display]| fill(key.text(lang), args);
    match error {
        ConfigError::Unreadable { file, reason } => {
            (shown(file), text(ConfigText::Unreadable, &[reason]))
        }
        ConfigError::NotText { file } => (shown(file), text(ConfigText::NotText, &[])),
        ConfigError::Syntax { file, line, reason } => {
            (shown(file), text(ConfigText::NotToml, &[line, reason]))
        }
        ConfigError::UnknownKey { file, key } => {
            let keys: Vec<&str> = Key::ALL.iter().map(|key| key.code()).collect();
            let name = crate::text::one_line(key);
            (
                shown(file),
                text(ConfigText::UnknownKey, &[&name, &keys.join(", ")]),
            )
        }
        ConfigError::BadValue { place, key, value } => {
            let place = match place {
                Place::File(file) => shown(file),
                Place::Env(var) => var.to_string(),
            };
            let value = crate::text::one_line(value);
            let message = text(ConfigText::BadValue, &[key, &value, &accepted(lang, *key)]);
            (place, message)
        }
    }
}

/// What `key` accepts, in words.
fn accepted(lang: Lang, key: Key) -> String {
    let days = |range: &std::ops::RangeInclusive<u32>| {
        fill(
            ConfigText::DaysValues.text(lang),
            &[range.start(), range.end()],
        )
    };
    match key {
        Key::Lang => ConfigText::LangValues.text(lang).to_string(),
        Key::Db => ConfigText::DbValues.text(lang).to_string(),
        Key::Theme => ConfigText::ThemeValues.text(lang).to_string(),
        Key::Mouse => ConfigText::MouseValues.text(lang).to_string(),
        Key::UpcomingDays => days(&UPCOMING_DAYS_RANGE),
        Key::AlarmDays => days(&ALARM_DAYS_RANGE),
    }
}

/// Where a setting of `key` came from, in words (`config show`).
pub(crate) fn source(lang: Lang, key: Key, source: Source) -> String {
    match source {
        Source::Flag => fill(ConfigText::FromFlag.text(lang), &[&format!("--{key}")]),
        Source::Env(var) => fill(ConfigText::FromEnv.text(lang), &[&var]),
        Source::File => ConfigText::FromFile.text(lang).to_string(),
        Source::Default if key == Key::Lang => ConfigText::FromLocale.text(lang).to_string(),
        Source::Default => ConfigText::FromDefault.text(lang).to_string(),
        Source::NoColor => ConfigText::FromNoColor.text(lang).to_string(),
    }
}

/// Why the TUI could not write a setting back, in `lang`.
pub(crate) fn not_remembered(lang: Lang, error: &RememberError) -> String {
    match error {
        RememberError::Config(error) => {
            let (place, message) = config_error(lang, error);
            format!("{place}: {message}")
        }
        RememberError::Write(error) => crate::i18n::interop::write_error(lang, error),
    }
}
