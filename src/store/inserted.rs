//! The rows an import inserted, kept as runs of primary keys (so undo data stays small), and
//! their deletion when the import is undone.

use std::cmp::Ordering;

use rusqlite::types::Value;
use rusqlite::{Connection, Statement, params_from_iter};
use serde::{Deserialize, Serialize};

use super::json_value::{json_to_sql, sql_to_json};
use super::schema::{TableInfo, dump_tables};
use super::sql::ident;
use super::{StoreError, StoreResult};

/// From this many rows on, undoing an import sets the tables' triggers aside and recounts the
/// tallies once instead of updating them row by row (the indexes stay: cascades need them).
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

/// Orders keys as SQLite orders row values.
pub(crate) fn compare_key(a: &[Value], b: &[Value]) -> Ordering {
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

/// Reads the key of the row an `INSERT` just wrote, as stored: SQLite may have assigned the
/// id, and a STRICT column converts a value given as another type (`"5"` into an INTEGER).
/// (`INSERT … RETURNING` would say so too, but costs half as much again as the insert.)
pub(crate) struct KeyReader<'c> {
    /// The key is the rowid: `last_insert_rowid()` is it.
    is_rowid: bool,
    /// Where each key column is in the rows given, if there.
    positions: Vec<Option<usize>>,
    /// Each key column's declared type, upper case.
    types: Vec<String>,
    /// Reads the stored key back: by rowid, or (without rowid) by the key given.
    lookup: Statement<'c>,
    by_rowid: bool,
}

impl<'c> KeyReader<'c> {
    /// A reader for `key` (real names of `table`) of rows given with `columns`.
    pub(crate) fn new(
        conn: &'c Connection,
        table: &str,
        key: &[String],
        columns: &[String],
    ) -> StoreResult<Self> {
        let declared: Vec<(String, String)> = conn
            .prepare("SELECT name, upper(type) FROM pragma_table_info(?1)")?
            .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let without_rowid: bool = conn
            .prepare("SELECT coalesce(max(wr), 0) FROM pragma_table_list WHERE name = ?1")?
            .query_row([table], |r| r.get(0))?;
        let types: Vec<String> = key
            .iter()
            .map(|k| {
                declared
                    .iter()
                    .find(|(name, _)| name == k)
                    .map_or_else(|| "INTEGER".to_string(), |(_, t)| t.clone())
            })
            .collect();
        let is_rowid = !without_rowid && key.len() == 1 && types[0] == "INTEGER";
        let list = key_list(key);
        let cols = &list[1..list.len() - 1];
        let by_rowid = !without_rowid;
        let condition = if by_rowid {
            "rowid = ?1".to_string()
        } else {
            format!("{list} = {}", holes(key.len(), 1))
        };
        let lookup = conn.prepare(&format!(
            "SELECT {cols} FROM {} WHERE {condition}",
            ident(table)
        ))?;
        Ok(KeyReader {
            is_rowid,
            positions: key
                .iter()
                .map(|k| columns.iter().position(|c| c == k))
                .collect(),
            types,
            lookup,
            by_rowid,
        })
    }

    /// The key `row` will be stored with, when the row gives every key column as a value of
    /// its declared type (SQLite stores such a value as it is).
    pub(crate) fn given(&self, row: &[Value]) -> Option<Vec<Value>> {
        self.positions
            .iter()
            .zip(&self.types)
            .map(|(at, declared)| {
                let value = row.get((*at)?)?;
                let fits = matches!(
                    (value, declared.as_str()),
                    (Value::Integer(_), "INTEGER" | "INT" | "ANY")
                        | (Value::Text(_), "TEXT" | "ANY")
                );
                fits.then(|| value.clone())
            })
            .collect()
    }

