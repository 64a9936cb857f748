//! The fee-model flags shared by `quote` and `plan add`, their text handed to
//! `domain::terms_input`, and its errors named by flag.

use chrono::NaiveDate;
use clap::Args;

use super::error::{CliError, CliResult};
use crate::domain::money::Money;
use crate::domain::terms::{PayoffPolicy, PlanTerms};
use crate::domain::terms_input::{
    FieldError, InputError, TermField, TermsText, parse_amount, parse_count, parse_day,
    parse_payoff_policy as domain_payoff_policy,
};
use crate::i18n::{Lang, terms};

/// Principal, periods, fee model and its options, first due date.
#[derive(Debug, Clone, Args, Default)]
pub struct TermsArgs {
    /// Amount borrowed, e.g. 6000 or ¥6,000.00 (at most 100,000,000)
    #[arg(long, value_name = "AMOUNT")]
    pub principal: String,
    /// Number of monthly periods (1–360)
    #[arg(long, value_name = "N")]
    pub periods: String,
    /// Flat monthly fee on the original principal, e.g. 0.6% (at most 10%)
    #[arg(long, value_name = "RATE")]
    pub monthly_fee: Option<String>,
    /// Total fee spread evenly over the periods, e.g. 7.2%
    #[arg(long, value_name = "RATE")]
    pub total_fee: Option<String>,
    /// Total fee charged once with period 1, e.g. 7.2%
    #[arg(long, value_name = "RATE")]
    pub upfront_fee: Option<String>,
    /// Annual interest rate for annuity / equal-principal plans, e.g. 15% (at most 120%)
    #[arg(long, value_name = "RATE")]
    pub annual_rate: Option<String>,
    /// With --annual-rate: annuity (等额本息, default) or equal-principal (等额本金)
    #[arg(long, value_name = "METHOD")]
    pub method: Option<String>,
    /// Which period takes the remainder: last (default) or first
    #[arg(long, value_name = "last|first")]
    pub remainder: Option<String>,
    /// Fee discount: 80%, 8折 or 0.8 (the fee × 0.8)
    #[arg(long, value_name = "RATE")]
    pub fee_discount: Option<String>,
    /// Periods whose fee is waived, e.g. 1,2,3
    #[arg(long, value_name = "LIST")]
    pub fee_free_periods: Option<String>,
    /// Due date of period 1 (YYYY-MM-DD); default one month after today
    #[arg(long, value_name = "DATE")]
    pub first_due: Option<String>,
}

/// Overdue and early-payoff flags of `plan add` / `plan edit`.
#[derive(Debug, Clone, Args, Default)]
pub struct PolicyArgs {
    /// Days after the due date with no penalty (default 3)
    #[arg(long, value_name = "N")]
    pub grace_days: Option<String>,
    /// Daily penalty rate on the unpaid amount (default 0.05%, at most 1%)
    #[arg(long, value_name = "RATE")]
    pub penalty_daily: Option<String>,
    /// Count the penalty from the due date or from the end of grace: due|grace-end
    #[arg(long, value_name = "due|grace-end")]
    pub penalty_from: Option<String>,
    /// Early payoff rule: waive-remaining-fees, current-fee-due, all-fees-due, penalty:3%, interest-to-date, not-allowed
    #[arg(long, value_name = "POLICY")]
    pub payoff_policy: Option<String>,
}

/// A terms field's input error as the command line says it: naming its flag.
pub fn field_error(lang: Lang, (field, error): &FieldError) -> CliError {
    CliError::input(terms::flags(*field, error), terms::input_error(lang, error))
}

/// The first of `errors` (the fields are checked in flag order), as a command-line error.
pub fn first_field_error(lang: Lang, errors: &[FieldError]) -> CliError {
    match errors.first() {
        Some(error) => field_error(lang, error),
        None => CliError::Other(anyhow::anyhow!("terms refused without a reason")),
    }
}

/// An input error of the flag `flag`.
fn flag_error(lang: Lang, flag: &str, error: &InputError) -> CliError {
    CliError::input(flag, terms::input_error(lang, error))
}

