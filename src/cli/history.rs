//! `fenqi history`: repayments and failed debits, filtered by plan, dates and channel.

use clap::Args;
use serde_json::Value;

use super::Context;
use super::common::*;
use super::error::{CliError, CliResult};
use super::table::{Align, Table, one_line};
use super::terms_args::{parse_count_flag, parse_date_flag};
use crate::i18n::Lang;
use crate::i18n::store::{StoreText, channel, repayment_kind};
use crate::store::{HistoryFilter, Repayment};

/// Flags of `fenqi history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only this plan's repayments
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
    /// From this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only this channel: app, bank-app, online-banking, auto-debit, other
    #[arg(long, value_name = "CHANNEL")]
    pub channel: Option<String>,
    /// Only payments made with this card
    #[arg(long, value_name = "ID")]
    pub card: Option<String>,
    /// Only failed debits
    #[arg(long)]
    pub failed: bool,
    /// At most this many, newest first
    #[arg(long, value_name = "N")]
    pub limit: Option<String>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Runs `fenqi history`.
pub fn run(args: &HistoryArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let since = args
        .since
        .as_deref()
        .map(|t| parse_date_flag(lang, "--since", t))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|t| parse_date_flag(lang, "--until", t))
        .transpose()?;
    if let (Some(s), Some(u)) = (since, until)
        && s > u
    {
        return Err(CliError::input(
            "--since",
            StoreText::SinceAfterUntil.text(lang),
        ));
    }
    let filter = HistoryFilter {
        plan: args
            .plan
            .as_deref()
            .map(|t| parse_plan_id(lang, "--plan", t))
            .transpose()?,
        since,
        until,
        channel: args
            .channel
            .as_deref()
            .map(|c| parse_channel(lang, c))
            .transpose()?,
        card: args
            .card
            .as_deref()
            .map(|c| parse_card_id(lang, "--card", c))
            .transpose()?,
        failed_only: args.failed,
        limit: args
            .limit
            .as_deref()
            .map(|t| parse_count_flag(lang, "--limit", t, 1..=1_000_000))
            .transpose()?,
        ..HistoryFilter::default()
    };
    let store = open_store_to_read(ctx)?;
    if let Some(plan) = filter.plan {
        store
            .plan_summary(plan, ctx.today)
            .map_err(|e| store_err_in(lang, e, "--plan"))?;
    }
    let rows = store
        .list_history(&filter)
        .map_err(|e| store_err(lang, e))?;
    if args.json {
        print_json(&Value::Array(rows.iter().map(repayment_json).collect()));
    } else if rows.is_empty() {
        println!("{}", StoreText::NoHistory.text(lang));
    } else {
        print!("{}", history_table(lang, &rows));
    }
    Ok(())
}

/// The repayments table (also used by `plan show`).
pub fn history_table(lang: Lang, rows: &[Repayment]) -> String {
    let mut table = Table::new(&[
        (StoreText::ColId.text(lang), Align::Right),
        (StoreText::ColDate.text(lang), Align::Left),
        (StoreText::ColPlan.text(lang), Align::Left),
        (StoreText::ColAmount.text(lang), Align::Right),
        (StoreText::ColKind.text(lang), Align::Left),
        (StoreText::ColChannel.text(lang), Align::Left),
        (StoreText::ColCard.text(lang), Align::Left),
        (StoreText::ColReference.text(lang), Align::Left),
    ]);
    for r in rows {
        let mut kind = repayment_kind(lang, r.kind).to_string();
        if r.failed {
            kind = format!("{kind} ({})", StoreText::FailedMark.text(lang));
        }
        table.push(vec![
            r.id.to_string(),
            r.paid_on.to_string(),
            format!("#{} {}", r.plan_id, one_line(&r.plan_name)),
            r.amount.grouped(),
            kind,
            channel(lang, r.channel).to_string(),
            r.card
                .as_ref()
                .map(|c| format!("{} ····{}", one_line(&c.bank), c.last4))
                .unwrap_or_default(),
            one_line(&r.reference),
        ]);
    }
    table.render()
}
