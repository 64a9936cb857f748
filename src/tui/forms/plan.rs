//! The add / edit plan form: its fields, validation into a `PlanDraft`, and the live preview.

pub(crate) mod preset_fill;

use chrono::NaiveDate;

use super::field::{ChoiceOption, Field, Form, Label};
use crate::domain::Rate;
use crate::domain::dates::DueRule;
use crate::domain::dates::due_date;
use crate::domain::summary::{PlanQuote, QuoteError, quote_plan};
use crate::domain::terms::{FeeModel, PayoffPolicy, PenaltyBase, PlanTerms};
use crate::domain::terms_input::InputError;
use crate::domain::terms_input::{CAP_SEPARATOR, TermField, TermsText, parse_discount};
use crate::i18n::policy::payoff_policy_rule;
use crate::i18n::rules::RuleText;
use crate::i18n::terms::input_error;
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, errors};
use crate::store::shown::Shown;
use crate::store::{CardId, NOTE_MAX_CHARS, PlanDraft, PlanId};
use preset_fill::PresetFill;
use rust_decimal::Decimal;

/// The fields of the plan form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanField {
    Name,
    Provider,
    Principal,
    Periods,
    Model,
    Rate,
    FirstDue,
    Card,
    AutoDebit,
    Discount,
    FreePeriods,
    Remainder,
    PayoffPolicy,
    /// The share of the remaining principal a `penalty` or `fee-on-remaining` payoff policy
    /// charges.
    PayoffRate,
    GraceDays,
    PenaltyDaily,
    PenaltyFrom,
    /// Free text: the provider's hotline, the account or phone number it is tied to.
    Note,
    /// The purchase or loan date; empty: none (a plan dated by its first due date alone).
    Start,
    /// Which rule dates the periods: the first due date, one period after the start, a due
    /// day, or a statement day with the days after it.
    DueRule,
    /// The due day, or the statement day (by the rule).
    DueDay,
    DueAfter,
    Every,
    MinFee,
    PenaltyBase,
    PenaltyMin,
    LateFee,
    LateFeeExtra,
    /// Every cap, separated by `;` (`68; 25%`).
    LateFeeCap,
    Tolerance,
}

/// What the form starts from when editing an existing plan.
#[derive(Debug, Clone)]
pub(crate) struct PlanSeed {
    pub id: PlanId,
    pub draft: PlanDraft,
    /// The plan has repayments: its terms are shown locked.
    pub locked: bool,
}

/// The fields a plan's repayments lock (what its schedule is built from).
pub(crate) const TERMS_FIELDS: [PlanField; 14] = [
    PlanField::Principal,
    PlanField::Periods,
    PlanField::Model,
    PlanField::Rate,
    PlanField::FirstDue,
    PlanField::Discount,
    PlanField::FreePeriods,
    PlanField::Remainder,
    PlanField::Start,
    PlanField::DueRule,
    PlanField::DueDay,
    PlanField::DueAfter,
    PlanField::Every,
    PlanField::MinFee,
];

/// The due-date rules as choices: by the first due date (the form's default, as a plan entered
/// from its bill), one period after the start, a due day, a statement day.
fn due_rule_options() -> Vec<ChoiceOption> {
    let option = |code: &str, text: RuleText| ChoiceOption {
        code: code.to_string(),
        label: Label::Rule(text),
    };
    vec![
        option("first-due", RuleText::RuleFirstDue),
        option("after-start", RuleText::RuleAfterStart),
        option("due-day", RuleText::ChoiceDueDay),
        option("statement-day", RuleText::ChoiceStatementDay),
    ]
}

/// The penalty bases as choices.
fn penalty_base_options() -> Vec<ChoiceOption> {
    [
        (PenaltyBase::Installment, RuleText::BaseInstallment),
        (PenaltyBase::Principal, RuleText::BasePrincipal),
        (PenaltyBase::Balance, RuleText::BaseBalance),
    ]
    .into_iter()
    .map(|(base, text)| ChoiceOption {
        code: base.code().to_string(),
        label: Label::Rule(text),
    })
    .collect()
}

/// The longest plan name or provider accepted.
pub(crate) const MAX_NAME_CHARS: usize = 60;

/// The add / edit plan form with its latest validation and preview.
#[derive(Debug, Clone)]
pub struct PlanForm {
    pub form: Form<PlanField>,
    /// The plan being edited; `None` when adding.
    pub editing: Option<PlanId>,
    /// The validated plan, when every field is valid.
    pub draft: Option<PlanDraft>,
    /// The schedule and APR of the terms typed so far (when they are valid).
    pub preview: Option<PlanQuote>,
    /// The provider preset the form was filled from, if any.
    pub preset: Option<PresetFill>,
    /// Whether the plan posts its auto-debits (kept as the plan has it; `plan edit
    /// --auto-post` changes it).
    pub auto_post: bool,
    /// What the form acts on as it was when shown: checked again before it writes.
    pub shown: Vec<Shown>,
}

