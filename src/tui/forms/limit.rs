//! The credit-limit form: a provider and its limit (额度), 0 allowed.

use super::field::{Field, Form};
use super::payment::message;
use crate::domain::Money;
use crate::domain::terms_input::InputError;
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};

/// The longest provider name a limit is kept for (as `limit set --provider` takes it).
const MAX_PROVIDER_CHARS: usize = 100;

/// The fields of the limit form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LimitField {
    Provider,
    Amount,
}

/// The limit form and, when valid, what to set.
#[derive(Debug, Clone)]
pub struct LimitForm {
    pub form: Form<LimitField>,
    pub limit: Option<(String, Money)>,
}

impl LimitForm {
    /// A form for `provider` (empty for a new one), prefilled with its limit.
    pub(crate) fn new(provider: &str, limit: Option<Money>, lang: Lang) -> LimitForm {
        let mut form = LimitForm {
            form: Form::new(vec![
                Field::text(LimitField::Provider, TuiText::FieldProvider, provider),
                Field::text(
                    LimitField::Amount,
                    TuiText::FieldLimit,
                    limit.map(|m| m.to_string()).unwrap_or_default(),
                ),
            ]),
            limit: None,
        };
        if !provider.is_empty() {
            form.form.next();
        }
        form.refresh(lang);
        form
    }

    pub(crate) fn refresh(&mut self, lang: Lang) {
        self.form.clear_errors();
        let provider = self.form.value(LimitField::Provider).trim().to_string();
        if provider.is_empty() {
            self.form
                .set_error(LimitField::Provider, TuiText::Required.text(lang));
        } else if provider.chars().count() > MAX_PROVIDER_CHARS {
            self.form.set_error(
                LimitField::Provider,
                fill(TuiText::TooLong.text(lang), &[&MAX_PROVIDER_CHARS]),
            );
        } else if provider.chars().any(char::is_control) {
            self.form
                .set_error(LimitField::Provider, TuiText::NoControlChars.text(lang));
        }
        let amount = Money::parse(self.form.value(LimitField::Amount));
        match &amount {
            Err(e) => self.form.set_error(
                LimitField::Amount,
                message(lang, &InputError::Money(e.clone())),
            ),
            Ok(m) if m.is_negative() => self
                .form
                .set_error(LimitField::Amount, TuiText::NotNegative.text(lang)),
            Ok(_) => {}
        }
        self.limit = match amount {
            Ok(amount) if !self.form.has_errors() => Some((provider, amount)),
            _ => None,
        };
    }
}
