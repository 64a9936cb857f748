//! Automatic postings, derived when read (never stored): which periods of auto-debit plans
//! count as paid by auto-debit, unconfirmed, on a day; and `confirm`, which records them.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::changelog::{self, UndoStep};
use super::ledger;
use super::model::*;
use super::payments::{NewRepayment, insert_repayment};
use super::plans::{load_ledger, plan_posts, plan_subject};
use super::sql::{SqlDate, bound_text, date_text};
use super::subject::ChangeSubject;
use super::{Store, StoreError, StoreResult};
use crate::domain::Money;

/// The condition (on `p` a plan, `i` one of its open periods) for a period due by its day to
/// count as posted: the plan posts auto-debits and no failed debit was recorded for it.
pub(super) const POSTS: &str = "p.auto_debit = 1 AND p.auto_post = 1 AND i.state <> 'debit-failed'";

/// Open periods posted by `?1` (due from `?2` on), optionally of plan `?3`, oldest first (or
/// newest first), `?4` of them (-1: all) from the `?5`th.
fn postings_sql(newest_first: bool, one_plan: bool) -> String {
    // One plan's postings are found through its own periods (the primary key): `?3 IS NULL OR
    // i.plan_id = ?3` read every open period in the range, about 0.1 s at 20k plans.
    let plan = if one_plan {
        "i.plan_id = ?3"
    } else {
        "?3 IS NULL"
    };
    let order = if newest_first {
        "i.due_on DESC, i.plan_id DESC, i.period DESC"
    } else {
        "i.due_on, i.plan_id, i.period"
    };
    format!(
        "SELECT i.plan_id, p.name, p.provider, p.card_id, i.period, i.due_on,
                i.principal_cents - i.paid_principal_cents + i.fee_cents - i.paid_fee_cents
         FROM installments i JOIN plans p ON p.id = i.plan_id
         WHERE i.state <> 'paid' AND i.state <> 'waived' AND i.due_on <= ?1 AND i.due_on >= ?2
           AND {POSTS} AND {plan}
         ORDER BY {order} LIMIT ?4 OFFSET ?5"
    )
}

/// The postings of `plan` (or of every plan) due from `from` to `today`, oldest first.
pub(super) fn list_postings(
    conn: &Connection,
    today: NaiveDate,
    from: Option<NaiveDate>,
    plan: Option<PlanId>,
) -> StoreResult<Vec<Posting>> {
    let from = from.map(date_text).unwrap_or_default();
    read_postings(
        conn,
        &postings_sql(false, plan.is_some()),
        params![bound_text(today), from, plan, -1, 0],
    )
}