/// The label of the rate field under a model: monthly fee, total fee, or annual rate.
fn rate_label(model: FeeModel) -> TuiText {
    match model {
        FeeModel::MonthlyFee => TuiText::FieldMonthlyFee,
        FeeModel::TotalFee | FeeModel::UpfrontFee => TuiText::FieldTotalFee,
        FeeModel::Annuity
        | FeeModel::EqualPrincipal
        | FeeModel::InterestOnly
        | FeeModel::InterestFree => TuiText::FieldAnnualRate,
        FeeModel::DailyAnnuity | FeeModel::DailyEqualPrincipal | FeeModel::DailyInterestOnly => {
            TuiText::FieldDailyRate
        }
    }
}

/// The rate the payoff rate field offers until another is typed.
const DEFAULT_PAYOFF_RATE: &str = "3%";

/// The choices whose rate is a field of its own (`penalty:3%`, `fee-on-remaining:3.9%`).
const RATED_CHOICES: [&str; 2] = ["penalty", "fee-on-remaining"];

/// Every payoff policy as a choice, named in the policy catalogue.
fn policy_options() -> Vec<ChoiceOption> {
    [
        PayoffPolicy::WaiveRemainingFees,
        PayoffPolicy::CurrentFeeDue,
        PayoffPolicy::AllFeesDue,
        PayoffPolicy::Penalty(Rate::ZERO),
        PayoffPolicy::FeeOnRemaining(Rate::ZERO),
        PayoffPolicy::InterestToDate,
        PayoffPolicy::NotAllowed,
    ]
    .into_iter()
    .map(|policy| ChoiceOption {
        code: policy_code(policy).to_string(),
        label: Label::Policy(policy),
    })
    .collect()
}

/// The choice a policy is: its code without a rate (`penalty` for any penalty rate).
fn policy_code(policy: PayoffPolicy) -> &'static str {
    match policy {
        PayoffPolicy::WaiveRemainingFees => "waive-remaining-fees",
        PayoffPolicy::CurrentFeeDue => "current-fee-due",
        PayoffPolicy::AllFeesDue => "all-fees-due",
        PayoffPolicy::Penalty(_) => RATED_CHOICES[0],
        PayoffPolicy::FeeOnRemaining(_) => RATED_CHOICES[1],
        PayoffPolicy::InterestToDate => "interest-to-date",
        PayoffPolicy::NotAllowed => "not-allowed",
    }
}

/// The choice options of the card field: none, then each card.
pub(crate) fn card_options(cards: &[(CardId, String)]) -> Vec<ChoiceOption> {
    let mut options = vec![ChoiceOption::text("", TuiText::NoCard)];
    options.extend(
        cards
            .iter()
            .map(|(id, label)| ChoiceOption::raw(id.0.to_string(), label.clone())),
    );
    options
}

impl PlanForm {
    /// An empty form for a new plan; the first due date defaults to one month from today.
    pub(crate) fn add(
        lang: Lang,
        today: NaiveDate,
        cards: &[(CardId, String)],
        default_card: Option<CardId>,
    ) -> PlanForm {
        let first_due = due_date(today, 2).unwrap_or(today);
        let draft = PlanDraft {
            name: String::new(),
            provider: String::new(),
            auto_post: true,
            terms: PlanTerms {
                principal: crate::domain::Money::ZERO,
                periods: 12,
                fee: crate::domain::FeeTerms {
                    model: FeeModel::MonthlyFee,
                    rate: crate::domain::Rate::ZERO,
                    discount: None,
                    free_periods: Vec::new(),
                    ..Default::default()
                },
                remainder: Default::default(),
                first_due,
                payoff: Default::default(),
                overdue: Default::default(),
                dates: Default::default(),
            },
            card: default_card,
            auto_debit: default_card.is_some(),
            note: String::new(),
        };
        let mut form = PlanForm::from_draft(&draft, None, cards);
        form.form.set_text(PlanField::Principal, "");
        form.form.set_text(PlanField::Rate, "");
        form.refresh(lang, today);
        form
    }

    /// The form filled with an existing plan.
    pub(crate) fn edit(
        seed: &PlanSeed,
        lang: Lang,
        today: NaiveDate,
        cards: &[(CardId, String)],
    ) -> PlanForm {
        let mut form = PlanForm::from_draft(&seed.draft, Some(seed.id), cards);
        if seed.locked {
            for id in TERMS_FIELDS {
                form.form.lock(id);
            }
        }
        form.refresh(lang, today);
        form
    }

