//! The partial-prepayment form (annuity plans): how much principal to prepay, whether to keep
//! the term (lower payments) or shorten it (same payment), the date, how it was paid, and the
//! quote with the periods left.

use chrono::NaiveDate;

use super::field::{ChoiceOption, Field, Form};
use super::payment::{message, paid_with_fields, reference_error};
use crate::domain::Money;
use crate::domain::prepay::{PrepayMode, PrepayQuote};
use crate::domain::terms_input::{parse_amount, parse_day};
use crate::i18n::Lang;
use crate::i18n::tui::TuiText;
use crate::store::shown::Shown;
use crate::store::{CardId, Channel, PaymentDraft, PlanId};

/// The fields of the prepayment form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrepayField {
    Amount,
    Mode,
    Date,
    Channel,
    Card,
    Reference,
}

/// The prepayment form and the quote for what is typed.
#[derive(Debug, Clone)]
pub struct PrepayForm {
    pub form: Form<PrepayField>,
    pub plan_id: PlanId,
    pub plan_name: String,
    /// The quote for the amount, mode and date typed, when they are valid.
    pub quote: Option<(NaiveDate, PrepayQuote)>,
    /// The plan as the quote showed it: checked again before the prepayment writes.
    pub shown: Vec<Shown>,
}

impl PrepayForm {
    /// A form for today, keeping the term, paid in the provider's app from the plan's card.
    pub(crate) fn new(
        plan_id: PlanId,
        plan_name: String,
        today: NaiveDate,
        cards: &[(CardId, String)],
        card: Option<CardId>,
    ) -> PrepayForm {
        let ids = [
            PrepayField::Date,
            PrepayField::Channel,
            PrepayField::Card,
            PrepayField::Reference,
        ];
        let mut fields = vec![
            Field::text(PrepayField::Amount, TuiText::FieldPrepayAmount, ""),
            Field::choice(
                PrepayField::Mode,
                TuiText::FieldPrepayMode,
                vec![
                    ChoiceOption::text("keep-term", TuiText::PrepayKeepTerm),
                    ChoiceOption::text("shorten-term", TuiText::PrepayShortenTerm),
                ],
                "keep-term",
            ),
        ];
        fields.extend(paid_with_fields(ids, today, cards, card));
        PrepayForm {
            form: Form::new(fields),
            plan_id,
            plan_name,
            quote: None,
            shown: Vec::new(),
        }
    }

    /// The principal, mode and date typed, or the first error in `lang` with its field.
    pub(crate) fn request(
        &self,
        lang: Lang,
    ) -> Result<(Money, PrepayMode, NaiveDate), (PrepayField, String)> {
        let amount = parse_amount(self.form.value(PrepayField::Amount))
            .map_err(|e| (PrepayField::Amount, message(lang, &e)))?;
        let on = parse_day(self.form.value(PrepayField::Date))
            .map_err(|e| (PrepayField::Date, message(lang, &e)))?;
        let mode = match self.form.value(PrepayField::Mode) {
            "shorten-term" => PrepayMode::ShortenTerm,
            _ => PrepayMode::KeepTerm,
        };
        Ok((amount, mode, on))
    }

    /// Records the quote (or why there is none, on `field`) and checks the other fields.
    pub(crate) fn set_quote(
        &mut self,
        quote: Result<(NaiveDate, PrepayQuote), (PrepayField, String)>,
        lang: Lang,
    ) {
        self.form.clear_errors();
        match quote {
            Ok(q) => self.quote = Some(q),
            Err((field, error)) => {
                self.quote = None;
                self.form.set_error(field, error);
            }
        }
        if let Some(error) = reference_error(self.reference(), lang) {
            self.form.set_error(PrepayField::Reference, error);
        }
    }

    fn reference(&self) -> &str {
        self.form.value(PrepayField::Reference).trim()
    }

    /// What to record and how, when there is a quote and every field is valid.
    pub(crate) fn payment(&self) -> Option<(PaymentDraft, PrepayMode)> {
        let (on, quote) = self.quote.as_ref()?;
        if self.form.has_errors() {
            return None;
        }
        let draft = PaymentDraft {
            amount: Some(quote.principal),
            on: *on,
            channel: Channel::from_code(self.form.value(PrepayField::Channel))
                .unwrap_or(Channel::Other),
            card: self.form.value(PrepayField::Card).parse().ok().map(CardId),
            reference: self.reference().to_string(),
        };
        Some((draft, quote.mode))
    }
}
