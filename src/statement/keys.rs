//! Stable line keys: the order number, else a hash of the line's cells, numbered by occurrence so
//! that identical genuine lines keep distinct keys.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::line::LineKey;

/// What a line's key is built from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum KeyBase {
    /// The statement's order number for the line.
    Order(String),
    /// The first 64 bits of the SHA-256 of the line's sanitised cells, in hex.
    Hash(String),
}

impl KeyBase {
    /// The hash base of a row's cells (already sanitised, so no card number goes into it).
    pub fn of_cells(cells: &[String]) -> KeyBase {
        let mut hasher = Sha256::new();
        for cell in cells {
            hasher.update(cell.as_bytes());
            hasher.update([0x1f]);
        }
        let digest = hasher.finalize();
        KeyBase::Hash(digest.iter().take(8).map(|b| format!("{b:02x}")).collect())
    }
}

/// The longest order number a key keeps as it is; a longer one is hashed (`oHASH`), so that
/// every key stays short enough to be stored.
const ORDER_MAX_CHARS: usize = 64;

/// The keys of a statement's lines, in order: `PREFIX:ORDER` (with `#n` from the second line
/// that repeats an order number; an order number longer than [`ORDER_MAX_CHARS`] as `oHASH`),
/// or `PREFIX:hHASH#n` where n counts identical lines from 1.
pub(crate) fn assign(prefix: &str, bases: &[KeyBase]) -> Vec<LineKey> {
    let mut seen: HashMap<&KeyBase, u32> = HashMap::new();
    bases
        .iter()
        .map(|base| {
            let count = seen.entry(base).or_insert(0);
            *count += 1;
            let order = |order: &String| match KeyBase::of_cells(std::slice::from_ref(order)) {
                KeyBase::Hash(hash) if order.chars().count() > ORDER_MAX_CHARS => {
                    format!("o{hash}")
                }
                _ => order.clone(),
            };
            LineKey(match base {
                KeyBase::Order(number) if *count == 1 => format!("{prefix}:{}", order(number)),
                KeyBase::Order(number) => format!("{prefix}:{}#{count}", order(number)),
                KeyBase::Hash(hash) => format!("{prefix}:h{hash}#{count}"),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_lines_keep_distinct_keys() {
        let cells = |s: &[&str]| s.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let a = KeyBase::of_cells(&cells(&["2024-03-10", "自动还款", "536.00"]));
        let b = KeyBase::of_cells(&cells(&["2024-03-10", "自动还款", "536.01"]));
        // SHA-256 of "2024-03-10\x1f自动还款\x1f536.00\x1f", first 8 bytes (sha256sum).
        assert_eq!(a, KeyBase::Hash("19cc1a8349475bbe".into()));
        let keys = assign(
            "bank",
            &[
                a.clone(),
                b,
                a,
                KeyBase::Order("42".into()),
                KeyBase::Order("42".into()),
            ],
        );
        let keys: Vec<&str> = keys.iter().map(LineKey::as_str).collect();
        assert_eq!(
            keys,
            [
                "bank:h19cc1a8349475bbe#1",
                keys[1],
                "bank:h19cc1a8349475bbe#2",
                "bank:42",
                "bank:42#2"
            ]
        );
        assert_ne!(keys[1], keys[0]);
    }
}
