//! What is drawn over the panes, as state: the overlays (forms, questions, views) and the
//! status-bar note; the app changes them, the overlays module draws them.

use chrono::NaiveDate;

use super::draft::FormDraft;
use super::forms::advise::AdviseForm;
use super::forms::card::{CardForm, ReplaceForm};
use super::forms::export::ExportForm;
use super::forms::limit::LimitForm;
use super::forms::payment::PaymentForm;
use super::forms::payoff::PayoffForm;
use super::forms::plan::PlanForm;
use super::forms::prepay::PrepayForm;
use super::forms::reconcile::ReconcileForm;
use super::picker::{OfferList, PresetPicker};
use super::rows::{DetailData, MonthData};
use crate::domain::Money;
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};
use crate::store::shown::{PlanStamp, Shown};
use crate::store::{CardId, PlanId, Repayment};
use crate::view::reconcile::{Review, ReviewRequest};

/// A form open on screen.
#[derive(Debug, Clone)]
pub enum FormView {
    Plan(Box<PlanForm>),
    Payment(Box<PaymentForm>),
    Card(CardForm),
    Replace(ReplaceForm),
    Payoff(Box<PayoffForm>),
    Prepay(Box<PrepayForm>),
    Limit(Box<LimitForm>),
    Export(Box<ExportForm>),
    Advise(Box<AdviseForm>),
    /// The statement to reconcile.
    Reconcile(Box<ReconcileForm>),
}

impl FormView {
    /// True when the user typed or chose something in the form (what Ctrl-C would lose).
    pub(crate) fn has_typed_text(&self) -> bool {
        match self {
            FormView::Plan(f) => f.form.edited(),
            FormView::Payment(f) => f.form.edited(),
            FormView::Card(f) => f.form.edited(),
            FormView::Replace(f) => f.form.edited(),
            FormView::Payoff(f) => f.form.edited(),
            FormView::Prepay(f) => f.form.edited(),
            FormView::Limit(f) => f.form.edited(),
            FormView::Export(f) => f.form.edited(),
            FormView::Advise(f) => f.form.edited(),
            FormView::Reconcile(f) => f.form.edited(),
        }
    }

    /// Revalidates the form's fields (a payoff form is requoted by the app instead).
    pub(crate) fn refresh(&mut self, lang: Lang, today: NaiveDate) {
        match self {
            FormView::Plan(f) => f.refresh(lang, today),
            FormView::Payment(f) => f.refresh(lang),
            FormView::Card(f) => f.refresh(lang),
            FormView::Replace(f) => f.refresh(lang),
            FormView::Limit(f) => f.refresh(lang),
            FormView::Export(f) => f.refresh(lang),
            FormView::Advise(f) => f.refresh(lang),
            FormView::Reconcile(f) => f.refresh(lang),
            FormView::Payoff(_) | FormView::Prepay(_) => {}
        }
    }
}

/// A yes/no question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    DeletePlan {
        id: PlanId,
        name: String,
        /// The plan as the question showed it: deleted only while it is still so.
        shown: PlanStamp,
    },
    DeleteCard {
        id: CardId,
        name: String,
    },
    /// Take back a repayment (its plan's newest), as undo would.
    TakeBack(Box<Repayment>),
    LoadDemo,
    /// A form was left half-typed when a signal ended the last session: restore it?
    RestoreDraft(Box<FormDraft>),
    /// Ctrl-C while a form holds typed text: quit and lose it?
    Quit,
    /// Confirm every automatic posting due by today: how many, and what they come to.
    ConfirmPostings {
        count: u64,
        amount: Money,
    },
    /// A failed debit on a plan without auto-debit: record it anyway?
    FailedWithoutAutoDebit {
        id: PlanId,
        name: String,
    },
}

/// A statement under review: what each line does, which are ticked, the selection; the plans
/// its writes act on as they were shown, and how to read the statement again.
#[derive(Debug, Clone)]
pub struct ReviewView {
    pub review: Review,
    /// Per item: ticked to be applied (only items that write anything can be).
    pub chosen: Vec<bool>,
    pub selected: usize,
    pub shown: Vec<Shown>,
    pub path: std::path::PathBuf,
    pub request: ReviewRequest,
}

/// A plan's detail view and how far it is scrolled.
#[derive(Debug, Clone)]
pub struct DetailView {
    pub data: Box<DetailData>,
    pub scroll: usize,
}

/// The cards list and its selection.
#[derive(Debug, Clone, Default)]
pub struct CardsView {
    pub selected: usize,
}

/// The credit limits list and its selection.
#[derive(Debug, Clone, Default)]
pub struct LimitsView {
    pub selected: usize,
    pub rows: Vec<crate::store::LimitRow>,
}

/// The month view and its grouping.
#[derive(Debug, Clone)]
pub struct MonthView {
    pub data: MonthData,
    pub by_card: bool,
    /// Showing the calendar of the coming weeks instead of the 12 months.
    pub calendar: bool,
}

/// The summary view: what `fenqi summary` shows, with the balance month by month as a chart.
#[derive(Debug, Clone)]
pub struct SummaryView {
    pub data: Box<crate::domain::overview::Overview>,
}

/// Something drawn over the panes; the topmost one takes the keys.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help,
    Detail(DetailView),
    Month(MonthView),
    Cards(CardsView),
    Limits(LimitsView),
    Summary(SummaryView),
    Form(FormView),
    Confirm(Confirm),
    Error(String),
    /// The provider preset picker over the plan form.
    Picker(PresetPicker),
    /// The plan form's amount compared across the presets.
    Offers(Box<OfferList>),
    /// A statement's lines, each with what applying it does.
    Review(Box<ReviewView>),
}

/// A one-line note in the status bar after a change, shown in the current language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: TuiText,
    pub args: Vec<String>,
}

impl Note {
    pub(crate) fn new(text: TuiText) -> Note {
        Note {
            text,
            args: Vec::new(),
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<&dyn std::fmt::Display> = self
            .args
            .iter()
            .map(|a| a as &dyn std::fmt::Display)
            .collect();
        fill(self.text.text(lang), &args)
    }
}
