//! The append-only change log and `undo`: each change stores what is needed to revert it.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Map;

use super::inserted::{InsertedRows, delete_inserted};
use super::json_value::{json_to_sql, sql_to_json};
use super::model::{ChangeId, ChangeKind, PlanId, RepaymentId};
use super::subject::{ChangeInfo, ChangeSubject};
use super::{Store, StoreError, StoreResult};

/// A stored row: column name → value (integers, text and NULL only).
type RowImage = Map<String, serde_json::Value>;

/// A plan and everything that hangs off it, as it was before a change.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PlanImage {
    pub plan: RowImage,
    pub installments: Vec<RowImage>,
    pub repayments: Vec<RowImage>,
    pub allocations: Vec<RowImage>,
}

/// One step of reverting a change; a change's steps are reverted last to first.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub(crate) enum UndoStep {
    /// Delete plans that the change inserted.
    DeletePlans { ids: Vec<i64> },
    /// Delete plans with ids in `from..=to` (a demo fill).
    DeletePlanRange { from: i64, to: i64 },
    /// Put a plan back exactly as it was (deleting its current state first).
    RestorePlan { image: PlanImage },
    /// Delete cards that the change inserted.
    DeleteCards { ids: Vec<i64> },
    /// Put card rows back as they were.
    RestoreCards { rows: Vec<RowImage> },
    /// Point these plans back at a card.
    MovePlans { plan_ids: Vec<i64>, card_id: i64 },
    /// Delete the rows an import inserted, table by table, as runs of primary keys.
    DeleteInserted { tables: Vec<InsertedRows> },
    /// Put a provider's limit back (`None`: there was none).
    RestoreLimit {
        provider: String,
        limit_cents: Option<i64>,
    },
    /// Put deleted card rows back.
    InsertCards { rows: Vec<RowImage> },
    /// Put plans' auto-debit reminders back as they were: (plan id, card id or none).
    RestoreDebitSetup { plans: Vec<(i64, Option<i64>)> },
}

/// Appends a change to the log: what it was about and how to revert it. (The `summary`
/// column holds the text older fenqi wrote; new entries leave it empty.)
pub(crate) fn log_change(
    conn: &Connection,
    kind: ChangeKind,
    subject: &ChangeSubject,
    steps: &[UndoStep],
) -> StoreResult<ChangeId> {
    let subject = serde_json::to_string(subject)?;
    let data = serde_json::to_string(steps)?;
    conn.prepare_cached(
        "INSERT INTO changes (kind, summary, subject, undo_data) VALUES (?1, '', ?2, ?3)",
    )?
    .execute(params![kind, subject, data])?;
    Ok(ChangeId(conn.last_insert_rowid()))
}

/// The columns a [`StoredChange`] is read from.
const INFO_COLUMNS: &str = "id, kind, summary, subject";

/// A change-log row as stored (`INFO_COLUMNS`, in order).
struct StoredChange {
    id: ChangeId,
    kind: ChangeKind,
    summary: String,
    subject: Option<String>,
}

impl StoredChange {
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredChange> {
        Ok(StoredChange {
            id: r.get(0)?,
            kind: r.get(1)?,
            summary: r.get(2)?,
            subject: r.get(3)?,
        })
    }

    /// The change as shown: its typed subject, or for an entry an older fenqi wrote in no
    /// known shape (it has no subject), its summary as it is.
    fn info(self) -> StoreResult<ChangeInfo> {
        let subject = match self.subject {
            Some(json) => serde_json::from_str(&json)?,
            None => ChangeSubject::Text(self.summary),
        };
        Ok(ChangeInfo {
            id: self.id,
            kind: self.kind,
            subject,
        })
    }
}

/// Reads rows of `table` (a fixed table name) selected by `filter` as column → value maps.
fn snapshot_rows(
    conn: &Connection,
    table: &str,
    filter: &str,
    key: i64,
) -> StoreResult<Vec<RowImage>> {
    let sql = format!("SELECT * FROM {table} WHERE {filter}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
    let mut rows = stmt.query([key])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut image = Map::new();
        for (index, name) in names.iter().enumerate() {
            let value = sql_to_json(row.get_ref(index)?)
                .ok_or_else(|| StoreError::Corrupt(format!("{table}.{name}")))?;
            image.insert(name.clone(), value);
        }
        out.push(image);
    }
    Ok(out)
}