/// The postings `sql` (see [`postings_sql`]) selects with `args`.
fn read_postings(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> StoreResult<Vec<Posting>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(args, |r| {
        Ok(Posting {
            plan_id: r.get(0)?,
            plan_name: r.get(1)?,
            provider: r.get(2)?,
            card_id: r.get(3)?,
            period: r.get(4)?,
            due_date: r.get::<_, SqlDate>(5)?.0,
            amount: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl Store {
    /// A page of the automatic postings not yet confirmed on `today`, newest first: `limit` of
    /// them from the `offset`th (a pane's window).
    pub fn postings_page(
        &self,
        today: NaiveDate,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Vec<Posting>> {
        read_postings(
            self.conn(),
            &postings_sql(true, false),
            params![bound_text(today), "", Option::<PlanId>::None, limit, offset],
        )
    }
}

/// What `confirm` did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct ConfirmOutcome {
    /// The postings confirmed (each now a recorded repayment), oldest first.
    pub confirmed: Vec<Posting>,
    pub total: Money,
}

impl Store {
    /// The automatic postings not yet confirmed on `today` (of one plan, or all), oldest first.
    pub(crate) fn unconfirmed_postings(
        &self,
        today: NaiveDate,
        plan: Option<PlanId>,
    ) -> StoreResult<Vec<Posting>> {
        list_postings(self.conn(), today, None, plan)
    }

    /// Confirms the automatic postings due by `through` (of one plan, or all) as one undoable
    /// change: each becomes a repayment by auto-debit on its due date, of what the period
    /// still owed, from the plan's card. Nothing to confirm changes nothing.
    pub(crate) fn confirm_postings(
        &mut self,
        plan: Option<PlanId>,
        through: NaiveDate,
    ) -> StoreResult<ConfirmOutcome> {
        if let Some(id) = plan {
            plan_posts(self.conn(), id)?;
        }
        self.write(|tx| {
            let postings = list_postings(tx, through, None, plan)?;
            if postings.is_empty() {
                return Ok(ConfirmOutcome::default());
            }
            let mut plan_ids: Vec<PlanId> = postings.iter().map(|p| p.plan_id).collect();
            plan_ids.dedup();
            plan_ids.sort();
            plan_ids.dedup();
            let mut steps = Vec::with_capacity(plan_ids.len());
            for &id in &plan_ids {
                steps.push(UndoStep::RestorePlan {
                    image: changelog::snapshot_plan(tx, id)?,
                });
                confirm_plan(tx, id, through, RepaymentSource::AutoDebit, "")?;
            }
            let total = Money::try_sum(postings.iter().map(|p| p.amount))?;
            let subject = match (plan, postings.first()) {
                (Some(_), Some(first)) => ChangeSubject::Payment {
                    plan: plan_subject(first.plan_id, &first.plan_name, &first.provider),
                    amount: total,
                },
                _ => ChangeSubject::Confirm {
                    postings: u32::try_from(postings.len()).unwrap_or(u32::MAX),
                    amount: total,
                },
            };
            changelog::log_change(tx, ChangeKind::Confirm, &subject, &steps)?;
            Ok(ConfirmOutcome {
                confirmed: postings,
                total,
            })
        })
    }
}

impl Store {
    /// Confirms the one automatic posting of plan `plan`'s period `period` as it stands on
    /// `today` (one undoable change): a repayment by auto-debit on its due date, of what the
    /// period still owed, from the plan's card. [`StoreError::NothingDue`] when the period is
    /// not posted (paid, failed, not due, or the plan posts nothing).
    pub(crate) fn confirm_posting(
        &mut self,
        plan: PlanId,
        period: u32,
        today: NaiveDate,
    ) -> StoreResult<ConfirmOutcome> {
        let posts = plan_posts(self.conn(), plan)?;
        self.write(|tx| {
            let posting = list_postings(tx, today, None, Some(plan))?
                .into_iter()
                .find(|p| p.period == period)
                .filter(|_| posts)
                .ok_or(StoreError::NothingDue)?;
            let image = changelog::snapshot_plan(tx, plan)?;
            let mut ledger = load_ledger(tx, plan)?;
            let allocation = ledger.confirm_posting_on(period, posting.amount, posting.due_date)?;
            insert_repayment(
                tx,
                &NewRepayment {
                    plan,
                    paid_on: posting.due_date,
                    amount: posting.amount,
                    channel: Channel::AutoDebit,
                    card: posting.card_id,
                    reference: "",
                    kind: RepaymentKind::Regular,
                    failed: false,
                    period: Some(period),
                    source: RepaymentSource::AutoDebit,
                    retry_on: None,
                    statement_key: None,
                },
                &[allocation],
            )?;
            ledger::save_changes(tx, plan, &ledger)?;
            let subject = ChangeSubject::Payment {
                plan: plan_subject(plan, &posting.plan_name, &posting.provider),
                amount: posting.amount,
            };
            changelog::log_change(
                tx,
                ChangeKind::Confirm,
                &subject,
                &[UndoStep::RestorePlan { image }],
            )?;
            Ok(ConfirmOutcome {
                total: posting.amount,
                confirmed: vec![posting],
            })
        })
    }
}

/// Records plan `id`'s postings due by `through` as repayments by auto-debit (one a period, on
/// its due date, from the plan's card) and saves the plan's ledger.
pub(super) fn confirm_plan(
    conn: &Connection,
    id: PlanId,
    through: NaiveDate,
    source: RepaymentSource,
    reference: &str,
) -> StoreResult<Vec<(NaiveDate, Money, u32)>> {
    let mut ledger = load_ledger(conn, id)?;
    let card: Option<CardId> = conn
        .prepare_cached("SELECT card_id FROM plans WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    let mut out = Vec::new();
    for (on, allocation) in ledger.confirm_postings(through)? {
        let amount = allocation.total()?;
        insert_repayment(
            conn,
            &NewRepayment {
                plan: id,
                paid_on: on,
                amount,
                channel: Channel::AutoDebit,
                card,
                reference,
                kind: RepaymentKind::Regular,
                failed: false,
                period: Some(allocation.period),
                source,
                retry_on: None,
                statement_key: None,
            },
            &[allocation],
        )?;
        out.push((on, amount, allocation.period));
    }
    ledger::save_changes(conn, id, &ledger)?;
    Ok(out)
}
