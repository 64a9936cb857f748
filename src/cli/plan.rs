//! `fenqi plan add|list|show|edit|delete`.

use std::io::{BufRead, IsTerminal, Write};

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Context;
use super::common::*;
use super::error::{CliError, CliResult};
use super::quote::{fee_label, total_fee_label};
use super::table::{Align, Table, one_line};
use super::terms_args::{PolicyArgs, TermsArgs, add_flags, first_field_error};
use super::terms_json::{overdue_terms_json, schedule_terms_json};
use crate::domain::rate::percent4;
use crate::domain::terms_input::{TermField, TermsPatch, TermsText};
use crate::i18n::count::{Noun, count};
use crate::i18n::policy::payoff_policy_label;
use crate::i18n::presets::{PresetText, preset_name};
use crate::i18n::store::{StoreText, plan_status};
use crate::i18n::{Lang, fill};
use crate::store::{CardId, NOTE_MAX_CHARS, PlanDetail, PlanDraft, PlanFilter, PlanSummary};
use crate::view::plan_detail::PlanDetailView;

/// `fenqi plan …` subcommands.
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Add a plan and print its id
    Add(PlanAddArgs),
    /// List plans, finished ones last (--active leaves them out)
    List(PlanListArgs),
    /// Show a plan: terms, schedule with each period's status, repayments
    Show(PlanShowArgs),
    /// Change a plan's name, provider, card, auto-debit, rules or (before any repayment) terms
    Edit(PlanEditArgs),
    /// Delete a plan with its schedule and repayments (asks unless --yes)
    Delete(PlanDeleteArgs),
}

/// Flags of `plan add`.
#[derive(Debug, Args)]
pub struct PlanAddArgs {
    /// What was bought, e.g. "iPhone 15"
    #[arg(long)]
    pub name: String,
    /// Who lends: 小米分期, 花呗, 京东白条, a bank… (default with --preset: the preset's name)
    #[arg(long)]
    pub provider: Option<String>,
    #[command(flatten)]
    pub terms: TermsArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// The card that pays it (default: the default card)
    #[arg(long, value_name = "ID")]
    pub card: Option<String>,
    /// The provider debits the card automatically
    #[arg(long)]
    pub auto_debit: bool,
    /// With auto-debit: count each period as paid (unconfirmed) once its due date has come:
    /// yes (default) or no
    #[arg(long, value_name = "yes|no")]
    pub auto_post: Option<String>,
    /// A note: the provider's hotline, the account or phone number it is tied to
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Print {"id": N} only
    #[arg(long)]
    pub json: bool,
}

