//! The rows an import inserted, kept as runs of primary keys (so undo data stays small), and
//! their deletion when the import is undone.

use std::cmp::Ordering;

use rusqlite::types::Value;
use rusqlite::{Connection, Statement, params_from_iter};
use serde::{Deserialize, Serialize};

use super::changelog::{json_to_sql, sql_to_json};
use super::dump::{TableInfo, dump_tables};
use super::sql::ident;
use super::{StoreError, StoreResult};

/// Above this many rows, undoing an import sets the tables' secondary indexes and triggers
/// aside and rebuilds them once (a sort) instead of updating them row by row.
const BULK_DELETE_ROWS: u64 = 20_000;

/// Rows one import inserted into one table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct InsertedRows {
    pub table: String,
    /// The primary key's columns (`rowid` for a table without one).
    pub key: Vec<String>,
    pub runs: Vec<KeyRun>,
}

/// Every row of a table whose key lies in `from..=to` (compared as SQLite compares row values)
/// was inserted by the import: `rows` of them, and no row that was there before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct KeyRun {
    pub from: Vec<serde_json::Value>,
    pub to: Vec<serde_json::Value>,
    pub rows: u64,
}

/// `("a", "b")`: the key columns as a row value.
fn key_list(key: &[String]) -> String {
    let quoted: Vec<String> = key
        .iter()
        .map(|c| if c == "rowid" { c.clone() } else { ident(c) })
        .collect();
    format!("({})", quoted.join(", "))
}

/// `(?1, ?2)` for a key of `width` columns, numbered from `first`.
fn holes(width: usize, first: usize) -> String {
    let marks: Vec<String> = (first..first + width).map(|i| format!("?{i}")).collect();
    format!("({})", marks.join(", "))
}

/// Orders values as SQLite does for one column with the BINARY collation.
fn compare_value(a: &Value, b: &Value) -> Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Integer(_) | Value::Real(_) => 1,
            Value::Text(_) => 2,
            Value::Blob(_) => 3,
        }
    }
    match (a, b) {
        (Value::Integer(x), Value::Integer(y)) => x.cmp(y),
        (Value::Real(x), Value::Real(y)) => x.total_cmp(y),
        (Value::Integer(x), Value::Real(y)) => (*x as f64).total_cmp(y),
        (Value::Real(x), Value::Integer(y)) => x.total_cmp(&(*y as f64)),
        (Value::Text(x), Value::Text(y)) => x.as_bytes().cmp(y.as_bytes()),
        (Value::Blob(x), Value::Blob(y)) => x.cmp(y),
        _ => rank(a).cmp(&rank(b)),
    }
}

fn compare_key(a: &[Value], b: &[Value]) -> Ordering {
    a.iter()
        .zip(b)
        .map(|(x, y)| compare_value(x, y))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

fn to_json(key: &[Value]) -> StoreResult<Vec<serde_json::Value>> {
    key.iter()
        .map(|v| {
            sql_to_json(v.into())
                .ok_or_else(|| StoreError::Corrupt("a key of a real or a blob".into()))
        })
        .collect()
}

/// A run being gathered: its ends, its size, and the first row above its start that was
/// already in the table when the run began (the run must stop below it).
struct OpenRun {
    from: Vec<Value>,
    to: Vec<Value>,
    rows: u64,
    barrier: Option<Vec<Value>>,
}

/// Gathers, while an import writes one table, the keys of the rows it inserted as runs.
/// Rows usually arrive in key order, so a table filled into an empty database is one run.
pub(crate) struct RunTracker<'c> {
    table: String,
    key: Vec<String>,
    next_above: Statement<'c>,
    done: Vec<KeyRun>,
    open: Option<OpenRun>,
}

impl<'c> RunTracker<'c> {
    /// A tracker for `table` keyed by `key` (both names real: they come from the schema).
    pub(crate) fn new(conn: &'c Connection, table: &str, key: &[String]) -> StoreResult<Self> {
        let list = key_list(key);
        let next_above = conn.prepare(&format!(
            "SELECT {cols} FROM {table} WHERE {list} > {holes} ORDER BY {cols} LIMIT 1",
            cols = &list[1..list.len() - 1],
            table = ident(table),
            holes = holes(key.len(), 1),
        ))?;
        Ok(RunTracker {
            table: table.to_string(),
            key: key.to_vec(),
            next_above,
            done: Vec::new(),
            open: None,
        })
    }

