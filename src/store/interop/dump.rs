//! The JSON dump: every table but the change log, streamed out, and restored all-or-nothing
//! (the layout: [`super::format`]).

use std::io::{Read, Write};

use chrono::NaiveDate;
use std::sync::mpsc;
use std::thread;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::dump_reader::{ReadStop, read_dump};
use super::format::{DUMP_FORMAT, DUMP_VERSION};
use super::outcome::{ImportError, ImportSummary};
use super::row_writer::{Written, write_parsed};
use crate::store::changelog::{self, UndoStep};
use crate::store::check::{card_and_limit_problems, consistency};
use crate::store::inserted;
use crate::store::model::ChangeKind;
use crate::store::schema::{dump_tables, foreign_key_problems};
use crate::store::sequences::{raise_sequence, read_sequences};
use crate::store::sql::ident;
use crate::store::{ChangeSubject, DUMP_SCHEMA_VERSION, Store, StoreError, StoreResult};

/// Batches of rows the reader may be ahead of the writer.
const QUEUED_BATCHES: usize = 16;
/// The schema version a dump of the database states: the database's, at most the newest
/// that changed a table a dump carries ([`DUMP_SCHEMA_VERSION`]).
fn schema_version(conn: &Connection) -> StoreResult<i64> {
    let stored: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(stored.min(DUMP_SCHEMA_VERSION))
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
            "{{\"format\":\"{DUMP_FORMAT}\",\"version\":{DUMP_VERSION},\"schema_version\":{},\"sequences\":{{",
            schema_version(&tx)?
        )?;
        for (index, (table, highest)) in read_sequences(&tx)?.iter().enumerate() {
            if index > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, table)?;
            write!(out, ":{highest}")?;
        }
        out.write_all(b"},\"tables\":{")?;
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
        self.import_from(bytes, source, None)
    }

    /// Like [`Store::import_dump`], streaming the dump from `input` (a file, a pipe): it is
    /// never held whole in memory, and reading stops at the first byte past what any fenqi
    /// dump holds ([`super::MAX_DUMP_BYTES`], [`super::MAX_VALUE_BYTES`]). With `today`, a
    /// repayment dated after it is refused as `pay` refuses one.
    pub(crate) fn import_from(
        &mut self,
        input: impl Read + Send,
        source: &str,
        today: Option<NaiveDate>,
    ) -> Result<ImportSummary, ImportError> {
        let conn = self.conn();
        let cache: i64 = conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .map_err(StoreError::from)?;
        conn.pragma_update(None, "cache_size", crate::store::tallies::BULK_CACHE_KIB)
            .map_err(StoreError::from)?;
        // References are checked once, in full, by `foreign_key_check` before the commit,
        // instead of row by row (the pragma cannot change inside a transaction).
        conn.pragma_update(None, "foreign_keys", false)
            .map_err(StoreError::from)?;
        let result = self.import_in_transaction(input, source, today);
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
        input: impl Read + Send,
        source: &str,
        today: Option<NaiveDate>,
    ) -> Result<ImportSummary, ImportError> {
        let tx = Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let targets = dump_tables(&tx)?;
        let aside = crate::store::tallies::set_aside(&tx)?;
        let mut written = Written::default();
        // The file is read and checked on a second thread while this one writes the rows.
        let (sink, parsed) = mpsc::sync_channel(QUEUED_BATCHES);
        let (spent, to_free) = mpsc::channel();
        let (read, write) = thread::scope(|scope| {
            let reader = scope.spawn(|| read_dump(input, &targets, sink, to_free));
            let write = write_parsed(&tx, parsed, spent, &mut written);
            (reader.join(), write)
        });
        let read = read.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        write?;
        if let Err(ReadStop::Failed(failure)) = read {
            return Err(failure);
        }
        aside.restore(&tx)?;
        // Ids the file's database gave out are never given out again here either.
        for (table, highest) in &written.sequences {
            raise_sequence(&tx, table, *highest)?;
        }
        let dangling = foreign_key_problems(&tx)?;
        if let Some(first) = dangling.into_iter().next() {
            return Err(ImportError::DanglingReference {
                table: first.table,
                row: first.rowid,
                parent: first.parent,
            });
        }
        // Cards, limits and the plans the import touched must pass `check`'s own rules (the
        // terms `plan add` takes, every derived value worked out again), as the file claims.
        if let Some(problem) = card_and_limit_problems(&tx)?.into_iter().next() {
            return Err(ImportError::Inconsistent(problem));
        }
        let scope = consistency::touched_scope(&tx, written.touched)?;
        if !scope.is_empty()
            && let Some(problem) = consistency::problems(&tx, &scope, today)?
                .into_iter()
                .next()
        {
            return Err(ImportError::Inconsistent(problem));
        }
        let summary = written.summary;
        let inserted = inserted::merge(written.inserted);
        if summary.inserted() > 0 {
            changelog::log_change(
                &tx,
                ChangeKind::Import,
                &ChangeSubject::Import {
                    source: source.to_string(),
                },
                &[UndoStep::DeleteInserted { tables: inserted }],
            )?;
        }
        crate::store::wal_guard::stamp(&tx).map_err(StoreError::from)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(summary)
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

    use super::super::row_writer::row_error;
    use crate::store::check::ValueProblem;

    #[test]
    fn a_read_only_row_is_a_store_error_and_a_refused_one_a_bad_row() {
        // The whole import on a read-only database: i18n/interop.rs's tests.
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

    /// A store filled with `plans` demo plans, and its dump.
    fn demo_dump(dir: &std::path::Path, plans: u32) -> (Store, String) {
        let mut store = Store::open(&dir.join("a.db")).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 15).unwrap();
        store.fill_demo(plans, 7, today).unwrap();
        let mut dump = Vec::new();
        store.write_dump(&mut dump).unwrap();
        (store, String::from_utf8(dump).unwrap())
    }

    fn plan_count(store: &Store) -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM plans", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn the_first_problem_in_the_file_is_the_one_reported_whichever_thread_finds_it() {
        let dir = tempfile::tempdir().unwrap();
        let (_, dump) = demo_dump(dir.path(), 60);
        let mut target = Store::open(&dir.path().join("b.db")).unwrap();
        target.import_dump(dump.as_bytes(), "dump.json").unwrap();
        // The reader finds a control character in plan 40's name.
        let plan_40 = dump.lines().find(|l| l.starts_with("[40,\"")).unwrap();
        let broken = dump.replacen(plan_40, &plan_40.replacen(",\"", ",\"\\u0001", 1), 1);
        assert_ne!(broken, dump);
        let rename = |store: &Store, name: &str| {
            store
                .conn()
                .execute("UPDATE plans SET name = ?1 WHERE id = 1", [name])
                .unwrap()
        };
        let name: String = target
            .conn()
            .query_row("SELECT name FROM plans WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        // The writer finds plan 1 differs from the file: that comes first.
        rename(&target, "renamed");
        match target.import_dump(broken.as_bytes(), "broken.json") {
            Err(ImportError::Conflict { table, key }) => {
                assert_eq!((&*table, &*key), ("plans", "1"))
            }
            other => panic!("{other:?}"),
        }
        rename(&target, &name);
        match target.import_dump(broken.as_bytes(), "broken.json") {
            Err(ImportError::BadValue {
                table,
                row: 40,
                problem: ValueProblem::ControlCharacter,
                ..
            }) => assert_eq!(table, "plans"),
            other => panic!("{other:?}"),
        }
        assert_eq!(plan_count(&target), 60);
    }

    #[test]
    fn a_refused_row_stops_the_reader_however_much_is_left_to_read() {
        let dir = tempfile::tempdir().unwrap();
        let (_, dump) = demo_dump(dir.path(), 1000);
        let mut target = Store::open(&dir.path().join("b.db")).unwrap();
        target.import_dump(dump.as_bytes(), "dump.json").unwrap();
        let batch = super::super::dump_reader::BATCH_ROWS;
        // More rows than the queue and the batches on either side of it hold.
        let queued = QUEUED_BATCHES * batch;
        let periods: i64 = target
            .conn()
            .query_row("SELECT count(*) FROM installments", [], |r| r.get(0))
            .unwrap();
        assert!(
            usize::try_from(periods).unwrap() > queued + 2 * batch,
            "{periods}"
        );
        // The first period differs: the writer refuses it with every other row still unread.
        target
            .conn()
            .execute(
                "UPDATE installments SET due_on = '2000-01-01' WHERE plan_id = 1 AND period = 1",
                [],
            )
            .unwrap();
        match target.import_dump(dump.as_bytes(), "dump.json") {
            Err(ImportError::Conflict { table, key }) => {
                assert_eq!((&*table, &*key), ("installments", "1/1"))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(plan_count(&target), 1000);
    }

    /// `dump` with the rows of `table` changed by `change`.
    fn with_rows(
        dump: &str,
        table: &str,
        change: impl FnOnce(&mut Vec<serde_json::Value>),
    ) -> String {
        let mut parsed: serde_json::Value = serde_json::from_str(dump).unwrap();
        let rows = parsed["tables"][table]["rows"].as_array_mut().unwrap();
        change(rows);
        parsed.to_string()
    }

    #[test]
    fn a_row_refused_inside_a_multi_row_insert_is_named_by_its_number() {
        let dir = tempfile::tempdir().unwrap();
        let (_, dump) = demo_dump(dir.path(), 40);
        // Period row 100 gets a negative principal: only the schema's CHECK refuses it.
        let broken = with_rows(&dump, "installments", |rows| {
            assert!(rows.len() > 3 * 64, "{}", rows.len());
            rows[99][3] = serde_json::json!(-1);
        });
        let mut target = Store::open(&dir.path().join("b.db")).unwrap();
        match target.import_dump(broken.as_bytes(), "broken.json") {
            Err(ImportError::BadRow {
                table,
                row: 100,
                message,
            }) => {
                assert_eq!(table, "installments");
                assert!(message.contains("CHECK"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(plan_count(&target), 0);
    }

    #[test]
    fn rows_out_of_key_order_or_repeated_in_the_file_are_written_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        let (_, dump) = demo_dump(dir.path(), 200);
        // Plan 150 moved to the front, and plan 10 repeated (identical) at the end.
        let reordered = with_rows(&dump, "plans", |rows| {
            let moved = rows.remove(149);
            rows.insert(0, moved);
            rows.push(rows[10].clone());
        });
        let mut target = Store::open(&dir.path().join("b.db")).unwrap();
        let summary = target
            .import_dump(reordered.as_bytes(), "moved.json")
            .unwrap();
        let plans = summary.tables.iter().find(|t| t.table == "plans").unwrap();
        assert_eq!((plans.inserted, plans.skipped), (200, 1));
        let mut copy = Vec::new();
        target.write_dump(&mut copy).unwrap();
        assert_eq!(String::from_utf8(copy).unwrap(), dump);
        // Undo takes out exactly what the import put in.
        target.undo().unwrap();
        assert_eq!(plan_count(&target), 0);
    }
}
