//! The form framework: labelled text and choice fields, focus, and per-field errors.

use super::input::{EditKey, TextInput};
use crate::domain::{FeeModel, PayoffPolicy};
use crate::i18n::Lang;
use crate::i18n::rules::RuleText;
use crate::i18n::tui::TuiText;
use crate::store::Channel;

/// What a choice option shows: a translated text or data (a card's name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Text(TuiText),
    /// A repayment channel, named by the ledger's catalogue.
    Channel(Channel),
    /// A fee model, by its short name in the terms catalogue.
    Model(FeeModel),
    /// An early payoff policy, by its name in the policy catalogue (a penalty without its rate).
    Policy(PayoffPolicy),
    /// A card's kind: debit / credit.
    CardKind(crate::store::CardKind),
    /// A plan rule's phrase (a due-date rule, a penalty base), from the rules catalogue.
    Rule(RuleText),
    Raw(String),
}

impl Label {
    pub(crate) fn resolve(&self, lang: Lang) -> String {
        match self {
            Label::Text(text) => text.text(lang).to_string(),
            Label::Channel(channel) => crate::i18n::store::channel(lang, *channel).to_string(),
            Label::Model(model) => crate::i18n::terms::model_short_name(*model, lang).to_string(),
            Label::Policy(policy) => crate::i18n::policy::payoff_policy_choice_name(lang, *policy),
            Label::CardKind(kind) => crate::i18n::store::card_kind(lang, *kind).to_string(),
            Label::Rule(text) => text.text(lang).to_string(),
            Label::Raw(raw) => raw.clone(),
        }
    }
}

/// One option of a choice field: the code the form reads and what the user sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceOption {
    pub code: String,
    pub label: Label,
}

impl ChoiceOption {
    pub(crate) fn text(code: &str, label: TuiText) -> ChoiceOption {
        ChoiceOption {
            code: code.to_string(),
            label: Label::Text(label),
        }
    }

    pub(crate) fn raw(code: impl Into<String>, label: impl Into<String>) -> ChoiceOption {
        ChoiceOption {
            code: code.into(),
            label: Label::Raw(label.into()),
        }
    }
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text(TextInput),
    /// One of a fixed list, cycled with ← → or space.
    Choice {
        options: Vec<ChoiceOption>,
        index: usize,
    },
}

/// A labelled input with the error (if any) its last validation found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<F> {
    pub id: F,
    pub label: TuiText,
    pub kind: FieldKind,
    pub error: Option<String>,
    /// Edited since the form opened: only then (or after a submit) is its error shown.
    pub touched: bool,
    /// Disabled fields are skipped by Tab and ignored by validation (e.g. the rate when interest-free).
    pub enabled: bool,
    /// What a valid value stands for, shown under the field while it has no error (the name
    /// of a payoff policy typed as its code).
    pub note: Option<String>,
    /// Shows every digit but the last four as `•` (a card number typed where its last four
    /// digits go is never shown whole).
    pub masked: bool,
    /// Shown and validated but not editable, and skipped by Tab (a plan's terms once it has
    /// repayments).
    pub locked: bool,
    /// Drawn with a mark beside its label: the value came from a provider preset.
    pub marked: bool,
}

impl<F> Field<F> {
    pub(crate) fn text(id: F, label: TuiText, value: impl Into<String>) -> Field<F> {
        Field {
            id,
            label,
            kind: FieldKind::Text(TextInput::new(value)),
            error: None,
            touched: false,
            enabled: true,
            note: None,
            masked: false,
            locked: false,
            marked: false,
        }
    }

    /// A choice field with `selected` chosen (the first option when no code matches).
    pub(crate) fn choice(
        id: F,
        label: TuiText,
        options: Vec<ChoiceOption>,
        selected: &str,
    ) -> Field<F> {
        let index = options.iter().position(|o| o.code == selected).unwrap_or(0);
        Field {
            id,
            label,
            kind: FieldKind::Choice { options, index },
            error: None,
            touched: false,
            enabled: true,
            note: None,
            masked: false,
            locked: false,
            marked: false,
        }
    }

