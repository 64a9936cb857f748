//! A provider preset in the plan form: its terms put into the fields (following the period
//! count), the terms the form has no field for kept beside them, and which fields still hold
//! the preset's values.

use chrono::NaiveDate;

use super::{PlanField, PlanForm};
use crate::domain::FeeModel;
use crate::domain::presets::{FIRST_DUE_AT_START, Preset, PresetError, PresetValue};
use crate::domain::terms::MAX_PERIODS;
use crate::domain::terms_input::{TermField, TermsText, parse_count};
use crate::i18n::Lang;
use crate::i18n::presets::{preset_error, preset_name};

/// The preset a plan form was filled from.
#[derive(Debug, Clone)]
pub struct PresetFill {
    pub preset: &'static Preset,
    /// The period count whose terms are in the form.
    pub periods: u32,
    /// What it put into each field, to tell which still hold it.
    pub filled: Vec<(PlanField, String)>,
    /// Its terms the form has no field for: parsed with the form's own.
    pub hidden: TermsText,
    /// Fields it needs that the form has none for (a card's statement day): its due-date rule
    /// is left out, and the form's first due date stands.
    pub missing: Vec<TermField>,
}

/// The period count a preset starts with: the form's when the preset has it, else 12, else
/// its longest.
pub(crate) fn default_periods(preset: &Preset, current: Option<u32>) -> u32 {
    let offered = preset.periods();
    [current, Some(12)]
        .into_iter()
        .flatten()
        .find(|n| offered.contains(n))
        .or_else(|| offered.last().copied())
        .unwrap_or(1)
}

/// The form field that holds exactly this term, if the form has one (the due day and the
/// statement day share one, by the due-date rule chosen).
fn typed_into(field: TermField) -> Option<PlanField> {
    match field {
        // The amount and count are the user's; the rate, model and payoff fields hold a term
        // together with others (the fee model, the policy's rate).
        TermField::Principal
        | TermField::Periods
        | TermField::MonthlyFee
        | TermField::TotalFee
        | TermField::UpfrontFee
        | TermField::AnnualRate
        | TermField::DailyRate
        | TermField::Method
        | TermField::PayoffPolicy => None,
        other => Some(super::form_field(other)),
    }
}

/// The due-date rule choice a term (given or needed) sets: a due day, or a statement day
/// (with the days to due).
fn rule_of(field: TermField) -> Option<&'static str> {
    match field {
        TermField::DueDay => Some("due-day"),
        TermField::StatementDay | TermField::DueAfter => Some("statement-day"),
        _ => None,
    }
}

/// What `preset` puts in each form field for `periods`, its terms with no form field, and the
/// fields it needs that the form cannot take (its due-date rule is then left out).
fn assignments(
    preset: &Preset,
    periods: u32,
    lang: Lang,
    today: NaiveDate,
) -> (Vec<(PlanField, String)>, TermsText, Vec<TermField>) {
    let mut fields = vec![
        (PlanField::Provider, preset_name(lang, preset).to_string()),
        (PlanField::Periods, periods.to_string()),
    ];
    let mut hidden = TermsText::default();
    let missing: Vec<TermField> = preset
        .needs
        .iter()
        .copied()
        .filter(|f| typed_into(*f).is_none())
        .collect();
    let terms = preset.terms_for(Some(periods));
    let method = terms
        .iter()
        .find(|t| t.field == TermField::Method)
        .map(|t| t.value.text());
    let method = method.as_deref().unwrap_or("annuity");
    let mut model = FeeModel::InterestFree;
    for term in &terms {
        let text = term.value.text();
        let rate_model = match term.field {
            TermField::MonthlyFee => Some(FeeModel::MonthlyFee),
            TermField::TotalFee => Some(FeeModel::TotalFee),
            TermField::UpfrontFee => Some(FeeModel::UpfrontFee),
            TermField::AnnualRate => FeeModel::with_method(false, method),
            TermField::DailyRate => FeeModel::with_method(true, method),
            _ => None,
        };
        if let Some(rate_model) = rate_model {
            model = rate_model;
            fields.push((PlanField::Rate, text));
            continue;
        }
        match (term.field, &term.value) {
            (TermField::Method, _) => {}
            (TermField::PayoffPolicy, _) => match text.split_once(':') {
                // `penalty:3%`: the rule chosen, its rate in the field beside it.
                Some((rule, rate)) => {
                    fields.push((PlanField::PayoffPolicy, rule.trim().to_string()));
                    fields.push((PlanField::PayoffRate, rate.trim().to_string()));
                }
                None => fields.push((PlanField::PayoffPolicy, text)),
            },
            (TermField::FirstDue, PresetValue::Text(t)) if t == FIRST_DUE_AT_START => {
                fields.push((PlanField::FirstDue, today.to_string()));
                fields.push((PlanField::Start, today.to_string()));
            }
            (field, _) => match typed_into(field) {
                Some(form_field) => fields.push((form_field, text)),
                None => hidden.set(field, text),
            },
        }
    }
    // A due day or statement day given (or needed: a card's own statement day) chooses its
    // rule, so its field is the one to fill in.
    let rule = terms
        .iter()
        .map(|t| t.field)
        .chain(preset.needs.iter().copied())
        .find_map(rule_of);
    if let Some(rule) = rule {
        fields.push((PlanField::DueRule, rule.to_string()));
    }
    fields.push((PlanField::Model, model.code().to_string()));
    if model == FeeModel::InterestFree {
        fields.push((PlanField::Rate, String::new()));
    }
    (fields, hidden, missing)
}

