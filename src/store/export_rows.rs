//! Whole-database reads that feed the CSV, iCalendar and ledger/beancount exports.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::model::*;
use super::plan_terms::{terms_columns, terms_from_row};
use super::plans::{
    SUMMARY_COLUMN_COUNT, SUMMARY_COLUMNS, load_ledger, shown_summary, summary_from_row,
};
use super::sql::{SqlDate, opt_date};
use super::{Store, StoreResult};
use crate::domain::ledger::{LedgerPeriod, Standing};
use crate::domain::{Money, PlanTerms};

/// A plan with what the exports add to its summary: its card and its terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlanRow {
    pub summary: PlanSummary,
    pub card: Option<Card>,
    pub terms: PlanTerms,
}

/// One installment with its plan's names and card, as of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InstallmentRow {
    pub plan_id: PlanId,
    pub plan_name: String,
    pub provider: String,
    pub periods: u32,
    pub card: Option<Card>,
    pub period: u32,
    pub due_date: NaiveDate,
    pub principal: Money,
    pub fee: Money,
    pub paid_principal: Money,
    pub paid_fee: Money,
    pub paid_penalty: Money,
    /// The daily penalty and late fees owed so far (accrued less paid).
    pub penalty: Money,
    /// Principal plus fee as scheduled.
    pub amount: Money,
    /// Principal plus fee paid so far.
    pub paid: Money,
    /// Principal and fee still owed (zero when paid or waived).
    pub unpaid: Money,
    pub unpaid_principal: Money,
    pub unpaid_fee: Money,
    pub status: InstallmentStatus,
    pub settled_on: Option<NaiveDate>,
    /// False for a period counted as paid by an automatic posting not yet confirmed.
    pub confirmed: bool,
    /// What such a posting assumes paid on the due date: the principal and fee the period
    /// still owed (zero for every other period).
    pub posted_principal: Money,
    pub posted_fee: Money,
    /// The two together.
    pub posted: Money,
}

/// A repayment (or failed debit) with how it was split: principal, fee, penalty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RepaymentRow {
    pub repayment: Repayment,
    pub principal: Money,
    pub fee: Money,
    pub penalty: Money,
}

impl Store {
    /// Every card by id, archived ones included.
    fn cards_by_id(&self) -> StoreResult<HashMap<CardId, Card>> {
        Ok(self
            .list_cards(true)?
            .into_iter()
            .map(|c| (c.id, c))
            .collect())
    }

