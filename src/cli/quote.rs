//! `fenqi quote`: the installment calculator; touches no database.

use chrono::NaiveDate;
use clap::Args;
use serde_json::{Value, json};

use super::error::{CliError, CliResult};
use super::table::{Align, Table};
use super::terms_args::{
    OverdueArgs, TermsArgs, first_field_error, parse_count_flag, parse_payoff_policy,
};
use super::terms_json::{overdue_terms_json, schedule_terms_json};
use crate::domain::Money;
use crate::domain::payoff::{PayoffQuote, quote as payoff_quote};
use crate::domain::period_state::PeriodState;
use crate::domain::rate::percent4;
use crate::domain::schedule::Installment;
use crate::domain::summary::{PlanQuote, QuoteError, quote_plan};
use crate::domain::terms::PlanTerms;
use crate::i18n::cli::CliText;
use crate::i18n::count::{Noun, count};
use crate::i18n::policy::payoff_policy_label;
use crate::i18n::terms::model_name;
use crate::i18n::{Lang, errors, fill};

/// Flags of `fenqi quote`.
#[derive(Debug, Clone, Args)]
pub struct QuoteArgs {
    #[command(flatten)]
    pub terms: TermsArgs,
    #[command(flatten)]
    pub overdue: OverdueArgs,
    /// Quote an early payoff after K periods are paid
    #[arg(long, value_name = "K")]
    pub payoff_after: Option<String>,
    /// Early payoff rule for --payoff-after (default waive-remaining-fees)
    #[arg(long, value_name = "POLICY")]
    pub payoff_policy: Option<String>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Runs `fenqi quote`.
pub(crate) fn run(args: &QuoteArgs, lang: Lang, today: NaiveDate) -> CliResult {
    let mut text = args.terms.text();
    args.overdue.add_to(&mut text);
    let (text, _) = args.terms.with_preset(lang, text, today)?;
    let mut terms = text
        .parse(today)
        .map_err(|errors| first_field_error(lang, &errors))?;
    if let Some(text) = &args.payoff_policy {
        terms.payoff = parse_payoff_policy(lang, text)?;
        if args.payoff_after.is_none() {
            return Err(CliError::input(
                "--payoff-policy",
                CliText::PayoffAfterNeeded.text(lang),
            ));
        }
    }
    let plan = quote_plan(&terms).map_err(|e| quote_error(lang, e))?;
    let payoff = match &args.payoff_after {
        None => None,
        Some(text) => {
            let last = terms.periods - 1;
            let after = parse_count_flag(lang, "--payoff-after", text, 0..=last).map_err(|_| {
                CliError::input(
                    "--payoff-after",
                    fill(CliText::PayoffAfterRange.text(lang), &[&last]),
                )
            })?;
            Some((after, payoff_after(&terms, &plan.schedule, after, lang)?))
        }
    };
    if args.json {
        println!(
            "{}",
            quote_json(&terms, &plan, payoff.as_ref().map(|(_, q)| q))
        );
    } else {
        print!("{}", quote_text(&terms, &plan, payoff.as_ref(), lang));
    }
    Ok(())
}

/// Maps a quote failure to the flag that caused it.
fn quote_error(lang: Lang, error: QuoteError) -> CliError {
    CliError::input("--principal", quote_error_text(lang, &error))
}

/// Why terms cannot be quoted.
pub(crate) fn quote_error_text(lang: Lang, error: &QuoteError) -> String {
    match error {
        QuoteError::Schedule(e) => errors::schedule(lang, e),
        QuoteError::Apr(e) => errors::apr(lang, e),
    }
}

/// The payoff quote when the first `after` periods are paid, settled on the next due date.
fn payoff_after(
    terms: &PlanTerms,
    schedule: &[Installment],
    after: u32,
    lang: Lang,
) -> CliResult<PayoffQuote> {
    let states: Vec<PeriodState> = schedule
        .iter()
        .map(|i| {
            let paid = i.period <= after;
            PeriodState {
                period: i.period,
                due_date: i.due_date,
                principal: i.principal,
                fee: i.fee,
                paid_principal: if paid { i.principal } else { Money::ZERO },
                paid_fee: if paid { i.fee } else { Money::ZERO },
                paid_penalty: Money::ZERO,
                waived: false,
                paid_parts: Vec::new(),
            }
        })
        .collect();
    let settle_on = schedule[after as usize].due_date;
    payoff_quote(terms, &states, settle_on)
        .map_err(|e| CliError::input("--payoff-policy", errors::payoff(lang, &e)))
}

/// The contract's schedule entries: `period`, `due_date`, `amount`, `principal`, `fee`,
/// `remaining_principal`.
pub(crate) fn schedule_json(schedule: &[Installment]) -> Vec<Value> {
    schedule
        .iter()
        .map(|i| {
            json!({
                "period": i.period,
                "due_date": i.due_date.to_string(),
                "amount": i.amount,
                "principal": i.principal,
                "fee": i.fee,
                "remaining_principal": i.remaining_principal,
            })
        })
        .collect()
}

/// The label of a period's cost in text output: "Interest" on annuity and equal-principal
/// plans, else "Fee" (JSON calls both `fee`).
pub(crate) fn fee_label(interest_based: bool) -> CliText {
    if interest_based {
        CliText::ColInterest
    } else {
        CliText::ColFee
    }
}

/// The label of a plan's total cost: "Total interest" or "Total fee".
pub(crate) fn total_fee_label(interest_based: bool) -> CliText {
    if interest_based {
        CliText::TotalInterest
    } else {
        CliText::TotalFee
    }
}

/// A schedule as a table: period, due date, amount, principal, fee (or interest), remaining.
pub(crate) fn schedule_table(schedule: &[Installment], interest_based: bool, lang: Lang) -> String {
    let fee_header = fee_label(interest_based);
    let mut table = Table::new(&[
        (CliText::ColPeriod.text(lang), Align::Right),
        (CliText::ColDueDate.text(lang), Align::Left),
        (CliText::ColAmount.text(lang), Align::Right),
        (CliText::ColPrincipal.text(lang), Align::Right),
        (fee_header.text(lang), Align::Right),
        (CliText::ColRemaining.text(lang), Align::Right),
    ]);
    for i in schedule {
        table.push(vec![
            i.period.to_string(),
            i.due_date.to_string(),
            i.amount.grouped(),
            i.principal.grouped(),
            i.fee.grouped(),
            i.remaining_principal.grouped(),
        ]);
    }
    table.render()
}

/// Labelled amounts, indented, one line each (a quote's parts).
pub(crate) fn parts_lines(parts: &[(&str, Money)]) -> String {
    let mut t = Table::new(&[("", Align::Left), ("", Align::Right)]);
    for (label, value) in parts {
        t.push(vec![format!("  {label}"), value.grouped()]);
    }
    t.render()
        .lines()
        .skip(1)
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The JSON object of the contract: model, totals, APR, schedule and optional payoff.
pub(crate) fn quote_json(
    terms: &PlanTerms,
    plan: &PlanQuote,
    payoff: Option<&PayoffQuote>,
) -> Value {
    let schedule = schedule_json(&plan.schedule);
    let mut object = json!({
        "model": terms.fee.model.code(),
        "principal": terms.principal,
        "periods": terms.periods,
        "rate_percent": terms.fee.rate.percent4(),
        "first_due": terms.first_due.to_string(),
        "total_fee": plan.total_fee,
        "total_repayment": plan.total_repayment,
        "apr_percent": percent4(plan.cost.apr_percent),
        "ear_percent": percent4(plan.cost.ear_percent),
        "naive_annual_percent": percent4(plan.naive_percent),
        "schedule": schedule,
    });
    if let Value::Object(map) = &mut object {
        map.extend(schedule_terms_json(terms));
        map.extend(overdue_terms_json(terms));
        map.insert("grace_days".into(), json!(terms.overdue.grace_days));
        let penalty = terms.overdue.penalty_daily.percent4();
        map.insert("penalty_daily_percent".into(), json!(penalty));
        map.insert("penalty_from".into(), json!(terms.overdue.from.code()));
    }
    if let Some(q) = payoff {
        object["payoff"] = json!({
            "amount": q.amount,
            "principal": q.principal,
            "fee": q.fee,
            "penalty": q.penalty,
            "policy": q.policy.to_string(),
            "remaining_if_kept": q.remaining_if_kept,
            "saving": q.saving,
        });
    }
    object
}

/// A payoff quote's parts: principal, fee (or interest), penalty and the amount, one line each.
pub(crate) fn payoff_lines(q: &PayoffQuote, interest_based: bool, lang: Lang) -> String {
    parts_lines(&[
        (CliText::PayoffPrincipal.text(lang), q.principal),
        (fee_label(interest_based).text(lang), q.fee),
        (CliText::PayoffPenalty.text(lang), q.penalty),
        (CliText::PayoffAmount.text(lang), q.amount),
    ])
}

/// The readable schedule table with totals and the APR-versus-naive line.
fn quote_text(
    terms: &PlanTerms,
    plan: &PlanQuote,
    payoff: Option<&(u32, PayoffQuote)>,
    lang: Lang,
) -> String {
    let interest_based = terms.fee.model.is_interest_based();
    let mut rate_text = model_name(terms.fee.model, lang).to_string();
    if !terms.fee.rate.is_zero() {
        rate_text = format!("{rate_text} {}", terms.fee.rate);
    }
    let mut out = fill(
        CliText::QuoteHeading.text(lang),
        &[
            &terms.principal.grouped(),
            &count(lang, u64::from(terms.periods), Noun::Period),
            &rate_text,
        ],
    );
    out.push_str("\n\n");
    out.push_str(&schedule_table(&plan.schedule, interest_based, lang));
    out.push('\n');
    let total_label = total_fee_label(interest_based);
    let mut totals = Table::new(&[("", Align::Left), ("", Align::Right)]);
    totals.push(vec![
        total_label.text(lang).to_string(),
        plan.total_fee.grouped(),
    ]);
    totals.push(vec![
        CliText::TotalRepayment.text(lang).to_string(),
        plan.total_repayment.grouped(),
    ]);
    out.extend(totals.render().lines().skip(1).map(|l| format!("{l}\n")));
    out.push_str(&fill(
        CliText::AprLine.text(lang),
        &[
            &percent4(plan.cost.apr_percent),
            &percent4(plan.cost.ear_percent),
        ],
    ));
    out.push('\n');
    if let Some(multiple) = plan.apr_multiple() {
        out.push_str(&fill(
            CliText::NaiveLine.text(lang),
            &[&percent4(plan.naive_percent), &multiple],
        ));
        out.push('\n');
    }
    if let Some((after, q)) = payoff {
        out.push('\n');
        out.push_str(&fill(
            CliText::PayoffHeading.text(lang),
            &[
                &count(lang, u64::from(*after), Noun::Period),
                &payoff_policy_label(lang, q.policy),
            ],
        ));
        out.push('\n');
        out.push_str(&payoff_lines(q, interest_based, lang));
    }
    out
}
