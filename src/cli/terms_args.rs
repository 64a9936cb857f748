//! The fee-model flags shared by `quote` and `plan add`, and their translation into `PlanTerms`.

use chrono::NaiveDate;
use clap::Args;

use super::error::{CliError, CliResult};
use crate::domain::bounds::{self, BoundError};
use crate::domain::dates::{due_date, parse_date};
use crate::domain::money::Money;
use crate::domain::rate::Rate;
use crate::domain::schedule::{ScheduleError, check_discount, validate};
use crate::domain::terms::{
    FeeModel, FeeTerms, OverdueTerms, PayoffPolicy, PenaltyFrom, PlanTerms, Remainder,
};
use crate::i18n::cli::CliText;
use crate::i18n::{Lang, errors, fill};

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

/// Parses an amount flag, naming the flag on error.
pub fn parse_money_flag(lang: Lang, flag: &str, text: &str) -> CliResult<Money> {
    Money::parse_positive(text).map_err(|e| CliError::input(flag, errors::money(lang, &e)))
}

/// Parses a rate flag, naming the flag on error.
pub fn parse_rate_flag(lang: Lang, flag: &str, text: &str) -> CliResult<Rate> {
    Rate::parse(text).map_err(|e| CliError::input(flag, errors::rate(lang, &e)))
}

/// Parses `--fee-discount` (`80%`, `8折`, `0.8`; at most 100%), naming the flag on error.
pub fn parse_discount_flag(lang: Lang, text: &str) -> CliResult<Rate> {
    let flag = "--fee-discount";
    let discount =
        Rate::parse_discount(text).map_err(|e| CliError::input(flag, errors::rate(lang, &e)))?;
    check_discount(discount).map_err(|e| CliError::input(flag, errors::schedule(lang, &e)))?;
    Ok(discount)
}

/// Parses a date flag, naming the flag on error.
pub fn parse_date_flag(lang: Lang, flag: &str, text: &str) -> CliResult<NaiveDate> {
    parse_date(text).map_err(|e| CliError::input(flag, errors::date(lang, &e)))
}

/// Parses a whole number within `range`, naming the flag on error.
pub fn parse_count_flag(
    lang: Lang,
    flag: &str,
    text: &str,
    range: std::ops::RangeInclusive<u32>,
) -> CliResult<u32> {
    let ascii: String = text
        .trim()
        .chars()
        .map(crate::domain::numtext::to_halfwidth)
        .collect();
    ascii
        .parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            CliError::input(
                flag,
                fill(
                    CliText::WholeNumberInRange.text(lang),
                    &[range.start(), range.end()],
                ),
            )
        })
}

impl TermsArgs {
    /// The fee model and rate the flags choose; exactly one rate flag, or none for interest-free.
    fn fee_model(&self, lang: Lang) -> CliResult<(FeeModel, Rate)> {
        let given: Vec<(&str, &String)> = [
            ("--monthly-fee", &self.monthly_fee),
            ("--total-fee", &self.total_fee),
            ("--upfront-fee", &self.upfront_fee),
            ("--annual-rate", &self.annual_rate),
        ]
        .into_iter()
        .filter_map(|(flag, value)| value.as_ref().map(|v| (flag, v)))
        .collect();
        if given.len() > 1 {
            let flags: Vec<&str> = given.iter().map(|(flag, _)| *flag).collect();
            return Err(CliError::input(
                flags.join(", "),
                CliText::OneFeeModel.text(lang),
            ));
        }
        if self.method.is_some() && self.annual_rate.is_none() {
            return Err(CliError::input(
                "--method",
                CliText::MethodNeedsAnnualRate.text(lang),
            ));
        }
        let Some(&(flag, text)) = given.first() else {
            return Ok((FeeModel::InterestFree, Rate::ZERO));
        };
        let rate = parse_rate_flag(lang, flag, text)?;
        let model = match flag {
            "--monthly-fee" => FeeModel::MonthlyFee,
            "--total-fee" => FeeModel::TotalFee,
            "--upfront-fee" => FeeModel::UpfrontFee,
            _ => match self.method.as_deref().map(str::trim) {
                None | Some("annuity") => FeeModel::Annuity,
                Some("equal-principal") => FeeModel::EqualPrincipal,
                Some(_) => {
                    return Err(CliError::input(
                        "--method",
                        CliText::MethodValues.text(lang),
                    ));
                }
            },
        };
        Ok((model, rate))
    }

