//! A period's scheduled parts and what has been paid of them: what payoff, prepayment,
//! penalties and allocation all read.

use chrono::NaiveDate;

use super::money::{Money, Overflow};
use super::overdue::PaidPart;

/// A period's scheduled parts and what has been paid of them so far (and when).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodState {
    pub period: u32,
    pub due_date: NaiveDate,
    pub principal: Money,
    pub fee: Money,
    pub paid_principal: Money,
    pub paid_fee: Money,
    pub paid_penalty: Money,
    pub waived: bool,
    /// The principal and fee paid, by date (what the penalty accrues on depends on it).
    pub paid_parts: Vec<PaidPart>,
}

impl PeriodState {
    pub(crate) fn unpaid_principal(&self) -> Money {
        if self.waived {
            return Money::ZERO;
        }
        self.principal.saturating_sub(self.paid_principal)
    }

    pub(crate) fn unpaid_fee(&self) -> Money {
        if self.waived {
            return Money::ZERO;
        }
        self.fee.saturating_sub(self.paid_fee)
    }

    /// Principal and fee still owed (penalty aside).
    pub fn unpaid(&self) -> Result<Money, Overflow> {
        self.unpaid_principal().try_add(self.unpaid_fee())
    }

    pub(crate) fn is_settled(&self) -> bool {
        self.waived || (self.unpaid_principal().is_zero() && self.unpaid_fee().is_zero())
    }
}
