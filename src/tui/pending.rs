//! Stand-ins for store-side pieces not merged yet (localised store errors, demo data).

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::store::{Store, StoreError, StoreResult};

/// A store error as the user reads it.
pub fn store_error(_lang: Lang, error: &StoreError) -> String {
    error.to_string()
}

/// Fills the database with sample plans.
pub fn load_demo(_store: &mut Store, _today: NaiveDate) -> StoreResult<()> {
    Ok(())
}
