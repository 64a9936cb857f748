//! `fenqi reconcile FILE`: match a statement against the installments fenqi expects; `--yes`
//! applies the matches (and marks the missing debits failed) as one undoable change.

use std::path::PathBuf;

use clap::Args;
use serde_json::{Value, json};

use super::Context;
use super::common::*;
use super::error::{CliError, CliResult};
use super::table::{Align, Table, one_line};
use crate::i18n::reconcile::{ReconcileText, writes_text};
use crate::i18n::statement::{error as statement_error, format_name, map_error, provider_name};
use crate::i18n::{Lang, fill};
use crate::statement::{ColumnMap, FormatChoice, ReadOptions};
use crate::store::reconcile::{ReconcileOutcome, ReconcileWrite};
use crate::view::reconcile::{
    ItemKind, Review, ReviewError, ReviewItem, ReviewRequest, action_text, planned, review,
};

/// Flags of `fenqi reconcile`.
#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// The statement: a 支付宝 or 微信支付 bill, a 京东 交易流水, a bank card's CSV, or any CSV with --map
    pub file: PathBuf,
    /// auto (default), alipay, wechat, jd, bank or generic
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// The card the statement is of (its installments missing from it are likely failed debits)
    #[arg(long, value_name = "ID")]
    pub card: Option<String>,
    /// Which columns hold what: date=COL,amount=COL,text=COL[,ref=COL][,card=COL] (a header name or a position from 1)
    #[arg(long, value_name = "MAP")]
    pub map: Option<String>,
    /// Apply the matches and mark the missing debits failed, as one change (undo takes it back)
    #[arg(long)]
    pub yes: bool,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Runs `fenqi reconcile`.
pub(crate) fn run(args: &ReconcileArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let request = request(lang, args)?;
    let mut store = if args.yes {
        open_store(ctx)?
    } else {
        open_store_to_read(ctx)?
    };
    let review = review(&store, &args.file, &request, ctx.today).map_err(|e| match e {
        ReviewError::Statement(e) => CliError::input("FILE", statement_error(lang, &e)),
        ReviewError::Store(e) => store_err_in(lang, e, "--card"),
    })?;
    let writes = review.writes();
    // Applied at once: each write checks its period inside the transaction again (a line
    // already recorded, a period paid or failed meanwhile is skipped), and what was written is
    // what is reported. (The TUI's review, open for as long as one reads it, writes only while
    // its plans are as it showed them.)
    let outcome = if args.yes && !writes.is_empty() {
        let applied = store
            .apply_reconciliation(&review.source, &writes)
            .map_err(|e| store_err_in(lang, e, "FILE"))?;
        Some(applied)
    } else {
        None
    };
    let counts = outcome.unwrap_or_else(|| planned(&writes));
    if args.json {
        print_json(&review_json(&review, &counts, args.yes));
        return Ok(());
    }
    print!("{}", review_text(lang, &review));
    let closing = match outcome {
        Some(done) if done.total() > 0 => fill(
            ReconcileText::Applied.text(lang),
            &[&writes_text(lang, &done, true)],
        ),
        _ if counts.total() == 0 => ReconcileText::NothingToApply.text(lang).to_string(),
        _ => fill(
            ReconcileText::DryRun.text(lang),
            &[&writes_text(lang, &counts, false)],
        ),
    };
    println!("{closing}");
    Ok(())
}

/// The validated flags.
fn request(lang: Lang, args: &ReconcileArgs) -> CliResult<ReviewRequest> {
    let format = match &args.format {
        Some(code) => FormatChoice::parse(code)
            .ok_or_else(|| CliError::input("--format", ReconcileText::FormatValues.text(lang)))?,
        None => FormatChoice::Auto,
    };
    let map = args
        .map
        .as_deref()
        .map(|spec| {
            ColumnMap::parse(spec).map_err(|e| CliError::input("--map", map_error(lang, &e)))
        })
        .transpose()?;
    let card = args
        .card
        .as_deref()
        .map(|c| parse_card_id(lang, "--card", c))
        .transpose()?;
    Ok(ReviewRequest {
        read: ReadOptions { format, map },
        card,
    })
}

/// One item as JSON: `line`, `date`, `amount`, `text`, and `plan_id` / `period` where it
/// concerns an installment, with what its list says.
fn item_json(item: &ReviewItem) -> Value {
    let mut value = json!({
        "line": item.line,
        "date": item.date.to_string(),
        "amount": item.amount,
        "text": item.text,
    });
    let Value::Object(object) = &mut value else {
        return value;
    };
    if let Some(i) = &item.installment {
        object.insert("plan_id".into(), json!(i.plan_id.0));
        object.insert("period".into(), json!(i.period));
        object.insert("plan_name".into(), json!(i.plan_name));
        object.insert("provider".into(), json!(i.provider));
        object.insert("due_date".into(), json!(i.due_on.to_string()));
    }
    match &item.kind {
        ItemKind::Matched {
            action,
            already_confirmed,
            with_lines,
        } => {
            object.insert("action".into(), json!(action.code()));
            object.insert("already_confirmed".into(), json!(already_confirmed));
            object.insert("with_lines".into(), json!(with_lines));
            if let Some(
                ReconcileWrite::Record { reference, .. }
                | ReconcileWrite::Confirm { reference, .. },
            ) = &item.write
            {
                object.insert("reference".into(), json!(reference));
            }
        }
        ItemKind::Missing { already_failed } => {
            let fail = matches!(item.write, Some(ReconcileWrite::Fail { .. }));
            object.insert("action".into(), json!(fail.then_some("fail")));
            object.insert("already_failed".into(), json!(already_failed));
        }
        ItemKind::Duplicate { matched_line } => {
            object.insert("matched_line".into(), json!(matched_line));
        }
        ItemKind::Unexpected => {}
        ItemKind::SuggestedPlan { provider, periods } => {
            object.insert("provider".into(), json!(provider.map(|p| p.code())));
            object.insert("periods".into(), json!(periods));
        }
    }
    value
}

