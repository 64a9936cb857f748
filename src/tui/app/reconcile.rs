//! Auto-debits and statements in the TUI: confirming the automatic posting selected in
//! History (y) or every one due by today (Y), asking before a failed debit on a plan without
//! auto-debit (f), and reconciling a statement (R): its file in a small form, then a review of
//! each line's action — Space ticks, Enter applies the ticked ones as one change, Esc leaves.

use std::path::PathBuf;

use super::{App, Confirm, FormView, Note, Overlay};
use crate::domain::Money;
use crate::i18n::count::{Noun, count};
use crate::i18n::reconcile::writes_text;
use crate::i18n::statement::error as statement_error;
use crate::i18n::store::{changed_since_shown, store_error};
use crate::i18n::tui::TuiText;
use crate::store::shown::Shown;
use crate::store::{PlanId, StoreError, StoreResult};
use crate::tui::action::{Action, Motion, PaneId};
use crate::tui::forms::reconcile::{ReconcileField, ReconcileForm};
use crate::tui::overlay::ReviewView;
use crate::tui::rows::HistoryRow;
use crate::view::reconcile::{Review, ReviewError, ReviewRequest, review};

impl App {
    /// y: confirms the automatic posting selected in History; elsewhere says how.
    pub(super) fn confirm_selected_posting(&mut self) {
        let posting = match (self.focus, self.history.selected_row()) {
            (PaneId::History, Some(HistoryRow::Posted(posting))) => posting.clone(),
            _ => {
                self.note = Some(Note::new(TuiText::MsgSelectPosting));
                return;
            }
        };
        let result = self
            .store
            .confirm_posting(posting.plan_id, posting.period, self.today);
        if let Some(done) = self.report(result) {
            let args = vec![
                crate::text::one_line(&posting.plan_name),
                done.total.grouped(),
            ];
            self.after_change(TuiText::MsgPostingConfirmed, args);
        }
    }

    /// Y: asks whether to confirm every automatic posting due by today (how many, how much).
    pub(super) fn ask_confirm_today(&mut self) {
        let result = self.store.unconfirmed_postings(self.today, None);
        let Some(postings) = self.report(result) else {
            return;
        };
        if postings.is_empty() {
            self.note = Some(Note::new(TuiText::MsgNothingToConfirm));
            return;
        }
        let amount = Money::try_sum(postings.iter().map(|p| p.amount)).map_err(StoreError::from);
        if let Some(amount) = self.report(amount) {
            self.overlays
                .push(Overlay::Confirm(Confirm::ConfirmPostings {
                    count: postings.len() as u64,
                    amount,
                }));
        }
    }

    /// Confirms every automatic posting due by today (the question was answered yes).
    pub(super) fn confirm_today(&mut self) {
        let result = self.store.confirm_postings(None, self.today);
        match self.report(result) {
            Some(done) if done.confirmed.is_empty() => {
                self.note = Some(Note::new(TuiText::MsgNothingToConfirm));
            }
            Some(done) => {
                let what = count(self.lang, done.confirmed.len() as u64, Noun::Posting);
                self.after_change(
                    TuiText::MsgPostingsConfirmed,
                    vec![what, done.total.grouped()],
                );
            }
            None => {}
        }
    }

    /// f: the failed-debit form, after asking when the plan has no auto-debit.
    pub(super) fn ask_failed_debit(&mut self, id: PlanId) {
        let result = self.store.plan_summary(id, self.today);
        let Some(plan) = self.report(result) else {
            return;
        };
        if plan.auto_debit {
            self.open_payment(id, true);
        } else {
            self.overlays
                .push(Overlay::Confirm(Confirm::FailedWithoutAutoDebit {
                    id,
                    name: plan.name,
                }));
        }
    }

    /// R: the statement form.
    pub(super) fn open_reconcile_form(&mut self) {
        let (cards, _) = self.card_choices();
        let form = ReconcileForm::new(&cards, self.lang);
        self.overlays
            .push(Overlay::Form(FormView::Reconcile(Box::new(form))));
    }

