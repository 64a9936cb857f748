//! Allocation of a payment across open periods: oldest first; penalty and late fees, then fee or
//! interest, then principal;
//! never more than is due by the payment's date and the next period, never dated before the
//! plan's latest repayment.

use chrono::NaiveDate;
use serde::Serialize;

use super::money::{Money, Overflow};
use super::penalties;
use super::period_state::PeriodState;
use super::terms::OverdueTerms;

/// What a period still owes, by part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenPeriod {
    pub period: u32,
    pub penalty_due: Money,
    pub fee_due: Money,
    pub principal_due: Money,
}

impl OpenPeriod {
    /// Everything the period still owes.
    pub fn total_due(&self) -> Result<Money, Overflow> {
        Money::try_sum([self.penalty_due, self.fee_due, self.principal_due])
    }
}

/// The part of a payment that went to one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PeriodAllocation {
    pub period: u32,
    pub penalty: Money,
    pub fee: Money,
    pub principal: Money,
}

impl PeriodAllocation {
    /// Penalty, fee and principal together.
    pub fn total(&self) -> Result<Money, Overflow> {
        Money::try_sum([self.penalty, self.fee, self.principal])
    }
}

/// Why a payment cannot be allocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AllocationError {
    #[error("the amount must be more than zero")]
    NotPositive,
    /// More than the periods offered owe: at most this much can be paid now.
    #[error("more than can be paid now (at most {0})")]
    Overpayment(Money),
    /// A repayment dated this day, after the payment's date, is already recorded.
    #[error("a repayment dated {0} is already recorded; repayments are recorded in date order")]
    BeforeLatestPayment(NaiveDate),
    /// The repayment is dated after this day, today: only what was paid can be recorded.
    #[error("the date is after today ({0}); only repayments already made can be recorded")]
    AfterToday(NaiveDate),
    /// What is owed is beyond what fenqi can compute exactly.
    #[error(transparent)]
    Overflow(#[from] Overflow),
}

/// Refuses a repayment dated after `today`: a future one would stand as the plan's latest and
/// block every real repayment before it.
pub(crate) fn check_not_after_today(
    on: NaiveDate,
    today: NaiveDate,
) -> Result<(), AllocationError> {
    if on > today {
        Err(AllocationError::AfterToday(today))
    } else {
        Ok(())
    }
}

/// Refuses a repayment dated before the plan's `latest` recorded one: repayments are applied in
/// date order, so an earlier one would be split (and its penalty counted) as if it came later.
pub(crate) fn check_date_order(
    latest: Option<NaiveDate>,
    on: NaiveDate,
) -> Result<(), AllocationError> {
    match latest {
        Some(latest) if on < latest => Err(AllocationError::BeforeLatestPayment(latest)),
        _ => Ok(()),
    }
}

/// A plan's periods, overdue terms and latest recorded repayment: enough to say what a payment
/// on any date may pay and how it is split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dues {
    pub overdue: OverdueTerms,
    /// Every period, in order.
    pub periods: Vec<PeriodState>,
    /// The date of the latest repayment recorded on the plan (failed debits included).
    pub latest_payment: Option<NaiveDate>,
    /// Periods a payment goes to before the others (failed debits: on a plan whose earlier
    /// periods count as paid by auto-debit, money paid by hand is for the debit that failed).
    pub first: Vec<u32>,
}

