//! What `fenqi summary` reads: the plans owing money, the limits, what `due` reports and the
//! open periods by month, handed to `domain::overview`.

use chrono::NaiveDate;

use super::limits::{limit_amounts, open_plans_shown};
use super::{Store, StoreResult};
use crate::domain::overview::{DueFigures, Overview, overview};

impl Store {
    /// The overview on `today`: its due and overdue figures are the status bar's (and so
    /// `due`'s: the upcoming items within 7 and 30 days, the overdue ones with their penalty),
    /// its providers `limit list`'s rows and those without a limit.
    pub(crate) fn overview(&self, today: NaiveDate) -> StoreResult<Overview> {
        let plans = open_plans_shown(self.conn(), today)?;
        let limits = limit_amounts(self.conn())?;
        let status = self.status_totals(today)?;
        let posted = self.posted_sum(None, today)?;
        let due = DueFigures {
            due_7_days: status.due_7_days,
            due_30_days: status.due_30_days,
            overdue: status.overdue_amount.try_add(status.overdue_penalty)?,
            overdue_count: status.overdue_count,
            unconfirmed: posted.unpaid,
            unconfirmed_count: posted.items,
        };
        let months = self.open_by_month(today)?;
        Ok(overview(&plans, &limits, due, &months, today)?)
    }
}
