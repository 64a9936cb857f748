//! Writing the rows the dump reader hands over: identical rows skipped, different ones
//! refused, and the keys inserted and the plans and repayments they touch noted (for undo and
//! for the consistency check).

use std::sync::mpsc::Receiver;

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::consistency::{Touched, touch_columns};
use super::dump::{ImportError, ImportSummary, TableCount, TableInfo};
use super::dump_reader::Parsed;
use super::inserted::{InsertedRows, KeyReader, RunTracker};
use super::sql::ident;
use super::{StoreError, StoreResult};

/// What the rows written so far did.
#[derive(Default)]
pub(super) struct Written {
    pub summary: ImportSummary,
    /// The keys of the rows inserted, for undo.
    pub inserted: Vec<InsertedRows>,
    /// The plans and repayments the inserted rows touch, for the consistency check.
    pub touched: Touched,
}

/// Writes what the reader hands over until it stops, into `written`; the first row that
/// cannot be written stops it (dropping `parsed` tells the reader to stop too).
pub(super) fn write_parsed(
    conn: &Connection,
    parsed: Receiver<Parsed<'_>>,
    written: &mut Written,
) -> Result<(), ImportError> {
    let mut current: Option<RowWriter<'_>> = None;
    for event in parsed {
        match event {
            Parsed::Table { target, columns } => {
                if let Some(done) = current.take() {
                    done.finish(written)?;
                }
                written.summary.tables.push(TableCount {
                    table: target.name.clone(),
                    ..TableCount::default()
                });
                current = Some(RowWriter::new(conn, target, &columns)?);
            }
            Parsed::Batch { first, rows } => {
                // The reader hands batches over only after their table.
                let (Some(writer), Some(count)) =
                    (current.as_mut(), written.summary.tables.last_mut())
                else {
                    continue;
                };
                for (number, row) in (first..).zip(&rows) {
                    if writer.write(row, number)? {
                        count.inserted += 1;
                    } else {
                        count.skipped += 1;
                    }
                }
            }
        }
    }
    if let Some(done) = current {
        done.finish(written)?;
    }
    Ok(())
}

/// Inserts rows of one table, skipping identical ones and refusing different ones, and
/// notes the keys of the rows it inserted.
pub(super) struct RowWriter<'c> {
    table: String,
    insert: rusqlite::Statement<'c>,
    same: rusqlite::Statement<'c>,
    key_positions: Vec<usize>,
    conn: &'c Connection,
    keys: KeyReader<'c>,
    tracker: RunTracker<'c>,
    /// Where a row names the plan or repayment it touches.
    touches: RowTouches,
    touched: Touched,
}

/// A table's [`super::consistency::TouchColumns`] with the columns found among the given ones.
struct RowTouches {
    plan_key: bool,
    repayment_key: bool,
    plan_at: Option<usize>,
    repayment_at: Option<usize>,
}

impl<'c> RowWriter<'c> {
    fn new(conn: &'c Connection, target: &TableInfo, columns: &[String]) -> StoreResult<Self> {
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
        Ok(RowWriter {
            table: target.name.clone(),
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

    /// Inserts one row (checked by the reader); `Ok(false)` when an identical row was
    /// already there.
    fn write(&mut self, row: &[Value], number: u64) -> Result<bool, ImportError> {
        let bad_row = |e: rusqlite::Error| row_error(&self.table, number, e);
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
    /// Adds the keys this writer inserted and the plans they touch to `written`.
    fn finish(self, written: &mut Written) -> StoreResult<()> {
        if let Some(rows) = self.tracker.finish()? {
            written.inserted.push(rows);
        }
        let mut touched = self.touched;
        touched.append_to(&mut written.touched);
        Ok(())
    }

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
