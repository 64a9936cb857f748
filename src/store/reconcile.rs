//! Reconciling a statement, as the store sees it: the periods a statement may show (with what
//! fenqi knows of each one's payment) and the plans a purchase may belong to, read; and what a
//! reconciliation applies — repayments recorded or confirmed from statement lines, failed debits
//! for the lines that are missing — written in one transaction as one undoable change.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::changelog::{self, UndoStep};
use super::ledger;
use super::model::*;
use super::payments::{NewRepayment, insert_repayment};
use super::plan_terms::period;
use super::plans::{PeriodRecord, load_ledger, period_records};
use super::sql::{SqlDate, opt_date};
use super::subject::ChangeSubject;
use super::{Store, StoreError, StoreResult};
use crate::domain::Money;
use crate::domain::allocation::PeriodAllocation;
use crate::domain::dates::{DateTerms, DueRule};
use crate::domain::ledger::{Ledger, LedgerPeriod};
use crate::domain::privacy::mask_card_numbers;

/// The longest reference and statement key a repayment keeps (the schema's limit).
const REFERENCE_MAX_CHARS: usize = 200;

/// What fenqi knows of a period's payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum KnownPayment {
    /// Nothing recorded: not yet due, or due and unpaid.
    Open,
    /// A failed debit was recorded and the period is still unpaid.
    Failed,
    /// Counted as paid by auto-debit (an automatic posting), unconfirmed.
    Posted,
    /// Paid by a repayment no statement line has vouched for yet.
    Recorded,
    /// Paid by a repayment a statement line vouched for.
    Confirmed,
}

/// One period a statement may show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExpectedPeriod {
    pub plan_id: PlanId,
    pub plan_name: String,
    pub provider: String,
    /// The plan's period count.
    pub periods: u32,
    pub card_id: Option<CardId>,
    /// The last four digits of the plan's card.
    pub card_last4: Option<String>,
    pub auto_debit: bool,
    pub period: u32,
    pub due_on: NaiveDate,
    /// For a failed debit: when the provider retries it.
    pub retry_on: Option<NaiveDate>,
    /// What the period still owes (principal and fee); what was paid once it is paid.
    pub amount_due: Money,
    /// Penalty and late fees owed so far on `today` (paid, once it is paid).
    pub penalty: Money,
    pub payment: KnownPayment,
    /// The statement line the payment came from, once one vouched for it.
    pub statement_key: Option<String>,
}

/// A plan as a purchase on credit may be recognised by: provider, principal, start date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlanStart {
    pub plan_id: PlanId,
    pub provider: String,
    pub principal: Money,
    /// The start date, or one period before the first due date for plans without one.
    pub start: NaiveDate,
}

/// One thing a reconciliation writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReconcileWrite {
    /// Records the repayment a statement line shows for an open or failed period.
    Record {
        plan: PlanId,
        period: u32,
        on: NaiveDate,
        amount: Money,
        channel: Channel,
        /// `None`: the plan's card.
        card: Option<CardId>,
        reference: String,
        key: String,
    },
    /// Confirms the payment fenqi counted (an automatic posting, recorded as a repayment from
    /// the statement) or recorded (marked as vouched for by the line).
    Confirm {
        plan: PlanId,
        period: u32,
        on: NaiveDate,
        amount: Money,
        reference: String,
        key: String,
    },
    /// Marks a period the statement shows no debit for as a failed debit, on its due date.
    Fail { plan: PlanId, period: u32 },
}

impl ReconcileWrite {
    /// The plan it writes to.
    pub(crate) fn plan(&self) -> PlanId {
        match self {
            ReconcileWrite::Record { plan, .. }
            | ReconcileWrite::Confirm { plan, .. }
            | ReconcileWrite::Fail { plan, .. } => *plan,
        }
    }

    /// The repayment a statement line shows, for a record or a confirmation (`plan_card`: the
    /// plan's card, used unless the line names another).
    fn paid(&self, plan_card: Option<CardId>) -> Option<Paid<'_>> {
        match self {
            ReconcileWrite::Record {
                period,
                on,
                amount,
                channel,
                card,
                reference,
                key,
                ..
            } => Some(Paid {
                period: *period,
                on: *on,
                amount: *amount,
                channel: *channel,
                card: card.or(plan_card),
                reference,
                key,
            }),
            ReconcileWrite::Confirm {
                period,
                on,
                amount,
                reference,
                key,
                ..
            } => Some(Paid {
                period: *period,
                on: *on,
                amount: *amount,
                channel: Channel::AutoDebit,
                card: plan_card,
                reference,
                key,
            }),
            ReconcileWrite::Fail { .. } => None,
        }
    }

    /// The statement line key it records, if any.
    fn key(&self) -> Option<&str> {
        self.paid(None).map(|paid| paid.key)
    }

    /// The order to apply a plan's writes in: by date (a failed debit's due date), then period.
    fn order(&self, due: impl Fn(u32) -> NaiveDate) -> (NaiveDate, u32) {
        match self {
            ReconcileWrite::Fail { period, .. } => (due(*period), *period),
            _ => self
                .paid(None)
                .map_or((NaiveDate::MIN, 0), |paid| (paid.on, paid.period)),
        }
    }
}

