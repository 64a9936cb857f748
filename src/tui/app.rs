//! The app's state and `App::update`, the one place state changes and the store is called.

use chrono::NaiveDate;
use ratatui::layout::Rect;

use super::action::{Action, Motion, PaneId};
use super::data::{Db, UndoStep};
use super::forms::card::{CardForm, ReplaceForm};
use super::forms::input::{EditKey, TextInput};
use super::forms::payment::{PaymentForm, PaymentSeed};
use super::forms::payoff::{PayoffForm, PayoffSeed};
use super::forms::plan::{PlanForm, PlanSeed};
use super::keymap::Mode;
use super::layout::{list_heights, overlay_height};
use super::pane_state::PaneState;
use super::rows::{
    CardRow, CardTotal, DueRow, HistoryRow, MonthData, PlanDetail, PlanRow, StatusTotals,
};
use crate::domain::Money;
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};

/// A form open on screen.
#[derive(Debug, Clone)]
pub enum FormView {
    Plan(Box<PlanForm>),
    Payment(PaymentForm),
    Card(CardForm),
    Replace(ReplaceForm),
    Payoff(Box<PayoffForm>),
}

/// A yes/no question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    DeletePlan { id: i64, name: String },
    LoadDemo,
}

/// A plan's detail view and how far it is scrolled.
#[derive(Debug, Clone)]
pub struct DetailView {
    pub detail: Box<PlanDetail>,
    pub scroll: usize,
}

/// The cards list and its selection.
#[derive(Debug, Clone, Default)]
pub struct CardsView {
    pub cards: Vec<CardRow>,
    pub selected: usize,
}

/// The month view and its grouping.
#[derive(Debug, Clone)]
pub struct MonthView {
    pub data: MonthData,
    pub by_card: bool,
}

/// Something drawn over the panes; the topmost one takes the keys.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help,
    Detail(DetailView),
    Month(MonthView),
    Cards(CardsView),
    Form(FormView),
    Confirm(Confirm),
    Error(String),
}

/// A one-line note in the status bar after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: TuiText,
    pub args: Vec<String>,
}

impl Note {
    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<&dyn std::fmt::Display> =
            self.args.iter().map(|a| a as &dyn std::fmt::Display).collect();
        fill(self.text.text(lang), &args)
    }
}

/// Everything the interface shows, and the database it shows it from.
pub struct App {
    pub lang: Lang,
    pub today: NaiveDate,
    db: Db,
    pub focus: PaneId,
    pub plans: PaneState<PlanRow>,
    pub upcoming: PaneState<DueRow>,
    pub history: PaneState<HistoryRow>,
    pub card_week: Vec<CardTotal>,
    pub status: StatusTotals,
    pub overlays: Vec<Overlay>,
    /// The filter line being typed, when in filter mode.
    pub filter_input: Option<TextInput>,
    pub note: Option<Note>,
    undo: Vec<UndoStep>,
    pub size: Rect,
    pub quit: bool,
}

impl App {
    /// Opens the app on a database, loading the first screenful of every pane.
    pub fn new(db: Db, lang: Lang, today: NaiveDate, size: Rect) -> anyhow::Result<App> {
        let mut app = App {
            lang,
            today,
            db,
            focus: PaneId::Plans,
            plans: PaneState::default(),
            upcoming: PaneState::default(),
            history: PaneState::default(),
            card_week: Vec::new(),
            status: StatusTotals::default(),
            overlays: Vec::new(),
            filter_input: None,
            note: None,
            undo: Vec::new(),
            size,
            quit: false,
        };
        app.set_heights();
        app.reload_all()?;
        if app.db.is_empty()? {
            app.overlays.push(Overlay::Confirm(Confirm::LoadDemo));
        }
        Ok(app)
    }

    /// What the keyboard is talking to.
    pub fn mode(&self) -> Mode {
        match self.overlays.last() {
            Some(Overlay::Help) => Mode::Help,
            Some(Overlay::Detail(_)) => Mode::Detail,
            Some(Overlay::Month(_)) => Mode::Month,
            Some(Overlay::Cards(_)) => Mode::Cards,
            Some(Overlay::Form(_)) => Mode::Form,
            Some(Overlay::Confirm(_)) => Mode::Confirm,
            Some(Overlay::Error(_)) => Mode::Error,
            None if self.filter_input.is_some() => Mode::Filter,
            None => Mode::Browse,
        }
    }