/// The whole report as JSON.
fn review_json(review: &Review, counts: &ReconcileOutcome, applied: bool) -> Value {
    let list = |n: usize| -> Vec<Value> {
        review
            .items
            .iter()
            .filter(|i| i.kind.list() == n)
            .map(item_json)
            .collect()
    };
    json!({
        "file": review.source,
        "format": review.format.choice().code(),
        "from": review.range.map(|(from, _)| from.to_string()),
        "to": review.range.map(|(_, to)| to.to_string()),
        "lines": review.lines,
        "matched": list(0),
        "missing": list(1),
        "duplicates": list(2),
        "unexpected": list(3),
        "suggested_plans": list(4),
        "applied": applied,
        "changes": {
            "recorded": counts.recorded,
            "confirmed": counts.confirmed,
            "failed": counts.failed,
        },
    })
}

/// The report as text: a heading, then each list that is not empty as a table.
fn review_text(lang: Lang, review: &Review) -> String {
    use ReconcileText as T;
    let mut out = String::new();
    let (from, to) = review
        .range
        .map(|(from, to)| (from.to_string(), to.to_string()))
        .unwrap_or_default();
    out.push_str(&fill(
        T::Heading.text(lang),
        &[
            &one_line(&review.source),
            &format_name(lang, review.format),
            &from,
            &to,
            &review.lines,
        ],
    ));
    out.push_str("\n\n");
    let headings = [
        T::MatchedHeading,
        T::MissingHeading,
        T::DuplicatesHeading,
        T::UnexpectedHeading,
        T::SuggestedHeading,
    ];
    let counts = review.counts();
    for (list, heading) in headings.iter().enumerate() {
        if counts[list] == 0 {
            continue;
        }
        out.push_str(&fill(heading.text(lang), &[&counts[list]]));
        out.push('\n');
        out.push_str(&list_table(lang, review, list).render());
        out.push('\n');
    }
    if counts.iter().all(|n| *n == 0) {
        out.push_str(T::NoItems.text(lang));
        out.push_str("\n\n");
    }
    out
}

/// One list's table.
fn list_table(lang: Lang, review: &Review, list: usize) -> Table {
    use ReconcileText as T;
    let columns: Vec<(&str, Align)> = if list == 3 {
        vec![
            (T::ColLine.text(lang), Align::Right),
            (T::ColDate.text(lang), Align::Left),
            (T::ColAmount.text(lang), Align::Right),
            (T::ColText.text(lang), Align::Left),
        ]
    } else if list == 4 {
        vec![
            (T::ColLine.text(lang), Align::Right),
            (T::ColDate.text(lang), Align::Left),
            (T::ColAmount.text(lang), Align::Right),
            (T::ColProvider.text(lang), Align::Left),
            (T::ColPeriods.text(lang), Align::Right),
            (T::ColText.text(lang), Align::Left),
        ]
    } else {
        vec![
            (T::ColLine.text(lang), Align::Right),
            (T::ColDate.text(lang), Align::Left),
            (T::ColAmount.text(lang), Align::Right),
            (T::ColPlan.text(lang), Align::Right),
            (T::ColPeriod.text(lang), Align::Right),
            (T::ColAction.text(lang), Align::Left),
            (T::ColText.text(lang), Align::Left),
        ]
    };
    let mut table = Table::new(&columns);
    for item in review.items.iter().filter(|i| i.kind.list() == list) {
        let line = item.line.map(|l| l.to_string()).unwrap_or_default();
        let text = one_line(&item.text);
        if item.kind == ItemKind::Unexpected {
            table.push(vec![
                line,
                item.date.to_string(),
                item.amount.grouped(),
                text,
            ]);
            continue;
        }
        if let ItemKind::SuggestedPlan { provider, periods } = &item.kind {
            table.push(vec![
                line,
                item.date.to_string(),
                item.amount.grouped(),
                provider
                    .map(|p| provider_name(lang, p).to_string())
                    .unwrap_or_default(),
                periods.map(|n| n.to_string()).unwrap_or_default(),
                text,
            ]);
            continue;
        }
        let (plan, period) = item
            .installment
            .as_ref()
            .map(|i| {
                (
                    format!("#{}", i.plan_id),
                    format!("{}/{}", i.period, i.periods),
                )
            })
            .unwrap_or_default();
        table.push(vec![
            line,
            item.date.to_string(),
            item.amount.grouped(),
            plan,
            period,
            action_text(lang, item),
            text,
        ]);
    }
    table
}