    /// Notes a row the import inserted with this (stored) key.
    pub(crate) fn inserted(&mut self, key: Vec<Value>) -> StoreResult<()> {
        if let Some(run) = &mut self.open {
            let after_end = compare_key(&key, &run.to).is_gt();
            let below_barrier = run
                .barrier
                .as_ref()
                .is_none_or(|b| compare_key(&key, b).is_lt());
            if after_end && below_barrier {
                run.to = key;
                run.rows += 1;
                return Ok(());
            }
        }
        self.close()?;
        let width = self.key.len();
        let barrier = self
            .next_above
            .query(params_from_iter(&key))?
            .next()?
            .map(|row| (0..width).map(|i| row.get::<_, Value>(i)).collect())
            .transpose()?;
        self.open = Some(OpenRun {
            to: key.clone(),
            from: key,
            rows: 1,
            barrier,
        });
        Ok(())
    }

    /// Notes a row that was already there: the current run ends before it.
    pub(crate) fn skipped(&mut self) -> StoreResult<()> {
        self.close()
    }

    fn close(&mut self) -> StoreResult<()> {
        if let Some(run) = self.open.take() {
            self.done.push(KeyRun {
                from: to_json(&run.from)?,
                to: to_json(&run.to)?,
                rows: run.rows,
            });
        }
        Ok(())
    }

    /// The runs gathered, or `None` when the import inserted nothing into this table.
    pub(crate) fn finish(mut self) -> StoreResult<Option<InsertedRows>> {
        self.close()?;
        Ok((!self.done.is_empty()).then(|| InsertedRows {
            table: self.table,
            key: self.key,
            runs: self.done,
        }))
    }
}

/// Merges the runs gathered for the same table (a table may be read more than once).
pub(crate) fn merge(all: Vec<InsertedRows>) -> Vec<InsertedRows> {
    let mut merged: Vec<InsertedRows> = Vec::new();
    for rows in all {
        match merged
            .iter_mut()
            .find(|m| m.table == rows.table && m.key == rows.key)
        {
            Some(m) => m.runs.extend(rows.runs),
            None => merged.push(rows),
        }
    }
    merged
}

/// Refuses a logged table or key that is not one a dump writes, so that only names from
/// the schema reach the SQL.
fn check_names(tables: &[TableInfo], rows: &InsertedRows) -> StoreResult<()> {
    let known = tables
        .iter()
        .any(|t| t.name == rows.table && t.row_key() == rows.key);
    if known {
        Ok(())
    } else {
        Err(StoreError::Corrupt(format!(
            "change log table {} ({})",
            rows.table,
            rows.key.join(", ")
        )))
    }
}

/// Deletes every row an import inserted, in one go with the caller's transaction. References
/// are checked when it commits, so the order of tables does not matter; the tallies follow
/// (row by row through the triggers, or by one recount after a large delete).
pub(crate) fn delete_inserted(conn: &Connection, tables: &[InsertedRows]) -> StoreResult<()> {
    let known = dump_tables(conn)?;
    for rows in tables {
        check_names(&known, rows)?;
    }
    conn.pragma_update(None, "defer_foreign_keys", true)?;
    let total: u64 = tables.iter().flat_map(|t| &t.runs).map(|r| r.rows).sum();
    let aside = if total >= BULK_DELETE_ROWS {
        Some(super::tallies::set_aside(conn)?)
    } else {
        None
    };
    for rows in tables {
        let width = rows.key.len();
        let list = key_list(&rows.key);
        let mut delete = conn.prepare(&format!(
            "DELETE FROM {} WHERE {list} BETWEEN {} AND {}",
            ident(&rows.table),
            holes(width, 1),
            holes(width, width + 1)
        ))?;
        for run in &rows.runs {
            if run.from.len() != width || run.to.len() != width {
                return Err(StoreError::Corrupt(format!(
                    "change log key of {}",
                    rows.table
                )));
            }
            let ends = run
                .from
                .iter()
                .chain(&run.to)
                .map(json_to_sql)
                .collect::<StoreResult<Vec<Value>>>()?;
            delete.execute(params_from_iter(ends))?;
        }
    }
    if let Some(aside) = aside {
        aside.restore(conn)?;
    }
    Ok(())
}
