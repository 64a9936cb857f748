//! `fenqi payoff`: quote an early payoff for a date and, with `--yes`, record it.

use clap::Args;
use serde_json::json;

use super::Context;
use super::common::*;
use super::error::CliResult;
use super::pay::{outcome_json, payment_flags};
use super::table::{Align, Table};
use crate::domain::payoff::PayoffQuote;
use crate::i18n::cli::CliText;
use crate::i18n::fill;
use crate::i18n::store::StoreText;
use crate::store::{Channel, PaymentDraft};

/// Flags of `fenqi payoff`.
#[derive(Debug, Args)]
pub struct PayoffArgs {
    /// The plan's id
    pub plan: String,
    /// The payoff date (default: today)
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
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
        "policy": q.policy,
    })
}

/// Runs `fenqi payoff`.
pub fn run(args: &PayoffArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let plan = parse_plan_id(lang, "PLAN", &args.plan)?;
    let flags = payment_flags(
        lang,
        ctx,
        args.on.as_deref(),
        args.channel.as_deref(),
        args.card.as_deref(),
        args.reference.as_deref(),
    )?;
    let mut store = open_store(ctx)?;
    let quote = store
        .payoff_quote(plan, flags.on)
        .map_err(|e| store_err(lang, e))?;
    let recorded = if args.yes {
        let draft = PaymentDraft {
            amount: None,
            on: flags.on,
            channel: flags.channel.unwrap_or(Channel::App),
            card: flags.card,
            reference: flags.reference,
        };
        Some(
            store
                .record_payoff(plan, &draft)
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
            &[&plan, &flags.on, &quote.policy]
        )
    );
    let mut t = Table::new(&[("", Align::Left), ("", Align::Right)]);
    for (label, value) in [
        (CliText::PayoffPrincipal, quote.principal),
        (CliText::PayoffFee, quote.fee),
        (CliText::PayoffPenalty, quote.penalty),
        (CliText::PayoffAmount, quote.amount),
    ] {
        t.push(vec![format!("  {}", label.text(lang)), value.grouped()]);
    }
    t.render()
        .lines()
        .skip(1)
        .for_each(|line| println!("{line}"));
    match recorded {
        Some((outcome, _)) => println!(
            "{}",
            fill(
                StoreText::PayoffRecorded.text(lang),
                &[&plan, &outcome.amount.grouped(), &outcome.id]
            )
        ),
        None => println!("{}", StoreText::PayoffHint.text(lang)),
    }
    Ok(())
}
