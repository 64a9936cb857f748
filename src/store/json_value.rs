//! Stored values as JSON and back: integers, text and NULL (fenqi stores nothing else), as the
//! change log and an import's key runs keep them.

use rusqlite::types::{Value, ValueRef};

use super::{StoreError, StoreResult};

/// A stored integer, text or NULL as JSON (`None` for a real or a blob: fenqi stores neither).
pub(crate) fn sql_to_json(value: ValueRef<'_>) -> Option<serde_json::Value> {
    match value {
        ValueRef::Null => Some(serde_json::Value::Null),
        ValueRef::Integer(i) => Some(serde_json::Value::from(i)),
        ValueRef::Text(t) => Some(serde_json::Value::from(
            String::from_utf8_lossy(t).into_owned(),
        )),
        ValueRef::Real(_) | ValueRef::Blob(_) => None,
    }
}

/// A change-log value back as an SQL value.
pub(crate) fn json_to_sql(value: &serde_json::Value) -> StoreResult<Value> {
    match value {
        serde_json::Value::Null => Ok(Value::Null),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .ok_or_else(|| StoreError::Corrupt(format!("change log number {n}"))),
        serde_json::Value::String(s) => Ok(Value::Text(s.clone())),
        other => Err(StoreError::Corrupt(format!("change log value {other}"))),
    }
}
