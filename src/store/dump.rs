//! The JSON dump: every table but the change log, streamed out, and restored all-or-nothing.
//!
//! Layout (one row per line, tables by name, rows by primary key, values as stored):
//! `{"format":"fenqi","version":1,"schema_version":N,"tables":{"cards":{"columns":[…],"rows":[[…],…]},…}}`

use std::cell::RefCell;
use std::fmt;
use std::io::{self, Write};

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::changelog::{self, UndoStep};
use super::consistency::{self, Touched};
use super::inserted::{self, InsertedRows};
use super::maintenance::Inconsistency;
use super::migrations::LATEST;
use super::model::ChangeKind;
use super::readable::ValueProblem;
use super::row_writer::RowWriter;
use super::sql::ident;
use super::{Store, StoreError, StoreResult};

/// The `format` field of every dump.
pub const DUMP_FORMAT: &str = "fenqi";
/// The layout version of the dump (not the schema's).
pub const DUMP_VERSION: i64 = 1;
/// Tables a dump leaves out: the change log belongs to the database it was made in, and the
/// tallies are derived from the other tables (import recounts them).
const SKIPPED_TABLES: &[&str] = &["changes", "open_by_day", "tallies"];

/// A table as the dump sees it: its columns in order and its primary key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableInfo {
    pub name: String,
    pub columns: Vec<String>,
    /// Each column's declared type, in the order of `columns`.
    pub types: Vec<String>,
    pub primary_key: Vec<String>,
}

impl TableInfo {
    /// The columns that name one row: the primary key, or `rowid` for a table without one.
    pub(crate) fn row_key(&self) -> Vec<String> {
        if self.primary_key.is_empty() {
            vec!["rowid".to_string()]
        } else {
            self.primary_key.clone()
        }
    }
}