    fn from_draft(
        draft: &PlanDraft,
        editing: Option<PlanId>,
        cards: &[(CardId, String)],
    ) -> PlanForm {
        let terms = &draft.terms;
        let models = FeeModel::ALL
            .iter()
            .map(|m| ChoiceOption {
                code: m.code().to_string(),
                label: Label::Model(*m),
            })
            .collect();
        let rate = if terms.fee.model == FeeModel::InterestFree {
            String::new()
        } else {
            terms.fee.rate.to_string()
        };
        let free: Vec<String> = terms.fee.free_periods.iter().map(u32::to_string).collect();
        let card = draft.card.map(|id| id.0.to_string()).unwrap_or_default();
        let yes_no = vec![
            ChoiceOption::text("no", TuiText::No),
            ChoiceOption::text("yes", TuiText::Yes),
        ];
        let fields = vec![
            Field::text(PlanField::Name, TuiText::FieldName, draft.name.clone()),
            Field::text(
                PlanField::Provider,
                TuiText::FieldProvider,
                draft.provider.clone(),
            ),
            Field::text(
                PlanField::Principal,
                TuiText::FieldPrincipal,
                terms.principal.to_string(),
            ),
            Field::text(
                PlanField::Periods,
                TuiText::FieldPeriods,
                terms.periods.to_string(),
            ),
            Field::choice(
                PlanField::Model,
                TuiText::FieldModel,
                models,
                terms.fee.model.code(),
            ),
            Field::text(PlanField::Rate, rate_label(terms.fee.model), rate),
            Field::text(
                PlanField::FirstDue,
                TuiText::FieldFirstDue,
                terms.first_due.to_string(),
            ),
            Field::choice(
                PlanField::Card,
                TuiText::FieldCard,
                card_options(cards),
                &card,
            ),
            Field::choice(
                PlanField::AutoDebit,
                TuiText::FieldAutoDebit,
                yes_no,
                if draft.auto_debit { "yes" } else { "no" },
            ),
            Field::text(
                PlanField::Discount,
                TuiText::FieldDiscount,
                terms
                    .fee
                    .discount
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            Field::text(
                PlanField::FreePeriods,
                TuiText::FieldFreePeriods,
                free.join(","),
            ),
            Field::choice(
                PlanField::Remainder,
                TuiText::FieldRemainder,
                vec![
                    ChoiceOption::text("last", TuiText::RemainderLast),
                    ChoiceOption::text("first", TuiText::RemainderFirst),
                ],
                terms.remainder.code(),
            ),
            Field::choice(
                PlanField::PayoffPolicy,
                TuiText::FieldPayoffPolicy,
                policy_options(),
                policy_code(terms.payoff),
            ),
            Field::text(
                PlanField::PayoffRate,
                TuiText::FieldPayoffRate,
                match terms.payoff {
                    PayoffPolicy::Penalty(rate) | PayoffPolicy::FeeOnRemaining(rate) => {
                        rate.to_string()
                    }
                    _ => DEFAULT_PAYOFF_RATE.to_string(),
                },
            ),
            Field::text(
                PlanField::GraceDays,
                TuiText::FieldGraceDays,
                terms.overdue.grace_days.to_string(),
            ),
            Field::text(
                PlanField::PenaltyDaily,
                TuiText::FieldPenaltyDaily,
                terms.overdue.penalty_daily.to_string(),
            ),
            Field::choice(
                PlanField::PenaltyFrom,
                TuiText::FieldPenaltyFrom,
                vec![
                    ChoiceOption::text("due", TuiText::PenaltyFromDue),
                    ChoiceOption::text("grace-end", TuiText::PenaltyFromGraceEnd),
                ],
                terms.overdue.from.code(),
            ),
        ];
        let mut fields = fields;
        fields.extend(more_fields(terms));
        // The note stays the form's last field.
        fields.push(Field::text(
            PlanField::Note,
            TuiText::FieldNote,
            draft.note.clone(),
        ));
        PlanForm {
            form: Form::new(fields),
            editing,
            draft: None,
            preview: None,
            preset: None,
            auto_post: draft.auto_post,
            shown: Vec::new(),
        }
    }

    /// Why there is no preview: the labels of the fields it needs that are left blank, and of
    /// those that are invalid (the name and provider do not matter to it).
    pub(crate) fn preview_blockers(&self) -> (Vec<TuiText>, Vec<TuiText>) {
        let mut blank = Vec::new();
        let mut invalid = Vec::new();
        for field in &self.form.fields {
            if matches!(field.id, PlanField::Name | PlanField::Provider)
                || !field.enabled
                || field.error.is_none()
            {
                continue;
            }
            if field.value().trim().is_empty() {
                blank.push(field.label);
            } else {
                invalid.push(field.label);
            }
        }
        (blank, invalid)
    }

    /// The fee model chosen in the form.
    pub(crate) fn model(&self) -> FeeModel {
        FeeModel::from_code(self.form.value(PlanField::Model)).unwrap_or(FeeModel::MonthlyFee)
    }

    /// Revalidates every field and recomputes the preview (after each edit and on language change).
    pub(crate) fn refresh(&mut self, lang: Lang, today: NaiveDate) {
        let periods_error = preset_fill::follow_periods(self, lang, today);
        let model = self.model();
        self.form
            .set_enabled(PlanField::Rate, model != FeeModel::InterestFree);
        self.form
            .set_enabled(PlanField::Discount, model.is_fee_based());
        self.form
            .set_enabled(PlanField::FreePeriods, model.is_fee_based());
        self.form
            .set_enabled(PlanField::MinFee, model.is_fee_based());
        let rule = self.form.value(PlanField::DueRule).to_string();
        self.form
            .set_enabled(PlanField::FirstDue, rule == "first-due");
        self.form.set_enabled(
            PlanField::DueDay,
            rule == "due-day" || rule == "statement-day",
        );
        self.form
            .set_enabled(PlanField::DueAfter, rule == "statement-day");
        if let Some(field) = self
            .form
            .fields
            .iter_mut()
            .find(|f| f.id == PlanField::DueDay)
        {
            field.label = if rule == "statement-day" {
                TuiText::FieldStatementDay
            } else {
                TuiText::FieldDueDay
            };
        }
        let rated = self.rated_policy();
        self.form.set_enabled(PlanField::PayoffRate, rated);
        if let Some(field) = self
            .form
            .fields
            .iter_mut()
            .find(|f| f.id == PlanField::Rate)
        {
            field.label = rate_label(model);
        }
        self.form.clear_errors();
        if rated && let Err(error) = Rate::parse(self.form.value(PlanField::PayoffRate)) {
            self.form.set_error(
                PlanField::PayoffRate,
                input_error(lang, &InputError::Rate(error)),
            );
        }
        if let Some(error) = periods_error {
            self.form.set_error(PlanField::Periods, error);
        }
        let terms = self.validate_terms(lang, today);
        self.preview = None;
        if let Some(terms) = &terms {
            match quote_plan(terms) {
                Ok(quote) => self.preview = Some(quote),
                Err(QuoteError::Schedule(e)) => self
                    .form
                    .set_error(PlanField::Principal, errors::schedule(lang, &e)),
                Err(QuoteError::Apr(e)) => self
                    .form
                    .set_error(PlanField::Principal, errors::apr(lang, &e)),
            }
        }
        self.validate_names(lang);
        self.validate_note(lang);
        if self
            .form
            .field(PlanField::Principal)
            .is_some_and(|f| f.locked)
        {
            self.form.set_note(
                PlanField::Principal,
                Some(TuiText::TermsLockedNote.text(lang).to_string()),
            );
        }
        let discount = self
            .form
            .optional(PlanField::Discount)
            .and_then(|text| parse_discount(&text).ok());
        self.form.set_note(
            PlanField::Discount,
            discount.map(|d| discount_meaning(lang, d)),
        );
        let policy = PayoffPolicy::parse(&self.policy_text());
        self.form.set_note(
            PlanField::PayoffPolicy,
            policy.map(|p| payoff_policy_rule(lang, p)),
        );
        let card = self
            .form
            .value(PlanField::Card)
            .parse::<i64>()
            .ok()
            .map(CardId);
        self.draft = match terms {
            Some(terms) if !self.form.has_errors() => Some(PlanDraft {
                name: self.form.value(PlanField::Name).trim().to_string(),
                provider: self.form.value(PlanField::Provider).trim().to_string(),
                terms,
                card,
                auto_debit: self.form.value(PlanField::AutoDebit) == "yes",
                auto_post: self.auto_post,
                note: self.form.value(PlanField::Note).trim().to_string(),
            }),
            _ => None,
        };
        preset_fill::mark(self);
    }

    fn validate_note(&mut self, lang: Lang) {
        let note = self.form.value(PlanField::Note).trim();
        if note.chars().count() > NOTE_MAX_CHARS {
            self.form.set_error(
                PlanField::Note,
                crate::i18n::fill(TuiText::TooLong.text(lang), &[&NOTE_MAX_CHARS]),
            );
        } else if note.chars().any(char::is_control) {
            self.form
                .set_error(PlanField::Note, TuiText::NoControlChars.text(lang));
        }
    }

    fn validate_names(&mut self, lang: Lang) {
        for id in [PlanField::Name, PlanField::Provider] {
            let value = self.form.value(id).trim();
            if value.is_empty() {
                self.form.set_error(id, TuiText::Required.text(lang));
            } else if value.chars().count() > MAX_NAME_CHARS {
                self.form.set_error(
                    id,
                    crate::i18n::fill(TuiText::TooLong.text(lang), &[&MAX_NAME_CHARS]),
                );
            } else if value.chars().any(char::is_control) {
                self.form.set_error(id, TuiText::NoControlChars.text(lang));
            }
        }
    }

    /// True when the policy chosen takes a rate (a penalty, a fee on the remaining principal).
    fn rated_policy(&self) -> bool {
        RATED_CHOICES.contains(&self.form.value(PlanField::PayoffPolicy))
    }

    /// The payoff policy chosen, as `plan add --payoff-policy` takes it (`penalty:3%`).
    fn policy_text(&self) -> String {
        let chosen = self.form.value(PlanField::PayoffPolicy);
        if self.rated_policy() {
            format!("{chosen}:{}", self.form.value(PlanField::PayoffRate).trim())
        } else {
            chosen.to_string()
        }
    }

    /// The text of the form's terms fields: the rate under its model's field, the discount and
    /// fee-free periods when given (and enabled).
    fn terms_text(&self) -> TermsText {
        let f = &self.form;
        let model = self.model();
        let mut text = preset_fill::hidden_text(self);
        for (term, field) in [
            (TermField::Principal, PlanField::Principal),
            (TermField::Periods, PlanField::Periods),
            (TermField::Remainder, PlanField::Remainder),
            (TermField::Start, PlanField::Start),
            (TermField::Every, PlanField::Every),
            (TermField::GraceDays, PlanField::GraceDays),
            (TermField::PenaltyDaily, PlanField::PenaltyDaily),
            (TermField::PenaltyFrom, PlanField::PenaltyFrom),
            (TermField::PenaltyBase, PlanField::PenaltyBase),
            (TermField::PenaltyMin, PlanField::PenaltyMin),
            (TermField::LateFee, PlanField::LateFee),
            (TermField::LateFeeExtra, PlanField::LateFeeExtra),
            (TermField::LateFeeCap, PlanField::LateFeeCap),
            (TermField::Tolerance, PlanField::Tolerance),
        ] {
            text.set(term, f.value(field));
        }
        match f.value(PlanField::DueRule) {
            // An empty first due date: one period after the start.
            "first-due" => text.set_some(
                TermField::FirstDue,
                f.optional(PlanField::FirstDue).as_deref(),
            ),
            "due-day" => text.set(TermField::DueDay, f.value(PlanField::DueDay)),
            "statement-day" => {
                text.set(TermField::StatementDay, f.value(PlanField::DueDay));
                text.set(TermField::DueAfter, f.value(PlanField::DueAfter));
            }
            // One period after the start: no field of its own.
            _ => {}
        }
        text.set(TermField::PayoffPolicy, self.policy_text());
        if let Some(rate) = TermField::for_model(model) {
            text.set(rate, f.value(PlanField::Rate));
        }
        text.set_some(TermField::Method, model.method());
        text.set_some(
            TermField::FeeDiscount,
            f.optional(PlanField::Discount).as_deref(),
        );
        text.set_some(
            TermField::FeeFreePeriods,
            f.optional(PlanField::FreePeriods).as_deref(),
        );
        text.set_some(TermField::MinFee, f.optional(PlanField::MinFee).as_deref());
        text
    }

    /// Checks each field on its own (so every bad field shows its error), then the terms as a
    /// whole through the same parser `plan add` uses.
    fn validate_terms(&mut self, lang: Lang, today: NaiveDate) -> Option<PlanTerms> {
        let text = self.terms_text();
        let field_errors = text.field_errors(today);
        let errors = if field_errors.is_empty() {
            match text.parse(today) {
                Ok(terms) => return Some(terms),
                Err(errors) => errors,
            }
        } else {
            field_errors
        };
        let rated = self.rated_policy();
        for (field, error) in &errors {
            let at = match form_field(*field) {
                // A policy with a rate can only be wrong in its rate.
                PlanField::PayoffPolicy if rated => PlanField::PayoffRate,
                other => other,
            };
            self.form.set_error(at, input_error(lang, error));
        }
        None
    }
}

/// The fields of the dates and overdue rules beyond the first screen's, after it: start date,
/// due-date rule with its day and days after, period length, minimum fee, penalty base and
/// minimum, late fees and their caps, tolerance.
fn more_fields(terms: &PlanTerms) -> Vec<Field<PlanField>> {
    let dates = &terms.dates;
    let (day, after) = match dates.due {
        DueRule::DueDay(day) => (day.to_string(), String::new()),
        DueRule::StatementDay { day, due_after } => (day.to_string(), due_after.to_string()),
        DueRule::FirstDue | DueRule::AfterStart => (String::new(), String::new()),
    };
    let overdue = &terms.overdue;
    let fees = &overdue.late_fees;
    let caps: Vec<String> = fees.caps().iter().map(ToString::to_string).collect();
    let text = |id, label, value: String| Field::text(id, label, value);
    vec![
        text(
            PlanField::Start,
            TuiText::FieldStart,
            dates.start.map(|d| d.to_string()).unwrap_or_default(),
        ),
        Field::choice(
            PlanField::DueRule,
            TuiText::FieldDueRule,
            due_rule_options(),
            dates.due.code(),
        ),
        text(PlanField::DueDay, TuiText::FieldDueDay, day),
        text(PlanField::DueAfter, TuiText::FieldDueAfter, after),
        text(PlanField::Every, TuiText::FieldEvery, dates.every.code()),
        text(
            PlanField::MinFee,
            TuiText::FieldMinFee,
            terms.fee.min_fee.map(|m| m.to_string()).unwrap_or_default(),
        ),
        Field::choice(
            PlanField::PenaltyBase,
            TuiText::FieldPenaltyBase,
            penalty_base_options(),
            overdue.base.code(),
        ),
        text(
            PlanField::PenaltyMin,
            TuiText::FieldPenaltyMin,
            overdue.penalty_min.to_string(),
        ),
        text(
            PlanField::LateFee,
            TuiText::FieldLateFee,
            fees.fee.to_string(),
        ),
        text(
            PlanField::LateFeeExtra,
            TuiText::FieldLateFeeExtra,
            fees.extra.map(|e| e.to_string()).unwrap_or_default(),
        ),
        text(
            PlanField::LateFeeCap,
            TuiText::FieldLateFeeCap,
            caps.join(&format!("{CAP_SEPARATOR} ")),
        ),
        text(
            PlanField::Tolerance,
            TuiText::FieldTolerance,
            overdue.tolerance.to_string(),
        ),
    ]
}

/// What a fee discount means, shown under the field as it is typed: `fee × 0.2, i.e. 80% off`
/// (so "20%" typed for "20% off" shows at once that it means the opposite).
fn discount_meaning(lang: Lang, discount: Rate) -> String {
    let factor = discount.fraction().normalize();
    let off = ((Decimal::ONE - factor) * Decimal::ONE_HUNDRED).normalize();
    crate::i18n::fill(TuiText::DiscountMeans.text(lang), &[&factor, &off])
}

/// The form field a terms field is typed into.
pub(super) fn form_field(field: TermField) -> PlanField {
    match field {
        TermField::Principal => PlanField::Principal,
        TermField::Periods => PlanField::Periods,
        TermField::MonthlyFee
        | TermField::TotalFee
        | TermField::UpfrontFee
        | TermField::AnnualRate
        | TermField::DailyRate => PlanField::Rate,
        TermField::Method => PlanField::Model,
        TermField::Remainder => PlanField::Remainder,
        TermField::FeeDiscount => PlanField::Discount,
        TermField::FeeFreePeriods => PlanField::FreePeriods,
        TermField::MinFee => PlanField::MinFee,
        TermField::Start => PlanField::Start,
        TermField::FirstDue => PlanField::FirstDue,
        TermField::DueDay | TermField::StatementDay => PlanField::DueDay,
        TermField::DueAfter => PlanField::DueAfter,
        TermField::Every => PlanField::Every,
        TermField::GraceDays => PlanField::GraceDays,
        TermField::PenaltyDaily => PlanField::PenaltyDaily,
        TermField::PenaltyFrom => PlanField::PenaltyFrom,
        TermField::PenaltyBase => PlanField::PenaltyBase,
        TermField::PenaltyMin => PlanField::PenaltyMin,
        TermField::LateFee => PlanField::LateFee,
        TermField::LateFeeExtra => PlanField::LateFeeExtra,
        TermField::LateFeeCap => PlanField::LateFeeCap,
        TermField::Tolerance => PlanField::Tolerance,
        TermField::PayoffPolicy => PlanField::PayoffPolicy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rate::percent4;
    use crate::tui::forms::input::EditKey;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 10).unwrap()
    }

