//! The settings' names, the environment variables that set them, their ranges and defaults.

use std::ops::RangeInclusive;

use crate::domain::code_enum::code_enum;

code_enum!(
    /// A setting of the config file, named as the file names it.
    Key {
        Lang => "lang",
        Db => "db",
        Theme => "theme",
        Mouse => "mouse",
        UpcomingDays => "upcoming_days",
        AlarmDays => "alarm_days",
    }
);

impl Key {
    /// The environment variable that sets it over the file.
    pub(crate) fn env_var(self) -> &'static str {
        match self {
            Key::Lang => "FENQI_LANG",
            Key::Db => "FENQI_DB",
            Key::Theme => "FENQI_THEME",
            Key::Mouse => "FENQI_MOUSE",
            Key::UpcomingDays => "FENQI_UPCOMING_DAYS",
            Key::AlarmDays => "FENQI_ALARM_DAYS",
        }
    }
}

code_enum!(
    /// How the TUI colours what it draws.
    Theme {
        Dark => "dark",
        Light => "light",
        Mono => "mono",
    }
);

/// How far ahead `due` and the TUI's Upcoming pane look when nothing says otherwise.
pub(crate) const DEFAULT_UPCOMING_DAYS: u32 = 30;

/// The look-ahead windows accepted (`due --days`, `upcoming_days`).
pub(crate) const UPCOMING_DAYS_RANGE: RangeInclusive<u32> = 0..=3650;

/// The calendar reminder days accepted (`export --alarm-days`, `alarm_days`, the TUI's export
/// form).
pub(crate) const ALARM_DAYS_RANGE: RangeInclusive<u32> = 0..=365;

/// The name of the variable that turns colour off (no-color.org): the theme's default is then
/// `mono`. The config file and `FENQI_THEME` still choose another, as no-color.org asks.
pub(crate) const NO_COLOR: &str = "NO_COLOR";

/// True when `NO_COLOR` is set and not empty.
pub(crate) fn no_color() -> bool {
    std::env::var_os(NO_COLOR).is_some_and(|value| !value.is_empty())
}
