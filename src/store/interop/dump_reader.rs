//! Reading a JSON dump, on a thread of its own while the rows are written: the header and the
//! tables' layout checked, each row's values checked and its card numbers masked, and the rows
//! handed over in batches, in file order.

use std::borrow::Cow;
use std::cell::{self, RefCell};
use std::fmt;
use std::io::{BufReader, Read};
use std::sync::mpsc::{Receiver, SyncSender};

use rusqlite::types::Value;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::dump_input::DumpInput;
use super::format::{DUMP_FORMAT, DUMP_VERSION};
use super::outcome::ImportError;
use crate::domain::privacy::mask_card_numbers;
use crate::store::SCHEMA_VERSION as LATEST;
use crate::store::check::{Declared, ValueKind, cell_problem, kind_of, value_text};
use crate::store::schema::TableInfo;
use crate::store::sequences::SEQUENCED_TABLES;

/// Rows handed over at once: enough that the hand-over costs nothing per row.
pub(super) const BATCH_ROWS: usize = 512;
/// Bytes of values handed over at once at most (about): with the batches queued, what the
/// reader may be ahead of the writer stays a few megabytes whatever the rows hold.
const BATCH_BYTES: usize = 1 << 20;

/// What the reader hands to the writer, in file order.
pub(super) enum Parsed<'t> {
    /// A table's rows begin, given in these columns (its batches follow).
    Table {
        target: &'t TableInfo,
        columns: Vec<String>,
    },
    /// Checked rows of the current table; `first` is the first one's number (from 1).
    Batch { first: u64, rows: Vec<Vec<Value>> },
    /// The file's id sequences: (table, highest id given out), each table once.
    Sequences(Vec<(String, i64)>),
}

/// Why reading stopped early.
pub(super) enum ReadStop {
    /// The file is not a dump fenqi can restore.
    Failed(ImportError),
    /// The writer stopped taking rows: its own error says why.
    WriterStopped,
}

/// Bytes read from the file at once.
const READ_BUFFER: usize = 1 << 16;

/// Streams `input` as a dump made by [`crate::store::Store::write_dump`] (see
/// [`DumpInput`] for its limits), handing every checked row to `sink` (and freeing the
/// batches the writer gives back through `spent`). The rows before a problem are handed over
/// before reading stops.
pub(super) fn read_dump<'t>(
    input: impl Read,
    targets: &'t [TableInfo],
    sink: SyncSender<Parsed<'t>>,
    spent: Receiver<Vec<Vec<Value>>>,
) -> Result<(), ReadStop> {
    let state = ReadState {
        targets,
        sink,
        spent,
        stop: RefCell::new(None),
    };
    let refused = cell::Cell::new(None);
    let input = DumpInput::new(input, &refused)
        .map_err(|e| ReadStop::Failed(ImportError::Unreadable(e)))?;
    let mut deserializer =
        serde_json::Deserializer::from_reader(BufReader::with_capacity(READ_BUFFER, input));
    let parsed = DumpSeed { state: &state }
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end());
    if let Some(over) = refused.get() {
        return Err(ReadStop::Failed(ImportError::TooLarge(over)));
    }
    if let Some(stop) = state.stop.take() {
        return Err(stop);
    }
    parsed.map_err(|e| {
        ReadStop::Failed(if e.is_io() {
            ImportError::Unreadable(e.into())
        } else {
            ImportError::Malformed(e.to_string())
        })
    })
}

/// Checks rows of one table given in some of its columns, and masks their card numbers.
struct RowCheck<'t> {
    table: &'t str,
    /// The given columns' names, declared types and the kinds of value fenqi reads from them.
    cells: Vec<(String, Declared, Option<ValueKind>)>,
}

impl<'t> RowCheck<'t> {
    fn new(target: &'t TableInfo, columns: &[String]) -> Self {
        let cells = columns
            .iter()
            .map(|column| {
                let declared = target
                    .columns
                    .iter()
                    .position(|c| c == column)
                    .map_or(Declared::Other, |at| Declared::of(&target.types[at]));
                (column.clone(), declared, kind_of(&target.name, column))
            })
            .collect();
        RowCheck {
            table: &target.name,
            cells,
        }
    }

