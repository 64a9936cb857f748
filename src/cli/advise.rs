//! `fenqi advise --cash X [--on D]`: how to spend a sum on early repayment to save the most.

use clap::Args;
use serde_json::json;

use super::Context;
use super::common::*;
use super::error::{CliError, CliResult};
use super::table::{Align, Table};
use super::terms_args::{parse_date_flag, parse_money_flag};
use crate::domain::advise::{ActionKind, Advice, advise};
use crate::i18n::decide::{DecideText, action_name, no_gain_reason};
use crate::i18n::{Lang, fill};

/// Flags of `fenqi advise`.
#[derive(Debug, Args)]
pub struct AdviseArgs {
    /// The cash to spend on early repayment
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true)]
    pub cash: String,
    /// The repayment date (default: today)
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Runs `fenqi advise`.
pub(crate) fn run(args: &AdviseArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let cash = parse_money_flag(lang, "--cash", &args.cash)?;
    if !cash.is_positive() {
        return Err(CliError::input(
            "--cash",
            DecideText::CashPositive.text(lang),
        ));
    }
    let on = match &args.on {
        Some(text) => parse_date_flag(lang, "--on", text)?,
        None => ctx.today,
    };
    let store = open_store_to_read(ctx)?;
    let plans = store
        .open_plans_for_advice()
        .map_err(|e| store_err(lang, e))?;
    let advice = advise(&plans, cash, on).map_err(|e| store_err(lang, e.into()))?;
    if args.json {
        print_json(&advice_json(&advice));
    } else {
        print!("{}", advice_text(&advice, cash, on, lang));
    }
    Ok(())
}

fn action_code(kind: ActionKind) -> (&'static str, Option<&'static str>) {
    match kind {
        ActionKind::Payoff => ("payoff", None),
        ActionKind::Prepay(mode) => ("prepay", Some(mode.code())),
    }
}

/// The contract's object: `actions`, `total_saving`, `no_gain` (and `spent`).
fn advice_json(advice: &Advice) -> serde_json::Value {
    let actions: Vec<_> = advice
        .actions
        .iter()
        .map(|a| {
            let (action, mode) = action_code(a.kind);
            json!({
                "plan_id": a.plan_id,
                "action": action,
                "mode": mode,
                "amount": a.amount,
                "saving": a.saving,
            })
        })
        .collect();
    let no_gain: Vec<_> = advice
        .no_gain
        .iter()
        .map(|(id, why)| {
            json!({
                "plan_id": id,
                "reason": why.code(),
                "text": no_gain_reason(Lang::En, *why),
            })
        })
        .collect();
    json!({
        "actions": actions,
        "total_saving": advice.total_saving,
        "spent": advice.spent,
        "no_gain": no_gain,
    })
}

fn advice_text(
    advice: &Advice,
    cash: crate::domain::Money,
    on: chrono::NaiveDate,
    lang: Lang,
) -> String {
    let mut out = String::new();
    if advice.actions.is_empty() {
        out.push_str(&fill(
            DecideText::AdviseNothing.text(lang),
            &[&cash.grouped()],
        ));
        out.push('\n');
    } else {
        out.push_str(&fill(
            DecideText::AdviseHeading.text(lang),
            &[&cash.grouped(), &on],
        ));
        out.push('\n');
        let mut table = Table::new(&[
            (DecideText::ColPlan.text(lang), Align::Right),
            (DecideText::ColAction.text(lang), Align::Left),
            (DecideText::ColAmount.text(lang), Align::Right),
            (DecideText::ColSaving.text(lang), Align::Right),
        ]);
        for a in &advice.actions {
            table.push(vec![
                format!("#{}", a.plan_id),
                action_name(lang, a.kind).to_string(),
                a.amount.grouped(),
                a.saving.grouped(),
            ]);
        }
        out.push_str(&table.render());
        out.push_str(&fill(
            DecideText::AdviseTotal.text(lang),
            &[&advice.spent.grouped(), &advice.total_saving.grouped()],
        ));
        out.push('\n');
    }
    if !advice.no_gain.is_empty() {
        out.push_str(DecideText::NoGainHeading.text(lang));
        out.push('\n');
        for (id, why) in &advice.no_gain {
            out.push_str(&format!("  #{id}: {}\n", no_gain_reason(lang, *why)));
        }
    }
    out
}