/// Flags of `plan list`.
#[derive(Debug, Args)]
pub struct PlanListArgs {
    /// No effect, kept for old scripts: finished plans are always listed
    #[arg(long)]
    pub all: bool,
    /// Only active plans: leave out completed and paid-off ones
    #[arg(long)]
    pub active: bool,
    /// Only this provider's plans
    #[arg(long)]
    pub provider: Option<String>,
    /// Only plans whose name, provider or note contains this text
    #[arg(long)]
    pub search: Option<String>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Flags of `plan show`.
#[derive(Debug, Args)]
pub struct PlanShowArgs {
    /// The plan's id
    pub plan: String,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Optional terms flags of `plan edit` (each replaces the stored value).
#[derive(Debug, Args, Default)]
pub struct EditTermsArgs {
    /// New principal
    #[arg(long, value_name = "AMOUNT")]
    pub principal: Option<String>,
    /// New number of periods
    #[arg(long, value_name = "N")]
    pub periods: Option<String>,
    /// Switch to a flat monthly fee
    #[arg(long, value_name = "RATE")]
    pub monthly_fee: Option<String>,
    /// Switch to a total fee spread evenly
    #[arg(long, value_name = "RATE")]
    pub total_fee: Option<String>,
    /// Switch to a total fee charged with period 1
    #[arg(long, value_name = "RATE")]
    pub upfront_fee: Option<String>,
    /// Switch to an annual interest rate
    #[arg(long, value_name = "RATE")]
    pub annual_rate: Option<String>,
    /// Switch to a daily interest rate
    #[arg(long, value_name = "RATE")]
    pub daily_rate: Option<String>,
    /// annuity, equal-principal or interest-only (with --annual-rate or --daily-rate)
    #[arg(long, value_name = "METHOD")]
    pub method: Option<String>,
    /// last or first
    #[arg(long, value_name = "last|first")]
    pub remainder: Option<String>,
    /// Fee discount: 80%, 8折, 0.8 or 20% off (the fee × 0.8)
    #[arg(long, value_name = "RATE")]
    pub fee_discount: Option<String>,
    /// Fee-free periods, e.g. 1,2,3
    #[arg(long, value_name = "LIST")]
    pub fee_free_periods: Option<String>,
    /// Each period's fee is at least this, e.g. 5.00 (flat and total fees; after the discount)
    #[arg(long, value_name = "AMOUNT")]
    pub min_fee: Option<String>,
    /// New purchase or loan date
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// New first due date
    #[arg(long, value_name = "DATE")]
    pub first_due: Option<String>,
    /// Every period is due on this day of its month (1–31, clamped to the month's end)
    #[arg(long, value_name = "D")]
    pub due_day: Option<String>,
    /// Statement day (1–31): period k is due --due-after days after the k-th statement date after --start
    #[arg(long, value_name = "S")]
    pub statement_day: Option<String>,
    /// With --statement-day: days from the statement date to the due date (0–60)
    #[arg(long, value_name = "N")]
    pub due_after: Option<String>,
    /// Period length: month (default), 2w, 1w or Nd (N days)
    #[arg(long, value_name = "month|2w|1w|Nd")]
    pub every: Option<String>,
}

/// Flags of `plan edit`.
#[derive(Debug, Args)]
pub struct PlanEditArgs {
    /// The plan's id
    pub plan: String,
    /// New name
    #[arg(long)]
    pub name: Option<String>,
    /// New provider
    #[arg(long)]
    pub provider: Option<String>,
    /// The card that pays it
    #[arg(long, value_name = "ID")]
    pub card: Option<String>,
    /// Whether the provider debits the card automatically: yes or no
    #[arg(long, value_name = "yes|no")]
    pub auto_debit: Option<String>,
    /// Whether a period counts as paid by auto-debit (unconfirmed) once due: yes or no
    #[arg(long, value_name = "yes|no")]
    pub auto_post: Option<String>,
    /// New note (empty to clear it)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub terms: EditTermsArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
}

impl EditTermsArgs {
    /// The text of each terms flag given.
    fn text(&self) -> TermsText {
        let mut text = TermsText::default();
        add_flags(
            &mut text,
            &[
                (TermField::Principal, &self.principal),
                (TermField::Periods, &self.periods),
                (TermField::MonthlyFee, &self.monthly_fee),
                (TermField::TotalFee, &self.total_fee),
                (TermField::UpfrontFee, &self.upfront_fee),
                (TermField::AnnualRate, &self.annual_rate),
                (TermField::DailyRate, &self.daily_rate),
                (TermField::Method, &self.method),
                (TermField::Remainder, &self.remainder),
                (TermField::FeeDiscount, &self.fee_discount),
                (TermField::FeeFreePeriods, &self.fee_free_periods),
                (TermField::MinFee, &self.min_fee),
                (TermField::Start, &self.start),
                (TermField::FirstDue, &self.first_due),
                (TermField::DueDay, &self.due_day),
                (TermField::StatementDay, &self.statement_day),
                (TermField::DueAfter, &self.due_after),
                (TermField::Every, &self.every),
            ],
        );
        text
    }
}

impl PlanEditArgs {
    /// The text of every terms, overdue and payoff flag given.
    fn edits(&self) -> TermsText {
        let mut edits = self.terms.text();
        self.policy.add_to(&mut edits);
        edits
    }

