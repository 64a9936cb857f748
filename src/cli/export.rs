//! `fenqi export`: the whole database as JSON, CSV, iCalendar, ledger or beancount.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::Context;
use super::common::{open_store_to_read, store_err};
use super::error::{CliError, CliResult};
use super::output::{check_target, store_io, write_stdout, write_to};
use super::terms_args::parse_count_flag;
use crate::export::books::books;
use crate::export::calendar::due_events;
use crate::export::csv_tables::{CsvTable, installments_csv, plans_csv, repayments_csv};
use crate::export::ics::render_calendar;
use crate::export::journal::{Dialect, render};
use crate::i18n::interop::InteropText;
use crate::store::Store;

/// Default days between an iCalendar reminder and the due date.
pub const DEFAULT_ALARM_DAYS: u32 = 3;

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
    /// iCalendar only: remind this many days before each due date (default 3)
    #[arg(long, value_name = "DAYS")]
    pub alarm_days: Option<String>,
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
    Ics,
    Ledger,
    Beancount,
}

impl Format {
    fn parse(text: &str) -> Option<Format> {
        match text.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "ics" | "ical" | "icalendar" => Some(Format::Ics),
            "ledger" | "hledger" => Some(Format::Ledger),
            "beancount" => Some(Format::Beancount),
            _ => None,
        }
    }
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
        None => DEFAULT_ALARM_DAYS,
        Some(text) => parse_count_flag(lang, "--alarm-days", text, 0..=365)?,
    };
    Ok(Request {
        format,
        tables,
        alarm_days,
    })
}

/// Runs `fenqi export`.
pub fn run(args: &ExportArgs, ctx: &Context) -> CliResult {
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
        Format::Ics => {
            let open = store
                .export_installments(ctx.today, true)
                .map_err(|e| store_err(ctx.lang, e))?;
            let text = render_calendar(&due_events(&open, ctx.lang), request.alarm_days, ctx.today);
            emit(ctx, args, &text)
        }
        Format::Ledger | Format::Beancount => {
            let plans = store
                .export_plans(ctx.today)
                .map_err(|e| store_err(ctx.lang, e))?;
            let repayments = store
                .export_repayments()
                .map_err(|e| store_err(ctx.lang, e))?;
            let dues = store
                .export_installments(ctx.today, true)
                .map_err(|e| store_err(ctx.lang, e))?;
            let dialect = if request.format == Format::Ledger {
                Dialect::Ledger
            } else {
                Dialect::Beancount
            };
            let text = render(&books(&plans, &repayments, &dues), dialect)
                .map_err(|overflow| store_err(ctx.lang, overflow.into()))?;
            emit(ctx, args, &text)
        }
    }
}

/// Prints `text`, or writes it to `--out`.
fn emit(ctx: &Context, args: &ExportArgs, text: &str) -> CliResult {
    match &args.out {
        Some(path) => write_to(ctx, path, args.force, |out| out.write_all(text.as_bytes())),
        None => write_stdout(|out| out.write_all(text.as_bytes())),
    }
}

/// The file a CSV table goes to when several are written: inside a directory `plans.csv`,
/// else `<FILE without .csv>-plans.csv`.
pub fn csv_path(out: &Path, table: CsvTable) -> PathBuf {
    if out.is_dir() {
        return out.join(format!("{}.csv", table.code()));
    }
    let text = out.to_string_lossy();
    let stem = text.strip_suffix(".csv").unwrap_or(&text);
    PathBuf::from(format!("{stem}-{}.csv", table.code()))
}

/// CSV: one table to a file or stdout; all three to three files, or to stdout as three
/// sections separated by a blank line.
fn export_csv(store: &Store, ctx: &Context, args: &ExportArgs, tables: &[CsvTable]) -> CliResult {
    let mut rendered = Vec::with_capacity(tables.len());
    for &table in tables {
        let text = match table {
            CsvTable::Plans => plans_csv(
                &store
                    .export_plans(ctx.today)
                    .map_err(|e| store_err(ctx.lang, e))?,
            ),
            CsvTable::Installments => installments_csv(
                &store
                    .export_installments(ctx.today, false)
                    .map_err(|e| store_err(ctx.lang, e))?,
            ),
            CsvTable::Repayments => repayments_csv(
                &store
                    .export_repayments()
                    .map_err(|e| store_err(ctx.lang, e))?,
            ),
        }?;
        rendered.push((table, text));
    }
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