    /// The stored key of `row`, which the last `INSERT` on `conn` just wrote.
    pub(crate) fn read(&mut self, conn: &Connection, row: &[Value]) -> StoreResult<Vec<Value>> {
        if self.is_rowid {
            return Ok(vec![Value::Integer(conn.last_insert_rowid())]);
        }
        if let Some(key) = self.given(row) {
            return Ok(key);
        }
        let width = self.types.len();
        let read = |r: &rusqlite::Row<'_>| (0..width).map(|i| r.get::<_, Value>(i)).collect();
        let key = if self.by_rowid {
            self.lookup.query_row([conn.last_insert_rowid()], read)?
        } else {
            let given: Vec<&Value> = self
                .positions
                .iter()
                .map(|at| at.and_then(|i| row.get(i)).unwrap_or(&Value::Null))
                .collect();
            self.lookup.query_row(params_from_iter(given), read)?
        };
        Ok(key)
    }
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
        self.note_inserted(key, true)
    }

    /// Notes a row inserted with a key above every key the table held before the statement
    /// that inserted it (no row that was already there can end its run).
    pub(crate) fn inserted_above_all(&mut self, key: Vec<Value>) -> StoreResult<()> {
        self.note_inserted(key, false)
    }

    fn note_inserted(&mut self, key: Vec<Value>, rows_above: bool) -> StoreResult<()> {
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
        let barrier = if rows_above {
            self.next_above
                .query(params_from_iter(&key))?
                .next()?
                .map(|row| (0..width).map(|i| row.get::<_, Value>(i)).collect())
                .transpose()?
        } else {
            None
        };
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

/// The tables in an order that deletes rows before the rows they refer to (children first),
/// so that a cascade from a deleted parent finds its children already gone.
fn children_first<'t>(
    conn: &Connection,
    tables: &'t [InsertedRows],
) -> StoreResult<Vec<&'t InsertedRows>> {
    let mut parents_stmt =
        conn.prepare_cached("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)")?;
    let mut parents: Vec<Vec<String>> = Vec::with_capacity(tables.len());
    for rows in tables {
        let names = parents_stmt
            .query_map([&rows.table], |r| r.get::<_, String>(0))?
            .collect::<Result<_, _>>()?;
        parents.push(names);
    }
    let mut left: Vec<usize> = (0..tables.len()).collect();
    let mut order = Vec::with_capacity(tables.len());
    while !left.is_empty() {
        // A table no other remaining table refers to (or, in a cycle, the first one left).
        let free = left
            .iter()
            .position(|&t| {
                !left
                    .iter()
                    .any(|&o| o != t && parents[o].contains(&tables[t].table))
            })
            .unwrap_or(0);
        order.push(&tables[left.remove(free)]);
    }
    Ok(order)
}

/// Deletes every row an import inserted, within the caller's transaction. References are
/// checked when it commits; the tallies follow (row by row through the triggers, or by one
/// recount after a large delete). Refuses, writing nothing, when a run holds more rows than
/// the import inserted there (something else wrote into it and was not undone first).
pub(crate) fn delete_inserted(conn: &Connection, tables: &[InsertedRows]) -> StoreResult<()> {
    let known = dump_tables(conn)?;
    for rows in tables {
        check_names(&known, rows)?;
    }
    conn.pragma_update(None, "defer_foreign_keys", true)?;
    let total: u64 = tables.iter().flat_map(|t| &t.runs).map(|r| r.rows).sum();
    if total < BULK_DELETE_ROWS {
        return delete_runs(conn, tables);
    }
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", super::tallies::BULK_CACHE_KIB)?;
    let deleted = super::tallies::set_triggers_aside(conn)
        .and_then(|aside| delete_runs(conn, tables).and_then(|()| aside.restore(conn)));
    conn.pragma_update(None, "cache_size", cache)?;
    deleted
}