    fn type_into(form: &mut PlanForm, field: PlanField, text: &str) {
        form.form.focus = form.form.fields.iter().position(|f| f.id == field).unwrap();
        form.form.apply(EditKey::Clear);
        for c in text.chars() {
            form.form.apply(EditKey::Char(c));
        }
        form.refresh(Lang::En, today());
    }

    #[test]
    fn previews_the_worked_example_while_typing() {
        let mut form = PlanForm::add(Lang::En, today(), &[], None);
        assert!(form.draft.is_none());
        assert!(form.preview.is_none());
        type_into(&mut form, PlanField::Principal, "6000");
        type_into(&mut form, PlanField::Rate, "0.6%");
        let quote = form.preview.as_ref().unwrap();
        assert_eq!(quote.schedule[0].amount.to_string(), "536.00");
        assert_eq!(percent4(quote.cost.apr_percent), "13.0342");
        assert!(form.draft.is_none(), "name and provider are still missing");
        type_into(&mut form, PlanField::Name, "小米 14");
        type_into(&mut form, PlanField::Provider, "小米分期");
        let draft = form.draft.as_ref().unwrap();
        assert_eq!(draft.terms.principal.to_string(), "6000.00");
        assert_eq!(draft.terms.first_due.to_string(), "2025-02-10");
        assert_eq!(draft.provider, "小米分期");
    }

