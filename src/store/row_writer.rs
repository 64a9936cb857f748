//! Writing one table's rows of a JSON dump: each value checked (type, read back, free text),
//! card numbers masked, identical rows skipped, different ones refused, and the keys inserted
//! and the plans and repayments they touch noted (for undo and for the consistency check).

use std::borrow::Cow;

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::consistency::{Touched, touch_columns};
use super::dump::{ImportError, TableInfo};
use super::inserted::{KeyReader, RunTracker};
use super::readable::{Declared, ValueKind, cell_problem, kind_of, value_text};
use super::sql::ident;
use super::{StoreError, StoreResult};
use crate::domain::privacy::mask_card_numbers;

/// A copy of `row` with card numbers in its text cells cut to their last four digits, or
/// `None` when no cell holds one (the common case, which costs no allocation).
fn mask_card_numbers_in_row(row: &[Value]) -> Option<Vec<Value>> {
    let may_hold_card =
        |text: &str| !text.is_ascii() || text.bytes().filter(u8::is_ascii_digit).count() >= 13;
    let needs_mask = row.iter().any(|v| match v {
        Value::Text(t) => may_hold_card(t) && matches!(mask_card_numbers(t), Cow::Owned(_)),
        _ => false,
    });
    needs_mask.then(|| {
        row.iter()
            .map(|v| match v {
                Value::Text(t) => Value::Text(mask_card_numbers(t).into_owned()),
                other => other.clone(),
            })
            .collect()
    })
}

/// Inserts rows of one table, skipping identical ones and refusing different ones, and
/// notes the keys of the rows it inserted.
pub(super) struct RowWriter<'c> {
    pub(super) table: String,
    width: usize,
    /// The given columns' names, declared types and the kinds of value fenqi reads from them.
    cells: Vec<(String, Declared, Option<ValueKind>)>,
    insert: rusqlite::Statement<'c>,
    same: rusqlite::Statement<'c>,
    key_positions: Vec<usize>,
    conn: &'c Connection,
    keys: KeyReader<'c>,
    pub(super) tracker: RunTracker<'c>,
    /// Where a row names the plan or repayment it touches.
    touches: RowTouches,
    pub(super) touched: Touched,
}

/// A table's [`super::consistency::TouchColumns`] with the columns found among the given ones.
struct RowTouches {
    plan_key: bool,
    repayment_key: bool,
    plan_at: Option<usize>,
    repayment_at: Option<usize>,
}

impl<'c> RowWriter<'c> {
    pub(super) fn new(
        conn: &'c Connection,
        target: &TableInfo,
        columns: &[String],
    ) -> StoreResult<Self> {
        let quoted: Vec<String> = columns.iter().map(|c| ident(c)).collect();
        let holes: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        let table = ident(&target.name);
        let row_key = target.row_key();
        let insert = conn.prepare(&format!(
            "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT DO NOTHING",
            quoted.join(", "),
            holes.join(", ")
        ))?;
        let matches: Vec<String> = quoted
            .iter()
            .zip(&holes)
            .map(|(c, h)| format!("{c} IS {h}"))
            .collect();
        let condition = if matches.is_empty() {
            "1".to_string()
        } else {
            matches.join(" AND ")
        };
        let same = conn.prepare(&format!(
            "SELECT EXISTS (SELECT 1 FROM {table} WHERE {condition})"
        ))?;
        let key_positions = target
            .primary_key
            .iter()
            .filter_map(|k| columns.iter().position(|c| c == k))
            .collect();
        let touch = touch_columns(&target.name);
        let at = |name: Option<&str>| name.and_then(|n| columns.iter().position(|c| c == n));
        let touches = RowTouches {
            plan_key: touch.plan_key,
            repayment_key: touch.repayment_key,
            plan_at: at(touch.plan_column),
            repayment_at: at(touch.repayment_column),
        };
        let cells = columns
            .iter()
            .map(|column| {
                let declared = target
                    .columns
                    .iter()
                    .position(|c| c == column)
                    .map_or(Declared::Other, |at| Declared::of(&target.types[at]));
                let kind = kind_of(&target.name, column);
                (column.clone(), declared, kind)
            })
            .collect();
        Ok(RowWriter {
            table: target.name.clone(),
            width: columns.len(),
            cells,
            insert,
            same,
            key_positions,
            conn,
            keys: KeyReader::new(conn, &target.name, &row_key, columns)?,
            tracker: RunTracker::new(conn, &target.name, &row_key)?,
            touches,
            touched: Touched::default(),
        })
    }

