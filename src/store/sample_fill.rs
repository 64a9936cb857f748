//! Writing a large fill of sample data (what `fenqi demo` builds) at once: one transaction
//! with the tallies recounted once, logged as one change whose undo removes the whole fill.

use rusqlite::{OptionalExtension, Transaction, params};

use super::changelog::{self, UndoStep};
use super::model::{CardDraft, CardId, ChangeKind, PlanDraft, PlanId};
use super::payments::{NewRepayment, insert_repayments};
use super::plans::insert_ledger;
use super::subject::ChangeSubject;
use super::{Store, StoreResult};
use crate::domain::allocation::PeriodAllocation;
use crate::domain::ledger::Ledger;
use crate::domain::summary::PlanQuote;

/// A fill in progress: it writes rows as given and notes what it added, for its undo.
pub(crate) struct SampleFill<'t> {
    tx: &'t Transaction<'t>,
    /// Some card was the default when the fill began.
    had_default: bool,
    added_cards: Vec<i64>,
    first_plan: Option<PlanId>,
    last_plan: Option<PlanId>,
}

impl SampleFill<'_> {
    /// The oldest card with `draft`'s bank and last 4 that is not archived, or a new card from
    /// `draft` (so a second fill adds no duplicate cards). A new card becomes the default when
    /// `default_if_none` and no card was the default when the fill began.
    pub(crate) fn card(&mut self, draft: &CardDraft, default_if_none: bool) -> StoreResult<CardId> {
        let existing: Option<i64> = self
            .tx
            .prepare_cached(
                "SELECT id FROM cards WHERE bank = ?1 AND last4 = ?2 AND archived = 0
                 ORDER BY id LIMIT 1",
            )?
            .query_row(params![draft.bank, draft.last4], |r| r.get(0))
            .optional()?;
        if let Some(id) = existing {
            return Ok(CardId(id));
        }
        self.tx
            .prepare_cached(
                "INSERT INTO cards (bank, last4, label, is_default) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                draft.bank,
                draft.last4,
                draft.label,
                default_if_none && !self.had_default
            ])?;
        let id = self.tx.last_insert_rowid();
        self.added_cards.push(id);
        Ok(CardId(id))
    }

    /// Inserts a plan as `draft` names it, with the cost `quote` worked out and its periods as
    /// `ledger` has them; returns its id.
    pub(crate) fn plan(
        &mut self,
        draft: &PlanDraft,
        quote: &PlanQuote,
        ledger: &Ledger,
    ) -> StoreResult<PlanId> {
        let id = insert_ledger(self.tx, draft, quote, ledger)?;
        self.first_plan.get_or_insert(id);
        self.last_plan = Some(id);
        Ok(id)
    }

    /// Inserts repayments and how each was allocated.
    pub(crate) fn repayments<'r>(
        &mut self,
        repayments: impl IntoIterator<Item = (&'r NewRepayment<'r>, &'r [PeriodAllocation])>,
    ) -> StoreResult<()> {
        insert_repayments(self.tx, repayments)?;
        Ok(())
    }

    /// How many cards the fill added (cards it found already there aside).
    pub(crate) fn cards_added(&self) -> usize {
        self.added_cards.len()
    }
}

impl Store {
    /// Runs `work` as one fill of `plans` sample plans made from `seed`, in one transaction
    /// with the tallies recounted once at the end, and logs it as one `demo` change whose undo
    /// deletes the cards and plans it added.
    pub(crate) fn fill_samples<T>(
        &mut self,
        plans: u32,
        seed: u64,
        work: impl FnOnce(&mut SampleFill<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        // A large fill stays in memory until commit instead of spilling pages to the WAL.
        let cache: i64 = self
            .conn()
            .query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let wanted_kib = (i64::from(plans) * 3).clamp(2_000, 400_000);
        self.conn().pragma_update(None, "cache_size", -wanted_kib)?;
        let filled = super::tallies::bulk_write(self, |tx| {
            let had_default: bool = tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM cards WHERE is_default = 1)")?
                .query_row([], |r| r.get(0))?;
            let mut fill = SampleFill {
                tx,
                had_default,
                added_cards: Vec::new(),
                first_plan: None,
                last_plan: None,
            };
            let value = work(&mut fill)?;
            let mut steps = vec![UndoStep::DeleteCards {
                ids: fill.added_cards,
            }];
            if let (Some(from), Some(to)) = (fill.first_plan, fill.last_plan) {
                steps.push(UndoStep::DeletePlanRange {
                    from: from.0,
                    to: to.0,
                });
            }
            changelog::log_change(
                tx,
                ChangeKind::Demo,
                &ChangeSubject::Demo { plans, seed },
                &steps,
            )?;
            Ok(value)
        });
        self.conn().pragma_update(None, "cache_size", cache)?;
        filled
    }
}