/// Fills `form` from `preset` for `periods`: every field that still holds what a preset put
/// there (or was never changed) takes the new value, or the blank form's when the preset has
/// none; a field the user changed keeps the user's value.
pub(crate) fn apply(
    form: &mut PlanForm,
    preset: &'static Preset,
    periods: u32,
    lang: Lang,
    today: NaiveDate,
) {
    let (fields, hidden, missing) = assignments(preset, periods, lang, today);
    let previous = form.preset.take();
    let blank = PlanForm::add(lang, today, &[], None);
    let locked = |form: &PlanForm, id: PlanField| form.form.field(id).is_some_and(|f| f.locked);
    let untouched = |form: &PlanForm, id: PlanField| match &previous {
        Some(fill) => match fill.filled.iter().find(|(f, _)| *f == id) {
            Some((_, value)) => form.form.value(id) == value,
            None => form.form.value(id) == blank.form.value(id),
        },
        None => form.form.value(id) == blank.form.value(id) || id == PlanField::Periods,
    };
    if let Some(fill) = &previous {
        for (id, value) in &fill.filled {
            let replaced = fields.iter().any(|(f, _)| f == id);
            if !replaced && form.form.value(*id) == value {
                form.form.set_value(*id, blank.form.value(*id));
            }
        }
    }
    let mut filled = Vec::new();
    for (id, value) in fields {
        if untouched(form, id) && !locked(form, id) {
            form.form.set_value(id, &value);
            filled.push((id, value));
        }
    }
    form.preset = Some(PresetFill {
        preset,
        periods,
        filled,
        hidden,
        missing,
    });
}

/// After an edit: when the period count typed changed, the preset's terms for the new count.
/// A count it has no rate for gives the periods field's error (unless the rate is the user's
/// own), for the caller to show once errors are cleared.
pub(crate) fn follow_periods(form: &mut PlanForm, lang: Lang, today: NaiveDate) -> Option<String> {
    let fill = form.preset.as_ref()?;
    let preset = fill.preset;
    let periods = parse_count(form.form.value(PlanField::Periods), 1..=MAX_PERIODS).ok()?;
    if periods == fill.periods {
        return None;
    }
    if preset.rates.contains_key(&periods) {
        apply(form, preset, periods, lang, today);
        return None;
    }
    let own_rate = !fill
        .filled
        .iter()
        .any(|(id, value)| *id == PlanField::Rate && form.form.value(*id) == value);
    if own_rate {
        return None;
    }
    let error = PresetError::NoRateFor {
        periods,
        offered: preset.periods(),
    };
    Some(preset_error(lang, preset, &error).1)
}

/// Marks the fields that still hold the preset's values.
pub(crate) fn mark(form: &mut PlanForm) {
    let marks: Vec<(PlanField, bool)> = match &form.preset {
        Some(fill) => fill
            .filled
            .iter()
            .map(|(id, value)| (*id, form.form.value(*id) == value))
            .collect(),
        None => Vec::new(),
    };
    for field in &mut form.form.fields {
        field.marked = marks.iter().any(|(id, marked)| *id == field.id && *marked);
    }
}

/// The preset's terms with no form field (none without a preset).
pub(crate) fn hidden_text(form: &PlanForm) -> TermsText {
    form.preset
        .as_ref()
        .map(|fill| fill.hidden.clone())
        .unwrap_or_default()
}
