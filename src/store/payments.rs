//! Recording money: repayments (oldest period first), failed auto-debits, and early payoffs.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::changelog::{self, UndoStep};
use super::ledger;
use super::model::*;
use super::plans::{check_card, load_ledger, plan_subject};
use super::sql::SqlDate;
use super::subject::{ChangeSubject, PlanRef};
use super::{Store, StoreResult};
use crate::domain::Money;
use crate::domain::allocation::{AllocationError, PeriodAllocation, check_date_order};
use crate::domain::ledger::Ledger;
use crate::domain::payoff::PayoffQuote;
use crate::domain::prepay::{PrepayMode, PrepayQuote};

/// A repayment row to insert.
pub(crate) struct NewRepayment<'a> {
    pub plan: PlanId,
    pub paid_on: NaiveDate,
    pub amount: Money,
    pub channel: Channel,
    pub card: Option<CardId>,
    pub reference: &'a str,
    pub kind: RepaymentKind,
    pub failed: bool,
    pub period: Option<u32>,
    pub source: RepaymentSource,
    /// For a failed debit: when the provider retries it.
    pub retry_on: Option<NaiveDate>,
    /// The statement line a reconciled repayment came from.
    pub statement_key: Option<&'a str>,
}

/// Inserts a repayment and how it was allocated; returns its id.
pub(crate) fn insert_repayment(
    conn: &Connection,
    r: &NewRepayment<'_>,
    allocations: &[PeriodAllocation],
) -> StoreResult<RepaymentId> {
    let mut ids = insert_repayments(conn, std::iter::once((r, allocations)))?;
    Ok(ids.pop().unwrap_or(RepaymentId(conn.last_insert_rowid())))
}

