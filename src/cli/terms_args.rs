//! The fee-model flags shared by `quote` and `plan add`, their text handed to
//! `domain::terms_input`, and its errors named by flag.

use chrono::NaiveDate;
use clap::Args;

use super::error::{CliError, CliResult};
use super::preset::fill_typed;
use crate::domain::money::Money;
use crate::domain::presets::Preset;
use crate::domain::terms::PayoffPolicy;
use crate::domain::terms_input::{
    FieldError, InputError, TermField, TermsText, parse_amount, parse_count, parse_day,
    parse_payoff_policy as domain_payoff_policy,
};
use crate::i18n::{Lang, terms};

/// Principal, periods, fee model and its options, start date, due-date rule, period length.
#[derive(Debug, Clone, Args, Default)]
pub struct TermsArgs {
    /// Amount borrowed, e.g. 6000 or ¥6,000.00 (at most 100,000,000)
    #[arg(long, value_name = "AMOUNT")]
    pub principal: String,
    /// Number of periods (1–360)
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
    /// Annual interest rate, e.g. 15% (at most 120%); see --method
    #[arg(long, value_name = "RATE")]
    pub annual_rate: Option<String>,
    /// Daily interest rate (日利率) charged by actual days, e.g. 0.05% (at most 1%); see --method
    #[arg(long, value_name = "RATE")]
    pub daily_rate: Option<String>,
    /// With --annual-rate or --daily-rate: annuity (等额本息, default), equal-principal (等额本金) or interest-only (先息后本)
    #[arg(long, value_name = "METHOD")]
    pub method: Option<String>,
    /// Which period takes the remainder: last (default) or first
    #[arg(long, value_name = "last|first")]
    pub remainder: Option<String>,
    /// Fee discount: 80%, 8折, 0.8 or 20% off (the fee × 0.8)
    #[arg(long, value_name = "RATE")]
    pub fee_discount: Option<String>,
    /// Periods whose fee is waived, e.g. 1,2,3
    #[arg(long, value_name = "LIST")]
    pub fee_free_periods: Option<String>,
    /// Each period's fee is at least this, e.g. 5.00 (flat and total fees; after the discount)
    #[arg(long, value_name = "AMOUNT")]
    pub min_fee: Option<String>,
    /// Purchase or loan date (YYYY-MM-DD; default today): daily interest and the default first due date count from it
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Due date of period 1 (YYYY-MM-DD); default one period after --start
    #[arg(long, value_name = "DATE")]
    pub first_due: Option<String>,
    /// Every period is due on this day of its month (1–31, clamped to the month's end)
    #[arg(long, value_name = "D")]
    pub due_day: Option<String>,
    /// Statement day (1–31): period k is due --due-after days after the k-th statement date after --start
    #[arg(long, value_name = "S")]
    pub statement_day: Option<String>,
    /// With --statement-day: days from the statement date to the due date (0–60)
    #[arg(long, value_name = "N")]
    pub due_after: Option<String>,
    /// Period length: month (default), 2w, 1w or Nd (N days)
    #[arg(long, value_name = "month|2w|1w|Nd")]
    pub every: Option<String>,
    /// Start from a provider preset's terms (see `fenqi preset list`); the flags given override them
    #[arg(long, value_name = "ID")]
    pub preset: Option<String>,
}

/// Overdue flags of `quote`, `plan add` and `plan edit`.
#[derive(Debug, Clone, Args, Default)]
pub struct OverdueArgs {
    /// Days after the due date with no penalty (default 3)
    #[arg(long, value_name = "N")]
    pub grace_days: Option<String>,
    /// Daily penalty rate on the unpaid amount (default 0.05%, at most 1%)
    #[arg(long, value_name = "RATE")]
    pub penalty_daily: Option<String>,
    /// Count the penalty from the due date or from the end of grace: due|grace-end
    #[arg(long, value_name = "due|grace-end")]
    pub penalty_from: Option<String>,
    /// What the daily penalty is charged on: installment (default), principal or balance
    #[arg(long, value_name = "BASE")]
    pub penalty_base: Option<String>,
    /// The least daily penalty on a day one is charged, e.g. 0.01 (at most 1,000.00)
    #[arg(long, value_name = "AMOUNT")]
    pub penalty_min: Option<String>,
    /// A flat fee charged when a period turns overdue (after grace), e.g. 10
    #[arg(long, value_name = "AMOUNT")]
    pub late_fee: Option<String>,
    /// Y more, charged on the day a period is D days late, e.g. 7:7
    #[arg(long, value_name = "Y:D")]
    pub late_fee_extra: Option<String>,
    /// Cap on the plan's late fees: an amount or a percent of the principal, e.g. 68 or 25% (repeatable: the lowest applies)
    #[arg(long, value_name = "CAP")]
    pub late_fee_cap: Vec<String>,
    /// A period whose unpaid rest is at most this is not overdue (容差), e.g. 10
    #[arg(long, value_name = "AMOUNT")]
    pub tolerance: Option<String>,
}

/// Overdue and early-payoff flags of `plan add` / `plan edit`.
#[derive(Debug, Clone, Args, Default)]
pub struct PolicyArgs {
    #[command(flatten)]
    pub overdue: OverdueArgs,
    /// Early payoff rule: waive-remaining-fees, current-fee-due, all-fees-due, penalty:3%, fee-on-remaining:3.9%, interest-to-date, not-allowed
    #[arg(long, value_name = "POLICY")]
    pub payoff_policy: Option<String>,
}

