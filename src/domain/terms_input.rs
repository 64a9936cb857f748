//! Terms input: the text of each terms field parsed into typed terms, or into every field's error.
//!
//! Below both the command line (which names a `TermField` by its flag) and the TUI's plan form
//! (which names it by its form field). A new term is one `TermField` variant and one parse arm
//! (in `TermsText::own_terms` or `TermsText::policy`).

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use chrono::NaiveDate;

use super::bounds::{self, BoundError};
use super::dates::{DateError, due_date, parse_date};
use super::money::{Money, MoneyError};
use super::numtext::to_halfwidth;
use super::rate::{Rate, RateError};
use super::schedule::{ScheduleError, check_discount, validate};
use super::terms::{
    FeeModel, FeeTerms, MAX_PERIODS, OverdueTerms, PayoffPolicy, PenaltyFrom, PlanTerms, Remainder,
};

/// One field of a plan's terms as typed: a `plan add` flag, a plan form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermField {
    Principal,
    Periods,
    MonthlyFee,
    TotalFee,
    UpfrontFee,
    AnnualRate,
    Method,
    Remainder,
    FeeDiscount,
    FeeFreePeriods,
    FirstDue,
    GraceDays,
    PenaltyDaily,
    PenaltyFrom,
    PayoffPolicy,
}

impl TermField {
    /// The fields that choose a fee model with its rate, in the order they are named.
    pub const RATES: [TermField; 4] = [
        TermField::MonthlyFee,
        TermField::TotalFee,
        TermField::UpfrontFee,
        TermField::AnnualRate,
    ];

    /// The rate field of `model`; `None` for interest-free, which has no rate.
    pub fn for_model(model: FeeModel) -> Option<TermField> {
        match model {
            FeeModel::MonthlyFee => Some(TermField::MonthlyFee),
            FeeModel::TotalFee => Some(TermField::TotalFee),
            FeeModel::UpfrontFee => Some(TermField::UpfrontFee),
            // `--daily-rate` gets its own field with issue 13's wiring.
            FeeModel::Annuity
            | FeeModel::EqualPrincipal
            | FeeModel::InterestOnly
            | FeeModel::DailyAnnuity
            | FeeModel::DailyEqualPrincipal
            | FeeModel::DailyInterestOnly => Some(TermField::AnnualRate),
            FeeModel::InterestFree => None,
        }
    }

    /// The overdue and early-payoff fields: applied over terms that are already whole.
    pub fn is_policy(self) -> bool {
        matches!(
            self,
            TermField::GraceDays
                | TermField::PenaltyDaily
                | TermField::PenaltyFrom
                | TermField::PayoffPolicy
        )
    }
}

/// Why the text of a field is refused (rendered by `i18n::errors::input`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    Money(MoneyError),
    Rate(RateError),
    Date(DateError),
    /// Not a whole number from `min` to `max`.
    WholeNumber {
        min: u32,
        max: u32,
    },
    /// An empty item in a list of periods (`1,,2`).
    EmptyListItem,
    /// More than one fee model's rate given: these fields.
    OneFeeModel(Vec<TermField>),
    MethodNeedsAnnualRate,
    MethodValues,
    RemainderValues,
    PenaltyFromValues,
    PayoffPolicyValues,
    /// The fields parse but make no schedule.
    Schedule(ScheduleError),
    /// Beyond fenqi's bounds.
    Bound(BoundError),
}

/// A refused field and why.
pub type FieldError = (TermField, InputError);

/// A positive amount (`6000`, `¥6,000.00`, full-width digits).
pub fn parse_amount(text: &str) -> Result<Money, InputError> {
    Money::parse_positive(text).map_err(InputError::Money)
}

/// A rate (`0.6%`).
pub fn parse_rate(text: &str) -> Result<Rate, InputError> {
    Rate::parse(text).map_err(InputError::Rate)
}

/// A date (`YYYY-MM-DD`).
pub fn parse_day(text: &str) -> Result<NaiveDate, InputError> {
    parse_date(text).map_err(InputError::Date)
}

