//! What the panes and overlays show, as plain data loaded from the store.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::widgets::month_chart::MonthSeries;
use crate::domain::Money;
use crate::domain::payoff::{PayoffQuote, PeriodState};
use crate::domain::summary::PlanQuote;
use crate::tui::forms::plan::PlanDraft;

/// One line of the Plans pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    pub id: i64,
    pub provider: String,
    pub name: String,
    pub paid_periods: u32,
    pub periods: u32,
    pub next_due: Option<NaiveDate>,
    pub remaining: Money,
    pub apr_percent: Decimal,
    /// Some period is past due and unpaid.
    pub overdue: bool,
}

/// One line of the Upcoming pane: an unpaid installment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRow {
    pub plan_id: i64,
    pub plan_name: String,
    pub provider: String,
    pub period: u32,
    pub due_date: NaiveDate,
    /// Still unpaid.
    pub amount: Money,
    /// Days left (negative: days late).
    pub days: i64,
    pub penalty: Money,
    pub card: Option<String>,
    pub auto_debit: bool,
    /// The last auto-debit of this period failed.
    pub debit_failed: bool,
}

/// One line of the History pane: a repayment or a failed debit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRow {
    pub id: i64,
    pub plan_id: i64,
    pub plan_name: String,
    pub paid_on: NaiveDate,
    pub amount: Money,
    pub channel: String,
    pub card: Option<String>,
    pub reference: Option<String>,
    pub failed: bool,
    pub kind: String,
}

/// What one card must hold for the next seven days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardTotal {
    /// `None`: plans without a card.
    pub card: Option<String>,
    pub amount: Money,
}

/// The figures of the status bar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusTotals {
    pub due_7: Money,
    pub due_30: Money,
    pub overdue_count: u64,
    pub overdue_amount: Money,
    /// Days until the next unpaid due date on or after today.
    pub next_due_days: Option<i64>,
}

/// A card as the cards list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRow {
    pub id: i64,
    pub bank: String,
    pub last4: String,
    pub label: Option<String>,
    pub default: bool,
    pub archived: bool,
    /// Plans this card pays.
    pub plans: u64,
}

impl CardRow {
    /// `招商银行 ••1234 (label)`.
    pub fn display(&self) -> String {
        match &self.label {
            Some(label) => format!("{} ••{} ({label})", self.bank, self.last4),
            None => format!("{} ••{}", self.bank, self.last4),
        }
    }
}

/// One period of a plan's schedule with its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodRow {
    pub period: u32,
    pub due_date: NaiveDate,
    pub amount: Money,
    pub principal: Money,
    pub fee: Money,
    pub paid: Money,
    /// `pending|paid|partly-paid|debit-failed|overdue|waived`.
    pub status: String,
}

/// Everything the detail view shows about one plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDetail {
    pub id: i64,
    pub draft: PlanDraft,
    pub card_label: Option<String>,
    pub quote: PlanQuote,
    pub schedule: Vec<PeriodRow>,
    pub states: Vec<PeriodState>,
    pub payments: Vec<HistoryRow>,
    /// Payoff today under the plan's policy, or why there is none.
    pub payoff: Result<PayoffQuote, String>,
    /// What is due next (amount of the oldest unpaid periods up to the next one due).
    pub due_now: Money,
}

/// The month view's data for both groupings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthData {
    pub by_provider: MonthSeries,
    pub by_card: MonthSeries,
}
