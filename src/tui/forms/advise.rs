//! The advise form: the cash to spend on early repayment and the date, with the advice for
//! what is typed (the plans are read once when the form opens).

use chrono::NaiveDate;

use super::field::{Field, Form};
use super::payment::message;
use crate::domain::Money;
use crate::domain::advise::{Advice, AdvisePlan, advise};
use crate::domain::terms_input::{parse_amount, parse_day};
use crate::i18n::Lang;
use crate::i18n::store::StoreText;
use crate::i18n::tui::TuiText;

/// The fields of the advise form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdviseField {
    Cash,
    Date,
}

/// The advise form, the plans it advises on and the advice for what is typed.
#[derive(Debug, Clone)]
pub struct AdviseForm {
    pub form: Form<AdviseField>,
    pub plans: Vec<AdvisePlan>,
    /// The cash and date typed and the advice for them, when both are valid.
    pub advice: Option<(Money, NaiveDate, Advice)>,
}

impl AdviseForm {
    /// An empty form for `today` over `plans` (every plan still owing money).
    pub(crate) fn new(plans: Vec<AdvisePlan>, today: NaiveDate, lang: Lang) -> AdviseForm {
        let mut form = AdviseForm {
            form: Form::new(vec![
                Field::text(AdviseField::Cash, TuiText::FieldCash, ""),
                Field::text(AdviseField::Date, TuiText::FieldDate, today.to_string()),
            ]),
            plans,
            advice: None,
        };
        form.refresh(lang);
        form
    }

    /// Checks the fields and advises on what they say.
    pub(crate) fn refresh(&mut self, lang: Lang) {
        self.form.clear_errors();
        self.advice = None;
        let cash = parse_amount(self.form.value(AdviseField::Cash));
        let on = parse_day(self.form.value(AdviseField::Date));
        if let Err(e) = &cash {
            self.form.set_error(AdviseField::Cash, message(lang, e));
        }
        if let Err(e) = &on {
            self.form.set_error(AdviseField::Date, message(lang, e));
        }
        let (Ok(cash), Ok(on)) = (cash, on) else {
            return;
        };
        match advise(&self.plans, cash, on) {
            Ok(advice) => self.advice = Some((cash, on, advice)),
            Err(_) => self
                .form
                .set_error(AdviseField::Cash, StoreText::Overflow.text(lang)),
        }
    }
}
