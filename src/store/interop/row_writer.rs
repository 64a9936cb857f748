//! Writing the rows the dump reader hands over: identical rows skipped, different ones
//! refused, and the keys inserted and the plans and repayments they touch noted (for undo and
//! for the consistency check).

use std::sync::mpsc::{Receiver, Sender};

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::dump_reader::Parsed;
use super::outcome::{ImportError, ImportSummary, TableCount};
use crate::store::check::consistency::{Touched, touch_columns};
use crate::store::inserted::{InsertedRows, KeyReader, RunTracker, compare_key};
use crate::store::schema::TableInfo;
use crate::store::sql::ident;
use crate::store::{StoreError, StoreResult};

/// What the rows written so far did.
#[derive(Default)]
pub(super) struct Written {
    pub summary: ImportSummary,
    /// The keys of the rows inserted, for undo.
    pub inserted: Vec<InsertedRows>,
    /// The plans and repayments the inserted rows touch, for the consistency check.
    pub touched: Touched,
    /// The file's id sequences: (table, highest id given out).
    pub sequences: Vec<(String, i64)>,
}

/// Writes what the reader hands over until it stops, into `written`; the first row that
/// cannot be written stops it (dropping `parsed` tells the reader to stop too). Written
/// batches go back through `spent`, for the reader to free.
pub(super) fn write_parsed(
    conn: &Connection,
    parsed: Receiver<Parsed<'_>>,
    spent: Sender<Vec<Vec<Value>>>,
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
            Parsed::Sequences(sequences) => written.sequences = sequences,
            Parsed::Batch { first, rows } => {
                // The reader hands batches over only after their table.
                let (Some(writer), Some(count)) =
                    (current.as_mut(), written.summary.tables.last_mut())
                else {
                    continue;
                };
                let inserted = writer.write_batch(first, &rows)?;
                count.inserted += inserted;
                count.skipped += rows.len() as u64 - inserted;
                // Freeing a batch's values is the reader's work (it is ahead of the writer).
                let _ = spent.send(rows);
            }
        }
    }
    if let Some(done) = current {
        done.finish(written)?;
    }
    Ok(())
}

/// Rows one multi-row `INSERT` writes.
const BULK_ROWS: usize = 64;

/// Inserts rows of one table, skipping identical ones and refusing different ones, and
/// notes the keys of the rows it inserted.
pub(super) struct RowWriter<'c> {
    table: String,
    insert: rusqlite::Statement<'c>,
    /// Inserts [`BULK_ROWS`] rows at once into a table that was empty when its rows began
    /// (and has no unique index but its key): no row can meet another while each key is above
    /// every key before it. `None` for other tables.
    bulk: Option<rusqlite::Statement<'c>>,
    /// The highest key inserted so far (kept only with `bulk`).
    highest: Option<Vec<Value>>,
    same: rusqlite::Statement<'c>,
    key_positions: Vec<usize>,
    conn: &'c Connection,
    keys: KeyReader<'c>,
    tracker: RunTracker<'c>,
    /// Where a row names the plan or repayment it touches.
    touches: RowTouches,
    touched: Touched,
}

