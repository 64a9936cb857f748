//! Reading several lists from one snapshot of the database: one read transaction around them.

use super::{Store, StoreResult};

impl Store {
    /// Runs `read` on `owner` inside one read transaction of the store `store_of(owner)`:
    /// every query it makes sees the same snapshot (another process's commit lands before or
    /// after all of them, never between two), and SQLite takes its locks once instead of once
    /// per query. Inside a transaction already open, `read` simply runs in it.
    pub(crate) fn read_in_snapshot<O, T>(
        owner: &mut O,
        store_of: fn(&O) -> &Store,
        read: impl FnOnce(&mut O) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let conn = store_of(owner).conn();
        if !conn.is_autocommit() {
            return read(owner);
        }
        conn.execute_batch("BEGIN DEFERRED")?;
        let result = read(owner);
        let conn = store_of(owner).conn();
        // Nothing was written: ending the transaction only releases the snapshot.
        let ended = conn.execute_batch("COMMIT");
        if ended.is_err() && !conn.is_autocommit() {
            let _ = conn.execute_batch("ROLLBACK");
        }
        let value = result?;
        ended?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::watch::tests::card;

    #[test]
    fn reads_in_the_snapshot_see_no_commit_made_between_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fenqi.db");
        let mut reader = Store::open(&path).unwrap();
        let mut writer = Store::open(&path).unwrap();
        writer.add_card(&card("1111")).unwrap();
        let counts = Store::read_in_snapshot(
            &mut reader,
            |s| s,
            |s| {
                let before = s.list_cards(true)?.len();
                writer.add_card(&card("2222"))?;
                let after = s.list_cards(true)?.len();
                Ok((before, after))
            },
        )
        .unwrap();
        assert_eq!(
            counts,
            (1, 1),
            "the second read sees the first one's snapshot"
        );
        assert!(reader.conn().is_autocommit(), "the transaction is over");
        assert_eq!(reader.list_cards(true).unwrap().len(), 2);
    }

    #[test]
    fn an_error_inside_ends_the_transaction_and_is_returned() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fenqi.db");
        let mut store = Store::open(&path).unwrap();
        let result: StoreResult<()> = Store::read_in_snapshot(
            &mut store,
            |s| s,
            |s| {
                s.conn().execute_batch("SELECT * FROM no_such_table")?;
                Ok(())
            },
        );
        assert!(result.is_err());
        assert!(store.conn().is_autocommit());
        store.add_card(&card("3333")).unwrap();
    }
}
