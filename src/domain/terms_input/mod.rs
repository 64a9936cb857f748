//! Terms input: the text of each terms field parsed into typed terms, or into every field's error.
//!
//! Below both the command line (which names a `TermField` by its flag) and the TUI's plan form
//! (which names it by its form field); a preset supplies text for the same fields. A new term
//! is one `TermField` variant and one parse arm (in `TermsText::own_terms`, `dates` or
//! `policy`).

mod dates;
mod field;
mod policy;

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use chrono::NaiveDate;

use super::bounds::{self, BoundError};
use super::dates::{DateError, parse_date};
use super::money::{Money, MoneyError};
use super::numtext::to_halfwidth;
use super::rate::{Rate, RateError};
use super::schedule::{ScheduleError, check_discount, validate};
use super::terms::{
    FeeModel, FeeTerms, MAX_PERIODS, OverdueTerms, PayoffPolicy, PlanTerms, Remainder,
};

pub(crate) use dates::{date_field, rule_field};
pub use field::TermField;
pub(crate) use policy::{CAP_SEPARATOR, parse_charge, parse_payoff_policy};

/// Why the text of a field is refused (rendered by `i18n::terms::input_error`).
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
    /// A stored list of periods with one repeated or out of order (typed lists are sorted).
    PeriodListOrder,
    /// More than one fee model's rate given: these fields.
    OneFeeModel(Vec<TermField>),
    /// `--method` without an annual or daily rate.
    MethodNeedsRate,
    MethodValues,
    RemainderValues,
    /// More than one due-date rule given: these fields.
    OneDueRule(Vec<TermField>),
    StatementDayNeedsDueAfter,
    DueAfterNeedsStatementDay,
    EveryValues,
    PenaltyFromValues,
    PenaltyBaseValues,
    LateFeeExtraValues,
    LateFeeCapValues,
    PayoffPolicyValues,
    /// The fields parse but make no schedule.
    Schedule(ScheduleError),
    /// Beyond fenqi's bounds.
    Bound(BoundError),
}

/// A refused field and why.
pub(crate) type FieldError = (TermField, InputError);

/// A positive amount (`6000`, `¥6,000.00`, full-width digits).
pub(crate) fn parse_amount(text: &str) -> Result<Money, InputError> {
    Money::parse_positive(text).map_err(InputError::Money)
}

/// A rate (`0.6%`).
pub(crate) fn parse_rate(text: &str) -> Result<Rate, InputError> {
    Rate::parse(text).map_err(InputError::Rate)
}

/// A date (`YYYY-MM-DD`).
pub(crate) fn parse_day(text: &str) -> Result<NaiveDate, InputError> {
    parse_date(text).map_err(InputError::Date)
}