    #[test]
    fn every_bad_field_gets_its_own_error() {
        let mut form = PlanForm::add(Lang::En, today(), &[], None);
        type_into(&mut form, PlanField::Principal, "abc");
        type_into(&mut form, PlanField::Periods, "0");
        type_into(&mut form, PlanField::GraceDays, "-1");
        form.form.show_all_errors = true;
        let error = |id| {
            let index = form.form.fields.iter().position(|f| f.id == id).unwrap();
            form.form.visible_error(index).map(str::to_string)
        };
        assert!(
            error(PlanField::Principal)
                .unwrap()
                .contains("not an amount")
        );
        assert!(error(PlanField::Periods).unwrap().contains("1 to 360"));
        assert!(error(PlanField::GraceDays).is_some());
        assert!(error(PlanField::Rate).is_some());
        assert!(error(PlanField::Name).is_some());
        assert!(error(PlanField::FirstDue).is_none());
        assert!(form.draft.is_none());
    }

    /// The error shown under a field (every error shown, as after a submit).
    fn shown_error(form: &mut PlanForm, id: PlanField) -> Option<String> {
        form.form.show_all_errors = true;
        let index = form.form.fields.iter().position(|f| f.id == id).unwrap();
        form.form.visible_error(index).map(str::to_string)
    }

