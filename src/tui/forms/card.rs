//! The card forms: add or edit a card (bank, last four digits, label, kind) and replace a lost
//! card.

use super::field::{ChoiceOption, Field, Form, Label};
use super::plan::MAX_NAME_CHARS;
use crate::domain::card_digits::{NotLast4, last4_of};
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};
use crate::store::shown::Shown;
use crate::store::{Card, CardDraft, CardId, CardKind};

/// The fields of the add-card form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardField {
    Bank,
    Last4,
    Label,
    Kind,
}

/// The add-card and edit-card form.
#[derive(Debug, Clone)]
pub struct CardForm {
    pub form: Form<CardField>,
    /// The card being edited; `None` when adding.
    pub editing: Option<CardId>,
    pub draft: Option<CardDraft>,
    /// The card being edited as it was shown: checked again before the edit writes.
    pub shown: Vec<Shown>,
}

impl CardForm {
    /// An empty form for a new (debit) card.
    pub(crate) fn new(lang: Lang) -> CardForm {
        CardForm::with(
            &CardDraft {
                bank: String::new(),
                last4: String::new(),
                label: String::new(),
                kind: CardKind::Debit,
            },
            None,
            lang,
        )
    }

    /// The form filled with a card, to fix a typo in it.
    pub(crate) fn edit(card: &Card, lang: Lang) -> CardForm {
        let draft = CardDraft {
            bank: card.bank.clone(),
            last4: card.last4.clone(),
            label: card.label.clone(),
            kind: card.kind,
        };
        CardForm::with(&draft, Some(card.id), lang)
    }

    fn with(draft: &CardDraft, editing: Option<CardId>, lang: Lang) -> CardForm {
        let kinds = CardKind::ALL
            .iter()
            .map(|k| ChoiceOption {
                code: k.code().to_string(),
                label: Label::CardKind(*k),
            })
            .collect();
        let mut form = CardForm {
            form: Form::new(vec![
                Field::text(CardField::Bank, TuiText::FieldBank, draft.bank.clone()),
                Field::text(CardField::Last4, TuiText::FieldLast4, draft.last4.clone()).masked(),
                Field::text(CardField::Label, TuiText::FieldLabel, draft.label.clone()),
                Field::choice(
                    CardField::Kind,
                    TuiText::FieldKind,
                    kinds,
                    draft.kind.code(),
                ),
            ]),
            editing,
            draft: None,
            shown: Vec::new(),
        };
        form.refresh(lang);
        form
    }

    /// Revalidates every field.
    pub(crate) fn refresh(&mut self, lang: Lang) {
        self.form.clear_errors();
        let bank = self.form.value(CardField::Bank).trim().to_string();
        let last4 = last4_of(self.form.value(CardField::Last4));
        let label = self.form.value(CardField::Label).trim().to_string();
        if bank.is_empty() {
            self.form
                .set_error(CardField::Bank, TuiText::Required.text(lang));
        }
        // A whole card number is cut to its last four, as `card add` does; the field shows
        // only those, and the note says so.
        let kept = match last4 {
            Ok((digits, reduced)) => {
                let note = reduced.then(|| fill(TuiText::Last4Kept.text(lang), &[&digits]));
                self.form.set_note(CardField::Last4, note);
                Some(digits)
            }
            Err(NotLast4) => {
                self.form.set_note(CardField::Last4, None);
                self.form
                    .set_error(CardField::Last4, TuiText::Last4Digits.text(lang));
                None
            }
        };
        for (id, value) in [(CardField::Bank, &bank), (CardField::Label, &label)] {
            if value.chars().count() > MAX_NAME_CHARS {
                self.form
                    .set_error(id, fill(TuiText::TooLong.text(lang), &[&MAX_NAME_CHARS]));
            } else if value.chars().any(char::is_control) {
                self.form.set_error(id, TuiText::NoControlChars.text(lang));
            }
        }
        let kind = CardKind::from_code(self.form.value(CardField::Kind)).unwrap_or(CardKind::Debit);
        self.draft = match kept {
            Some(last4) if !self.form.has_errors() => Some(CardDraft {
                bank,
                last4,
                label,
                kind,
            }),
            _ => None,
        };
    }
}

/// The only field of the replace-card form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReplaceField {
    NewCard,
}