    /// Inserts one row; `Ok(false)` when an identical row was already there. A value of the
    /// wrong type or one fenqi could not read back (an impossible date, an unknown code, a
    /// control character in a name) refuses the row.
    pub(super) fn write(&mut self, row: &[Value], number: u64) -> Result<bool, ImportError> {
        if row.len() != self.width {
            return Err(ImportError::BadRow {
                table: self.table.clone(),
                row: number,
                message: format!("{} values for {} columns", row.len(), self.width),
            });
        }
        for ((column, declared, kind), value) in self.cells.iter().zip(row) {
            if let Some(problem) = cell_problem(*declared, *kind, value) {
                return Err(ImportError::BadValue {
                    table: self.table.clone(),
                    row: number,
                    column: column.clone(),
                    value: value_text(value.into()),
                    problem,
                });
            }
        }
        let bad_row = |e: rusqlite::Error| row_error(&self.table, number, e);
        let masked = mask_card_numbers_in_row(row);
        let row = masked.as_deref().unwrap_or(row);
        let inserted = self
            .insert
            .execute(params_from_iter(row))
            .map_err(bad_row)?;
        if inserted == 1 {
            let key = self.keys.read(self.conn, row)?;
            self.note_touched(row, &key);
            self.tracker.inserted(key)?;
            return Ok(true);
        }
        let identical: bool = self
            .same
            .query_row(params_from_iter(row), |r| r.get(0))
            .map_err(bad_row)?;
        if identical {
            self.tracker.skipped()?;
            return Ok(false);
        }
        let key: Vec<String> = self
            .key_positions
            .iter()
            .map(|&i| match &row[i] {
                Value::Integer(n) => n.to_string(),
                Value::Text(t) => t.clone(),
                _ => "?".to_string(),
            })
            .collect();
        Err(ImportError::Conflict {
            table: self.table.clone(),
            key: key.join("/"),
        })
    }
}

impl RowWriter<'_> {
    /// Notes the plan and repayment an inserted row (stored with `key`) touches.
    fn note_touched(&mut self, row: &[Value], key: &[Value]) {
        let id = |value: Option<&Value>| match value {
            Some(Value::Integer(id)) => Some(*id),
            _ => None,
        };
        let t = &self.touches;
        let own = id(key.first());
        let plan = if t.plan_key {
            own
        } else {
            id(t.plan_at.and_then(|at| row.get(at)))
        };
        if let Some(plan) = plan {
            self.touched.plan(plan);
        }
        if let Some(repayment) = own.filter(|_| t.repayment_key) {
            self.touched.repayments.push(repayment);
        }
        if let Some(repayment) = id(t.repayment_at.and_then(|at| row.get(at))) {
            self.touched.allocated(repayment);
        }
    }
}

/// A failed insert or comparison of row `number`: the row's fault (a CHECK, a type, a size)
/// names it; anything else (a read-only or full disk, a lock) is the database's.
pub(super) fn row_error(table: &str, number: u64, error: rusqlite::Error) -> ImportError {
    use rusqlite::ErrorCode;
    match error.sqlite_error_code() {
        None
        | Some(ErrorCode::ConstraintViolation | ErrorCode::TooBig | ErrorCode::TypeMismatch) => {
            ImportError::BadRow {
                table: table.to_string(),
                row: number,
                message: error.to_string(),
            }
        }
        Some(_) => ImportError::Store(StoreError::Sqlite(error)),
    }
}