/// Parses an amount flag, naming the flag on error.
pub fn parse_money_flag(lang: Lang, flag: &str, text: &str) -> CliResult<Money> {
    parse_amount(text).map_err(|e| flag_error(lang, flag, &e))
}

/// Parses a date flag, naming the flag on error.
pub fn parse_date_flag(lang: Lang, flag: &str, text: &str) -> CliResult<NaiveDate> {
    parse_day(text).map_err(|e| flag_error(lang, flag, &e))
}

/// Parses a whole number within `range`, naming the flag on error.
pub fn parse_count_flag(
    lang: Lang,
    flag: &str,
    text: &str,
    range: std::ops::RangeInclusive<u32>,
) -> CliResult<u32> {
    parse_count(text, range).map_err(|e| flag_error(lang, flag, &e))
}

impl TermsArgs {
    /// The text of each terms flag given.
    pub fn text(&self) -> TermsText {
        let mut text = TermsText::default();
        text.set(TermField::Principal, self.principal.as_str());
        text.set(TermField::Periods, self.periods.as_str());
        for (field, value) in [
            (TermField::MonthlyFee, &self.monthly_fee),
            (TermField::TotalFee, &self.total_fee),
            (TermField::UpfrontFee, &self.upfront_fee),
            (TermField::AnnualRate, &self.annual_rate),
            (TermField::Method, &self.method),
            (TermField::Remainder, &self.remainder),
            (TermField::FeeDiscount, &self.fee_discount),
            (TermField::FeeFreePeriods, &self.fee_free_periods),
            (TermField::FirstDue, &self.first_due),
        ] {
            text.set_some(field, value.as_deref());
        }
        text
    }

    /// Builds validated terms; `today` gives the default first due date (one month on).
    pub fn to_terms(&self, lang: Lang, today: NaiveDate) -> CliResult<PlanTerms> {
        self.text()
            .parse(today)
            .map_err(|errors| first_field_error(lang, &errors))
    }
}

impl PolicyArgs {
    /// No policy flag was given.
    pub fn is_empty(&self) -> bool {
        [
            &self.grace_days,
            &self.penalty_daily,
            &self.penalty_from,
            &self.payoff_policy,
        ]
        .iter()
        .all(|flag| flag.is_none())
    }

    /// Adds the text of each policy flag given to `text`.
    pub fn add_to(&self, text: &mut TermsText) {
        for (field, value) in [
            (TermField::GraceDays, &self.grace_days),
            (TermField::PenaltyDaily, &self.penalty_daily),
            (TermField::PenaltyFrom, &self.penalty_from),
            (TermField::PayoffPolicy, &self.payoff_policy),
        ] {
            text.set_some(field, value.as_deref());
        }
    }
}

/// Parses `--payoff-policy`, naming the flag on error.
pub fn parse_payoff_policy(lang: Lang, text: &str) -> CliResult<PayoffPolicy> {
    domain_payoff_policy(text).map_err(|e| field_error(lang, &(TermField::PayoffPolicy, e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(error: CliError) -> String {
        match error {
            CliError::Input { field, .. } => field,
            other => panic!("not an input error: {other}"),
        }
    }

    /// The TUI's plan form builds `TermsArgs` from its fields and calls `to_terms`, so what is
    /// refused here is refused there too.
    #[test]
    fn fee_free_periods_refuse_empty_items_and_accept_an_empty_list() {
        let today = NaiveDate::from_ymd_opt(2025, 1, 10).unwrap();
        let args = |list: &str| TermsArgs {
            principal: "6000".into(),
            periods: "12".into(),
            monthly_fee: Some("0.6%".into()),
            fee_free_periods: Some(list.into()),
            ..TermsArgs::default()
        };
        for bad in ["1,,2", "1,", ",1", "1, ,2", "１，，２"] {
            let error = args(bad).to_terms(Lang::En, today).unwrap_err();
            assert_eq!(flagged(error), "--fee-free-periods", "{bad}");
        }
        let terms = args(" 3, 1,3 ").to_terms(Lang::En, today).unwrap();
        assert_eq!(terms.fee.free_periods, vec![1, 3]);
        let terms = args("").to_terms(Lang::En, today).unwrap();
        assert!(terms.fee.free_periods.is_empty());
    }
}
