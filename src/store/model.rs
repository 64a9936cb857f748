//! Read-model and draft types the store takes and returns: ids, cards, plans, periods, payments.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::sql::sql_code;
use crate::domain::code_enum::code_enum;
use crate::domain::payoff::PayoffQuote;
use crate::domain::privacy::mask_card_numbers;
pub use crate::domain::status::{InstallmentStatus, PlanStatus};
use crate::domain::{FeeModel, Money, PlanTerms};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.0))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    };
}

id_type!(
    /// A plan's id.
    PlanId
);
id_type!(
    /// A card's id.
    CardId
);
id_type!(
    /// A repayment's id.
    RepaymentId
);
id_type!(
    /// A change-log entry's id.
    ChangeId
);

code_enum!(
    /// How a repayment was made.
    Channel {
        App => "app",
        BankApp => "bank-app",
        OnlineBanking => "online-banking",
        AutoDebit => "auto-debit",
        Other => "other",
    }
);

code_enum!(
    /// Where a repayment's record came from: typed in, an automatic posting confirmed, or a
    /// statement line reconciled.
    RepaymentSource {
        Manual => "manual",
        AutoDebit => "auto-debit",
        Statement => "statement",
    }
);

code_enum!(
    /// What a repayment was for.
    RepaymentKind {
        Regular => "regular",
        Payoff => "payoff",
        Penalty => "penalty",
    }
);

code_enum!(
    /// Whether a card draws on the holder's money or on credit.
    CardKind {
        Debit => "debit",
        Credit => "credit",
    }
);

code_enum!(
    /// What a change-log entry did (and so how `undo` reverts it).
    ChangeKind {
        PlanAdd => "plan-add",
        PlanEdit => "plan-edit",
        PlanDelete => "plan-delete",
        Pay => "pay",
        FailedDebit => "failed-debit",
        Payoff => "payoff",
        CardAdd => "card-add",
        CardReplace => "card-replace",
        CardDefault => "card-default",
        LimitSet => "limit-set",
        Demo => "demo",
        Import => "import",
        Confirm => "confirm",
        Reconcile => "reconcile",
        CardEdit => "card-edit",
        CardDelete => "card-delete",
        ReminderDismiss => "reminder-dismiss",
    }
);

sql_code!(Channel, "channel");
sql_code!(RepaymentKind, "repayment kind");
sql_code!(RepaymentSource, "repayment source");
sql_code!(ChangeKind, "change kind");
sql_code!(CardKind, "card kind");

/// A bank card, stored as bank + last 4 digits + label (never a full number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub id: CardId,
    pub bank: String,
    pub last4: String,
    pub label: String,
    pub kind: CardKind,
    pub is_default: bool,
    pub archived: bool,
    pub replaced_by: Option<CardId>,
}

impl Card {
    /// `招商银行 ····1234 (工资卡)`.
    pub(crate) fn display(&self) -> String {
        if self.label.is_empty() {
            format!("{} ····{}", self.bank, self.last4)
        } else {
            format!("{} ····{} ({})", self.bank, self.last4, self.label)
        }
    }
}

/// What replacing a card did: how many plans moved, and the providers (debiting those plans
/// automatically) whose auto-debit must be set up again with the new card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardReplaced {
    pub moved: usize,
    pub providers: Vec<String>,
}

/// A new card: bank, exactly four digits, optional label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardDraft {
    pub bank: String,
    pub last4: String,
    pub label: String,
    pub kind: CardKind,
}

/// The longest note a plan keeps (the schema's limit too).
pub(crate) const NOTE_MAX_CHARS: usize = 500;

/// A new plan, or a plan's full new state for `update_plan`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDraft {
    pub name: String,
    pub provider: String,
    /// Free text: the provider's hotline, the account or phone number it is tied to.
    pub note: String,
    pub card: Option<CardId>,
    pub auto_debit: bool,
    /// With auto-debit: each period whose due date has come counts as paid (unconfirmed).
    pub auto_post: bool,
    pub terms: PlanTerms,
}

impl CardDraft {
    /// The draft with any full card number typed into its text masked to the last four digits.
    pub(crate) fn without_card_numbers(&self) -> CardDraft {
        CardDraft {
            bank: mask_card_numbers(&self.bank).into_owned(),
            last4: self.last4.clone(),
            label: mask_card_numbers(&self.label).into_owned(),
            kind: self.kind,
        }
    }
}

impl PlanDraft {
    /// The draft with any full card number typed into its name or provider masked.
    pub(crate) fn without_card_numbers(&self) -> PlanDraft {
        PlanDraft {
            name: mask_card_numbers(&self.name).into_owned(),
            provider: mask_card_numbers(&self.provider).into_owned(),
            note: mask_card_numbers(&self.note).into_owned(),
            ..self.clone()
        }
    }
}

