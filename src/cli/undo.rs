//! `fenqi undo`: revert the last recorded change, even after a restart.

use clap::Args;

use super::Context;
use super::common::*;
use super::error::CliResult;
use super::table::one_line;
use crate::i18n::fill;
use crate::i18n::store::{StoreText, change};

/// `fenqi undo` takes no flags.
#[derive(Debug, Args)]
pub struct UndoArgs {}

/// Runs `fenqi undo`.
pub(crate) fn run(_args: &UndoArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let mut store = open_store(ctx)?;
    match store.undo().map_err(|e| store_err(lang, e))? {
        Some(info) => println!(
            "{}",
            fill(
                StoreText::Undone.text(lang),
                &[&one_line(&change(lang, info.kind, &info.subject))]
            )
        ),
        None => println!("{}", StoreText::NothingToUndo.text(lang)),
    }
    Ok(())
}
