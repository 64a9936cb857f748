//! One plan's periods in memory and the rules that change them: applying payments, failed
//! debits, prepayments and payoffs, and what the periods add up to. No SQL: the store loads a
//! ledger, a change applies these rules, and the store saves what they changed.

use chrono::NaiveDate;

use super::allocation::{AllocationError, Dues, PeriodAllocation};
use super::money::Overflow;
use super::overdue::{PaidPart, is_overdue};
use super::payoff::{PayoffError, PayoffQuote, quote};
use super::penalties;
use super::period_state::PeriodState;
use super::prepay::{PrepayError, PrepayMode, PrepayQuote, quote_prepayment};
use super::schedule::Installment;
use super::status::{InstallmentStatus, PlanStatus};
use super::{Money, OverdueTerms, PlanTerms};

/// Why a ledger refused a change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum LedgerError {
    /// The plan is fully paid (or paid off): nothing is owed.
    #[error("the plan is already fully paid")]
    NothingDue,
    /// A period the change names is not among the plan's periods (or not in the state it
    /// needs): the stored periods do not match their plan.
    #[error("period {0} is not in the plan's ledger")]
    NoSuchPeriod(u32),
    /// A prepayment quote that reschedules no period.
    #[error("a reschedule without periods")]
    EmptyReschedule,
    #[error(transparent)]
    Allocation(#[from] AllocationError),
    #[error(transparent)]
    Payoff(#[from] PayoffError),
    #[error(transparent)]
    Prepay(#[from] PrepayError),
    #[error(transparent)]
    Overflow(#[from] Overflow),
}

/// A ledger rule's result.
pub(crate) type LedgerResult<T> = Result<T, LedgerError>;

/// One period of a plan: its scheduled parts, what has been paid, and its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LedgerPeriod {
    pub period: u32,
    pub due_on: NaiveDate,
    pub principal: Money,
    pub fee: Money,
    pub paid_principal: Money,
    pub paid_fee: Money,
    pub paid_penalty: Money,
    /// Never `Overdue`: that is derived from today when read.
    pub state: InstallmentStatus,
    pub settled_on: Option<NaiveDate>,
    /// The principal and fee paid, by date (from the allocations; not a column).
    pub paid_parts: Vec<PaidPart>,
    /// Changed since loaded, so to be written back.
    pub dirty: bool,
}

impl LedgerPeriod {
    fn period_state(&self) -> PeriodState {
        PeriodState {
            period: self.period,
            due_date: self.due_on,
            principal: self.principal,
            fee: self.fee,
            paid_principal: self.paid_principal,
            paid_fee: self.paid_fee,
            paid_penalty: self.paid_penalty,
            waived: self.state == InstallmentStatus::Waived,
            paid_parts: self.paid_parts.clone(),
        }
    }

    pub(crate) fn is_settled(&self) -> bool {
        matches!(
            self.state,
            InstallmentStatus::Paid | InstallmentStatus::Waived
        )
    }

    /// Principal and fee still owed.
    pub(crate) fn unpaid(&self) -> Result<Money, Overflow> {
        self.period_state().unpaid()
    }

    /// Nothing left to pay (or waived): principal and fee paid in full.
    fn nothing_unpaid(&self) -> bool {
        let state = self.period_state();
        state.unpaid_principal().is_zero() && state.unpaid_fee().is_zero()
    }

    /// The status shown on `today`: open periods more than the grace days late (with more
    /// than the tolerance unpaid) are overdue; within grace a period still reads as due. A
    /// failed debit stays marked so until it is paid.
    pub(crate) fn status_on(&self, today: NaiveDate, terms: &OverdueTerms) -> InstallmentStatus {
        let late = !self.is_settled()
            && self.state != InstallmentStatus::DebitFailed
            && self.unpaid().map_or(self.due_on < today, |unpaid| {
                is_overdue(unpaid, &self.paid_parts, self.due_on, today, terms)
                    .unwrap_or(self.due_on < today)
            });
        if late {
            InstallmentStatus::Overdue
        } else {
            self.state
        }
    }

    /// Whether the period counts as paid by auto-debit on `today` without a record of it (an
    /// automatic posting, unconfirmed): its plan posts auto-debits, its due date has come, it
    /// still owes money and no failed debit was recorded for it.
    pub(crate) fn is_posted(&self, today: NaiveDate, auto_posts: bool) -> bool {
        auto_posts
            && self.due_on <= today
            && !self.is_settled()
            && self.state != InstallmentStatus::DebitFailed
    }

    /// The period as its automatic posting assumes it: everything paid on its due date.
    pub(crate) fn as_posted(&self) -> LedgerPeriod {
        LedgerPeriod {
            paid_principal: self.principal,
            paid_fee: self.fee,
            state: InstallmentStatus::Paid,
            settled_on: Some(self.due_on),
            ..self.clone()
        }
    }

    /// Re-derives the stored state after money moved; a successful payment clears a failed debit.
    fn restate(&mut self, on: NaiveDate, paid_now: bool) {
        self.state = if self.state == InstallmentStatus::Waived {
            InstallmentStatus::Waived
        } else if self.nothing_unpaid() {
            InstallmentStatus::Paid
        } else if self.state == InstallmentStatus::DebitFailed && !paid_now {
            InstallmentStatus::DebitFailed
        } else if self.paid_principal.is_positive() || self.paid_fee.is_positive() {
            InstallmentStatus::PartlyPaid
        } else {
            InstallmentStatus::Pending
        };
        if self.is_settled() && self.settled_on.is_none() {
            self.settled_on = Some(on);
        }
        self.dirty = true;
    }
}

/// A period as shown on a day: its status and the penalty and late fees it still owes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Standing {
    /// See [`LedgerPeriod::status_on`]: overdue only past its grace days with more than the
    /// tolerance unpaid; within grace it reads as it is stored (due).
    pub status: InstallmentStatus,
    /// The daily penalty and late fees owed so far (accrued less paid), under the plan's rules.
    pub penalty: Money,
}

/// Each period's standing on `on` under `terms` (periods in order: the principal and balance
/// bases and the late-fee cap need every period of the plan).
pub(crate) fn standings(
    periods: &[LedgerPeriod],
    terms: &OverdueTerms,
    on: NaiveDate,
) -> Result<Vec<Standing>, Overflow> {
    let states: Vec<PeriodState> = periods.iter().map(LedgerPeriod::period_state).collect();
    let owed = penalties::due(&states, on, terms)?;
    Ok(periods
        .iter()
        .zip(owed)
        .map(|(period, penalty)| Standing {
            status: period.status_on(on, terms),
            penalty,
        })
        .collect())
}

/// What a plan's periods add up to (the store keeps it in the plan's row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LedgerSummary {
    pub paid_periods: u32,
    pub remaining: Money,
    pub remaining_principal: Money,
    pub next_period: Option<u32>,
    pub next_due_on: Option<NaiveDate>,
    pub next_amount: Option<Money>,
    pub next_debit_failed: bool,
    pub status: PlanStatus,
}