    /// Every plan, finished ones included, by id; statuses as of `today`.
    pub(crate) fn export_plans(&self, today: NaiveDate) -> StoreResult<Vec<PlanRow>> {
        let cards = self.cards_by_id()?;
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, {} FROM plans p ORDER BY p.id",
            terms_columns()
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                summary_from_row(r, today)?,
                terms_from_row(r, SUMMARY_COLUMN_COUNT)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (summary, terms) = row?;
            let summary = shown_summary(self.conn(), summary, today)?;
            let card = summary.card_id.and_then(|id| cards.get(&id).cloned());
            out.push(PlanRow {
                summary,
                card,
                terms,
            });
        }
        Ok(out)
    }

    /// Every installment by plan and period, statuses as of `today`; with `open_only`, only
    /// those of active plans still owing money.
    pub(crate) fn export_installments(
        &self,
        today: NaiveDate,
        open_only: bool,
    ) -> StoreResult<Vec<InstallmentRow>> {
        let cards = self.cards_by_id()?;
        let filter = if open_only {
            "WHERE p.status = 'active' AND i.state IN ('pending', 'partly-paid', 'debit-failed')"
        } else {
            ""
        };
        let sql = format!(
            "SELECT i.plan_id, p.name, p.provider, p.periods, p.card_id, i.period, i.due_on,
                    i.principal_cents, i.fee_cents, i.paid_principal_cents, i.paid_fee_cents,
                    i.paid_penalty_cents, i.state, i.settled_on,
                    p.auto_debit = 1 AND p.auto_post = 1 AND p.paid_off_on IS NULL
             FROM installments i JOIN plans p ON p.id = i.plan_id {filter}
             ORDER BY i.plan_id, i.period"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            let period = LedgerPeriod {
                period: r.get(5)?,
                due_on: r.get::<_, SqlDate>(6)?.0,
                principal: r.get(7)?,
                fee: r.get(8)?,
                paid_principal: r.get(9)?,
                paid_fee: r.get(10)?,
                paid_penalty: r.get(11)?,
                state: r.get(12)?,
                settled_on: opt_date(r.get(13)?),
                paid_parts: Vec::new(),
                dirty: false,
            };
            Ok((
                r.get::<_, PlanId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, Option<CardId>>(4)?,
                period,
                r.get::<_, bool>(14)?,
            ))
        })?;
        let rows: Vec<_> = rows.collect::<Result<_, _>>()?;
        let standings = self.standings_of_overdue_plans(
            today,
            rows.iter().map(|(plan_id, .., p, _)| (*plan_id, p)),
        )?;
        let mut out = Vec::new();
        for (plan_id, plan_name, provider, periods, card_id, p, posts) in rows {
            let posted = p.is_posted(today, posts);
            let standing = match standings.get(&(plan_id, p.period)) {
                Some(standing) if !posted => *standing,
                _ => Standing {
                    status: if posted {
                        InstallmentStatus::Paid
                    } else {
                        p.state
                    },
                    penalty: Money::ZERO,
                },
            };
            let (posted_principal, posted_fee) = if posted {
                (
                    p.principal.try_sub(p.paid_principal)?,
                    p.fee.try_sub(p.paid_fee)?,
                )
            } else {
                (Money::ZERO, Money::ZERO)
            };
            let p = if posted { p.as_posted() } else { p };
            let unpaid = p.unpaid()?;
            let (unpaid_principal, unpaid_fee) = if p.is_settled() {
                (Money::ZERO, Money::ZERO)
            } else {
                (
                    p.principal.try_sub(p.paid_principal)?,
                    p.fee.try_sub(p.paid_fee)?,
                )
            };
            out.push(InstallmentRow {
                plan_id,
                plan_name,
                provider,
                periods,
                card: card_id.and_then(|id| cards.get(&id).cloned()),
                period: p.period,
                due_date: p.due_on,
                principal: p.principal,
                fee: p.fee,
                paid_principal: p.paid_principal,
                paid_fee: p.paid_fee,
                paid_penalty: p.paid_penalty,
                amount: p.principal.try_add(p.fee)?,
                paid: p.paid_principal.try_add(p.paid_fee)?,
                unpaid,
                unpaid_principal,
                unpaid_fee,
                penalty: standing.penalty,
                status: standing.status,
                settled_on: p.settled_on,
                confirmed: !posted,
                posted_principal,
                posted_fee,
                posted: posted_principal.try_add(posted_fee)?,
            });
        }
        Ok(out)
    }

    /// The standing on `today` of every period of the plans with an open period of `periods`
    /// due before `today` (the only ones that can be overdue or owe a penalty), by plan and
    /// period; each such plan's whole ledger is read, as its rules may span its periods.
    fn standings_of_overdue_plans<'p>(
        &self,
        today: NaiveDate,
        periods: impl Iterator<Item = (PlanId, &'p LedgerPeriod)>,
    ) -> StoreResult<HashMap<(PlanId, u32), Standing>> {
        let mut plans: Vec<PlanId> = periods
            .filter(|(_, p)| !p.is_settled() && p.due_on < today)
            .map(|(plan, _)| plan)
            .collect();
        plans.dedup();
        let mut out = HashMap::new();
        for plan in plans {
            let ledger = load_ledger(self.conn(), plan)?;
            for (p, standing) in ledger.periods.iter().zip(ledger.standings_on(today)?) {
                out.insert((plan, p.period), standing);
            }
        }
        Ok(out)
    }

    /// Every repayment and failed debit by id, with its allocation split.
    pub(crate) fn export_repayments(&self) -> StoreResult<Vec<RepaymentRow>> {
        let mut parts: HashMap<RepaymentId, (Money, Money, Money)> = HashMap::new();
        {
            let mut stmt = self.conn().prepare(
                "SELECT repayment_id, sum(principal_cents), sum(fee_cents), sum(penalty_cents)
                 FROM allocations GROUP BY repayment_id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, RepaymentId>(0)?,
                    (r.get(1)?, r.get(2)?, r.get(3)?),
                ))
            })?;
            for row in rows {
                let (id, split) = row?;
                parts.insert(id, split);
            }
        }
        let mut history = self.list_history(&HistoryFilter::default())?;
        history.sort_by_key(|r| r.id);
        Ok(history
            .into_iter()
            .map(|repayment| {
                let (principal, fee, penalty) = parts.get(&repayment.id).copied().unwrap_or((
                    Money::ZERO,
                    Money::ZERO,
                    Money::ZERO,
                ));
                RepaymentRow {
                    repayment,
                    principal,
                    fee,
                    penalty,
                }
            })
            .collect())
    }
}
