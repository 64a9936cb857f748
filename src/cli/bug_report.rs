//! `fenqi --bug-report`: versions, paths, the database's schema version and terminal facts for
//! an issue report — and no plan data (the database is only opened read-only for its version).

use std::io::IsTerminal;
use std::path::Path;

use super::Context;
use super::notify::install::on_path;
use crate::debug_log;
use crate::domain::privacy::mask_card_numbers;
use crate::files;
use crate::i18n::bug_report::BugReportText as T;
use crate::i18n::store::store_error;
use crate::i18n::{Lang, fill};
use crate::store::peek::{SchemaSeen, schema_seen};
use crate::text::one_line;

/// The variables that decide fenqi's language, colours and desktop notifications.
const LANGUAGE_VARS: [&str; 4] = ["FENQI_LANG", "LANG", "LC_ALL", "LC_MESSAGES"];
const TERMINAL_VARS: [&str; 6] = [
    "TERM",
    "COLORTERM",
    "TERM_PROGRAM",
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
];
const DESKTOP_VARS: [&str; 5] = [
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_TYPE",
    "WAYLAND_DISPLAY",
    "DISPLAY",
    "DBUS_SESSION_BUS_ADDRESS",
];

/// Prints the report. `debug` is `--debug` (whether the log would be on).
pub(crate) fn run(ctx: &Context, debug: bool) {
    print!("{}", report(ctx, debug));
}

/// The report's text: one `label  value` line per fact, card numbers masked.
pub(crate) fn report(ctx: &Context, debug: bool) -> String {
    let lang = ctx.lang;
    let unknown = || T::Unknown.text(lang).to_string();
    let rustc = Some(env!("FENQI_RUSTC_VERSION")).filter(|v| !v.is_empty());
    let target = Some(env!("FENQI_TARGET")).filter(|v| !v.is_empty());
    let data_dir = directories::ProjectDirs::from("", "", "fenqi")
        .map(|dirs| files::shown(dirs.data_dir()))
        .unwrap_or_else(unknown);
    let config = match &ctx.settings.file.path {
        Some(path) => path_state(lang, path, ctx.settings.file.exists),
        None => unknown(),
    };
    let log_path = files::shown(&debug_log::log_path(&ctx.db_path));
    let log = match debug_log::requested_level(debug) {
        Ok(Some(level)) => fill(T::LogOn.text(lang), &[&level]),
        _ => T::LogOff.text(lang).to_string(),
    };
    let facts = [
        (T::Fenqi, env!("CARGO_PKG_VERSION").to_string()),
        (T::Rustc, rustc.map(str::to_string).unwrap_or_else(unknown)),
        (
            T::Target,
            target.map(str::to_string).unwrap_or_else(unknown),
        ),
        (T::Sqlite, rusqlite::version().to_string()),
        (T::Os, os(lang)),
        (
            T::Database,
            path_state(lang, &ctx.db_path, ctx.db_path.exists()),
        ),
        (T::Schema, schema(lang, &ctx.db_path)),
        (T::Config, config),
        (T::DataDir, data_dir),
        (T::Log, format!("{log_path} · {log}")),
        (
            T::Language,
            format!("{} · {}", lang.code(), variables(lang, &LANGUAGE_VARS)),
        ),
        (
            T::Terminal,
            format!("{} · {}", variables(lang, &TERMINAL_VARS), terminal(lang)),
        ),
        (
            T::Desktop,
            format!(
                "{} · {}",
                variables(lang, &DESKTOP_VARS),
                if on_path("systemctl") {
                    T::Systemctl.text(lang)
                } else {
                    T::NoSystemctl.text(lang)
                }
            ),
        ),
    ];
    let width = facts
        .iter()
        .map(|(label, _)| unicode_width::UnicodeWidthStr::width(label.text(lang)))
        .max()
        .unwrap_or(0);
    let mut out = format!("{}\n", T::Heading.text(lang));
    for (label, value) in facts {
        let label = label.text(lang);
        let pad = width - unicode_width::UnicodeWidthStr::width(label);
        out.push_str(&format!(
            "{label}{}  {}\n",
            " ".repeat(pad),
            one_line(&value)
        ));
    }
    mask_card_numbers(&out).into_owned()
}

/// A path and whether a file is there.
fn path_state(lang: Lang, path: &Path, exists: bool) -> String {
    let state = if exists { T::Exists } else { T::Absent };
    fill(
        T::PathState.text(lang),
        &[&files::shown(path), &state.text(lang)],
    )
}

/// The database's schema version, read without writing anything.
fn schema(lang: Lang, db: &Path) -> String {
    match schema_seen(db) {
        SchemaSeen::Missing => T::NoDatabase.text(lang).to_string(),
        SchemaSeen::NotFenqi => T::NotFenqi.text(lang).to_string(),
        SchemaSeen::Fenqi(version) => fill(
            T::SchemaVersion.text(lang),
            &[&version, &crate::store::SCHEMA_VERSION],
        ),
        SchemaSeen::Unreadable(error) => {
            fill(T::Unreadable.text(lang), &[&store_error(lang, &error)])
        }
    }
}

/// `NAME=value` for each variable set, `NAME unset` for the others.
fn variables(lang: Lang, names: &[&str]) -> String {
    names
        .iter()
        .map(|name| match std::env::var_os(name) {
            Some(value) => format!("{name}={}", value.to_string_lossy()),
            None => format!("{name} {}", T::Unset.text(lang)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether stdout is a terminal, and its size.
fn terminal(lang: Lang) -> String {
    if !std::io::stdout().is_terminal() {
        return T::NotTty.text(lang).to_string();
    }
    match crossterm::terminal::size() {
        Ok((columns, rows)) => fill(T::Tty.text(lang), &[&columns, &rows]),
        Err(_) => T::Unknown.text(lang).to_string(),
    }
}

/// The operating system: its kind and architecture, its name from `/etc/os-release` and the
/// kernel's release, where known.
fn os(lang: Lang) -> String {
    let name = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|line| line.strip_prefix("PRETTY_NAME="))
                .map(|value| value.trim_matches('"').to_string())
        })
        .unwrap_or_else(|| T::Unknown.text(lang).to_string());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|text| text.trim().to_string())
        .unwrap_or_else(|_| T::Unknown.text(lang).to_string());
    format!(
        "{} {} · {name} · {kernel}",
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}