/// The tables a dump holds, by name.
pub(crate) fn dump_tables(conn: &Connection) -> StoreResult<Vec<TableInfo>> {
    let mut names_stmt = conn.prepare(
        "SELECT name FROM sqlite_schema
         WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )?;
    let names: Vec<String> = names_stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut columns_stmt =
        conn.prepare("SELECT name, pk, type FROM pragma_table_info(?1) ORDER BY cid")?;
    let mut tables = Vec::new();
    for name in names
        .into_iter()
        .filter(|n| !SKIPPED_TABLES.contains(&n.as_str()))
    {
        let cols: Vec<(String, i64, String)> = columns_stmt
            .query_map([&name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let mut keyed: Vec<&(String, i64, String)> =
            cols.iter().filter(|(_, pk, _)| *pk > 0).collect();
        keyed.sort_by_key(|(_, pk, _)| *pk);
        tables.push(TableInfo {
            primary_key: keyed.into_iter().map(|(c, _, _)| c.clone()).collect(),
            types: cols.iter().map(|(_, _, t)| t.clone()).collect(),
            columns: cols.into_iter().map(|(c, _, _)| c).collect(),
            name,
        });
    }
    Ok(tables)
}

/// The schema version stored in the database.
fn schema_version(conn: &Connection) -> StoreResult<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Writes one stored value as JSON.
fn write_value(out: &mut dyn Write, value: ValueRef<'_>, table: &str) -> StoreResult<()> {
    match value {
        ValueRef::Null => out.write_all(b"null")?,
        ValueRef::Integer(i) => write!(out, "{i}")?,
        ValueRef::Text(bytes) => {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| StoreError::Corrupt(format!("{table}: text that is not UTF-8")))?;
            serde_json::to_writer(&mut *out, text)?;
        }
        ValueRef::Real(_) | ValueRef::Blob(_) => {
            return Err(StoreError::Corrupt(format!(
                "{table}: a value that is neither integer nor text"
            )));
        }
    }
    Ok(())
}

impl Store {
    /// Streams the whole database (change log aside) as a versioned JSON dump, read in one
    /// transaction so the dump is consistent. Byte-identical for identical data.
    pub fn write_dump(&self, out: &mut dyn Write) -> StoreResult<()> {
        let tx = Transaction::new_unchecked(self.conn(), TransactionBehavior::Deferred)?;
        let tables = dump_tables(&tx)?;
        write!(
            out,
            "{{\"format\":\"{DUMP_FORMAT}\",\"version\":{DUMP_VERSION},\"schema_version\":{},\"tables\":{{",
            schema_version(&tx)?
        )?;
        for (index, table) in tables.iter().enumerate() {
            if index > 0 {
                out.write_all(b",")?;
            }
            out.write_all(b"\n")?;
            serde_json::to_writer(&mut *out, &table.name)?;
            out.write_all(b":{\"columns\":")?;
            serde_json::to_writer(&mut *out, &table.columns)?;
            out.write_all(b",\"rows\":[")?;
            let order = if table.primary_key.is_empty() {
                "rowid".to_string()
            } else {
                table
                    .primary_key
                    .iter()
                    .map(|c| ident(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let columns: Vec<String> = table.columns.iter().map(|c| ident(c)).collect();
            let sql = format!(
                "SELECT {} FROM {} ORDER BY {order}",
                columns.join(", "),
                ident(&table.name)
            );
            let mut stmt = tx.prepare(&sql)?;
            let mut rows = stmt.query([])?;
            let mut first = true;
            while let Some(row) = rows.next()? {
                out.write_all(if first { b"\n[" } else { b",\n[" })?;
                first = false;
                for column in 0..table.columns.len() {
                    if column > 0 {
                        out.write_all(b",")?;
                    }
                    write_value(out, row.get_ref(column)?, &table.name)?;
                }
                out.write_all(b"]")?;
            }
            out.write_all(b"]}")?;
        }
        out.write_all(b"\n}}\n")?;
        out.flush()?;
        Ok(())
    }

    /// Restores a dump made by [`Store::write_dump`] in one `BEGIN IMMEDIATE` transaction:
    /// rows already present with identical content are skipped (importing twice adds nothing);
    /// anything else wrong (format, version, types, a row that differs from the stored one,
    /// a dangling reference) rolls everything back. An import that inserted rows is logged as
    /// one change named after `source`, whose undo deletes exactly those rows.
    pub fn import_dump(
        &mut self,
        bytes: &[u8],
        source: &str,
    ) -> Result<ImportSummary, ImportError> {
        let conn = self.conn();
        let cache: i64 = conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .map_err(StoreError::from)?;
        conn.pragma_update(None, "cache_size", super::tallies::BULK_CACHE_KIB)
            .map_err(StoreError::from)?;
        // References are checked once, in full, by `foreign_key_check` before the commit,
        // instead of row by row (the pragma cannot change inside a transaction).
        conn.pragma_update(None, "foreign_keys", false)
            .map_err(StoreError::from)?;
        let result = self.import_in_transaction(bytes, source);
        let conn = self.conn();
        let restored = conn
            .pragma_update(None, "foreign_keys", true)
            .and_then(|()| conn.pragma_update(None, "cache_size", cache));
        let summary = result?;
        restored.map_err(StoreError::from)?;
        Ok(summary)
    }

    fn import_in_transaction(
        &mut self,
        bytes: &[u8],
        source: &str,
    ) -> Result<ImportSummary, ImportError> {
        let tx = Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let targets = dump_tables(&tx)?;
        let aside = super::tallies::set_aside(&tx)?;
        let state = ImportState {
            conn: &tx,
            targets: &targets,
            failure: RefCell::new(None),
            summary: RefCell::new(ImportSummary::default()),
            inserted: RefCell::new(Vec::new()),
            touched: RefCell::new(Touched::default()),
        };
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        let parsed = DumpSeed { state: &state }
            .deserialize(&mut deserializer)
            .and_then(|()| deserializer.end());
        if let Some(failure) = state.failure.take() {
            return Err(failure);
        }
        parsed.map_err(|e| ImportError::Malformed(e.to_string()))?;
        aside.restore(&tx)?;
        let dangling = foreign_key_problems(&tx)?;
        if let Some(first) = dangling.into_iter().next() {
            return Err(ImportError::DanglingReference {
                table: first.table,
                row: first.rowid,
                parent: first.parent,
            });
        }
        // The plans the import touched must pass `check`'s own rules, as the file claims.
        let scope = consistency::touched_scope(&tx, state.touched.take())?;
        if !scope.is_empty()
            && let Some(problem) = consistency::problems(&tx, &scope)?.into_iter().next()
        {
            return Err(ImportError::Inconsistent(problem));
        }
        let summary = state.summary.take();
        let inserted = inserted::merge(state.inserted.take());
        drop(state);
        if summary.inserted() > 0 {
            changelog::log_change(
                &tx,
                ChangeKind::Import,
                source,
                &[UndoStep::DeleteInserted { tables: inserted }],
            )?;
        }
        tx.commit().map_err(StoreError::from)?;
        Ok(summary)
    }
}

/// A row whose foreign key points nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKeyProblem {
    pub table: String,
    pub rowid: Option<i64>,
    pub parent: String,
}

/// `PRAGMA foreign_key_check` over the whole database.
pub(crate) fn foreign_key_problems(conn: &Connection) -> StoreResult<Vec<ForeignKeyProblem>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok(ForeignKeyProblem {
            table: r.get(0)?,
            rowid: r.get(1)?,
            parent: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What an import did: rows added and rows already present, per table (in dump order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub tables: Vec<TableCount>,
}

impl ImportSummary {
    /// Rows added over all tables.
    pub fn inserted(&self) -> u64 {
        self.tables.iter().map(|t| t.inserted).sum()
    }

    /// Rows skipped because an identical row was already there.
    pub fn skipped(&self) -> u64 {
        self.tables.iter().map(|t| t.skipped).sum()
    }
}

/// Rows added and skipped in one table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableCount {
    pub table: String,
    pub inserted: u64,
    pub skipped: u64,
}

/// Why an import wrote nothing. Everything but `Store` is a problem with the file: exit 2.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not valid JSON: {0}")]
    Malformed(String),
    #[error("not a fenqi JSON export")]
    NotADump,
    #[error("dump layout version {0} is not supported (this fenqi reads version 1)")]
    UnsupportedVersion(i64),
    #[error("the export is from a newer fenqi (schema {found}, this fenqi knows {supported})")]
    NewerSchema { found: i64, supported: i64 },
    #[error("field {0} is missing")]
    MissingField(&'static str),
    #[error("table {0} is missing")]
    MissingTable(String),
    #[error("table {0} is not part of a fenqi export")]
    UnknownTable(String),
    #[error("table {0} appears twice")]
    DuplicateTable(String),
    #[error("table {table}: unknown or repeated column {column}")]
    BadColumn { table: String, column: String },
    #[error("table {table}, row {row}: {message}")]
    BadRow {
        table: String,
        row: u64,
        message: String,
    },
    #[error("table {table}, row {row}, column {column}: {value} ({problem:?})")]
    BadValue {
        table: String,
        row: u64,
        column: String,
        /// The value as shown in a message (see [`value_text`]).
        value: String,
        problem: ValueProblem,
    },
    #[error("the rows do not add up: {0:?}")]
    Inconsistent(Inconsistency),
    #[error("table {table}: row {key} already exists with different content")]
    Conflict { table: String, key: String },
    #[error("table {table}, row {row:?}: refers to a missing {parent} row")]
    DanglingReference {
        table: String,
        row: Option<i64>,
        parent: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ImportError {
    /// True when the file is at fault (exit status 2), not the database or the disk.
    pub fn is_input(&self) -> bool {
        !matches!(self, ImportError::Store(_))
    }
}

/// Shared while the dump is parsed: where rows go, the first failure, the counts.
struct ImportState<'a> {
    conn: &'a Connection,
    targets: &'a [TableInfo],
    failure: RefCell<Option<ImportError>>,
    summary: RefCell<ImportSummary>,
    /// The keys of the rows inserted so far, for undo.
    inserted: RefCell<Vec<InsertedRows>>,
    /// The plans and repayments the inserted rows touch, for the consistency check.
    touched: RefCell<Touched>,
}

impl ImportState<'_> {
    /// Records `failure` and returns a serde error that stops parsing.
    fn fail<E: de::Error>(&self, failure: ImportError) -> E {
        let message = failure.to_string();
        self.failure.borrow_mut().get_or_insert(failure);
        E::custom(message)
    }
}

/// The top-level object: header fields first, then `tables`.
struct DumpSeed<'s, 'a> {
    state: &'s ImportState<'a>,
}

impl<'de> DeserializeSeed<'de> for DumpSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DumpSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a fenqi export object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let state = self.state;
        let (mut format, mut version, mut schema) = (false, false, false);
        let mut tables_seen = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => {
                    let value: String = map.next_value()?;
                    if value != DUMP_FORMAT {
                        return Err(state.fail(ImportError::NotADump));
                    }
                    format = true;
                }
                "version" => {
                    let value: i64 = map.next_value()?;
                    if value != DUMP_VERSION {
                        return Err(state.fail(ImportError::UnsupportedVersion(value)));
                    }
                    version = true;
                }
                "schema_version" => {
                    let value: i64 = map.next_value()?;
                    if value > LATEST {
                        return Err(state.fail(ImportError::NewerSchema {
                            found: value,
                            supported: LATEST,
                        }));
                    }
                    if value < 1 {
                        return Err(state.fail(ImportError::NotADump));
                    }
                    schema = true;
                }
                "tables" => {
                    let missing = [
                        (format, "format"),
                        (version, "version"),
                        (schema, "schema_version"),
                    ]
                    .into_iter()
                    .find(|(seen, _)| !seen);
                    if let Some((_, field)) = missing {
                        return Err(state.fail(if field == "format" {
                            ImportError::NotADump
                        } else {
                            ImportError::MissingField(field)
                        }));
                    }
                    map.next_value_seed(TablesSeed { state })?;
                    tables_seen = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !format {
            return Err(state.fail(ImportError::NotADump));
        }
        if !tables_seen {
            return Err(state.fail(ImportError::MissingField("tables")));
        }
        Ok(())
    }
}

/// `tables`: one entry per table, each restored as it is read.
struct TablesSeed<'s, 'a> {
    state: &'s ImportState<'a>,
}

impl<'de> DeserializeSeed<'de> for TablesSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TablesSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of tables")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let state = self.state;
        let mut seen: Vec<String> = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            let Some(target) = state.targets.iter().find(|t| t.name == name) else {
                return Err(state.fail(ImportError::UnknownTable(name)));
            };
            if seen.contains(&name) {
                return Err(state.fail(ImportError::DuplicateTable(name)));
            }
            state.summary.borrow_mut().tables.push(TableCount {
                table: name.clone(),
                ..TableCount::default()
            });
            map.next_value_seed(TableSeed { state, target })?;
            seen.push(name);
        }
        if let Some(missing) = state.targets.iter().find(|t| !seen.contains(&t.name)) {
            return Err(state.fail(ImportError::MissingTable(missing.name.clone())));
        }
        Ok(())
    }
}