/// A whole number within `range` (full-width digits accepted).
pub(crate) fn parse_count(text: &str, range: RangeInclusive<u32>) -> Result<u32, InputError> {
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
pub(crate) fn parse_discount(text: &str) -> Result<Rate, InputError> {
    let discount = Rate::parse_discount(text).map_err(InputError::Rate)?;
    check_discount(discount).map_err(InputError::Schedule)?;
    Ok(discount)
}

/// Parses `1,2,3` (full-width digits and commas accepted) into sorted unique periods of a plan of
/// `periods`. An empty list means none (so an edit can clear them); an empty item (`1,,2`, `1,`)
/// is refused rather than skipped.
pub(crate) fn parse_period_list(list: &str, periods: u32) -> Result<Vec<u32>, InputError> {
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

/// `--min-fee`: zero or nothing means none.
/// Checks terms as they are stored (an imported plan, one `check` reads) by the rules typed
/// terms pass: no negative rate, discount or penalty, fee-free periods each once and in order
/// (what a typed list becomes), terms that make a schedule, and fenqi's bounds. Returns the
/// first rule broken and the field it is about.
pub(crate) fn check_stored(terms: &PlanTerms) -> Result<(), FieldError> {
    let negative = |rate: Rate| rate.fraction().is_sign_negative() && !rate.fraction().is_zero();
    let refuse = |field, error| Err((field, error));
    let rate_field = TermField::for_model(terms.fee.model).unwrap_or(TermField::MonthlyFee);
    if negative(terms.fee.rate) {
        return refuse(rate_field, InputError::Rate(RateError::Negative));
    }
    if terms.fee.discount.is_some_and(negative) {
        return refuse(
            TermField::FeeDiscount,
            InputError::Rate(RateError::Negative),
        );
    }
    if negative(terms.overdue.penalty_daily) {
        return refuse(
            TermField::PenaltyDaily,
            InputError::Rate(RateError::Negative),
        );
    }
    if terms.fee.free_periods.windows(2).any(|w| w[0] >= w[1]) {
        return refuse(TermField::FeeFreePeriods, InputError::PeriodListOrder);
    }
    validate(terms).map_err(|e| (schedule_field(&e, terms), InputError::Schedule(e)))?;
    bounds::check(terms).map_err(|e| (bound_field(&e), InputError::Bound(e)))
}

/// `--min-fee`: zero or nothing means none.
fn parse_min_fee(text: &str) -> Result<Option<Money>, InputError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let least = parse_charge(text)?;
    bounds::check_charge(least, BoundError::MinFee).map_err(InputError::Bound)?;
    Ok((!least.is_zero()).then_some(least))
}

/// The field a schedule error of `terms` is about.
pub(crate) fn schedule_field(error: &ScheduleError, terms: &PlanTerms) -> TermField {
    match error {
        ScheduleError::PeriodsOutOfRange => TermField::Periods,
        ScheduleError::ZeroPrincipal | ScheduleError::Overflow => TermField::Principal,
        ScheduleError::FreePeriodOutOfRange(_) => TermField::FeeFreePeriods,
        ScheduleError::DateOutOfRange => rule_field(&terms.dates),
        ScheduleError::DiscountTooLarge => TermField::FeeDiscount,
        ScheduleError::Dates(e) => date_field(e, &terms.dates),
        ScheduleError::OptionNotForModel => {
            if terms.fee.discount.is_some() {
                TermField::FeeDiscount
            } else if !terms.fee.free_periods.is_empty() {
                TermField::FeeFreePeriods
            } else {
                TermField::MinFee
            }
        }
    }
}

/// The field that sets the bounded term `error` names.
pub(crate) fn bound_field(error: &BoundError) -> TermField {
    match error {
        BoundError::Principal => TermField::Principal,
        BoundError::Rate { model, .. } => {
            TermField::for_model(*model).unwrap_or(TermField::AnnualRate)
        }
        BoundError::PenaltyDaily => TermField::PenaltyDaily,
        BoundError::MinFee => TermField::MinFee,
        BoundError::PenaltyMin => TermField::PenaltyMin,
        BoundError::LateFee => TermField::LateFee,
        BoundError::Tolerance => TermField::Tolerance,
    }
}

/// The text typed into some terms fields; a field not typed keeps its stored (or default) value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermsText {
    texts: BTreeMap<TermField, String>,
}

/// An edit of a plan's terms: the fields typed, over the terms the plan has now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TermsPatch<'a> {
    pub stored: &'a PlanTerms,
    pub edits: &'a TermsText,
}

