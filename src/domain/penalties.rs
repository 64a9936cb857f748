//! A plan's penalties on a date: each period's daily penalty and late fees under the plan's
//! overdue rules — the penalty base, the daily minimum, the late fees and their cap, the
//! tolerance — and what is still owed of them.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::money::{Money, Overflow};
use super::overdue::{charged_after, day_charge, is_overdue, late_fee_events, penalty, unpaid_at};
use super::period_state::PeriodState;
use super::terms::{OverdueTerms, PenaltyBase};

/// The penalty a period has accrued, by part (what has been paid of it not subtracted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PeriodPenalty {
    /// The daily penalty (罚息 / 违约金 by the day).
    pub daily: Money,
    /// Late fees (`--late-fee`, `--late-fee-extra`), within the plan's cap.
    pub late_fees: Money,
}

impl PeriodPenalty {
    /// The daily penalty and late fees together (`penalty` in JSON).
    pub fn total(&self) -> Result<Money, Overflow> {
        self.daily.try_add(self.late_fees)
    }
}

/// Every period's penalty accrued by `on`, in the order of `periods`; nothing on a settled
/// period (its penalty was paid when it was settled) or one that is not overdue on `on`.
///
/// On the installment base each period is charged on its own unpaid amount. On the principal
/// and balance bases the plan is charged once a day, from the first late period's due date
/// (or end of grace), on all its outstanding principal or its whole unpaid principal and fees;
/// each day's charge goes to the oldest period late that day, so what a period has paid of it
/// never changes. Late fees are capped for the whole plan in the order they were charged
/// (earlier ones first, part of a fee when the cap is reached, as Afterpay does).
pub fn accrued(
    periods: &[PeriodState],
    on: NaiveDate,
    terms: &OverdueTerms,
) -> Result<Vec<PeriodPenalty>, Overflow> {
    let overdue: Vec<bool> = periods
        .iter()
        .map(|p| period_is_overdue(p, on, terms))
        .collect::<Result<_, _>>()?;
    let daily = match terms.base {
        PenaltyBase::Installment => periods
            .iter()
            .zip(&overdue)
            .map(|(p, &late)| {
                if late {
                    penalty(p.unpaid()?, &p.paid_parts, p.due_date, on, terms)
                } else {
                    Ok(Money::ZERO)
                }
            })
            .collect::<Result<Vec<_>, _>>()?,
        base => plan_daily(periods, on, terms, base)?,
    };
    let late_fees = capped_late_fees(periods, on, terms)?;
    Ok(overdue
        .iter()
        .zip(daily.into_iter().zip(late_fees))
        .map(|(&late, (daily, late_fees))| {
            if late {
                PeriodPenalty { daily, late_fees }
            } else {
                PeriodPenalty::default()
            }
        })
        .collect())
}

/// What each period still owes of its penalty on `on`: accrued less paid, never below zero.
pub fn due(
    periods: &[PeriodState],
    on: NaiveDate,
    terms: &OverdueTerms,
) -> Result<Vec<Money>, Overflow> {
    accrued(periods, on, terms)?
        .iter()
        .zip(periods)
        .map(|(accrued, p)| Ok(accrued.total()?.saturating_sub(p.paid_penalty)))
        .collect()
}

/// An open period overdue on `on` (see [`is_overdue`]).
pub(crate) fn period_is_overdue(
    period: &PeriodState,
    on: NaiveDate,
    terms: &OverdueTerms,
) -> Result<bool, Overflow> {
    if period.is_settled() {
        return Ok(false);
    }
    is_overdue(
        period.unpaid()?,
        &period.paid_parts,
        period.due_date,
        on,
        terms,
    )
}