    /// The text typed, or the code of the chosen option.
    pub(crate) fn value(&self) -> &str {
        match &self.kind {
            FieldKind::Text(input) => input.text(),
            FieldKind::Choice { options, index } => {
                options.get(*index).map_or("", |o| o.code.as_str())
            }
        }
    }

    /// A text field whose digits but the last four are shown as `•`.
    pub(crate) fn masked(mut self) -> Field<F> {
        self.masked = true;
        self
    }

    /// What the field shows: the text (masked if so), or the chosen option's label. One
    /// character shown for each character held, so the cursor's place carries over.
    pub(crate) fn display(&self, lang: Lang) -> String {
        match &self.kind {
            FieldKind::Text(input) if self.masked => mask_all_but_last4(input.text()),
            FieldKind::Text(input) => input.text().to_string(),
            FieldKind::Choice { options, index } => options
                .get(*index)
                .map_or(String::new(), |o| o.label.resolve(lang)),
        }
    }

    /// Applies an edit; choice fields cycle on ← → and space. Returns whether the value changed.
    fn apply(&mut self, key: EditKey) -> bool {
        if self.locked {
            return false;
        }
        match &mut self.kind {
            FieldKind::Text(input) => input.apply(key),
            FieldKind::Choice { options, index } => {
                let len = options.len();
                if len < 2 {
                    return false;
                }
                match key {
                    EditKey::Right | EditKey::Char(' ') => *index = (*index + 1) % len,
                    EditKey::Left => *index = (*index + len - 1) % len,
                    _ => return false,
                }
                true
            }
        }
    }
}

/// `text` with each digit but the last four replaced by `•` (full-width digits count).
fn mask_all_but_last4(text: &str) -> String {
    let digits = crate::domain::card_digits::digit_count(text);
    let mut seen = 0;
    text.chars()
        .map(|c| {
            if crate::domain::numtext::to_halfwidth(c).is_ascii_digit() {
                seen += 1;
                if seen + 4 <= digits {
                    return '•';
                }
            }
            c
        })
        .collect()
}

/// A form: its fields in order, the focused one, and whether a submit was tried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form<F> {
    pub fields: Vec<Field<F>>,
    pub focus: usize,
    /// After a failed submit every error is shown, touched or not.
    pub show_all_errors: bool,
}

impl<F: Copy + Eq> Form<F> {
    pub(crate) fn new(fields: Vec<Field<F>>) -> Form<F> {
        Form {
            fields,
            focus: 0,
            show_all_errors: false,
        }
    }

    pub fn field(&self, id: F) -> Option<&Field<F>> {
        self.fields.iter().find(|f| f.id == id)
    }

    fn field_mut(&mut self, id: F) -> Option<&mut Field<F>> {
        self.fields.iter_mut().find(|f| f.id == id)
    }

    /// The value of a field ("" when the form has no such field).
    pub fn value(&self, id: F) -> &str {
        self.field(id).map_or("", |f| f.value())
    }

    /// The value, or `None` when it is blank or the field is disabled.
    pub(crate) fn optional(&self, id: F) -> Option<String> {
        self.field(id)
            .filter(|f| f.enabled && !f.value().trim().is_empty())
            .map(|f| f.value().to_string())
    }

    pub fn focused_id(&self) -> Option<F> {
        self.fields.get(self.focus).map(|f| f.id)
    }

    /// Locks a field: shown, but no longer editable or reached by Tab.
    pub(crate) fn lock(&mut self, id: F) {
        if let Some(field) = self.field_mut(id) {
            field.locked = true;
        }
        if self.fields.get(self.focus).is_some_and(|f| f.locked) {
            self.next();
        }
    }

    pub(crate) fn set_enabled(&mut self, id: F, enabled: bool) {
        if let Some(field) = self.field_mut(id) {
            field.enabled = enabled;
        }
    }

