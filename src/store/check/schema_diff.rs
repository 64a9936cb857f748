//! The schema as fenqi makes it against the schema the file holds: a table, index or trigger
//! that is missing, extra, or defined otherwise. The reference is a fresh in-memory database
//! brought to the latest schema by the same migrations, so it is what every fenqi database
//! holds, whichever version created it.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::inconsistency::{Inconsistency, SchemaProblem};
use crate::store::StoreResult;
use crate::store::migrations::fresh_schema;

/// A schema object's kind as `sqlite_schema` names it: `table`, `index`, `trigger`, `view`.
pub(crate) type ObjectKind = String;

/// The objects of a schema by (kind, name), each with its SQL, spaces and quotes evened out.
/// SQLite's own objects (`sqlite_sequence`, automatic indexes) are left out: SQLite keeps them.
fn objects(conn: &Connection) -> StoreResult<BTreeMap<(ObjectKind, String), String>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_schema
         WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
            even_out(&r.get::<_, String>(2)?),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// `sql` with every run of white space one space and identifier quotes dropped: a rename
/// quotes a table's name in its stored SQL, which says nothing about what the table is.
fn even_out(sql: &str) -> String {
    sql.replace('"', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every table, index, trigger or view of `conn` that is missing, extra or different from
/// the schema fenqi makes, in order of kind and name.
pub(crate) fn schema_differences(conn: &Connection) -> StoreResult<Vec<Inconsistency>> {
    let expected = objects(&fresh_schema()?)?;
    let found = objects(conn)?;
    let mut problems = Vec::new();
    for (key, sql) in &expected {
        let problem = match found.get(key) {
            None => SchemaProblem::Missing,
            Some(stored) if stored != sql => SchemaProblem::Differs,
            Some(_) => continue,
        };
        problems.push((key.clone(), problem));
    }
    for key in found.keys().filter(|key| !expected.contains_key(*key)) {
        problems.push((key.clone(), SchemaProblem::Extra));
    }
    problems.sort();
    Ok(problems
        .into_iter()
        .map(|((kind, name), problem)| Inconsistency::Schema {
            kind,
            name,
            problem,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_fenqi_made_has_fenqi_s_schema_and_each_change_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("a.db")).unwrap();
        let conn = store.conn();
        assert_eq!(schema_differences(conn).unwrap(), Vec::new());
        conn.execute_batch(
            "DROP TABLE credit_limits;
             DROP INDEX plans_by_card;
             DROP TRIGGER plans_tally_insert;
             CREATE TRIGGER plans_tally_insert AFTER INSERT ON plans BEGIN SELECT 1; END;
             CREATE TABLE notes (x INTEGER);",
        )
        .unwrap();
        let named = |kind: &str, name: &str, problem| Inconsistency::Schema {
            kind: kind.into(),
            name: name.into(),
            problem,
        };
        assert_eq!(
            schema_differences(conn).unwrap(),
            vec![
                named("index", "plans_by_card", SchemaProblem::Missing),
                named("table", "credit_limits", SchemaProblem::Missing),
                named("table", "notes", SchemaProblem::Extra),
                named("trigger", "plans_tally_insert", SchemaProblem::Differs),
            ]
        );
    }

    #[test]
    fn white_space_and_quotes_say_nothing_about_a_definition() {
        assert_eq!(
            even_out("CREATE TABLE \"changes\" (\n    id  INTEGER)"),
            even_out("CREATE TABLE changes ( id INTEGER)")
        );
        assert_ne!(
            even_out("CREATE INDEX a ON t (x)"),
            even_out("CREATE INDEX a ON t (y)")
        );
    }
}
