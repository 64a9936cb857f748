//! Where interop commands put their output: stdout, or a private file written safely.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::Context;
use super::error::{CliError, CliResult};
use crate::files::{self, WriteFileError, WriteOptions, write_private_with};
use crate::i18n::interop::{InteropText, temps_removed, write_error};
use crate::i18n::{Lang, fill};
use crate::store::StoreError;

/// A refused or failed file write: an existing file, the database or a directory are the
/// user's mistakes (exit 2, nothing written); a failing disk is not (exit 1).
pub(crate) fn file_error(lang: Lang, error: WriteFileError) -> CliError {
    file_error_in(lang, "--out", error)
}

/// Like [`file_error`] for a file named by `field` (a flag, or the command that writes it).
pub(crate) fn file_error_in(lang: Lang, field: &str, error: WriteFileError) -> CliError {
    let message = write_error(lang, &error);
    match error {
        WriteFileError::Io { .. } => CliError::Other(anyhow::anyhow!(message)),
        _ => CliError::input(field, message),
    }
}

/// Checks, before anything is written, that `path` may be written (see [`write_to`]).
pub(crate) fn check_target(ctx: &Context, path: &Path, force: bool) -> CliResult<()> {
    let options = WriteOptions {
        force,
        protected: Some(&ctx.db_path),
    };
    files::check_target(path, options)
        .map(|_| ())
        .map_err(|e| file_error(ctx.lang, e))
}

/// Removes what an interrupted backup or export left in the directory `path` goes to (see
/// [`files::remove_abandoned_temps`]) and says so on stderr, one line per file.
pub(crate) fn clean_up_beside(lang: Lang, path: &Path) {
    let removed = files::remove_abandoned_temps(files::directory_of(path));
    for line in temps_removed(lang, &removed) {
        eprintln!("{line}");
    }
}

/// Writes to `path` (0600, temp + fsync + rename, never over the database, not over an existing
/// file without `force`) and says so on stderr; `fill` streams the content.
pub(crate) fn write_to(
    ctx: &Context,
    path: &Path,
    force: bool,
    fill_file: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> CliResult<()> {
    let options = WriteOptions {
        force,
        protected: Some(&ctx.db_path),
    };
    clean_up_beside(ctx.lang, path);
    write_private_with(path, options, |file: &mut File, _| {
        let mut writer = BufWriter::new(file);
        fill_file(&mut writer)?;
        writer.flush()
    })
    .map_err(|e| file_error(ctx.lang, e))?;
    eprintln!(
        "{}",
        fill(InteropText::Wrote.text(ctx.lang), &[&files::shown(path)])
    );
    Ok(())
}

/// Streams to stdout; a reader that stops early (`| head`) ends the export quietly.
pub(crate) fn write_stdout(
    fill_out: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> CliResult<()> {
    let stdout = io::stdout();
    let mut writer = BufWriter::new(stdout.lock());
    match fill_out(&mut writer).and_then(|()| writer.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// A store error inside a file or stdout writer, keeping an I/O error's kind (a database
/// that could not write its copy for a full or read-only disk says so as the OS would).
pub(crate) fn store_io(error: StoreError) -> io::Error {
    let code = |e: &rusqlite::Error| e.sqlite_error_code();
    match error {
        StoreError::Io(e) => e,
        StoreError::Json(e) if e.is_io() => io::Error::from(e),
        StoreError::Sqlite(e) if code(&e) == Some(rusqlite::ErrorCode::DiskFull) => {
            io::Error::from_raw_os_error(libc::ENOSPC)
        }
        StoreError::Sqlite(e) if code(&e) == Some(rusqlite::ErrorCode::ReadOnly) => {
            io::Error::from_raw_os_error(libc::EROFS)
        }
        StoreError::Sqlite(e) if code(&e) == Some(rusqlite::ErrorCode::SystemIoFailure) => {
            io::Error::from_raw_os_error(libc::EIO)
        }
        other => io::Error::other(other.to_string()),
    }
}
