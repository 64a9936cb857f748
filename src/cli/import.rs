//! `fenqi import FILE`: restores a JSON export, all or nothing; importing twice adds nothing.

use std::path::PathBuf;

use clap::Args;

use super::Context;
use super::common::open_store;
use super::error::{CliError, CliResult};
use crate::i18n::count::{Noun, count};
use crate::i18n::fill;
use crate::i18n::interop::{InteropText, import_error};

/// Arguments of `fenqi import`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// A file written by `fenqi export --format json`
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// Runs `fenqi import`.
pub(crate) fn run(args: &ImportArgs, ctx: &Context) -> CliResult {
    let file = std::fs::File::open(&args.file).map_err(|e| {
        CliError::input(
            "FILE",
            fill(
                InteropText::FileRead.text(ctx.lang),
                &[
                    &crate::files::shown(&args.file),
                    &crate::i18n::store::io_reason(ctx.lang, &e),
                ],
            ),
        )
    })?;
    let mut store = open_store(ctx)?;
    let source = crate::files::shown(&args.file);
    let summary = store
        .import_from(file, &source, Some(ctx.today))
        .map_err(|e| {
            let message = import_error(ctx.lang, &e);
            if e.is_input() {
                CliError::input("FILE", message)
            } else {
                CliError::Other(anyhow::anyhow!(message))
            }
        })?;
    println!(
        "{}",
        fill(
            InteropText::Imported.text(ctx.lang),
            &[
                &count(ctx.lang, summary.inserted(), Noun::Row),
                &summary.skipped(),
                &source
            ],
        )
    );
    Ok(())
}
