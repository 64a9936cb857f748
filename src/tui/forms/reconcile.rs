//! The statement form: the file to reconcile, how to read it (its format, a column map for any
//! other CSV) and the card it is of — what `fenqi reconcile FILE` takes, before the review.

use std::path::PathBuf;

use super::field::{ChoiceOption, Field, Form};
use crate::i18n::Lang;
use crate::i18n::statement::map_error;
use crate::i18n::tui::TuiText;
use crate::statement::{ColumnMap, FormatChoice, ReadOptions};
use crate::store::CardId;
use crate::view::reconcile::ReviewRequest;

/// The fields of the statement form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReconcileField {
    File,
    Format,
    Map,
    Card,
}

/// The statement form.
#[derive(Debug, Clone)]
pub struct ReconcileForm {
    pub form: Form<ReconcileField>,
    /// The file and how to read it, once the form is valid.
    pub request: Option<(PathBuf, ReviewRequest)>,
}

/// The code of the card choice that names no card.
const NO_CARD: &str = "";

impl ReconcileForm {
    /// An empty form: no file, the format recognised from the file, no card; `cards` are the
    /// cards to choose from.
    pub(crate) fn new(cards: &[(CardId, String)], lang: Lang) -> ReconcileForm {
        let formats = FormatChoice::ALL
            .iter()
            .map(|f| match f {
                FormatChoice::Auto => ChoiceOption::text(f.code(), TuiText::ChoiceAuto),
                _ => ChoiceOption::raw(f.code(), f.code()),
            })
            .collect();
        let card_options = std::iter::once(ChoiceOption::text(NO_CARD, TuiText::NoCard))
            .chain(
                cards
                    .iter()
                    .map(|(id, name)| ChoiceOption::raw(id.0.to_string(), name.clone())),
            )
            .collect();
        let mut form = ReconcileForm {
            form: Form::new(vec![
                Field::text(ReconcileField::File, TuiText::FieldStatementFile, ""),
                Field::choice(
                    ReconcileField::Format,
                    TuiText::FieldFormat,
                    formats,
                    FormatChoice::Auto.code(),
                ),
                Field::text(ReconcileField::Map, TuiText::FieldMap, ""),
                Field::choice(
                    ReconcileField::Card,
                    TuiText::FieldStatementCard,
                    card_options,
                    NO_CARD,
                ),
            ]),
            request: None,
        };
        form.refresh(lang);
        form
    }

    /// Validates the fields: a file is required; a column map goes with the generic format.
    pub(crate) fn refresh(&mut self, lang: Lang) {
        self.form.clear_errors();
        let format = FormatChoice::parse(self.form.value(ReconcileField::Format))
            .unwrap_or(FormatChoice::Auto);
        let generic = format == FormatChoice::Generic;
        self.form.set_enabled(ReconcileField::Map, generic);
        let file = self.form.value(ReconcileField::File).trim().to_string();
        if file.is_empty() {
            self.form
                .set_error(ReconcileField::File, TuiText::Required.text(lang));
        }
        let map = if generic {
            match ColumnMap::parse(self.form.value(ReconcileField::Map)) {
                Ok(map) => Some(map),
                Err(error) => {
                    self.form
                        .set_error(ReconcileField::Map, map_error(lang, &error));
                    None
                }
            }
        } else {
            None
        };
        let card = self
            .form
            .value(ReconcileField::Card)
            .parse::<i64>()
            .ok()
            .map(CardId);
        self.request = (!self.form.has_errors()).then(|| {
            (
                PathBuf::from(file),
                ReviewRequest {
                    read: ReadOptions { format, map },
                    card,
                },
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::forms::input::EditKey;

    #[test]
    fn a_file_is_required_and_a_map_goes_with_the_generic_format() {
        let mut form = ReconcileForm::new(&[(CardId(2), "招商银行 ····1234".into())], Lang::En);
        assert!(form.request.is_none());
        for c in "bank.csv".chars() {
            form.form.apply(EditKey::Char(c));
        }
        form.refresh(Lang::En);
        let (path, request) = form.request.clone().unwrap();
        assert_eq!(path, PathBuf::from("bank.csv"));
        assert_eq!(request.read.format, FormatChoice::Auto);
        assert_eq!(request.card, None);
        form.form.set_value(ReconcileField::Format, "generic");
        form.form.set_value(ReconcileField::Card, "2");
        form.refresh(Lang::En);
        assert!(form.request.is_none(), "generic needs a map");
        form.form
            .set_text(ReconcileField::Map, "date=日期,amount=金额,text=摘要");
        form.refresh(Lang::En);
        let (_, request) = form.request.unwrap();
        assert!(request.read.map.is_some());
        assert_eq!(request.card, Some(CardId(2)));
    }
}
