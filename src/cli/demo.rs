//! `fenqi demo`: fill the database with realistic sample plans.

use clap::Args;

use super::Context;
use super::common::*;
use super::error::CliResult;
use super::terms_args::parse_count_flag;
use crate::i18n::count::{Noun, count};
use crate::i18n::fill;
use crate::i18n::store::StoreText;

/// Flags of `fenqi demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many plans (1–1,000,000; default 8)
    #[arg(long, value_name = "N")]
    pub plans: Option<String>,
    /// Seed for a different but repeatable set (default 1)
    #[arg(long, value_name = "S")]
    pub seed: Option<String>,
}

/// Runs `fenqi demo`.
pub(crate) fn run(args: &DemoArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let plans = match &args.plans {
        Some(text) => parse_count_flag(lang, "--plans", text, 1..=1_000_000)?,
        None => 8,
    };
    let seed = match &args.seed {
        Some(text) => parse_count_flag(lang, "--seed", text, 0..=u32::MAX)?,
        None => 1,
    };
    let mut store = open_store(ctx)?;
    let filled = store
        .fill_demo(plans, u64::from(seed), ctx.today)
        .map_err(|e| store_err(lang, e))?;
    println!(
        "{}",
        fill(
            StoreText::DemoDone.text(lang),
            &[
                &count(lang, u64::from(filled.plans), Noun::SamplePlan),
                &count(lang, u64::from(filled.cards), Noun::Card)
            ]
        )
    );
    Ok(())
}
