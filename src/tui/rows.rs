//! What the overlays show beyond the store's own read models.

use crate::domain::Money;
use crate::store::{CardId, PlanDetail, PlanId, Posting, Repayment};
use crate::tui::widgets::calendar::DueCalendar;
use crate::tui::widgets::month_chart::MonthSeries;

/// What one card must hold for the next seven days (`None`: plans without a card).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardNeed {
    pub card: Option<CardId>,
    pub amount: Money,
}

/// A plan's detail and what is due on it now (for the detail view and the repayment form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailData {
    pub detail: PlanDetail,
    /// The oldest open period's unpaid amount with its penalty so far; `None` when nothing is owed.
    pub due_now: Option<Money>,
}

/// The month view's data for both groupings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthData {
    pub by_provider: MonthSeries,
    pub by_card: MonthSeries,
    /// The coming weeks day by day, due days marked by card.
    pub calendar: DueCalendar,
}

/// A row of the History pane: a recorded repayment (or failed debit), or an automatic posting
/// not yet confirmed (listed first, as they want attention).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryRow {
    Recorded(Repayment),
    Posted(Posting),
}

impl HistoryRow {
    pub(crate) fn plan_id(&self) -> PlanId {
        match self {
            HistoryRow::Recorded(r) => r.plan_id,
            HistoryRow::Posted(p) => p.plan_id,
        }
    }
}