    /// Replaces a text field's value (e.g. prefilling the amount due).
    pub(crate) fn set_text(&mut self, id: F, value: &str) {
        if let Some(field) = self.field_mut(id)
            && let FieldKind::Text(input) = &mut field.kind
        {
            *input = TextInput::new(value);
        }
    }

    /// Sets a field's value: a text field's text, or a choice field's option by its code (a
    /// code not offered leaves the choice as it is).
    pub(crate) fn set_value(&mut self, id: F, value: &str) {
        if let Some(field) = self.field_mut(id) {
            match &mut field.kind {
                FieldKind::Text(input) => *input = TextInput::new(value),
                FieldKind::Choice { options, index } => {
                    if let Some(found) = options.iter().position(|o| o.code == value) {
                        *index = found;
                    }
                }
            }
        }
    }

    pub(crate) fn clear_errors(&mut self) {
        for field in &mut self.fields {
            field.error = None;
        }
    }

    /// Records an error for a field (the first one found stays).
    pub(crate) fn set_error(&mut self, id: F, message: impl Into<String>) {
        if let Some(field) = self.field_mut(id)
            && field.error.is_none()
        {
            field.error = Some(message.into());
        }
    }

    /// Sets (or with `None` clears) what a field's value stands for.
    pub(crate) fn set_note(&mut self, id: F, note: Option<String>) {
        if let Some(field) = self.field_mut(id) {
            field.note = note;
        }
    }

    /// The note shown under a field: while it is enabled and has no error.
    pub(crate) fn visible_note(&self, index: usize) -> Option<&str> {
        let field = self.fields.get(index)?;
        if field.enabled && field.error.is_none() {
            field.note.as_deref()
        } else {
            None
        }
    }