/// One table: `columns`, then `rows`.
struct TableSeed<'s, 'a> {
    state: &'s ImportState<'a>,
    target: &'s TableInfo,
}

impl<'de> DeserializeSeed<'de> for TableSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TableSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a table object with columns and rows")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (state, target) = (self.state, self.target);
        let mut columns: Option<Vec<String>> = None;
        let mut rows_seen = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "columns" => {
                    let names: Vec<String> = map.next_value()?;
                    for (index, name) in names.iter().enumerate() {
                        if !target.columns.contains(name) || names[..index].contains(name) {
                            return Err(state.fail(ImportError::BadColumn {
                                table: target.name.clone(),
                                column: name.clone(),
                            }));
                        }
                    }
                    columns = Some(names);
                }
                "rows" => {
                    let Some(columns) = columns.as_deref() else {
                        return Err(state.fail(ImportError::MissingField("columns")));
                    };
                    let mut writer = RowWriter::new(state.conn, target, columns)
                        .map_err(|e| state.fail(e.into()))?;
                    map.next_value_seed(RowsSeed {
                        state,
                        writer: &mut writer,
                    })?;
                    if let Some(rows) = writer.tracker.finish().map_err(|e| state.fail(e.into()))? {
                        state.inserted.borrow_mut().push(rows);
                    }
                    writer.touched.append_to(&mut state.touched.borrow_mut());
                    rows_seen = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !rows_seen {
            return Err(state.fail(ImportError::MissingField("rows")));
        }
        Ok(())
    }
}

