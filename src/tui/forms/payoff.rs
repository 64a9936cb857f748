//! The early-payoff form: a date, the quote under the plan's policy for that date, and confirm.

use chrono::NaiveDate;

use super::field::{Field, Form};
use super::payment::message;
use crate::cli::terms_args::parse_date_flag;
use crate::domain::payoff::{PayoffQuote, PeriodState, quote};
use crate::domain::terms::PlanTerms;
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, errors};

/// The only field of the payoff form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PayoffField {
    Date,
}

/// What the payoff form needs from the plan: its terms and each period's state.
#[derive(Debug, Clone)]
pub struct PayoffSeed {
    pub plan_id: i64,
    pub plan_name: String,
    pub terms: PlanTerms,
    pub periods: Vec<PeriodState>,
}

/// The payoff form: a date and the quote for it.
#[derive(Debug, Clone)]
pub struct PayoffForm {
    pub form: Form<PayoffField>,
    pub seed: PayoffSeed,
    /// The quote for the date typed, when the date is valid and payoff is possible.
    pub quote: Option<(NaiveDate, PayoffQuote)>,
}

impl PayoffForm {
    pub fn new(seed: PayoffSeed, lang: Lang, today: NaiveDate) -> PayoffForm {
        let mut form = PayoffForm {
            form: Form::new(vec![Field::text(
                PayoffField::Date,
                TuiText::FieldDate,
                today.to_string(),
            )]),
            seed,
            quote: None,
        };
        form.refresh(lang);
        form
    }

    /// Revalidates the date and recomputes the quote.
    pub fn refresh(&mut self, lang: Lang) {
        self.form.clear_errors();
        self.form.show_all_errors = true;
        self.quote = None;
        match parse_date_flag(lang, "--on", self.form.value(PayoffField::Date)) {
            Err(e) => self.form.set_error(PayoffField::Date, message(&e)),
            Ok(on) => match quote(&self.seed.terms, &self.seed.periods, on) {
                Ok(q) => self.quote = Some((on, q)),
                Err(e) => self
                    .form
                    .set_error(PayoffField::Date, errors::payoff(lang, &e)),
            },
        }
    }
}
