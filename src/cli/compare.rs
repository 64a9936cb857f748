//! `fenqi compare`: offers side by side for one purchase, ranked by APR; touches no database.

use chrono::NaiveDate;
use clap::Args;
use serde_json::{Value, json};

use super::common::print_json;
use super::error::{CliError, CliResult};
use super::preset::find;
use super::quote::quote_error_text;
use super::table::{Align, Table, one_line};
use super::terms_args::{parse_date_flag, parse_money_flag};
use crate::domain::Money;
use crate::domain::compare::{OfferError, OfferRow, OfferSpec, quote_offer, rank};
use crate::domain::presets::{self, Preset};
use crate::domain::rate::percent4;
use crate::domain::terms_input::{TermField, TermsText};
use crate::i18n::compare::{CompareText, options, spec_error};
use crate::i18n::presets::{preset_error, preset_name};
use crate::i18n::terms::{self, flags, input_error};
use crate::i18n::{Lang, fill};

/// Flags of `fenqi compare`.
#[derive(Debug, Clone, Args)]
pub struct CompareArgs {
    /// Amount of the purchase, e.g. 6000 or ¥6,000.00
    #[arg(long, value_name = "AMOUNT")]
    pub principal: String,
    /// The purchase date (YYYY-MM-DD; default today)
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// An offer (repeatable): PRESET[:N,N,…] (period counts) or custom:KEY=VALUE,… with the terms flags' names
    #[arg(long = "offer", value_name = "SPEC")]
    pub offers: Vec<String>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Runs `fenqi compare`.
pub(crate) fn run(args: &CompareArgs, lang: Lang, today: NaiveDate) -> CliResult {
    let principal = parse_money_flag(lang, "--principal", &args.principal)?;
    let start = match &args.start {
        Some(text) => parse_date_flag(lang, "--start", text)?,
        None => today,
    };
    if args.offers.is_empty() {
        return Err(CliError::input("--offer", CompareText::NoOffers.text(lang)));
    }
    let mut purchase = TermsText::default();
    purchase.set(TermField::Principal, principal.to_string());
    let mut rows = Vec::new();
    for text in &args.offers {
        let spec = OfferSpec::parse(text).map_err(|e| {
            CliError::input(
                "--offer",
                format!("{}: {}", one_line(text), spec_error(lang, &e)),
            )
        })?;
        let preset = match &spec.preset {
            Some(id) => Some(find(lang, "--offer", id)?),
            None => None,
        };
        let quoted = quote_offer(&spec, preset, &purchase, start)
            .map_err(|(option, error)| offer_error(lang, preset, &option, &error))?;
        rows.extend(quoted);
    }
    rank(&mut rows);
    if args.json {
        let rows = rows.iter().map(|row| row_json(row, lang)).collect();
        print_json(&Value::Array(rows));
    } else {
        print!("{}", compare_text(&rows, principal, start, lang));
    }
    Ok(())
}

/// An option's refusal on one line naming `--offer`: the option, then the flag and why.
fn offer_error(lang: Lang, preset: Option<&Preset>, option: &str, error: &OfferError) -> CliError {
    let (flag, why) = match (error, preset) {
        (OfferError::Preset(e), Some(preset)) => {
            let (field, why) = preset_error(lang, preset, e);
            (terms::flag(field).to_string(), why)
        }
        (OfferError::Preset(_), None) => (String::new(), String::new()),
        (OfferError::Terms(errors), _) => match errors.first() {
            Some((field, e)) => (flags(*field, e), input_error(lang, e)),
            None => (String::new(), String::new()),
        },
        (OfferError::Quote(e), _) => ("--principal".to_string(), quote_error_text(lang, e)),
    };
    CliError::input(
        "--offer",
        fill(
            CompareText::OfferField.text(lang),
            &[&one_line(option), &flag, &why],
        ),
    )
}

/// The contract's row: `option`, `periods`, `per_period`, `total_fee`, `total_repayment`,
/// `apr_percent`, `ear_percent`, `first_due`, `rank`; also `preset` and `name`.
fn row_json(row: &OfferRow, lang: Lang) -> Value {
    json!({
        "option": row.option,
        "preset": row.preset,
        "name": provider_name(row, lang),
        "periods": row.periods,
        "per_period": row.per_period,
        "total_fee": row.total_fee,
        "total_repayment": row.total_repayment,
        "apr_percent": percent4(row.apr_percent),
        "ear_percent": percent4(row.ear_percent),
        "first_due": row.first_due.to_string(),
        "rank": row.rank,
    })
}

/// The provider an option is from: its preset's name, or "custom".
fn provider_name(row: &OfferRow, lang: Lang) -> String {
    let preset = row
        .preset
        .as_deref()
        .and_then(|id| presets::all().ok().and_then(|all| presets::find(all, id)));
    match preset {
        Some(preset) => preset_name(lang, preset).to_string(),
        None => CompareText::Custom.text(lang).to_string(),
    }
}

/// The ranked table with a heading, and the cheapest option's true cost.
fn compare_text(rows: &[OfferRow], principal: Money, start: NaiveDate, lang: Lang) -> String {
    let mut out = fill(
        CompareText::Heading.text(lang),
        &[&principal.grouped(), &start, &options(lang, rows.len())],
    );
    out.push_str("\n\n");
    let mut table = Table::new(&[
        (CompareText::ColRank.text(lang), Align::Right),
        (CompareText::ColOption.text(lang), Align::Left),
        (CompareText::ColName.text(lang), Align::Left),
        (CompareText::ColPeriods.text(lang), Align::Right),
        (CompareText::ColPerPeriod.text(lang), Align::Right),
        (CompareText::ColTotalFee.text(lang), Align::Right),
        (CompareText::ColTotal.text(lang), Align::Right),
        (CompareText::ColApr.text(lang), Align::Right),
        (CompareText::ColEar.text(lang), Align::Right),
        (CompareText::ColFirstDue.text(lang), Align::Left),
    ]);
    for row in rows {
        table.push(vec![
            row.rank.to_string(),
            one_line(&row.option),
            one_line(&provider_name(row, lang)),
            row.periods.to_string(),
            row.per_period.grouped(),
            row.total_fee.grouped(),
            row.total_repayment.grouped(),
            percent4(row.apr_percent),
            percent4(row.ear_percent),
            row.first_due.to_string(),
        ]);
    }
    out.push_str(&table.render());
    if let Some(cheapest) = rows.first()
        && rows.len() > 1
    {
        out.push('\n');
        out.push_str(&fill(
            CompareText::Cheapest.text(lang),
            &[
                &one_line(&cheapest.option),
                &percent4(cheapest.apr_percent),
                &cheapest.total_fee.grouped(),
            ],
        ));
        out.push('\n');
    }
    out
}