    /// Reads and matches the statement the form names: the review takes the form's place; a
    /// file that cannot be read is said under the file field, in one line.
    pub(super) fn open_review(&mut self, path: PathBuf, request: ReviewRequest) {
        let lang = self.lang;
        match self.reviewed(path, request) {
            Ok(view) => {
                self.overlays.pop();
                self.overlays.push(Overlay::Review(Box::new(view)));
            }
            Err(ReviewError::Statement(error)) => {
                if let Some(Overlay::Form(FormView::Reconcile(f))) = self.overlays.last_mut() {
                    f.request = None;
                    f.form
                        .set_error(ReconcileField::File, statement_error(lang, &error));
                    f.form.show_all_errors = true;
                }
            }
            Err(ReviewError::Store(error)) => {
                self.overlays
                    .push(Overlay::Error(store_error(lang, &error)));
            }
        }
    }

    /// The review of the statement at `path`, every line that writes something ticked, with
    /// the plans it writes to as they are now.
    fn reviewed(&self, path: PathBuf, request: ReviewRequest) -> Result<ReviewView, ReviewError> {
        let review = review(&self.store, &path, &request, self.today)?;
        let chosen = review.items.iter().map(|i| i.write.is_some()).collect();
        let shown = self.stamps_of(&review)?;
        Ok(ReviewView {
            review,
            chosen,
            selected: 0,
            shown,
            path,
            request,
        })
    }

    /// The plans the review's lines write to, as they are now.
    fn stamps_of(&self, review: &Review) -> StoreResult<Vec<Shown>> {
        Review::plans_of(&review.writes())
            .into_iter()
            .map(|id| self.store.plan_stamp(id).map(Shown::Plan))
            .collect()
    }

    /// Keys in the review: move, tick, apply, leave.
    pub(super) fn update_review(&mut self, action: Action) {
        let Some(Overlay::Review(view)) = self.overlays.last_mut() else {
            return;
        };
        let last = view.review.items.len().saturating_sub(1);
        match action {
            Action::Cancel | Action::Close => {
                self.overlays.pop();
            }
            Action::Move(motion) => {
                view.selected = match motion {
                    Motion::Up => view.selected.saturating_sub(1),
                    Motion::Down => (view.selected + 1).min(last),
                    Motion::PageUp => view.selected.saturating_sub(10),
                    Motion::PageDown => (view.selected + 10).min(last),
                    Motion::Top => 0,
                    Motion::Bottom => last,
                };
            }
            Action::Toggle => {
                let at = view.selected;
                let writes = view.review.items.get(at).is_some_and(|i| i.write.is_some());
                if let Some(chosen) = view.chosen.get_mut(at).filter(|_| writes) {
                    *chosen = !*chosen;
                }
            }
            Action::Submit => self.apply_review(),
            _ => {}
        }
    }

    /// Enter in the review: applies the ticked lines as one change, while the plans they write
    /// to are as the review showed them; otherwise reads the statement again and says so.
    fn apply_review(&mut self) {
        let lang = self.lang;
        let Some(Overlay::Review(view)) = self.overlays.last() else {
            return;
        };
        let writes = view.review.chosen_writes(|at| view.chosen[at]);
        if writes.is_empty() {
            self.note = Some(Note::new(TuiText::MsgNothingTicked));
            return;
        }
        let plans = Review::plans_of(&writes);
        let shown: Vec<Shown> = view
            .shown
            .iter()
            .filter(|s| matches!(s, Shown::Plan(p) if plans.contains(&p.id)))
            .cloned()
            .collect();
        let source = view.review.source.clone();
        let result = self
            .store
            .unless_changed(&shown, |store| store.apply_reconciliation(&source, &writes));
        match result {
            Ok(done) if done.total() == 0 => {
                self.overlays.pop();
                self.reload_or_report();
                self.note = Some(Note::new(TuiText::MsgNothingToApply));
            }
            Ok(done) => {
                self.overlays.pop();
                self.after_change(TuiText::MsgReconciled, vec![writes_text(lang, &done, true)]);
            }
            Err(StoreError::Changed(changed)) => {
                let mut message = changed_since_shown(lang, &changed);
                let Some(Overlay::Review(view)) = self.overlays.last() else {
                    return;
                };
                let (path, request) = (view.path.clone(), view.request.clone());
                match self.reviewed(path, request) {
                    Ok(again) => {
                        if let Some(Overlay::Review(view)) = self.overlays.last_mut() {
                            **view = again;
                        }
                        message.push(' ');
                        message.push_str(TuiText::MsgReviewTakenAgain.text(lang));
                    }
                    Err(_) => {
                        self.overlays.pop();
                    }
                }
                self.reload_or_report();
                self.overlays.push(Overlay::Error(message));
            }
            Err(error) => self
                .overlays
                .push(Overlay::Error(store_error(lang, &error))),
        }
    }
}