/// Each period's late fees by `on`, the plan's cap applied to all of them (settled periods
/// included, as they used part of it) in the order they were charged.
fn capped_late_fees(
    periods: &[PeriodState],
    on: NaiveDate,
    terms: &OverdueTerms,
) -> Result<Vec<Money>, Overflow> {
    let mut fees = vec![Money::ZERO; periods.len()];
    if terms.late_fees.is_none() {
        return Ok(fees);
    }
    let mut events = Vec::new();
    for (index, p) in periods.iter().enumerate() {
        for (day, amount) in late_fee_events(p.unpaid()?, &p.paid_parts, p.due_date, on, terms)? {
            events.push((day, index, amount));
        }
    }
    events.sort_by_key(|&(day, index, _)| (day, index));
    let principal = Money::try_sum(periods.iter().map(|p| p.principal))?;
    let mut room = terms.late_fees.cap(principal);
    for (_, index, amount) in events {
        let charged = match room {
            Some(left) => {
                let charged = amount.min(left);
                room = Some(left.saturating_sub(charged));
                charged
            }
            None => amount,
        };
        fees[index] = fees[index].try_add(charged)?;
    }
    Ok(fees)
}

/// The daily penalty on the principal or balance base, per period (see [`accrued`]).
fn plan_daily(
    periods: &[PeriodState],
    on: NaiveDate,
    terms: &OverdueTerms,
    base: PenaltyBase,
) -> Result<Vec<Money>, Overflow> {
    let mut sums = vec![Decimal::ZERO; periods.len()];
    let unpaid: Vec<Money> = periods
        .iter()
        .map(PeriodState::unpaid)
        .collect::<Result<_, _>>()?;
    // A period that was (or is) more than the grace days late with more than the tolerance
    // unpaid; charged from `charged_after` while more than the tolerance is unpaid.
    let mut late_from: Vec<Option<NaiveDate>> = Vec::with_capacity(periods.len());
    for (p, &owed) in periods.iter().zip(&unpaid) {
        let overdue_from = p
            .due_date
            .checked_add_days(chrono::Days::new(u64::from(terms.grace_days) + 1));
        let late = match overdue_from {
            Some(day) if day <= on => unpaid_at(owed, &p.paid_parts, day)? > terms.tolerance,
            _ => false,
        };
        late_from.push(late.then(|| charged_after(p.due_date, terms)));
    }
    let Some(first) = late_from.iter().flatten().min().copied() else {
        return Ok(vec![Money::ZERO; periods.len()]);
    };
    // The days on which anything changes: lateness starts, parts paid, and `on`.
    let mut breaks: Vec<NaiveDate> = late_from
        .iter()
        .flatten()
        .copied()
        .chain(
            periods
                .iter()
                .flat_map(|p| p.paid_parts.iter().map(|part| part.on)),
        )
        .filter(|&day| day > first && day < on)
        .chain(std::iter::once(on))
        .collect();
    breaks.sort_unstable();
    breaks.dedup();
    let mut cursor = first;
    for end in breaks {
        if end <= cursor {
            continue;
        }
        // Every day in (cursor, end] looks like `end`.
        let mut oldest = None;
        let mut amount = Money::ZERO;
        for (index, p) in periods.iter().enumerate() {
            let owed = unpaid_at(unpaid[index], &p.paid_parts, end)?;
            if oldest.is_none()
                && late_from[index].is_some_and(|from| end > from)
                && owed > terms.tolerance
            {
                oldest = Some(index);
            }
            // Fees are paid before principal: the principal owed is what is owed up to the
            // period's whole principal.
            let part = match base {
                PenaltyBase::Principal => owed.min(p.principal),
                _ => owed,
            };
            amount = amount.try_add(part)?;
        }
        if let Some(index) = oldest {
            let days = Decimal::from((end - cursor).num_days());
            // The tolerance is a period's, not the plan's: the charge itself has no floor but
            // the daily minimum.
            let charge = day_charge(
                amount,
                &OverdueTerms {
                    tolerance: Money::ZERO,
                    ..*terms
                },
            )
            .and_then(|c| c.checked_mul(days))
            .ok_or(Overflow)?;
            sums[index] = sums[index].checked_add(charge).ok_or(Overflow)?;
        }
        cursor = end;
    }
    sums.into_iter()
        .map(|sum| Money::checked_round_half_up(sum).ok_or(Overflow))
        .collect()
}
