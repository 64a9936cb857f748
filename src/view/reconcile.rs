//! The reconciliation view model: a statement read, matched against what the store expects, as
//! the items `reconcile` prints and the TUI's review screen lists — each with what applying it
//! writes.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;

use crate::domain::Money;
use crate::i18n::reconcile::{ReconcileText, action_name};
use crate::i18n::{Lang, fill};
use crate::statement::matching::{
    Action, EARLY_DAYS, ExpectedInstallment, KnownPlan, LATE_DAYS, MatchOptions, PaymentState,
    Reconciliation, reconcile,
};
use crate::statement::{
    CardLast4, Format, Provider, ReadOptions, Statement, StatementError, StatementLine,
    read_statement_file,
};
use crate::store::reconcile::{ExpectedPeriod, KnownPayment, ReconcileOutcome, ReconcileWrite};
use crate::store::{Card, CardId, Channel, PlanId, Store, StoreError};

/// Why a statement could not be reviewed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReviewError {
    #[error(transparent)]
    Statement(#[from] StatementError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What to review: the statement's file, how to read it, the card it is of.
#[derive(Debug, Clone, Default)]
pub struct ReviewRequest {
    pub read: ReadOptions,
    /// The fenqi card the statement is of (`--card`).
    pub card: Option<CardId>,
}

/// The installment an item concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallmentRef {
    pub plan_id: PlanId,
    pub plan_name: String,
    pub provider: String,
    pub period: u32,
    pub periods: u32,
    pub due_on: NaiveDate,
}

/// Which list an item is in, with what only that list says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// A line that pays an installment: `action` says what applying does; nothing when the
    /// installment is `already_confirmed`. `with_lines`: the other lines paying it together.
    Matched {
        action: Action,
        already_confirmed: bool,
        with_lines: Vec<u32>,
    },
    /// An installment due inside the statement's dates on what it covers, with no line;
    /// `already_failed` when a failed debit is recorded for it already.
    Missing { already_failed: bool },
    /// A second line for an installment another line (`matched_line`) pays.
    Duplicate { matched_line: u32 },
    /// A repayment-like line no installment explains.
    Unexpected,
    /// A purchase on credit no plan covers.
    SuggestedPlan {
        provider: Option<Provider>,
        periods: Option<u32>,
    },
}

/// One item of the review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    pub kind: ItemKind,
    /// The statement line (its number in the file); `None` for a missing installment.
    pub line: Option<u32>,
    /// The line's date (the due date of a missing installment).
    pub date: NaiveDate,
    /// The line's amount without its sign (what a missing installment owes; a suggested
    /// plan's purchase less refunds).
    pub amount: Money,
    /// The line's text (the provider and name of a missing installment's plan).
    pub text: String,
    pub installment: Option<InstallmentRef>,
    /// What applying the item writes, if anything.
    pub write: Option<ReconcileWrite>,
}

/// A statement matched against the store, ready to show and to apply.
#[derive(Debug, Clone)]
pub struct Review {
    /// The statement's file name, as the change log names it.
    pub source: String,
    pub format: Format,
    pub range: Option<(NaiveDate, NaiveDate)>,
    pub lines: usize,
    /// Matched, missing, duplicates, unexpected, suggested plans, in that order.
    pub items: Vec<ReviewItem>,
}

impl Review {
    /// What applying every item writes.
    pub(crate) fn writes(&self) -> Vec<ReconcileWrite> {
        self.items.iter().filter_map(|i| i.write.clone()).collect()
    }

    /// What applying the items `chosen` says (by index) writes.
    #[allow(
        dead_code,
        reason = "for the TUI review screen's toggles, landing beside it"
    )]
    pub(crate) fn chosen_writes(&self, chosen: impl Fn(usize) -> bool) -> Vec<ReconcileWrite> {
        self.items
            .iter()
            .enumerate()
            .filter(|(at, _)| chosen(*at))
            .filter_map(|(_, i)| i.write.clone())
            .collect()
    }

    /// The plans `writes` write to, in order.
    pub(crate) fn plans_of(writes: &[ReconcileWrite]) -> Vec<PlanId> {
        let plans: BTreeSet<PlanId> = writes.iter().map(ReconcileWrite::plan).collect();
        plans.into_iter().collect()
    }

    /// How many items are in each list: matched, missing, duplicates, unexpected, suggested.
    pub(crate) fn counts(&self) -> [usize; 5] {
        let mut counts = [0; 5];
        for item in &self.items {
            counts[item.kind.list()] += 1;
        }
        counts
    }
}

impl ItemKind {
    /// The list the item is in (0 matched … 4 suggested plans).
    pub(crate) fn list(&self) -> usize {
        match self {
            ItemKind::Matched { .. } => 0,
            ItemKind::Missing { .. } => 1,
            ItemKind::Duplicate { .. } => 2,
            ItemKind::Unexpected => 3,
            ItemKind::SuggestedPlan { .. } => 4,
        }
    }
}