    /// Builds validated terms; `today` gives the default first due date (one month on).
    pub fn to_terms(&self, lang: Lang, today: NaiveDate) -> CliResult<PlanTerms> {
        let principal = parse_money_flag(lang, "--principal", &self.principal)?;
        let periods = parse_count_flag(lang, "--periods", &self.periods, 1..=360)?;
        let (model, rate) = self.fee_model(lang)?;
        let remainder = match self.remainder.as_deref().map(str::trim) {
            None => Remainder::Last,
            Some(code) => Remainder::from_code(code).ok_or_else(|| {
                CliError::input("--remainder", CliText::RemainderValues.text(lang))
            })?,
        };
        let discount = self
            .fee_discount
            .as_deref()
            .map(|text| parse_discount_flag(lang, text))
            .transpose()?;
        let free_periods = match &self.fee_free_periods {
            None => Vec::new(),
            Some(list) => parse_period_list(lang, list, periods)?,
        };
        let first_due = match &self.first_due {
            Some(text) => parse_date_flag(lang, "--first-due", text)?,
            None => due_date(today, 2).unwrap_or(today),
        };
        let terms = PlanTerms {
            principal,
            periods,
            fee: FeeTerms {
                model,
                rate,
                discount,
                free_periods,
            },
            remainder,
            first_due,
            payoff: PayoffPolicy::default(),
            overdue: OverdueTerms::default(),
        };
        validate(&terms).map_err(|e| {
            let flag = match e {
                ScheduleError::PeriodsOutOfRange => "--periods",
                ScheduleError::ZeroPrincipal | ScheduleError::Overflow => "--principal",
                ScheduleError::FreePeriodOutOfRange(_) => "--fee-free-periods",
                ScheduleError::DateOutOfRange => "--first-due",
                ScheduleError::DiscountTooLarge => "--fee-discount",
                ScheduleError::OptionNotForModel => {
                    if self.fee_discount.is_some() {
                        "--fee-discount"
                    } else {
                        "--fee-free-periods"
                    }
                }
            };
            CliError::input(flag, errors::schedule(lang, &e))
        })?;
        check_bounds(lang, &terms)?;
        Ok(terms)
    }
}

/// Refuses terms beyond fenqi's bounds (`domain::bounds`), naming the flag.
pub fn check_bounds(lang: Lang, terms: &PlanTerms) -> CliResult<()> {
    bounds::check(terms).map_err(|e| bound_error(lang, e))
}

/// A bound `terms` passed, as an input error naming its flag.
fn bound_error(lang: Lang, e: BoundError) -> CliError {
    CliError::input(errors::bound_flag(&e), errors::bound(lang, &e))
}

/// Parses `1,2,3` (full-width digits and commas accepted) into sorted unique periods. An empty
/// list means none (so `plan edit --fee-free-periods ""` clears them); an empty item (`1,,2`,
/// `1,`) is refused rather than skipped.
pub fn parse_period_list(lang: Lang, list: &str, periods: u32) -> CliResult<Vec<u32>> {
    let ascii: String = list
        .chars()
        .map(crate::domain::numtext::to_halfwidth)
        .collect();
    let mut out = Vec::new();
    if ascii.trim().is_empty() {
        return Ok(out);
    }
    for item in ascii.split(',').map(str::trim) {
        if item.is_empty() {
            return Err(CliError::input(
                "--fee-free-periods",
                CliText::EmptyListItem.text(lang),
            ));
        }
        let n = parse_count_flag(lang, "--fee-free-periods", item, 1..=periods)?;
        out.push(n);
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
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

    /// Applies the given flags over `terms` (used by `plan add` and `plan edit`).
    pub fn apply(&self, lang: Lang, terms: &mut PlanTerms) -> CliResult<()> {
        if let Some(text) = &self.grace_days {
            terms.overdue.grace_days = parse_count_flag(lang, "--grace-days", text, 0..=365)?;
        }
        if let Some(text) = &self.penalty_daily {
            let rate = parse_rate_flag(lang, "--penalty-daily", text)?;
            bounds::check_penalty_daily(rate).map_err(|e| bound_error(lang, e))?;
            terms.overdue.penalty_daily = rate;
        }
        if let Some(text) = &self.penalty_from {
            terms.overdue.from = PenaltyFrom::from_code(text.trim()).ok_or_else(|| {
                CliError::input("--penalty-from", CliText::PenaltyFromValues.text(lang))
            })?;
        }
        if let Some(text) = &self.payoff_policy {
            terms.payoff = parse_payoff_policy(lang, text)?;
        }
        Ok(())
    }
}

/// Parses `--payoff-policy`, naming the flag on error.
pub fn parse_payoff_policy(lang: Lang, text: &str) -> CliResult<PayoffPolicy> {
    PayoffPolicy::parse(text)
        .ok_or_else(|| CliError::input("--payoff-policy", CliText::PayoffPolicyValues.text(lang)))
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

    /// A refused penalty leaves the terms as they were, so the TUI form, which checks each
    /// policy field on the same scratch terms, shows the error under that field only.
    #[test]
    fn a_penalty_above_the_bound_is_refused_without_changing_the_terms() {
        let today = NaiveDate::from_ymd_opt(2025, 1, 10).unwrap();
        let mut terms = TermsArgs {
            principal: "6000".into(),
            periods: "12".into(),
            ..TermsArgs::default()
        }
        .to_terms(Lang::En, today)
        .unwrap();
        let before = terms.clone();
        let too_high = PolicyArgs {
            penalty_daily: Some("1.5%".into()),
            ..PolicyArgs::default()
        };
        let error = too_high.apply(Lang::En, &mut terms).unwrap_err();
        assert_eq!(flagged(error), "--penalty-daily");
        assert_eq!(terms, before);
        let other_field = PolicyArgs {
            penalty_from: Some("grace-end".into()),
            ..PolicyArgs::default()
        };
        assert!(other_field.apply(Lang::En, &mut terms).is_ok());
    }
}