    /// Handles one action: the only place state changes and the store is written.
    pub fn update(&mut self, action: Action) {
        if let Action::Resize(width, height) = action {
            self.size = Rect::new(0, 0, width, height);
            self.set_heights();
            self.reload_panes_or_report();
            return;
        }
        if action == Action::Quit && self.mode() != Mode::Form || action == Action::Quit && matches!(self.mode(), Mode::Form) && false {
            self.quit = true;
            return;
        }
        if action == Action::Quit {
            self.quit = true;
            return;
        }
        if action == Action::ToggleLang {
            self.lang = self.lang.toggled();
            self.refresh_forms();
            self.note = Some(Note {
                text: TuiText::MsgLanguage,
                args: Vec::new(),
            });
            return;
        }
        if action == Action::Help && !matches!(self.mode(), Mode::Help | Mode::Form) {
            self.overlays.push(Overlay::Help);
            return;
        }
        match self.mode() {
            Mode::Error | Mode::Help => {
                if action == Action::Close {
                    self.overlays.pop();
                }
            }
            Mode::Form => self.update_form(action),
            Mode::Confirm => self.update_confirm(action),
            Mode::Detail => self.update_detail(action),
            Mode::Month => self.update_month(action),
            Mode::Cards => self.update_cards(action),
            Mode::Filter => self.update_filter(action),
            Mode::Browse => self.update_browse(action),
        }
    }

    fn update_browse(&mut self, action: Action) {
        match action {
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrev => self.focus = self.focus.prev(),
            Action::Focus(pane) => self.focus = pane,
            Action::Move(motion) => self.move_selection(motion),
            Action::OpenDetail => {
                if let Some(id) = self.selected_plan() {
                    self.open_detail(id);
                }
            }
            Action::AddPlan => self.open_plan_form(None),
            Action::EditPlan => self.with_selected_plan(|app, id| app.open_plan_form(Some(id))),
            Action::DeletePlan => self.with_selected_plan(App::ask_delete),
            Action::RecordPayment => self.with_selected_plan(|app, id| app.open_payment(id, false)),
            Action::FailedDebit => self.with_selected_plan(|app, id| app.open_payment(id, true)),
            Action::Payoff => self.with_selected_plan(App::open_payoff),
            Action::Cards => self.open_cards(),
            Action::MonthView => self.open_months(),
            Action::StartFilter => {
                let current = self.pane_filter(self.focus).to_string();
                self.filter_input = Some(TextInput::new(current));
            }
            Action::Undo => self.undo_last(),
            _ => {}
        }
    }

    fn with_selected_plan(&mut self, f: impl FnOnce(&mut App, i64)) {
        match self.selected_plan() {
            Some(id) => f(self, id),
            None => {
                self.note = Some(Note {
                    text: TuiText::MsgNoPlanSelected,
                    args: Vec::new(),
                })
            }
        }
    }

    /// The plan the focused pane's selection belongs to.
    pub fn selected_plan(&self) -> Option<i64> {
        if let Some(Overlay::Detail(view)) = self.overlays.last() {
            return Some(view.detail.id);
        }
        match self.focus {
            PaneId::Plans => self.plans.selected_row().map(|r| r.id),
            PaneId::Upcoming => self.upcoming.selected_row().map(|r| r.plan_id),
            PaneId::History => self.history.selected_row().map(|r| r.plan_id),
        }
    }

    fn move_selection(&mut self, motion: Motion) {
        let moved = match self.focus {
            PaneId::Plans => self.plans.apply(motion),
            PaneId::Upcoming => self.upcoming.apply(motion),
            PaneId::History => self.history.apply(motion),
        };
        if moved {
            let result = self.reload_pane(self.focus);
            self.report(result);
        }
    }

    fn pane_filter(&self, pane: PaneId) -> &str {
        match pane {
            PaneId::Plans => &self.plans.filter,
            PaneId::Upcoming => &self.upcoming.filter,
            PaneId::History => &self.history.filter,
        }
    }

    fn update_filter(&mut self, action: Action) {
        match action {
            Action::Edit(key) => {
                let Some(input) = &mut self.filter_input else {
                    return;
                };
                if input.apply(key) {
                    let text = input.text().to_string();
                    self.set_filter(text);
                }
            }
            Action::Submit => self.filter_input = None,
            Action::Cancel => {
                self.filter_input = None;
                self.set_filter(String::new());
            }
            _ => {}
        }
    }