    #[test]
    fn a_bad_discount_and_bad_fee_free_periods_show_their_errors_together() {
        let mut form = PlanForm::add(Lang::En, today(), &[], None);
        type_into(&mut form, PlanField::Principal, "6000");
        type_into(&mut form, PlanField::Periods, "6");
        type_into(&mut form, PlanField::Rate, "0.6%");
        type_into(&mut form, PlanField::Discount, "abc");
        type_into(&mut form, PlanField::FreePeriods, "1,2,9");
        let discount = shown_error(&mut form, PlanField::Discount).unwrap();
        assert!(discount.contains("80%, 8折, 0.8 or 20% off"), "{discount}");
        let free = shown_error(&mut form, PlanField::FreePeriods).unwrap();
        assert!(free.contains("1 to 6"), "{free}");
        // A discount over 100% is the discount's error too, beside the periods'.
        type_into(&mut form, PlanField::Discount, "120%");
        let discount = shown_error(&mut form, PlanField::Discount).unwrap();
        assert!(discount.contains("more than 100%"), "{discount}");
        assert!(shown_error(&mut form, PlanField::FreePeriods).is_some());
        // With the periods invalid, the list is still checked on its own.
        type_into(&mut form, PlanField::Periods, "x");
        type_into(&mut form, PlanField::FreePeriods, "1,a");
        assert!(shown_error(&mut form, PlanField::FreePeriods).is_some());
        type_into(&mut form, PlanField::FreePeriods, "1,2");
        assert_eq!(shown_error(&mut form, PlanField::FreePeriods), None);
    }

