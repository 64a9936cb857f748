//! `fenqi export`: the whole database as JSON, CSV, iCalendar, ledger or beancount.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::Context;
use super::common::{open_store_to_read, store_err};
use super::error::{CliError, CliResult};
use super::output::{check_target, store_io, write_stdout, write_to};
use super::terms_args::parse_count_flag;
use crate::config::keys::ALARM_DAYS_RANGE;
use crate::export::csv_tables::CsvTable;
use crate::export::document::{ExportError, ExportFormat as Format, csv_path, text_documents};
use crate::i18n::interop::InteropText;
use crate::store::Store;

pub(crate) use crate::export::document::DEFAULT_ALARM_DAYS;

/// Flags of `fenqi export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// csv, json, ics, ledger or beancount
    #[arg(long, value_name = "FORMAT")]
    pub format: String,
    /// Write to FILE (created 0600) instead of stdout; for CSV of all tables FILE-plans.csv,
    /// FILE-installments.csv and FILE-repayments.csv (or plans.csv… inside a directory)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace existing output files
    #[arg(long)]
    pub force: bool,
    /// CSV only: plans, installments, repayments or all (default all)
    #[arg(long, value_name = "WHAT")]
    pub what: Option<String>,
    /// iCalendar only: remind this many days before each due date (0–365; default: the alarm_days setting, 3)
    #[arg(long, value_name = "DAYS")]
    pub alarm_days: Option<String>,
}

/// The validated flags.
struct Request {
    format: Format,
    tables: Vec<CsvTable>,
    alarm_days: u32,
}

fn validate(args: &ExportArgs, ctx: &Context) -> CliResult<Request> {
    let lang = ctx.lang;
    let format = Format::parse(&args.format)
        .ok_or_else(|| CliError::input("--format", InteropText::FormatValues.text(lang)))?;
    if args.what.is_some() && format != Format::Csv {
        return Err(CliError::input("--what", InteropText::OnlyCsv.text(lang)));
    }
    if args.alarm_days.is_some() && format != Format::Ics {
        return Err(CliError::input(
            "--alarm-days",
            InteropText::OnlyIcs.text(lang),
        ));
    }
    if args.force && args.out.is_none() {
        return Err(CliError::input(
            "--force",
            InteropText::ForceNeedsOut.text(lang),
        ));
    }
    let tables = match args.what.as_deref().map(str::trim) {
        None | Some("all") => CsvTable::ALL.to_vec(),
        Some(code) => vec![
            CsvTable::from_code(code)
                .ok_or_else(|| CliError::input("--what", InteropText::WhatValues.text(lang)))?,
        ],
    };
    let alarm_days = match &args.alarm_days {
        None => ctx.settings.alarm_days.value,
        Some(text) => parse_count_flag(lang, "--alarm-days", text, ALARM_DAYS_RANGE)?,
    };
    Ok(Request {
        format,
        tables,
        alarm_days,
    })
}

/// Runs `fenqi export`.
pub(crate) fn run(args: &ExportArgs, ctx: &Context) -> CliResult {
    let request = validate(args, ctx)?;
    let store = open_store_to_read(ctx)?;
    match request.format {
        Format::Json => {
            let dump = |out: &mut dyn Write| store.write_dump(out).map_err(store_io);
            match &args.out {
                Some(path) => write_to(ctx, path, args.force, dump),
                None => write_stdout(dump),
            }
        }
        Format::Csv => export_csv(&store, ctx, args, &request.tables),
        format => {
            let documents = documents(&store, ctx, format, &[], request.alarm_days)?;
            let text = documents
                .into_iter()
                .next()
                .map(|(_, text)| text)
                .unwrap_or_default();
            emit(ctx, args, &text)
        }
    }
}

/// The export's text documents, a store error in the user's language.
fn documents(
    store: &Store,
    ctx: &Context,
    format: Format,
    tables: &[CsvTable],
    alarm_days: u32,
) -> CliResult<Vec<(Option<CsvTable>, String)>> {
    text_documents(store, format, tables, alarm_days, ctx.today, ctx.lang).map_err(|e| match e {
        ExportError::Store(e) => store_err(ctx.lang, e),
        ExportError::Csv(e) => e.into(),
    })
}

/// Prints `text`, or writes it to `--out`.
fn emit(ctx: &Context, args: &ExportArgs, text: &str) -> CliResult {
    match &args.out {
        Some(path) => write_to(ctx, path, args.force, |out| out.write_all(text.as_bytes())),
        None => write_stdout(|out| out.write_all(text.as_bytes())),
    }
}

/// CSV: one table to a file or stdout; all three to three files, or to stdout as three
/// sections separated by a blank line.
fn export_csv(store: &Store, ctx: &Context, args: &ExportArgs, tables: &[CsvTable]) -> CliResult {
    let rendered: Vec<(CsvTable, String)> =
        documents(store, ctx, Format::Csv, tables, DEFAULT_ALARM_DAYS)?
            .into_iter()
            .filter_map(|(table, text)| table.map(|table| (table, text)))
            .collect();
    match &args.out {
        None => {
            let joined: Vec<&str> = rendered.iter().map(|(_, text)| text.as_str()).collect();
            let text = joined.join("\r\n");
            write_stdout(|out| out.write_all(text.as_bytes()))
        }
        Some(path) if rendered.len() == 1 => emit(ctx, args, &rendered[0].1),
        Some(path) => {
            let targets: Vec<PathBuf> = rendered.iter().map(|(t, _)| csv_path(path, *t)).collect();
            for target in &targets {
                check_target(ctx, target, args.force)?;
            }
            for (target, (_, text)) in targets.iter().zip(&rendered) {
                write_to(ctx, target, args.force, |out| {
                    out.write_all(text.as_bytes())
                })?;
            }
            Ok(())
        }
    }
}