/// `rows`: each row is inserted as soon as it is read.
struct RowsSeed<'s, 'a, 'w, 'c> {
    state: &'s ImportState<'a>,
    writer: &'w mut RowWriter<'c>,
}

impl<'de> DeserializeSeed<'de> for RowsSeed<'_, '_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_, '_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let state = self.state;
        let mut number = 0u64;
        let mut inserted = 0u64;
        let mut skipped = 0u64;
        while let Some(row) = seq.next_element::<Row>()? {
            number += 1;
            let row = row.0.map_err(|message| {
                state.fail(ImportError::BadRow {
                    table: self.writer.table.clone(),
                    row: number,
                    message,
                })
            })?;
            match self.writer.write(&row, number) {
                Ok(true) => inserted += 1,
                Ok(false) => skipped += 1,
                Err(e) => return Err(state.fail(e)),
            }
        }
        if let Some(count) = state.summary.borrow_mut().tables.last_mut() {
            count.inserted += inserted;
            count.skipped += skipped;
        }
        Ok(())
    }
}

/// One row: integers, strings and nulls only (anything else is a per-row error message).
struct Row(Result<Vec<Value>, String>);

impl<'de> de::Deserialize<'de> for Row {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Row, D::Error> {
        d.deserialize_seq(RowVisitor)
    }
}

