//! `fenqi due`: overdue and upcoming periods, per-card totals, and `--check` for scripts.

use clap::Args;
use serde_json::{Value, json};

use super::Context;
use super::common::*;
use super::error::{CliError, CliResult};
use super::table::{Align, Table, one_line};
use super::terms_args::parse_count_flag;
use crate::config::keys::UPCOMING_DAYS_RANGE;
use crate::i18n::autodebit::AutoDebitText;
use crate::i18n::count::{Noun, count};
use crate::i18n::store::{StoreText, installment_status};
use crate::i18n::{Lang, fill};
use crate::store::{CardTotal, DueItem, DueReport, Posting, RepaymentSource};

/// Flags of `fenqi due`.
#[derive(Debug, Args)]
pub struct DueArgs {
    /// How many days ahead to look (0–3650; default: the upcoming_days setting, 30)
    #[arg(long, value_name = "N")]
    pub days: Option<String>,
    /// Exit 1 when anything is overdue or due within the window, 0 when nothing is, 2 on errors
    #[arg(long)]
    pub check: bool,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Runs `fenqi due`. With `--check`: exit 0 when nothing is due, 1 when something is, and 2
/// for every error (bad flags, a database that cannot be opened or read).
pub(crate) fn run(args: &DueArgs, ctx: &Context) -> CliResult {
    let result = report(args, ctx);
    if args.check {
        result.map_err(CliError::under_check)
    } else {
        result
    }
}

fn report(args: &DueArgs, ctx: &Context) -> CliResult {
    let days = window_days(
        ctx.lang,
        args.days.as_deref(),
        ctx.settings.upcoming_days.value,
    )?;
    let report = read_report(ctx, days)?;
    if args.json {
        print_json(&report_json(&report));
    } else {
        print!("{}", report_text(ctx.lang, &report));
    }
    if args.check && check_finds(&report) {
        return Err(CliError::CheckFailed);
    }
    Ok(())
}

/// The window `--days` asks for (0–3650), else `default`.
pub(crate) fn window_days(lang: Lang, flag: Option<&str>, default: u32) -> CliResult<u32> {
    match flag {
        Some(text) => parse_count_flag(lang, "--days", text, UPCOMING_DAYS_RANGE),
        None => Ok(default),
    }
}

/// The due report over the next `days` as of today, read from the database (what `due` and
/// `notify` report).
pub(crate) fn read_report(ctx: &Context, days: u32) -> CliResult<DueReport> {
    let report = open_store_to_read(ctx)?
        .due_report(ctx.today, days)
        .map_err(|e| store_err(ctx.lang, e))?;
    tracing::debug!(
        days,
        overdue = report.overdue.len(),
        upcoming = report.upcoming.len(),
        unconfirmed = report.unconfirmed.len(),
        "due report read"
    );
    Ok(report)
}

/// What `--check` finds (exit status 1): something overdue or due within the window.
pub(crate) fn check_finds(report: &DueReport) -> bool {
    !(report.overdue.is_empty() && report.upcoming.is_empty())
}

fn item_json(i: &DueItem) -> Value {
    json!({
        "plan_id": i.plan_id.0,
        "plan_name": i.plan_name,
        "provider": i.provider,
        "period": i.period,
        "due_date": i.due_date.to_string(),
        "amount": i.amount,
        "days": i.days,
        "penalty": i.penalty,
        "status": i.status.code(),
        "card_id": i.card_id.map(|c| c.0),
        "auto_debit": i.auto_debit,
        "retry_on": i.retry_on.map(|d| d.to_string()),
    })
}

/// An automatic posting in `due --json`'s `unconfirmed` list.
pub(crate) fn posting_json(p: &Posting) -> Value {
    json!({
        "plan_id": p.plan_id.0,
        "plan_name": p.plan_name,
        "provider": p.provider,
        "period": p.period,
        "due_date": p.due_date.to_string(),
        "amount": p.amount,
        "card_id": p.card_id.map(|c| c.0),
        "confirmed": false,
        "source": RepaymentSource::AutoDebit.code(),
    })
}

fn card_total_json(c: &CardTotal) -> Value {
    json!({
        "card_id": c.card.as_ref().map(|card| card.id.0),
        "bank": c.card.as_ref().map(|card| card.bank.clone()),
        "last4": c.card.as_ref().map(|card| card.last4.clone()),
        "label": c.card.as_ref().map(|card| card.label.clone()),
        "total": c.total,
        "by": c.by.to_string(),
        "items": c.items,
        "by_date": c.by_date.iter().map(|(date, amount)| json!({
            "date": date.to_string(),
            "hold": amount,
        })).collect::<Vec<_>>(),
    })
}

/// `{"overdue": [...], "upcoming": [...], "per_card": [...]}` plus the date and window.
fn report_json(r: &DueReport) -> Value {
    json!({
        "today": r.today.to_string(),
        "days": r.days,
        "overdue": r.overdue.iter().map(item_json).collect::<Vec<_>>(),
        "upcoming": r.upcoming.iter().map(item_json).collect::<Vec<_>>(),
        "per_card": r.per_card.iter().map(card_total_json).collect::<Vec<_>>(),
        "unconfirmed": r.unconfirmed.iter().map(posting_json).collect::<Vec<_>>(),
    })
}

/// "3 days late", "today", "in 3 days".
pub(crate) fn when(lang: Lang, days: i64) -> String {
    match days {
        d if d < 0 => fill(
            StoreText::DaysLate.text(lang),
            &[&count(lang, d.unsigned_abs(), Noun::Day)],
        ),
        0 => StoreText::DueToday.text(lang).to_string(),
        d => fill(
            StoreText::DaysLeft.text(lang),
            &[&count(lang, d.unsigned_abs(), Noun::Day)],
        ),
    }
}

fn items_table(lang: Lang, items: &[DueItem], group_by_date: bool) -> String {
    let mut table = Table::new(&[
        (StoreText::ColDueDate.text(lang), Align::Left),
        (StoreText::ColDays.text(lang), Align::Left),
        (StoreText::ColId.text(lang), Align::Right),
        (StoreText::ColName.text(lang), Align::Left),
        (StoreText::ColProvider.text(lang), Align::Left),
        (StoreText::ColPeriod.text(lang), Align::Right),
        (StoreText::ColAmount.text(lang), Align::Right),
        (StoreText::ColPenalty.text(lang), Align::Right),
        (StoreText::ColStatus.text(lang), Align::Left),
    ]);
    let mut last_date = None;
    for i in items {
        let first_of_date = last_date != Some(i.due_date);
        last_date = Some(i.due_date);
        let show_date = !group_by_date || first_of_date;
        table.push(vec![
            if show_date {
                i.due_date.to_string()
            } else {
                String::new()
            },
            if show_date {
                when(lang, i.days)
            } else {
                String::new()
            },
            i.plan_id.to_string(),
            one_line(&i.plan_name),
            one_line(&i.provider),
            i.period.to_string(),
            i.amount.grouped(),
            i.penalty.grouped(),
            match i.retry_on {
                Some(retry) => format!(
                    "{} · {}",
                    installment_status(lang, i.status),
                    fill(AutoDebitText::RetryOn.text(lang), &[&retry])
                ),
                None => installment_status(lang, i.status).to_string(),
            },
        ]);
    }
    table.render()
}

/// The unconfirmed automatic postings as text (nothing when there are none).
fn unconfirmed_text(lang: Lang, postings: &[Posting]) -> String {
    if postings.is_empty() {
        return String::new();
    }
    let mut table = Table::new(&[
        (StoreText::ColDueDate.text(lang), Align::Left),
        (StoreText::ColId.text(lang), Align::Right),
        (StoreText::ColName.text(lang), Align::Left),
        (StoreText::ColProvider.text(lang), Align::Left),
        (StoreText::ColPeriod.text(lang), Align::Right),
        (StoreText::ColAmount.text(lang), Align::Right),
    ]);
    for p in postings {
        table.push(vec![
            p.due_date.to_string(),
            p.plan_id.to_string(),
            one_line(&p.plan_name),
            one_line(&p.provider),
            p.period.to_string(),
            p.amount.grouped(),
        ]);
    }
    format!(
        "{}\n{}\n",
        AutoDebitText::UnconfirmedHeading.text(lang),
        table.render()
    )
}

fn report_text(lang: Lang, r: &DueReport) -> String {
    let unconfirmed = unconfirmed_text(lang, &r.unconfirmed);
    if r.overdue.is_empty() && r.upcoming.is_empty() {
        return format!(
            "{unconfirmed}{}\n",
            fill(
                StoreText::NothingDueWindow.text(lang),
                &[&count(lang, u64::from(r.days), Noun::Day)]
            )
        );
    }
    let mut out = unconfirmed;
    if !r.overdue.is_empty() {
        out.push_str(&format!("{}\n", StoreText::Overdue.text(lang)));
        out.push_str(&items_table(lang, &r.overdue, false));
        out.push('\n');
    }
    if !r.upcoming.is_empty() {
        out.push_str(&format!(
            "{}\n",
            fill(
                StoreText::Upcoming.text(lang),
                &[&count(lang, u64::from(r.days), Noun::Day)]
            )
        ));
        out.push_str(&items_table(lang, &r.upcoming, true));
        out.push('\n');
    }
    out.push_str(&format!("{}\n", StoreText::PerCard.text(lang)));
    let mut table = Table::new(&[
        (StoreText::ColCard.text(lang), Align::Left),
        (StoreText::ColBy.text(lang), Align::Left),
        (StoreText::ColTotal.text(lang), Align::Right),
    ]);
    for c in &r.per_card {
        for (index, (date, hold)) in c.by_date.iter().enumerate() {
            table.push(vec![
                if index == 0 {
                    card_text(lang, c.card.as_ref())
                } else {
                    String::new()
                },
                date.to_string(),
                hold.grouped(),
            ]);
        }
    }
    out.push_str(&table.render());
    out
}
