//! Forms and dialogs whose plan or card changed elsewhere (another fenqi, an undo) while they
//! were open: what each one's write acts on, as it was shown, and what the app does when the
//! store refuses the write because that changed.

use super::{App, FormView, Overlay};
use crate::i18n::fill;
use crate::i18n::store::changed_since_shown;
use crate::i18n::tui::TuiText;
use crate::store::shown::{Changed, Shown};
use crate::store::{CardId, StoreResult};

/// What the form's write acts on, as it was shown (nothing for a new plan or card): for a
/// replacement, the old card and the one chosen.
pub(super) fn acts_on(view: &FormView) -> Vec<Shown> {
    match view {
        FormView::Plan(f) => f.shown.clone(),
        FormView::Payment(f) => f.shown.clone(),
        FormView::Payoff(f) => f.shown.clone(),
        FormView::Replace(f) => f
            .shown
            .iter()
            .filter(
                |s| matches!(s, Shown::Card(c) if c.id == f.old_card || Some(c.id) == f.new_card),
            )
            .cloned()
            .collect(),
        FormView::Card(f) => f.shown.clone(),
        FormView::Prepay(f) => f.shown.clone(),
        FormView::Limit(_) | FormView::Export(_) | FormView::Advise(_) | FormView::Reconcile(_) => {
            Vec::new()
        }
    }
}

impl App {
    /// The old card and every card offered in its place, as they are now.
    pub(super) fn card_stamps(
        &self,
        old: CardId,
        others: &[(CardId, String)],
    ) -> StoreResult<Vec<Shown>> {
        std::iter::once(old)
            .chain(others.iter().map(|(id, _)| *id))
            .map(|id| self.store.card_stamp(id).map(Shown::Card))
            .collect()
    }

    /// A write refused because what it acts on changed since it was shown: nothing was
    /// written, and a popup says what changed. A form whose plan or card is gone closes; any
    /// other form now works on things as they are (taken again: the plan's dues, the payoff
    /// quote, the cards), so that Enter writes what it then shows.
    pub(super) fn shown_changed(&mut self, changed: Changed) {
        let lang = self.lang;
        let mut message = changed_since_shown(lang, &changed);
        if matches!(self.overlays.last(), Some(Overlay::Form(_))) {
            let gone = matches!(changed, Changed::PlanGone(_) | Changed::CardGone(_));
            match self.take_again().filter(|_| !gone) {
                Some(requoted) => {
                    for line in requoted
                        .into_iter()
                        .chain([TuiText::MsgFormTakenAgain.text(lang).to_string()])
                    {
                        message.push(' ');
                        message.push_str(&line);
                    }
                }
                None => {
                    self.overlays.pop();
                }
            }
        }
        self.reload_or_report();
        self.reload_overlays();
        self.overlays.push(Overlay::Error(message));
    }

    /// Points the top form at its plan or cards as they are now; `None` when they are gone.
    /// Returns what a payoff's new quote changed, to be said.
    fn take_again(&mut self) -> Option<Vec<String>> {
        let lang = self.lang;
        let active: Vec<(CardId, String)> =
            self.active_cards().map(|c| (c.id, c.display())).collect();
        let Some(Overlay::Form(view)) = self.overlays.last_mut() else {
            return None;
        };
        match view {
            FormView::Plan(f) => {
                let id = f.editing?;
                f.shown = vec![Shown::Plan(self.store.plan_stamp(id).ok()?)];
            }
            FormView::Payment(f) => {
                let stamp = self.store.plan_stamp(f.plan_id).ok()?;
                f.dues = self.store.plan_dues(f.plan_id).ok()?;
                f.shown = vec![Shown::Plan(stamp)];
                f.refresh(lang);
            }
            FormView::Payoff(f) => {
                let before = f.quote.as_ref().map(|(_, q)| q.amount);
                self.refresh_payoff_quote();
                let Some(Overlay::Form(FormView::Payoff(f))) = self.overlays.last() else {
                    return None;
                };
                let after = f.quote.as_ref().map(|(_, q)| q.amount);
                return Some(match (before, after) {
                    (Some(before), Some(after)) if before != after => vec![fill(
                        TuiText::MsgPayoffRequoted.text(lang),
                        &[&after.grouped(), &before.grouped()],
                    )],
                    _ => Vec::new(),
                });
            }
            FormView::Replace(f) => {
                let old = f.old_card;
                let others: Vec<(CardId, String)> =
                    active.into_iter().filter(|(id, _)| *id != old).collect();
                let shown = self.card_stamps(old, &others).ok()?;
                if let Some(Overlay::Form(FormView::Replace(f))) = self.overlays.last_mut() {
                    f.shown = shown;
                }
            }
            FormView::Prepay(_) => self.refresh_prepay_quote(),
            FormView::Card(_)
            | FormView::Limit(_)
            | FormView::Export(_)
            | FormView::Advise(_)
            | FormView::Reconcile(_) => {}
        }
        Some(Vec::new())
    }
}