    /// No flag was given: there is nothing to change.
    fn changes_nothing(&self) -> bool {
        [
            &self.name,
            &self.provider,
            &self.card,
            &self.auto_debit,
            &self.auto_post,
            &self.note,
        ]
        .iter()
        .all(|flag| flag.is_none())
            && self.edits().is_empty()
    }
}

/// Flags of `plan delete`.
#[derive(Debug, Args)]
pub struct PlanDeleteArgs {
    /// The plan's id
    pub plan: String,
    /// Delete without asking
    #[arg(long)]
    pub yes: bool,
}

/// Runs a `plan` subcommand.
pub(crate) fn run(command: &PlanCommand, ctx: &Context) -> CliResult {
    match command {
        PlanCommand::Add(args) => add(args, ctx),
        PlanCommand::List(args) => list(args, ctx),
        PlanCommand::Show(args) => show(args, ctx),
        PlanCommand::Edit(args) => edit(args, ctx),
        PlanCommand::Delete(args) => delete(args, ctx),
    }
}

/// A yes/no flag's value (`None`: not given); anything else is refused naming `flag`.
fn yes_no(lang: Lang, flag: &str, text: Option<&str>) -> Result<Option<bool>, CliError> {
    match text.map(str::trim) {
        None => Ok(None),
        Some("yes" | "true" | "on") => Ok(Some(true)),
        Some("no" | "false" | "off") => Ok(Some(false)),
        Some(_) => Err(CliError::input(flag, StoreText::AutoDebitValues.text(lang))),
    }
}

fn add(args: &PlanAddArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let name = text_field(lang, "--name", &args.name, 200, true)?;
    let mut text = args.terms.text();
    args.policy.add_to(&mut text);
    let (text, preset) = args.terms.with_preset(lang, text, ctx.today)?;
    let provider = match (&args.provider, preset) {
        (Some(provider), _) => text_field(lang, "--provider", provider, 100, true)?,
        (None, Some(preset)) => preset_name(lang, preset).to_string(),
        (None, None) => {
            return Err(CliError::input(
                "--provider",
                PresetText::ProviderNeeded.text(lang),
            ));
        }
    };
    let terms = text
        .parse(ctx.today)
        .map_err(|errors| first_field_error(lang, &errors))?;
    let card = args
        .card
        .as_deref()
        .map(|text| parse_card_id(lang, "--card", text))
        .transpose()?;
    let mut store = open_store(ctx)?;
    let card = match card {
        Some(card) => Some(card),
        None => store
            .default_card()
            .map_err(|e| store_err(lang, e))?
            .map(|c| c.id),
    };
    let note = text_field(
        lang,
        "--note",
        args.note.as_deref().unwrap_or(""),
        NOTE_MAX_CHARS,
        false,
    )?;
    let draft = PlanDraft {
        name,
        provider,
        card,
        auto_debit: args.auto_debit,
        auto_post: yes_no(lang, "--auto-post", args.auto_post.as_deref())?.unwrap_or(true),
        terms,
        note,
    };
    let id = store.insert_plan(&draft).map_err(|e| store_err(lang, e))?;
    if args.json {
        print_json(&json!({ "id": id.0 }));
        return Ok(());
    }
    println!("{id}");
    let summary = store
        .plan_summary(id, ctx.today)
        .map_err(|e| store_err(lang, e))?;
    let per_period = summary.next_amount.map(|m| m.grouped()).unwrap_or_default();
    eprintln!(
        "{}",
        fill(
            StoreText::PlanAdded.text(lang),
            &[
                &id,
                &one_line(&summary.name),
                &per_period,
                &percent4(summary.apr_percent)
            ]
        )
    );
    Ok(())
}

fn list(args: &PlanListArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let store = open_store_to_read(ctx)?;
    let filter = PlanFilter {
        text: args.search.clone(),
        provider: args.provider.as_ref().map(|p| p.trim().to_string()),
        include_finished: !args.active,
        ..PlanFilter::default()
    };
    let plans = store
        .list_plan_summaries(&filter, ctx.today)
        .map_err(|e| store_err(lang, e))?;
    if args.json {
        print_json(&Value::Array(plans.iter().map(plan_summary_json).collect()));
        return Ok(());
    }
    if plans.is_empty() {
        let filtered = args.active || args.search.is_some() || args.provider.is_some();
        let text = if filtered {
            StoreText::NoPlansMatch
        } else {
            StoreText::NoPlans
        };
        println!("{}", text.text(lang));
        return Ok(());
    }
    print!("{}", plans_table(lang, &plans));
    Ok(())
}

/// The plans table of `plan list`.
fn plans_table(lang: Lang, plans: &[PlanSummary]) -> String {
    let mut table = Table::new(&[
        (StoreText::ColId.text(lang), Align::Right),
        (StoreText::ColName.text(lang), Align::Left),
        (StoreText::ColProvider.text(lang), Align::Left),
        (StoreText::ColPrincipal.text(lang), Align::Right),
        (StoreText::ColPaid.text(lang), Align::Right),
        (StoreText::ColRemaining.text(lang), Align::Right),
        (StoreText::ColNextDue.text(lang), Align::Left),
        (StoreText::ColAmount.text(lang), Align::Right),
        (StoreText::ColApr.text(lang), Align::Right),
        (StoreText::ColStatus.text(lang), Align::Left),
    ]);
    for p in plans {
        table.push(vec![
            p.id.to_string(),
            one_line(&p.name),
            one_line(&p.provider),
            p.principal.grouped(),
            format!("{}/{}", p.paid_periods, p.periods),
            p.remaining.grouped(),
            p.next_due_date.map(|d| d.to_string()).unwrap_or_default(),
            p.next_amount.map(|m| m.grouped()).unwrap_or_default(),
            percent4(p.apr_percent),
            plan_status(lang, p.status).to_string(),
        ]);
    }
    table.render()
}

fn show(args: &PlanShowArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let id = parse_plan_id(lang, "PLAN", &args.plan)?;
    let store = open_store_to_read(ctx)?;
    let detail = store
        .plan_detail(id, ctx.today)
        .map_err(|e| store_err(lang, e))?;
    if args.json {
        print_json(&plan_detail_json(&detail));
    } else {
        print!(
            "{}",
            plan_detail_text(lang, &PlanDetailView::new(&detail, lang))
        );
    }
    Ok(())
}

/// `plan show --json`: the plan's fields, its terms, schedule, repayments and payoff quote.
fn plan_detail_json(d: &PlanDetail) -> Value {
    let mut object = plan_summary_json(&d.summary);
    let t = &d.terms;
    let extra = json!({
        "rate_percent": t.fee.rate.percent4(),
        "fee_discount_percent": t.fee.discount.map(|r| r.percent4()),
        "fee_free_periods": t.fee.free_periods,
        "remainder": t.remainder.code(),
        "first_due": t.first_due.to_string(),
        "payoff_policy": t.payoff.to_string(),
        "grace_days": t.overdue.grace_days,
        "penalty_daily_percent": t.overdue.penalty_daily.percent4(),
        "penalty_from": t.overdue.from.code(),
        "card": d.card.as_ref().map(card_json),
        "total_repayment": d.total_repayment,
        "schedule": d.schedule.iter().map(|i| json!({
            "period": i.period,
            "due_date": i.due_date.to_string(),
            "amount": i.amount,
            "principal": i.principal,
            "fee": i.fee,
            "paid": i.paid,
            "unpaid": i.unpaid,
            "penalty": i.penalty,
            "paid_penalty": i.paid_penalty,
            "status": i.status.code(),
            "settled_on": i.settled_on.map(|d| d.to_string()),
            "confirmed": i.confirmed,
            "source": i.source.map(|s| s.code()),
            "retry_on": i.retry_on.map(|d| d.to_string()),
        })).collect::<Vec<_>>(),
        "repayments": d.repayments.iter().map(repayment_json).collect::<Vec<_>>(),
        "payoff": d.payoff.as_ref().map(|q| json!({
            "amount": q.amount,
            "principal": q.principal,
            "fee": q.fee,
            "penalty": q.penalty,
            "policy": q.policy.to_string(),
        })),
    });
    if let (Value::Object(base), Value::Object(more)) = (&mut object, extra) {
        base.extend(more);
        base.extend(schedule_terms_json(t));
        base.extend(overdue_terms_json(t));
    }
    object
}

/// `plan show`: terms, schedule and repayments as text.
fn plan_detail_text(lang: Lang, d: &PlanDetailView) -> String {
    let mut out = format!(
        "#{} {} · {} · {}\n\n{}\n",
        d.id,
        d.name,
        d.provider,
        d.status,
        StoreText::Terms.text(lang)
    );
    let model = match d.rate {
        Some(rate) => format!("{} {rate}", d.model),
        None => d.model.to_string(),
    };
    let card = d
        .card
        .clone()
        .unwrap_or_else(|| StoreText::NoCard.text(lang).to_string());
    let mut terms = Table::new(&[("", Align::Left), ("", Align::Left)]);
    let rows: Vec<(&str, String)> = vec![
        (
            StoreText::ColPrincipal.text(lang),
            format!("{} × {}", d.principal.grouped(), d.periods),
        ),
        (StoreText::FieldModel.text(lang), model),
        (StoreText::FieldFirstDue.text(lang), d.first_due.to_string()),
        (StoreText::FieldCard.text(lang), card),
        (
            StoreText::FieldAutoDebit.text(lang),
            d.auto_debit.to_string(),
        ),
        (
            total_fee_label(d.interest_based).text(lang),
            d.total_fee.grouped(),
        ),
        (
            StoreText::FieldTotal.text(lang),
            d.total_repayment.grouped(),
        ),
        (
            StoreText::FieldAprEar.text(lang),
            format!(
                "{}% / {}%",
                percent4(d.cost.cost.apr_percent),
                percent4(d.cost.cost.ear_percent)
            ),
        ),
        (
            StoreText::FieldPayoff.text(lang),
            payoff_policy_label(lang, d.payoff_policy),
        ),
        (
            StoreText::FieldOverdue.text(lang),
            fill(
                StoreText::OverdueRule.text(lang),
                &[
                    &count(lang, u64::from(d.grace_days), Noun::GraceDay),
                    &d.penalty_daily,
                    &d.penalty_from,
                ],
            ),
        ),
    ];
    let remaining = (StoreText::ColRemaining.text(lang), d.remaining.grouped());
    let note = (!d.note.is_empty()).then(|| (StoreText::FieldNote.text(lang), d.note.clone()));
    for (label, value) in rows
        .into_iter()
        .chain(d.rules.iter().map(|(label, value)| (*label, value.clone())))
        .chain(std::iter::once(remaining))
        .chain(note)
    {
        terms.push(vec![format!("  {label}"), value]);
    }
    if let Ok(q) = &d.payoff {
        terms.push(vec![
            format!("  {}", StoreText::FieldPayoffToday.text(lang)),
            q.amount.grouped(),
        ]);
    }
    out.extend(terms.render().lines().skip(1).map(|l| format!("{l}\n")));
    out.push_str(&format!("\n{}\n", StoreText::Schedule.text(lang)));
    let mut table = Table::new(&[
        (StoreText::ColPeriod.text(lang), Align::Right),
        (StoreText::ColDueDate.text(lang), Align::Left),
        (StoreText::ColAmount.text(lang), Align::Right),
        (StoreText::ColPrincipal.text(lang), Align::Right),
        (fee_label(d.interest_based).text(lang), Align::Right),
        (StoreText::ColPaid.text(lang), Align::Right),
        (StoreText::ColPaidOn.text(lang), Align::Left),
        (StoreText::ColDaysLate.text(lang), Align::Right),
        (StoreText::ColPenalty.text(lang), Align::Right),
        (StoreText::ColPenaltyPaid.text(lang), Align::Right),
        (StoreText::ColStatus.text(lang), Align::Left),
    ]);
    for line in &d.schedule {
        let i = &line.row;
        table.push(vec![
            i.period.to_string(),
            i.due_date.to_string(),
            i.amount.grouped(),
            i.principal.grouped(),
            i.fee.grouped(),
            i.paid.grouped(),
            line.paid_on.map(|d| d.to_string()).unwrap_or_default(),
            if line.days_late > 0 {
                line.days_late.to_string()
            } else {
                String::new()
            },
            i.penalty.grouped(),
            i.paid_penalty.grouped(),
            line.status_name.clone(),
        ]);
    }
    out.push_str(&table.render());
    if !d.repayments.is_empty() {
        out.push_str(&format!("\n{}\n", StoreText::Repayments.text(lang)));
        out.push_str(&super::history::history_table(lang, d.repayments));
    }
    out
}

fn edit(args: &PlanEditArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let id = parse_plan_id(lang, "PLAN", &args.plan)?;
    let name = args
        .name
        .as_deref()
        .map(|n| text_field(lang, "--name", n, 200, true))
        .transpose()?;
    let provider = args
        .provider
        .as_deref()
        .map(|p| text_field(lang, "--provider", p, 100, true))
        .transpose()?;
    let card: Option<CardId> = args
        .card
        .as_deref()
        .map(|text| parse_card_id(lang, "--card", text))
        .transpose()?;
    let auto_debit = yes_no(lang, "--auto-debit", args.auto_debit.as_deref())?;
    let auto_post = yes_no(lang, "--auto-post", args.auto_post.as_deref())?;
    if args.changes_nothing() {
        return Err(CliError::input(
            "plan edit",
            StoreText::EditNeedsAFlag.text(lang),
        ));
    }
    let mut store = open_store(ctx)?;
    let stored = store.plan_draft(id).map_err(|e| store_err(lang, e))?;
    let mut draft = stored.clone();
    // Any terms or policy flag is applied over the stored terms and the result checked as
    // `plan add` checks it; without them, the stored terms stay as they are.
    let edits = args.edits();
    if !edits.is_empty() {
        let patch = TermsPatch {
            stored: &stored.terms,
            edits: &edits,
        };
        draft.terms = patch
            .apply(ctx.today)
            .map_err(|errors| first_field_error(lang, &errors))?;
    }
    if let Some(name) = name {
        draft.name = name;
    }
    if let Some(provider) = provider {
        draft.provider = provider;
    }
    if card.is_some() {
        draft.card = card;
    }
    if let Some(auto) = auto_debit {
        draft.auto_debit = auto;
    }
    if let Some(auto) = auto_post {
        draft.auto_post = auto;
    }
    if let Some(note) = &args.note {
        draft.note = text_field(lang, "--note", note, NOTE_MAX_CHARS, false)?;
    }
    if draft == stored {
        println!("{}", fill(StoreText::PlanUnchanged.text(lang), &[&id]));
        return Ok(());
    }
    store
        .update_plan(id, &draft)
        .map_err(|e| store_err(lang, e))?;
    println!("{}", fill(StoreText::PlanUpdated.text(lang), &[&id]));
    Ok(())
}

fn delete(args: &PlanDeleteArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let id = parse_plan_id(lang, "PLAN", &args.plan)?;
    let mut store = open_store(ctx)?;
    let detail = store
        .plan_detail(id, ctx.today)
        .map_err(|e| store_err(lang, e))?;
    if !args.yes && !confirm_delete(lang, &detail)? {
        println!("{}", StoreText::NotDeleted.text(lang));
        return Ok(());
    }
    store.delete_plan(id).map_err(|e| store_err(lang, e))?;
    println!("{}", fill(StoreText::PlanDeleted.text(lang), &[&id]));
    Ok(())
}

/// Asks "Delete plan …? [y/N]" on a terminal; refuses (exit 2) when there is none.
fn confirm_delete(lang: Lang, detail: &PlanDetail) -> CliResult<bool> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(CliError::input("--yes", StoreText::NeedYes.text(lang)));
    }
    eprint!(
        "{}",
        fill(
            StoreText::ConfirmDelete.text(lang),
            &[
                &detail.summary.id,
                &one_line(&detail.summary.name),
                &count(lang, detail.repayments.len() as u64, Noun::RepaymentRecord)
            ]
        )
    );
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    let answer = answer.trim().to_lowercase();
    Ok(matches!(answer.as_str(), "y" | "yes" | "是" | "好"))
}
