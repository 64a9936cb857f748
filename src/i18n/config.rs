//! Texts of the settings: errors in the config file or a `FENQI_…` variable, `config show`,
//! and the TUI's note when a setting cannot be written back.

use crate::config::keys::{ALARM_DAYS_RANGE, UPCOMING_DAYS_RANGE};
use crate::config::remember::RememberError;
use crate::config::{ConfigError, Key, Place, Source};
use crate::files::shown;
use crate::i18n::{Lang, fill};

crate::messages! {
    /// Settings messages.
    ConfigText {
        UnknownKey => ("unknown key \"{0}\": use {1}", "未知的设置项 \"{0}\"：可用的有 {1}"),
        BadValue => ("{0}: {1} is not {2}", "{0}：{1} 无效，应为 {2}"),
        NotToml => ("line {0} is not valid TOML: {1}", "第 {0} 行不是有效的 TOML：{1}"),
        NotText => ("not UTF-8 text", "不是 UTF-8 文本"),
        Unreadable => ("cannot read it: {0}", "无法读取：{0}"),
        LangValues => ("zh or en", "zh 或 en"),
        DbValues => ("a file path", "文件路径"),
        ThemeValues => ("dark, light or mono", "dark、light 或 mono"),
        MouseValues => ("true or false", "true 或 false"),
        DaysValues => ("a whole number from {0} to {1}", "{0} 到 {1} 之间的整数"),
        NoConfigFile => ("no config file: the home directory is unknown (set FENQI_CONFIG to a file)", "没有配置文件：无法确定主目录（请把 FENQI_CONFIG 设为一个文件）"),
        FileLine => ("Config file: {0}", "配置文件：{0}"),
        FileMissing => ("{0} (not there: the defaults apply)", "{0}（不存在：使用默认值）"),
        ColSetting => ("Setting", "设置项"),
        ColValue => ("Value", "值"),
        ColFrom => ("From", "来源"),
        FromFlag => ("flag {0}", "命令行参数 {0}"),
        FromEnv => ("environment {0}", "环境变量 {0}"),
        FromFile => ("config file", "配置文件"),
        FromDefault => ("default", "默认"),
        FromLocale => ("default (the locale: LC_ALL, LC_MESSAGES, LANG)", "默认（系统语言环境：LC_ALL、LC_MESSAGES、LANG）"),
        FromNoColor => ("default (NO_COLOR is set)", "默认（已设置 NO_COLOR）"),
    }
}

/// Where the error is (the file or the variable) and what is wrong, in `lang`.
pub fn config_error(lang: Lang, error: &ConfigError) -> (String, String) {
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
pub fn source(lang: Lang, key: Key, source: Source) -> String {
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
pub fn not_remembered(lang: Lang, error: &RememberError) -> String {
    match error {
        RememberError::Config(error) => {
            let (place, message) = config_error(lang, error);
            format!("{place}: {message}")
        }
        RememberError::Write(error) => crate::i18n::interop::write_error(lang, error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_translated() {
        for entry in ConfigText::ALL {
            crate::i18n::assert_translated(entry, entry.text(Lang::En), entry.text(Lang::Zh));
        }
    }
}