struct RowVisitor;

impl<'de> Visitor<'de> for RowVisitor {
    type Value = Row;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a row (an array of values)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Row, A::Error> {
        let mut values = Vec::new();
        let mut problem = None;
        while let Some(cell) = seq.next_element::<Cell>()? {
            match cell.0 {
                Ok(value) => values.push(value),
                Err(message) => {
                    problem.get_or_insert(message);
                }
            }
        }
        Ok(Row(match problem {
            Some(message) => Err(message),
            None => Ok(values),
        }))
    }
}

/// One value: an integer, a string or null.
struct Cell(Result<Value, String>);

impl<'de> de::Deserialize<'de> for Cell {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Cell, D::Error> {
        d.deserialize_any(CellVisitor)
    }
}

struct CellVisitor;

impl CellVisitor {
    fn wrong<E>(what: &str) -> Result<Cell, E> {
        Ok(Cell(Err(format!(
            "{what} is not a stored value (integers, strings and null only)"
        ))))
    }
}

impl<'de> Visitor<'de> for CellVisitor {
    type Value = Cell;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer, a string or null")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell, E> {
        Ok(Cell(Ok(Value::Integer(v))))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell, E> {
        match i64::try_from(v) {
            Ok(v) => Ok(Cell(Ok(Value::Integer(v)))),
            Err(_) => Self::wrong(&format!("the number {v}")),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell, E> {
        Self::wrong(&format!("the number {v}"))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Cell, E> {
        Self::wrong(&v.to_string())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
        Ok(Cell(Ok(Value::Text(v.to_string()))))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Cell, E> {
        Ok(Cell(Ok(Value::Text(v))))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Cell, E> {
        Ok(Cell(Ok(Value::Null)))
    }

    fn visit_none<E: de::Error>(self) -> Result<Cell, E> {
        Ok(Cell(Ok(Value::Null)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Cell, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Self::wrong("an array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cell, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Self::wrong("an object")
    }
}

impl From<io::Error> for ImportError {
    fn from(error: io::Error) -> Self {
        ImportError::Store(StoreError::Io(error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_count(store: &Store) -> i64 {
        store
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    use crate::store::row_writer::row_error;

    #[test]
    fn a_read_only_database_refuses_an_import_in_the_words_of_every_write() {
        use crate::i18n::Lang;
        use crate::i18n::interop::import_error;
        use crate::i18n::store::StoreText;
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("a.db")).unwrap();
        let mut dump = Vec::new();
        store.write_dump(&mut dump).unwrap();
        store
            .conn()
            .pragma_update(None, "query_only", true)
            .unwrap();
        let error = store.import_dump(&dump, "dump.json").unwrap_err();
        assert!(!error.is_input(), "{error:?}");
        for lang in [Lang::En, Lang::Zh] {
            assert_eq!(import_error(lang, &error), StoreText::ReadOnly.text(lang));
        }
        let insert = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            None,
        );
        assert!(matches!(
            row_error("cards", 1, insert),
            ImportError::Store(_)
        ));
        let check = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_CHECK),
            Some("CHECK constraint failed".into()),
        );
        assert!(matches!(
            row_error("cards", 1, check),
            ImportError::BadRow { row: 1, .. }
        ));
    }

    #[test]
    fn a_failed_import_keeps_indexes_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("a.db")).unwrap();
        let indexes = index_count(&store);
        let mut dump = Vec::new();
        store.write_dump(&mut dump).unwrap();
        let text = String::from_utf8(dump).unwrap();
        let broken = text.replacen("\"rows\":[]", "\"rows\":[[1]]", 1);
        assert!(matches!(
            store.import_dump(broken.as_bytes(), "broken.json"),
            Err(ImportError::BadRow { .. })
        ));
        assert_eq!(index_count(&store), indexes);
        let fk: bool = store
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert!(fk);
        let summary = store.import_dump(text.as_bytes(), "dump.json").unwrap();
        assert_eq!(summary.inserted(), 0);
        assert_eq!(index_count(&store), indexes);
    }
}
