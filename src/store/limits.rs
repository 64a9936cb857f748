//! Credit limits (额度) per provider; used = unpaid principal of that provider's plans as
//! shown (automatic postings count as paid); and the plans still owing money, as shown.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::changelog::{self, UndoStep};
use super::model::{ChangeKind, LimitRow};
use super::postings::POSTS;
use super::sql::{SqlPercent, bound_text};
use super::{ChangeSubject, Store, StoreResult};
use crate::domain::Money;
use crate::domain::overview::{OpenPlan, provider_uses};
use crate::domain::privacy::mask_card_numbers;

impl Store {
    /// Sets (or changes) a provider's credit limit.
    pub fn set_limit(&mut self, provider: &str, limit: Money) -> StoreResult<()> {
        let provider = &*mask_card_numbers(provider);
        self.write(|tx| {
            let before: Option<i64> = tx
                .prepare_cached("SELECT limit_cents FROM credit_limits WHERE provider = ?1")?
                .query_row([provider], |r| r.get(0))
                .optional()?;
            tx.prepare_cached(
                "INSERT INTO credit_limits (provider, limit_cents) VALUES (?1, ?2)
                 ON CONFLICT (provider) DO UPDATE SET limit_cents = excluded.limit_cents",
            )?
            .execute(params![provider, limit])?;
            changelog::log_change(
                tx,
                ChangeKind::LimitSet,
                &ChangeSubject::Limit {
                    provider: provider.to_string(),
                    amount: limit,
                },
                &[UndoStep::RestoreLimit {
                    provider: provider.to_string(),
                    limit_cents: before,
                }],
            )?;
            Ok(())
        })
    }

    /// Every provider with a limit: limit, used (unpaid principal as shown on `today`: automatic
    /// postings count as paid), available.
    pub fn list_limits(&self, today: NaiveDate) -> StoreResult<Vec<LimitRow>> {
        let plans = open_plans_shown(self.conn(), today)?;
        let limits = limit_amounts(self.conn())?;
        Ok(provider_uses(&plans, &limits)?
            .into_iter()
            .filter_map(|p| {
                Some(LimitRow {
                    limit: p.limit?,
                    available: p.available?,
                    provider: p.provider,
                    used: p.used,
                })
            })
            .collect())
    }
}

/// Every provider's credit limit, by name.
pub(super) fn limit_amounts(conn: &Connection) -> StoreResult<Vec<(String, Money)>> {
    let mut stmt =
        conn.prepare_cached("SELECT provider, limit_cents FROM credit_limits ORDER BY provider")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every plan still owing money as shown on `today`: its periods posted by auto-debit by then
/// count as paid (as `plan list` shows them), so one fully posted owes nothing and is left out.
pub(super) fn open_plans_shown(conn: &Connection, today: NaiveDate) -> StoreResult<Vec<OpenPlan>> {
    let sql = format!(
        "SELECT p.id, p.provider, p.apr_percent,
                p.remaining_principal_cents - coalesce(x.principal, 0),
                p.remaining_cents - coalesce(x.total, 0)
         FROM plans p LEFT JOIN (
             SELECT i.plan_id,
                    sum(i.principal_cents - i.paid_principal_cents) AS principal,
                    sum(i.principal_cents - i.paid_principal_cents + i.fee_cents
                        - i.paid_fee_cents) AS total
             FROM installments i JOIN plans p ON p.id = i.plan_id
             WHERE i.state <> 'paid' AND i.state <> 'waived' AND i.due_on <= ?1 AND {POSTS}
             GROUP BY i.plan_id) x ON x.plan_id = p.id
         WHERE p.paid_off_on IS NULL AND p.remaining_cents > 0
         ORDER BY p.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([bound_text(today)], |r| {
        Ok(OpenPlan {
            id: r.get(0)?,
            provider: r.get(1)?,
            apr_percent: r.get::<_, SqlPercent>(2)?.0,
            principal: r.get(3)?,
            balance: r.get(4)?,
        })
    })?;
    let mut plans = Vec::new();
    for row in rows {
        let plan = row?;
        if plan.balance.is_positive() {
            plans.push(plan);
        }
    }
    Ok(plans)
}
