//! The app's state and `App::update`, the one place state changes and the store is called.

use std::path::PathBuf;

use chrono::{Datelike, Days, Months, NaiveDate};
use ratatui::layout::Rect;

mod decide;
mod mouse;
mod offers;
mod reconcile;
mod stale;
mod tools;

use self::stale::acts_on;
use super::action::{Action, Motion, PaneId};
use super::draft::{self, DraftForm, FormDraft};
use super::forms::card::{CardField, CardForm, ReplaceForm};
use super::forms::input::TextInput;
use super::forms::payment::{PaymentForm, PaymentSeed, allocation_field, allocation_message};
use super::forms::payoff::PayoffForm;
use super::forms::plan::{PlanForm, PlanSeed};
use super::history_filter::{HistoryQuery, history_query};
use super::keymap::Mode;
use super::layout::{list_heights, main_layout};
pub use super::overlay::{
    CardsView, Confirm, DetailView, FormView, LimitsView, MonthView, Note, Overlay,
};
use super::overlays::detail;
use super::pane_state::PaneState;
use super::rows::{CardNeed, DetailData, HistoryRow, MonthData};
use super::widgets::calendar::{self, DueCalendar};
use super::widgets::month_chart::MonthSeries;
use crate::config::keys::DEFAULT_UPCOMING_DAYS;
use crate::config::remember::remember;
use crate::config::{Key, Settings};
use crate::domain::Money;
use crate::domain::payoff::PayoffError;
use crate::export::document::DEFAULT_ALARM_DAYS;
use crate::i18n::store::{change, store_error};
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, one_or_many};
use crate::store::shown::Shown;
use crate::store::{
    Card, CardId, CardReplaced, DueItem, HistoryFilter, MonthGrouping, PlanFilter, PlanId,
    PlanSummary, Posting, StatusTotals, Store, StoreError, StoreResult,
};

/// The most periods past due read before a frame is drawn (about 10 µs each, penalties
/// included); more are read right after it, the status bar saying so meanwhile.
pub const PAST_DUE_READ_AT_ONCE: u64 = 200;

/// The settings the app itself follows (the config file's, or their defaults).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefs {
    /// The Upcoming pane lists what is overdue and what falls due within this many days.
    pub upcoming_days: u32,
    /// The export form's calendar reminder, in days before each due date.
    pub alarm_days: u32,
    /// The config file `L` writes the language back to; none: `L` is not remembered.
    pub config_file: Option<PathBuf>,
}

impl Default for Prefs {
    /// fenqi's defaults, remembering nothing.
    fn default() -> Prefs {
        Prefs {
            upcoming_days: DEFAULT_UPCOMING_DAYS,
            alarm_days: DEFAULT_ALARM_DAYS,
            config_file: None,
        }
    }
}

impl Prefs {
    /// The settings' values; `L` is remembered in their config file.
    pub(crate) fn from_settings(settings: &Settings) -> Prefs {
        Prefs {
            upcoming_days: settings.upcoming_days.value,
            alarm_days: settings.alarm_days.value,
            config_file: settings.file.path.clone(),
        }
    }
}

/// How many sample plans the first-run offer loads, and from which seed.
const DEMO_PLANS: u32 = 8;
const DEMO_SEED: u64 = 1;

/// Everything the interface shows, and the database it shows it from.
pub struct App {
    pub lang: Lang,
    pub today: NaiveDate,
    /// Today follows the clock (it was not fixed with `--today`): the event loop sends
    /// `Action::NewDay` after midnight.
    pub follows_clock: bool,
    store: Store,
    pub focus: PaneId,
    pub plans: PaneState<PlanSummary>,
    pub upcoming: PaneState<DueItem>,
    /// Automatic postings not yet confirmed first, then the recorded repayments.
    pub history: PaneState<HistoryRow>,
    /// Every card, archived too (few; used to name cards everywhere).
    pub cards: Vec<Card>,
    /// What each card must hold for the next 7 days.
    pub card_week: Vec<CardNeed>,
    pub status: StatusTotals,
    /// More periods are past due than can be read before a frame (a database not opened for
    /// months): `status` holds what the day tallies give, without them, and `card_week` is
    /// empty until [`App::read_past_due`] reads them, right after the frame is drawn.
    pub past_due_pending: bool,
    pub overlays: Vec<Overlay>,
    /// The filter line being typed, when in filter mode.
    pub filter_input: Option<TextInput>,
    pub note: Option<Note>,
    pub size: Rect,
    pub quit: bool,
    /// How far the topmost overlay is scrolled, when it scrolls as a whole (help, month view,
    /// a question, an error); back to the top whenever another overlay comes on top.
    pub overlay_scroll: usize,
    /// The store's `data_version` when the panes were last loaded (see `changed_elsewhere`).
    seen_version: i64,
    /// The settings the app follows.
    pub prefs: Prefs,
}

impl App {
    /// Opens the app on a store, loading the first screenful of every pane; on an empty
    /// database it offers the demo data.
    pub fn new(store: Store, lang: Lang, today: NaiveDate, size: Rect) -> StoreResult<App> {
        App::with_prefs(store, lang, today, size, Prefs::default())
    }

    /// Like [`App::new`], following `prefs`.
    pub fn with_prefs(
        store: Store,
        lang: Lang,
        today: NaiveDate,
        size: Rect,
        prefs: Prefs,
    ) -> StoreResult<App> {
        let mut app = App {
            lang,
            today,
            follows_clock: false,
            store,
            focus: PaneId::Plans,
            plans: PaneState::default(),
            upcoming: PaneState::default(),
            history: PaneState::default(),
            cards: Vec::new(),
            card_week: Vec::new(),
            status: StatusTotals::default(),
            past_due_pending: false,
            overlays: Vec::new(),
            filter_input: None,
            note: None,
            size,
            quit: false,
            overlay_scroll: 0,
            seen_version: 0,
            prefs,
        };
        app.seen_version = app.store.data_version()?;
        app.set_heights();
        app.reload_all()?;
        let empty =
            app.plans.total == 0 && app.cards.is_empty() && app.store.last_change()?.is_none();
        if empty {
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
            Some(Overlay::Limits(_)) => Mode::Limits,
            Some(Overlay::Summary(_)) => Mode::Summary,
            Some(Overlay::Form(FormView::Advise(_))) => Mode::Advise,
            Some(Overlay::Form(_)) => Mode::Form,
            Some(Overlay::Confirm(_)) => Mode::Confirm,
            Some(Overlay::Error(_)) => Mode::Error,
            Some(Overlay::Picker(_)) => Mode::Picker,
            Some(Overlay::Offers(_)) => Mode::Offers,
            Some(Overlay::Review(_)) => Mode::Review,
            None if self.filter_input.is_some() => Mode::Filter,
            None => Mode::Browse,
        }
    }

