//! `fenqi history`: repayments and failed debits, filtered by plan, dates and channel.

use clap::Args;
use serde_json::Value;

use super::Context;
use super::common::*;
use super::error::{CliError, CliResult};
use super::table::{Align, Table, one_line};
use super::terms_args::{parse_count_flag, parse_date_flag};
use crate::i18n::autodebit::AutoDebitText;
use crate::i18n::store::{StoreText, channel, repayment_kind};
use crate::i18n::{Lang, fill};
use crate::store::{Card, Channel, HistoryFilter, Posting, Repayment, Store, StoreResult};

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
pub(crate) fn run(args: &HistoryArgs, ctx: &Context) -> CliResult {
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
    let postings = history_postings(&store, &filter, ctx).map_err(|e| store_err(lang, e))?;
    // Newest first, postings (on their due dates) among the recorded repayments; --limit
    // counts both.
    let mut entries: Vec<Entry<'_>> = rows
        .iter()
        .map(Entry::Recorded)
        .chain(postings.iter().map(|(p, c)| Entry::Posted(p, c.as_ref())))
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.date()));
    if let Some(limit) = filter.limit {
        entries.truncate(limit as usize);
    }
    if args.json {
        print_json(&Value::Array(entries.iter().map(Entry::json).collect()));
    } else if entries.is_empty() {
        println!("{}", StoreText::NoHistory.text(lang));
    } else {
        print!("{}", entries_table(lang, &entries));
    }
    Ok(())
}

/// One line of `history`: a recorded repayment, or an automatic posting not yet confirmed.
enum Entry<'a> {
    Recorded(&'a Repayment),
    Posted(&'a Posting, Option<&'a Card>),
}

impl Entry<'_> {
    fn date(&self) -> chrono::NaiveDate {
        match self {
            Entry::Recorded(r) => r.paid_on,
            Entry::Posted(p, _) => p.due_date,
        }
    }

    fn json(&self) -> Value {
        match self {
            Entry::Recorded(r) => repayment_json(r),
            Entry::Posted(p, card) => posting_history_json(p, *card),
        }
    }
}

/// The automatic postings `filter` lets through, each with its plan's card: they are paid by
/// auto-debit on their due date with the plan's card, and never failed.
fn history_postings(
    store: &Store,
    filter: &HistoryFilter,
    ctx: &Context,
) -> StoreResult<Vec<(Posting, Option<Card>)>> {
    if filter.failed_only || filter.channel.is_some_and(|c| c != Channel::AutoDebit) {
        return Ok(Vec::new());
    }
    let through = filter.until.map_or(ctx.today, |u| u.min(ctx.today));
    let mut out = Vec::new();
    for p in store.unconfirmed_postings(through, filter.plan)? {
        if filter.since.is_some_and(|s| p.due_date < s)
            || filter.card.is_some_and(|c| p.card_id != Some(c))
        {
            continue;
        }
        let card = p.card_id.map(|c| store.card(c)).transpose()?;
        out.push((p, card));
    }
    Ok(out)
}

/// The history table with automatic postings among the repayments.
fn entries_table(lang: Lang, entries: &[Entry<'_>]) -> String {
    let mut table = history_header(lang);
    for entry in entries {
        match entry {
            Entry::Recorded(r) => push_repayment(lang, &mut table, r),
            Entry::Posted(p, card) => table.push(vec![
                "—".to_string(),
                p.due_date.to_string(),
                format!("#{} {}", p.plan_id, one_line(&p.plan_name)),
                p.amount.grouped(),
                AutoDebitText::PaidUnconfirmed.text(lang).to_string(),
                channel(lang, Channel::AutoDebit).to_string(),
                card.map(|c| format!("{} ····{}", one_line(&c.bank), c.last4))
                    .unwrap_or_default(),
                String::new(),
            ]),
        }
    }
    table.render()
}

fn history_header(lang: Lang) -> Table {
    Table::new(&[
        (StoreText::ColId.text(lang), Align::Right),
        (StoreText::ColDate.text(lang), Align::Left),
        (StoreText::ColPlan.text(lang), Align::Left),
        (StoreText::ColAmount.text(lang), Align::Right),
        (StoreText::ColKind.text(lang), Align::Left),
        (StoreText::ColChannel.text(lang), Align::Left),
        (StoreText::ColCard.text(lang), Align::Left),
        (StoreText::ColReference.text(lang), Align::Left),
    ])
}

fn push_repayment(lang: Lang, table: &mut Table, r: &Repayment) {
    let mut kind = repayment_kind(lang, r.kind).to_string();
    if r.failed {
        kind = format!("{kind} ({})", StoreText::FailedMark.text(lang));
        if let Some(retry) = r.retry_on {
            kind = format!(
                "{kind} · {}",
                fill(AutoDebitText::RetryOn.text(lang), &[&retry])
            );
        }
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

/// The repayments table (also used by `plan show`).
pub(crate) fn history_table(lang: Lang, rows: &[Repayment]) -> String {
    let mut table = history_header(lang);
    for r in rows {
        push_repayment(lang, &mut table, r);
    }
    table.render()
}
