//! `fenqi backup`: a consistent copy of the database (VACUUM INTO), private, never overwriting.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;

use super::Context;
use super::common::open_store_to_read;
use super::error::CliResult;
use super::output::{check_target, clean_up_beside, file_error, store_io};
use crate::files::{WriteOptions, write_private_with};
use crate::i18n::fill;
use crate::i18n::interop::InteropText;

/// Flags of `fenqi backup`.
#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    /// Backup file (default: fenqi-backup-YYYY-MM-DD.db next to the database)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace an existing backup file
    #[arg(long)]
    pub force: bool,
}

/// `fenqi-backup-2025-03-15.db` in the database's directory.
pub(crate) fn default_backup_path(db: &Path, today: NaiveDate) -> PathBuf {
    let name = format!("fenqi-backup-{}.db", today.format("%Y-%m-%d"));
    match db.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => dir.join(name),
        None => PathBuf::from(name),
    }
}

/// Runs `fenqi backup`.
pub(crate) fn run(args: &BackupArgs, ctx: &Context) -> CliResult {
    let target = args
        .out
        .clone()
        .unwrap_or_else(|| default_backup_path(&ctx.db_path, ctx.today));
    let options = WriteOptions {
        force: args.force,
        protected: Some(&ctx.db_path),
    };
    check_target(ctx, &target, args.force)?;
    let store = open_store_to_read(ctx)?;
    clean_up_beside(ctx.lang, &target);
    write_private_with(&target, options, |_, temp| {
        store.backup_into(temp).map_err(store_io)
    })
    .map_err(|e| file_error(ctx.lang, e))?;
    println!(
        "{}",
        fill(
            InteropText::BackupWritten.text(ctx.lang),
            &[&crate::files::shown(&target)]
        )
    );
    Ok(())
}