    /// Handles one action: the only place state changes and the store is written.
    pub fn update(&mut self, action: Action) {
        let depth = self.overlays.len();
        self.update_state(action);
        if self.overlays.len() != depth {
            self.overlay_scroll = 0;
        }
    }

    fn update_state(&mut self, action: Action) {
        match action {
            Action::Resize(width, height) => {
                self.size = Rect::new(0, 0, width, height);
                self.set_heights();
                self.reload_or_report();
                return;
            }
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::Interrupt => {
                self.interrupt();
                return;
            }
            // Keeps the note: a change elsewhere is no reason to hide what just happened here.
            Action::Refresh => {
                self.reload_after_external_change();
                return;
            }
            Action::NewDay(day) => {
                self.new_day(day);
                return;
            }
            Action::Click(x, y) => {
                self.click(x, y);
                return;
            }
            Action::Wheel(down, x, y) => {
                self.wheel(down, x, y);
                return;
            }
            _ => self.note = None,
        }
        match action {
            Action::ToggleLang => {
                self.lang = self.lang.toggled();
                self.refresh_forms();
                self.note = Some(self.remember_lang());
                return;
            }
            Action::Help if !matches!(self.mode(), Mode::Help | Mode::Form | Mode::Advise) => {
                self.overlays.push(Overlay::Help);
                return;
            }
            _ => {}
        }
        if let Action::Move(motion) = action
            && matches!(
                self.mode(),
                Mode::Error | Mode::Help | Mode::Confirm | Mode::Month | Mode::Summary
            )
        {
            self.scroll_overlay(motion);
            return;
        }
        match self.mode() {
            Mode::Error | Mode::Help | Mode::Summary => {
                if action == Action::Close {
                    self.overlays.pop();
                }
            }
            Mode::Form | Mode::Advise => self.update_form(action),
            Mode::Confirm => self.update_confirm(action),
            Mode::Detail => self.update_detail(action),
            Mode::Month => self.update_month(action),
            Mode::Cards => self.update_cards(action),
            Mode::Limits => self.update_limits(action),
            Mode::Filter => self.update_filter(action),
            Mode::Browse => self.update_browse(action),
            Mode::Picker => self.update_picker(action),
            Mode::Offers => self.update_offers(action),
            Mode::Review => self.update_review(action),
        }
    }

    /// Left open past midnight: everything is as of the new day — the panes, the status bar,
    /// the detail view, and the forms' checks (a repayment may now be dated today).
    fn new_day(&mut self, day: NaiveDate) {
        if day == self.today {
            return;
        }
        self.today = day;
        for overlay in &mut self.overlays {
            if let Overlay::Form(FormView::Payment(form)) = overlay {
                form.today = day;
            }
        }
        self.refresh_forms();
        self.reload_or_report();
        self.reload_overlays();
        self.note = Some(Note {
            text: TuiText::MsgNewDay,
            args: vec![day.to_string()],
        });
    }

    /// Ctrl-C: quits at once, unless a form holds typed text; then it asks first (and a
    /// second Ctrl-C while asking quits).
    fn interrupt(&mut self) {
        let asking = matches!(self.overlays.last(), Some(Overlay::Confirm(Confirm::Quit)));
        let typed = self.overlays.iter().any(|o| match o {
            Overlay::Form(view) => view.has_typed_text(),
            _ => false,
        });
        if typed && !asking {
            self.overlays.push(Overlay::Confirm(Confirm::Quit));
        } else {
            self.quit = true;
        }
    }

    fn update_browse(&mut self, action: Action) {
        match action {
            // Esc on the main screen clears the focused pane's filter; it never quits.
            Action::Cancel if !self.pane_filter(self.focus).is_empty() => {
                self.set_filter(String::new());
            }
            Action::FocusNext => self.focus_pane(self.focus.next()),
            Action::FocusPrev => self.focus_pane(self.focus.prev()),
            Action::Focus(pane) => self.focus_pane(pane),
            Action::Move(motion) => self.move_selection(motion),
            Action::OpenDetail => self.with_selected_plan(App::open_detail),
            Action::AddPlan => {
                self.open_plan_form(None);
                self.open_picker();
            }
            Action::EditPlan => self.with_selected_plan(|app, id| app.open_plan_form(Some(id))),
            // In History, d takes back the selected repayment (when it is its plan's newest).
            Action::DeletePlan if self.focus == PaneId::History && self.overlays.is_empty() => {
                self.ask_take_back();
            }
            Action::DeletePlan => self.with_selected_plan(App::ask_delete),
            Action::RecordPayment => self.with_selected_plan(|app, id| app.open_payment(id, false)),
            Action::FailedDebit => self.with_selected_plan(App::ask_failed_debit),
            Action::ConfirmPosting => self.confirm_selected_posting(),
            Action::ConfirmToday => self.ask_confirm_today(),
            Action::Reconcile => self.open_reconcile_form(),
            Action::Payoff => self.with_selected_plan(App::open_payoff),
            Action::Prepay => self.with_selected_plan(App::open_prepay),
            Action::Limits => self.open_limits(),
            Action::Export => self.open_export(),
            Action::Cards => self.overlays.push(Overlay::Cards(CardsView::default())),
            Action::MonthView => self.open_months(),
            Action::Summary => self.open_summary(),
            Action::Advise => self.open_advise(),
            Action::StartFilter => {
                let current = self.pane_filter(self.focus).to_string();
                self.filter_input = Some(TextInput::new(current));
            }
            Action::Undo => self.undo_last(),
            _ => {}
        }
    }

    /// Focuses a pane; on a terminal too small for three panes it is shown alone, so its
    /// window is reloaded for the height it gets.
    fn focus_pane(&mut self, pane: PaneId) {
        self.focus = pane;
        let before = self.pane_height(pane);
        self.set_heights();
        if self.pane_height(pane) != before {
            let result = self.reload_pane(pane);
            self.report(result);
        }
    }

    fn pane_height(&self, pane: PaneId) -> usize {
        match pane {
            PaneId::Plans => self.plans.height,
            PaneId::Upcoming => self.upcoming.height,
            PaneId::History => self.history.height,
        }
    }

    fn with_selected_plan(&mut self, f: impl FnOnce(&mut App, PlanId)) {
        match self.selected_plan() {
            Some(id) => f(self, id),
            None => self.note = Some(Note::new(TuiText::MsgNoPlanSelected)),
        }
    }