    /// Row `number`, ready to insert. A wrong number of values, a value of the wrong type or
    /// one fenqi could not read back (an impossible date, an unknown code, a control character
    /// in a name) refuses the row.
    fn check(&self, mut row: Vec<Value>, number: u64) -> Result<Vec<Value>, ImportError> {
        if row.len() != self.cells.len() {
            return Err(ImportError::BadRow {
                table: self.table.to_string(),
                row: number,
                message: width_message(row.len(), self.cells.len()),
            });
        }
        for ((column, declared, kind), value) in self.cells.iter().zip(&row) {
            if let Some(problem) = cell_problem(*declared, *kind, value) {
                return Err(ImportError::BadValue {
                    table: self.table.to_string(),
                    row: number,
                    column: column.clone(),
                    value: value_text(value.into()),
                    problem,
                });
            }
        }
        mask_card_numbers_in_row(&mut row);
        Ok(row)
    }
}

/// Cuts card numbers in the row's text cells to their last four digits.
fn mask_card_numbers_in_row(row: &mut [Value]) {
    let may_hold_card =
        |text: &str| !text.is_ascii() || text.bytes().filter(u8::is_ascii_digit).count() >= 13;
    for value in row {
        if let Value::Text(text) = value
            && may_hold_card(text)
            && let Cow::Owned(masked) = mask_card_numbers(text)
        {
            *text = masked;
        }
    }
}

/// Shared while the dump is read: the tables it may hold, where rows go, why reading stopped.
struct ReadState<'t> {
    targets: &'t [TableInfo],
    sink: SyncSender<Parsed<'t>>,
    spent: Receiver<Vec<Vec<Value>>>,
    stop: RefCell<Option<ReadStop>>,
}

impl<'t> ReadState<'t> {
    /// Records `failure` (the first one counts) and returns a serde error that stops reading.
    fn fail<E: de::Error>(&self, failure: ImportError) -> E {
        let message = failure.to_string();
        self.stop
            .borrow_mut()
            .get_or_insert(ReadStop::Failed(failure));
        E::custom(message)
    }

    /// Hands `parsed` to the writer (and frees what it has written since); an error that
    /// stops reading once the writer has stopped.
    fn send<E: de::Error>(&self, parsed: Parsed<'t>) -> Result<(), E> {
        self.spent.try_iter().for_each(drop);
        self.sink.send(parsed).map_err(|_| {
            self.stop
                .borrow_mut()
                .get_or_insert(ReadStop::WriterStopped);
            E::custom("the writer stopped")
        })
    }
}

