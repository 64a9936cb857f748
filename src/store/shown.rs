//! What a form or dialog acts on, as it was when shown (a plan's or a card's stamp), and
//! writes that go ahead only while it is still so: another fenqi (a script, a second
//! terminal, an undo) may have deleted, edited or paid the plan since.

use std::hash::{DefaultHasher, Hash, Hasher};

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::model::{CardId, PlanId};
use super::{Store, StoreError, StoreResult};

/// A plan's columns kept by the store from its periods: they change with every payment, so
/// they belong to its payments, not to what was typed into it.
const PLAN_SUMMARY_COLUMNS: &[&str] = &[
    "paid_periods",
    "remaining_cents",
    "remaining_principal_cents",
    "next_period",
    "next_due_on",
    "next_amount_cents",
    "next_debit_failed",
    "status",
    "paid_off_on",
];

/// A plan as it was shown: fingerprints of what was typed into it (name, terms, card) and of
/// its payments (periods, repayments, allocations and the summary kept from them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanStamp {
    pub id: PlanId,
    details: u64,
    payments: u64,
}

/// A card as it was shown: a fingerprint of its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardStamp {
    pub id: CardId,
    row: u64,
}

/// Something a form or dialog showed and acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Plan(PlanStamp),
    Card(CardStamp),
}

/// How something shown changed since: the write it was for did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// The plan was deleted (its id is never given to another plan).
    PlanGone(PlanId),
    /// Its name, terms, card or another typed detail changed.
    PlanEdited(PlanId),
    /// A payment, failed debit or payoff on it was recorded or undone.
    PlanPaid(PlanId),
    CardGone(CardId),
    /// Replaced, archived, made default or no longer default, or relabelled.
    CardEdited(CardId),
}

/// Feeds one stored value into `hasher`, its type included.
fn hash_value(value: ValueRef<'_>, hasher: &mut DefaultHasher) {
    match value {
        ValueRef::Null => 0u8.hash(hasher),
        ValueRef::Integer(n) => (1u8, n).hash(hasher),
        ValueRef::Real(x) => (2u8, x.to_bits()).hash(hasher),
        ValueRef::Text(bytes) => (3u8, bytes).hash(hasher),
        ValueRef::Blob(bytes) => (4u8, bytes).hash(hasher),
    }
}

/// Feeds every row `sql` selects for `key` (every column, or all but `skip`; then only
/// `skip`, when `only_skipped`) into `hasher`; returns how many rows there were.
fn hash_rows(
    conn: &Connection,
    sql: &str,
    key: i64,
    skip: &[&str],
    only_skipped: bool,
    hasher: &mut DefaultHasher,
) -> StoreResult<usize> {
    let mut stmt = conn.prepare_cached(sql)?;
    let wanted: Vec<usize> = stmt
        .column_names()
        .enumerate()
        .filter(|(_, name)| skip.contains(name) == only_skipped)
        .map(|(at, _)| at)
        .collect();
    let mut rows = stmt.query([key])?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        count += 1;
        for &at in &wanted {
            hash_value(row.get_ref(at)?, hasher);
        }
    }
    Ok(count)
}

/// The stamp of plan `id` now, or `None` when there is no such plan.
fn plan_stamp(conn: &Connection, id: PlanId) -> StoreResult<Option<PlanStamp>> {
    let plan_row = "SELECT * FROM plans WHERE id = ?1";
    let mut details = DefaultHasher::new();
    if hash_rows(
        conn,
        plan_row,
        id.0,
        PLAN_SUMMARY_COLUMNS,
        false,
        &mut details,
    )? == 0
    {
        return Ok(None);
    }
    let mut payments = DefaultHasher::new();
    hash_rows(
        conn,
        plan_row,
        id.0,
        PLAN_SUMMARY_COLUMNS,
        true,
        &mut payments,
    )?;
    for sql in [
        "SELECT * FROM installments WHERE plan_id = ?1 ORDER BY period",
        "SELECT * FROM repayments WHERE plan_id = ?1 ORDER BY id",
        "SELECT a.* FROM allocations a JOIN repayments r ON r.id = a.repayment_id
         WHERE r.plan_id = ?1 ORDER BY a.repayment_id, a.period",
    ] {
        let rows = hash_rows(conn, sql, id.0, &[], false, &mut payments)?;
        rows.hash(&mut payments);
    }
    Ok(Some(PlanStamp {
        id,
        details: details.finish(),
        payments: payments.finish(),
    }))
}

/// The stamp of card `id` now, or `None` when there is no such card.
fn card_stamp(conn: &Connection, id: CardId) -> StoreResult<Option<CardStamp>> {
    let mut row = DefaultHasher::new();
    let found = hash_rows(
        conn,
        "SELECT * FROM cards WHERE id = ?1",
        id.0,
        &[],
        false,
        &mut row,
    )?;
    Ok((found > 0).then(|| CardStamp {
        id,
        row: row.finish(),
    }))
}

