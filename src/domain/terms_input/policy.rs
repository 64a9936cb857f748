//! The overdue and early-payoff fields of terms input (grace, daily penalty, its start, base
//! and minimum, late fees and their caps, the tolerance, the payoff policy), applied over terms
//! that are already whole.

use super::{FieldError, InputError, TermField, TermsText, keep, parse_count, parse_rate};
use crate::domain::bounds::{self, BoundError};
use crate::domain::money::Money;
use crate::domain::terms::{
    LateFeeCap, LateFeeExtra, PayoffPolicy, PenaltyBase, PenaltyFrom, PlanTerms,
};

/// Separates the caps in the text of [`TermField::LateFeeCap`] (the flag is repeatable; a
/// form field holds them all): `68; 25%`. A full-width `；` and a line break do too.
pub(crate) const CAP_SEPARATOR: char = ';';

/// An amount that may be zero (`--late-fee 0` charges none).
pub(crate) fn parse_charge(text: &str) -> Result<Money, InputError> {
    Money::parse(text).map_err(InputError::Money)
}

/// A charge within its bound, refused as `error` above it.
fn parse_bounded(text: &str, error: BoundError) -> Result<Money, InputError> {
    let amount = parse_charge(text)?;
    bounds::check_charge(amount, error).map_err(InputError::Bound)?;
    Ok(amount)
}

/// An early-payoff policy by its contract name (`waive-remaining-fees`, `penalty:3%`, …).
pub(crate) fn parse_payoff_policy(text: &str) -> Result<PayoffPolicy, InputError> {
    PayoffPolicy::parse(text).ok_or(InputError::PayoffPolicyValues)
}

/// `--late-fee-extra Y:D`; empty text: none.
pub(crate) fn parse_late_fee_extra(text: &str) -> Result<Option<LateFeeExtra>, InputError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let extra = LateFeeExtra::parse(text).ok_or(InputError::LateFeeExtraValues)?;
    bounds::check_charge(extra.amount, BoundError::LateFee).map_err(InputError::Bound)?;
    Ok(Some(extra))
}

/// The caps of `--late-fee-cap` (see [`CAP_SEPARATOR`]); empty text: none.
pub(crate) fn parse_late_fee_caps(text: &str) -> Result<Vec<LateFeeCap>, InputError> {
    text.split([CAP_SEPARATOR, '；', '\n'])
        .map(str::trim)
        .filter(|cap| !cap.is_empty())
        .map(|cap| LateFeeCap::parse(cap).ok_or(InputError::LateFeeCapValues))
        .collect()
}

/// Applies the overdue and payoff fields of `text` over `terms`; on any error `terms` is
/// unchanged and every bad field is named, in field order.
pub(super) fn apply(text: &TermsText, terms: &mut PlanTerms) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut next = terms.clone();
    let overdue = &mut next.overdue;
    let field = |field: TermField| text.get(field).map(|typed| (field, typed));
    if let Some((f, typed)) = field(TermField::GraceDays)
        && let Some(days) = keep(&mut errors, f, parse_count(typed, 0..=365))
    {
        overdue.grace_days = days;
    }
    if let Some((f, typed)) = field(TermField::PenaltyDaily) {
        let rate = parse_rate(typed).and_then(|rate| {
            bounds::check_penalty_daily(rate).map_err(InputError::Bound)?;
            Ok(rate)
        });
        if let Some(rate) = keep(&mut errors, f, rate) {
            overdue.penalty_daily = rate;
        }
    }
    if let Some((f, typed)) = field(TermField::PenaltyFrom) {
        let from = PenaltyFrom::from_code(typed.trim()).ok_or(InputError::PenaltyFromValues);
        if let Some(from) = keep(&mut errors, f, from) {
            overdue.from = from;
        }
    }
    if let Some((f, typed)) = field(TermField::PenaltyBase) {
        let base = PenaltyBase::from_code(typed.trim()).ok_or(InputError::PenaltyBaseValues);
        if let Some(base) = keep(&mut errors, f, base) {
            overdue.base = base;
        }
    }
    if let Some((f, typed)) = field(TermField::PenaltyMin) {
        let least = parse_charge(typed).and_then(|least| {
            bounds::check_penalty_min(least).map_err(InputError::Bound)?;
            Ok(least)
        });
        if let Some(least) = keep(&mut errors, f, least) {
            overdue.penalty_min = least;
        }
    }
    if let Some((f, typed)) = field(TermField::LateFee)
        && let Some(fee) = keep(&mut errors, f, parse_bounded(typed, BoundError::LateFee))
    {
        overdue.late_fees.fee = fee;
    }
    if let Some((f, typed)) = field(TermField::LateFeeExtra)
        && let Some(extra) = keep(&mut errors, f, parse_late_fee_extra(typed))
    {
        overdue.late_fees.extra = extra;
    }
    if let Some((f, typed)) = field(TermField::LateFeeCap)
        && let Some(caps) = keep(&mut errors, f, parse_late_fee_caps(typed))
    {
        overdue.late_fees.cap_amount = None;
        overdue.late_fees.cap_percent = None;
        for cap in caps {
            overdue.late_fees.add_cap(cap);
        }
    }
    if let Some((f, typed)) = field(TermField::Tolerance)
        && let Some(tolerance) = keep(&mut errors, f, parse_bounded(typed, BoundError::Tolerance))
    {
        overdue.tolerance = tolerance;
    }
    if let Some((f, typed)) = field(TermField::PayoffPolicy)
        && let Some(policy) = keep(&mut errors, f, parse_payoff_policy(typed))
    {
        next.payoff = policy;
    }
    if errors.is_empty() {
        *terms = next;
        Ok(())
    } else {
        Err(errors)
    }
}