/// Captures a plan and its periods, repayments and allocations.
pub(crate) fn snapshot_plan(conn: &Connection, id: PlanId) -> StoreResult<PlanImage> {
    let plan = snapshot_rows(conn, "plans", "id = ?1", id.0)?
        .into_iter()
        .next()
        .ok_or(StoreError::PlanNotFound(id))?;
    Ok(PlanImage {
        plan,
        installments: snapshot_rows(conn, "installments", "plan_id = ?1", id.0)?,
        repayments: snapshot_rows(conn, "repayments", "plan_id = ?1", id.0)?,
        allocations: snapshot_rows(
            conn,
            "allocations",
            "repayment_id IN (SELECT id FROM repayments WHERE plan_id = ?1)",
            id.0,
        )?,
    })
}

/// Captures one card row.
pub(crate) fn snapshot_card(conn: &Connection, id: i64) -> StoreResult<RowImage> {
    snapshot_rows(conn, "cards", "id = ?1", id)?
        .into_iter()
        .next()
        .ok_or(StoreError::CardNotFound(super::model::CardId(id)))
}

/// The columns a table really has: the only names ever put into restoring SQL.
fn table_columns(conn: &Connection, table: &str) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info(?1)")?;
    let names = stmt.query_map([table], |r| r.get::<_, String>(0))?;
    Ok(names.collect::<Result<_, _>>()?)
}

/// Inserts row images into `table` (a fixed table name); column names must be the table's own.
fn insert_rows(conn: &Connection, table: &str, rows: &[RowImage]) -> StoreResult<()> {
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let known = table_columns(conn, table)?;
    let columns: Vec<&String> = first.keys().collect();
    if let Some(bad) = columns.iter().find(|c| !known.contains(c)) {
        return Err(StoreError::Corrupt(format!("change log column {bad}")));
    }
    let list = columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let marks = vec!["?"; columns.len()].join(", ");
    let mut stmt = conn.prepare(&format!("INSERT INTO {table} ({list}) VALUES ({marks})"))?;
    for row in rows {
        let values = columns
            .iter()
            .map(|c| json_to_sql(row.get(*c).unwrap_or(&serde_json::Value::Null)))
            .collect::<StoreResult<Vec<Value>>>()?;
        stmt.execute(rusqlite::params_from_iter(values))?;
    }
    Ok(())
}