/// A plan's terms and periods, loaded (or freshly scheduled) for a change.
#[derive(Debug, Clone)]
pub(crate) struct Ledger {
    pub terms: PlanTerms,
    pub periods: Vec<LedgerPeriod>,
    pub paid_off_on: Option<NaiveDate>,
    /// The date of the plan's latest recorded repayment (failed debits included).
    pub latest_payment: Option<NaiveDate>,
    /// The periods left were rescheduled (a partial prepayment): their parts, their number and
    /// the plan's period count and total fee are written back too.
    pub rescheduled: bool,
}

impl Ledger {
    /// A ledger for a new plan: every period pending.
    pub(crate) fn from_schedule(terms: PlanTerms, schedule: &[Installment]) -> Ledger {
        let periods = schedule
            .iter()
            .map(|i| LedgerPeriod {
                period: i.period,
                due_on: i.due_date,
                principal: i.principal,
                fee: i.fee,
                paid_principal: Money::ZERO,
                paid_fee: Money::ZERO,
                paid_penalty: Money::ZERO,
                state: InstallmentStatus::Pending,
                settled_on: None,
                paid_parts: Vec::new(),
                dirty: true,
            })
            .collect();
        Ledger {
            terms,
            periods,
            paid_off_on: None,
            latest_payment: None,
            rescheduled: false,
        }
    }

    /// Each period's standing on `on` (see [`standings`]).
    pub(crate) fn standings_on(&self, on: NaiveDate) -> Result<Vec<Standing>, Overflow> {
        standings(&self.periods, &self.terms.overdue, on)
    }