    #[test]
    fn the_preview_names_what_it_waits_for() {
        let mut form = PlanForm::add(Lang::En, today(), &[], None);
        assert_eq!(
            form.preview_blockers(),
            (
                vec![TuiText::FieldPrincipal, TuiText::FieldMonthlyFee],
                vec![]
            )
        );
        type_into(&mut form, PlanField::Principal, "6000");
        type_into(&mut form, PlanField::Rate, "0.6%");
        type_into(&mut form, PlanField::FirstDue, "2025-02-30");
        assert!(form.preview.is_none());
        assert_eq!(
            form.preview_blockers(),
            (vec![], vec![TuiText::FieldFirstDue]),
            "only the first due date is wrong"
        );
        type_into(&mut form, PlanField::Periods, "");
        assert_eq!(
            form.preview_blockers(),
            (vec![TuiText::FieldPeriods], vec![TuiText::FieldFirstDue])
        );
    }

    #[test]
    fn the_fee_discount_says_what_it_means() {
        let mut form = PlanForm::add(Lang::En, today(), &[], None);
        let at = form
            .form
            .fields
            .iter()
            .position(|f| f.id == PlanField::Discount)
            .unwrap();
        assert_eq!(form.form.visible_note(at), None, "nothing typed");
        for (typed, note) in [
            ("20%", "fee × 0.2, i.e. 80% off"),
            ("8折", "fee × 0.8, i.e. 20% off"),
            ("20% off", "fee × 0.8, i.e. 20% off"),
            ("0.85", "fee × 0.85, i.e. 15% off"),
        ] {
            type_into(&mut form, PlanField::Discount, typed);
            assert_eq!(form.form.visible_note(at), Some(note), "{typed}");
        }
        form.refresh(Lang::Zh, today());
        assert_eq!(
            form.form.visible_note(at),
            Some("手续费 × 0.85，即减免 15%")
        );
    }

    #[test]
    fn the_payoff_policy_is_a_choice_with_its_rule_under_it() {
        let mut form = PlanForm::add(Lang::Zh, today(), &[], None);
        let at = |id| form_index(&form, id);
        let (policy, penalty) = (at(PlanField::PayoffPolicy), at(PlanField::PayoffRate));
        assert_eq!(
            form.form.visible_note(policy),
            Some("提前结清只需还剩余本金：尚未到期各期的手续费全免。")
        );
        assert_eq!(form.form.fields[policy].display(Lang::Zh), "剩余手续费全免");
        assert!(
            !form.form.fields[penalty].enabled,
            "no penalty rate to type"
        );
        // → three times: the penalty, its rate field opens with 3%.
        form.form.focus = policy;
        for _ in 0..3 {
            form.form.apply(EditKey::Right);
        }
        form.refresh(Lang::En, today());
        assert_eq!(
            form.form.fields[policy].display(Lang::En),
            "remaining fees waived, a penalty on the remaining principal"
        );
        assert!(form.form.fields[penalty].enabled);
        assert_eq!(
            form.form.visible_note(policy),
            Some(
                "Paying off early costs the remaining principal plus 3% of it as a penalty; the remaining fees are waived."
            )
        );
        type_into(&mut form, PlanField::PayoffRate, "abc");
        assert!(shown_error(&mut form, PlanField::PayoffRate).is_some());
        assert_eq!(shown_error(&mut form, PlanField::PayoffPolicy), None);
        type_into(&mut form, PlanField::PayoffRate, "2.5%");
        assert_eq!(shown_error(&mut form, PlanField::PayoffRate), None);
        type_into(&mut form, PlanField::Name, "n");
        type_into(&mut form, PlanField::Provider, "p");
        type_into(&mut form, PlanField::Principal, "1000");
        type_into(&mut form, PlanField::Rate, "0.5%");
        assert_eq!(
            form.draft.as_ref().unwrap().terms.payoff.to_string(),
            "penalty:2.5%"
        );
    }

    fn form_index(form: &PlanForm, id: PlanField) -> usize {
        form.form.fields.iter().position(|f| f.id == id).unwrap()
    }

    #[test]
    fn cross_field_errors_come_from_the_shared_parser() {
        let mut form = PlanForm::add(Lang::En, today(), &[], None);
        type_into(&mut form, PlanField::Name, "n");
        type_into(&mut form, PlanField::Provider, "p");
        type_into(&mut form, PlanField::Principal, "1000");
        type_into(&mut form, PlanField::Rate, "0.5%");
        type_into(&mut form, PlanField::Periods, "3");
        type_into(&mut form, PlanField::FreePeriods, "4");
        let index = form
            .form
            .fields
            .iter()
            .position(|f| f.id == PlanField::FreePeriods)
            .unwrap();
        assert!(form.form.visible_error(index).unwrap().contains("1 to 3"));
        type_into(&mut form, PlanField::FreePeriods, "1");
        assert!(form.draft.is_some());
        assert_eq!(form.draft.as_ref().unwrap().terms.fee.free_periods, vec![1]);
    }

