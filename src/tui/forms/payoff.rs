//! The early-payoff form: a date, the quote under the plan's policy for that date, and confirm.

use chrono::NaiveDate;

use super::field::{Field, Form};
use super::payment::message;
use crate::cli::terms_args::parse_date_flag;
use crate::domain::payoff::PayoffQuote;
use crate::i18n::Lang;
use crate::i18n::tui::TuiText;
use crate::store::PlanId;

/// The only field of the payoff form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PayoffField {
    Date,
}

/// The payoff form: a date and the quote for it.
#[derive(Debug, Clone)]
pub struct PayoffForm {
    pub form: Form<PayoffField>,
    pub plan_id: PlanId,
    pub plan_name: String,
    /// The quote for the date typed, when the date is valid and payoff is possible.
    pub quote: Option<(NaiveDate, PayoffQuote)>,
}

impl PayoffForm {
    pub fn new(plan_id: PlanId, plan_name: String, today: NaiveDate) -> PayoffForm {
        PayoffForm {
            form: Form::new(vec![Field::text(
                PayoffField::Date,
                TuiText::FieldDate,
                today.to_string(),
            )]),
            plan_id,
            plan_name,
            quote: None,
        }
    }

    /// The date typed, or its error in `lang`.
    pub fn date(&self, lang: Lang) -> Result<NaiveDate, String> {
        parse_date_flag(lang, "--on", self.form.value(PayoffField::Date)).map_err(|e| message(&e))
    }

    /// Records the quote for the date typed (or why there is none).
    pub fn set_quote(&mut self, quote: Result<(NaiveDate, PayoffQuote), String>) {
        self.form.clear_errors();
        self.form.show_all_errors = true;
        match quote {
            Ok(q) => self.quote = Some(q),
            Err(error) => {
                self.quote = None;
                self.form.set_error(PayoffField::Date, error);
            }
        }
    }
}
