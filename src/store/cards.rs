//! Cards: add, list, set the default, and replace a lost card on every plan it pays.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::changelog::{self, UndoStep};
use super::model::{Card, CardDraft, CardId, ChangeKind};
use super::plans::check_card;
use super::subject::{CardRef, ChangeSubject};
use super::{Store, StoreError, StoreResult};

const CARD_COLUMNS: &str = "id, bank, last4, label, is_default, archived, replaced_by";

fn card_from_row(r: &Row<'_>) -> rusqlite::Result<Card> {
    Ok(Card {
        id: r.get(0)?,
        bank: r.get(1)?,
        last4: r.get(2)?,
        label: r.get(3)?,
        is_default: r.get(4)?,
        archived: r.get(5)?,
        replaced_by: r.get(6)?,
    })
}

/// Reads one card.
pub(crate) fn load_card(conn: &Connection, id: CardId) -> StoreResult<Card> {
    conn.prepare_cached(&format!("SELECT {CARD_COLUMNS} FROM cards WHERE id = ?1"))?
        .query_row([id], card_from_row)
        .optional()?
        .ok_or(StoreError::CardNotFound(id))
}

/// A card as a change names it.
fn card_ref(card: &Card) -> CardRef {
    CardRef {
        id: card.id,
        bank: card.bank.clone(),
        last4: card.last4.clone(),
    }
}

impl Store {
    /// Adds a card; the first card becomes the default.
    pub fn add_card(&mut self, draft: &CardDraft) -> StoreResult<CardId> {
        let draft = &draft.without_card_numbers();
        self.write(|tx| {
            let has_default: bool = tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM cards WHERE is_default = 1)")?
                .query_row([], |r| r.get(0))?;
            tx.prepare_cached(
                "INSERT INTO cards (bank, last4, label, is_default) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![draft.bank, draft.last4, draft.label, !has_default])?;
            let id = CardId(tx.last_insert_rowid());
            changelog::log_change(
                tx,
                ChangeKind::CardAdd,
                &ChangeSubject::Card(CardRef {
                    id,
                    bank: draft.bank.clone(),
                    last4: draft.last4.clone(),
                }),
                &[UndoStep::DeleteCards { ids: vec![id.0] }],
            )?;
            Ok(id)
        })
    }

    /// Cards, default first; archived ones only when asked.
    pub fn list_cards(&self, include_archived: bool) -> StoreResult<Vec<Card>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {CARD_COLUMNS} FROM cards WHERE archived = 0 OR ?1
             ORDER BY archived, is_default DESC, id"
        ))?;
        let rows = stmt.query_map([include_archived], card_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One card.
    pub fn card(&self, id: CardId) -> StoreResult<Card> {
        load_card(self.conn(), id)
    }

    /// The default card, if any.
    pub fn default_card(&self) -> StoreResult<Option<Card>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {CARD_COLUMNS} FROM cards WHERE is_default = 1"
            ))?
            .query_row([], card_from_row)
            .optional()?)
    }

    /// Makes a card the default for new plans.
    pub fn set_default_card(&mut self, id: CardId) -> StoreResult<()> {
        self.write(|tx| {
            check_card(tx, id)?;
            let old: Option<i64> = tx
                .prepare_cached("SELECT id FROM cards WHERE is_default = 1")?
                .query_row([], |r| r.get(0))
                .optional()?;
            if old == Some(id.0) {
                return Ok(());
            }
            let mut rows = vec![changelog::snapshot_card(tx, id.0)?];
            if let Some(old) = old {
                rows.push(changelog::snapshot_card(tx, old)?);
            }
            tx.execute("UPDATE cards SET is_default = 0 WHERE is_default = 1", [])?;
            tx.prepare_cached("UPDATE cards SET is_default = 1 WHERE id = ?1")?
                .execute([id])?;
            let card = load_card(tx, id)?;
            changelog::log_change(
                tx,
                ChangeKind::CardDefault,
                &ChangeSubject::Card(card_ref(&card)),
                &[UndoStep::RestoreCards { rows }],
            )?;
            Ok(())
        })
    }

    /// Moves every plan paid by `old` to `new` and archives `old` (the default passes to `new`).
    /// Repayments keep the card they used. Returns how many plans moved.
    pub fn replace_card(&mut self, old: CardId, new: CardId) -> StoreResult<usize> {
        if old == new {
            return Err(StoreError::SameCard);
        }
        self.write(|tx| {
            check_card(tx, old)?;
            check_card(tx, new)?;
            let rows = vec![
                changelog::snapshot_card(tx, old.0)?,
                changelog::snapshot_card(tx, new.0)?,
            ];
            let plan_ids: Vec<i64> = tx
                .prepare_cached("SELECT id FROM plans WHERE card_id = ?1 ORDER BY id")?
                .query_map([old], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            tx.prepare_cached("UPDATE plans SET card_id = ?2 WHERE card_id = ?1")?
                .execute([old, new])?;
            let was_default: bool = tx
                .prepare_cached("SELECT is_default FROM cards WHERE id = ?1")?
                .query_row([old], |r| r.get(0))?;
            tx.prepare_cached(
                "UPDATE cards SET archived = 1, is_default = 0, replaced_by = ?2 WHERE id = ?1",
            )?
            .execute([old, new])?;
            if was_default {
                tx.prepare_cached("UPDATE cards SET is_default = 1 WHERE id = ?1")?
                    .execute([new])?;
            }
            let (o, n) = (load_card(tx, old)?, load_card(tx, new)?);
            changelog::log_change(
                tx,
                ChangeKind::CardReplace,
                &ChangeSubject::CardReplace {
                    old: card_ref(&o),
                    new: card_ref(&n),
                },
                &[
                    UndoStep::RestoreCards { rows },
                    UndoStep::MovePlans {
                        plan_ids: plan_ids.clone(),
                        card_id: old.0,
                    },
                ],
            )?;
            Ok(plan_ids.len())
        })
    }
}