/// Overwrites existing rows of `table` by `id` with their images.
fn update_rows_by_id(conn: &Connection, table: &str, rows: &[RowImage]) -> StoreResult<()> {
    let known = table_columns(conn, table)?;
    for row in rows {
        let id = row
            .get("id")
            .and_then(serde_json::Value::as_i64)
            .ok_or_else(|| StoreError::Corrupt("change log row without id".into()))?;
        let columns: Vec<&String> = row.keys().filter(|c| c.as_str() != "id").collect();
        if let Some(bad) = columns.iter().find(|c| !known.contains(c)) {
            return Err(StoreError::Corrupt(format!("change log column {bad}")));
        }
        let sets = columns
            .iter()
            .map(|c| format!("\"{c}\" = ?"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut values = columns
            .iter()
            .map(|c| json_to_sql(&row[c.as_str()]))
            .collect::<StoreResult<Vec<Value>>>()?;
        values.push(Value::Integer(id));
        conn.execute(
            &format!("UPDATE {table} SET {sets} WHERE id = ?"),
            rusqlite::params_from_iter(values),
        )?;
    }
    Ok(())
}

/// Reverts one step.
fn revert(conn: &Connection, step: &UndoStep) -> StoreResult<()> {
    match step {
        UndoStep::DeletePlans { ids } => {
            let mut stmt = conn.prepare_cached("DELETE FROM plans WHERE id = ?1")?;
            for id in ids {
                stmt.execute([id])?;
            }
        }
        UndoStep::DeletePlanRange { from, to } => {
            conn.prepare_cached("DELETE FROM plans WHERE id BETWEEN ?1 AND ?2")?
                .execute([from, to])?;
        }
        UndoStep::RestorePlan { image } => {
            let id = image
                .plan
                .get("id")
                .and_then(serde_json::Value::as_i64)
                .ok_or_else(|| StoreError::Corrupt("change log plan without id".into()))?;
            conn.prepare_cached("DELETE FROM plans WHERE id = ?1")?
                .execute([id])?;
            insert_rows(conn, "plans", std::slice::from_ref(&image.plan))?;
            insert_rows(conn, "installments", &image.installments)?;
            insert_rows(conn, "repayments", &image.repayments)?;
            insert_rows(conn, "allocations", &image.allocations)?;
        }
        UndoStep::DeleteCards { ids } => {
            let mut stmt = conn.prepare_cached("DELETE FROM cards WHERE id = ?1")?;
            for id in ids {
                stmt.execute([id])?;
            }
        }
        UndoStep::RestoreCards { rows } => {
            // Clear defaults first so the single-default index holds while rows are restored.
            conn.execute("UPDATE cards SET is_default = 0 WHERE is_default = 1", [])?;
            let mut cleared = rows.clone();
            for row in &mut cleared {
                row.insert("is_default".into(), serde_json::Value::from(0));
            }
            update_rows_by_id(conn, "cards", &cleared)?;
            update_rows_by_id(conn, "cards", rows)?;
        }
        UndoStep::MovePlans { plan_ids, card_id } => {
            let mut stmt = conn.prepare_cached("UPDATE plans SET card_id = ?2 WHERE id = ?1")?;
            for id in plan_ids {
                stmt.execute([id, card_id])?;
            }
        }
        UndoStep::DeleteInserted { tables } => delete_inserted(conn, tables)?,
        UndoStep::InsertCards { rows } => insert_rows(conn, "cards", rows)?,
        UndoStep::RestoreDebitSetup { plans } => {
            let mut stmt =
                conn.prepare_cached("UPDATE plans SET debit_setup_card_id = ?2 WHERE id = ?1")?;
            for (plan, card) in plans {
                stmt.execute(rusqlite::params![plan, card])?;
            }
        }
        UndoStep::RestoreLimit {
            provider,
            limit_cents,
        } => match limit_cents {
            Some(cents) => {
                conn.prepare_cached(
                    "INSERT INTO credit_limits (provider, limit_cents) VALUES (?1, ?2)
                     ON CONFLICT (provider) DO UPDATE SET limit_cents = excluded.limit_cents",
                )?
                .execute(params![provider, cents])?;
            }
            None => {
                conn.prepare_cached("DELETE FROM credit_limits WHERE provider = ?1")?
                    .execute([provider])?;
            }
        },
    }
    Ok(())
}

impl Store {
    /// The change `undo` would revert next, if any.
    pub fn last_change(&self) -> StoreResult<Option<ChangeInfo>> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {INFO_COLUMNS} FROM changes WHERE undone = 0 ORDER BY id DESC LIMIT 1"
            ))?
            .query_row([], StoredChange::read)
            .optional()?
            .map(StoredChange::info)
            .transpose()
    }

    /// Reverts the newest change not yet undone, in one transaction, and marks it undone.
    /// Returns what was undone, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> StoreResult<Option<ChangeInfo>> {
        self.write(|tx| {
            let found = tx
                .prepare_cached(&format!(
                    "SELECT {INFO_COLUMNS}, undo_data FROM changes
                     WHERE undone = 0 ORDER BY id DESC LIMIT 1"
                ))?
                .query_row([], |r| Ok((StoredChange::read(r)?, r.get::<_, String>(4)?)))
                .optional()?;
            let Some((stored, data)) = found else {
                return Ok(None);
            };
            let info = stored.info()?;
            let steps: Vec<UndoStep> = serde_json::from_str(&data)?;
            for step in steps.iter().rev() {
                revert(tx, step)?;
            }
            tx.prepare_cached("UPDATE changes SET undone = 1 WHERE id = ?1")?
                .execute([info.id])?;
            Ok(Some(info))
        })
    }
}

