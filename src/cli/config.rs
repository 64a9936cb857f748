//! `fenqi config path|show`: where the config file is, and every setting in effect with where
//! it came from; and a bad config file or `FENQI_…` variable as one line.

use clap::Subcommand;
use serde_json::{Map, Value, json};

use super::Context;
use super::common::print_json;
use super::error::{CliError, CliResult};
use super::table::{Align, Table};
use crate::config::message::{config_error, source};
use crate::config::{ConfigError, Given, Key, Settings, Source};
use crate::files::shown;
use crate::i18n::Lang;
use crate::i18n::config::ConfigText;

/// `fenqi config …`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the config file's path
    Path,
    /// Print every setting in effect and where it came from
    Show {
        /// Print JSON only
        #[arg(long)]
        json: bool,
    },
}

/// Runs `fenqi config …`.
pub(crate) fn run(command: &ConfigCommand, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let file = &ctx.settings.file;
    match command {
        ConfigCommand::Path => match &file.path {
            Some(path) => println!("{}", shown(path)),
            None => return Err(anyhow::anyhow!(ConfigText::NoConfigFile.text(lang)).into()),
        },
        ConfigCommand::Show { json: true } => print_json(&show_json(&ctx.settings)),
        ConfigCommand::Show { json: false } => print!("{}", show_text(lang, &ctx.settings)),
    }
    Ok(())
}

/// Each setting as (key, value, where from), in the order `config show` lists them.
fn rows(settings: &Settings) -> Vec<(Key, Value, Source)> {
    fn row<T>(key: Key, given: &Given<T>, value: impl Fn(&T) -> Value) -> (Key, Value, Source) {
        (key, value(&given.value), given.source)
    }
    vec![
        row(Key::Lang, &settings.lang, |lang| json!(lang.code())),
        row(Key::Db, &settings.db, |db| json!(shown(db))),
        row(Key::Theme, &settings.theme, |theme| json!(theme.code())),
        row(Key::Mouse, &settings.mouse, |mouse| json!(mouse)),
        row(Key::UpcomingDays, &settings.upcoming_days, |days| {
            json!(days)
        }),
        row(Key::AlarmDays, &settings.alarm_days, |days| json!(days)),
    ]
}

fn show_text(lang: Lang, settings: &Settings) -> String {
    let file = &settings.file;
    let path = match &file.path {
        Some(path) if file.exists => shown(path),
        Some(path) => crate::i18n::fill(ConfigText::FileMissing.text(lang), &[&shown(path)]),
        None => ConfigText::NoConfigFile.text(lang).to_string(),
    };
    let mut out = crate::i18n::fill(ConfigText::FileLine.text(lang), &[&path]);
    out.push_str("\n\n");
    let mut table = Table::new(&[
        (ConfigText::ColSetting.text(lang), Align::Left),
        (ConfigText::ColValue.text(lang), Align::Left),
        (ConfigText::ColFrom.text(lang), Align::Left),
    ]);
    for (key, value, from) in rows(settings) {
        let value = match value {
            Value::String(text) => text,
            other => other.to_string(),
        };
        table.push(vec![key.code().to_string(), value, source(lang, key, from)]);
    }
    out.push_str(&table.render());
    out
}

/// `{"file": …, "file_exists": …, "settings": {"lang": {"value", "source", "variable"}, …}}`.
fn show_json(settings: &Settings) -> Value {
    let mut each = Map::new();
    for (key, value, from) in rows(settings) {
        let variable = match from {
            Source::Env(var) => Some(var),
            _ => None,
        };
        each.insert(
            key.code().to_string(),
            json!({"value": value, "source": from.code(), "variable": variable}),
        );
    }
    json!({
        "file": settings.file.path.as_deref().map(shown),
        "file_exists": settings.file.exists,
        "settings": each,
    })
}

/// A bad config file or variable as the CLI reports it: one line naming the file (or the
/// variable) and the key, exit status 2; a file that cannot be read, exit status 1.
pub(crate) fn config_err(lang: Lang, error: &ConfigError) -> CliError {
    let (place, message) = config_error(lang, error);
    match error {
        ConfigError::Unreadable { .. } => anyhow::anyhow!("{place}: {message}").into(),
        _ => CliError::input(place, message),
    }
}
