//! The early-payoff form: a date, the quote under the plan's policy for that date, how it was
//! paid (channel, card, reference), and confirm.

use chrono::NaiveDate;

use super::field::Form;
use super::payment::{message, paid_with_fields, reference_error};
use crate::domain::payoff::PayoffQuote;
use crate::domain::terms_input::parse_day;
use crate::i18n::Lang;
use crate::store::shown::Shown;
use crate::store::{CardId, Channel, PaymentDraft, PlanId};

/// The fields of the payoff form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PayoffField {
    Date,
    Channel,
    Card,
    Reference,
}

/// The payoff form: a date, the quote for it, and how it is paid.
#[derive(Debug, Clone)]
pub struct PayoffForm {
    pub form: Form<PayoffField>,
    pub plan_id: PlanId,
    pub plan_name: String,
    /// The quote for the date typed, when the date is valid and payoff is possible.
    pub quote: Option<(NaiveDate, PayoffQuote)>,
    /// What the form acts on as it was when shown: the quote is taken just after it, and
    /// the payoff is written only while the plan is still so.
    pub shown: Vec<Shown>,
    /// The plan charges interest rather than fees (how its saving is named).
    pub interest_based: bool,
}

impl PayoffForm {
    /// A form for today, paid in the provider's app from the plan's card.
    pub(crate) fn new(
        plan_id: PlanId,
        plan_name: String,
        today: NaiveDate,
        cards: &[(CardId, String)],
        card: Option<CardId>,
    ) -> PayoffForm {
        let ids = [
            PayoffField::Date,
            PayoffField::Channel,
            PayoffField::Card,
            PayoffField::Reference,
        ];
        PayoffForm {
            form: Form::new(paid_with_fields(ids, today, cards, card)),
            plan_id,
            plan_name,
            quote: None,
            shown: Vec::new(),
            interest_based: false,
        }
    }

    /// The date typed, or its error in `lang`.
    pub(crate) fn date(&self, lang: Lang) -> Result<NaiveDate, String> {
        parse_day(self.form.value(PayoffField::Date)).map_err(|e| message(lang, &e))
    }

    /// Records the quote for the date typed (or why there is none) and checks the other fields.
    pub(crate) fn set_quote(
        &mut self,
        quote: Result<(NaiveDate, PayoffQuote), String>,
        lang: Lang,
    ) {
        self.form.clear_errors();
        self.form.show_all_errors = true;
        match quote {
            Ok(q) => self.quote = Some(q),
            Err(error) => {
                self.quote = None;
                self.form.set_error(PayoffField::Date, error);
            }
        }
        if let Some(error) = reference_error(self.reference(), lang) {
            self.form.set_error(PayoffField::Reference, error);
        }
    }

    fn reference(&self) -> &str {
        self.form.value(PayoffField::Reference).trim()
    }

    /// What to record, when there is a quote and every field is valid.
    pub(crate) fn payment_draft(&self) -> Option<PaymentDraft> {
        let (on, _) = self.quote.as_ref()?;
        if self.form.has_errors() {
            return None;
        }
        Some(PaymentDraft {
            amount: None,
            on: *on,
            channel: Channel::from_code(self.form.value(PayoffField::Channel))
                .unwrap_or(Channel::Other),
            card: self.form.value(PayoffField::Card).parse().ok().map(CardId),
            reference: self.reference().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use crate::tui::forms::input::EditKey;

    fn quote() -> PayoffQuote {
        PayoffQuote {
            amount: Money::from_cents(100),
            principal: Money::from_cents(100),
            fee: Money::ZERO,
            penalty: Money::ZERO,
            policy: Default::default(),
            remaining_if_kept: Money::from_cents(100),
            saving: Money::ZERO,
        }
    }

    #[test]
    fn records_channel_card_and_reference() {
        let today = NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
        let cards = [(CardId(2), "CMB ••1234".to_string())];
        let mut form = PayoffForm::new(PlanId(1), "x".into(), today, &cards, Some(CardId(2)));
        assert!(form.payment_draft().is_none(), "no quote yet");
        form.set_quote(Ok((today, quote())), Lang::En);
        let draft = form.payment_draft().unwrap();
        assert_eq!(draft.channel, Channel::App);
        assert_eq!(draft.card, Some(CardId(2)));
        assert_eq!(draft.on, today);
        form.form.focus = 1;
        form.form.apply(EditKey::Right);
        form.form.focus = 3;
        for c in "FQ2025".chars() {
            form.form.apply(EditKey::Char(c));
        }
        form.set_quote(Ok((today, quote())), Lang::En);
        let draft = form.payment_draft().unwrap();
        assert_eq!(draft.channel, Channel::ALL[1]);
        assert_eq!(draft.reference, "FQ2025");
        for _ in 0..60 {
            form.form.apply(EditKey::Char('9'));
        }
        form.set_quote(Ok((today, quote())), Lang::En);
        assert!(form.payment_draft().is_none(), "too long");
        assert!(form.form.visible_error(3).is_some());
    }
}
