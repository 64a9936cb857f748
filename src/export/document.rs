//! What an export writes, format by format, for the command line and the TUI alike: the text
//! documents (CSV one per table, iCalendar, ledger and beancount books); the JSON dump is
//! streamed by the store itself (`Store::write_dump`).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::books::books;
use super::calendar::due_events;
use super::csv_tables::{CsvTable, installments_csv, plans_csv, repayments_csv};
use super::ics::render_calendar;
use super::journal::{Dialect, render};
use crate::domain::code_enum::code_enum;
use crate::i18n::Lang;
use crate::store::{Store, StoreError};

/// Days before a due date an iCalendar reminder fires, unless asked otherwise.
pub(crate) const DEFAULT_ALARM_DAYS: u32 = 3;

code_enum!(
    /// The export formats.
    ExportFormat {
        Csv => "csv",
        Json => "json",
        Ics => "ics",
        Ledger => "ledger",
        Beancount => "beancount",
    }
);

impl ExportFormat {
    /// A format by its code, or a common other name (`ical`, `hledger`), in any case.
    pub(crate) fn parse(text: &str) -> Option<ExportFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "ical" | "icalendar" => Some(ExportFormat::Ics),
            "hledger" => Some(ExportFormat::Ledger),
            other => ExportFormat::from_code(other),
        }
    }
}

/// Why an export could not be rendered.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Csv(#[from] csv::Error),
}

/// The text documents of an export in `format` (not JSON): for CSV one per table of
/// `tables`, else one; each with the table it holds.
pub(crate) fn text_documents(
    store: &Store,
    format: ExportFormat,
    tables: &[CsvTable],
    alarm_days: u32,
    today: NaiveDate,
    lang: Lang,
) -> Result<Vec<(Option<CsvTable>, String)>, ExportError> {
    Ok(match format {
        ExportFormat::Csv => {
            let mut documents = Vec::with_capacity(tables.len());
            for &table in tables {
                let text = match table {
                    CsvTable::Plans => plans_csv(&store.export_plans(today)?)?,
                    CsvTable::Installments => {
                        installments_csv(&store.export_installments(today, false)?)?
                    }
                    CsvTable::Repayments => repayments_csv(
                        &store.export_repayments()?,
                        &store.export_installments(today, true)?,
                    )?,
                };
                documents.push((Some(table), text));
            }
            documents
        }
        ExportFormat::Ics => {
            let open = store.export_installments(today, true)?;
            let text = render_calendar(&due_events(&open, lang), alarm_days, today);
            vec![(None, text)]
        }
        ExportFormat::Ledger | ExportFormat::Beancount => {
            let plans = store.export_plans(today)?;
            let repayments = store.export_repayments()?;
            let dues = store.export_installments(today, true)?;
            let dialect = if format == ExportFormat::Ledger {
                Dialect::Ledger
            } else {
                Dialect::Beancount
            };
            let text =
                render(&books(&plans, &repayments, &dues), dialect).map_err(StoreError::from)?;
            vec![(None, text)]
        }
        ExportFormat::Json => Vec::new(),
    })
}

/// The file a CSV table goes to when several are written: inside a directory `plans.csv`,
/// else `<FILE without .csv>-plans.csv`.
pub(crate) fn csv_path(out: &Path, table: CsvTable) -> PathBuf {
    if out.is_dir() {
        return out.join(format!("{}.csv", table.code()));
    }
    let text = out.to_string_lossy();
    let stem = text.strip_suffix(".csv").unwrap_or(&text);
    PathBuf::from(format!("{stem}-{}.csv", table.code()))
}
