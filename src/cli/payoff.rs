//! `fenqi payoff`: quote an early payoff (or, with `--amount` and `--mode`, a partial prepayment
//! of an annuity plan) for a date and, with `--yes`, record it.

use clap::Args;
use serde_json::json;

use super::Context;
use super::common::*;
use super::error::CliError;
use super::error::CliResult;
use super::pay::{PaymentFlags, outcome_json, payment_flags};
use super::quote::{parts_lines, payoff_lines, schedule_json, schedule_table};
use super::terms_args::parse_money_flag;
use crate::domain::Money;
use crate::domain::payoff::PayoffQuote;
use crate::domain::prepay::{PrepayError, PrepayMode, PrepayQuote};
use crate::i18n::cli::CliText;
use crate::i18n::count::{Noun, count};
use crate::i18n::policy::{payoff_policy_label, payoff_saving_sentence};
use crate::i18n::store::StoreText;
use crate::i18n::{Lang, fill};
use crate::store::{Channel, PaymentDraft, PaymentOutcome, PlanId, Store, StoreError};

/// Flags of `fenqi payoff`.
#[derive(Debug, Args)]
pub struct PayoffArgs {
    /// The plan's id
    pub plan: String,
    /// The payoff date (default: today)
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Prepay only this much principal (annuity plans; needs --mode)
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true)]
    pub amount: Option<String>,
    /// After a partial prepayment: keep-term (lower payment) or shorten-term (fewer periods)
    #[arg(long, value_name = "MODE")]
    pub mode: Option<String>,
    /// Record the payoff (without it, only the quote is shown)
    #[arg(long)]
    pub yes: bool,
    /// How it was paid (default: app)
    #[arg(long, value_name = "CHANNEL")]
    pub channel: Option<String>,
    /// The card used (default: the plan's card)
    #[arg(long, value_name = "ID")]
    pub card: Option<String>,
    /// Transaction reference
    #[arg(long = "ref", value_name = "TEXT")]
    pub reference: Option<String>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

fn quote_json(q: &PayoffQuote) -> serde_json::Value {
    json!({
        "amount": q.amount,
        "principal": q.principal,
        "fee": q.fee,
        "penalty": q.penalty,
        "policy": q.policy.to_string(),
        "remaining_if_kept": q.remaining_if_kept,
        "saving": q.saving,
    })
}

/// The draft a payoff or prepayment records.
fn draft(flags: &PaymentFlags, amount: Option<Money>) -> PaymentDraft {
    PaymentDraft {
        amount,
        on: flags.on,
        channel: flags.channel.unwrap_or(Channel::App),
        card: flags.card,
        reference: flags.reference.clone(),
    }
}

/// Runs `fenqi payoff`.
pub(crate) fn run(args: &PayoffArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let plan = parse_plan_id(lang, "PLAN", &args.plan)?;
    let prepay = prepay_flags(lang, args)?;
    let flags = payment_flags(
        lang,
        ctx,
        args.yes,
        args.on.as_deref(),
        args.channel.as_deref(),
        args.card.as_deref(),
        args.reference.as_deref(),
    )?;
    let mut store = open_store(ctx)?;
    if let Some((principal, mode)) = prepay {
        return run_prepay(&mut store, plan, &flags, principal, mode, args, lang);
    }
    let quote = store
        .payoff_quote(plan, flags.on)
        .map_err(|e| store_err(lang, e))?;
    let recorded = if args.yes {
        Some(
            store
                .record_payoff(plan, &draft(&flags, None))
                .map_err(|e| store_err(lang, e))?,
        )
    } else {
        None
    };
    if args.json {
        let mut object = quote_json(&quote);
        if let Some((outcome, _)) = &recorded {
            object["recorded"] = outcome_json(outcome);
        }
        print_json(&object);
        return Ok(());
    }
    println!(
        "{}",
        fill(
            StoreText::PayoffHeading.text(lang),
            &[&plan, &flags.on, &payoff_policy_label(lang, quote.policy)]
        )
    );
    let interest_based = store
        .plan_draft(plan)
        .map_err(|e| store_err(lang, e))?
        .terms
        .fee
        .model
        .is_interest_based();
    print!("{}", payoff_lines(&quote, interest_based, lang));
    println!("{}", payoff_saving_sentence(lang, &quote, interest_based));
    print_recorded(
        lang,
        StoreText::PayoffRecorded,
        plan,
        recorded.map(|(o, _)| o).as_ref(),
    );
    Ok(())
}

