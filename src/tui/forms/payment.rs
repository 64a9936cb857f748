//! The record-repayment and failed-debit forms: amount, date, channel, card, reference.

use chrono::NaiveDate;

use super::field::{ChoiceOption, Field, Form, Label};
use super::plan::{MAX_NAME_CHARS, card_options};
use crate::cli::error::CliError;
use crate::cli::terms_args::{parse_date_flag, parse_money_flag};
use crate::domain::Money;
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};
use crate::store::{CardId, Channel, PaymentDraft, PlanId};

/// The fields of the repayment form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaymentField {
    Amount,
    Date,
    Channel,
    Card,
    Reference,
}

/// Where a repayment form starts: the plan, what is due, its card and channel.
#[derive(Debug, Clone)]
pub struct PaymentSeed {
    pub plan_id: PlanId,
    pub plan_name: String,
    pub due: Money,
    pub card: Option<CardId>,
    pub auto_debit: bool,
}

/// The repayment / failed-debit form and its latest validation.
#[derive(Debug, Clone)]
pub struct PaymentForm {
    pub form: Form<PaymentField>,
    pub plan_id: PlanId,
    pub plan_name: String,
    pub failed: bool,
    pub draft: Option<PaymentDraft>,
}

impl PaymentForm {
    /// A form prefilled with what is due, today, and the plan's card and channel.
    pub fn new(
        seed: &PaymentSeed,
        failed: bool,
        lang: Lang,
        today: NaiveDate,
        cards: &[(CardId, String)],
    ) -> PaymentForm {
        let channel = if failed || seed.auto_debit {
            "auto-debit"
        } else {
            "app"
        };
        let card = seed.card.map(|id| id.0.to_string()).unwrap_or_default();
        let mut fields = vec![
            Field::text(
                PaymentField::Amount,
                TuiText::FieldAmount,
                seed.due.to_string(),
            ),
            Field::text(PaymentField::Date, TuiText::FieldDate, today.to_string()),
        ];
        if !failed {
            fields.push(channel_field(PaymentField::Channel, channel));
        }
        fields.push(Field::choice(
            PaymentField::Card,
            TuiText::FieldCard,
            card_options(cards),
            &card,
        ));
        fields.push(Field::text(
            PaymentField::Reference,
            TuiText::FieldReference,
            "",
        ));
        let mut form = PaymentForm {
            form: Form::new(fields),
            plan_id: seed.plan_id,
            plan_name: seed.plan_name.clone(),
            failed,
            draft: None,
        };
        form.refresh(lang);
        form
    }

    /// Revalidates every field (after each edit and on language change).
    pub fn refresh(&mut self, lang: Lang) {
        self.form.clear_errors();
        let amount = parse_money_flag(lang, "--amount", self.form.value(PaymentField::Amount));
        let on = parse_date_flag(lang, "--on", self.form.value(PaymentField::Date));
        let reference = self.form.value(PaymentField::Reference).trim().to_string();
        if let Err(e) = &amount {
            self.form.set_error(PaymentField::Amount, message(e));
        }
        if let Err(e) = &on {
            self.form.set_error(PaymentField::Date, message(e));
        }
        if let Some(error) = reference_error(&reference, lang) {
            self.form.set_error(PaymentField::Reference, error);
        }
        self.draft = match (amount, on) {
            (Ok(amount), Ok(on)) if !self.form.has_errors() => Some(PaymentDraft {
                amount: Some(amount),
                on,
                channel: if self.failed {
                    Channel::AutoDebit
                } else {
                    Channel::from_code(self.form.value(PaymentField::Channel))
                        .unwrap_or(Channel::Other)
                },
                card: self.form.value(PaymentField::Card).parse().ok().map(CardId),
                reference,
            }),
            _ => None,
        };
    }
}

/// What is wrong with a repayment reference, if anything: too long, or control characters.
pub fn reference_error(reference: &str, lang: Lang) -> Option<String> {
    if reference.chars().count() > MAX_NAME_CHARS {
        Some(fill(TuiText::TooLong.text(lang), &[&MAX_NAME_CHARS]))
    } else if reference.chars().any(char::is_control) {
        Some(TuiText::NoControlChars.text(lang).to_string())
    } else {
        None
    }
}

/// The channel field: every repayment channel, `selected` chosen.
pub fn channel_field<F>(id: F, selected: &str) -> Field<F> {
    Field::choice(
        id,
        TuiText::FieldChannel,
        Channel::ALL
            .iter()
            .map(|c| ChoiceOption {
                code: c.code().to_string(),
                label: Label::Channel(*c),
            })
            .collect(),
        selected,
    )
}

/// An input error's message without the flag (the field has its own label).
pub fn message(error: &CliError) -> String {
    match error {
        CliError::Input { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::forms::input::EditKey;

    fn seed() -> PaymentSeed {
        PaymentSeed {
            plan_id: PlanId(7),
            plan_name: "小米 14".into(),
            due: Money::from_cents(53600),
            card: Some(CardId(2)),
            auto_debit: true,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
    }

    #[test]
    fn prefills_what_is_due_and_validates() {
        let cards = [(CardId(2), "CMB ••1234".to_string())];
        let mut form = PaymentForm::new(&seed(), false, Lang::En, today(), &cards);
        let draft = form.draft.clone().unwrap();
        assert_eq!(draft.amount, Some(Money::from_cents(53600)));
        assert_eq!(draft.on, today());
        assert_eq!(draft.channel, Channel::AutoDebit);
        assert_eq!(draft.card, Some(CardId(2)));
        form.form.focus = 0;
        form.form.apply(EditKey::Char('9'));
        form.refresh(Lang::En);
        assert!(form.draft.is_none());
        assert_eq!(
            form.form.visible_error(0),
            Some("at most two decimals (0.01)")
        );
    }

    #[test]
    fn failed_debits_have_no_channel_field() {
        let form = PaymentForm::new(&seed(), true, Lang::Zh, today(), &[]);
        assert!(form.form.field(PaymentField::Channel).is_none());
        assert!(form.failed);
        let draft = form.draft.unwrap();
        assert_eq!(draft.card, None, "card 2 is not in the list");
    }
}
