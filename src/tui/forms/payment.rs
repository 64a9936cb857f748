//! The record-repayment and failed-debit forms: amount, date, channel, card, reference.

use chrono::NaiveDate;

use super::field::{ChoiceOption, Field, Form, Label};
use super::plan::{MAX_NAME_CHARS, card_options};
use crate::domain::Money;
use crate::domain::allocation::{AllocationError, Dues, check_date_order, check_not_after_today};
use crate::domain::terms_input::{InputError, parse_amount, parse_day};
use crate::i18n::errors;
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};
use crate::store::shown::Shown;
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

/// Where a repayment form starts: the plan, what is due, its card and channel, and its dues
/// (what an amount and date are checked against).
#[derive(Debug, Clone)]
pub(crate) struct PaymentSeed {
    pub plan_id: PlanId,
    pub plan_name: String,
    pub due: Money,
    pub dues: Dues,
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
    pub dues: Dues,
    /// The app's today: a repayment cannot be dated after it.
    pub today: NaiveDate,
    pub draft: Option<PaymentDraft>,
    /// What the form acts on as it was when shown: checked again before it writes.
    pub shown: Vec<Shown>,
}

impl PaymentForm {
    /// A form prefilled with what is due, today, and the plan's card and channel.
    pub(crate) fn new(
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
            dues: seed.dues.clone(),
            today,
            draft: None,
            shown: Vec::new(),
        };
        form.refresh(lang);
        form
    }

    /// Revalidates every field (after each edit and on language change). A repayment must be
    /// one the store would record: no more than is due by its date and the next period, and
    /// (a failed debit too) not dated before the plan's latest repayment.
    pub(crate) fn refresh(&mut self, lang: Lang) {
        self.form.clear_errors();
        let amount = parse_amount(self.form.value(PaymentField::Amount));
        let on = parse_day(self.form.value(PaymentField::Date));
        let reference = self.form.value(PaymentField::Reference).trim().to_string();
        if let Err(e) = &amount {
            self.form.set_error(PaymentField::Amount, message(lang, e));
        }
        if let Err(e) = &on {
            self.form.set_error(PaymentField::Date, message(lang, e));
        }
        if let Ok(on) = &on {
            let checked = check_not_after_today(*on, self.today).and_then(|()| {
                match (&amount, self.failed) {
                    (Ok(amount), false) => self.dues.allocate(*amount, *on).map(drop),
                    _ => check_date_order(self.dues.latest_payment, *on),
                }
            });
            if let Err(e) = checked {
                self.form
                    .set_error(allocation_field(&e), allocation_message(lang, &e));
            }
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

/// The field a payment the rules refuse is wrong in: its date or its amount.
pub(crate) fn allocation_field(error: &AllocationError) -> PaymentField {
    match error {
        AllocationError::BeforeLatestPayment(_) | AllocationError::AfterToday(_) => {
            PaymentField::Date
        }
        AllocationError::NotPositive
        | AllocationError::Overpayment(_)
        | AllocationError::Overflow(_) => PaymentField::Amount,
    }
}

/// Why the rules refuse a repayment, in the TUI's words: where the CLI's message names a
/// command (`fenqi payoff`, `fenqi undo`), this one names the key (o, u).
pub(crate) fn allocation_message(lang: Lang, error: &AllocationError) -> String {
    match error {
        AllocationError::Overpayment(most) => fill(TuiText::Overpayment.text(lang), &[most]),
        AllocationError::BeforeLatestPayment(latest) => {
            fill(TuiText::BeforeLatestPayment.text(lang), &[latest])
        }
        other => errors::allocation(lang, other),
    }
}

/// What is wrong with a repayment reference, if anything: too long, or control characters.
pub(crate) fn reference_error(reference: &str, lang: Lang) -> Option<String> {
    if reference.chars().count() > MAX_NAME_CHARS {
        Some(fill(TuiText::TooLong.text(lang), &[&MAX_NAME_CHARS]))
    } else if reference.chars().any(char::is_control) {
        Some(TuiText::NoControlChars.text(lang).to_string())
    } else {
        None
    }
}

/// How an early repayment was paid, as the payoff and prepayment forms ask it: the date
/// (today), the channel (the provider's app), the card (the plan's) and a reference.
pub(crate) fn paid_with_fields<F>(
    ids: [F; 4],
    today: NaiveDate,
    cards: &[(CardId, String)],
    card: Option<CardId>,
) -> Vec<Field<F>> {
    let [date, channel, card_id, reference] = ids;
    let card = card.map(|id| id.0.to_string()).unwrap_or_default();
    vec![
        Field::text(date, TuiText::FieldDate, today.to_string()),
        channel_field(channel, Channel::App.code()),
        Field::choice(card_id, TuiText::FieldCard, card_options(cards), &card),
        Field::text(reference, TuiText::FieldReference, ""),
    ]
}

/// The channel field: every repayment channel, `selected` chosen.
pub(crate) fn channel_field<F>(id: F, selected: &str) -> Field<F> {
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

/// An input error's message (the field has its own label).
pub(crate) fn message(lang: Lang, error: &InputError) -> String {
    crate::i18n::terms::input_error(lang, error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::forms::input::EditKey;

    /// Two periods of 536.00 (36.00 fee), due 2025-03-15 and 2025-04-15, nothing paid.
    fn dues() -> Dues {
        use crate::domain::period_state::PeriodState;
        let period = |period: u32, due_date: &str| PeriodState {
            period,
            due_date: crate::domain::dates::parse_date(due_date).unwrap(),
            principal: Money::from_cents(50_000),
            fee: Money::from_cents(3_600),
            paid_principal: Money::ZERO,
            paid_fee: Money::ZERO,
            paid_penalty: Money::ZERO,
            waived: false,
            paid_parts: Vec::new(),
        };
        Dues {
            overdue: Default::default(),
            periods: vec![period(1, "2025-03-15"), period(2, "2025-04-15")],
            latest_payment: None,
            first: Vec::new(),
        }
    }

    fn seed() -> PaymentSeed {
        PaymentSeed {
            plan_id: PlanId(7),
            plan_name: "小米 14".into(),
            due: Money::from_cents(53600),
            dues: dues(),
            card: Some(CardId(2)),
            auto_debit: true,
        }
    }

    /// Types `text` over field `index`'s value and revalidates.
    fn retype(form: &mut PaymentForm, index: usize, text: &str) {
        form.form.focus = index;
        for _ in 0..20 {
            form.form.apply(EditKey::Backspace);
        }
        for c in text.chars() {
            form.form.apply(EditKey::Char(c));
        }
        form.refresh(Lang::En);
    }

    #[test]
    fn more_than_is_due_by_the_date_and_the_next_period_is_refused_inline() {
        let mut form = PaymentForm::new(&seed(), false, Lang::En, day("2025-03-20"), &[]);
        // On 03-01 only period 1 (536.00) may be paid.
        retype(&mut form, 1, "2025-03-01");
        retype(&mut form, 0, "536.01");
        assert!(form.draft.is_none());
        let error = form.form.visible_error(0).unwrap();
        assert!(error.contains("at most 536.00"), "{error}");
        assert!(error.ends_with("pay the plan off early with o"), "{error}");
        assert!(!error.contains("fenqi"), "{error}");
        // On 03-15 period 1 is due and period 2 may be paid too.
        retype(&mut form, 1, "2025-03-15");
        assert_eq!(form.form.visible_error(0), None);
        assert_eq!(
            form.draft.clone().unwrap().amount,
            Some(Money::from_cents(53601))
        );
        retype(&mut form, 0, "1072.01");
        assert!(form.draft.is_none());
        // A failed debit moves no money: its amount is not checked against what is due.
        let mut failed = PaymentForm::new(&seed(), true, Lang::En, today(), &[]);
        retype(&mut failed, 0, "9999");
        assert!(failed.draft.is_some());
    }

    fn today() -> NaiveDate {
        day("2025-03-01")
    }

    fn day(text: &str) -> NaiveDate {
        crate::domain::dates::parse_date(text).unwrap()
    }

    #[test]
    fn a_date_after_today_is_refused_inline() {
        for failed in [false, true] {
            let mut form = PaymentForm::new(&seed(), failed, Lang::En, today(), &[]);
            retype(&mut form, 1, "2025-03-02");
            assert!(form.draft.is_none(), "failed: {failed}");
            let error = form.form.visible_error(1).unwrap();
            assert!(error.contains("after today (2025-03-01)"), "{error}");
            retype(&mut form, 1, "2025-03-01");
            assert!(form.draft.is_some(), "failed: {failed}");
        }
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
        form.form.apply(EditKey::End);
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

    #[test]
    fn a_date_before_the_latest_repayment_is_refused_inline() {
        let mut seed = seed();
        seed.dues.latest_payment = Some(day("2025-03-05"));
        for failed in [false, true] {
            let mut form = PaymentForm::new(&seed, failed, Lang::En, day("2025-03-10"), &[]);
            assert!(form.draft.is_some(), "failed: {failed}");
            // 03-01: before the repayment of 03-05.
            retype(&mut form, 1, "2025-03-01");
            let error = form.form.visible_error(1).unwrap();
            assert!(error.contains("dated 2025-03-05"), "{error}");
            assert!(error.contains("date order"), "{error}");
            assert!(error.contains("undo the later one first (u)"), "{error}");
            assert_eq!(form.form.visible_error(0), None, "the amount is fine");
            retype(&mut form, 1, "2025-03-05");
            assert!(form.draft.is_some(), "failed: {failed}");
        }
    }
}
