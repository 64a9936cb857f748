//! `fenqi preset list|show`, and `--preset ID` of `quote` and `plan add`: a preset's terms
//! under the flags given.

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde_json::{Map, Value, json};

use super::common::print_json;
use super::error::{CliError, CliResult};
use super::table::{Align, Table, one_line};
use crate::domain::presets::{
    self, FIRST_DUE_AT_START, Preset, PresetTerm, PresetValue, Source, SourceKind,
};
use crate::domain::terms_input::{TermField, TermsText};
use crate::i18n::presets::{
    PresetText, counts, file_error, preset_error, preset_name, unknown_preset,
};
use crate::i18n::terms::flag;
use crate::i18n::{Lang, fill};

/// `fenqi preset …` subcommands.
#[derive(Debug, Subcommand)]
pub enum PresetCommand {
    /// List the provider presets
    List(PresetListArgs),
    /// Show a preset: its terms, rates by period count, caveats and sources
    Show(PresetShowArgs),
}

/// Flags of `preset list`.
#[derive(Debug, Args)]
pub struct PresetListArgs {
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Flags of `preset show`.
#[derive(Debug, Args)]
pub struct PresetShowArgs {
    /// The preset's id (see `fenqi preset list`)
    pub id: String,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Runs a `preset` subcommand.
pub(crate) fn run(command: &PresetCommand, lang: Lang) -> CliResult {
    let all = all_presets(lang)?;
    match command {
        PresetCommand::List(args) => {
            if args.json {
                print_json(&Value::Array(all.iter().map(preset_json).collect()));
            } else {
                print!("{}", list_text(all, lang));
            }
        }
        PresetCommand::Show(args) => {
            let preset = find(lang, "ID", &args.id)?;
            if args.json {
                print_json(&preset_json(preset));
            } else {
                print!("{}", show_text(preset, lang));
            }
        }
    }
    Ok(())
}

/// Every preset, or why the preset file cannot be read.
fn all_presets(lang: Lang) -> CliResult<&'static [Preset]> {
    presets::all().map_err(|e| CliError::Other(anyhow::anyhow!(file_error(lang, e))))
}

/// The preset with id `id`, or an error naming `flag` and listing the ids.
pub(crate) fn find(lang: Lang, flag: &str, id: &str) -> CliResult<&'static Preset> {
    let all = all_presets(lang)?;
    presets::find(all, id).ok_or_else(|| CliError::input(flag, unknown_preset(lang, id, all)))
}

/// The `typed` terms text with the preset `id`'s terms under it (none without `id`), and the
/// preset; refusals name the flag (`--preset`, `--periods`, the field the preset needs).
pub(crate) fn fill_typed(
    lang: Lang,
    id: Option<&str>,
    typed: TermsText,
    today: NaiveDate,
) -> CliResult<(TermsText, Option<&'static Preset>)> {
    let Some(id) = id else {
        return Ok((typed, None));
    };
    let preset = find(lang, "--preset", id)?;
    let filled = preset.fill(&typed, today).map_err(|error| {
        let (field, message) = preset_error(lang, preset, &error);
        CliError::input(flag(field), message)
    })?;
    Ok((filled.text, Some(preset)))
}

/// A term's value as JSON: a string, a number or a list, as the file writes it.
fn value_json(value: &PresetValue) -> Value {
    match value {
        PresetValue::Text(text) => json!(text),
        PresetValue::Whole(n) => json!(n),
        PresetValue::List(items) => json!(items),
    }
}

/// Terms as a JSON object keyed by flag name.
fn terms_json(terms: &[PresetTerm]) -> Value {
    let map: Map<String, Value> = terms
        .iter()
        .map(|t| (t.field.key().to_string(), value_json(&t.value)))
        .collect();
    Value::Object(map)
}

fn source_json(source: &Source) -> Value {
    json!({
        "url": source.url,
        "read_on": source.read_on.to_string(),
        "kind": source.kind.code(),
        "backs": source.backs,
        "note": source.note,
    })
}

/// The contract's object of a preset: `id`, `name_zh`, `name_en`, `periods`, `sources`, and its
/// terms (preset-wide in `terms`, by period count in `rates`).
fn preset_json(preset: &Preset) -> Value {
    let rates: Map<String, Value> = preset
        .rates
        .iter()
        .map(|(n, terms)| (n.to_string(), terms_json(terms)))
        .collect();
    let keys = |fields: &[TermField]| fields.iter().map(|f| f.key()).collect::<Vec<_>>();
    json!({
        "id": preset.id,
        "name_zh": preset.name_zh,
        "name_en": preset.name_en,
        "currency": preset.currency,
        "periods": preset.periods(),
        "terms": terms_json(&preset.terms),
        "rates": rates,
        "needs": keys(&preset.needs),
        "unsourced": keys(&preset.unsourced),
        "unsourced_note": preset.unsourced_note,
        "caveats": preset.caveats,
        "sources": preset.sources.iter().map(source_json).collect::<Vec<_>>(),
    })
}

