//! The id sequences of the tables whose ids are never reused (`AUTOINCREMENT`): the highest
//! id each has ever given out, read for a dump and raised (never lowered) by an import.

use rusqlite::{Connection, OptionalExtension};

use super::StoreResult;

/// The tables whose ids are never reused: an id names one row for good, even once deleted.
pub(crate) const SEQUENCED_TABLES: &[&str] = &["cards", "plans", "repayments"];

/// The highest id each sequenced table has given out, by table name (tables that never gave
/// one out are left out).
pub(crate) fn read_sequences(conn: &Connection) -> StoreResult<Vec<(String, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT name, max(seq) FROM sqlite_sequence GROUP BY name HAVING max(seq) > 0 ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut found = Vec::new();
    for row in rows {
        let (name, seq) = row?;
        if SEQUENCED_TABLES.contains(&name.as_str()) {
            found.push((name, seq));
        }
    }
    Ok(found)
}

/// Makes `table` give out ids above `highest` from now on (a sequence already higher stays).
pub(crate) fn raise_sequence(conn: &Connection, table: &str, highest: i64) -> StoreResult<()> {
    let current: Option<i64> = conn
        .prepare_cached("SELECT max(seq) FROM sqlite_sequence WHERE name = ?1")?
        .query_row([table], |r| r.get(0))
        .optional()?
        .flatten();
    match current {
        Some(seq) if seq >= highest => {}
        Some(_) => {
            conn.prepare_cached("UPDATE sqlite_sequence SET seq = ?2 WHERE name = ?1")?
                .execute(rusqlite::params![table, highest])?;
        }
        None => {
            conn.prepare_cached("INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)")?
                .execute(rusqlite::params![table, highest])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sequence_is_raised_and_never_lowered() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("a.db")).unwrap();
        let conn = store.conn();
        assert_eq!(read_sequences(conn).unwrap(), Vec::new());
        raise_sequence(conn, "plans", 41).unwrap();
        raise_sequence(conn, "plans", 7).unwrap();
        raise_sequence(conn, "cards", 3).unwrap();
        assert_eq!(
            read_sequences(conn).unwrap(),
            vec![("cards".to_string(), 3), ("plans".to_string(), 41)]
        );
    }
}