/// Reads the statement at `path` and matches it against what `store` expects on `today`.
pub(crate) fn review(
    store: &Store,
    path: &Path,
    request: &ReviewRequest,
    today: NaiveDate,
) -> Result<Review, ReviewError> {
    let mut statement = read_statement_file(path, &request.read)?;
    let cards = store.list_cards(true)?;
    let card = match request.card {
        Some(id) => Some(store.card(id)?),
        None => None,
    };
    let card_tail = card.as_ref().and_then(|c| CardLast4::parse(&c.last4));
    if let Some(tail) = card_tail
        && matches!(statement.format, Format::Bank { .. } | Format::Generic)
    {
        for line in statement
            .lines
            .iter_mut()
            .filter(|l| l.card_last4.is_none())
        {
            line.card_last4 = Some(tail);
        }
    }
    let range = statement.date_range();
    let expected = match range {
        Some((first, last)) => {
            store.expected_periods(shift(first, -LATE_DAYS), shift(last, EARLY_DAYS), today)?
        }
        None => Vec::new(),
    };
    let installments: Vec<ExpectedInstallment> = expected.iter().map(installment_of).collect();
    let plans: Vec<KnownPlan> = store
        .plan_starts()?
        .into_iter()
        .map(|p| KnownPlan {
            plan_id: p.plan_id.0,
            provider: p.provider,
            principal: p.principal,
            start: p.start,
        })
        .collect();
    let options = MatchOptions {
        cards: card_tail.into_iter().collect(),
    };
    let result = reconcile(&statement, &installments, &plans, &options);
    let context = Context {
        statement: &statement,
        expected: &expected,
        cards: &cards,
        today,
    };
    Ok(Review {
        source: path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
        format: statement.format,
        range,
        lines: statement.lines.len(),
        items: context.items(&result),
    })
}

/// `date` moved by `days` (kept as it is at the ends of the calendar).
fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(chrono::Duration::days(days))
        .unwrap_or(date)
}

/// A period as the matcher expects it.
fn installment_of(p: &ExpectedPeriod) -> ExpectedInstallment {
    ExpectedInstallment {
        plan_id: p.plan_id.0,
        period: p.period,
        periods: p.periods,
        provider: p.provider.clone(),
        card_last4: p.card_last4.as_deref().and_then(CardLast4::parse),
        due_on: p.due_on,
        retry_on: p.retry_on,
        amount_due: p.amount_due,
        penalty: p.penalty,
        state: match p.payment {
            KnownPayment::Open => PaymentState::Open,
            KnownPayment::Failed => PaymentState::Failed,
            KnownPayment::Posted => PaymentState::Assumed,
            KnownPayment::Recorded => PaymentState::Recorded,
            KnownPayment::Confirmed => PaymentState::Confirmed,
        },
        reference: p.statement_key.clone(),
    }
}

/// What the items are built from.
struct Context<'a> {
    statement: &'a Statement,
    expected: &'a [ExpectedPeriod],
    cards: &'a [Card],
    today: NaiveDate,
}