/// What was recorded (`text` with the plan, amount and repayment id), or how to record it.
fn print_recorded(lang: Lang, text: StoreText, plan: PlanId, recorded: Option<&PaymentOutcome>) {
    match recorded {
        Some(outcome) => println!(
            "{}",
            fill(
                text.text(lang),
                &[&plan, &outcome.amount.grouped(), &outcome.id]
            )
        ),
        None => println!("{}", StoreText::PayoffHint.text(lang)),
    }
}

/// `--amount` and `--mode`: both for a partial prepayment, neither for a payoff.
fn prepay_flags(lang: Lang, args: &PayoffArgs) -> CliResult<Option<(Money, PrepayMode)>> {
    let amount = args
        .amount
        .as_deref()
        .map(|a| parse_money_flag(lang, "--amount", a))
        .transpose()?;
    let mode = args
        .mode
        .as_deref()
        .map(|m| {
            PrepayMode::from_code(m.trim())
                .ok_or_else(|| CliError::input("--mode", StoreText::PrepayModeValues.text(lang)))
        })
        .transpose()?;
    match (amount, mode) {
        (None, None) => Ok(None),
        (Some(amount), Some(mode)) => Ok(Some((amount, mode))),
        (Some(_), None) => Err(CliError::input(
            "--mode",
            StoreText::PrepayNeedsMode.text(lang),
        )),
        (None, Some(_)) => Err(CliError::input(
            "--mode",
            StoreText::PrepayNeedsAmount.text(lang),
        )),
    }
}

/// The flag a refused prepayment is about.
fn prepay_err(lang: Lang, error: StoreError) -> CliError {
    let field = match &error {
        StoreError::Prepay(PrepayError::NotCurrent) => "--on",
        StoreError::Prepay(PrepayError::PaymentTooSmall) => "--mode",
        StoreError::Prepay(_) => "--amount",
        _ => return store_err(lang, error),
    };
    store_err_in(lang, error, field)
}

/// Quotes a partial prepayment and, with `--yes`, records it.
fn run_prepay(
    store: &mut Store,
    plan: PlanId,
    flags: &PaymentFlags,
    principal: Money,
    mode: PrepayMode,
    args: &PayoffArgs,
    lang: Lang,
) -> CliResult {
    let quote = store
        .prepay_quote(plan, flags.on, principal, mode)
        .map_err(|e| prepay_err(lang, e))?;
    let recorded = if args.yes {
        let (outcome, _) = store
            .record_prepayment(plan, &draft(flags, Some(principal)), mode)
            .map_err(|e| prepay_err(lang, e))?;
        Some(outcome)
    } else {
        None
    };
    let last = quote.schedule.last();
    if args.json {
        let mut object = json!({
            "amount": quote.amount,
            "principal": quote.principal,
            "fee": Money::ZERO,
            "penalty": quote.penalty,
            "policy": quote.policy.to_string(),
            "mode": mode.code(),
            "payment": quote.schedule.first().map(|i| i.amount),
            "periods_left": quote.schedule.len(),
            "schedule": schedule_json(&quote.schedule),
        });
        if let Some(outcome) = &recorded {
            object["recorded"] = outcome_json(outcome);
        }
        print_json(&object);
        return Ok(());
    }
    let mode_text = match mode {
        PrepayMode::KeepTerm => StoreText::PrepayKeepTerm,
        PrepayMode::ShortenTerm => StoreText::PrepayShortenTerm,
    };
    println!(
        "{}",
        fill(
            StoreText::PrepayHeading.text(lang),
            &[
                &plan,
                &flags.on,
                &mode_text.text(lang),
                &payoff_policy_label(lang, quote.policy)
            ]
        )
    );
    print!("{}", prepay_lines(&quote, lang));
    if let (Some(first), Some(last)) = (quote.schedule.first(), last) {
        println!(
            "{}",
            fill(
                StoreText::PrepayAfter.text(lang),
                &[
                    &first.amount.grouped(),
                    &count(lang, quote.schedule.len() as u64, Noun::Period),
                    &last.due_date
                ]
            )
        );
    }
    print!("{}", schedule_table(&quote.schedule, true, lang));
    print_recorded(lang, StoreText::PrepayRecorded, plan, recorded.as_ref());
    Ok(())
}

/// A prepayment quote's parts: principal, penalty and the amount, one line each.
fn prepay_lines(q: &PrepayQuote, lang: Lang) -> String {
    parts_lines(&[
        (CliText::PayoffPrincipal.text(lang), q.principal),
        (CliText::PayoffPenalty.text(lang), q.penalty),
        (StoreText::PrepayAmount.text(lang), q.amount),
    ])
}
