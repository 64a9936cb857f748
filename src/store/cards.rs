//! Cards: add, edit, delete, list, set the default, and replace a lost card on every plan it
//! pays (leaving a reminder on each plan whose auto-debit must be set up again).

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::changelog::{self, UndoStep};
use super::model::{Card, CardDraft, CardId, CardReplaced, ChangeKind, PlanId};
use super::plans::{check_card, plan_subject};
use super::subject::{CardRef, ChangeSubject};
use super::{Store, StoreError, StoreResult};

const CARD_COLUMNS: &str = "id, bank, last4, label, is_default, archived, replaced_by, kind";

fn card_from_row(r: &Row<'_>) -> rusqlite::Result<Card> {
    Ok(Card {
        id: r.get(0)?,
        bank: r.get(1)?,
        last4: r.get(2)?,
        label: r.get(3)?,
        is_default: r.get(4)?,
        archived: r.get(5)?,
        replaced_by: r.get(6)?,
        kind: r.get(7)?,
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
                "INSERT INTO cards (bank, last4, label, is_default, kind)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                draft.bank,
                draft.last4,
                draft.label,
                !has_default,
                draft.kind
            ])?;
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

    /// Changes a card's bank, last four digits, label and kind (to fix a typo).
    pub(crate) fn update_card(&mut self, id: CardId, draft: &CardDraft) -> StoreResult<()> {
        let draft = &draft.without_card_numbers();
        self.write(|tx| {
            let rows = vec![changelog::snapshot_card(tx, id.0)?];
            tx.prepare_cached(
                "UPDATE cards SET bank = ?2, last4 = ?3, label = ?4, kind = ?5 WHERE id = ?1",
            )?
            .execute(params![
                id,
                draft.bank,
                draft.last4,
                draft.label,
                draft.kind
            ])?;
            let card = load_card(tx, id)?;
            changelog::log_change(
                tx,
                ChangeKind::CardEdit,
                &ChangeSubject::Card(card_ref(&card)),
                &[UndoStep::RestoreCards { rows }],
            )?;
            Ok(())
        })
    }

    /// Deletes a card nothing refers to (no plan, repayment or replaced card); a card in use is
    /// refused with [`StoreError::CardInUse`] (replace it instead, which archives it).
    pub(crate) fn delete_card(&mut self, id: CardId) -> StoreResult<()> {
        self.write(|tx| {
            let card = load_card(tx, id)?;
            let in_use: bool = tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM plans WHERE card_id = ?1 OR debit_setup_card_id = ?1)
                         OR EXISTS (SELECT 1 FROM repayments WHERE card_id = ?1)
                         OR EXISTS (SELECT 1 FROM cards WHERE replaced_by = ?1)",
                )?
                .query_row([id], |r| r.get(0))?;
            if in_use {
                return Err(StoreError::CardInUse(id));
            }
            let rows = vec![changelog::snapshot_card(tx, id.0)?];
            tx.prepare_cached("DELETE FROM cards WHERE id = ?1")?
                .execute([id])?;
            changelog::log_change(
                tx,
                ChangeKind::CardDelete,
                &ChangeSubject::Card(card_ref(&card)),
                &[UndoStep::InsertCards { rows }],
            )?;
            Ok(())
        })
    }

    /// Dismisses a plan's reminder to set up its auto-debit again with a new card.
    pub(crate) fn dismiss_debit_setup(&mut self, plan: PlanId) -> StoreResult<()> {
        self.write(|tx| {
            let (card, name, provider): (Option<i64>, String, String) = tx
                .prepare_cached(
                    "SELECT debit_setup_card_id, name, provider FROM plans WHERE id = ?1",
                )?
                .query_row([plan], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?
                .ok_or(StoreError::PlanNotFound(plan))?;
            if card.is_none() {
                return Ok(());
            }
            tx.prepare_cached("UPDATE plans SET debit_setup_card_id = NULL WHERE id = ?1")?
                .execute([plan])?;
            changelog::log_change(
                tx,
                ChangeKind::ReminderDismiss,
                &ChangeSubject::Plan(plan_subject(plan, &name, &provider)),
                &[UndoStep::RestoreDebitSetup {
                    plans: vec![(plan.0, card)],
                }],
            )?;
            Ok(())
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
    pub(crate) fn default_card(&self) -> StoreResult<Option<Card>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {CARD_COLUMNS} FROM cards WHERE is_default = 1"
            ))?
            .query_row([], card_from_row)
            .optional()?)
    }

    /// Makes a card the default for new plans.
    pub(crate) fn set_default_card(&mut self, id: CardId) -> StoreResult<()> {
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
    /// Repayments keep the card they used. Each moved plan the provider debits automatically
    /// keeps a reminder that its auto-debit must be set up again with `new`, until dismissed.
    /// Returns how many plans moved, and those providers.
    pub fn replace_card(&mut self, old: CardId, new: CardId) -> StoreResult<CardReplaced> {
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
            let reminders: Vec<(i64, Option<i64>)> = tx
                .prepare_cached(
                    "SELECT id, debit_setup_card_id FROM plans
                     WHERE card_id = ?1 AND auto_debit = 1 ORDER BY id",
                )?
                .query_map([old], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            let providers: Vec<String> = tx
                .prepare_cached(
                    "SELECT DISTINCT provider FROM plans
                     WHERE card_id = ?1 AND auto_debit = 1 ORDER BY provider",
                )?
                .query_map([old], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            tx.prepare_cached(
                "UPDATE plans SET debit_setup_card_id = ?2 WHERE card_id = ?1 AND auto_debit = 1",
            )?
            .execute([old, new])?;
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
                    UndoStep::RestoreDebitSetup { plans: reminders },
                ],
            )?;
            Ok(CardReplaced {
                moved: plan_ids.len(),
                providers,
            })
        })
    }
}
