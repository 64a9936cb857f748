//! `fenqi summary`: what is owed, due and overdue, each provider's limit, the dearest plan and
//! the balance-weighted APR, in one screen.

use clap::Args;
use serde_json::{Value, json};

use super::Context;
use super::common::*;
use super::error::CliResult;
use super::table::{Align, Table, one_line};
use crate::domain::Money;
use crate::domain::overview::Overview;
use crate::domain::rate::percent4;
use crate::i18n::decide::{SummaryText, summary_figures};
use crate::i18n::store::StoreText;
use crate::i18n::{Lang, fill};

/// Flags of `fenqi summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Runs `fenqi summary`.
pub(crate) fn run(args: &SummaryArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let store = open_store_to_read(ctx)?;
    let overview = store.overview(ctx.today).map_err(|e| store_err(lang, e))?;
    if args.json {
        print_json(&overview_json(&overview, ctx.today));
    } else {
        print!("{}", overview_text(&overview, ctx.today, lang));
    }
    Ok(())
}

/// The contract's fields, and the counts, the dearest plan's APR and the balance by month.
fn overview_json(o: &Overview, today: chrono::NaiveDate) -> Value {
    let providers: Vec<Value> = o
        .providers
        .iter()
        .map(|p| {
            json!({
                "provider": p.provider,
                "used": p.used,
                "limit": p.limit,
                "available": p.available,
            })
        })
        .collect();
    let months: Vec<Value> = o
        .balance_by_month
        .iter()
        .map(|(month, balance)| {
            json!({
                "month": month.format("%Y-%m").to_string(),
                "balance": balance,
            })
        })
        .collect();
    json!({
        "today": today.to_string(),
        "outstanding_principal": o.outstanding_principal,
        "outstanding_balance": o.outstanding_balance,
        "due_7_days": o.due.due_7_days,
        "due_30_days": o.due.due_30_days,
        "overdue": o.due.overdue,
        "overdue_count": o.due.overdue_count,
        "unconfirmed": o.due.unconfirmed,
        "unconfirmed_count": o.due.unconfirmed_count,
        "providers": providers,
        "dearest_plan_id": o.dearest.map(|d| d.id),
        "dearest_apr_percent": o.dearest.map(|d| percent4(d.apr_percent)),
        "weighted_apr_percent": o.weighted_apr_percent.map(percent4),
        "balance_by_month": months,
    })
}

/// The figures one a line, then the providers' table.
fn overview_text(o: &Overview, today: chrono::NaiveDate, lang: Lang) -> String {
    let mut figures = Table::new(&[("", Align::Left), ("", Align::Right)]);
    for (label, value) in summary_figures(lang, o) {
        figures.push(vec![label, value]);
    }
    let mut out = fill(SummaryText::Heading.text(lang), &[&today]);
    out.push('\n');
    out.push_str(&figures.render_rows());
    if !o.providers.is_empty() {
        out.push('\n');
        let mut table = Table::new(&[
            (StoreText::ColProvider.text(lang), Align::Left),
            (StoreText::ColUsed.text(lang), Align::Right),
            (StoreText::ColLimit.text(lang), Align::Right),
            (StoreText::ColAvailable.text(lang), Align::Right),
        ]);
        let amount = |m: Option<Money>| m.map_or_else(|| "—".to_string(), Money::grouped);
        for p in &o.providers {
            table.push(vec![
                one_line(&p.provider),
                p.used.grouped(),
                amount(p.limit),
                amount(p.available),
            ]);
        }
        out.push_str(&table.render());
    }
    out
}