/// One row of the plans pane / `plan list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSummary {
    pub id: PlanId,
    pub name: String,
    pub provider: String,
    pub card_id: Option<CardId>,
    pub auto_debit: bool,
    pub auto_post: bool,
    pub fee_model: FeeModel,
    pub principal: Money,
    pub periods: u32,
    pub paid_periods: u32,
    /// Principal and fee still to repay (penalties aside).
    pub remaining: Money,
    pub remaining_principal: Money,
    pub total_fee: Money,
    pub next_period: Option<u32>,
    pub next_due_date: Option<NaiveDate>,
    pub next_amount: Option<Money>,
    pub apr_percent: Decimal,
    pub ear_percent: Decimal,
    pub status: PlanStatus,
    pub paid_off_on: Option<NaiveDate>,
    /// The user's note: the provider's hotline, the account or phone number it is tied to.
    pub note: String,
    /// After a card replacement: the new card its auto-debit must be set up with again (until
    /// the reminder is dismissed).
    pub debit_setup: Option<CardId>,
}

/// One period of a plan's schedule with what has been paid and its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallmentView {
    pub period: u32,
    pub due_date: NaiveDate,
    pub amount: Money,
    pub principal: Money,
    pub fee: Money,
    /// Principal and fee paid so far.
    pub paid: Money,
    pub paid_penalty: Money,
    /// Principal and fee still owed (zero when paid or waived).
    pub unpaid: Money,
    /// Penalty owed so far as of the day asked about.
    pub penalty: Money,
    pub status: InstallmentStatus,
    pub settled_on: Option<NaiveDate>,
    /// False for an automatic posting not yet confirmed.
    pub confirmed: bool,
    /// Where what paid the period came from (`None`: nothing paid yet).
    pub source: Option<RepaymentSource>,
    /// For a failed debit: when the provider retries it.
    pub retry_on: Option<NaiveDate>,
}

/// Everything about one plan: terms, schedule with statuses, repayments, payoff quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDetail {
    /// The day the statuses, penalties and payoff quote are as of.
    pub on: NaiveDate,
    pub summary: PlanSummary,
    pub terms: PlanTerms,
    pub card: Option<Card>,
    /// The card a replacement asks to set the auto-debit up with again (see
    /// `PlanSummary::debit_setup`).
    pub debit_setup_card: Option<Card>,
    pub total_repayment: Money,
    pub schedule: Vec<InstallmentView>,
    pub repayments: Vec<Repayment>,
    /// The payoff quote for the day asked about; `None` when not allowed or nothing is owed.
    pub payoff: Option<PayoffQuote>,
}

/// A recorded repayment (or failed debit), with the card it used at the time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repayment {
    pub id: RepaymentId,
    pub plan_id: PlanId,
    pub plan_name: String,
    pub provider: String,
    pub paid_on: NaiveDate,
    pub amount: Money,
    pub channel: Channel,
    pub card: Option<Card>,
    pub reference: String,
    pub failed: bool,
    pub kind: RepaymentKind,
    /// For a failed debit: the period it was for.
    pub period: Option<u32>,
    pub source: RepaymentSource,
    /// For a failed debit: when the provider retries it.
    pub retry_on: Option<NaiveDate>,
}

/// An automatic posting: a period of an auto-debit plan whose due date has come, counted as
/// paid by auto-debit on its due date, not yet confirmed (derived, never stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub plan_id: PlanId,
    pub plan_name: String,
    pub provider: String,
    pub card_id: Option<CardId>,
    pub period: u32,
    pub due_date: NaiveDate,
    /// What the debit is assumed to have taken: what the period still owed.
    pub amount: Money,
}

/// A repayment to record. `amount: None` means what is due next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentDraft {
    pub amount: Option<Money>,
    pub on: NaiveDate,
    pub channel: Channel,
    /// `None` means the plan's card.
    pub card: Option<CardId>,
    pub reference: String,
}

impl PaymentDraft {
    /// The draft with any full card number typed into its reference masked.
    pub(crate) fn without_card_numbers(&self) -> PaymentDraft {
        PaymentDraft {
            reference: mask_card_numbers(&self.reference).into_owned(),
            ..self.clone()
        }
    }
}

/// What recording a payment did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentOutcome {
    pub id: RepaymentId,
    pub amount: Money,
    pub allocations: Vec<crate::domain::allocation::PeriodAllocation>,
    /// The period a failed debit was flagged on.
    pub flagged_period: Option<u32>,
}