impl TermsPatch<'_> {
    /// The stored terms with the edits applied and checked as a new plan's are; a new fee
    /// model's rate drops the old model's discount, fee-free periods and minimum fee.
    pub(crate) fn apply(&self, today: NaiveDate) -> Result<PlanTerms, Vec<FieldError>> {
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
    pub(crate) fn set(&mut self, field: TermField, text: impl Into<String>) {
        self.texts.insert(field, text.into());
    }

    /// Sets the text of `field` when there is some.
    pub(crate) fn set_some(&mut self, field: TermField, text: Option<&str>) {
        if let Some(text) = text {
            self.set(field, text);
        }
    }

    /// Sets `field` from each value of a repeatable flag (`--late-fee-cap`), when there is any.
    pub(crate) fn set_all(&mut self, field: TermField, values: &[String]) {
        if !values.is_empty() {
            self.set(field, values.join(&CAP_SEPARATOR.to_string()));
        }
    }

    /// The text typed into `field`, if any.
    pub(crate) fn get(&self, field: TermField) -> Option<&str> {
        self.texts.get(&field).map(String::as_str)
    }

    /// Every field typed with its text, in field order.
    pub(crate) fn fields(&self) -> impl Iterator<Item = (TermField, &str)> {
        self.texts
            .iter()
            .map(|(field, text)| (*field, text.as_str()))
    }

    /// The fields of `self`, with `other`'s typed over them (a preset's text under the flags).
    pub(crate) fn overlaid_by(&self, other: &TermsText) -> TermsText {
        let mut texts = self.texts.clone();
        texts.extend(other.texts.clone());
        TermsText { texts }
    }

    /// No field is typed.
    pub(crate) fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// A field other than the overdue and payoff ones is typed.
    pub(crate) fn has_terms(&self) -> bool {
        self.texts.keys().any(|field| !field.is_policy())
    }

    /// A new plan's terms: `today` is the default start date (the first due date one period on).
    pub(crate) fn parse(&self, today: NaiveDate) -> Result<PlanTerms, Vec<FieldError>> {
        self.parse_over(None, today)
    }

    /// Every field's own error (what a form shows under each field): the terms fields, then the
    /// overdue and payoff ones; errors between fields are left to `parse`.
    pub(crate) fn field_errors(&self, today: NaiveDate) -> Vec<FieldError> {
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
        if let Err(policy) = policy::apply(self, &mut scratch) {
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
        policy::apply(self, &mut terms)?;
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
            // Empty: none (so that an edit can clear it).
            Some(text) if text.trim().is_empty() => Some(None),
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
        let min_fee = match self.get(TermField::MinFee) {
            Some(text) => keep(&mut errors, TermField::MinFee, parse_min_fee(text)),
            None => Some(fee_base.and_then(|fee| fee.min_fee)),
        };
        let dates = dates::date_terms(self, base, today, &mut errors);
        match (
            principal,
            periods,
            model,
            remainder,
            discount,
            free_periods,
            min_fee,
            dates,
        ) {
            (
                Some(principal),
                Some(periods),
                Some((model, rate)),
                Some(remainder),
                Some(discount),
                Some(free_periods),
                Some(min_fee),
                Some((dates, first_due)),
            ) if errors.is_empty() => Ok(PlanTerms {
                principal,
                periods,
                fee: FeeTerms {
                    model,
                    rate,
                    discount,
                    free_periods,
                    min_fee,
                },
                remainder,
                first_due,
                payoff: base.map(|b| b.payoff).unwrap_or_default(),
                overdue: base.map(|b| b.overdue).unwrap_or_default(),
                dates,
            }),
            _ => Err(errors),
        }
    }

    /// The fee model and rate: the one rate field typed, else `base`'s (a stored plan's, when
    /// no new rate is typed), else interest-free. `Method` picks how an annual or daily rate
    /// is repaid: annuity (the default), equal-principal or interest-only.
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
        let field = match given.first() {
            Some(field) => Some(*field),
            None => base.and_then(|fee| TermField::for_model(fee.model)),
        };
        let interest = matches!(field, Some(TermField::AnnualRate | TermField::DailyRate));
        if method.is_some() && !interest {
            errors.push((TermField::Method, InputError::MethodNeedsRate));
            return None;
        }
        let (field, rate) = match (given.first(), base, field) {
            (Some(field), _, _) => {
                let text = self.get(*field).unwrap_or_default();
                (*field, keep(errors, *field, parse_rate(text))?)
            }
            (None, Some(fee), Some(field)) => (field, fee.rate),
            _ => return Some((FeeModel::InterestFree, Rate::ZERO)),
        };
        let model = match field {
            TermField::MonthlyFee => FeeModel::MonthlyFee,
            TermField::TotalFee => FeeModel::TotalFee,
            TermField::UpfrontFee => FeeModel::UpfrontFee,
            _ => {
                let daily = field == TermField::DailyRate;
                match (method, base) {
                    (Some(method), _) => match FeeModel::with_method(daily, method) {
                        Some(model) => model,
                        None => {
                            errors.push((TermField::Method, InputError::MethodValues));
                            return None;
                        }
                    },
                    (None, Some(fee)) if given.is_empty() => fee.model,
                    (None, _) if daily => FeeModel::DailyAnnuity,
                    (None, _) => FeeModel::Annuity,
                }
            }
        };
        Some((model, rate))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::terms::PenaltyFrom;

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

    #[test]
    fn stored_terms_are_held_to_what_typed_terms_pass() {
        use crate::domain::schedule::tests::terms;
        let good = || {
            let mut t = terms("6000", 12, FeeModel::MonthlyFee, "0.6%");
            t.fee.discount = Some(Rate::parse("80%").unwrap());
            t.fee.free_periods = vec![2, 3];
            t
        };
        assert_eq!(check_stored(&good()), Ok(()));
        fn stored(text: &str) -> Rate {
            Rate::from_storage(text).unwrap()
        }
        type Change = fn(&mut PlanTerms);
        let cases: [(Change, TermField, InputError); 7] = [
            (
                |t| t.fee.rate = stored("-0.006"),
                TermField::MonthlyFee,
                InputError::Rate(RateError::Negative),
            ),
            (
                |t| t.fee.discount = Some(stored("-0.2")),
                TermField::FeeDiscount,
                InputError::Rate(RateError::Negative),
            ),
            (
                |t| t.overdue.penalty_daily = stored("-0.0005"),
                TermField::PenaltyDaily,
                InputError::Rate(RateError::Negative),
            ),
            (
                |t| t.fee.discount = Some(stored("1.5")),
                TermField::FeeDiscount,
                InputError::Schedule(ScheduleError::DiscountTooLarge),
            ),
            (
                |t| t.fee.free_periods = vec![2, 2, 3],
                TermField::FeeFreePeriods,
                InputError::PeriodListOrder,
            ),
            (
                |t| t.fee.free_periods = vec![3, 2],
                TermField::FeeFreePeriods,
                InputError::PeriodListOrder,
            ),
            (
                |t| t.fee.free_periods = vec![2, 13],
                TermField::FeeFreePeriods,
                InputError::Schedule(ScheduleError::FreePeriodOutOfRange(13)),
            ),
        ];
        for (change, field, error) in cases {
            let mut t = good();
            change(&mut t);
            assert_eq!(check_stored(&t), Err((field, error)));
        }
        // Typed text refuses the same: a negative penalty, a discount over 100%.
        assert!(parse_rate("-0.05%").is_err());
        assert!(parse_discount("150%").is_err());
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
            vec![(TermField::Method, InputError::MethodNeedsRate)]
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
            vec![(TermField::Method, InputError::MethodNeedsRate)]
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

    /// A new plan is dated one period after its start (today unless typed); `--first-due`
    /// alone keeps the start unknown, so that an old plan can be entered.
    #[test]
    fn a_new_plan_is_dated_from_its_start() {
        use crate::domain::dates::{DateTerms, DueRule, Period};
        let plain = text(&[(TermField::Principal, "6000"), (TermField::Periods, "12")])
            .parse(today())
            .unwrap();
        assert_eq!(
            plain.dates,
            DateTerms {
                start: Some(today()),
                every: Period::Month,
                due: DueRule::AfterStart
            }
        );
        assert_eq!(plain.first_due.to_string(), "2025-02-10");
        let old = text(&[
            (TermField::Principal, "6000"),
            (TermField::Periods, "12"),
            (TermField::FirstDue, "2020-01-15"),
        ])
        .parse(today())
        .unwrap();
        assert_eq!(old.dates, DateTerms::default());
        assert_eq!(old.first_due.to_string(), "2020-01-15");
    }

    /// Edits of the date fields: `--due-after` alone changes a statement-day rule, a typed rule
    /// replaces the stored one, and a computed rule on a plan without a start date names
    /// `--start`.
    #[test]
    fn date_edits_over_stored_rules() {
        use crate::domain::dates::DueRule;
        let stored = text(&[
            (TermField::Principal, "3000"),
            (TermField::Periods, "3"),
            (TermField::Start, "2025-02-10"),
            (TermField::StatementDay, "24"),
            (TermField::DueAfter, "20"),
        ])
        .parse(today())
        .unwrap();
        assert_eq!(stored.first_due.to_string(), "2025-03-16");
        let apply = |stored: &PlanTerms, edits: &[(TermField, &str)]| {
            let edits = text(edits);
            TermsPatch {
                stored,
                edits: &edits,
            }
            .apply(today())
        };
        let later = apply(&stored, &[(TermField::DueAfter, "25")]).unwrap();
        assert_eq!(
            later.dates.due,
            DueRule::StatementDay {
                day: 24,
                due_after: 25
            }
        );
        assert_eq!(later.first_due.to_string(), "2025-03-21");
        let by_day = apply(&stored, &[(TermField::DueDay, "5")]).unwrap();
        assert_eq!(by_day.dates.due, DueRule::DueDay(5));
        assert_eq!(by_day.first_due.to_string(), "2025-03-05");
        let fixed = apply(&stored, &[(TermField::FirstDue, "2025-04-01")]).unwrap();
        assert_eq!(fixed.dates.due, DueRule::FirstDue);
        assert_eq!(fixed.dates.start, stored.dates.start);
        let old = text(&[
            (TermField::Principal, "3000"),
            (TermField::Periods, "3"),
            (TermField::FirstDue, "2025-03-01"),
        ])
        .parse(today())
        .unwrap();
        assert_eq!(
            fields(&apply(&old, &[(TermField::DueDay, "5")]).unwrap_err()),
            vec![TermField::Start]
        );
        assert_eq!(
            fields(&apply(&old, &[(TermField::DueAfter, "5")]).unwrap_err()),
            vec![TermField::DueAfter]
        );
        let both = text(&[
            (TermField::Principal, "3000"),
            (TermField::Periods, "3"),
            (TermField::FirstDue, "2025-03-01"),
            (TermField::DueDay, "5"),
        ]);
        assert_eq!(
            both.parse(today()).unwrap_err(),
            vec![(
                TermField::FirstDue,
                InputError::OneDueRule(vec![TermField::FirstDue, TermField::DueDay])
            )]
        );
    }

    /// Typed caps replace the stored ones (the lowest of each kind kept); an empty text clears
    /// them, as `--late-fee 0` clears the fee; a method alone switches a daily plan's method.
    #[test]
    fn late_fee_caps_replace_and_methods_switch() {
        let stored = text(&[
            (TermField::Principal, "100"),
            (TermField::Periods, "4"),
            (TermField::DailyRate, "0.05%"),
            (TermField::LateFee, "10"),
            (TermField::LateFeeCap, "68; 25%；80"),
        ])
        .parse(today())
        .unwrap();
        let fees = stored.overdue.late_fees;
        assert_eq!(fees.cap_amount, Some(Money::from_cents(6_800)));
        assert_eq!(fees.cap_percent, Rate::parse("25%").ok());
        assert_eq!(stored.fee.model, FeeModel::DailyAnnuity);
        let apply = |edits: &[(TermField, &str)]| {
            let edits = text(edits);
            TermsPatch {
                stored: &stored,
                edits: &edits,
            }
            .apply(today())
            .unwrap()
        };
        let lower = apply(&[(TermField::LateFeeCap, "50")]).overdue.late_fees;
        assert_eq!(
            (lower.cap_amount, lower.cap_percent),
            (Some(Money::from_cents(5_000)), None)
        );
        let none = apply(&[(TermField::LateFeeCap, ""), (TermField::LateFee, "0")]);
        assert_eq!(none.overdue.late_fees, Default::default());
        let method = apply(&[(TermField::Method, "interest-only")]);
        assert_eq!(method.fee.model, FeeModel::DailyInterestOnly);
        assert_eq!(method.fee.rate, stored.fee.rate);
    }
}
