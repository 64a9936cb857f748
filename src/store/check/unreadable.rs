//! Finding the stored values fenqi cannot read back, for `check`.

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::inconsistency::Inconsistency;
use super::readable::{ValueKind, kinds, problem, value_text};
use crate::store::StoreResult;
use crate::store::schema::dump_tables;
use crate::store::sql::ident;

/// Every stored value that fenqi cannot read back, row by row (for `check`): a database an
/// older fenqi let such a value into says so instead of failing on the plan that holds it.
pub(crate) fn unreadable_values(conn: &Connection) -> StoreResult<Vec<Inconsistency>> {
    let mut found = Vec::new();
    for table in dump_tables(conn)? {
        let columns: Vec<(&str, ValueKind)> = kinds(&table.name)
            .iter()
            .filter(|(column, _)| table.columns.iter().any(|c| c == column))
            .copied()
            .collect();
        if columns.is_empty() {
            continue;
        }
        let key: Vec<String> = table
            .row_key()
            .iter()
            .map(|k| if k == "rowid" { k.clone() } else { ident(k) })
            .collect();
        let selected: Vec<String> = key
            .iter()
            .cloned()
            .chain(columns.iter().map(|(column, _)| ident(column)))
            .collect();
        let mut stmt = conn.prepare(&format!(
            "SELECT {} FROM {} ORDER BY {}",
            selected.join(", "),
            ident(&table.name),
            key.join(", ")
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            for (offset, (column, kind)) in columns.iter().enumerate() {
                let value = row.get_ref(key.len() + offset)?;
                let Some(problem) = problem(*kind, value) else {
                    continue;
                };
                let key_text = (0..key.len())
                    .map(|i| {
                        row.get_ref(i).map(|part| match part {
                            ValueRef::Integer(n) => n.to_string(),
                            other => value_text(other),
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                found.push(Inconsistency::Unreadable {
                    table: table.name.clone(),
                    key: key_text.join("/"),
                    column: column.to_string(),
                    value: value_text(value),
                    problem,
                });
            }
        }
    }
    Ok(found)
}
