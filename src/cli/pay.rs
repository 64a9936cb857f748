//! `fenqi pay`: record a repayment (partial payments allowed) or a failed auto-debit.

use clap::Args;
use serde_json::json;

use super::Context;
use super::common::*;
use super::error::{CliError, CliResult};
use super::terms_args::{parse_date_flag, parse_money_flag};
use crate::domain::allocation::check_not_after_today;
use crate::i18n::autodebit::AutoDebitText;
use crate::i18n::errors;
use crate::i18n::store::StoreText;
use crate::i18n::{Lang, fill};
use crate::store::{CardId, Channel, PaymentDraft, PaymentOutcome, PlanStatus};

/// Flags of `fenqi pay`.
#[derive(Debug, Args)]
pub struct PayArgs {
    /// The plan's id
    pub plan: String,
    /// Amount paid (default: what is due next, with any penalty so far)
    #[arg(long, value_name = "AMOUNT")]
    pub amount: Option<String>,
    /// Date paid (default: today)
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// app, bank-app, online-banking, auto-debit or other (default: auto-debit for plans that
    /// debit automatically, else app)
    #[arg(long, value_name = "CHANNEL")]
    pub channel: Option<String>,
    /// The card used (default: the plan's card)
    #[arg(long, value_name = "ID")]
    pub card: Option<String>,
    /// Transaction reference
    #[arg(long = "ref", value_name = "TEXT")]
    pub reference: Option<String>,
    /// Record a failed auto-debit: no money moved, the period stays unpaid and is flagged
    #[arg(long)]
    pub failed: bool,
    /// With --failed: the date the provider retries the debit
    #[arg(long, value_name = "DATE")]
    pub retry_on: Option<String>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// The validated common flags of `pay` and `payoff`.
pub(crate) struct PaymentFlags {
    pub on: chrono::NaiveDate,
    pub channel: Option<Channel>,
    pub card: Option<CardId>,
    pub reference: String,
}

/// Validates `--on` (not after today when `recording`), `--channel`, `--card` and `--ref`.
pub(crate) fn payment_flags(
    lang: Lang,
    ctx: &Context,
    recording: bool,
    on: Option<&str>,
    channel: Option<&str>,
    card: Option<&str>,
    reference: Option<&str>,
) -> CliResult<PaymentFlags> {
    let on = match on {
        Some(text) => parse_date_flag(lang, "--on", text)?,
        None => ctx.today,
    };
    if recording {
        check_not_after_today(on, ctx.today)
            .map_err(|e| CliError::input("--on", errors::allocation(lang, &e)))?;
    }
    Ok(PaymentFlags {
        on,
        channel: channel.map(|c| parse_channel(lang, c)).transpose()?,
        card: card.map(|c| parse_card_id(lang, "--card", c)).transpose()?,
        reference: text_field(lang, "--ref", reference.unwrap_or(""), 200, false)?,
    })
}

/// Runs `fenqi pay`.
pub(crate) fn run(args: &PayArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let plan = parse_plan_id(lang, "PLAN", &args.plan)?;
    let amount = args
        .amount
        .as_deref()
        .map(|a| parse_money_flag(lang, "--amount", a))
        .transpose()?;
    let flags = payment_flags(
        lang,
        ctx,
        true,
        args.on.as_deref(),
        args.channel.as_deref(),
        args.card.as_deref(),
        args.reference.as_deref(),
    )?;
    let retry_on = match (&args.retry_on, args.failed) {
        (None, _) => None,
        (Some(_), false) => {
            return Err(CliError::input(
                "--retry-on",
                AutoDebitText::RetryNeedsFailed.text(lang),
            ));
        }
        (Some(text), true) => {
            let retry = parse_date_flag(lang, "--retry-on", text)?;
            if retry < flags.on {
                return Err(CliError::input(
                    "--retry-on",
                    AutoDebitText::RetryBeforeFailure.text(lang),
                ));
            }
            Some(retry)
        }
    };
    let mut store = open_store(ctx)?;
    let summary = store
        .plan_summary(plan, ctx.today)
        .map_err(|e| store_err(lang, e))?;
    // After a failed debit the money goes some other way: no auto-debit by default.
    let default_channel =
        if args.failed || (summary.auto_debit && summary.status != PlanStatus::DebitFailed) {
            Channel::AutoDebit
        } else {
            Channel::App
        };
    let draft = PaymentDraft {
        amount,
        on: flags.on,
        channel: flags.channel.unwrap_or(default_channel),
        card: flags.card,
        reference: flags.reference,
    };
    let outcome = if args.failed {
        store.record_failed_debit_retried(plan, &draft, retry_on)
    } else {
        store.record_payment(plan, &draft)
    }
    .map_err(|e| store_err(lang, e))?;
    if outcome.flagged_period.is_some() && !summary.auto_debit {
        eprintln!(
            "{}",
            fill(AutoDebitText::FailedWithoutAutoDebit.text(lang), &[&plan])
        );
    }
    if args.json {
        print_json(&outcome_json(&outcome));
        return Ok(());
    }
    if let Some(period) = outcome.flagged_period {
        println!(
            "{}",
            fill(
                StoreText::FailedRecorded.text(lang),
                &[&outcome.amount.grouped(), &plan, &period]
            )
        );
        return Ok(());
    }
    println!(
        "{}",
        fill(
            StoreText::Paid.text(lang),
            &[&outcome.amount.grouped(), &plan, &outcome.id]
        )
    );
    print_allocations(lang, &outcome, summary.fee_model.is_interest_based());
    Ok(())
}

/// Prints how a payment was split over periods (the fee called interest on interest-based plans).
fn print_allocations(lang: Lang, outcome: &PaymentOutcome, interest_based: bool) {
    let template = if interest_based {
        StoreText::AllocationInterest
    } else {
        StoreText::Allocation
    };
    for a in &outcome.allocations {
        println!(
            "{}",
            fill(
                template.text(lang),
                &[&a.period, &a.penalty, &a.fee, &a.principal]
            )
        );
    }
}

/// `{"id", "amount", "failed", "period", "allocations"}`.
pub(crate) fn outcome_json(outcome: &PaymentOutcome) -> serde_json::Value {
    json!({
        "id": outcome.id.0,
        "amount": outcome.amount,
        "failed": outcome.flagged_period.is_some(),
        "period": outcome.flagged_period,
        "allocations": outcome.allocations,
    })
}