/// `preset list`: id, name, period counts and currency of each, and how to see more.
fn list_text(all: &[Preset], lang: Lang) -> String {
    let mut table = Table::new(&[
        (PresetText::ColId.text(lang), Align::Left),
        (PresetText::ColName.text(lang), Align::Left),
        (PresetText::ColPeriods.text(lang), Align::Left),
        (PresetText::ColCurrency.text(lang), Align::Left),
    ]);
    for preset in all {
        table.push(vec![
            preset.id.clone(),
            one_line(preset_name(lang, preset)),
            counts(&preset.periods()),
            preset.currency.clone(),
        ]);
    }
    format!("{}\n{}\n", table.render(), PresetText::ListHint.text(lang))
}

/// Terms as flags: `--total-fee 2.5%  --payoff-policy fee-on-remaining:2.22%`.
fn terms_flags(terms: &[PresetTerm], lang: Lang) -> String {
    if terms.is_empty() {
        return PresetText::InterestFree.text(lang).to_string();
    }
    terms
        .iter()
        .map(|term| match &term.value {
            PresetValue::Text(t)
                if term.field == TermField::FirstDue && t == FIRST_DUE_AT_START =>
            {
                format!(
                    "{} {t} ({})",
                    flag(term.field),
                    PresetText::FirstDueAtStart.text(lang)
                )
            }
            PresetValue::List(items) => items
                .iter()
                .map(|item| format!("{} {}", flag(term.field), one_line(item)))
                .collect::<Vec<_>>()
                .join("  "),
            value => format!("{} {}", flag(term.field), one_line(&value.text())),
        })
        .collect::<Vec<_>>()
        .join("  ")
}

/// `preset show`: names, terms, rates by period count, what the user gives, what is unsourced,
/// caveats and sources.
fn show_text(preset: &Preset, lang: Lang) -> String {
    let flags = |fields: &[TermField]| {
        fields
            .iter()
            .map(|f| flag(*f))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = fill(
        PresetText::ShowHeading.text(lang),
        &[
            &one_line(preset_name(lang, preset)),
            &preset.id,
            &preset.currency,
        ],
    );
    out.push('\n');
    out.push_str(PresetText::StartingPoint.text(lang));
    out.push_str("\n\n");
    if !preset.terms.is_empty() {
        out.push_str(PresetText::TermsHeading.text(lang));
        out.push('\n');
        for term in &preset.terms {
            out.push_str(&format!(
                "  {}\n",
                terms_flags(std::slice::from_ref(term), lang)
            ));
        }
    }
    out.push_str(PresetText::RatesHeading.text(lang));
    out.push('\n');
    let mut rates = Table::new(&[
        (PresetText::ColPeriods.text(lang), Align::Right),
        (PresetText::ColTerms.text(lang), Align::Left),
    ]);
    for (n, terms) in &preset.rates {
        rates.push(vec![n.to_string(), terms_flags(terms, lang)]);
    }
    for line in rates.render().lines() {
        out.push_str(&format!("  {line}\n"));
    }
    if !preset.needs.is_empty() {
        out.push('\n');
        out.push_str(&fill(
            PresetText::NeedsLine.text(lang),
            &[&flags(&preset.needs)],
        ));
        out.push('\n');
    }
    if !preset.unsourced.is_empty() {
        out.push('\n');
        out.push_str(&fill(
            PresetText::UnsourcedLine.text(lang),
            &[&flags(&preset.unsourced)],
        ));
        out.push('\n');
        if let Some(note) = &preset.unsourced_note {
            out.push_str(&format!("  {}\n", one_line(note)));
        }
    }
    if !preset.caveats.is_empty() {
        out.push('\n');
        out.push_str(PresetText::CaveatsHeading.text(lang));
        out.push('\n');
        for caveat in &preset.caveats {
            out.push_str(&format!("  - {}\n", one_line(caveat)));
        }
    }
    out.push('\n');
    out.push_str(PresetText::SourcesHeading.text(lang));
    out.push('\n');
    for (index, source) in preset.sources.iter().enumerate() {
        let kind = match source.kind {
            SourceKind::Primary => PresetText::SourcePrimary,
            SourceKind::Secondary => PresetText::SourceSecondary,
        };
        out.push_str(&format!(
            "  {}. {}\n",
            index + 1,
            fill(
                PresetText::SourceLine.text(lang),
                &[&kind.text(lang), &source.read_on, &one_line(&source.url)],
            )
        ));
        if !source.backs.is_empty() {
            out.push_str(&format!(
                "     {}\n",
                fill(
                    PresetText::SourceBacks.text(lang),
                    &[&source.backs.join(", ")]
                )
            ));
        }
        if !source.note.is_empty() {
            out.push_str(&format!("     {}\n", one_line(&source.note)));
        }
    }
    out
}