impl Context<'_> {
    fn items(&self, result: &Reconciliation) -> Vec<ReviewItem> {
        let mut items = Vec::new();
        for m in &result.matched {
            let with_lines: Vec<u32> = m.with.iter().map(|&l| self.line(l).line).collect();
            let amount = Money::try_sum(
                std::iter::once(m.line)
                    .chain(m.with.iter().copied())
                    .map(|l| self.line(l).magnitude()),
            )
            .unwrap_or(Money::ZERO);
            let write = (!m.already_confirmed)
                .then(|| self.payment(m.line, m.installment, amount, m.action))
                .flatten();
            items.push(ReviewItem {
                amount,
                write,
                ..self.line_item(
                    m.line,
                    Some(m.installment),
                    ItemKind::Matched {
                        action: m.action,
                        already_confirmed: m.already_confirmed,
                        with_lines,
                    },
                )
            });
        }
        for missing in &result.missing {
            let p = &self.expected[missing.installment];
            if p.due_on > self.today {
                continue;
            }
            let write = (p.auto_debit
                && matches!(p.payment, KnownPayment::Open | KnownPayment::Posted))
            .then_some(ReconcileWrite::Fail {
                plan: p.plan_id,
                period: p.period,
            });
            items.push(ReviewItem {
                kind: ItemKind::Missing {
                    already_failed: p.payment == KnownPayment::Failed,
                },
                line: None,
                date: p.due_on,
                amount: p.amount_due,
                text: format!("{} {}", p.provider, p.plan_name),
                installment: Some(installment_ref(p)),
                write,
            });
        }
        for d in &result.duplicates {
            let matched_line = self.line(d.matched_line).line;
            items.push(self.line_item(
                d.line,
                Some(d.installment),
                ItemKind::Duplicate { matched_line },
            ));
        }
        for u in &result.unexpected {
            items.push(self.line_item(u.line, None, ItemKind::Unexpected));
        }
        for s in &result.suggested_plans {
            items.push(ReviewItem {
                amount: s.principal,
                ..self.line_item(
                    s.line,
                    None,
                    ItemKind::SuggestedPlan {
                        provider: s.provider,
                        periods: s.periods,
                    },
                )
            });
        }
        items
    }

    fn line(&self, at: usize) -> &StatementLine {
        &self.statement.lines[at]
    }

    /// An item of line `at`, about installment `installment` if any, writing nothing.
    fn line_item(&self, at: usize, installment: Option<usize>, kind: ItemKind) -> ReviewItem {
        let line = self.line(at);
        ReviewItem {
            kind,
            line: Some(line.line),
            date: line.date,
            amount: line.magnitude(),
            text: line.text.clone(),
            installment: installment.map(|i| installment_ref(&self.expected[i])),
            write: None,
        }
    }

    /// What applying a matched line writes: the repayment recorded or confirmed from it, by
    /// its key; nothing for a line dated after today (only money that moved is recorded).
    fn payment(
        &self,
        at: usize,
        installment: usize,
        amount: Money,
        action: Action,
    ) -> Option<ReconcileWrite> {
        let line = self.line(at);
        if line.date > self.today {
            return None;
        }
        let p = &self.expected[installment];
        let key = line.key.as_str().to_string();
        let reference = line.order_id.clone().unwrap_or_else(|| key.clone());
        Some(match action {
            Action::Confirm => ReconcileWrite::Confirm {
                plan: p.plan_id,
                period: p.period,
                on: line.date,
                amount,
                reference,
                key,
            },
            Action::Record => ReconcileWrite::Record {
                plan: p.plan_id,
                period: p.period,
                on: line.date,
                amount,
                channel: self.channel(p),
                card: self.card_of(line),
                reference,
                key,
            },
        })
    }

    /// The channel a recorded line went through: the plan's auto-debit, a wallet's app, or
    /// something else the statement does not say.
    fn channel(&self, p: &ExpectedPeriod) -> Channel {
        match self.statement.format {
            _ if p.auto_debit => Channel::AutoDebit,
            Format::Alipay | Format::Wechat | Format::Jd => Channel::App,
            Format::Bank { .. } | Format::Generic => Channel::Other,
        }
    }

    /// The one card fenqi knows by the last four digits the line names, if exactly one.
    fn card_of(&self, line: &StatementLine) -> Option<CardId> {
        let tail = line.card_last4?;
        let mut cards = self
            .cards
            .iter()
            .filter(|c| !c.archived && c.last4 == tail.as_str());
        match (cards.next(), cards.next()) {
            (Some(card), None) => Some(card.id),
            _ => None,
        }
    }
}

fn installment_ref(p: &ExpectedPeriod) -> InstallmentRef {
    InstallmentRef {
        plan_id: p.plan_id,
        plan_name: p.plan_name.clone(),
        provider: p.provider.clone(),
        period: p.period,
        periods: p.periods,
        due_on: p.due_on,
    }
}

/// What `writes` would write, counted by kind.
pub(crate) fn planned(writes: &[ReconcileWrite]) -> ReconcileOutcome {
    let mut counts = ReconcileOutcome::default();
    for write in writes {
        match write {
            ReconcileWrite::Record { .. } => counts.recorded += 1,
            ReconcileWrite::Confirm { .. } => counts.confirmed += 1,
            ReconcileWrite::Fail { .. } => counts.failed += 1,
        }
    }
    counts
}

/// What an item's Action column says.
pub(crate) fn action_text(lang: Lang, item: &ReviewItem) -> String {
    use ReconcileText as T;
    match &item.kind {
        ItemKind::Matched {
            already_confirmed: true,
            ..
        } => T::AlreadyConfirmed.text(lang).to_string(),
        ItemKind::Matched {
            action, with_lines, ..
        } => {
            let name = action_name(lang, *action).to_string();
            match with_lines.as_slice() {
                [] => name,
                lines => {
                    let lines: Vec<String> = lines.iter().map(u32::to_string).collect();
                    format!(
                        "{name} {}",
                        fill(T::WithLines.text(lang), &[&lines.join(", ")])
                    )
                }
            }
        }
        ItemKind::Missing { .. } if item.write.is_some() => T::ActionFail.text(lang).to_string(),
        ItemKind::Missing {
            already_failed: true,
        } => T::AlreadyFailed.text(lang).to_string(),
        ItemKind::Duplicate { matched_line } => fill(T::DoubleOf.text(lang), &[matched_line]),
        _ => T::ActionNone.text(lang).to_string(),
    }
}