/// A whole number within `range` (full-width digits accepted).
pub fn parse_count(text: &str, range: RangeInclusive<u32>) -> Result<u32, InputError> {
    let ascii: String = text.trim().chars().map(to_halfwidth).collect();
    ascii
        .parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or(InputError::WholeNumber {
            min: *range.start(),
            max: *range.end(),
        })
}

/// A fee discount (`80%`, `8折`, `0.8`; at most 100%).
pub fn parse_discount(text: &str) -> Result<Rate, InputError> {
    let discount = Rate::parse_discount(text).map_err(InputError::Rate)?;
    check_discount(discount).map_err(InputError::Schedule)?;
    Ok(discount)
}

/// Parses `1,2,3` (full-width digits and commas accepted) into sorted unique periods of a plan of
/// `periods`. An empty list means none (so an edit can clear them); an empty item (`1,,2`, `1,`)
/// is refused rather than skipped.
pub fn parse_period_list(list: &str, periods: u32) -> Result<Vec<u32>, InputError> {
    let ascii: String = list.chars().map(to_halfwidth).collect();
    let mut out = Vec::new();
    if ascii.trim().is_empty() {
        return Ok(out);
    }
    for item in ascii.split(',').map(str::trim) {
        if item.is_empty() {
            return Err(InputError::EmptyListItem);
        }
        out.push(parse_count(item, 1..=periods)?);
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// An early-payoff policy by its contract name (`waive-remaining-fees`, `penalty:3%`, …).
pub fn parse_payoff_policy(text: &str) -> Result<PayoffPolicy, InputError> {
    PayoffPolicy::parse(text).ok_or(InputError::PayoffPolicyValues)
}

/// The field a schedule error of `terms` is about.
pub fn schedule_field(error: &ScheduleError, terms: &PlanTerms) -> TermField {
    match error {
        ScheduleError::PeriodsOutOfRange => TermField::Periods,
        ScheduleError::ZeroPrincipal | ScheduleError::Overflow => TermField::Principal,
        ScheduleError::FreePeriodOutOfRange(_) => TermField::FeeFreePeriods,
        ScheduleError::DateOutOfRange => TermField::FirstDue,
        ScheduleError::DiscountTooLarge => TermField::FeeDiscount,
        // The start date and due-date rules get their own fields with issue 13's wiring.
        ScheduleError::Dates(_) => TermField::FirstDue,
        ScheduleError::OptionNotForModel => {
            if terms.fee.discount.is_some() {
                TermField::FeeDiscount
            } else {
                TermField::FeeFreePeriods
            }
        }
    }
}

/// The field that sets the bounded term `error` names.
pub fn bound_field(error: &BoundError) -> TermField {
    match error {
        BoundError::Principal => TermField::Principal,
        BoundError::Rate { model, .. } => {
            TermField::for_model(*model).unwrap_or(TermField::AnnualRate)
        }
        BoundError::PenaltyDaily => TermField::PenaltyDaily,
        // Not typed yet: their own fields come with issue 13's wiring.
        BoundError::MinFee => TermField::FeeDiscount,
        BoundError::PenaltyMin | BoundError::LateFee | BoundError::Tolerance => {
            TermField::PenaltyDaily
        }
    }
}

/// The text typed into some terms fields; a field not typed keeps its stored (or default) value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermsText {
    texts: BTreeMap<TermField, String>,
}

/// An edit of a plan's terms: the fields typed, over the terms the plan has now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermsPatch<'a> {
    pub stored: &'a PlanTerms,
    pub edits: &'a TermsText,
}

impl TermsPatch<'_> {
    /// The stored terms with the edits applied and checked as a new plan's are; a new fee
    /// model's rate drops the old model's discount and fee-free periods.
    pub fn apply(&self, today: NaiveDate) -> Result<PlanTerms, Vec<FieldError>> {
        self.edits.parse_over(Some(self.stored), today)
    }
}