    /// The oldest period still owing money.
    pub(crate) fn next_open(&self) -> Option<&LedgerPeriod> {
        self.periods.iter().find(|p| !p.is_settled())
    }

    /// The plan's periods as the domain's payment rules see them.
    pub(crate) fn dues(&self) -> Dues {
        Dues {
            overdue: self.terms.overdue,
            periods: self
                .periods
                .iter()
                .map(LedgerPeriod::period_state)
                .collect(),
            latest_payment: self.latest_payment,
            first: self
                .periods
                .iter()
                .filter(|p| p.state == InstallmentStatus::DebitFailed)
                .map(|p| p.period)
                .collect(),
        }
    }

    /// What is due next on `on`: the oldest open period's unpaid amount plus its penalty so far.
    pub(crate) fn due_next(&self, on: NaiveDate) -> LedgerResult<Money> {
        self.dues().due_next(on)?.ok_or(LedgerError::NothingDue)
    }

    /// Applies a payment of `amount` on `on` as [`Dues::allocate`] splits it: oldest first,
    /// penalty → fee → principal.
    pub(crate) fn apply_payment(
        &mut self,
        amount: Money,
        on: NaiveDate,
    ) -> LedgerResult<Vec<PeriodAllocation>> {
        if self.paid_off_on.is_some() || self.next_open().is_none() {
            return Err(LedgerError::NothingDue);
        }
        let allocations = self.dues().allocate(amount, on)?;
        self.add_all(allocations, on)
    }

    /// Adds each of `allocations` to its period, paid on `on`; returns them.
    fn add_all(
        &mut self,
        allocations: Vec<PeriodAllocation>,
        on: NaiveDate,
    ) -> LedgerResult<Vec<PeriodAllocation>> {
        for allocation in &allocations {
            self.add_to_period(allocation, on)?;
        }
        Ok(allocations)
    }

    /// Pays period `period` in full on `on` (on time: no penalty), without a general
    /// allocation; for bulk sample data. Periods must be paid in order.
    pub(crate) fn pay_period_in_full(
        &mut self,
        period: u32,
        on: NaiveDate,
    ) -> LedgerResult<PeriodAllocation> {
        let row = self
            .periods
            .get_mut(period as usize - 1)
            .filter(|p| p.period == period && p.state == InstallmentStatus::Pending)
            .ok_or(LedgerError::NoSuchPeriod(period))?;
        let allocation = PeriodAllocation {
            period,
            penalty: Money::ZERO,
            fee: row.fee,
            principal: row.principal,
        };
        row.paid_fee = row.fee;
        row.paid_principal = row.principal;
        row.paid_parts.push(PaidPart {
            on,
            amount: allocation.total()?,
        });
        row.state = InstallmentStatus::Paid;
        row.settled_on = Some(on);
        row.dirty = true;
        Ok(allocation)
    }

    fn add_to_period(&mut self, a: &PeriodAllocation, on: NaiveDate) -> LedgerResult<()> {
        let row = self
            .periods
            .iter_mut()
            .find(|p| p.period == a.period)
            .ok_or(LedgerError::NoSuchPeriod(a.period))?;
        row.paid_penalty = row.paid_penalty.try_add(a.penalty)?;
        row.paid_fee = row.paid_fee.try_add(a.fee)?;
        row.paid_principal = row.paid_principal.try_add(a.principal)?;
        let paid = a.fee.try_add(a.principal)?;
        if paid.is_positive() {
            row.paid_parts.push(PaidPart { on, amount: paid });
        }
        row.restate(on, true);
        Ok(())
    }

    /// Flags a period as a failed debit on `on`; returns its number. On a plan that posts
    /// auto-debits it is the latest period whose debit was due by `on` and not yet flagged
    /// (the debit that just failed), otherwise the oldest open period.
    pub(crate) fn flag_failed_debit(
        &mut self,
        on: NaiveDate,
        auto_posts: bool,
    ) -> LedgerResult<u32> {
        if self.paid_off_on.is_some() {
            return Err(LedgerError::NothingDue);
        }
        let latest_posted = if auto_posts {
            self.periods.iter().rposition(|p| p.is_posted(on, true))
        } else {
            None
        };
        let at = latest_posted
            .or_else(|| self.periods.iter().position(|p| !p.is_settled()))
            .ok_or(LedgerError::NothingDue)?;
        let row = &mut self.periods[at];
        row.state = InstallmentStatus::DebitFailed;
        row.dirty = true;
        Ok(row.period)
    }

