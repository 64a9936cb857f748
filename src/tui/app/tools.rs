//! What the CLI can do for one plan or provider that the TUI reaches by a key: a partial
//! prepayment (r), credit limits (l) and an export to a file (x).

use std::io::{BufWriter, Write};

use super::{App, FormView, LimitsView, Note, Overlay};
use crate::export::document::{ExportError, ExportFormat, csv_path, text_documents};
use crate::files::{WriteOptions, write_private_with};
use crate::i18n::interop::write_error;
use crate::i18n::store::store_error;
use crate::i18n::tui::TuiText;
use crate::store::PlanId;
use crate::store::StoreError;
use crate::store::shown::Shown;
use crate::tui::action::{Action, Motion};
use crate::tui::forms::export::{ExportForm, ExportRequest};
use crate::tui::forms::limit::LimitForm;
use crate::tui::forms::payment::allocation_message;
use crate::tui::forms::prepay::{PrepayField, PrepayForm};

impl App {
    /// Opens the prepayment form for plan `id` (an annuity plan: the quote says otherwise).
    pub(super) fn open_prepay(&mut self, id: PlanId) {
        let (cards, _) = self.card_choices();
        let result = self.store.plan_summary(id, self.today);
        let Some(plan) = self.report(result) else {
            return;
        };
        let form = PrepayForm::new(id, plan.name, self.today, &cards, plan.card_id);
        self.overlays
            .push(Overlay::Form(FormView::Prepay(Box::new(form))));
        self.refresh_prepay_quote();
    }

    /// Requotes an open prepayment form for the amount, mode and date typed.
    pub(super) fn refresh_prepay_quote(&mut self) {
        let lang = self.lang;
        let Some(Overlay::Form(FormView::Prepay(form))) = self.overlays.last_mut() else {
            return;
        };
        if let Ok(stamp) = self.store.plan_stamp(form.plan_id) {
            form.shown = vec![Shown::Plan(stamp)];
        }
        // Nothing typed yet: no quote, and no error before the amount is.
        if form.form.value(PrepayField::Amount).trim().is_empty() {
            form.quote = None;
            form.form.clear_errors();
            return;
        }
        let quote = form.request(lang).and_then(|(amount, mode, on)| {
            self.store
                .prepay_quote(form.plan_id, on, amount, mode)
                .map(|q| (on, q))
                .map_err(|e| match &e {
                    StoreError::Allocation(e) => (PrepayField::Date, allocation_message(lang, e)),
                    _ => (PrepayField::Amount, store_error(lang, &e)),
                })
        });
        form.set_quote(quote, lang);
    }

    /// Opens the credit limits (额度) list.
    pub(super) fn open_limits(&mut self) {
        let result = self.store.list_limits(self.today);
        if let Some(rows) = self.report(result) {
            self.overlays
                .push(Overlay::Limits(LimitsView { selected: 0, rows }));
        }
    }

    /// Keys in the limits list: move, set the selected provider's limit, add one, undo, close.
    pub(super) fn update_limits(&mut self, action: Action) {
        let lang = self.lang;
        let Some(Overlay::Limits(view)) = self.overlays.last_mut() else {
            return;
        };
        let last = view.rows.len().saturating_sub(1);
        match action {
            Action::Close => {
                self.overlays.pop();
            }
            Action::Move(motion) => {
                view.selected = match motion {
                    Motion::Up | Motion::PageUp => view.selected.saturating_sub(1),
                    Motion::Down | Motion::PageDown => (view.selected + 1).min(last),
                    Motion::Top => 0,
                    Motion::Bottom => last,
                };
            }
            Action::OpenDetail | Action::EditPlan => {
                let row = view.rows.get(view.selected).cloned();
                let form = match row {
                    Some(row) => LimitForm::new(&row.provider, Some(row.limit), lang),
                    None => LimitForm::new("", None, lang),
                };
                self.overlays
                    .push(Overlay::Form(FormView::Limit(Box::new(form))));
            }
            Action::AddPlan => {
                let form = LimitForm::new("", None, lang);
                self.overlays
                    .push(Overlay::Form(FormView::Limit(Box::new(form))));
            }
            Action::Undo => self.undo_last(),
            _ => {}
        }
    }

    /// Reloads an open limits list (after a limit was set or undone).
    pub(super) fn reload_limits(&mut self) {
        if !self
            .overlays
            .iter()
            .any(|o| matches!(o, Overlay::Limits(_)))
        {
            return;
        }
        let Ok(rows) = self.store.list_limits(self.today) else {
            return;
        };
        for overlay in &mut self.overlays {
            if let Overlay::Limits(view) = overlay {
                view.selected = view.selected.min(rows.len().saturating_sub(1));
                view.rows = rows.clone();
            }
        }
    }

    /// Opens the export form (a file beside the database by default).
    pub(super) fn open_export(&mut self) {
        let form = ExportForm::new(
            self.store.path(),
            self.today,
            self.prefs.alarm_days,
            self.lang,
        );
        self.overlays
            .push(Overlay::Form(FormView::Export(Box::new(form))));
    }

    /// Writes the export the form asks for (0600, never over the database, over an existing
    /// file only when asked); says where, or shows why not in the error popup.
    pub(super) fn run_export(&mut self, request: &ExportRequest) {
        match self.write_export(request) {
            Ok(written) => {
                self.overlays.pop();
                let files = written
                    .iter()
                    .map(|p| crate::files::shown(p))
                    .collect::<Vec<_>>()
                    .join(TuiText::ListSeparator.text(self.lang));
                self.note = Some(Note {
                    text: TuiText::MsgExported,
                    args: vec![files],
                });
            }
            Err(message) => self.overlays.push(Overlay::Error(message)),
        }
    }

    /// The files written, or what went wrong in the user's language.
    fn write_export(&self, request: &ExportRequest) -> Result<Vec<std::path::PathBuf>, String> {
        let lang = self.lang;
        let options = WriteOptions {
            force: request.replace,
            protected: Some(self.store.path()),
        };
        let write =
            |path: &std::path::Path,
             fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>| {
                write_private_with(path, options, |file, _| {
                    let mut out = BufWriter::new(file);
                    fill(&mut out)?;
                    out.flush()
                })
                .map_err(|e| write_error(lang, &e))
            };
        if request.format == ExportFormat::Json {
            write(&request.path, &mut |out| {
                self.store
                    .write_dump(out)
                    .map_err(|e| std::io::Error::other(store_error(lang, &e)))
            })?;
            return Ok(vec![request.path.clone()]);
        }
        let documents = text_documents(
            &self.store,
            request.format,
            &crate::export::csv_tables::CsvTable::ALL,
            request.alarm_days,
            self.today,
            lang,
        )
        .map_err(|e| match e {
            ExportError::Store(e) => store_error(lang, &e),
            ExportError::Csv(e) => e.to_string(),
        })?;
        let mut written = Vec::with_capacity(documents.len());
        for (table, text) in documents {
            let path = match table {
                Some(table) => csv_path(&request.path, table),
                None => request.path.clone(),
            };
            write(&path, &mut |out| out.write_all(text.as_bytes()))?;
            written.push(path);
        }
        Ok(written)
    }
}