/// Keeps `result`'s value, or records its error against `field`.
fn keep<T>(
    errors: &mut Vec<FieldError>,
    field: TermField,
    result: Result<T, InputError>,
) -> Option<T> {
    result.map_err(|e| errors.push((field, e))).ok()
}

impl TermsText {
    /// Sets the text of `field`.
    pub fn set(&mut self, field: TermField, text: impl Into<String>) {
        self.texts.insert(field, text.into());
    }

    /// Sets the text of `field` when there is some.
    pub fn set_some(&mut self, field: TermField, text: Option<&str>) {
        if let Some(text) = text {
            self.set(field, text);
        }
    }

    /// The text typed into `field`, if any.
    pub fn get(&self, field: TermField) -> Option<&str> {
        self.texts.get(&field).map(String::as_str)
    }

    /// No field is typed.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// A field other than the overdue and payoff ones is typed.
    pub fn has_terms(&self) -> bool {
        self.texts.keys().any(|field| !field.is_policy())
    }

    /// A new plan's terms: `today` gives the default first due date (one month on).
    pub fn parse(&self, today: NaiveDate) -> Result<PlanTerms, Vec<FieldError>> {
        self.parse_over(None, today)
    }

    /// Every field's own error (what a form shows under each field): the terms fields, then the
    /// overdue and payoff ones; errors between fields are left to `parse`.
    pub fn field_errors(&self, today: NaiveDate) -> Vec<FieldError> {
        let mut errors = match self.own_terms(None, today) {
            Ok(_) => Vec::new(),
            Err(errors) => errors,
        };
        let mut scratch = PlanTerms {
            principal: Money::ZERO,
            periods: 1,
            fee: FeeTerms::interest_free(),
            remainder: Remainder::default(),
            first_due: today,
            payoff: PayoffPolicy::default(),
            overdue: OverdueTerms::default(),
            dates: Default::default(),
        };
        if let Err(policy) = self.policy(&mut scratch) {
            errors.extend(policy);
        }
        errors
    }

    /// The terms these fields give over `base` (defaults when `None`), checked whole. The errors
    /// come by stage, in field order: every bad terms field; else why the terms make no
    /// schedule or exceed a bound (principal, rate); else every bad overdue or payoff field;
    /// else a bound the result exceeds (a stored penalty too). Over `base` with no terms field
    /// typed, its terms are taken as they are.
    fn parse_over(
        &self,
        base: Option<&PlanTerms>,
        today: NaiveDate,
    ) -> Result<PlanTerms, Vec<FieldError>> {
        let bound = |e: BoundError| vec![(bound_field(&e), InputError::Bound(e))];
        let mut terms = match base {
            Some(base) if !self.has_terms() => base.clone(),
            _ => {
                let terms = self.own_terms(base, today)?;
                validate(&terms)
                    .map_err(|e| vec![(schedule_field(&e, &terms), InputError::Schedule(e))])?;
                let penalty = OverdueTerms::default().penalty_daily;
                bounds::check_parts(terms.principal, terms.fee.model, terms.fee.rate, penalty)
                    .map_err(bound)?;
                terms
            }
        };
        self.policy(&mut terms)?;
        bounds::check(&terms).map_err(bound)?;
        Ok(terms)
    }

