//! The states of a period and of a plan.

use super::code_enum::code_enum;

code_enum!(
    /// A period's state as shown: `overdue` is derived from today, the rest are stored.
    InstallmentStatus {
        Pending => "pending",
        Paid => "paid",
        PartlyPaid => "partly-paid",
        DebitFailed => "debit-failed",
        Overdue => "overdue",
        Waived => "waived",
    }
);

code_enum!(
    /// A plan's state as shown: `overdue` and `debit-failed` are derived from its next period.
    PlanStatus {
        Active => "active",
        Overdue => "overdue",
        DebitFailed => "debit-failed",
        Completed => "completed",
        PaidOff => "paid-off",
    }
);

impl InstallmentStatus {}

impl PlanStatus {
    /// Completed or paid off.
    pub(crate) fn is_finished(self) -> bool {
        matches!(self, PlanStatus::Completed | PlanStatus::PaidOff)
    }
}