    /// The periods posted on `today` (see [`LedgerPeriod::is_posted`]).
    pub(crate) fn posted(&self, today: NaiveDate, auto_posts: bool) -> Vec<&LedgerPeriod> {
        if self.paid_off_on.is_some() {
            return Vec::new();
        }
        self.periods
            .iter()
            .filter(|p| p.is_posted(today, auto_posts))
            .collect()
    }

    /// Confirms the automatic postings of the periods due by `through`: each is paid in full
    /// (what it still owed, no penalty) on its due date. Returns each period's allocation with
    /// its date, oldest first.
    pub(crate) fn confirm_postings(
        &mut self,
        through: NaiveDate,
    ) -> LedgerResult<Vec<(NaiveDate, PeriodAllocation)>> {
        let due: Vec<(u32, NaiveDate)> = self
            .posted(through, true)
            .iter()
            .map(|p| (p.period, p.due_on))
            .collect();
        let mut out = Vec::with_capacity(due.len());
        for (period, on) in due {
            let row = self
                .periods
                .iter()
                .find(|p| p.period == period)
                .ok_or(LedgerError::NoSuchPeriod(period))?;
            let state = row.period_state();
            let allocation = PeriodAllocation {
                period,
                penalty: Money::ZERO,
                fee: state.unpaid_fee(),
                principal: state.unpaid_principal(),
            };
            self.add_to_period(&allocation, on)?;
            out.push((on, allocation));
        }
        Ok(out)
    }

    /// Pays period `period` with a statement line of `amount` on `on` (the bank's record of the
    /// money moving): that period first — its penalty and late fees so far, then fee, then
    /// principal — and, should the line carry more, the other periods a payment on `on` may pay,
    /// oldest first. Not held to the date order of recorded repayments: the statement says when
    /// the money moved.
    pub(crate) fn apply_statement_payment(
        &mut self,
        period: u32,
        amount: Money,
        on: NaiveDate,
    ) -> LedgerResult<Vec<PeriodAllocation>> {
        if self.paid_off_on.is_some() {
            return Err(LedgerError::NothingDue);
        }
        let dues = self.dues();
        let mut open = dues.payable_on(on)?;
        if !open.iter().any(|p| p.period == period) {
            let target = dues
                .open_period_on(period, on)?
                .ok_or(LedgerError::NoSuchPeriod(period))?;
            open.push(target);
        }
        let allocations = super::allocation::allocate_first(amount, &open, &[period])?;
        self.add_all(allocations, on)
    }

    /// Confirms the automatic posting of `period` with a statement line of `amount` on `on`:
    /// the fee and principal the period still owed, and what the line carries beyond them as
    /// penalty (the posting counted it paid in full; the statement says when and how much).
    pub(crate) fn confirm_posting_on(
        &mut self,
        period: u32,
        amount: Money,
        on: NaiveDate,
    ) -> LedgerResult<PeriodAllocation> {
        let row = self
            .periods
            .iter()
            .find(|p| p.period == period && !p.is_settled())
            .ok_or(LedgerError::NoSuchPeriod(period))?;
        let state = row.period_state();
        let owed = state.unpaid()?;
        let allocation = PeriodAllocation {
            period,
            penalty: amount.try_sub(owed)?.max(Money::ZERO),
            fee: state.unpaid_fee(),
            principal: state.unpaid_principal(),
        };
        self.add_to_period(&allocation, on)?;
        Ok(allocation)
    }

    /// Flags `period` as a failed debit (a statement shows no debit for it); it must still owe
    /// money.
    pub(crate) fn flag_period_failed(&mut self, period: u32) -> LedgerResult<()> {
        let row = self
            .periods
            .iter_mut()
            .find(|p| p.period == period && !p.is_settled())
            .ok_or(LedgerError::NoSuchPeriod(period))?;
        row.state = InstallmentStatus::DebitFailed;
        row.dirty = true;
        Ok(())
    }