    /// Every field but the overdue and payoff ones, each over `base`'s value (or the default).
    fn own_terms(
        &self,
        base: Option<&PlanTerms>,
        today: NaiveDate,
    ) -> Result<PlanTerms, Vec<FieldError>> {
        let mut errors = Vec::new();
        let principal = match self.get(TermField::Principal) {
            Some(text) => keep(&mut errors, TermField::Principal, parse_amount(text)),
            None => match base {
                Some(base) => Some(base.principal),
                None => keep(&mut errors, TermField::Principal, parse_amount("")),
            },
        };
        let periods = match self.get(TermField::Periods) {
            Some(text) => keep(
                &mut errors,
                TermField::Periods,
                parse_count(text, 1..=MAX_PERIODS),
            ),
            None => match base {
                Some(base) => Some(base.periods),
                None => keep(
                    &mut errors,
                    TermField::Periods,
                    parse_count("", 1..=MAX_PERIODS),
                ),
            },
        };
        let new_model = TermField::RATES.iter().any(|f| self.get(*f).is_some());
        let fee_base = base.map(|b| &b.fee).filter(|_| !new_model);
        let model = self.fee_model(fee_base, &mut errors);
        let remainder = match self.get(TermField::Remainder) {
            Some(text) => keep(
                &mut errors,
                TermField::Remainder,
                Remainder::from_code(text.trim()).ok_or(InputError::RemainderValues),
            ),
            None => Some(base.map(|b| b.remainder).unwrap_or_default()),
        };
        let discount = match self.get(TermField::FeeDiscount) {
            Some(text) => keep(
                &mut errors,
                TermField::FeeDiscount,
                parse_discount(text).map(Some),
            ),
            None => Some(fee_base.and_then(|fee| fee.discount)),
        };
        // Against the periods typed, or any a plan can have while those are invalid.
        let most = periods.unwrap_or(MAX_PERIODS);
        let free_periods = match (self.get(TermField::FeeFreePeriods), fee_base) {
            (Some(text), _) => keep(
                &mut errors,
                TermField::FeeFreePeriods,
                parse_period_list(text, most),
            ),
            (None, Some(fee)) => {
                let outside = fee.free_periods.iter().any(|p| !(1..=most).contains(p));
                let checked = if outside {
                    Err(InputError::WholeNumber { min: 1, max: most })
                } else {
                    Ok(fee.free_periods.clone())
                };
                keep(&mut errors, TermField::FeeFreePeriods, checked)
            }
            (None, None) => Some(Vec::new()),
        };
        let first_due = match self.get(TermField::FirstDue) {
            Some(text) => keep(&mut errors, TermField::FirstDue, parse_day(text)),
            None => Some(match base {
                Some(base) => base.first_due,
                None => due_date(today, 2).unwrap_or(today),
            }),
        };
        match (
            principal,
            periods,
            model,
            remainder,
            discount,
            free_periods,
            first_due,
        ) {
            (
                Some(principal),
                Some(periods),
                Some((model, rate)),
                Some(remainder),
                Some(discount),
                Some(free_periods),
                Some(first_due),
            ) if errors.is_empty() => Ok(PlanTerms {
                principal,
                periods,
                fee: FeeTerms {
                    model,
                    rate,
                    discount,
                    free_periods,
                    min_fee: fee_base.and_then(|fee| fee.min_fee),
                },
                remainder,
                first_due,
                payoff: base.map(|b| b.payoff).unwrap_or_default(),
                overdue: base.map(|b| b.overdue).unwrap_or_default(),
                dates: base.map(|b| b.dates).unwrap_or_default(),
            }),
            _ => Err(errors),
        }
    }

    /// The fee model and rate: the one rate field typed, else `base`'s (a stored plan's, when
    /// no new rate is typed), else interest-free. `Method` picks annuity or equal-principal.
    fn fee_model(
        &self,
        base: Option<&FeeTerms>,
        errors: &mut Vec<FieldError>,
    ) -> Option<(FeeModel, Rate)> {
        let given: Vec<TermField> = TermField::RATES
            .into_iter()
            .filter(|f| self.get(*f).is_some())
            .collect();
        if let [first, _, ..] = given.as_slice() {
            errors.push((*first, InputError::OneFeeModel(given.clone())));
            return None;
        }
        let method = self.get(TermField::Method).map(str::trim);
        let annual = match given.first() {
            Some(field) => *field == TermField::AnnualRate,
            None => base.is_some_and(|fee| fee.model.is_interest_based()),
        };
        if method.is_some() && !annual {
            errors.push((TermField::Method, InputError::MethodNeedsAnnualRate));
            return None;
        }
        let (field, rate) = match (given.first(), base) {
            (Some(field), _) => {
                let text = self.get(*field).unwrap_or_default();
                (*field, keep(errors, *field, parse_rate(text))?)
            }
            (None, Some(fee)) => match TermField::for_model(fee.model) {
                Some(field) => (field, fee.rate),
                None => return Some((FeeModel::InterestFree, Rate::ZERO)),
            },
            (None, None) => return Some((FeeModel::InterestFree, Rate::ZERO)),
        };
        let model = match field {
            TermField::MonthlyFee => FeeModel::MonthlyFee,
            TermField::TotalFee => FeeModel::TotalFee,
            TermField::UpfrontFee => FeeModel::UpfrontFee,
            _ => match method {
                Some("annuity") => FeeModel::Annuity,
                Some("equal-principal") => FeeModel::EqualPrincipal,
                Some(_) => {
                    errors.push((TermField::Method, InputError::MethodValues));
                    return None;
                }
                None => match base {
                    Some(fee) if given.is_empty() => fee.model,
                    _ => FeeModel::Annuity,
                },
            },
        };
        Some((model, rate))
    }

