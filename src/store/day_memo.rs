//! Lists read once a day and kept until the database changes: what the TUI's first frame and
//! each reload would otherwise read several times (the status bar, the cards' week, the panes).

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDate;

use super::{Store, StoreResult};

/// What a kept list depends on: the day, the database's version as other connections changed
/// it (`PRAGMA data_version`), and the rows this connection changed (`total_changes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MemoKey {
    today: NaiveDate,
    data_version: i64,
    changes: u64,
}

impl Store {
    /// The key a list read now on `today` is kept under.
    pub(super) fn memo_key(&self, today: NaiveDate) -> StoreResult<MemoKey> {
        Ok(MemoKey {
            today,
            data_version: self.data_version()?,
            changes: self.conn().total_changes(),
        })
    }
}

/// One list kept with the key it was read under.
#[derive(Debug)]
pub(super) struct DayMemo<T>(RefCell<Option<(MemoKey, Rc<T>)>>);

impl<T> Default for DayMemo<T> {
    fn default() -> Self {
        DayMemo(RefCell::new(None))
    }
}

impl<T> DayMemo<T> {
    /// The list kept under `key`, or `read`'s, kept from now on.
    pub(super) fn get_or(
        &self,
        key: MemoKey,
        read: impl FnOnce() -> StoreResult<T>,
    ) -> StoreResult<Rc<T>> {
        if let Some((kept, value)) = self.0.borrow().as_ref()
            && *kept == key
        {
            return Ok(Rc::clone(value));
        }
        let value = Rc::new(read()?);
        *self.0.borrow_mut() = Some((key, Rc::clone(&value)));
        Ok(value)
    }
}