/// One open period in the due report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub plan_id: PlanId,
    pub plan_name: String,
    pub provider: String,
    pub card_id: Option<CardId>,
    pub auto_debit: bool,
    pub period: u32,
    pub due_date: NaiveDate,
    /// Principal and fee still unpaid.
    pub amount: Money,
    /// Days until due (negative: days late).
    pub days: i64,
    /// Penalty owed so far.
    pub penalty: Money,
    /// Overdue once more than the grace days late; within grace it reads as due.
    pub status: InstallmentStatus,
    /// The plan's grace days after the due date.
    pub grace_days: u32,
    /// For a failed debit: when the provider retries it.
    pub retry_on: Option<NaiveDate>,
}

impl DueItem {
    /// Counted as overdue: past its grace days with more than the tolerance unpaid, or a
    /// failed debit past its grace days (it stays marked as failed).
    pub(crate) fn counts_overdue(&self) -> bool {
        self.status == InstallmentStatus::Overdue
            || (self.status == InstallmentStatus::DebitFailed
                && self.days < -i64::from(self.grace_days))
    }
}

/// What one card must hold, and by when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardTotal {
    pub card: Option<Card>,
    /// Everything due from this card in the report (unpaid amounts plus penalties).
    pub total: Money,
    /// The earliest date money is needed (today for overdue items).
    pub by: NaiveDate,
    pub items: usize,
    /// The running total the card must hold before each date.
    pub by_date: Vec<(NaiveDate, Money)>,
}

/// Overdue and upcoming periods as of a day, with per-card totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueReport {
    pub today: NaiveDate,
    pub days: u32,
    pub overdue: Vec<DueItem>,
    pub upcoming: Vec<DueItem>,
    pub per_card: Vec<CardTotal>,
    /// Automatic postings not yet confirmed, oldest first.
    pub unconfirmed: Vec<Posting>,
}

/// The status bar: due soon, overdue, next due date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatusTotals {
    pub due_7_days: Money,
    pub due_30_days: Money,
    pub overdue_count: u64,
    /// Unpaid principal and fee of overdue periods.
    pub overdue_amount: Money,
    pub overdue_penalty: Money,
    pub next_due_date: Option<NaiveDate>,
    /// Automatic postings not yet confirmed.
    pub unconfirmed_count: u64,
}

impl StatusTotals {
    /// Adds the periods past due (from [`Store::past_due_items`](super::Store)) to figures
    /// from the day tallies: those still within grace are due now (in the 7 and 30 days), the
    /// others overdue, with their penalties so far.
    pub(crate) fn add_past_due(
        &mut self,
        past_due: &[DueItem],
    ) -> Result<(), crate::domain::money::Overflow> {
        let (overdue, in_grace): (Vec<&DueItem>, Vec<&DueItem>) =
            past_due.iter().partition(|item| item.counts_overdue());
        let in_grace = Money::try_sum(in_grace.iter().map(|i| i.amount))?;
        self.due_7_days = self.due_7_days.try_add(in_grace)?;
        self.due_30_days = self.due_30_days.try_add(in_grace)?;
        self.overdue_count = overdue.len() as u64;
        self.overdue_amount = Money::try_sum(overdue.iter().map(|i| i.amount))?;
        self.overdue_penalty = Money::try_sum(overdue.iter().map(|i| i.penalty))?;
        Ok(())
    }
}

/// Which repayments `list_history` returns; `limit: None` means all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoryFilter {
    pub plan: Option<PlanId>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub channel: Option<Channel>,
    pub card: Option<CardId>,
    /// Text found in the plan name, provider or reference.
    pub text: Option<String>,
    pub failed_only: bool,
    pub limit: Option<u32>,
    pub offset: u32,
    /// How many repayments match, when the caller knows: a window past the middle is then
    /// read from the end.
    pub total: Option<u64>,
}

/// Which plans `list_plan_summaries` returns; `limit: None` means all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanFilter {
    /// Text found in the name or provider.
    pub text: Option<String>,
    pub provider: Option<String>,
    pub card: Option<CardId>,
    /// Include completed and paid-off plans.
    pub include_finished: bool,
    pub limit: Option<u32>,
    pub offset: u32,
    /// How many plans match, when the caller knows: a window past the middle is then read
    /// from the end.
    pub total: Option<u64>,
}

/// A provider's credit limit (额度) and how much of it plans use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitRow {
    pub provider: String,
    pub limit: Money,
    /// Unpaid principal of the provider's plans.
    pub used: Money,
    /// `limit − used`; negative when over the limit.
    pub available: Money,
}

/// How `month_totals` groups amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthGrouping {
    Provider,
    Card,
}

/// Unpaid amounts due in one month for one provider or card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthTotal {
    /// The first day of the month.
    pub month: NaiveDate,
    /// The provider name, or the card's display text (empty when no card).
    pub group: String,
    pub amount: Money,
}

sql_code!(InstallmentStatus, "installment status");
sql_code!(PlanStatus, "plan status");