impl Dues {
    /// The open periods with what each still owes on `on`, penalty and late fees included.
    fn open_on(&self, on: NaiveDate) -> Result<impl Iterator<Item = OpenPeriod> + '_, Overflow> {
        let penalties = penalties::due(&self.periods, on, &self.overdue)?;
        Ok(self
            .periods
            .iter()
            .zip(penalties)
            .filter(|(p, _)| !p.is_settled())
            .map(|(p, penalty_due)| OpenPeriod {
                period: p.period,
                penalty_due,
                fee_due: p.unpaid_fee(),
                principal_due: p.unpaid_principal(),
            }))
    }

    /// What a payment on `on` may pay, oldest first: every open period due on or before `on`,
    /// with its penalty and late fees so far, and the next one due after `on`, in full. Later
    /// periods are not due yet: paying them ahead is an early payoff.
    pub(crate) fn payable_on(&self, on: NaiveDate) -> Result<Vec<OpenPeriod>, Overflow> {
        let due_dates: Vec<NaiveDate> = self
            .periods
            .iter()
            .filter(|p| !p.is_settled())
            .map(|p| p.due_date)
            .collect();
        let mut payable = Vec::new();
        for (open, due_date) in self.open_on(on)?.zip(due_dates) {
            payable.push(open);
            if due_date > on {
                break;
            }
        }
        Ok(payable)
    }

    /// What open period `period` still owes on `on`, penalty and late fees included; `None`
    /// when it is settled or not the plan's.
    pub(crate) fn open_period_on(
        &self,
        period: u32,
        on: NaiveDate,
    ) -> Result<Option<OpenPeriod>, Overflow> {
        Ok(self.open_on(on)?.find(|p| p.period == period))
    }

    /// What is due next on `on`: the oldest open period's unpaid amount and penalty so far;
    /// `None` when nothing is owed.
    pub(crate) fn due_next(&self, on: NaiveDate) -> Result<Option<Money>, Overflow> {
        let mut open: Vec<OpenPeriod> = self.open_on(on)?.collect();
        open.sort_by_key(|p| (!self.first.contains(&p.period), p.period));
        open.first().map(OpenPeriod::total_due).transpose()
    }

    /// Splits a payment of `amount` on `on` over what it may pay (see [`Dues::payable_on`]);
    /// refuses a date before the latest recorded repayment and more than may be paid.
    pub(crate) fn allocate(
        &self,
        amount: Money,
        on: NaiveDate,
    ) -> Result<Vec<PeriodAllocation>, AllocationError> {
        check_date_order(self.latest_payment, on)?;
        allocate_first(amount, &self.payable_on(on)?, &self.first)
    }
}

/// Splits `amount` over `open` (oldest first): each period's penalty and late fees, then fee or
/// interest, then principal, before the next period. Refuses more than `open` owes in total.
pub fn allocate(
    amount: Money,
    open: &[OpenPeriod],
) -> Result<Vec<PeriodAllocation>, AllocationError> {
    allocate_first(amount, open, &[])
}