/// Inserts repayments and how each was allocated, preparing the two statements once (a demo
/// fill writes hundreds of thousands); returns their ids in order.
pub(crate) fn insert_repayments<'r>(
    conn: &Connection,
    repayments: impl IntoIterator<Item = (&'r NewRepayment<'r>, &'r [PeriodAllocation])>,
) -> StoreResult<Vec<RepaymentId>> {
    let mut repayment_stmt = conn.prepare_cached(
        "INSERT INTO repayments (plan_id, paid_on, amount_cents, channel, card_id, reference,
             kind, failed, period, source, retry_on, statement_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let mut allocation_stmt = conn.prepare_cached(
        "INSERT INTO allocations (repayment_id, plan_id, period, penalty_cents, fee_cents,
             principal_cents)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut ids = Vec::new();
    for (r, allocations) in repayments {
        repayment_stmt.execute(params![
            r.plan,
            SqlDate(r.paid_on),
            r.amount,
            r.channel,
            r.card,
            r.reference,
            r.kind,
            r.failed,
            r.period,
            r.source,
            r.retry_on.map(SqlDate),
            r.statement_key,
        ])?;
        let id = RepaymentId(conn.last_insert_rowid());
        for a in allocations {
            allocation_stmt.execute(params![
                id,
                r.plan,
                a.period,
                a.penalty,
                a.fee,
                a.principal
            ])?;
        }
        ids.push(id);
    }
    Ok(ids)
}

/// The plan's name, provider and card.
fn plan_basics(conn: &Connection, plan: PlanId) -> StoreResult<(String, String, Option<CardId>)> {
    use rusqlite::OptionalExtension;
    conn.prepare_cached("SELECT name, provider, card_id FROM plans WHERE id = ?1")?
        .query_row([plan], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or(super::StoreError::PlanNotFound(plan))
}

/// The card a payment used: the one given (which must be usable) or the plan's.
fn payment_card(
    conn: &Connection,
    given: Option<CardId>,
    plan_card: Option<CardId>,
) -> StoreResult<Option<CardId>> {
    match given {
        Some(card) => {
            check_card(conn, card)?;
            Ok(Some(card))
        }
        None => Ok(plan_card),
    }
}

/// What a change to one plan needs: its ledger, before-image and basics.
struct PlanChange {
    ledger: Ledger,
    image: changelog::PlanImage,
    subject: PlanRef,
    card: Option<CardId>,
}

fn begin_plan_change(
    conn: &Connection,
    plan: PlanId,
    card: Option<CardId>,
) -> StoreResult<PlanChange> {
    let (name, provider, plan_card) = plan_basics(conn, plan)?;
    let card = payment_card(conn, card, plan_card)?;
    Ok(PlanChange {
        ledger: load_ledger(conn, plan)?,
        image: changelog::snapshot_plan(conn, plan)?,
        subject: plan_subject(plan, &name, &provider),
        card,
    })
}

/// What one payment did to its plan's ledger, ready to record.
struct Applied {
    amount: Money,
    kind: RepaymentKind,
    allocations: Vec<PeriodAllocation>,
    /// The period a failed auto-debit flagged (its repayment row is then marked failed).
    flagged_period: Option<u32>,
    /// For a failed debit: when the provider retries it.
    retry_on: Option<NaiveDate>,
}

impl Applied {
    /// An early repayment (a payoff or a partial prepayment) of `amount`.
    fn early(amount: Money, allocations: Vec<PeriodAllocation>) -> Applied {
        Applied {
            amount,
            kind: RepaymentKind::Payoff,
            allocations,
            flagged_period: None,
            retry_on: None,
        }
    }
}

impl Store {
    /// Records one payment on a plan in one transaction: `apply` changes the plan's ledger and
    /// says what it did; the repayment row, the ledger and an undoable change entry are saved.
    /// A payment (or failed debit, or payoff) dated before the plan's latest recorded one is
    /// refused: repayments are applied in date order.
    fn record_on_plan<T>(
        &mut self,
        plan: PlanId,
        draft: &PaymentDraft,
        change: ChangeKind,
        apply: impl FnOnce(&mut Ledger) -> StoreResult<(Applied, T)>,
    ) -> StoreResult<(PaymentOutcome, T)> {
        let draft = &draft.without_card_numbers();
        self.write(|tx| {
            let PlanChange {
                mut ledger,
                image,
                subject,
                card,
            } = begin_plan_change(tx, plan, draft.card)?;
            check_date_order(ledger.latest_payment, draft.on)?;
            let (applied, extra) = apply(&mut ledger)?;
            let id = insert_repayment(
                tx,
                &NewRepayment {
                    plan,
                    paid_on: draft.on,
                    amount: applied.amount,
                    channel: draft.channel,
                    card,
                    reference: &draft.reference,
                    kind: applied.kind,
                    failed: applied.flagged_period.is_some(),
                    period: applied
                        .allocations
                        .first()
                        .map(|a| a.period)
                        .or(applied.flagged_period),
                    source: RepaymentSource::Manual,
                    retry_on: applied.retry_on,
                    statement_key: None,
                },
                &applied.allocations,
            )?;
            ledger::save_changes(tx, plan, &ledger)?;
            changelog::log_change(
                tx,
                change,
                &ChangeSubject::Payment {
                    plan: subject,
                    amount: applied.amount,
                },
                &[UndoStep::RestorePlan { image }],
            )?;
            let outcome = PaymentOutcome {
                id,
                amount: applied.amount,
                allocations: applied.allocations,
                flagged_period: applied.flagged_period,
            };
            Ok((outcome, extra))
        })
    }

    /// Records a repayment on `draft.on`. With no amount, pays what is due next (the oldest
    /// open period with its penalty so far). Allocated oldest first: penalty, fee, principal.
    /// More than is owed is refused (use `record_payoff`).
    pub fn record_payment(
        &mut self,
        plan: PlanId,
        draft: &PaymentDraft,
    ) -> StoreResult<PaymentOutcome> {
        let (outcome, ()) = self.record_on_plan(plan, draft, ChangeKind::Pay, |ledger| {
            let amount = match draft.amount {
                Some(amount) => amount,
                None => ledger.due_next(draft.on)?,
            };
            let allocations = ledger.apply_payment(amount, draft.on)?;
            let applied = Applied {
                amount,
                kind: RepaymentKind::Regular,
                allocations,
                flagged_period: None,
                retry_on: None,
            };
            Ok((applied, ()))
        })?;
        Ok(outcome)
    }

    /// Records a failed auto-debit: no money moves, the oldest open period is flagged
    /// debit-failed. The amount defaults to what was due next.
    pub fn record_failed_debit(
        &mut self,
        plan: PlanId,
        draft: &PaymentDraft,
    ) -> StoreResult<PaymentOutcome> {
        self.record_failed_debit_retried(plan, draft, None)
    }

    /// Records a failed auto-debit on `draft.on`, to be retried on `retry_on`: no money moves;
    /// the period flagged debit-failed is, on a plan that posts auto-debits, the latest one
    /// due by then (its posting is replaced), otherwise the oldest open one. It stays flagged
    /// until paid. The amount defaults to what was due next on a plan without postings, and
    /// to what the flagged period still owes on one with them.
    pub(crate) fn record_failed_debit_retried(
        &mut self,
        plan: PlanId,
        draft: &PaymentDraft,
        retry_on: Option<NaiveDate>,
    ) -> StoreResult<PaymentOutcome> {
        let posts = super::plans::plan_posts(self.conn(), plan)?;
        let (outcome, ()) =
            self.record_on_plan(plan, draft, ChangeKind::FailedDebit, |ledger| {
                let due = ledger.due_next(draft.on);
                let period = ledger.flag_failed_debit(draft.on, posts)?;
                let owed = ledger
                    .periods
                    .iter()
                    .find(|p| p.period == period)
                    .map(|p| p.unpaid())
                    .transpose()?;
                let amount = match (draft.amount, owed) {
                    (Some(amount), _) => amount,
                    (None, Some(owed)) if posts && owed.is_positive() => owed,
                    _ => due?,
                };
                let applied = Applied {
                    amount,
                    kind: RepaymentKind::Regular,
                    allocations: Vec::new(),
                    flagged_period: Some(period),
                    retry_on,
                };
                Ok((applied, ()))
            })?;
        Ok(outcome)
    }

    /// Prepays part of an annuity plan's principal on `draft.on` (`draft.amount`, required)
    /// and reschedules the periods left by `mode`; recorded as an early repayment, undone like
    /// any change.
    pub fn record_prepayment(
        &mut self,
        plan: PlanId,
        draft: &PaymentDraft,
        mode: PrepayMode,
    ) -> StoreResult<(PaymentOutcome, PrepayQuote)> {
        let principal = draft
            .amount
            .ok_or(super::StoreError::Allocation(AllocationError::NotPositive))?;
        self.record_on_plan(plan, draft, ChangeKind::Payoff, |ledger| {
            let quote = ledger.prepay_quote(draft.on, principal, mode)?;
            let allocations = ledger.apply_prepayment(&quote, draft.on)?;
            Ok((Applied::early(quote.amount, allocations), quote))
        })
    }

    /// Pays the whole plan off on `draft.on` at the quote of its payoff policy (the amount in
    /// the draft is ignored). Fees the policy waives leave their periods `waived`.
    pub fn record_payoff(
        &mut self,
        plan: PlanId,
        draft: &PaymentDraft,
    ) -> StoreResult<(PaymentOutcome, PayoffQuote)> {
        self.record_on_plan(plan, draft, ChangeKind::Payoff, |ledger| {
            let quote = ledger.payoff_quote(draft.on)?;
            let allocations = ledger.apply_payoff(&quote, draft.on)?;
            Ok((Applied::early(quote.amount, allocations), quote))
        })
    }
}
