//! The tables fenqi keeps (as a dump and a check see them) and the references among them.

use rusqlite::Connection;

use super::StoreResult;

/// Tables a dump leaves out: the change log belongs to the database it was made in, and the
/// tallies are derived from the other tables (import recounts them).
const SKIPPED_TABLES: &[&str] = &["changes", "open_by_day", "open_by_month", "tallies"];

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
