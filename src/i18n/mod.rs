//! Every user-facing string in Chinese and English, and the choice of language.

pub(crate) mod autodebit;
pub(crate) mod bug_report;
pub(crate) mod cli;
pub(crate) mod compare;
pub(crate) mod config;
pub(crate) mod count;
pub(crate) mod decide;
pub(crate) mod errors;
pub(crate) mod help;
pub mod interop;
pub(crate) mod notify;
pub(crate) mod policy;
pub(crate) mod presets;
pub(crate) mod reconcile;
pub(crate) mod rules;
pub mod statement;
pub mod store;
pub(crate) mod terms;
pub(crate) mod tui;
pub(crate) mod usage;

use std::fmt::Display;

/// The language fenqi speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    Zh,
    #[default]
    En,
}

impl Lang {
    /// Parses `zh` / `en` (also `zh-CN`, `zh_CN.UTF-8`, `en_US`…).
    pub(crate) fn parse(code: &str) -> Option<Lang> {
        let lower = code.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Lang::Zh)
        } else if lower.starts_with("en") || lower == "c" || lower == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language named by `LC_ALL`, `LC_MESSAGES` or `LANG`, English when none says.
    pub(crate) fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|value| !value.is_empty())
            .and_then(|value| Lang::parse(&value))
            .unwrap_or_default()
    }

    /// The other language (the TUI's `L` key).
    pub(crate) fn toggled(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// Fills `{0}`, `{1}`, … in a translated template with the given values.
pub(crate) fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = template.to_string();
    for (index, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{index}}}"), &arg.to_string());
    }
    out
}

/// The singular message for a count of one, else the plural one (Chinese says both alike).
pub(crate) fn one_or_many<T>(count: u64, one: T, many: T) -> T {
    if count == 1 { one } else { many }
}

/// Declares a message catalogue: an enum whose `text(lang)` gives the English or Chinese string.
#[macro_export]
macro_rules! messages {
    ($(#[$meta:meta])* $name:ident { $($key:ident => ($en:expr, $zh:expr)),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($key),* }

        impl $name {
            /// Every message of this catalogue.
            #[allow(dead_code, reason = "read by each catalogue's translation test")]
            pub const ALL: &'static [$name] = &[$($name::$key),*];

            /// The message in the given language.
            pub fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                match (self, lang) {
                    $(
                        ($name::$key, $crate::i18n::Lang::En) => $en,
                        ($name::$key, $crate::i18n::Lang::Zh) => $zh,
                    )*
                }
            }
        }
    };
}

/// Test helper: a catalogue entry has both languages, really translated, with the same `{N}`
/// placeholders.
#[cfg(test)]
pub(crate) fn assert_translated(entry: &dyn std::fmt::Debug, en: &str, zh: &str) {
    assert!(!en.is_empty() && !zh.is_empty(), "{entry:?} is empty");
    assert_ne!(en, zh, "{entry:?} is not translated");
    for n in 0..6 {
        let mark = format!("{{{n}}}");
        assert_eq!(en.contains(&mark), zh.contains(&mark), "{entry:?} {mark}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_locale_names() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("C"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill("{0} of {1}", &[&5, &"12"]), "5 of 12");
    }
}
