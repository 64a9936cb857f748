//! The debug log (`--debug`, or `FENQI_LOG=level`): `tracing` events appended to `fenqi.log`
//! beside the database (0600) — commands, durations, paths, schema versions, errors — and never
//! an amount or a card number (messages go through [`scrubbed`], paths through [`shown_path`]).

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::filter::LevelFilter;

use crate::domain::privacy::{hide_digits, mask_card_numbers};
use crate::files;
use crate::i18n::cli::CliText;
use crate::i18n::store::io_reason;
use crate::i18n::{Lang, fill};

/// The environment variable that turns the log on at a level.
pub(crate) const LOG_ENV: &str = "FENQI_LOG";

/// The log's file name, in the database's directory.
pub(crate) const LOG_NAME: &str = "fenqi.log";

/// The levels `FENQI_LOG` takes, least to most.
const LEVELS: [(&str, LevelFilter); 6] = [
    ("off", LevelFilter::OFF),
    ("error", LevelFilter::ERROR),
    ("warn", LevelFilter::WARN),
    ("info", LevelFilter::INFO),
    ("debug", LevelFilter::DEBUG),
    ("trace", LevelFilter::TRACE),
];

/// The level asked for: `--debug` is `debug`; else `FENQI_LOG` (unset or empty: no log).
/// `Err` with the bad value when `FENQI_LOG` names no level.
pub(crate) fn requested_level(debug: bool) -> Result<Option<LevelFilter>, String> {
    if debug {
        return Ok(Some(LevelFilter::DEBUG));
    }
    let Some(value) = std::env::var_os(LOG_ENV) else {
        return Ok(None);
    };
    let value = value.to_string_lossy().trim().to_ascii_lowercase();
    if value.is_empty() {
        return Ok(None);
    }
    LEVELS
        .iter()
        .find(|(name, _)| *name == value)
        .map(|(_, level)| Some(*level).filter(|l| *l != LevelFilter::OFF))
        .ok_or(value)
}

/// The one line for a `FENQI_LOG` that names no level, in `lang`.
pub(crate) fn bad_level(lang: Lang) -> String {
    CliText::BadLogLevel.text(lang).to_string()
}

/// The log file for the database at `db`: `fenqi.log` in its directory.
pub(crate) fn log_path(db: &Path) -> PathBuf {
    files::directory_of(db).join(LOG_NAME)
}

/// Starts the log at `level` in the file beside the database `db`. A file that cannot be
/// opened gets one warning line on stderr in `lang` and no log: the command still runs.
pub(crate) fn start(db: &Path, level: LevelFilter, lang: Lang) {
    let path = log_path(db);
    match open(&path) {
        Ok(file) => {
            let _ = tracing_subscriber::fmt()
                .with_writer(Mutex::new(file))
                .with_max_level(level)
                .try_init();
        }
        Err(error) => eprintln!(
            "{}",
            fill(
                CliText::LogUnwritable.text(lang),
                &[&files::shown(&path), &io_reason(lang, &error)]
            )
        ),
    }
}

/// The log file opened to append, created private (its directory too), and made private if it
/// was not.
fn open(path: &Path) -> io::Result<File> {
    files::create_private_dir(files::directory_of(path))?;
    let file = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(path)?;
    if file.metadata()?.permissions().mode() & 0o077 != 0 {
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// A message as the log may hold it: on one line, every digit written `#` (so no amount and
/// no card number, whatever it quotes).
pub(crate) fn scrubbed(text: &str) -> String {
    hide_digits(&crate::text::one_line(text))
}

/// A path as the log may hold it: printable, any card number in it masked.
pub(crate) fn shown_path(path: &Path) -> String {
    mask_card_numbers(&files::shown(path)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubbed_text_keeps_words_and_loses_numbers() {
        assert_eq!(
            scrubbed("--amount: 1,234.56 is more than\n536.00 owed"),
            "--amount: #,###.## is more than ###.## owed"
        );
    }

    #[test]
    fn the_log_sits_beside_the_database() {
        assert_eq!(
            log_path(Path::new("/data/fenqi/fenqi.db")),
            Path::new("/data/fenqi/fenqi.log")
        );
        assert_eq!(log_path(Path::new("x.db")), Path::new("./fenqi.log"));
    }

    #[test]
    fn a_card_number_in_a_path_is_masked() {
        assert_eq!(
            shown_path(Path::new("/tmp/4111 1111 1111 1111/fenqi.db")),
            "/tmp/**** **** **** 1111/fenqi.db"
        );
    }
}
