//! Noticing changes other processes made to the database, cheaply, without reading any table.

use super::{Store, StoreResult};

impl Store {
    /// A number that changes whenever another connection (another fenqi process) commits to
    /// the database; this connection's own commits leave it unchanged. One page-cache lookup:
    /// cheap enough to ask every half second.
    pub(crate) fn data_version(&self) -> StoreResult<i64> {
        Ok(self
            .conn()
            .query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::store::CardDraft;

    /// A debit card of 招商银行 ending in `n`.
    pub(in crate::store) fn card(n: &str) -> CardDraft {
        CardDraft {
            bank: "招商银行".into(),
            last4: n.into(),
            label: String::new(),
            kind: crate::store::CardKind::Debit,
        }
    }

    #[test]
    fn changes_only_when_another_connection_commits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fenqi.db");
        let mut watcher = Store::open(&path).unwrap();
        let mut other = Store::open(&path).unwrap();
        let start = watcher.data_version().unwrap();
        assert_eq!(watcher.data_version().unwrap(), start, "nothing happened");
        watcher.add_card(&card("1111")).unwrap();
        assert_eq!(watcher.data_version().unwrap(), start, "its own commit");
        other.add_card(&card("2222")).unwrap();
        let after = watcher.data_version().unwrap();
        assert_ne!(after, start, "another connection's commit");
        assert_eq!(watcher.data_version().unwrap(), after);
    }
}
