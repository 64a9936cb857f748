//! Credit limits (额度) per provider; used = unpaid principal of that provider's plans.

use rusqlite::{OptionalExtension, params};

use super::changelog::{self, UndoStep};
use super::model::{ChangeKind, LimitRow};
use super::{ChangeSubject, Store, StoreResult, overflow_in_row};
use crate::domain::Money;
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

    /// Every provider with a limit: limit, used, available.
    pub fn list_limits(&self) -> StoreResult<Vec<LimitRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT l.provider, l.limit_cents,
                    coalesce((SELECT sum(p.remaining_principal_cents) FROM plans p
                              WHERE p.provider = l.provider), 0)
             FROM credit_limits l ORDER BY l.provider",
        )?;
        let rows = stmt.query_map([], |r| {
            let limit: Money = r.get(1)?;
            let used: Money = r.get(2)?;
            Ok(LimitRow {
                provider: r.get(0)?,
                limit,
                used,
                available: limit.try_sub(used).map_err(overflow_in_row)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