/// Replace a lost card: choose the card that takes over its plans.
#[derive(Debug, Clone)]
pub struct ReplaceForm {
    pub form: Form<ReplaceField>,
    pub old_card: CardId,
    pub old_label: String,
    /// The chosen new card, when valid.
    pub new_card: Option<CardId>,
    /// The old card and every card offered, as they were when shown: the two the
    /// replacement acts on are checked again before it writes.
    pub shown: Vec<Shown>,
}

impl ReplaceForm {
    /// `others` are the cards that may take over (not the old one, not archived).
    pub(crate) fn new(
        old_card: CardId,
        old_label: String,
        others: &[(CardId, String)],
        lang: Lang,
    ) -> ReplaceForm {
        let options = others
            .iter()
            .map(|(id, label)| ChoiceOption::raw(id.0.to_string(), label.clone()))
            .collect();
        let mut form = ReplaceForm {
            form: Form::new(vec![Field::choice(
                ReplaceField::NewCard,
                TuiText::FieldNewCard,
                options,
                "",
            )]),
            old_card,
            old_label,
            new_card: None,
            shown: Vec::new(),
        };
        form.refresh(lang);
        form
    }

    pub(crate) fn refresh(&mut self, lang: Lang) {
        self.form.clear_errors();
        self.form.show_all_errors = true;
        self.new_card = self
            .form
            .value(ReplaceField::NewCard)
            .parse()
            .ok()
            .map(CardId);
        match self.new_card {
            None => self
                .form
                .set_error(ReplaceField::NewCard, TuiText::NoOtherCard.text(lang)),
            Some(id) if id == self.old_card => {
                self.form
                    .set_error(ReplaceField::NewCard, TuiText::SameCard.text(lang));
                self.new_card = None;
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::forms::input::EditKey;

    #[test]
    fn last_four_must_be_four_digits() {
        let mut form = CardForm::new(Lang::En);
        assert!(form.draft.is_none());
        form.form.focus = 0;
        for c in "招商银行".chars() {
            form.form.apply(EditKey::Char(c));
        }
        form.form.focus = 1;
        for c in "12a4".chars() {
            form.form.apply(EditKey::Char(c));
        }
        form.refresh(Lang::En);
        assert_eq!(
            form.form.visible_error(1),
            Some("the last 4 digits (a whole card number is cut to its last 4)")
        );
        form.form.apply(EditKey::Clear);
        for c in "１２３４".chars() {
            form.form.apply(EditKey::Char(c));
        }
        form.refresh(Lang::En);
        let draft = form.draft.unwrap();
        assert_eq!(draft.last4, "1234");
        assert_eq!(draft.bank, "招商银行");
        assert_eq!(draft.label, "");
    }

    #[test]
    fn a_whole_card_number_is_cut_to_its_last_four() {
        let mut form = CardForm::new(Lang::En);
        form.form.focus = 0;
        form.form.apply(EditKey::Char('B'));
        form.form.focus = 1;
        for c in "6225 8801 1234 5678".chars() {
            form.form.apply(EditKey::Char(c));
        }
        form.refresh(Lang::En);
        assert_eq!(form.draft.as_ref().unwrap().last4, "5678");
        assert_eq!(
            form.form.visible_note(1),
            Some("only the last 4 digits (5678) are kept")
        );
        assert_eq!(form.form.fields[1].display(Lang::En), "•••• •••• •••• 5678");
        form.form.apply(EditKey::Clear);
        for c in "12345".chars() {
            form.form.apply(EditKey::Char(c));
        }
        form.refresh(Lang::En);
        assert!(form.draft.is_none(), "five digits are neither");
        assert_eq!(form.form.fields[1].display(Lang::En), "•2345");
    }

    #[test]
    fn replacing_needs_another_card() {
        let form = ReplaceForm::new(CardId(1), "A ••1111".into(), &[], Lang::En);
        assert_eq!(form.new_card, None);
        assert!(form.form.visible_error(0).is_some());
        let form = ReplaceForm::new(
            CardId(1),
            "A ••1111".into(),
            &[(CardId(2), "B ••2222".into())],
            Lang::En,
        );
        assert_eq!(form.new_card, Some(CardId(2)));
    }
}
