//! The calendar fields of terms input (`--start`, `--every` and one due-date rule: `--first-due`,
//! `--due-day`, or `--statement-day` with `--due-after`) into date terms and period 1's due date.

use chrono::NaiveDate;

use super::{FieldError, InputError, TermField, TermsText, keep, parse_count, parse_day};
use crate::domain::dates::{DateRuleError, DateTerms, DueRule, MAX_DUE_AFTER_DAYS, Period};
use crate::domain::terms::PlanTerms;

/// A period length (`month`, `2w`, `1w`, `Nd`).
pub(crate) fn parse_every(text: &str) -> Result<Period, InputError> {
    Period::parse(text).ok_or(InputError::EveryValues)
}

/// The field that sets the due-date rule of `dates` (`--start` when none was given).
pub(crate) fn rule_field(dates: &DateTerms) -> TermField {
    match dates.due {
        DueRule::FirstDue => TermField::FirstDue,
        DueRule::DueDay(_) => TermField::DueDay,
        DueRule::StatementDay { .. } => TermField::StatementDay,
        DueRule::AfterStart => TermField::Start,
    }
}

/// The field a date-rule error of `dates` is about.
pub(crate) fn date_field(error: &DateRuleError, dates: &DateTerms) -> TermField {
    match error {
        DateRuleError::NeedsStart => TermField::Start,
        DateRuleError::NeedsMonths | DateRuleError::OutOfCalendar => rule_field(dates),
        DateRuleError::DueDay => TermField::DueDay,
        DateRuleError::StatementDay => TermField::StatementDay,
        DateRuleError::DueAfter => TermField::DueAfter,
        DateRuleError::PeriodDays => TermField::Every,
        DateRuleError::DueBeforeStart | DateRuleError::FirstDueMismatch => TermField::FirstDue,
    }
}

/// The date terms and period 1's due date the calendar fields give over `base`'s (a stored
/// plan's), or for a new plan: no rule typed means one period after the start date, and the
/// start date is today unless typed (a plan dated by `--first-due` alone has none, so that an
/// old plan can be entered). A rule typed replaces the stored one; `--due-after` alone changes a
/// stored statement-day rule. Errors go to `errors` in field order.
pub(super) fn date_terms(
    text: &TermsText,
    base: Option<&PlanTerms>,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<(DateTerms, NaiveDate)> {
    let start = match text.get(TermField::Start) {
        // Empty: none (a new plan then starts today unless dated by its first due date).
        Some(typed) if typed.trim().is_empty() => Some(None),
        Some(typed) => keep(errors, TermField::Start, parse_day(typed)).map(Some),
        None => Some(base.and_then(|b| b.dates.start)),
    };
    let first_due = text
        .get(TermField::FirstDue)
        .map(|typed| keep(errors, TermField::FirstDue, parse_day(typed)));
    let day = |field: TermField, errors: &mut Vec<FieldError>| {
        text.get(field)
            .map(|typed| keep(errors, field, parse_count(typed, 1..=31)))
    };
    let due_day = day(TermField::DueDay, errors);
    let statement_day = day(TermField::StatementDay, errors);
    let due_after = text.get(TermField::DueAfter).map(|typed| {
        let days = parse_count(typed, 0..=MAX_DUE_AFTER_DAYS);
        keep(errors, TermField::DueAfter, days)
    });
    let every = match text.get(TermField::Every) {
        Some(typed) => keep(errors, TermField::Every, parse_every(typed)),
        None => Some(base.map_or(Period::Month, |b| b.dates.every)),
    };
    let rules: Vec<TermField> = TermField::DUE_RULES
        .into_iter()
        .filter(|f| text.get(*f).is_some())
        .collect();
    if let [first, _, ..] = rules.as_slice() {
        errors.push((*first, InputError::OneDueRule(rules.clone())));
        return None;
    }
    let stored = base.map(|b| b.dates.due);
    let rule = match rules.first() {
        Some(TermField::FirstDue) => DueRule::FirstDue,
        Some(TermField::DueDay) => DueRule::DueDay(due_day.flatten()?),
        Some(_) => {
            let after = match (due_after, stored) {
                (Some(after), _) => after,
                (None, Some(DueRule::StatementDay { due_after, .. })) => Some(due_after),
                (None, _) => {
                    errors.push((
                        TermField::StatementDay,
                        InputError::StatementDayNeedsDueAfter,
                    ));
                    None
                }
            };
            DueRule::StatementDay {
                day: statement_day.flatten()?,
                due_after: after?,
            }
        }
        None => match (due_after, stored) {
            (None, Some(rule)) => rule,
            (None, None) => DueRule::AfterStart,
            (Some(after), Some(DueRule::StatementDay { day, .. })) => DueRule::StatementDay {
                day,
                due_after: after?,
            },
            (Some(_), _) => {
                errors.push((TermField::DueAfter, InputError::DueAfterNeedsStatementDay));
                return None;
            }
        },
    };
    let start = start?.or_else(|| (base.is_none() && rule != DueRule::FirstDue).then_some(today));
    let dates = DateTerms {
        start,
        every: every?,
        due: rule,
    };
    let first_due = match dates.computed_first_due() {
        Ok(Some(computed)) => computed,
        Ok(None) => match first_due {
            Some(typed) => typed?,
            None => base.map_or(today, |b| b.first_due),
        },
        Err(e) => {
            errors.push((date_field(&e, &dates), InputError::Schedule(e.into())));
            return None;
        }
    };
    Some((dates, first_due))
}
