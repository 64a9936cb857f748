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

impl InstallmentStatus {
    /// Still owes money (pending, partly paid, failed debit, overdue).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            InstallmentStatus::Pending
                | InstallmentStatus::PartlyPaid
                | InstallmentStatus::DebitFailed
                | InstallmentStatus::Overdue
        )
    }
}

impl PlanStatus {
    /// Completed or paid off.
    pub fn is_finished(self) -> bool {
        matches!(self, PlanStatus::Completed | PlanStatus::PaidOff)
    }
}