/// Whether reverting `steps` would change plan `plan` (its rows, its card, its reminder).
fn touches_plan(steps: &[UndoStep], plan: PlanId) -> bool {
    steps.iter().any(|step| match step {
        UndoStep::DeletePlans { ids } => ids.contains(&plan.0),
        UndoStep::DeletePlanRange { from, to } => (*from..=*to).contains(&plan.0),
        UndoStep::RestorePlan { image } => image_plan_id(image) == Some(plan.0),
        UndoStep::MovePlans { plan_ids, .. } => plan_ids.contains(&plan.0),
        UndoStep::RestoreDebitSetup { plans } => plans.iter().any(|(id, _)| *id == plan.0),
        // An import's rows are not told apart by plan here: counted as touching it.
        UndoStep::DeleteInserted { .. } => true,
        UndoStep::DeleteCards { .. }
        | UndoStep::RestoreCards { .. }
        | UndoStep::RestoreLimit { .. }
        | UndoStep::InsertCards { .. } => false,
    })
}

fn image_plan_id(image: &PlanImage) -> Option<i64> {
    image.plan.get("id").and_then(serde_json::Value::as_i64)
}

/// Whether `steps` put plan `plan` back as it was before repayment `repayment` was recorded
/// (the change that recorded it).
fn recorded_repayment(steps: &[UndoStep], plan: PlanId, repayment: RepaymentId) -> bool {
    steps.iter().any(|step| match step {
        UndoStep::RestorePlan { image } => {
            image_plan_id(image) == Some(plan.0)
                && !image
                    .repayments
                    .iter()
                    .any(|r| r.get("id").and_then(serde_json::Value::as_i64) == Some(repayment.0))
        }
        _ => false,
    })
}

/// The change that recorded repayment `repayment`, with its undo steps, when the repayment is
/// its plan's newest and no later change touched the plan (see
/// [`Store::take_back_repayment`]).
fn recording_change(
    conn: &Connection,
    repayment: RepaymentId,
) -> StoreResult<(ChangeInfo, Vec<UndoStep>)> {
    let plan: PlanId = conn
        .prepare_cached("SELECT plan_id FROM repayments WHERE id = ?1")?
        .query_row([repayment], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::RepaymentNotFound(repayment))?;
    let newest: RepaymentId = conn
        .prepare_cached("SELECT max(id) FROM repayments WHERE plan_id = ?1")?
        .query_row([plan], |r| r.get(0))?;
    if newest != repayment {
        return Err(StoreError::NotNewestRepayment(plan));
    }
    // The newest change that touched the plan must be the one that recorded it.
    let mut stmt = conn.prepare(&format!(
        "SELECT {INFO_COLUMNS}, undo_data FROM changes WHERE undone = 0 ORDER BY id DESC"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let data: String = row.get(4)?;
        let steps: Vec<UndoStep> = serde_json::from_str(&data)?;
        if !touches_plan(&steps, plan) {
            continue;
        }
        if !recorded_repayment(&steps, plan, repayment) {
            break;
        }
        return Ok((StoredChange::read(row)?.info()?, steps));
    }
    Err(StoreError::RepaymentNotAlone(plan))
}

impl Store {
    /// Whether repayment `repayment` can be taken back (see [`Store::take_back_repayment`]);
    /// the error says why not. Writes nothing.
    pub(crate) fn check_take_back(&self, repayment: RepaymentId) -> StoreResult<()> {
        recording_change(self.conn(), repayment).map(drop)
    }

    /// Takes back repayment `repayment` when it is its plan's newest: the change that recorded
    /// it is reverted as `undo` would revert it (and marked undone), though later changes to
    /// other plans stay. Refused when a later repayment of the plan exists
    /// ([`StoreError::NotNewestRepayment`]) or a later change touched the plan
    /// ([`StoreError::RepaymentNotAlone`]). Returns what was taken back.
    pub(crate) fn take_back_repayment(
        &mut self,
        repayment: RepaymentId,
    ) -> StoreResult<ChangeInfo> {
        self.write(|tx| {
            let (info, steps) = recording_change(tx, repayment)?;
            for step in steps.iter().rev() {
                revert(tx, step)?;
            }
            tx.prepare_cached("UPDATE changes SET undone = 1 WHERE id = ?1")?
                .execute([info.id])?;
            Ok(info)
        })
    }
}
