//! `fenqi check`: SQLite's integrity and foreign-key checks plus fenqi's own consistency rules.

use clap::Args;
use serde_json::{Value, json};

use super::Context;
use super::common::{open_store_to_read, store_err};
use super::error::{CliError, CliResult};
use crate::i18n::count::{Noun, count};
use crate::i18n::interop::{InteropText, inconsistency};
use crate::i18n::{Lang, fill};
use crate::store::maintenance::CheckReport;

/// Flags of `fenqi check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Print JSON only: {"ok": bool, "problems": [...]}
    #[arg(long)]
    pub json: bool,
}

/// Every problem as one localised line.
pub(crate) fn problem_lines(report: &CheckReport, lang: Lang) -> Vec<String> {
    let mut lines: Vec<String> = report
        .integrity
        .iter()
        .map(|m| fill(InteropText::CheckIntegrity.text(lang), &[m]))
        .collect();
    for fk in &report.foreign_keys {
        let row = fk.rowid.map_or_else(|| "?".to_string(), |r| r.to_string());
        lines.push(fill(
            InteropText::CheckForeignKey.text(lang),
            &[&fk.table, &row, &fk.parent],
        ));
    }
    lines.extend(report.consistency.iter().map(|p| inconsistency(lang, p)));
    lines
}

/// Runs `fenqi check`: exit 0 when healthy, 1 when anything is wrong.
pub(crate) fn run(args: &CheckArgs, ctx: &Context) -> CliResult {
    let store = open_store_to_read(ctx)?;
    let report = store
        .check_as_of(Some(ctx.today))
        .map_err(|e| store_err(ctx.lang, e))?;
    let lines = problem_lines(&report, ctx.lang);
    if args.json {
        let problems: Vec<Value> = lines.iter().map(|l| Value::from(l.as_str())).collect();
        println!("{}", json!({"ok": report.is_ok(), "problems": problems}));
    } else if lines.is_empty() {
        println!("{}", InteropText::CheckOk.text(ctx.lang));
    } else {
        for line in &lines {
            println!("{line}");
        }
        println!(
            "{}",
            fill(
                InteropText::CheckProblems.text(ctx.lang),
                &[&count(ctx.lang, lines.len() as u64, Noun::Problem)]
            )
        );
    }
    if report.is_ok() {
        Ok(())
    } else {
        Err(CliError::CheckFailed)
    }
}