/// A table's [`crate::store::check::consistency::TouchColumns`] with the columns found among the given ones.
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
        let only_key_unique_and_empty: bool = conn.query_row(
            &format!(
                "SELECT NOT EXISTS (SELECT 1 FROM pragma_index_list(?1)
                                    WHERE \"unique\" AND origin <> 'pk')
                    AND NOT EXISTS (SELECT 1 FROM {table})"
            ),
            [&target.name],
            |r| r.get(0),
        )?;
        let bulk = if only_key_unique_and_empty && !columns.is_empty() {
            let row = format!("({})", vec!["?"; columns.len()].join(", "));
            Some(conn.prepare(&format!(
                "INSERT INTO {table} ({}) VALUES {}",
                quoted.join(", "),
                vec![row; BULK_ROWS].join(", ")
            ))?)
        } else {
            None
        };
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
            bulk,
            highest: None,
            same,
            key_positions,
            conn,
            keys: KeyReader::new(conn, &target.name, &row_key, columns)?,
            tracker: RunTracker::new(conn, &target.name, &row_key)?,
            touches,
            touched: Touched::default(),
        })
    }

    /// Inserts rows numbered from `first` (checked by the reader), [`BULK_ROWS`] at a time
    /// where nothing can conflict; returns how many were inserted (the rest were there).
    fn write_batch(&mut self, first: u64, rows: &[Vec<Value>]) -> Result<u64, ImportError> {
        let mut inserted = 0;
        let mut at = 0;
        while at < rows.len() {
            let keys = self.ascending_keys(&rows[at..]);
            let end = at + keys.len().max(1);
            if keys.len() == BULK_ROWS && self.write_bulk(&rows[at..end], keys)? {
                inserted += BULK_ROWS as u64;
            } else {
                // One by one: each row's own conflict handling, and its own error.
                for (number, row) in (first + at as u64..).zip(&rows[at..end]) {
                    inserted += u64::from(self.write(row, number)?);
                }
            }
            at = end;
        }
        Ok(inserted)
    }

    /// The keys of the leading rows (up to [`BULK_ROWS`]) a multi-row insert may write: each
    /// given in its row, each above the one before and above every key inserted so far.
    fn ascending_keys(&self, rows: &[Vec<Value>]) -> Vec<Vec<Value>> {
        let mut keys: Vec<Vec<Value>> = Vec::new();
        if self.bulk.is_none() {
            return keys;
        }
        for row in rows.iter().take(BULK_ROWS) {
            let Some(key) = self.keys.given(row) else {
                break;
            };
            let floor = keys.last().or(self.highest.as_ref());
            if floor.is_some_and(|below| compare_key(&key, below).is_le()) {
                break;
            }
            keys.push(key);
        }
        keys
    }

    /// Inserts `rows` (stored with `keys`) in one statement; `Ok(false)` when a row was
    /// refused, which undoes the whole statement (writing them one by one then names it).
    fn write_bulk(&mut self, rows: &[Vec<Value>], keys: Vec<Vec<Value>>) -> StoreResult<bool> {
        let Some(bulk) = self.bulk.as_mut() else {
            return Ok(false);
        };
        match bulk.execute(params_from_iter(rows.iter().flatten())) {
            Ok(_) => {}
            Err(e) if is_row_fault(&e) => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        let highest = keys.last().cloned();
        for (row, key) in rows.iter().zip(keys) {
            self.note_touched(row, &key);
            self.tracker.inserted_above_all(key)?;
        }
        self.highest = highest;
        Ok(true)
    }

    /// Inserts one row; `Ok(false)` when an identical row was already there.
    fn write(&mut self, row: &[Value], number: u64) -> Result<bool, ImportError> {
        let bad_row = |e: rusqlite::Error| row_error(&self.table, number, e);
        let inserted = self
            .insert
            .execute(params_from_iter(row))
            .map_err(bad_row)?;
        if inserted == 1 {
            let key = self.keys.read(self.conn, row)?;
            self.note_touched(row, &key);
            // Only multi-row inserts read the highest key.
            if self.bulk.is_some()
                && self
                    .highest
                    .as_ref()
                    .is_none_or(|highest| compare_key(&key, highest).is_gt())
            {
                self.highest = Some(key.clone());
            }
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
            self.touched.repayment(repayment);
        }
        if let Some(repayment) = id(t.repayment_at.and_then(|at| row.get(at))) {
            self.touched.allocated(repayment);
        }
    }
}

/// A failed insert or comparison of row `number`: the row's fault (a CHECK, a type, a size)
/// names it; anything else (a read-only or full disk, a lock) is the database's.
pub(super) fn row_error(table: &str, number: u64, error: rusqlite::Error) -> ImportError {
    if is_row_fault(&error) {
        ImportError::BadRow {
            table: table.to_string(),
            row: number,
            message: error.to_string(),
        }
    } else {
        ImportError::Store(StoreError::Sqlite(error))
    }
}

/// Whether a failed insert is the row's fault (a CHECK, a type, a size).
fn is_row_fault(error: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode;
    matches!(
        error.sqlite_error_code(),
        None | Some(ErrorCode::ConstraintViolation | ErrorCode::TooBig | ErrorCode::TypeMismatch)
    )
}