    #[test]
    fn interest_free_disables_the_rate() {
        let mut form = PlanForm::add(Lang::En, today(), &[], None);
        form.form.focus = 4;
        while form.model() != FeeModel::InterestFree {
            form.form.apply(EditKey::Right);
        }
        type_into(&mut form, PlanField::Principal, "999.99");
        type_into(&mut form, PlanField::Periods, "4");
        type_into(&mut form, PlanField::Name, "n");
        type_into(&mut form, PlanField::Provider, "p");
        assert!(!form.form.field(PlanField::Rate).unwrap().enabled);
        let quote = form.preview.as_ref().unwrap();
        assert_eq!(quote.total_fee.to_string(), "0.00");
        assert_eq!(quote.schedule[3].amount.to_string(), "250.02");
        assert!(form.draft.is_some());
    }

    /// A plan with every kind of term opens in the edit form and saves back unchanged.
    #[test]
    fn the_edit_form_keeps_every_term() {
        let mut typed = TermsText::default();
        for (field, value) in [
            (TermField::Principal, "5000"),
            (TermField::Periods, "5"),
            (TermField::DailyRate, "0.05%"),
            (TermField::Method, "equal-principal"),
            (TermField::Start, "2025-01-24"),
            (TermField::StatementDay, "24"),
            (TermField::DueAfter, "20"),
            (TermField::PenaltyBase, "principal"),
            (TermField::PenaltyMin, "0.01"),
            (TermField::LateFee, "10"),
            (TermField::LateFeeExtra, "7:7"),
            (TermField::LateFeeCap, "68;25%"),
            (TermField::Tolerance, "1"),
            (TermField::PayoffPolicy, "fee-on-remaining:3.9%"),
        ] {
            typed.set(field, value);
        }
        let terms = typed.parse(today()).unwrap();
        let seed = PlanSeed {
            id: PlanId(1),
            draft: PlanDraft {
                name: "微粒贷".into(),
                provider: "微众银行".into(),
                card: None,
                auto_debit: false,
                auto_post: true,
                note: String::new(),
                terms,
            },
            locked: false,
        };
        let form = PlanForm::edit(&seed, Lang::En, today(), &[]);
        assert_eq!(
            form.draft.as_ref().map(|d| &d.terms),
            Some(&seed.draft.terms)
        );
        let mut by_month = seed.clone();
        by_month.draft.terms = text_terms(&[
            (TermField::Principal, "600"),
            (TermField::Periods, "12"),
            (TermField::MonthlyFee, "0.6%"),
            (TermField::MinFee, "5"),
            (TermField::Start, "2025-02-05"),
            (TermField::DueDay, "10"),
            (TermField::Every, "month"),
        ]);
        let form = PlanForm::edit(&by_month, Lang::En, today(), &[]);
        assert_eq!(
            form.draft.as_ref().map(|d| &d.terms),
            Some(&by_month.draft.terms)
        );
    }

    fn text_terms(fields: &[(TermField, &str)]) -> PlanTerms {
        let mut typed = TermsText::default();
        for (field, value) in fields {
            typed.set(*field, *value);
        }
        typed.parse(today()).unwrap()
    }

    /// The due-date rule chosen enables its own fields, and the preview follows it: 建设's
    /// statement day 24 with 20 days to due from a purchase on 2025-02-10.
    #[test]
    fn a_statement_day_rule_dates_the_preview() {
        let mut form = PlanForm::add(Lang::En, today(), &[], None);
        type_into(&mut form, PlanField::Principal, "3000");
        type_into(&mut form, PlanField::Periods, "3");
        type_into(&mut form, PlanField::Rate, "0.6%");
        assert!(!form.form.field(PlanField::DueDay).unwrap().enabled);
        form.form.focus = form
            .form
            .fields
            .iter()
            .position(|f| f.id == PlanField::DueRule)
            .unwrap();
        while form.form.value(PlanField::DueRule) != "statement-day" {
            form.form.apply(EditKey::Right);
        }
        form.refresh(Lang::En, today());
        assert!(!form.form.field(PlanField::FirstDue).unwrap().enabled);
        assert_eq!(
            form.form.field(PlanField::DueDay).unwrap().label,
            TuiText::FieldStatementDay
        );
        type_into(&mut form, PlanField::Start, "2025-02-10");
        type_into(&mut form, PlanField::DueDay, "24");
        type_into(&mut form, PlanField::DueAfter, "20");
        let dates: Vec<String> = form
            .preview
            .as_ref()
            .unwrap()
            .schedule
            .iter()
            .map(|i| i.due_date.to_string())
            .collect();
        assert_eq!(dates, ["2025-03-16", "2025-04-13", "2025-05-14"]);
        type_into(&mut form, PlanField::DueDay, "32");
        assert!(
            shown_error(&mut form, PlanField::DueDay)
                .unwrap()
                .contains("1 to 31")
        );
        type_into(&mut form, PlanField::DueDay, "24");
        type_into(&mut form, PlanField::LateFeeCap, "120%");
        assert!(shown_error(&mut form, PlanField::LateFeeCap).is_some());
    }
}
