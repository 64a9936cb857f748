//! Where interop commands put their output: stdout, or a private file written safely.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::Context;
use super::error::{CliError, CliResult};
use crate::files::{WriteFileError, WriteOptions, write_private_with};
use crate::i18n::interop::{InteropText, write_error};
use crate::i18n::{Lang, fill};
use crate::store::StoreError;

/// A refused or failed file write: an existing file, the database or a directory are the
/// user's mistakes (exit 2, nothing written); a failing disk is not (exit 1).
pub fn file_error(lang: Lang, error: WriteFileError) -> CliError {
    let message = write_error(lang, &error);
    match error {
        WriteFileError::Io { .. } => CliError::Other(anyhow::anyhow!(message)),
        _ => CliError::input("--out", message),
    }
}

/// Checks, before anything is written, that `path` may be written (see [`write_to`]).
pub fn check_target(ctx: &Context, path: &Path, force: bool) -> CliResult<()> {
    let refusal = if path.is_dir() {
        Some(WriteFileError::IsDirectory(path.to_path_buf()))
    } else if path.exists() && !force {
        Some(WriteFileError::Exists(path.to_path_buf()))
    } else {
        None
    };
    match refusal {
        Some(error) => Err(file_error(ctx.lang, error)),
        None => Ok(()),
    }
}

/// Writes to `path` (0600, temp + fsync + rename, never over the database, not over an existing
/// file without `force`) and says so on stderr; `fill` streams the content.
pub fn write_to(
    ctx: &Context,
    path: &Path,
    force: bool,
    fill_file: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> CliResult<()> {
    let options = WriteOptions {
        force,
        protected: Some(&ctx.db_path),
    };
    write_private_with(path, options, |file: &mut File, _| {
        let mut writer = BufWriter::new(file);
        fill_file(&mut writer)?;
        writer.flush()
    })
    .map_err(|e| file_error(ctx.lang, e))?;
    eprintln!(
        "{}",
        fill(InteropText::Wrote.text(ctx.lang), &[&path.display()])
    );
    Ok(())
}

/// Streams to stdout; a reader that stops early (`| head`) ends the export quietly.
pub fn write_stdout(fill_out: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> CliResult<()> {
    let stdout = io::stdout();
    let mut writer = BufWriter::new(stdout.lock());
    match fill_out(&mut writer).and_then(|()| writer.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// A store error inside a file or stdout writer, keeping an I/O error's kind.
pub fn store_io(error: StoreError) -> io::Error {
    match error {
        StoreError::Io(e) => e,
        other => io::Error::other(other.to_string()),
    }
}