    /// The plan the detail view shows, or the focused pane's selection belongs to.
    pub fn selected_plan(&self) -> Option<PlanId> {
        if let Some(Overlay::Detail(view)) = self.overlays.last() {
            return Some(view.data.detail.summary.id);
        }
        match self.focus {
            PaneId::Plans => self.plans.selected_row().map(|r| r.id),
            PaneId::Upcoming => self.upcoming.selected_row().map(|r| r.plan_id),
            PaneId::History => self.history.selected_row().map(HistoryRow::plan_id),
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
            PaneId::Plans => reset_window(&mut self.plans, text),
            PaneId::Upcoming => reset_window(&mut self.upcoming, text),
            PaneId::History => reset_window(&mut self.history, text),
        }
        let result = self.reload_pane(self.focus);
        self.report(result);
    }

    fn update_detail(&mut self, action: Action) {
        match action {
            Action::Close => {
                self.overlays.pop();
            }
            Action::Move(motion) => {
                let (lang, body) = (self.lang, main_layout(self.size).body);
                if let Some(Overlay::Detail(view)) = self.overlays.last_mut() {
                    // Never past the last screenful, so Up moves at once after Bottom.
                    let last = detail::max_scroll(view, lang, body);
                    let page = (detail::inner_area(body).height as usize).max(1);
                    let scroll = view.scroll.min(last);
                    view.scroll = match motion {
                        Motion::Up => scroll.saturating_sub(1),
                        Motion::Down => scroll + 1,
                        Motion::Top => 0,
                        Motion::Bottom => last,
                        Motion::PageUp => scroll.saturating_sub(page),
                        Motion::PageDown => scroll + page,
                    }
                    .min(last);
                }
            }
            Action::RecordPayment
            | Action::FailedDebit
            | Action::Payoff
            | Action::Prepay
            | Action::EditPlan
            | Action::DeletePlan
            | Action::Undo => self.update_browse(action),
            Action::DismissReminder => self.with_selected_plan(|app, id| {
                let result = app.store.dismiss_debit_setup(id);
                if app.report(result).is_some() {
                    app.after_change(TuiText::MsgReminderDismissed, Vec::new());
                }
            }),
            _ => {}
        }
    }

    /// Scrolls the topmost overlay (help, month view, question, error), never past its end.
    fn scroll_overlay(&mut self, motion: Motion) {
        let body = main_layout(self.size).body;
        let last = super::overlays::scroll_limit(&self.overlays, body, self.lang);
        let page = (body.height.saturating_sub(2) as usize).max(1);
        let scroll = self.overlay_scroll.min(last);
        self.overlay_scroll = match motion {
            Motion::Up => scroll.saturating_sub(1),
            Motion::Down => scroll + 1,
            Motion::Top => 0,
            Motion::Bottom => last,
            Motion::PageUp => scroll.saturating_sub(page),
            Motion::PageDown => scroll + page,
        }
        .min(last);
    }

    fn update_month(&mut self, action: Action) {
        match action {
            Action::Close => {
                self.overlays.pop();
            }
            Action::ToggleGrouping => {
                if let Some(Overlay::Month(view)) = self.overlays.last_mut() {
                    view.by_card = !view.by_card;
                    view.calendar = false;
                }
            }
            Action::ToggleCalendar => {
                if let Some(Overlay::Month(view)) = self.overlays.last_mut() {
                    view.calendar = !view.calendar;
                }
                self.overlay_scroll = 0;
            }
            _ => {}
        }
    }

    /// The cards the cards list shows (not archived ones).
    pub fn active_cards(&self) -> impl Iterator<Item = &Card> {
        self.cards.iter().filter(|c| !c.archived)
    }

    fn update_cards(&mut self, action: Action) {
        let Some(Overlay::Cards(view)) = self.overlays.last_mut() else {
            return;
        };
        let count = self.cards.iter().filter(|c| !c.archived).count();
        let selected = self
            .cards
            .iter()
            .filter(|c| !c.archived)
            .nth(view.selected)
            .cloned();
        match action {
            Action::Close => {
                self.overlays.pop();
            }
            Action::Move(motion) => {
                let last = count.saturating_sub(1);
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
                if let Some(card) = selected {
                    let result = self.store.set_default_card(card.id);
                    if self.report(result).is_some() {
                        self.after_change(TuiText::MsgDefaultCard, vec![card.id.to_string()]);
                        // The default card is listed first: follow the card, not the row.
                        self.select_card(card.id);
                    }
                }
            }
            Action::CardReplace => {
                if let Some(card) = selected {
                    self.open_replace(&card);
                }
            }
            Action::CardEdit => {
                if let Some(card) = selected {
                    let mut form = CardForm::edit(&card, self.lang);
                    let result = self.store.card_stamp(card.id);
                    if let Some(stamp) = self.report(result) {
                        form.shown = vec![Shown::Card(stamp)];
                        self.overlays.push(Overlay::Form(FormView::Card(form)));
                    }
                }
            }
            Action::CardDelete => {
                if let Some(card) = selected {
                    self.overlays.push(Overlay::Confirm(Confirm::DeleteCard {
                        id: card.id,
                        name: card.display(),
                    }));
                }
            }
            Action::Undo => {
                self.undo_last();
                if let Some(card) = selected {
                    self.select_card(card.id);
                }
            }
            _ => {}
        }
    }

    /// Moves the cards list's selection to a card, where the list now shows it (if it does).
    fn select_card(&mut self, id: CardId) {
        let Some(index) = self.active_cards().position(|c| c.id == id) else {
            return;
        };
        if let Some(Overlay::Cards(view)) = self
            .overlays
            .iter_mut()
            .rev()
            .find(|o| matches!(o, Overlay::Cards(_)))
        {
            view.selected = index;
        }
    }

    /// Opens the replace-card form for a lost card.
    fn open_replace(&mut self, card: &Card) {
        let others: Vec<(CardId, String)> = self
            .active_cards()
            .filter(|c| c.id != card.id)
            .map(|c| (c.id, c.display()))
            .collect();
        let mut form = ReplaceForm::new(card.id, card.display(), &others, self.lang);
        let result = self.card_stamps(card.id, &others);
        let Some(shown) = self.report(result) else {
            return;
        };
        form.shown = shown;
        self.overlays.push(Overlay::Form(FormView::Replace(form)));
    }