    /// True when any field was edited since the form opened.
    pub(crate) fn edited(&self) -> bool {
        self.fields.iter().any(|f| f.touched)
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.enabled && f.error.is_some())
    }

    /// The error shown under a field: only once it was edited or a submit was tried.
    pub fn visible_error(&self, index: usize) -> Option<&str> {
        let field = self.fields.get(index)?;
        if field.enabled && (field.touched || self.show_all_errors) {
            field.error.as_deref()
        } else {
            None
        }
    }

    /// Applies an edit to the focused field; returns whether a value changed.
    pub(crate) fn apply(&mut self, key: EditKey) -> bool {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        let changed = field.apply(key);
        if changed {
            field.touched = true;
        }
        changed
    }

    /// Moves focus to the next enabled field, wrapping around.
    pub(crate) fn next(&mut self) {
        self.step(1);
    }

    /// Moves focus to the previous enabled field, wrapping around.
    pub(crate) fn prev(&mut self) {
        self.step(self.fields.len().saturating_sub(1));
    }

    fn step(&mut self, by: usize) {
        let len = self.fields.len();
        for _ in 0..len {
            self.focus = (self.focus + by) % len;
            if self.fields[self.focus].enabled && !self.fields[self.focus].locked {
                return;
            }
        }
    }

    /// Every field's value in order (text typed, or the chosen option's code): what a draft keeps.
    pub fn values(&self) -> Vec<String> {
        self.fields.iter().map(|f| f.value().to_string()).collect()
    }

    /// Puts back values taken by [`Form::values`] from a form of the same shape; a choice
    /// whose code is no longer offered keeps its current option. Restored fields that differ
    /// from what the form opened with count as edited, so their errors show.
    pub(crate) fn restore(&mut self, values: &[String], focus: usize) {
        for (field, value) in self.fields.iter_mut().zip(values) {
            if field.value() == value || field.locked {
                continue;
            }
            match &mut field.kind {
                FieldKind::Text(input) => *input = TextInput::typed(value.as_str()),
                FieldKind::Choice { options, index } => {
                    match options.iter().position(|o| o.code == *value) {
                        Some(found) => *index = found,
                        None => continue,
                    }
                }
            }
            field.touched = true;
        }
        if self
            .fields
            .get(focus)
            .is_some_and(|f| f.enabled && !f.locked)
        {
            self.focus = focus;
        }
    }

    /// Focuses the first field that has an error.
    pub(crate) fn focus_first_error(&mut self) {
        if let Some(index) = self
            .fields
            .iter()
            .position(|f| f.enabled && f.error.is_some())
        {
            self.focus = index;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Id {
        A,
        B,
        C,
    }

    fn form() -> Form<Id> {
        Form::new(vec![
            Field::text(Id::A, TuiText::FieldName, "x"),
            Field::choice(
                Id::B,
                TuiText::FieldChannel,
                vec![
                    ChoiceOption::raw("one", "One"),
                    ChoiceOption::raw("two", "Two"),
                ],
                "two",
            ),
            Field::text(Id::C, TuiText::FieldReference, ""),
        ])
    }

    #[test]
    fn tab_skips_disabled_fields_and_wraps() {
        let mut f = form();
        f.set_enabled(Id::B, false);
        f.next();
        assert_eq!(f.focused_id(), Some(Id::C));
        f.next();
        assert_eq!(f.focused_id(), Some(Id::A));
        f.prev();
        assert_eq!(f.focused_id(), Some(Id::C));
    }

    #[test]
    fn choices_cycle_and_errors_show_once_touched() {
        let mut f = form();
        assert_eq!(f.value(Id::B), "two");
        f.focus = 1;
        assert!(f.apply(EditKey::Right));
        assert_eq!(f.value(Id::B), "one");
        assert!(f.apply(EditKey::Left));
        assert_eq!(f.value(Id::B), "two");
        f.set_error(Id::C, "bad");
        assert_eq!(f.visible_error(2), None);
        f.show_all_errors = true;
        assert_eq!(f.visible_error(2), Some("bad"));
        assert_eq!(f.optional(Id::C), None);
        assert_eq!(f.optional(Id::A).as_deref(), Some("x"));
    }

    #[test]
    fn a_note_shows_while_the_field_has_no_error() {
        let mut f = form();
        f.set_note(Id::A, Some("means x".into()));
        assert_eq!(f.visible_note(0), Some("means x"));
        f.set_error(Id::A, "bad");
        assert_eq!(f.visible_note(0), None);
        f.clear_errors();
        f.set_enabled(Id::A, false);
        assert_eq!(f.visible_note(0), None);
    }

    #[test]
    fn a_masked_field_shows_only_the_last_four_digits() {
        let mut field = Field::text(Id::A, TuiText::FieldLast4, "").masked();
        for c in "6225 8801 1234 5678".chars() {
            field.apply(EditKey::Char(c));
        }
        assert_eq!(field.display(Lang::En), "•••• •••• •••• 5678");
        assert_eq!(field.value(), "6225 8801 1234 5678");
        let field = Field::text(Id::A, TuiText::FieldLast4, "1234").masked();
        assert_eq!(field.display(Lang::En), "1234");
    }

    #[test]
    fn values_restore_into_a_fresh_form() {
        let mut f = form();
        f.focus = 0;
        f.apply(EditKey::End);
        f.apply(EditKey::Char('y'));
        f.focus = 1;
        f.apply(EditKey::Right);
        let saved = f.values();
        assert_eq!(saved, ["xy", "one", ""]);
        let mut fresh = form();
        fresh.restore(&saved, 1);
        assert_eq!(fresh.values(), saved);
        assert_eq!(fresh.focused_id(), Some(Id::B));
        assert!(fresh.fields[0].touched && fresh.fields[1].touched);
        assert!(!fresh.fields[2].touched, "unchanged fields stay untouched");
        fresh.restore(&["xy".into(), "gone".into()], 9);
        assert_eq!(
            fresh.value(Id::B),
            "one",
            "an unknown code keeps the choice"
        );
        assert_eq!(
            fresh.focused_id(),
            Some(Id::B),
            "an out-of-range focus is ignored"
        );
    }
}
