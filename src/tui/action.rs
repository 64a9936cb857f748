//! What a key asks the app to do: the messages `App::update` handles.

use super::forms::input::EditKey;

/// The three panes of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaneId {
    Plans,
    Upcoming,
    History,
}

impl PaneId {
    pub(crate) const ALL: [PaneId; 3] = [PaneId::Plans, PaneId::Upcoming, PaneId::History];

    pub(crate) fn next(self) -> PaneId {
        match self {
            PaneId::Plans => PaneId::Upcoming,
            PaneId::Upcoming => PaneId::History,
            PaneId::History => PaneId::Plans,
        }
    }

    pub(crate) fn prev(self) -> PaneId {
        self.next().next()
    }
}

/// A cursor movement in a list or a scrolled view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
}

/// Everything the user can ask for; produced by the key map, consumed by `App::update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the app (q on the main screen).
    Quit,
    /// Ctrl-C anywhere: quit, asking first when a form holds typed text.
    Interrupt,
    /// Close the topmost overlay (detail, month view, help, cards, error).
    Close,
    FocusNext,
    FocusPrev,
    Focus(PaneId),
    Move(Motion),
    OpenDetail,
    AddPlan,
    EditPlan,
    DeletePlan,
    RecordPayment,
    FailedDebit,
    Payoff,
    /// A partial prepayment of the selected plan (annuity plans).
    Prepay,
    Cards,
    /// The credit limits per provider.
    Limits,
    /// Export everything to a file.
    Export,
    MonthView,
    /// The summary view: totals, limits, the dearest plan, the balance month by month.
    Summary,
    /// The advise form: how to spend cash on early repayment.
    Advise,
    StartFilter,
    Undo,
    ToggleLang,
    Help,
    /// A keystroke for the focused form field or the filter line.
    Edit(EditKey),
    NextField,
    PrevField,
    /// Save a form, confirm a question, keep a filter.
    Submit,
    /// Cancel a form or a question, clear a filter (Esc; on the main screen it clears the
    /// focused pane's filter and never quits).
    Cancel,
    /// In the cards list: add a card.
    CardAdd,
    /// In the cards list: make the selected card the default.
    CardSetDefault,
    /// In the cards list: replace the selected (lost) card by another.
    CardReplace,
    /// In the cards list: edit the selected card (fix a typo).
    CardEdit,
    /// In the cards list: delete the selected card (asks; only a card nothing refers to).
    CardDelete,
    /// In a plan's detail: dismiss the reminder to set up its auto-debit with a new card.
    DismissReminder,
    /// In the month view: by provider / by card.
    ToggleGrouping,
    /// In the month view: the calendar of the coming weeks / the 12 months.
    ToggleCalendar,
    /// The terminal changed size.
    Resize(u16, u16),
    /// A left click at (column, row): select the row or pane there, or run the key hint.
    Click(u16, u16),
    /// The wheel turned over (column, row): down (true) or up.
    Wheel(bool, u16, u16),
    /// Another process changed the database: reload what is shown.
    Refresh,
    /// The clock passed midnight: this is the new today.
    NewDay(chrono::NaiveDate),
    /// In the plan form: choose a provider preset to fill it (Ctrl-P).
    PickPreset,
    /// In the plan form: compare its amount across the presets (Ctrl-O).
    CompareOffers,
    /// Confirm the automatic posting selected in History (y).
    ConfirmPosting,
    /// Confirm every automatic posting due by today, asking first (Y).
    ConfirmToday,
    /// Reconcile a statement: ask for its file, then review it (R).
    Reconcile,
    /// In the statement review: tick or untick the selected line (Space).
    Toggle,
}