    /// Applies the overdue and payoff fields over `terms`; on any error `terms` is unchanged.
    fn policy(&self, terms: &mut PlanTerms) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut next = terms.clone();
        if let Some(text) = self.get(TermField::GraceDays) {
            let days = parse_count(text, 0..=365);
            if let Some(days) = keep(&mut errors, TermField::GraceDays, days) {
                next.overdue.grace_days = days;
            }
        }
        if let Some(text) = self.get(TermField::PenaltyDaily) {
            let rate = parse_rate(text).and_then(|rate| {
                bounds::check_penalty_daily(rate).map_err(InputError::Bound)?;
                Ok(rate)
            });
            if let Some(rate) = keep(&mut errors, TermField::PenaltyDaily, rate) {
                next.overdue.penalty_daily = rate;
            }
        }
        if let Some(text) = self.get(TermField::PenaltyFrom) {
            let from = PenaltyFrom::from_code(text.trim()).ok_or(InputError::PenaltyFromValues);
            if let Some(from) = keep(&mut errors, TermField::PenaltyFrom, from) {
                next.overdue.from = from;
            }
        }
        if let Some(text) = self.get(TermField::PayoffPolicy) {
            let policy = parse_payoff_policy(text);
            if let Some(policy) = keep(&mut errors, TermField::PayoffPolicy, policy) {
                next.payoff = policy;
            }
        }
        if errors.is_empty() {
            *terms = next;
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 10).unwrap()
    }

    fn text(fields: &[(TermField, &str)]) -> TermsText {
        let mut text = TermsText::default();
        for (field, value) in fields {
            text.set(*field, *value);
        }
        text
    }

    fn fields(errors: &[FieldError]) -> Vec<TermField> {
        errors.iter().map(|(field, _)| *field).collect()
    }

    /// A refused penalty leaves the terms as they were, and a policy field on its own applies.
    #[test]
    fn a_penalty_above_the_bound_is_refused_without_changing_the_terms() {
        let stored = text(&[(TermField::Principal, "6000"), (TermField::Periods, "12")])
            .parse(today())
            .unwrap();
        let too_high = text(&[(TermField::PenaltyDaily, "1.5%")]);
        let patch = TermsPatch {
            stored: &stored,
            edits: &too_high,
        };
        let errors = patch.apply(today()).unwrap_err();
        assert_eq!(
            errors,
            vec![(
                TermField::PenaltyDaily,
                InputError::Bound(BoundError::PenaltyDaily)
            )]
        );
        let other_field = text(&[(TermField::PenaltyFrom, "grace-end")]);
        let patch = TermsPatch {
            stored: &stored,
            edits: &other_field,
        };
        let edited = patch.apply(today()).unwrap();
        assert_eq!(edited.overdue.from, PenaltyFrom::GraceEnd);
        assert_eq!(edited.overdue.penalty_daily, stored.overdue.penalty_daily);
    }

    #[test]
    fn every_bad_field_is_named_in_field_order() {
        let typed = text(&[
            (TermField::Principal, "abc"),
            (TermField::Periods, "0"),
            (TermField::MonthlyFee, "x"),
            (TermField::FirstDue, "2025-02-30"),
            (TermField::GraceDays, "-1"),
            (TermField::PayoffPolicy, "sometimes"),
        ]);
        let errors = typed.field_errors(today());
        assert_eq!(
            fields(&errors),
            vec![
                TermField::Principal,
                TermField::Periods,
                TermField::MonthlyFee,
                TermField::FirstDue,
                TermField::GraceDays,
                TermField::PayoffPolicy,
            ]
        );
        assert_eq!(errors[1].1, InputError::WholeNumber { min: 1, max: 360 });
        // `parse` stops at the terms fields: the policy ones come only once those are good.
        assert_eq!(fields(&typed.parse(today()).unwrap_err()).len(), 4);
    }

    #[test]
    fn two_rates_name_both_fields_and_a_method_needs_an_annual_rate() {
        let two = text(&[
            (TermField::Principal, "6000"),
            (TermField::Periods, "12"),
            (TermField::MonthlyFee, "1%"),
            (TermField::AnnualRate, "15%"),
        ]);
        assert_eq!(
            two.parse(today()).unwrap_err(),
            vec![(
                TermField::MonthlyFee,
                InputError::OneFeeModel(vec![TermField::MonthlyFee, TermField::AnnualRate])
            )]
        );
        let method = text(&[
            (TermField::Principal, "6000"),
            (TermField::Periods, "12"),
            (TermField::Method, "annuity"),
        ]);
        assert_eq!(
            method.parse(today()).unwrap_err(),
            vec![(TermField::Method, InputError::MethodNeedsAnnualRate)]
        );
    }

    /// An edit keeps what it does not name; a new rate drops the old model's fee options; the
    /// stored fee-free periods are checked against new periods as if typed.
    #[test]
    fn a_patch_applies_over_the_stored_terms() {
        let stored = text(&[
            (TermField::Principal, "6000"),
            (TermField::Periods, "12"),
            (TermField::MonthlyFee, "0.6%"),
            (TermField::FeeDiscount, "8折"),
            (TermField::FeeFreePeriods, "1,5"),
            (TermField::FirstDue, "2025-02-15"),
            (TermField::GraceDays, "5"),
        ])
        .parse(today())
        .unwrap();
        let apply = |edits: &[(TermField, &str)]| {
            let edits = text(edits);
            TermsPatch {
                stored: &stored,
                edits: &edits,
            }
            .apply(today())
        };
        let longer = apply(&[(TermField::Periods, "24")]).unwrap();
        assert_eq!(longer.periods, 24);
        assert_eq!(longer.fee, stored.fee);
        assert_eq!(longer.first_due, stored.first_due);
        assert_eq!(longer.overdue.grace_days, 5);
        let annual = apply(&[(TermField::AnnualRate, "12%")]).unwrap();
        assert_eq!(annual.fee.model, FeeModel::Annuity);
        assert_eq!(annual.fee.rate, Rate::parse("12%").unwrap());
        assert_eq!(annual.fee.discount, None);
        assert!(annual.fee.free_periods.is_empty());
        assert_eq!(
            apply(&[(TermField::Periods, "3")]).unwrap_err(),
            vec![(
                TermField::FeeFreePeriods,
                InputError::WholeNumber { min: 1, max: 3 }
            )]
        );
        assert_eq!(
            apply(&[(TermField::Method, "equal-principal")]).unwrap_err(),
            vec![(TermField::Method, InputError::MethodNeedsAnnualRate)]
        );
    }

    #[test]
    fn a_discount_on_an_annuity_is_the_discount_s_error() {
        let typed = text(&[
            (TermField::Principal, "6000"),
            (TermField::Periods, "12"),
            (TermField::AnnualRate, "15%"),
            (TermField::FeeDiscount, "80%"),
        ]);
        assert_eq!(
            typed.parse(today()).unwrap_err(),
            vec![(
                TermField::FeeDiscount,
                InputError::Schedule(ScheduleError::OptionNotForModel)
            )]
        );
        assert!(
            typed.field_errors(today()).is_empty(),
            "each field is fine alone"
        );
    }
}