/// What a reconciliation wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct ReconcileOutcome {
    pub recorded: u32,
    pub confirmed: u32,
    pub failed: u32,
}

impl ReconcileOutcome {
    /// Everything it wrote.
    pub(crate) fn total(&self) -> u32 {
        self.recorded + self.confirmed + self.failed
    }
}

/// A plan's row as a reconciliation reads it.
struct PlanFacts {
    name: String,
    provider: String,
    periods: u32,
    card_id: Option<CardId>,
    card_last4: Option<String>,
    auto_debit: bool,
    posts: bool,
}

fn plan_facts(conn: &Connection, id: PlanId) -> StoreResult<PlanFacts> {
    conn.prepare_cached(
        "SELECT p.name, p.provider, p.periods, p.card_id, c.last4, p.auto_debit,
                p.auto_debit = 1 AND p.auto_post = 1
         FROM plans p LEFT JOIN cards c ON c.id = p.card_id WHERE p.id = ?1",
    )?
    .query_row([id], |r| {
        Ok(PlanFacts {
            name: r.get(0)?,
            provider: r.get(1)?,
            periods: r.get(2)?,
            card_id: r.get(3)?,
            card_last4: r.get(4)?,
            auto_debit: r.get(5)?,
            posts: r.get(6)?,
        })
    })
    .optional()?
    .ok_or(StoreError::PlanNotFound(id))
}

/// What fenqi knows of period `p`'s payment on `today`; `None` for a period no statement line
/// can stand for (waived, or settled by a payoff).
fn known_payment(
    p: &LedgerPeriod,
    today: NaiveDate,
    posts: bool,
    record: Option<&PeriodRecord>,
) -> Option<KnownPayment> {
    if p.is_posted(today, posts) {
        return Some(KnownPayment::Posted);
    }
    match p.state {
        InstallmentStatus::Waived => None,
        InstallmentStatus::DebitFailed => Some(KnownPayment::Failed),
        InstallmentStatus::Paid => match record {
            Some(r) if r.kind == Some(RepaymentKind::Payoff) => None,
            Some(r) if r.statement_key.is_some() => Some(KnownPayment::Confirmed),
            _ => Some(KnownPayment::Recorded),
        },
        _ => Some(KnownPayment::Open),
    }
}