    /// The ledger as shown on `today`: its posted periods paid (a copy; nothing to save).
    pub(crate) fn as_shown(&self, today: NaiveDate, auto_posts: bool) -> Ledger {
        let mut shown = self.clone();
        if self.paid_off_on.is_none() {
            for p in shown.periods.iter_mut() {
                if p.is_posted(today, auto_posts) {
                    *p = p.as_posted();
                }
            }
        }
        shown
    }

    /// The periods as the domain sees them, for a quote; none once paid off.
    fn states_to_quote(&self) -> LedgerResult<Vec<PeriodState>> {
        if self.paid_off_on.is_some() {
            return Err(LedgerError::NothingDue);
        }
        Ok(self
            .periods
            .iter()
            .map(LedgerPeriod::period_state)
            .collect())
    }

    /// The payoff quote on `on` under the plan's policy.
    pub(crate) fn payoff_quote(&self, on: NaiveDate) -> LedgerResult<PayoffQuote> {
        Ok(quote(&self.terms, &self.states_to_quote()?, on)?)
    }

    /// The quote for prepaying `principal` on `on`, the periods left rescheduled by `mode`.
    pub(crate) fn prepay_quote(
        &self,
        on: NaiveDate,
        principal: Money,
        mode: PrepayMode,
    ) -> LedgerResult<PrepayQuote> {
        let states = self.states_to_quote()?;
        Ok(quote_prepayment(&self.terms, &states, on, principal, mode)?)
    }

    /// Applies a partial prepayment on `on` as `quote` says: the periods left take the
    /// rescheduled parts (shorten-term drops the last ones); the prepaid principal and the
    /// policy's charge (a penalty) are paid at once on the next period, whose principal takes the
    /// prepaid part, so every period's parts still add up to the plan's principal.
    pub(crate) fn apply_prepayment(
        &mut self,
        quote: &PrepayQuote,
        on: NaiveDate,
    ) -> LedgerResult<Vec<PeriodAllocation>> {
        let first = quote.schedule.first().ok_or(LedgerError::EmptyReschedule)?;
        let start = self
            .periods
            .iter()
            .position(|p| p.period == first.period)
            .ok_or(LedgerError::NoSuchPeriod(first.period))?;
        for (row, new) in self.periods[start..].iter_mut().zip(&quote.schedule) {
            row.principal = new.principal;
            row.fee = new.fee;
            row.dirty = true;
        }
        let next = &mut self.periods[start];
        next.principal = next.principal.try_add(quote.principal)?;
        self.periods.truncate(start + quote.schedule.len());
        self.rescheduled = true;
        let allocation = PeriodAllocation {
            period: first.period,
            penalty: quote.penalty,
            fee: Money::ZERO,
            principal: quote.principal,
        };
        self.add_to_period(&allocation, on)?;
        Ok(vec![allocation])
    }

    /// Settles the whole plan on `on` as `quote` says; returns how it was split over periods.
    /// Every open period gets its penalty so far and its principal; the quote's fee goes to the
    /// earliest unpaid fees and the policy's penalty to the settling (first open) period; fees
    /// left unpaid are waived.
    pub(crate) fn apply_payoff(
        &mut self,
        quote: &PayoffQuote,
        on: NaiveDate,
    ) -> LedgerResult<Vec<PeriodAllocation>> {
        let owed: Vec<Money> = self.standings_on(on)?.iter().map(|s| s.penalty).collect();
        let open: Vec<usize> = (0..self.periods.len())
            .filter(|&i| !self.periods[i].is_settled())
            .collect();
        let overdue_penalties = Money::try_sum(open.iter().map(|&i| owed[i]))?;
        let mut policy_fee = quote.fee;
        let mut policy_penalty = quote.penalty.saturating_sub(overdue_penalties);
        let settling = open.first().copied();
        let mut allocations = Vec::with_capacity(open.len());
        for &i in &open {
            let row = &self.periods[i];
            let state = row.period_state();
            let mut penalty = owed[i];
            let fee = policy_fee.min(state.unpaid_fee());
            policy_fee = policy_fee.saturating_sub(fee);
            if Some(i) == settling {
                penalty = penalty.try_add(policy_penalty)?;
                policy_penalty = Money::ZERO;
            }
            allocations.push(PeriodAllocation {
                period: row.period,
                penalty,
                fee,
                principal: state.unpaid_principal(),
            });
        }
        // A policy fee beyond the scheduled fees (interest to date) is charged on the settling period.
        if let Some(first) = allocations.first_mut().filter(|_| policy_fee.is_positive()) {
            first.penalty = first.penalty.try_add(policy_fee)?;
        }
        for allocation in &allocations {
            self.add_to_period(allocation, on)?;
        }
        for &i in &open {
            let row = &mut self.periods[i];
            if !row.nothing_unpaid() {
                row.state = InstallmentStatus::Waived;
                row.settled_on = Some(on);
                row.dirty = true;
            }
        }
        self.paid_off_on = Some(on);
        Ok(allocations)
    }