    fn update_confirm(&mut self, action: Action) {
        let Some(Overlay::Confirm(question)) = self.overlays.last().cloned() else {
            return;
        };
        match action {
            Action::Cancel | Action::Close => {
                self.overlays.pop();
                if matches!(question, Confirm::RestoreDraft(_)) {
                    draft::discard(self.store.path());
                    self.note = Some(Note::new(TuiText::MsgDraftDiscarded));
                }
            }
            Action::Submit => {
                self.overlays.pop();
                match question {
                    Confirm::RestoreDraft(saved) => {
                        draft::discard(self.store.path());
                        self.restore_draft(&saved);
                    }
                    Confirm::DeletePlan { id, shown, .. } => {
                        let shown = [Shown::Plan(shown)];
                        let result = self
                            .store
                            .unless_changed(&shown, |store| store.delete_plan(id));
                        if let Err(StoreError::Changed(changed)) = result {
                            self.shown_changed(changed);
                        } else if self.report(result).is_some() {
                            self.after_change(TuiText::MsgPlanDeleted, vec![id.to_string()]);
                        }
                    }
                    Confirm::Quit => self.quit = true,
                    Confirm::TakeBack(repayment) => {
                        let result = self.store.take_back_repayment(repayment.id);
                        if let Some(info) = self.report(result) {
                            let what = change(self.lang, info.kind, &info.subject);
                            self.after_change(TuiText::MsgTakenBack, vec![what]);
                        }
                    }
                    Confirm::DeleteCard { id, .. } => {
                        let result = self.store.delete_card(id);
                        if self.report(result).is_some() {
                            self.after_change(TuiText::MsgCardDeleted, vec![id.to_string()]);
                        }
                    }
                    Confirm::ConfirmPostings { .. } => self.confirm_today(),
                    Confirm::FailedWithoutAutoDebit { id, .. } => self.open_payment(id, true),
                    Confirm::LoadDemo => {
                        let result = self.store.fill_demo(DEMO_PLANS, DEMO_SEED, self.today);
                        if self.report(result).is_some() {
                            self.after_change(TuiText::MsgDemoLoaded, Vec::new());
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn update_form(&mut self, action: Action) {
        let Some(Overlay::Form(view)) = self.overlays.last_mut() else {
            return;
        };
        match action {
            Action::Cancel => {
                self.overlays.pop();
            }
            Action::NextField => with_form(view, |f| f.next()),
            Action::PrevField => with_form(view, |f| f.prev()),
            Action::Edit(key) => {
                let changed = match view {
                    FormView::Plan(f) => f.form.apply(key),
                    FormView::Payment(f) => f.form.apply(key),
                    FormView::Card(f) => f.form.apply(key),
                    FormView::Replace(f) => f.form.apply(key),
                    FormView::Payoff(f) => f.form.apply(key),
                    FormView::Prepay(f) => f.form.apply(key),
                    FormView::Limit(f) => f.form.apply(key),
                    FormView::Export(f) => f.form.apply(key),
                    FormView::Advise(f) => f.form.apply(key),
                    FormView::Reconcile(f) => f.form.apply(key),
                };
                if changed {
                    self.refresh_top_form();
                }
            }
            Action::Submit => self.submit_form(),
            // A preset starts a new plan; a stored plan's terms are edited field by field.
            Action::PickPreset if is_new_plan(view) => self.open_picker(),
            Action::CompareOffers if is_new_plan(view) => self.open_offers(),
            _ => {}
        }
    }

    /// Revalidates every open form (on a change of language).
    fn refresh_forms(&mut self) {
        let (lang, today) = (self.lang, self.today);
        for overlay in &mut self.overlays {
            if let Overlay::Form(view) = overlay {
                view.refresh(lang, today);
            }
        }
        self.refresh_payoff_quote();
        self.refresh_prepay_quote();
    }

    /// Revalidates the topmost form after an edit.
    fn refresh_top_form(&mut self) {
        let (lang, today) = (self.lang, self.today);
        if let Some(Overlay::Form(view)) = self.overlays.last_mut() {
            view.refresh(lang, today);
        }
        self.refresh_payoff_quote();
        self.refresh_prepay_quote();
    }

    /// Requotes an open payoff form for the date typed.
    fn refresh_payoff_quote(&mut self) {
        let lang = self.lang;
        let Some(Overlay::Form(FormView::Payoff(form))) = self.overlays.last_mut() else {
            return;
        };
        // The plan as it is, then its quote: a change between them only makes the payoff
        // requote once more (a plan gone keeps its last stamp, which then says so).
        if let Ok(stamp) = self.store.plan_stamp(form.plan_id) {
            form.shown = vec![Shown::Plan(stamp)];
        }
        let quote = form.date(lang).and_then(|on| {
            self.store
                .payoff_quote(form.plan_id, on)
                .map(|q| (on, q))
                .map_err(|e| match &e {
                    StoreError::Allocation(e) => allocation_message(lang, e),
                    _ => store_error(lang, &e),
                })
        });
        form.set_quote(quote, lang);
    }

    /// Saves the open form when it is valid; otherwise shows every error.
    fn submit_form(&mut self) {
        let lang = self.lang;
        let Some(Overlay::Form(view)) = self.overlays.last_mut() else {
            return;
        };
        let valid = match view {
            FormView::Plan(f) => f.draft.is_some(),
            FormView::Payment(f) => f.draft.is_some(),
            FormView::Card(f) => f.draft.is_some(),
            FormView::Replace(f) => f.new_card.is_some(),
            FormView::Payoff(f) => f.payment_draft().is_some(),
            FormView::Prepay(f) => f.payment().is_some(),
            FormView::Limit(f) => f.limit.is_some(),
            FormView::Export(f) => f.request.is_some(),
            FormView::Advise(f) => f.advice.is_some(),
            FormView::Reconcile(f) => f.request.is_some(),
        };
        if !valid {
            with_form(view, |f| {
                f.show_all();
                f.focus_first_error();
            });
            return;
        }
        // The advice is shown as it is typed: nothing to save.
        if let FormView::Advise(_) = view {
            return;
        }
        // An export writes files, not the database.
        if let FormView::Export(f) = view {
            if let Some(request) = f.request.clone() {
                self.run_export(&request);
            }
            return;
        }
        // A statement is read and reviewed before anything is written.
        if let FormView::Reconcile(f) = view {
            if let Some((path, request)) = f.request.clone() {
                self.open_review(path, request);
            }
            return;
        }
        let shown = acts_on(view);
        let saved = self.store.unless_changed(&shown, |store| match &*view {
            FormView::Plan(f) => match (&f.draft, f.editing) {
                (None, _) => Ok(None),
                (Some(draft), None) => store
                    .insert_plan(draft)
                    .map(|id| Some((TuiText::MsgPlanAdded, vec![id.to_string()]))),
                (Some(draft), Some(id)) => store
                    .update_plan(id, draft)
                    .map(|()| Some((TuiText::MsgPlanUpdated, vec![id.to_string()]))),
            },
            FormView::Payment(f) => {
                let Some(draft) = &f.draft else {
                    return Ok(None);
                };
                if f.failed {
                    store
                        .record_failed_debit(f.plan_id, draft)
                        .map(|_| Some((TuiText::MsgFailedRecorded, Vec::new())))
                } else {
                    store
                        .record_payment(f.plan_id, draft)
                        .map(|o| Some((TuiText::MsgPaymentRecorded, vec![o.amount.grouped()])))
                }
            }
            FormView::Card(f) => {
                let Some(draft) = &f.draft else {
                    return Ok(None);
                };
                match f.editing {
                    None => store
                        .add_card(draft)
                        .map(|id| Some((TuiText::MsgCardAdded, vec![id.to_string()]))),
                    Some(id) => store
                        .update_card(id, draft)
                        .map(|()| Some((TuiText::MsgCardEdited, vec![id.to_string()]))),
                }
            }
            FormView::Replace(f) => {
                let Some(new_card) = f.new_card else {
                    return Ok(None);
                };
                store
                    .replace_card(f.old_card, new_card)
                    .map(|replaced| Some(replaced_note(lang, new_card, &replaced)))
            }
            FormView::Payoff(f) => {
                let Some(draft) = f.payment_draft() else {
                    return Ok(None);
                };
                store
                    .record_payoff(f.plan_id, &draft)
                    .map(|(_, q)| Some((TuiText::MsgPayoffRecorded, vec![q.amount.grouped()])))
            }
            FormView::Prepay(f) => {
                let Some((draft, mode)) = f.payment() else {
                    return Ok(None);
                };
                store
                    .record_prepayment(f.plan_id, &draft, mode)
                    .map(|(_, q)| Some((TuiText::MsgPrepaid, vec![q.amount.grouped()])))
            }
            FormView::Limit(f) => {
                let Some((provider, amount)) = &f.limit else {
                    return Ok(None);
                };
                store.set_limit(provider, *amount).map(|()| {
                    let args = vec![crate::text::one_line(provider), amount.grouped()];
                    Some((TuiText::MsgLimitSet, args))
                })
            }
            FormView::Export(_) | FormView::Advise(_) | FormView::Reconcile(_) => Ok(None),
        });
        match saved {
            Ok(None) => {}
            Ok(Some((text, args))) => {
                self.overlays.pop();
                self.after_change(text, args);
            }
            Err(StoreError::Changed(changed)) => self.shown_changed(changed),
            // An overpayment is the amount field's problem, a backdated payment the date's.
            Err(StoreError::Allocation(e)) if matches!(view, FormView::Payment(_)) => {
                if let FormView::Payment(f) = view {
                    f.form
                        .set_error(allocation_field(&e), allocation_message(lang, &e));
                    f.form.show_all_errors = true;
                    f.draft = None;
                }
            }
            Err(error) => self
                .overlays
                .push(Overlay::Error(store_error(lang, &error))),
        }
    }

    /// After a successful change: reload what is shown and say what happened.
    fn after_change(&mut self, text: TuiText, args: Vec<String>) {
        self.reload_or_report();
        self.reload_overlays();
        self.reload_limits();
        self.note = Some(Note { text, args });
    }

    /// Reloads the open detail view (closing it when its plan is gone).
    fn reload_overlays(&mut self) {
        let today = self.today;
        let mut gone = false;
        for overlay in &mut self.overlays {
            if let Overlay::Detail(view) = overlay {
                match load_detail(&self.store, view.data.detail.summary.id, today) {
                    Ok(data) => *view.data = data,
                    Err(_) => gone = true,
                }
            }
        }
        if gone {
            self.overlays.retain(|o| !matches!(o, Overlay::Detail(_)));
        }
        let count = self.active_cards().count();
        for overlay in &mut self.overlays {
            if let Overlay::Cards(view) = overlay {
                view.selected = view.selected.min(count.saturating_sub(1));
            }
        }
        self.reload_decisions();
    }

    fn undo_last(&mut self) {
        let result = self.store.undo();
        match self.report(result) {
            Some(Some(info)) => {
                let what = change(self.lang, info.kind, &info.subject);
                self.after_change(TuiText::MsgUndone, vec![what]);
            }
            Some(None) => self.note = Some(Note::new(TuiText::MsgNothingToUndo)),
            None => {}
        }
    }

    fn open_detail(&mut self, id: PlanId) {
        let result = load_detail(&self.store, id, self.today);
        if let Some(data) = self.report(result) {
            self.overlays.push(Overlay::Detail(DetailView {
                data: Box::new(data),
                scroll: 0,
            }));
        }
    }

    /// The cards a form may choose from, and the default one.
    fn card_choices(&self) -> (Vec<(CardId, String)>, Option<CardId>) {
        let default = self.active_cards().find(|c| c.is_default).map(|c| c.id);
        let choices = self.active_cards().map(|c| (c.id, c.display())).collect();
        (choices, default)
    }

    fn open_plan_form(&mut self, editing: Option<PlanId>) {
        let (cards, default) = self.card_choices();
        let form = match editing {
            None => PlanForm::add(self.lang, self.today, &cards, default),
            Some(id) => {
                let result = self.store.plan_stamp(id);
                let Some(shown) = self.report(result) else {
                    return;
                };
                let result = self.store.plan_draft(id);
                let Some(draft) = self.report(result) else {
                    return;
                };
                // Once a repayment (or failed debit) is recorded the terms cannot change.
                let result = self.store.plan_dues(id);
                let Some(dues) = self.report(result) else {
                    return;
                };
                let locked = dues.latest_payment.is_some();
                let seed = PlanSeed { id, draft, locked };
                let mut form = PlanForm::edit(&seed, self.lang, self.today, &cards);
                form.shown = vec![Shown::Plan(shown)];
                form
            }
        };
        self.overlays
            .push(Overlay::Form(FormView::Plan(Box::new(form))));
    }

    fn open_payment(&mut self, id: PlanId, failed: bool) {
        let (cards, _) = self.card_choices();
        let result = self.store.plan_stamp(id);
        let Some(shown) = self.report(result) else {
            return;
        };
        let result = self.store.plan_summary(id, self.today);
        let Some(plan) = self.report(result) else {
            return;
        };
        let result = self.store.plan_dues(id);
        let Some(dues) = self.report(result) else {
            return;
        };
        let result = dues.due_next(self.today).map_err(StoreError::from);
        let Some(due) = self.report(result) else {
            return;
        };
        let Some(due) = due else {
            self.note = Some(Note::new(TuiText::MsgNothingDueForPlan));
            return;
        };
        let seed = PaymentSeed {
            plan_id: id,
            plan_name: plan.name,
            due,
            dues,
            card: plan.card_id,
            // After a failed debit the money goes some other way: no auto-debit by default.
            auto_debit: plan.auto_debit && plan.status != crate::store::PlanStatus::DebitFailed,
        };
        let mut form = PaymentForm::new(&seed, failed, self.lang, self.today, &cards);
        form.shown = vec![Shown::Plan(shown)];
        self.overlays
            .push(Overlay::Form(FormView::Payment(Box::new(form))));
    }

    fn open_payoff(&mut self, id: PlanId) {
        // A plan paid in full, or one that allows no payoff, has no quote on any date: say so
        // instead of opening a form with only that error.
        let refused = match self.store.payoff_quote(id, self.today) {
            Err(StoreError::Payoff(PayoffError::NothingOwed))
            | Err(StoreError::NothingDue | StoreError::PlanClosed) => {
                Some(TuiText::MsgNothingToPayOff)
            }
            Err(StoreError::Payoff(PayoffError::NotAllowed)) => Some(TuiText::MsgPayoffNotAllowed),
            _ => None,
        };
        if let Some(text) = refused {
            self.note = Some(Note::new(text));
            return;
        }
        let (cards, _) = self.card_choices();
        let result = self.store.plan_summary(id, self.today);
        let Some(plan) = self.report(result) else {
            return;
        };
        let mut form = PayoffForm::new(id, plan.name, self.today, &cards, plan.card_id);
        form.interest_based = plan.fee_model.is_interest_based();
        self.overlays
            .push(Overlay::Form(FormView::Payoff(Box::new(form))));
        self.refresh_payoff_quote();
    }

    /// Asks whether to take back the selected repayment; when it cannot be (not its plan's
    /// newest, or a later change touched the plan), says why instead.
    fn ask_take_back(&mut self) {
        let repayment = match self.history.selected_row() {
            Some(HistoryRow::Recorded(repayment)) => repayment.clone(),
            Some(HistoryRow::Posted(_)) => {
                self.note = Some(Note::new(TuiText::MsgPostingNotRecorded));
                return;
            }
            None => {
                self.note = Some(Note::new(TuiText::MsgNoPlanSelected));
                return;
            }
        };
        match self.store.check_take_back(repayment.id) {
            Ok(()) => self
                .overlays
                .push(Overlay::Confirm(Confirm::TakeBack(Box::new(repayment)))),
            Err(error) => {
                let why = store_error(self.lang, &error);
                self.note = Some(Note {
                    text: TuiText::MsgCannotTakeBack,
                    args: vec![why],
                });
            }
        }
    }

    fn ask_delete(&mut self, id: PlanId) {
        let result = self
            .store
            .plan_stamp(id)
            .and_then(|shown| Ok((shown, self.store.plan_summary(id, self.today)?)));
        if let Some((shown, plan)) = self.report(result) {
            self.overlays.push(Overlay::Confirm(Confirm::DeletePlan {
                id,
                name: plan.name,
                shown,
            }));
        }
    }

    fn open_months(&mut self) {
        let result = load_months(&self.store, self.today, &self.cards);
        if let Some(data) = self.report(result) {
            self.overlays.push(Overlay::Month(MonthView {
                data,
                by_card: false,
                calendar: false,
            }));
        }
    }

    fn set_heights(&mut self) {
        let [plans, upcoming, history] = list_heights(self.size, self.focus);
        self.plans.height = plans;
        self.upcoming.height = upcoming;
        self.history.height = history;
    }

    fn reload_or_report(&mut self) {
        let result = self.reload_all();
        self.report(result);
    }

    /// True when another process committed to the database since the panes were last loaded
    /// for that reason. One pragma, no table read: the event loop asks every half second and
    /// sends `Action::Refresh` when it is true.
    pub fn changed_elsewhere(&self) -> bool {
        self.store
            .data_version()
            .is_ok_and(|version| version != self.seen_version)
    }

    /// Reloads the visible windows of the panes and the open detail view; forms keep what
    /// is typed in them.
    fn reload_after_external_change(&mut self) {
        if let Ok(version) = self.store.data_version() {
            self.seen_version = version;
        }
        self.reload_or_report();
        self.reload_overlays();
    }

    /// The topmost open form as a draft to keep across a signal; `None` when no form is open.
    pub fn form_draft(&self) -> Option<FormDraft> {
        let view = self.overlays.iter().rev().find_map(|o| match o {
            Overlay::Form(view) => Some(view),
            _ => None,
        })?;
        let (form, fields, focus) = match view {
            FormView::Plan(f) => (
                DraftForm::Plan {
                    editing: f.editing.map(|id| id.0),
                },
                f.form.values(),
                f.form.focus,
            ),
            FormView::Payment(f) => (
                DraftForm::Payment {
                    plan: f.plan_id.0,
                    failed: f.failed,
                },
                f.form.values(),
                f.form.focus,
            ),
            FormView::Payoff(f) => (
                DraftForm::Payoff { plan: f.plan_id.0 },
                f.form.values(),
                f.form.focus,
            ),
            FormView::Card(f) => {
                let mut values = f.form.values();
                for (field, value) in f.form.fields.iter().zip(values.iter_mut()) {
                    if field.id == CardField::Last4 {
                        *value = draft::last_four_only(value);
                    }
                }
                let form = match f.editing {
                    None => DraftForm::Card,
                    Some(card) => DraftForm::CardEdit { card: card.0 },
                };
                (form, values, f.form.focus)
            }
            FormView::Replace(f) => (
                DraftForm::Replace {
                    old_card: f.old_card.0,
                },
                f.form.values(),
                f.form.focus,
            ),
            // Quick tools, retyped in a moment: not kept as drafts.
            FormView::Prepay(_)
            | FormView::Limit(_)
            | FormView::Export(_)
            | FormView::Advise(_)
            | FormView::Reconcile(_) => return None,
        };
        Some(FormDraft::new(form, fields, focus))
    }

    /// Asks whether to restore a draft the last session left; it takes the place of the
    /// first-run demo offer (whoever left a draft has used the app).
    pub fn offer_draft(&mut self, saved: FormDraft) {
        self.overlays
            .retain(|o| !matches!(o, Overlay::Confirm(Confirm::LoadDemo)));
        self.overlays
            .push(Overlay::Confirm(Confirm::RestoreDraft(Box::new(saved))));
    }

    /// Opens the draft's form the usual way (so it is checked against today's data) and puts
    /// the saved field values back into it.
    fn restore_draft(&mut self, saved: &FormDraft) {
        match saved.form {
            DraftForm::Plan { editing } => self.open_plan_form(editing.map(PlanId)),
            DraftForm::Payment { plan, failed } => self.open_payment(PlanId(plan), failed),
            DraftForm::Payoff { plan } => self.open_payoff(PlanId(plan)),
            DraftForm::Card => {
                self.overlays.push(Overlay::Cards(CardsView::default()));
                let form = CardForm::new(self.lang);
                self.overlays.push(Overlay::Form(FormView::Card(form)));
            }
            DraftForm::CardEdit { card: id } => {
                let card = self.active_cards().find(|c| c.id.0 == id).cloned();
                match card {
                    Some(card) => {
                        self.overlays.push(Overlay::Cards(CardsView::default()));
                        let form = CardForm::edit(&card, self.lang);
                        self.overlays.push(Overlay::Form(FormView::Card(form)));
                    }
                    None => {
                        self.report::<()>(Err(StoreError::CardNotFound(CardId(id))));
                    }
                }
            }
            DraftForm::Replace { old_card } => {
                let card = self.active_cards().find(|c| c.id.0 == old_card).cloned();
                match card {
                    Some(card) => {
                        self.overlays.push(Overlay::Cards(CardsView::default()));
                        self.open_replace(&card);
                    }
                    None => {
                        self.report::<()>(Err(StoreError::CardNotFound(CardId(old_card))));
                    }
                }
            }
        }
        // The form did not open (its plan is gone or paid off): the reason is already shown.
        let Some(Overlay::Form(view)) = self.overlays.last_mut() else {
            return;
        };
        with_form(view, |f| f.restore(&saved.fields, saved.focus));
        self.refresh_top_form();
        self.note = Some(Note::new(TuiText::MsgDraftRestored));
    }

    /// The last day the Upcoming pane looks ahead to.
    pub(crate) fn upcoming_until(&self) -> NaiveDate {
        self.today
            .checked_add_days(Days::new(u64::from(self.prefs.upcoming_days)))
            .unwrap_or(self.today)
    }

    /// Writes the language just chosen into the config file (if there is one); the note that
    /// says which language it is, and whether it could not be remembered.
    fn remember_lang(&self) -> Note {
        let Some(path) = &self.prefs.config_file else {
            return Note::new(TuiText::MsgLanguage);
        };
        match remember(path, Key::Lang, self.lang.code()) {
            Ok(()) => Note::new(TuiText::MsgLanguage),
            Err(error) => Note {
                text: TuiText::MsgLanguageNotRemembered,
                args: vec![crate::config::message::not_remembered(self.lang, &error)],
            },
        }
    }

    /// Reloads the cards, the status figures and the visible window of every pane, all from
    /// one snapshot of the database so that no figure disagrees with another.
    pub(crate) fn reload_all(&mut self) -> StoreResult<()> {
        Store::read_in_snapshot(self, |app| &app.store, App::reload_everything)
    }

    fn reload_everything(&mut self) -> StoreResult<()> {
        self.cards = self.store.list_cards(true)?;
        self.past_due_pending = self.store.past_due_count(self.today)? > PAST_DUE_READ_AT_ONCE;
        if self.past_due_pending {
            self.status = self.store.status_from_tallies(self.today)?;
            self.card_week = Vec::new();
        } else {
            self.read_status_and_card_week()?;
        }
        for pane in PaneId::ALL {
            self.reload_pane(pane)?;
        }
        Ok(())
    }

    /// The status figures and the cards' week, the periods past due included.
    fn read_status_and_card_week(&mut self) -> StoreResult<()> {
        self.status = self.store.status_totals(self.today)?;
        let week = self
            .today
            .checked_add_days(Days::new(7))
            .unwrap_or(self.today);
        self.card_week = self
            .store
            .card_needs(self.today, week)?
            .into_iter()
            .map(|(card, amount)| CardNeed { card, amount })
            .collect();
        Ok(())
    }

    /// Reads the periods past due that the last reload left for after the frame (see
    /// [`App::past_due_pending`]), completing the status bar and the cards' week; an error
    /// shows in a popup. The event loop calls it after drawing.
    pub fn read_past_due(&mut self) {
        if !self.past_due_pending {
            return;
        }
        self.past_due_pending = false;
        let result =
            Store::read_in_snapshot(self, |app| &app.store, App::read_status_and_card_week);
        self.report(result);
    }

    /// Reloads one pane's visible window (and its total, which may have changed).
    fn reload_pane(&mut self, pane: PaneId) -> StoreResult<()> {
        match pane {
            PaneId::Plans => {
                let p = &mut self.plans;
                let mut filter = PlanFilter {
                    text: non_empty(&p.filter),
                    include_finished: true,
                    ..PlanFilter::default()
                };
                p.total = usize::try_from(self.store.count_plans(&filter)?).unwrap_or(usize::MAX);
                p.scroll_to_selection();
                filter.offset = clamp_u32(p.offset);
                filter.limit = Some(clamp_u32(p.height));
                filter.total = Some(p.total as u64);
                p.rows = self.store.list_plan_summaries(&filter, self.today)?;
            }
            PaneId::Upcoming => {
                let until = self.upcoming_until();
                let p = &mut self.upcoming;
                let text = non_empty(&p.filter);
                let total = self
                    .store
                    .count_due_items(self.today, until, text.as_deref())?;
                p.total = usize::try_from(total).unwrap_or(usize::MAX);
                p.scroll_to_selection();
                p.rows = self.store.list_due_items(
                    self.today,
                    until,
                    text.as_deref(),
                    clamp_u32(p.offset),
                    clamp_u32(p.height),
                    Some(p.total as u64),
                )?;
            }
            PaneId::History => {
                // Dates (2025-01-01..2025-03-31) filter by when it was paid; text by what.
                let query = history_query(&self.history.filter);
                let (text, since, until) = match &query {
                    HistoryQuery::Text(text) => (text.clone(), None, None),
                    HistoryQuery::Dates(since, until) => (None, *since, *until),
                };
                // The unconfirmed postings first, newest first; then the recorded repayments.
                // Unfiltered, only the window's postings are read (the status bar counts them
                // all); filtered, every posting is read and matched.
                let filtered: Option<Vec<Posting>> = match query {
                    HistoryQuery::Text(None) => None,
                    _ => Some(
                        self.store
                            .unconfirmed_postings(self.today, None)?
                            .into_iter()
                            .rev()
                            .filter(|p| query.shows_posting(&p.plan_name, &p.provider, p.due_date))
                            .collect(),
                    ),
                };
                let posted = filtered.as_ref().map_or_else(
                    || usize::try_from(self.status.unconfirmed_count).unwrap_or(usize::MAX),
                    Vec::len,
                );
                let recorded = if since.is_some() || until.is_some() {
                    self.store.count_history_between(since, until)?
                } else {
                    self.store.count_history_matching(text.as_deref())?
                };
                let recorded = usize::try_from(recorded).unwrap_or(usize::MAX);
                let p = &mut self.history;
                p.total = posted.saturating_add(recorded);
                p.scroll_to_selection();
                let (offset, height) = (p.offset, p.height);
                let take = posted.saturating_sub(offset).min(height);
                let window = match filtered {
                    Some(all) => all.into_iter().skip(offset).take(take).collect(),
                    None if take > 0 => {
                        self.store
                            .postings_page(self.today, clamp_u32(offset), clamp_u32(take))?
                    }
                    None => Vec::new(),
                };
                let mut rows: Vec<HistoryRow> =
                    window.into_iter().map(HistoryRow::Posted).collect();
                let room = height.saturating_sub(rows.len());
                if room > 0 {
                    let recorded_rows = self.store.list_history(&HistoryFilter {
                        text,
                        since,
                        until,
                        offset: clamp_u32(offset.saturating_sub(posted)),
                        limit: Some(clamp_u32(room)),
                        total: Some(recorded as u64),
                        ..HistoryFilter::default()
                    })?;
                    rows.extend(recorded_rows.into_iter().map(HistoryRow::Recorded));
                }
                let p = &mut self.history;
                p.rows = rows;
            }
        }
        Ok(())
    }

    /// Shows an error in a popup; returns the value when there was none.
    fn report<T>(&mut self, result: StoreResult<T>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.overlays
                    .push(Overlay::Error(store_error(self.lang, &error)));
                None
            }
        }
    }

    /// A card's short name by id, last four digits first so they survive a narrow column
    /// (`None` for no card).
    pub(crate) fn card_name(&self, id: Option<CardId>) -> Option<String> {
        let id = id?;
        self.cards.iter().find(|c| c.id == id).map(short_card)
    }
}

/// What replacing a card says: how many plans moved and, when some are debited
/// automatically, the providers whose auto-debit must be set up again with the new card.
fn replaced_note(lang: Lang, new_card: CardId, replaced: &CardReplaced) -> (TuiText, Vec<String>) {
    let moved = replaced.moved as u64;
    if replaced.providers.is_empty() {
        let text = one_or_many(moved, TuiText::MsgCardReplacedOne, TuiText::MsgCardReplaced);
        return (text, vec![moved.to_string()]);
    }
    let providers = replaced
        .providers
        .iter()
        .map(|p| crate::text::one_line(p))
        .collect::<Vec<_>>()
        .join(TuiText::ListSeparator.text(lang));
    (
        TuiText::MsgCardReplacedSetUp,
        vec![moved.to_string(), new_card.to_string(), providers],
    )
}

/// `··1234 招商银行`: a card in a table cell.
pub(crate) fn short_card(card: &Card) -> String {
    format!("··{} {}", card.last4, card.bank)
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn reset_window<R>(pane: &mut PaneState<R>, filter: String) {
    pane.filter = filter;
    pane.selected = 0;
    pane.offset = 0;
}

/// A plan's detail as of `today` and what is due on it now.
fn load_detail(store: &Store, id: PlanId, today: NaiveDate) -> StoreResult<DetailData> {
    let detail = store.plan_detail(id, today)?;
    let due_now = match store.amount_due_next(id, today) {
        Ok(due) => Some(due),
        Err(StoreError::NothingDue) => None,
        Err(error) => return Err(error),
    };
    Ok(DetailData { detail, due_now })
}

/// The next 12 months' dues, by provider and by card.
fn load_months(store: &Store, today: NaiveDate, cards: &[Card]) -> StoreResult<MonthData> {
    let first = today.with_day(1).unwrap_or(today);
    let months: Vec<NaiveDate> = (0..12)
        .filter_map(|n| first.checked_add_months(Months::new(n)))
        .collect();
    let series = |grouping| -> StoreResult<MonthSeries> {
        let totals = store.month_totals(today, grouping)?;
        let mut names: Vec<(String, i64)> = Vec::new();
        for t in &totals {
            match names.iter_mut().find(|(name, _)| *name == t.group) {
                Some((_, sum)) => *sum += t.amount.cents(),
                None => names.push((t.group.clone(), t.amount.cents())),
            }
        }
        names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let month_rows = months
            .iter()
            .map(|month| {
                let amounts = names
                    .iter()
                    .map(|(name, _)| {
                        totals
                            .iter()
                            .filter(|t| t.month == *month && t.group == *name)
                            .map(|t| t.amount)
                            .fold(Money::ZERO, |a, b| a.checked_add(b).unwrap_or(a))
                    })
                    .collect();
                (*month, amounts)
            })
            .collect();
        Ok(MonthSeries {
            names: names.into_iter().map(|(name, _)| name).collect(),
            months: month_rows,
        })
    };
    Ok(MonthData {
        by_provider: series(MonthGrouping::Provider)?,
        by_card: series(MonthGrouping::Card)?,
        calendar: load_calendar(store, today, cards)?,
    })
}

/// The coming weeks (from the Monday of today's week) day by day, by card, from the day
/// tallies; cards named as in the panes.
fn load_calendar(store: &Store, today: NaiveDate, cards: &[Card]) -> StoreResult<DueCalendar> {
    let back = u64::from(today.weekday().num_days_from_monday());
    let start = today.checked_sub_days(Days::new(back)).unwrap_or(today);
    let end = start
        .checked_add_days(Days::new(calendar::WEEKS * 7 - 1))
        .unwrap_or(start);
    let mut calendar = DueCalendar {
        today,
        start,
        ..DueCalendar::default()
    };
    let mut order: Vec<Option<CardId>> = Vec::new();
    for (day, card, amount) in store.open_by_day_and_card(today, end)? {
        let index = match order.iter().position(|c| *c == card) {
            Some(index) => index,
            None => {
                order.push(card);
                let name = card
                    .and_then(|id| cards.iter().find(|c| c.id == id))
                    .map_or_else(String::new, short_card);
                calendar.cards.push((name, Money::ZERO));
                order.len() - 1
            }
        };
        let total = &mut calendar.cards[index].1;
        *total = total.try_add(amount)?;
        calendar.days.push((day, index, amount));
    }
    Ok(calendar)
}

/// Runs `f` on the form framework of whichever form is open.
/// The form of a plan being added (where presets and comparisons are offered).
fn is_new_plan(view: &FormView) -> bool {
    matches!(view, FormView::Plan(form) if form.editing.is_none())
}

fn with_form(view: &mut FormView, f: impl FnOnce(&mut dyn FormControl)) {
    match view {
        FormView::Plan(form) => f(&mut form.form),
        FormView::Payment(form) => f(&mut form.form),
        FormView::Card(form) => f(&mut form.form),
        FormView::Replace(form) => f(&mut form.form),
        FormView::Payoff(form) => f(&mut form.form),
        FormView::Prepay(form) => f(&mut form.form),
        FormView::Limit(form) => f(&mut form.form),
        FormView::Export(form) => f(&mut form.form),
        FormView::Advise(form) => f(&mut form.form),
        FormView::Reconcile(form) => f(&mut form.form),
    }
}

/// The parts of a form `App` drives without knowing its fields.
trait FormControl {
    fn restore(&mut self, values: &[String], focus: usize);
    fn next(&mut self);
    fn prev(&mut self);
    fn show_all(&mut self);
    fn focus_first_error(&mut self);
}

impl<F: Copy + Eq> FormControl for super::forms::field::Form<F> {
    fn restore(&mut self, values: &[String], focus: usize) {
        super::forms::field::Form::restore(self, values, focus);
    }
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
