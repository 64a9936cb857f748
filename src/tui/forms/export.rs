//! The export form: a format, the file to write (beside the database by default), the
//! iCalendar reminder days, and whether an existing file may be replaced.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::field::{ChoiceOption, Field, Form};
use crate::config::keys::ALARM_DAYS_RANGE;
use crate::export::document::ExportFormat;
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};

/// The fields of the export form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportField {
    Format,
    File,
    AlarmDays,
    Replace,
}

/// What to export, where, once the form is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    pub format: ExportFormat,
    pub path: PathBuf,
    pub alarm_days: u32,
    pub replace: bool,
}

/// The export form.
#[derive(Debug, Clone)]
pub struct ExportForm {
    pub form: Form<ExportField>,
    /// Where files go by default: the database's directory.
    pub directory: PathBuf,
    pub today: NaiveDate,
    pub request: Option<ExportRequest>,
    /// The reminder days the form starts with (the `alarm_days` setting).
    pub alarm_days: u32,
}

impl ExportForm {
    /// A CSV export to `fenqi-<today>.csv` beside the database; an iCalendar one reminds
    /// `alarm_days` before each due date unless another number is typed.
    pub(crate) fn new(db: &Path, today: NaiveDate, alarm_days: u32, lang: Lang) -> ExportForm {
        let directory = db
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let formats = ExportFormat::ALL
            .iter()
            .map(|f| ChoiceOption::raw(f.code(), f.code()))
            .collect();
        let mut form = ExportForm {
            form: Form::new(vec![
                Field::choice(ExportField::Format, TuiText::FieldFormat, formats, "csv"),
                Field::text(ExportField::File, TuiText::FieldFile, ""),
                Field::text(
                    ExportField::AlarmDays,
                    TuiText::FieldAlarmDays,
                    alarm_days.to_string(),
                ),
                Field::choice(
                    ExportField::Replace,
                    TuiText::FieldReplace,
                    vec![
                        ChoiceOption::text("no", TuiText::No),
                        ChoiceOption::text("yes", TuiText::Yes),
                    ],
                    "no",
                ),
            ]),
            directory,
            today,
            request: None,
            alarm_days,
        };
        form.refresh(lang);
        form
    }

    /// The file an export in `format` goes to unless another is typed.
    fn default_file(&self, format: ExportFormat) -> PathBuf {
        self.directory
            .join(format!("fenqi-{}.{}", self.today, format.code()))
    }

    pub(crate) fn refresh(&mut self, lang: Lang) {
        self.form.clear_errors();
        let format = ExportFormat::from_code(self.form.value(ExportField::Format))
            .unwrap_or(ExportFormat::Csv);
        // Until a file is typed, the default follows the format.
        if !self
            .form
            .field(ExportField::File)
            .is_some_and(|f| f.touched)
        {
            let file = self.default_file(format).to_string_lossy().into_owned();
            self.form.set_text(ExportField::File, &file);
        }
        self.form
            .set_enabled(ExportField::AlarmDays, format == ExportFormat::Ics);
        let file = self.form.value(ExportField::File).trim().to_string();
        if file.is_empty() {
            self.form
                .set_error(ExportField::File, TuiText::Required.text(lang));
        }
        let mut alarm_days = self.alarm_days;
        if format == ExportFormat::Ics {
            match self
                .form
                .value(ExportField::AlarmDays)
                .trim()
                .parse::<u32>()
            {
                Ok(days) if ALARM_DAYS_RANGE.contains(&days) => alarm_days = days,
                _ => self.form.set_error(
                    ExportField::AlarmDays,
                    fill(TuiText::WholeDays.text(lang), &[ALARM_DAYS_RANGE.end()]),
                ),
            }
        }
        if format == ExportFormat::Csv {
            self.form.set_note(
                ExportField::File,
                Some(TuiText::CsvFiles.text(lang).to_string()),
            );
        } else {
            self.form.set_note(ExportField::File, None);
        }
        self.request = (!self.form.has_errors()).then(|| ExportRequest {
            format,
            path: PathBuf::from(file),
            alarm_days,
            replace: self.form.value(ExportField::Replace) == "yes",
        });
    }
}