/// [`allocate`], the periods in `first` paid before the others.
pub(crate) fn allocate_first(
    amount: Money,
    open: &[OpenPeriod],
    first: &[u32],
) -> Result<Vec<PeriodAllocation>, AllocationError> {
    if !amount.is_positive() {
        return Err(AllocationError::NotPositive);
    }
    let owed = Money::try_sum_results(open.iter().map(OpenPeriod::total_due))?;
    if amount > owed {
        return Err(AllocationError::Overpayment(owed));
    }
    let mut left = amount;
    let mut result = Vec::new();
    let mut periods: Vec<&OpenPeriod> = open.iter().collect();
    periods.sort_by_key(|p| (!first.contains(&p.period), p.period));
    for open_period in periods {
        if left.is_zero() {
            break;
        }
        let mut take = |due: Money| {
            let part = due.min(left);
            left = left.saturating_sub(part);
            part
        };
        let allocation = PeriodAllocation {
            period: open_period.period,
            penalty: take(open_period.penalty_due),
            fee: take(open_period.fee_due),
            principal: take(open_period.principal_due),
        };
        if !allocation.total()?.is_zero() {
            result.push(allocation);
        }
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(period: u32, penalty: i64, fee: i64, principal: i64) -> OpenPeriod {
        OpenPeriod {
            period,
            penalty_due: Money::from_cents(penalty),
            fee_due: Money::from_cents(fee),
            principal_due: Money::from_cents(principal),
        }
    }

    #[test]
    fn oldest_first_penalty_fee_principal() {
        let periods = [open(2, 0, 3600, 50_000), open(1, 250, 3600, 50_000)];
        let result = allocate(Money::from_cents(60_000), &periods).unwrap();
        assert_eq!(result.len(), 2);
        assert_eq!(result[0].period, 1);
        assert_eq!(result[0].penalty.cents(), 250);
        assert_eq!(result[0].fee.cents(), 3600);
        assert_eq!(result[0].principal.cents(), 50_000);
        assert_eq!(result[1].period, 2);
        assert_eq!(result[1].fee.cents(), 3600);
        assert_eq!(
            result[1].principal.cents(),
            60_000 - 250 - 3600 - 50_000 - 3600
        );
    }

    #[test]
    fn refuses_overpayment_and_zero() {
        let periods = [open(1, 0, 3600, 50_000)];
        assert_eq!(
            allocate(Money::from_cents(53_601), &periods),
            Err(AllocationError::Overpayment(Money::from_cents(53_600)))
        );
        assert_eq!(
            allocate(Money::ZERO, &periods),
            Err(AllocationError::NotPositive)
        );
    }

    /// The worked example (536.00 a period, due 01-31, 02-28, 03-31, …), nothing paid.
    fn unpaid_worked_example() -> Dues {
        use crate::domain::payoff::tests::states_after;
        use crate::domain::schedule::tests::terms;
        use crate::domain::terms::FeeModel;
        let terms = terms("6000", 12, FeeModel::MonthlyFee, "0.6%");
        let periods = states_after(&terms, 0);
        Dues {
            overdue: terms.overdue,
            periods,
            latest_payment: None,
            first: Vec::new(),
        }
    }

    fn day(text: &str) -> NaiveDate {
        crate::domain::dates::parse_date(text).unwrap()
    }

    #[test]
    fn a_payment_may_pay_what_is_due_by_its_date_and_the_next_period() {
        let dues = unpaid_worked_example();
        let most = |on: &str| {
            let payable = dues.payable_on(day(on)).unwrap();
            Money::try_sum_results(payable.iter().map(OpenPeriod::total_due)).unwrap()
        };
        // Before the first due date: period 1 only.
        assert_eq!(most("2025-01-20").to_string(), "536.00");
        // On a due date that period is due, and the next one may be paid too.
        assert_eq!(most("2025-01-31").to_string(), "1072.00");
        // 03-05: period 1 33 days late (536 × 0.05% × 33 = 8.844 → 8.84), period 2 5 days
        // late (1.34), period 3 in full: 3 × 536.00 + 8.84 + 1.34.
        assert_eq!(most("2025-03-05").to_string(), "1618.18");
        assert_eq!(
            dues.allocate(Money::from_cents(161_819), day("2025-03-05")),
            Err(AllocationError::Overpayment(Money::from_cents(161_818)))
        );
        let paid = dues
            .allocate(Money::from_cents(161_818), day("2025-03-05"))
            .unwrap();
        assert_eq!(paid.iter().map(|a| a.period).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(paid[2].total().unwrap().to_string(), "536.00");
    }

    #[test]
    fn repayments_are_recorded_in_date_order() {
        let latest = day("2025-03-05");
        assert_eq!(check_date_order(None, day("2025-01-01")), Ok(()));
        assert_eq!(check_date_order(Some(latest), latest), Ok(()));
        assert_eq!(check_date_order(Some(latest), day("2025-03-06")), Ok(()));
        assert_eq!(
            check_date_order(Some(latest), day("2025-03-04")),
            Err(AllocationError::BeforeLatestPayment(latest))
        );
        let mut dues = unpaid_worked_example();
        dues.latest_payment = Some(latest);
        assert_eq!(
            dues.allocate(Money::from_cents(100), day("2025-03-04")),
            Err(AllocationError::BeforeLatestPayment(latest))
        );
        assert!(dues.allocate(Money::from_cents(100), latest).is_ok());
    }
}