    fn set_filter(&mut self, text: String) {
        match self.focus {
            PaneId::Plans => {
                self.plans.filter = text;
                self.plans.selected = 0;
                self.plans.offset = 0;
            }
            PaneId::Upcoming => {
                self.upcoming.filter = text;
                self.upcoming.selected = 0;
                self.upcoming.offset = 0;
            }
            PaneId::History => {
                self.history.filter = text;
                self.history.selected = 0;
                self.history.offset = 0;
            }
        }
        let result = self.reload_pane(self.focus);
        self.report(result);
    }

    fn update_detail(&mut self, action: Action) {
        let page = overlay_height(self.size).max(1);
        match action {
            Action::Close => {
                self.overlays.pop();
            }
            Action::Move(motion) => {
                if let Some(Overlay::Detail(view)) = self.overlays.last_mut() {
                    view.scroll = match motion {
                        Motion::Up => view.scroll.saturating_sub(1),
                        Motion::Down => view.scroll + 1,
                        Motion::Top => 0,
                        Motion::Bottom => usize::MAX / 2,
                        Motion::PageUp => view.scroll.saturating_sub(page),
                        Motion::PageDown => view.scroll + page,
                    };
                }
            }
            Action::RecordPayment | Action::FailedDebit | Action::Payoff | Action::EditPlan
            | Action::DeletePlan => self.update_browse(action),
            Action::Undo => self.undo_last(),
            _ => {}
        }
    }

    fn update_month(&mut self, action: Action) {
        match action {
            Action::Close => {
                self.overlays.pop();
            }
            Action::ToggleGrouping => {
                if let Some(Overlay::Month(view)) = self.overlays.last_mut() {
                    view.by_card = !view.by_card;
                }
            }
            _ => {}
        }
    }

    fn update_cards(&mut self, action: Action) {
        let Some(Overlay::Cards(view)) = self.overlays.last_mut() else {
            return;
        };
        let selected = view.cards.get(view.selected).cloned();
        match action {
            Action::Close => {
                self.overlays.pop();
            }
            Action::Move(motion) => {
                let last = view.cards.len().saturating_sub(1);
                view.selected = match motion {
                    Motion::Up | Motion::PageUp => view.selected.saturating_sub(1),
                    Motion::Down | Motion::PageDown => (view.selected + 1).min(last),
                    Motion::Top => 0,
                    Motion::Bottom => last,
                };
            }
            Action::CardAdd => {
                let form = CardForm::new(self.lang);
                self.overlays.push(Overlay::Form(FormView::Card(form)));
            }
            Action::CardSetDefault => {
                if let Some(card) = selected.filter(|c| !c.archived) {
                    let result = self.db.set_default_card(card.id);
                    if let Some(previous) = self.report(result) {
                        self.after_change(
                            UndoStep::DefaultCard { previous },
                            TuiText::MsgDefaultCard,
                            vec![card.id.to_string()],
                        );
                    }
                }
            }
            Action::CardReplace => {
                if let Some(card) = selected.filter(|c| !c.archived) {
                    let others: Vec<(i64, String)> = view
                        .cards
                        .iter()
                        .filter(|c| c.id != card.id && !c.archived)
                        .map(|c| (c.id, c.display()))
                        .collect();
                    let form = ReplaceForm::new(card.id, card.display(), &others, self.lang);
                    self.overlays.push(Overlay::Form(FormView::Replace(form)));
                }
            }
            Action::Undo => self.undo_last(),
            _ => {}
        }
    }