fn delete_runs(conn: &Connection, tables: &[InsertedRows]) -> StoreResult<()> {
    for rows in children_first(conn, tables)? {
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
            let deleted = delete.execute(params_from_iter(ends))?;
            if deleted as u64 > run.rows {
                return Err(StoreError::Corrupt(format!(
                    "{} rows of {} where the import inserted {}",
                    deleted, rows.table, run.rows
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `keys` into `t` as an import would (skipping rows already there) and returns
    /// the runs gathered.
    fn import(conn: &Connection, keys: &[(i64, i64)]) -> InsertedRows {
        let key = vec!["a".to_string(), "b".to_string()];
        let mut tracker = RunTracker::new(conn, "t", &key).unwrap();
        let mut reader = KeyReader::new(conn, "t", &key, &key).unwrap();
        let mut insert = conn
            .prepare("INSERT INTO t (a, b) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
            .unwrap();
        for &(a, b) in keys {
            let row = [Value::Integer(a), Value::Integer(b)];
            if insert.execute([a, b]).unwrap() == 1 {
                tracker.inserted(reader.read(conn, &row).unwrap()).unwrap();
            } else {
                tracker.skipped().unwrap();
            }
        }
        tracker.finish().unwrap().unwrap()
    }

    fn keys(conn: &Connection) -> Vec<(i64, i64)> {
        conn.prepare("SELECT a, b FROM t ORDER BY a, b")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    fn table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b))
             STRICT, WITHOUT ROWID;",
        )
        .unwrap();
        conn
    }

    fn run(from: (i64, i64), to: (i64, i64), rows: u64) -> KeyRun {
        KeyRun {
            from: vec![from.0.into(), from.1.into()],
            to: vec![to.0.into(), to.1.into()],
            rows,
        }
    }

    #[test]
    fn runs_stop_at_rows_that_were_there_before_and_undo_keeps_those() {
        let conn = table();
        conn.execute_batch("INSERT INTO t VALUES (2, 1), (5, 1);")
            .unwrap();
        let dump = [(1, 1), (1, 2), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1)];
        let inserted = import(&conn, &dump);
        // (2, 1) is not in the dump but lies between (1, 2) and (3, 1); (5, 1) was skipped.
        assert_eq!(
            inserted.runs,
            [
                run((1, 1), (1, 2), 2),
                run((3, 1), (4, 1), 2),
                run((6, 1), (7, 1), 2)
            ]
        );
        delete_inserted(&conn, std::slice::from_ref(&inserted)).unwrap();
        assert_eq!(keys(&conn), [(2, 1), (5, 1)]);
    }

    #[test]
    fn rows_into_an_empty_table_are_one_run_and_rows_out_of_order_start_new_ones() {
        let conn = table();
        let sorted: Vec<(i64, i64)> = (1..=300).flat_map(|a| [(a, 1), (a, 2)]).collect();
        assert_eq!(import(&conn, &sorted).runs, [run((1, 1), (300, 2), 600)]);
        let conn = table();
        let shuffled = import(&conn, &[(3, 1), (4, 1), (1, 1), (2, 1), (9, 9)]);
        assert_eq!(
            shuffled.runs,
            [
                run((3, 1), (4, 1), 2),
                run((1, 1), (2, 1), 2),
                run((9, 9), (9, 9), 1)
            ]
        );
        delete_inserted(&conn, std::slice::from_ref(&shuffled)).unwrap();
        assert!(keys(&conn).is_empty());
    }

    #[test]
    fn the_stored_key_is_kept_even_when_given_as_another_type_or_assigned() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE r (id INTEGER PRIMARY KEY, x TEXT) STRICT;
             CREATE TABLE w (k INTEGER NOT NULL PRIMARY KEY, x TEXT) STRICT, WITHOUT ROWID;",
        )
        .unwrap();
        let columns = vec!["id".to_string(), "x".to_string()];
        let mut rowid = KeyReader::new(&conn, "r", &columns[..1], &columns).unwrap();
        conn.execute("INSERT INTO r (id, x) VALUES (NULL, 'a')", [])
            .unwrap();
        assert_eq!(
            rowid
                .read(&conn, &[Value::Null, Value::Text("a".into())])
                .unwrap(),
            [Value::Integer(1)]
        );
        let columns = vec!["k".to_string(), "x".to_string()];
        let mut typed = KeyReader::new(&conn, "w", &columns[..1], &columns).unwrap();
        let row = [Value::Text("42".into()), Value::Text("b".into())];
        conn.execute(
            "INSERT INTO w (k, x) VALUES (?1, ?2)",
            params_from_iter(&row),
        )
        .unwrap();
        assert_eq!(typed.read(&conn, &row).unwrap(), [Value::Integer(42)]);
    }

    #[test]
    fn keys_compare_as_sqlite_orders_them() {
        let conn = Connection::open_in_memory().unwrap();
        let values = [
            Value::Null,
            Value::Integer(-3),
            Value::Integer(10),
            Value::Text("10".into()),
            Value::Text("9".into()),
            Value::Text("é".into()),
            Value::Text("z".into()),
        ];
        for a in &values {
            for b in &values {
                let sqlite: i64 = conn
                    .query_row("SELECT (?1 > ?2) - (?1 < ?2)", [a, b], |r| {
                        r.get::<_, Option<i64>>(0).map(|v| v.unwrap_or(0))
                    })
                    .unwrap();
                let null_involved = matches!(a, Value::Null) || matches!(b, Value::Null);
                if !null_involved {
                    assert_eq!(compare_value(a, b) as i64, sqlite, "{a:?} vs {b:?}");
                }
            }
        }
    }
}