/// The top-level object: header fields first, then `tables`.
struct DumpSeed<'s, 't> {
    state: &'s ReadState<'t>,
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
                "sequences" => {
                    let sequences = map.next_value_seed(SequencesSeed { state })?;
                    state.send(Parsed::Sequences(sequences))?;
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

/// `sequences`: the highest id each sequenced table has given out, each table at most once.
struct SequencesSeed<'s, 't> {
    state: &'s ReadState<'t>,
}

impl<'de> DeserializeSeed<'de> for SequencesSeed<'_, '_> {
    type Value = Vec<(String, i64)>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for SequencesSeed<'_, '_> {
    type Value = Vec<(String, i64)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of id sequences")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found: Vec<(String, i64)> = Vec::new();
        while let Some(table) = map.next_key::<String>()? {
            let highest: i64 = map.next_value()?;
            let known = SEQUENCED_TABLES.contains(&table.as_str());
            if !known || highest < 0 || found.iter().any(|(t, _)| *t == table) {
                return Err(self.state.fail(ImportError::BadSequence { table, highest }));
            }
            found.push((table, highest));
        }
        Ok(found)
    }
}

/// `tables`: one entry per table.
struct TablesSeed<'s, 't> {
    state: &'s ReadState<'t>,
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
struct TableSeed<'s, 't> {
    state: &'s ReadState<'t>,
    target: &'t TableInfo,
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
                    columns = Some(map.next_value_seed(ColumnsSeed { state, target })?);
                }
                "rows" => {
                    let Some(columns) = columns.as_deref() else {
                        return Err(state.fail(ImportError::MissingField("columns")));
                    };
                    state.send(Parsed::Table {
                        target,
                        columns: columns.to_vec(),
                    })?;
                    map.next_value_seed(RowsSeed {
                        state,
                        check: RowCheck::new(target, columns),
                    })?;
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

/// `columns`: each name checked as it is read (one of the table's, not repeated), so that
/// the list never grows past the table's own.
struct ColumnsSeed<'s, 't> {
    state: &'s ReadState<'t>,
    target: &'t TableInfo,
}

impl<'de> DeserializeSeed<'de> for ColumnsSeed<'_, '_> {
    type Value = Vec<String>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ColumnsSeed<'_, '_> {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of column names")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut names: Vec<String> = Vec::new();
        while let Some(name) = seq.next_element::<String>()? {
            if !self.target.columns.contains(&name) || names.contains(&name) {
                return Err(self.state.fail(ImportError::BadColumn {
                    table: self.target.name.clone(),
                    column: name,
                }));
            }
            names.push(name);
        }
        Ok(names)
    }
}

/// `rows`: each row checked as it is read, and handed over in batches.
struct RowsSeed<'s, 't> {
    state: &'s ReadState<'t>,
    check: RowCheck<'t>,
}

impl<'de> DeserializeSeed<'de> for RowsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let state = self.state;
        let mut number = 0u64;
        let mut batch = Batch::default();
        loop {
            let width = self.check.cells.len();
            let checked = match seq.next_element_seed(RowSeed { width }) {
                Ok(None) => break,
                Ok(Some(row)) => {
                    number += 1;
                    row.0
                        .map_err(|message| ImportError::BadRow {
                            table: self.check.table.to_string(),
                            row: number,
                            message,
                        })
                        .and_then(|row| self.check.check(row, number))
                }
                Err(malformed) => {
                    // The rows before the problem still go first: theirs may be the first one.
                    batch.hand_over(state)?;
                    return Err(malformed);
                }
            };
            match checked {
                Ok(row) => batch.push(row, number, state)?,
                Err(failure) => {
                    batch.hand_over(state)?;
                    return Err(state.fail(failure));
                }
            }
        }
        batch.hand_over(state)
    }
}

/// The rows read but not yet handed over, and about how many bytes they hold.
#[derive(Default)]
struct Batch {
    first: u64,
    rows: Vec<Vec<Value>>,
    bytes: usize,
}

impl Batch {
    /// Adds row `number`, handing the batch over when it is full.
    fn push<E: de::Error>(
        &mut self,
        row: Vec<Value>,
        number: u64,
        state: &ReadState<'_>,
    ) -> Result<(), E> {
        if self.rows.is_empty() {
            self.first = number;
            self.rows.reserve(BATCH_ROWS);
        }
        self.bytes += row
            .iter()
            .map(|v| match v {
                Value::Text(text) => text.len() + 24,
                _ => 24,
            })
            .sum::<usize>();
        self.rows.push(row);
        if self.rows.len() >= BATCH_ROWS || self.bytes >= BATCH_BYTES {
            self.hand_over(state)?;
        }
        Ok(())
    }

    /// Hands the rows read so far to the writer.
    fn hand_over<E: de::Error>(&mut self, state: &ReadState<'_>) -> Result<(), E> {
        if self.rows.is_empty() {
            return Ok(());
        }
        self.bytes = 0;
        state.send(Parsed::Batch {
            first: self.first,
            rows: std::mem::take(&mut self.rows),
        })
    }
}

/// One row: integers, strings and nulls only (anything else is a per-row error message).
struct Row(Result<Vec<Value>, String>);

/// Reads a row of a table given in `width` columns: values past the width are counted, not
/// kept, so a row never holds more than its table's columns.
struct RowSeed {
    width: usize,
}

impl<'de> DeserializeSeed<'de> for RowSeed {
    type Value = Row;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Row, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowSeed {
    type Value = Row;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a row (an array of values)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Row, A::Error> {
        let mut values = Vec::with_capacity(self.width);
        let mut problem = None;
        while values.len() < self.width
            && let Some(cell) = seq.next_element::<Cell>()?
        {
            match cell.0 {
                Ok(value) => values.push(value),
                Err(message) => {
                    problem.get_or_insert(message);
                    values.push(Value::Null);
                }
            }
        }
        let mut extra = 0usize;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            extra += 1;
        }
        if extra > 0 {
            return Ok(Row(Err(width_message(values.len() + extra, self.width))));
        }
        Ok(Row(match problem {
            Some(message) => Err(message),
            None => Ok(values),
        }))
    }
}

/// A row's refusal for holding `found` values where its table was given `width` columns.
fn width_message(found: usize, width: usize) -> String {
    format!("{found} values for {width} columns")
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