    fn update_confirm(&mut self, action: Action) {
        let Some(Overlay::Confirm(question)) = self.overlays.last().cloned() else {
            return;
        };
        match action {
            Action::Cancel | Action::Close => {
                self.overlays.pop();
            }
            Action::Submit => {
                self.overlays.pop();
                match question {
                    Confirm::DeletePlan { id, .. } => {
                        let result = self.db.delete_plan(id);
                        if let Some(step) = self.report(result) {
                            if matches!(self.overlays.last(), Some(Overlay::Detail(v)) if v.detail.id == id)
                            {
                                self.overlays.pop();
                            }
                            self.after_change(step, TuiText::MsgPlanDeleted, vec![id.to_string()]);
                        }
                    }
                    Confirm::LoadDemo => {
                        let result = self.db.load_demo(self.today);
                        if self.report(result).is_some() {
                            self.reload_panes_or_report();
                            self.note = Some(Note {
                                text: TuiText::MsgDemoLoaded,
                                args: Vec::new(),
                            });
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn update_form(&mut self, action: Action) {
        let lang = self.lang;
        let today = self.today;
        let Some(Overlay::Form(view)) = self.overlays.last_mut() else {
            return;
        };
        match action {
            Action::Cancel => {
                self.overlays.pop();
            }
            Action::NextField => form_of(view, |f| f.next()),
            Action::PrevField => form_of(view, |f| f.prev()),
            Action::Edit(key) => {
                let changed = match view {
                    FormView::Plan(f) => f.form.apply(key),
                    FormView::Payment(f) => f.form.apply(key),
                    FormView::Card(f) => f.form.apply(key),
                    FormView::Replace(f) => f.form.apply(key),
                    FormView::Payoff(f) => f.form.apply(key),
                };
                if changed {
                    refresh_form(view, lang, today);
                }
            }
            Action::Submit => self.submit_form(),
            _ => {}
        }
    }

    fn refresh_forms(&mut self) {
        let (lang, today) = (self.lang, self.today);
        for overlay in &mut self.overlays {
            if let Overlay::Form(view) = overlay {
                refresh_form(view, lang, today);
            }
        }
    }

    /// Saves the open form when it is valid; otherwise shows every error.
    fn submit_form(&mut self) {
        let Some(Overlay::Form(view)) = self.overlays.last_mut() else {
            return;
        };
        let valid = match view {
            FormView::Plan(f) => f.draft.is_some(),
            FormView::Payment(f) => f.draft.is_some(),
            FormView::Card(f) => f.draft.is_some(),
            FormView::Replace(f) => f.new_card.is_some(),
            FormView::Payoff(f) => f.quote.is_some(),
        };
        if !valid {
            form_of(view, |f| {
                f.show_all_errors = true;
                f.focus_first_error();
            });
            return;
        }
        let view = view.clone();
        let outcome = match &view {
            FormView::Plan(f) => {
                let Some(draft) = &f.draft else { return };
                match f.editing {
                    None => self.db.insert_plan(draft).map(|id| {
                        (UndoStep::PlanAdded(id), TuiText::MsgPlanAdded, vec![id.to_string()])
                    }),
                    Some(id) => self.db.update_plan(id, draft).map(|step| {
                        (step, TuiText::MsgPlanUpdated, vec![id.to_string()])
                    }),
                }
            }
            FormView::Payment(f) => {
                let Some(draft) = &f.draft else { return };
                self.db.record_payment(draft).map(|step| {
                    if draft.failed {
                        (step, TuiText::MsgFailedRecorded, Vec::new())
                    } else {
                        (step, TuiText::MsgPaymentRecorded, vec![draft.amount.grouped()])
                    }
                })
            }
            FormView::Card(f) => {
                let Some(draft) = &f.draft else { return };
                self.db.add_card(draft).map(|id| {
                    (UndoStep::CardAdded(id), TuiText::MsgCardAdded, vec![id.to_string()])
                })
            }
            FormView::Replace(f) => {
                let Some(new_card) = f.new_card else { return };
                self.db.replace_card(f.old_card, new_card).map(|(step, moved)| {
                    (step, TuiText::MsgCardReplaced, vec![moved.to_string()])
                })
            }
            FormView::Payoff(f) => {
                let Some((on, quote)) = &f.quote else { return };
                self.db
                    .record_payoff(f.seed.plan_id, *on)
                    .map(|step| (step, TuiText::MsgPayoffRecorded, vec![quote.amount.grouped()]))
            }
        };
        match outcome {
            Ok((step, text, args)) => {
                self.overlays.pop();
                self.after_change(step, text, args);
            }
            Err(error) => self.overlays.push(Overlay::Error(format!("{error:#}"))),
        }
    }

    /// After a successful change: remember how to undo it, reload, and say what happened.
    fn after_change(&mut self, step: UndoStep, text: TuiText, args: Vec<String>) {
        self.undo.push(step);
        self.reload_after_change();
        self.note = Some(Note { text, args });
    }

    fn reload_after_change(&mut self) {
        self.reload_panes_or_report();
        let (lang, today) = (self.lang, self.today);
        let mut failed = None;
        for overlay in &mut self.overlays {
            match overlay {
                Overlay::Detail(view) => match self.db.plan_detail(view.detail.id, today, lang) {
                    Ok(detail) => view.detail = Box::new(detail),
                    Err(error) => failed = Some(error),
                },
                Overlay::Cards(view) => match self.db.cards() {
                    Ok(cards) => {
                        view.selected = view.selected.min(cards.len().saturating_sub(1));
                        view.cards = cards;
                    }
                    Err(error) => failed = Some(error),
                },
                _ => {}
            }
        }
        // A plan deleted (or an add undone) while its detail was open closes the detail.
        if failed.is_some() {
            self.overlays
                .retain(|o| !matches!(o, Overlay::Detail(_)));
        }
    }

    fn undo_last(&mut self) {
        let Some(step) = self.undo.pop() else {
            self.note = Some(Note {
                text: TuiText::MsgNothingToUndo,
                args: Vec::new(),
            });
            return;
        };
        let label = step.describe(self.lang);
        let result = self.db.undo(&step);
        if self.report(result).is_some() {
            self.reload_after_change();
            self.note = Some(Note {
                text: TuiText::MsgUndone,
                args: vec![label],
            });
        }
    }

    fn open_detail(&mut self, id: i64) {
        let result = self.db.plan_detail(id, self.today, self.lang);
        if let Some(detail) = self.report(result) {
            self.overlays.push(Overlay::Detail(DetailView {
                detail: Box::new(detail),
                scroll: 0,
            }));
        }
    }

    fn card_choices(&mut self) -> Option<(Vec<(i64, String)>, Option<i64>)> {
        let result = self.db.cards();
        let cards = self.report(result)?;
        let default = cards.iter().find(|c| c.default && !c.archived).map(|c| c.id);
        let choices = cards
            .iter()
            .filter(|c| !c.archived)
            .map(|c| (c.id, c.display()))
            .collect();
        Some((choices, default))
    }

    fn open_plan_form(&mut self, editing: Option<i64>) {
        let Some((cards, default)) = self.card_choices() else {
            return;
        };
        let form = match editing {
            None => PlanForm::add(self.lang, self.today, &cards, default),
            Some(id) => {
                let result = self.db.plan_detail(id, self.today, self.lang);
                let Some(detail) = self.report(result) else {
                    return;
                };
                let seed = PlanSeed {
                    id,
                    draft: detail.draft.clone(),
                };
                PlanForm::edit(&seed, self.lang, self.today, &cards)
            }
        };
        self.overlays
            .push(Overlay::Form(FormView::Plan(Box::new(form))));
    }

    fn open_payment(&mut self, id: i64, failed: bool) {
        let Some((cards, _)) = self.card_choices() else {
            return;
        };
        let result = self.db.plan_detail(id, self.today, self.lang);
        let Some(detail) = self.report(result) else {
            return;
        };
        // On an Upcoming row, prefill that installment (with its penalty so far).
        let due = match (self.focus, self.overlays.last()) {
            (PaneId::Upcoming, None) => self
                .upcoming
                .selected_row()
                .filter(|row| row.plan_id == id)
                .and_then(|row| row.amount.checked_add(row.penalty))
                .unwrap_or(detail.due_now),
            _ => detail.due_now,
        };
        if due.is_zero() {
            self.note = Some(Note {
                text: TuiText::MsgNothingDueForPlan,
                args: Vec::new(),
            });
            return;
        }
        let seed = PaymentSeed {
            plan_id: id,
            plan_name: detail.draft.name.clone(),
            due,
            card: detail.draft.card,
            auto_debit: detail.draft.auto_debit,
        };
        let form = PaymentForm::new(&seed, failed, self.lang, self.today, &cards);
        self.overlays.push(Overlay::Form(FormView::Payment(form)));
    }

    fn open_payoff(&mut self, id: i64) {
        let result = self.db.plan_detail(id, self.today, self.lang);
        let Some(detail) = self.report(result) else {
            return;
        };
        let seed = PayoffSeed {
            plan_id: id,
            plan_name: detail.draft.name.clone(),
            terms: detail.draft.terms.clone(),
            periods: detail.states.clone(),
        };
        let form = PayoffForm::new(seed, self.lang, self.today);
        self.overlays
            .push(Overlay::Form(FormView::Payoff(Box::new(form))));
    }

    fn ask_delete(&mut self, id: i64) {
        let name = match self.overlays.last() {
            Some(Overlay::Detail(view)) => view.detail.draft.name.clone(),
            _ => self
                .plans
                .selected_row()
                .filter(|r| r.id == id)
                .map(|r| r.name.clone())
                .or_else(|| {
                    self.upcoming
                        .selected_row()
                        .filter(|r| r.plan_id == id)
                        .map(|r| r.plan_name.clone())
                })
                .or_else(|| {
                    self.history
                        .selected_row()
                        .filter(|r| r.plan_id == id)
                        .map(|r| r.plan_name.clone())
                })
                .unwrap_or_default(),
        };
        self.overlays
            .push(Overlay::Confirm(Confirm::DeletePlan { id, name }));
    }

    fn open_cards(&mut self) {
        let result = self.db.cards();
        if let Some(cards) = self.report(result) {
            self.overlays.push(Overlay::Cards(CardsView { cards, selected: 0 }));
        }
    }

    fn open_months(&mut self) {
        let result = self.db.months(self.today);
        if let Some(data) = self.report(result) {
            self.overlays.push(Overlay::Month(MonthView {
                data,
                by_card: false,
            }));
        }
    }

    fn set_heights(&mut self) {
        let [plans, upcoming, history] = list_heights(self.size);
        self.plans.height = plans;
        self.upcoming.height = upcoming;
        self.history.height = history;
    }

    fn reload_panes_or_report(&mut self) {
        let result = self.reload_all();
        self.report(result);
    }

    /// Reloads the status figures and the visible window of every pane.
    pub fn reload_all(&mut self) -> anyhow::Result<()> {
        self.status = self.db.status(self.today)?;
        self.card_week = self.db.card_week(self.today)?;
        for pane in PaneId::ALL {
            self.reload_pane(pane)?;
        }
        Ok(())
    }

    /// Reloads one pane's visible window (and its total, which may have changed).
    fn reload_pane(&mut self, pane: PaneId) -> anyhow::Result<()> {
        match pane {
            PaneId::Plans => {
                let p = &mut self.plans;
                p.total = self.db.count_plans(&p.filter)?;
                p.scroll_to_selection();
                p.rows = self.db.plans_page(&p.filter, p.offset, p.height)?;
            }
            PaneId::Upcoming => {
                let p = &mut self.upcoming;
                p.total = self.db.count_due(&p.filter)?;
                p.scroll_to_selection();
                p.rows = self.db.due_page(self.today, &p.filter, p.offset, p.height)?;
            }
            PaneId::History => {
                let p = &mut self.history;
                p.total = self.db.count_history(&p.filter)?;
                p.scroll_to_selection();
                p.rows = self.db.history_page(&p.filter, p.offset, p.height)?;
            }
        }
        Ok(())
    }

    /// Shows an error in a popup; returns the value when there was none.
    fn report<T>(&mut self, result: anyhow::Result<T>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.overlays.push(Overlay::Error(format!("{error:#}")));
                None
            }
        }
    }

    /// The amount shown for money in the status bar and panes.
    pub fn money(amount: Money) -> String {
        amount.grouped()
    }
}

/// Runs `f` on the form framework of whichever form is open.
fn form_of(view: &mut FormView, f: impl FnOnce(&mut dyn FormControl)) {
    match view {
        FormView::Plan(form) => f(&mut form.form),
        FormView::Payment(form) => f(&mut form.form),
        FormView::Card(form) => f(&mut form.form),
        FormView::Replace(form) => f(&mut form.form),
        FormView::Payoff(form) => f(&mut form.form),
    }
}

/// Revalidates the open form (after an edit or a change of language).
fn refresh_form(view: &mut FormView, lang: Lang, today: NaiveDate) {
    match view {
        FormView::Plan(f) => f.refresh(lang, today),
        FormView::Payment(f) => f.refresh(lang),
        FormView::Card(f) => f.refresh(lang),
        FormView::Replace(f) => f.refresh(lang),
        FormView::Payoff(f) => f.refresh(lang),
    }
}

/// The parts of a form `App` drives without knowing its fields.
trait FormControl {
    fn next(&mut self);
    fn prev(&mut self);
    fn show_all(&mut self);
    fn focus_first_error(&mut self);
}

impl<F: Copy + Eq> FormControl for super::forms::field::Form<F> {
    fn next(&mut self) {
        super::forms::field::Form::next(self);
    }
    fn prev(&mut self) {
        super::forms::field::Form::prev(self);
    }
    fn show_all(&mut self) {
        self.show_all_errors = true;
    }
    fn focus_first_error(&mut self) {
        super::forms::field::Form::focus_first_error(self);
    }
}

#[allow(dead_code)]
fn unused(_: EditKey) {}