/// The text of each flag of `fields` given, onto `text`.
pub(crate) fn add_flags(text: &mut TermsText, fields: &[(TermField, &Option<String>)]) {
    for (field, value) in fields {
        text.set_some(*field, value.as_deref());
    }
}

/// A terms field's input error as the command line says it: naming its flag.
pub(crate) fn field_error(lang: Lang, (field, error): &FieldError) -> CliError {
    CliError::input(terms::flags(*field, error), terms::input_error(lang, error))
}

/// The first of `errors` (the fields are checked in flag order), as a command-line error.
pub(crate) fn first_field_error(lang: Lang, errors: &[FieldError]) -> CliError {
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
pub(crate) fn parse_money_flag(lang: Lang, flag: &str, text: &str) -> CliResult<Money> {
    parse_amount(text).map_err(|e| flag_error(lang, flag, &e))
}

/// Parses a date flag, naming the flag on error.
pub(crate) fn parse_date_flag(lang: Lang, flag: &str, text: &str) -> CliResult<NaiveDate> {
    parse_day(text).map_err(|e| flag_error(lang, flag, &e))
}

/// Parses a whole number within `range`, naming the flag on error.
pub(crate) fn parse_count_flag(
    lang: Lang,
    flag: &str,
    text: &str,
    range: std::ops::RangeInclusive<u32>,
) -> CliResult<u32> {
    parse_count(text, range).map_err(|e| flag_error(lang, flag, &e))
}

impl TermsArgs {
    /// The text of each terms flag given.
    pub(crate) fn text(&self) -> TermsText {
        let mut text = TermsText::default();
        text.set(TermField::Principal, self.principal.as_str());
        text.set(TermField::Periods, self.periods.as_str());
        add_flags(
            &mut text,
            &[
                (TermField::MonthlyFee, &self.monthly_fee),
                (TermField::TotalFee, &self.total_fee),
                (TermField::UpfrontFee, &self.upfront_fee),
                (TermField::AnnualRate, &self.annual_rate),
                (TermField::DailyRate, &self.daily_rate),
                (TermField::Method, &self.method),
                (TermField::Remainder, &self.remainder),
                (TermField::FeeDiscount, &self.fee_discount),
                (TermField::FeeFreePeriods, &self.fee_free_periods),
                (TermField::MinFee, &self.min_fee),
                (TermField::Start, &self.start),
                (TermField::FirstDue, &self.first_due),
                (TermField::DueDay, &self.due_day),
                (TermField::StatementDay, &self.statement_day),
                (TermField::DueAfter, &self.due_after),
                (TermField::Every, &self.every),
            ],
        );
        text
    }

    /// `typed` (the text of these flags and any others) with `--preset`'s terms under it, and
    /// the preset.
    pub(crate) fn with_preset(
        &self,
        lang: Lang,
        typed: TermsText,
        today: NaiveDate,
    ) -> CliResult<(TermsText, Option<&'static Preset>)> {
        fill_typed(lang, self.preset.as_deref(), typed, today)
    }
}

impl OverdueArgs {
    /// Adds the text of each overdue flag given to `text`.
    pub(crate) fn add_to(&self, text: &mut TermsText) {
        add_flags(
            text,
            &[
                (TermField::GraceDays, &self.grace_days),
                (TermField::PenaltyDaily, &self.penalty_daily),
                (TermField::PenaltyFrom, &self.penalty_from),
                (TermField::PenaltyBase, &self.penalty_base),
                (TermField::PenaltyMin, &self.penalty_min),
                (TermField::LateFee, &self.late_fee),
                (TermField::LateFeeExtra, &self.late_fee_extra),
            ],
        );
        text.set_all(TermField::LateFeeCap, &self.late_fee_cap);
        text.set_some(TermField::Tolerance, self.tolerance.as_deref());
    }
}

impl PolicyArgs {
    /// Adds the text of each overdue and payoff flag given to `text`.
    pub(crate) fn add_to(&self, text: &mut TermsText) {
        self.overdue.add_to(text);
        text.set_some(TermField::PayoffPolicy, self.payoff_policy.as_deref());
    }
}

/// Parses `--payoff-policy`, naming the flag on error.
pub(crate) fn parse_payoff_policy(lang: Lang, text: &str) -> CliResult<PayoffPolicy> {
    domain_payoff_policy(text).map_err(|e| field_error(lang, &(TermField::PayoffPolicy, e)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::terms::PlanTerms;

    fn flagged(error: CliError) -> String {
        match error {
            CliError::Input { field, .. } => field,
            other => panic!("not an input error: {other}"),
        }
    }

    fn to_terms(args: &TermsArgs, today: NaiveDate) -> CliResult<PlanTerms> {
        args.text()
            .parse(today)
            .map_err(|errors| first_field_error(Lang::En, &errors))
    }

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
            let error = to_terms(&args(bad), today).unwrap_err();
            assert_eq!(flagged(error), "--fee-free-periods", "{bad}");
        }
        let terms = to_terms(&args(" 3, 1,3 "), today).unwrap();
        assert_eq!(terms.fee.free_periods, vec![1, 3]);
        let terms = to_terms(&args(""), today).unwrap();
        assert!(terms.fee.free_periods.is_empty());
    }
}