/// How `shown` changed since it was shown, if it did.
pub(crate) fn change_since(conn: &Connection, shown: &Shown) -> StoreResult<Option<Changed>> {
    Ok(match shown {
        Shown::Plan(then) => match plan_stamp(conn, then.id)? {
            None => Some(Changed::PlanGone(then.id)),
            Some(now) if now.details != then.details => Some(Changed::PlanEdited(then.id)),
            Some(now) if now.payments != then.payments => Some(Changed::PlanPaid(then.id)),
            Some(_) => None,
        },
        Shown::Card(then) => match card_stamp(conn, then.id)? {
            None => Some(Changed::CardGone(then.id)),
            Some(now) if now != *then => Some(Changed::CardEdited(then.id)),
            Some(_) => None,
        },
    })
}

/// The first of `shown` that changed, as the error that stops a write.
pub(crate) fn refuse_if_changed(conn: &Connection, shown: &[Shown]) -> StoreResult<()> {
    for item in shown {
        if let Some(changed) = change_since(conn, item)? {
            return Err(StoreError::Changed(changed));
        }
    }
    Ok(())
}

impl Store {
    /// Plan `id` as it is now, for a form or dialog to show and act on.
    pub(crate) fn plan_stamp(&self, id: PlanId) -> StoreResult<PlanStamp> {
        plan_stamp(self.conn(), id)?.ok_or(StoreError::PlanNotFound(id))
    }

    /// Card `id` as it is now, for a form to show and act on.
    pub(crate) fn card_stamp(&self, id: CardId) -> StoreResult<CardStamp> {
        card_stamp(self.conn(), id)?.ok_or(StoreError::CardNotFound(id))
    }

    /// Runs `work` (a write) only while everything in `shown` is as it was shown: checked
    /// first, and again inside the write's own transaction, so nothing can change between.
    /// Otherwise nothing is written and the error says what changed
    /// ([`StoreError::Changed`]).
    pub(crate) fn unless_changed<T>(
        &mut self,
        shown: &[Shown],
        work: impl FnOnce(&mut Store) -> StoreResult<T>,
    ) -> StoreResult<T> {
        refuse_if_changed(self.conn(), shown)?;
        self.expected = shown.to_vec();
        let result = work(self);
        self.expected.clear();
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;

    #[test]
    fn a_stamp_tells_an_edit_from_a_payment_and_a_deletion() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("a.db")).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 15).unwrap();
        store.fill_demo(3, 7, today).unwrap();
        let id = PlanId(1);
        let then = Shown::Plan(store.plan_stamp(id).unwrap());
        let conn = store.conn();
        assert_eq!(change_since(conn, &then).unwrap(), None);
        conn.execute("UPDATE plans SET name = name || 'x' WHERE id = 1", [])
            .unwrap();
        assert_eq!(
            change_since(conn, &then).unwrap(),
            Some(Changed::PlanEdited(id))
        );
        let then = Shown::Plan(store.plan_stamp(id).unwrap());
        let conn = store.conn();
        conn.execute(
            "UPDATE repayments SET reference = 'r' WHERE id = (SELECT min(id) FROM repayments WHERE plan_id = 1)",
            [],
        )
        .unwrap();
        assert_eq!(
            change_since(conn, &then).unwrap(),
            Some(Changed::PlanPaid(id))
        );
        let then = Shown::Plan(store.plan_stamp(id).unwrap());
        store.delete_plan(id).unwrap();
        assert_eq!(
            change_since(store.conn(), &then).unwrap(),
            Some(Changed::PlanGone(id))
        );
        let card = store.list_cards(false).unwrap()[0].id;
        let then = Shown::Card(store.card_stamp(card).unwrap());
        assert_eq!(change_since(store.conn(), &then).unwrap(), None);
        store.set_limit("花呗", Money::from_cents(100)).unwrap();
        assert_eq!(change_since(store.conn(), &then).unwrap(), None);
    }

    #[test]
    fn a_write_on_a_changed_plan_writes_nothing_even_when_the_change_comes_last() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let mut store = Store::open(&path).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 15).unwrap();
        store.fill_demo(3, 7, today).unwrap();
        let shown = [Shown::Plan(store.plan_stamp(PlanId(2)).unwrap())];
        // Another process renames the plan after the first check, before the write.
        let result = store.unless_changed(&shown, |store| {
            let other = Connection::open(&path).unwrap();
            other
                .execute("UPDATE plans SET name = 'renamed' WHERE id = 2", [])
                .unwrap();
            store.delete_plan(PlanId(2))
        });
        assert!(
            matches!(
                result,
                Err(StoreError::Changed(Changed::PlanEdited(PlanId(2))))
            ),
            "{result:?}"
        );
        assert!(store.plan_stamp(PlanId(2)).is_ok(), "not deleted");
        // Nothing is left expected for the next write.
        store.delete_plan(PlanId(2)).unwrap();
    }
}