    /// The summary columns for the plans row.
    pub(crate) fn summary(&self) -> Result<LedgerSummary, Overflow> {
        let mut remaining = Money::ZERO;
        let mut remaining_principal = Money::ZERO;
        let mut paid_periods = 0u32;
        for p in &self.periods {
            if p.is_settled() {
                paid_periods += 1;
            } else {
                let state = p.period_state();
                remaining = remaining.try_add(state.unpaid()?)?;
                remaining_principal = remaining_principal.try_add(state.unpaid_principal())?;
            }
        }
        let next = if self.paid_off_on.is_some() {
            None
        } else {
            self.next_open()
        };
        let status = match (self.paid_off_on, next) {
            (Some(_), _) => PlanStatus::PaidOff,
            (None, None) => PlanStatus::Completed,
            (None, Some(_)) => PlanStatus::Active,
        };
        Ok(LedgerSummary {
            paid_periods,
            remaining,
            remaining_principal,
            next_period: next.map(|p| p.period),
            next_due_on: next.map(|p| p.due_on),
            next_amount: next.map(LedgerPeriod::unpaid).transpose()?,
            next_debit_failed: next.is_some_and(|p| p.state == InstallmentStatus::DebitFailed),
            status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::tests::terms;
    use crate::domain::terms::FeeModel;

    fn day(text: &str) -> NaiveDate {
        crate::domain::dates::parse_date(text).unwrap()
    }

    fn money(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    /// 900.00 over 3 months at a 0.6% monthly fee, written out by hand: 300.00 principal and
    /// 5.40 fee a period (900 × 0.006), due at the end of January, February and March.
    fn ledger() -> Ledger {
        let periods = [(1, "2025-01-31"), (2, "2025-02-28"), (3, "2025-03-31")];
        let schedule: Vec<Installment> = periods
            .iter()
            .map(|&(period, due)| Installment {
                period,
                due_date: day(due),
                amount: money("305.40"),
                principal: money("300.00"),
                fee: money("5.40"),
                remaining_principal: money("300.00")
                    .checked_mul_int(i64::from(3 - period))
                    .unwrap(),
            })
            .collect();
        Ledger::from_schedule(terms("900", 3, FeeModel::MonthlyFee, "0.6%"), &schedule)
    }

    #[test]
    fn a_payment_of_a_whole_period_settles_it_and_moves_the_summary_on() {
        let mut ledger = ledger();
        let allocations = ledger
            .apply_payment(money("305.40"), day("2025-01-20"))
            .unwrap();
        assert_eq!(
            allocations,
            vec![PeriodAllocation {
                period: 1,
                penalty: Money::ZERO,
                fee: money("5.40"),
                principal: money("300.00"),
            }]
        );
        assert_eq!(ledger.periods[0].state, InstallmentStatus::Paid);
        assert_eq!(ledger.periods[0].settled_on, Some(day("2025-01-20")));
        assert_eq!(
            ledger.summary().unwrap(),
            LedgerSummary {
                paid_periods: 1,
                remaining: money("610.80"),
                remaining_principal: money("600.00"),
                next_period: Some(2),
                next_due_on: Some(day("2025-02-28")),
                next_amount: Some(money("305.40")),
                next_debit_failed: false,
                status: PlanStatus::Active,
            }
        );
    }

    #[test]
    fn a_part_payment_goes_to_the_fee_first_then_the_principal() {
        let mut ledger = ledger();
        let allocations = ledger
            .apply_payment(money("100.00"), day("2025-01-20"))
            .unwrap();
        assert_eq!(allocations[0].fee, money("5.40"));
        assert_eq!(allocations[0].principal, money("94.60"));
        assert_eq!(ledger.periods[0].state, InstallmentStatus::PartlyPaid);
        assert_eq!(ledger.summary().unwrap().remaining, money("816.20"));
        assert_eq!(
            ledger.apply_payment(money("205.41"), day("2025-01-21")),
            Err(LedgerError::Allocation(AllocationError::Overpayment(
                money("205.40")
            )))
        );
    }

    #[test]
    fn a_failed_debit_flags_the_oldest_open_period_until_it_is_paid() {
        let mut ledger = ledger();
        ledger
            .apply_payment(money("305.40"), day("2025-01-31"))
            .unwrap();
        assert_eq!(ledger.flag_failed_debit(day("2025-02-28"), false), Ok(2));
        assert_eq!(ledger.periods[1].state, InstallmentStatus::DebitFailed);
        assert!(ledger.summary().unwrap().next_debit_failed);
        ledger
            .apply_payment(money("305.40"), day("2025-02-28"))
            .unwrap();
        assert_eq!(ledger.periods[1].state, InstallmentStatus::Paid);
        assert!(!ledger.summary().unwrap().next_debit_failed);
    }

    #[test]
    fn a_statement_line_pays_its_own_period_first() {
        let mut ledger = ledger();
        // Period 2's debit failed; period 1 (due 01-31) is still open in the ledger.
        ledger.flag_period_failed(2).unwrap();
        assert_eq!(ledger.periods[1].state, InstallmentStatus::DebitFailed);
        let paid = ledger
            .apply_statement_payment(2, money("305.40"), day("2025-02-28"))
            .unwrap();
        assert_eq!(
            paid,
            vec![PeriodAllocation {
                period: 2,
                penalty: Money::ZERO,
                fee: money("5.40"),
                principal: money("300.00"),
            }]
        );
        assert_eq!(ledger.periods[1].state, InstallmentStatus::Paid);
        assert_eq!(ledger.periods[0].state, InstallmentStatus::Pending);
        // Period 3 (due 03-31) is not among what a payment on 02-25 may pay: it is added.
        let paid = ledger
            .apply_statement_payment(3, money("305.40"), day("2025-02-25"))
            .unwrap();
        assert_eq!(paid[0].period, 3);
        assert_eq!(ledger.periods[2].settled_on, Some(day("2025-02-25")));
        assert_eq!(
            ledger.flag_period_failed(3),
            Err(LedgerError::NoSuchPeriod(3))
        );
    }

    #[test]
    fn a_confirmed_posting_pays_what_was_owed_and_the_rest_as_penalty() {
        let mut ledger = ledger();
        let paid = ledger
            .confirm_posting_on(1, money("306.40"), day("2025-02-03"))
            .unwrap();
        assert_eq!(
            paid,
            PeriodAllocation {
                period: 1,
                penalty: money("1.00"),
                fee: money("5.40"),
                principal: money("300.00"),
            }
        );
        assert_eq!(ledger.periods[0].paid_penalty, money("1.00"));
        assert_eq!(ledger.periods[0].state, InstallmentStatus::Paid);
        assert_eq!(
            ledger.confirm_posting_on(1, money("305.40"), day("2025-02-03")),
            Err(LedgerError::NoSuchPeriod(1))
        );
    }

    #[test]
    fn a_paid_off_plan_owes_nothing_and_refuses_every_change() {
        let mut ledger = ledger();
        ledger.paid_off_on = Some(day("2025-01-10"));
        let on = day("2025-01-20");
        assert_eq!(
            ledger.apply_payment(money("1.00"), on),
            Err(LedgerError::NothingDue)
        );
        assert_eq!(
            ledger.flag_failed_debit(on, false),
            Err(LedgerError::NothingDue)
        );
        assert_eq!(ledger.payoff_quote(on), Err(LedgerError::NothingDue));
        assert_eq!(ledger.summary().unwrap().status, PlanStatus::PaidOff);
    }

    #[test]
    fn paying_a_period_in_full_needs_it_pending_and_in_the_ledger() {
        let mut ledger = ledger();
        let on = day("2025-01-31");
        assert_eq!(
            ledger.pay_period_in_full(1, on).unwrap().total(),
            Ok(money("305.40"))
        );
        assert_eq!(
            ledger.pay_period_in_full(1, on),
            Err(LedgerError::NoSuchPeriod(1))
        );
        assert_eq!(
            ledger.pay_period_in_full(4, on),
            Err(LedgerError::NoSuchPeriod(4))
        );
    }
}