impl Store {
    /// Every period a statement covering `from` to `until` may show, as of `today`: those
    /// due in that window and those whose debit failed, of every plan, by plan and period.
    pub(crate) fn expected_periods(
        &self,
        from: NaiveDate,
        until: NaiveDate,
        today: NaiveDate,
    ) -> StoreResult<Vec<ExpectedPeriod>> {
        let conn = self.conn();
        let plans: Vec<PlanId> = conn
            .prepare_cached(
                "SELECT DISTINCT plan_id FROM installments
                 WHERE due_on BETWEEN ?1 AND ?2 OR state = 'debit-failed' ORDER BY plan_id",
            )?
            .query_map(params![SqlDate(from), SqlDate(until)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for id in plans {
            let facts = plan_facts(conn, id)?;
            let ledger = load_ledger(conn, id)?;
            let records = period_records(conn, id)?;
            let standings = ledger.standings_on(today)?;
            for (p, standing) in ledger.periods.iter().zip(standings) {
                let failed = p.state == InstallmentStatus::DebitFailed;
                if !failed && !(from..=until).contains(&p.due_on) {
                    continue;
                }
                let record = records.get(&p.period);
                let Some(payment) = known_payment(p, today, facts.posts, record) else {
                    continue;
                };
                let paid = matches!(payment, KnownPayment::Recorded | KnownPayment::Confirmed);
                out.push(ExpectedPeriod {
                    plan_id: id,
                    plan_name: facts.name.clone(),
                    provider: facts.provider.clone(),
                    periods: facts.periods,
                    card_id: facts.card_id,
                    card_last4: facts.card_last4.clone(),
                    auto_debit: facts.auto_debit,
                    period: p.period,
                    due_on: p.due_on,
                    retry_on: record.and_then(|r| r.retry_on).filter(|_| failed),
                    amount_due: if paid {
                        p.paid_principal.try_add(p.paid_fee)?
                    } else {
                        p.unpaid()?
                    },
                    penalty: match payment {
                        KnownPayment::Posted => Money::ZERO,
                        KnownPayment::Recorded | KnownPayment::Confirmed => p.paid_penalty,
                        _ => standing.penalty,
                    },
                    payment,
                    statement_key: record.and_then(|r| r.statement_key.clone()),
                });
            }
        }
        Ok(out)
    }

    /// Every plan with its provider, principal and start date, by id.
    pub(crate) fn plan_starts(&self) -> StoreResult<Vec<PlanStart>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, provider, principal_cents, start_on, first_due_on, every FROM plans
             ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            let every: String = r.get(5)?;
            let first_due = r.get::<_, SqlDate>(4)?.0;
            let dates = DateTerms {
                start: opt_date(r.get(3)?),
                every: period(&every).unwrap_or_default(),
                due: DueRule::FirstDue,
            };
            Ok(PlanStart {
                plan_id: r.get(0)?,
                provider: r.get(1)?,
                principal: r.get(2)?,
                start: dates.effective_start(first_due),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Applies a reconciliation of `source` (the statement's file name) as one undoable
    /// change: each plan's writes in date order. A line whose key a repayment already carries
    /// is skipped, as is a confirmation of what is already confirmed and a failed debit for a
    /// period that is paid or already failed, so applying the same statement again writes
    /// nothing. Nothing written logs no change.
    pub(crate) fn apply_reconciliation(
        &mut self,
        source: &str,
        writes: &[ReconcileWrite],
    ) -> StoreResult<ReconcileOutcome> {
        let mut by_plan: BTreeMap<PlanId, Vec<&ReconcileWrite>> = BTreeMap::new();
        for write in writes {
            by_plan.entry(write.plan()).or_default().push(write);
        }
        self.write(|tx| {
            let mut outcome = ReconcileOutcome::default();
            let mut steps = Vec::new();
            let mut keys = HashSet::new();
            for (&plan, writes) in &by_plan {
                let image = changelog::snapshot_plan(tx, plan)?;
                let written = apply_to_plan(tx, plan, writes, &mut keys)?;
                if written.total() > 0 {
                    steps.push(UndoStep::RestorePlan { image });
                    outcome.recorded += written.recorded;
                    outcome.confirmed += written.confirmed;
                    outcome.failed += written.failed;
                }
            }
            if outcome.total() > 0 {
                let subject = ChangeSubject::Reconcile {
                    source: mask_card_numbers(source).into_owned(),
                    lines: outcome.total(),
                };
                changelog::log_change(tx, ChangeKind::Reconcile, &subject, &steps)?;
            }
            Ok(outcome)
        })
    }
}

/// Whether a repayment already carries statement line `key`.
fn key_recorded(conn: &Connection, key: &str) -> StoreResult<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM repayments WHERE statement_key = ?1 LIMIT 1")?
        .query_row([key], |_| Ok(()))
        .optional()?
        .is_some())
}

/// `text` cut to what a repayment keeps, card numbers masked.
fn kept(text: &str) -> String {
    mask_card_numbers(text)
        .chars()
        .take(REFERENCE_MAX_CHARS)
        .collect()
}

/// Applies one plan's writes; `keys` holds the line keys written so far.
fn apply_to_plan(
    conn: &Connection,
    plan: PlanId,
    writes: &[&ReconcileWrite],
    keys: &mut HashSet<String>,
) -> StoreResult<ReconcileOutcome> {
    let facts = plan_facts(conn, plan)?;
    let mut state = PlanWrite {
        conn,
        plan,
        ledger: load_ledger(conn, plan)?,
        records: None,
    };
    let due = |period: u32| period_of(&state.ledger, period).map_or(NaiveDate::MIN, |p| p.due_on);
    let mut ordered: Vec<&ReconcileWrite> = writes.to_vec();
    ordered.sort_by_key(|w| w.order(due));
    let mut outcome = ReconcileOutcome::default();
    for write in ordered {
        if let Some(key) = write.key()
            && (keys.contains(key) || key_recorded(conn, key)?)
        {
            continue;
        }
        let wrote = match (write, write.paid(facts.card_id)) {
            (ReconcileWrite::Fail { period, .. }, _) => state
                .fail(*period, facts.card_id)?
                .then_some(&mut outcome.failed),
            (ReconcileWrite::Confirm { .. }, Some(paid)) => {
                state.confirm(&paid)?.then_some(&mut outcome.confirmed)
            }
            (_, Some(paid)) => state.record(&paid, false)?.then_some(&mut outcome.recorded),
            (_, None) => None,
        };
        if let Some(count) = wrote {
            *count += 1;
            if let Some(key) = write.key() {
                keys.insert(key.to_string());
            }
        }
    }
    if outcome.total() > 0 {
        ledger::save_changes(conn, plan, &state.ledger)?;
    }
    Ok(outcome)
}

/// One plan as a reconciliation writes to it: its ledger, and what the records say about its
/// periods (read when first needed, kept up to date as lines are applied).
struct PlanWrite<'c> {
    conn: &'c Connection,
    plan: PlanId,
    ledger: Ledger,
    records: Option<HashMap<u32, PeriodRecord>>,
}

impl PlanWrite<'_> {
    /// Records `paid` on its period (posted: as its automatic posting assumed). False when
    /// the period owes nothing any more.
    fn record(&mut self, paid: &Paid<'_>, posted: bool) -> StoreResult<bool> {
        if period_of(&self.ledger, paid.period).is_none_or(LedgerPeriod::is_settled) {
            return Ok(false);
        }
        let allocations = if posted {
            vec![
                self.ledger
                    .confirm_posting_on(paid.period, paid.amount, paid.on)?,
            ]
        } else {
            self.ledger
                .apply_statement_payment(paid.period, paid.amount, paid.on)?
        };
        insert_paid(self.conn, self.plan, paid, &allocations)?;
        // A new repayment: the records are read again when next needed.
        self.records = None;
        Ok(true)
    }

    /// Confirms the payment of `paid`'s period: an open period (an automatic posting) is
    /// recorded from the line; a paid one's latest repayment is marked as vouched for by the
    /// line (and given its reference when it has none). False when it was confirmed already.
    fn confirm(&mut self, paid: &Paid<'_>) -> StoreResult<bool> {
        let Some(row) = period_of(&self.ledger, paid.period) else {
            return Ok(false);
        };
        if !row.is_settled() {
            let posted = row.state != InstallmentStatus::DebitFailed;
            return self.record(paid, posted);
        }
        let records = match &mut self.records {
            Some(records) => records,
            empty => empty.insert(period_records(self.conn, self.plan)?),
        };
        let Some(record) = records.get(&paid.period) else {
            return Ok(false);
        };
        let (Some(repayment), None) = (record.paid_by, &record.statement_key) else {
            return Ok(false);
        };
        let key = kept(paid.key);
        self.conn
            .prepare_cached(
                "UPDATE repayments SET statement_key = ?2,
                     reference = CASE WHEN reference = '' THEN ?3 ELSE reference END
                 WHERE id = ?1",
            )?
            .execute(params![repayment, key, kept(paid.reference)])?;
        // Every period that repayment paid now carries the line's key.
        for record in records.values_mut() {
            if record.paid_by == Some(repayment) {
                record.statement_key = Some(key.clone());
            }
        }
        Ok(true)
    }

    /// Records a failed debit for `period` on its due date. False when it is paid or failed
    /// already.
    fn fail(&mut self, period: u32, card: Option<CardId>) -> StoreResult<bool> {
        let Some(row) = period_of(&self.ledger, period) else {
            return Ok(false);
        };
        if row.is_settled() || row.state == InstallmentStatus::DebitFailed {
            return Ok(false);
        }
        let (due_on, owed) = (row.due_on, row.unpaid()?);
        self.ledger.flag_period_failed(period)?;
        insert_repayment(
            self.conn,
            &NewRepayment {
                plan: self.plan,
                paid_on: due_on,
                amount: owed,
                channel: Channel::AutoDebit,
                card,
                reference: "",
                kind: RepaymentKind::Regular,
                failed: true,
                period: Some(period),
                source: RepaymentSource::Statement,
                retry_on: None,
                statement_key: None,
            },
            &[],
        )?;
        self.records = None;
        Ok(true)
    }
}

/// A repayment a statement line shows.
struct Paid<'a> {
    period: u32,
    on: NaiveDate,
    amount: Money,
    channel: Channel,
    card: Option<CardId>,
    reference: &'a str,
    key: &'a str,
}

/// The period `period` of `ledger`, if it is the plan's.
fn period_of(ledger: &Ledger, period: u32) -> Option<&LedgerPeriod> {
    ledger.periods.iter().find(|p| p.period == period)
}

/// Inserts the repayment row of `paid`, allocated as `allocations`.
fn insert_paid(
    conn: &Connection,
    plan: PlanId,
    paid: &Paid<'_>,
    allocations: &[PeriodAllocation],
) -> StoreResult<()> {
    let reference = kept(paid.reference);
    let key = kept(paid.key);
    insert_repayment(
        conn,
        &NewRepayment {
            plan,
            paid_on: paid.on,
            amount: paid.amount,
            channel: paid.channel,
            card: paid.card,
            reference: &reference,
            kind: RepaymentKind::Regular,
            failed: false,
            period: Some(paid.period),
            source: RepaymentSource::Statement,
            retry_on: None,
            statement_key: Some(&key),
        },
        allocations,
    )?;
    Ok(())
}
