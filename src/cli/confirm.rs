//! `fenqi confirm`: confirm automatic postings (you saw the bank's record of the debit).

use clap::Args;
use serde_json::{Value, json};

use super::Context;
use super::common::*;
use super::due::posting_json;
use super::error::CliResult;
use super::terms_args::parse_date_flag;
use crate::i18n::autodebit::AutoDebitText;
use crate::i18n::count::{Noun, count};
use crate::i18n::fill;

/// Flags of `fenqi confirm`.
#[derive(Debug, Args)]
pub struct ConfirmArgs {
    /// Only this plan's postings (default: every plan's)
    pub plan: Option<String>,
    /// Only postings due on or before this date (default: today)
    #[arg(long, value_name = "DATE")]
    pub through: Option<String>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Runs `fenqi confirm`.
pub(crate) fn run(args: &ConfirmArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let plan = args
        .plan
        .as_deref()
        .map(|t| parse_plan_id(lang, "PLAN", t))
        .transpose()?;
    let through = match &args.through {
        Some(text) => parse_date_flag(lang, "--through", text)?.min(ctx.today),
        None => ctx.today,
    };
    let mut store = open_store(ctx)?;
    let outcome = store
        .confirm_postings(plan, through)
        .map_err(|e| store_err_in(lang, e, "PLAN"))?;
    if args.json {
        print_json(&json!({
            "confirmed": outcome.confirmed.iter().map(posting_json).map(|mut v| {
                if let Value::Object(o) = &mut v {
                    o.insert("confirmed".into(), Value::Bool(true));
                }
                v
            }).collect::<Vec<_>>(),
            "total": outcome.total,
        }));
    } else if outcome.confirmed.is_empty() {
        println!("{}", AutoDebitText::NothingToConfirm.text(lang));
    } else {
        println!(
            "{}",
            fill(
                AutoDebitText::Confirmed.text(lang),
                &[
                    &count(lang, outcome.confirmed.len() as u64, Noun::Posting),
                    &outcome.total.grouped()
                ]
            )
        );
    }
    Ok(())
}
