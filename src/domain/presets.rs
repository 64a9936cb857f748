//! Provider presets: `assets/presets.toml` read into typed presets, and a preset's terms given as
//! the text of each terms field, under the fields the user typed.
//!
//! The file's terms are written with the flag names of `quote` / `plan add` (without `--`) and
//! in the flags' own syntax, so the one terms parser (`terms_input`) reads them as it reads the
//! command line and the plan form. The file is described in its own header comment.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use toml_edit::{Array, DocumentMut, Item, Table, Value};

use super::dates::parse_date;
use super::terms::MAX_PERIODS;
use super::terms_input::{CAP_SEPARATOR, TermField, TermsText, parse_count};

/// The preset file, embedded at build time.
pub(crate) const PRESETS_TOML: &str = include_str!("../../assets/presets.toml");

/// The schema version this loader reads (the file's `schema`).
const SCHEMA: i64 = 1;

/// The value of a preset's term as the file writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresetValue {
    /// A string in the flag's syntax (`"0.6%"`, `"5.00"`, `"equal-principal"`).
    Text(String),
    /// A count (`due-day = 10`).
    Whole(i64),
    /// The values of a repeatable flag (`late-fee-cap = ["68", "25%"]`).
    List(Vec<String>),
}

impl PresetValue {
    /// The value as the text of its field: a list's values joined as a repeatable flag's
    /// field holds them (`68;25%`).
    pub(crate) fn text(&self) -> String {
        match self {
            PresetValue::Text(text) => text.clone(),
            PresetValue::Whole(n) => n.to_string(),
            PresetValue::List(items) => items.join(&CAP_SEPARATOR.to_string()),
        }
    }
}

/// One term of a preset: a terms field and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresetTerm {
    pub field: TermField,
    pub value: PresetValue,
}

/// Whether a source is the provider's own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// The provider's own page or agreement.
    Primary,
    /// Anyone else: news, Q&A and finance sites, merchants' copies of terms.
    Secondary,
}

impl SourceKind {
    pub(crate) fn code(self) -> &'static str {
        match self {
            SourceKind::Primary => "primary",
            SourceKind::Secondary => "secondary",
        }
    }

    fn from_code(code: &str) -> Option<SourceKind> {
        match code {
            "primary" => Some(SourceKind::Primary),
            "secondary" => Some(SourceKind::Secondary),
            _ => None,
        }
    }
}

/// Where a preset's terms were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub url: String,
    pub read_on: NaiveDate,
    pub kind: SourceKind,
    /// The terms it supports: flag names, `rates`, or `due-rule`.
    pub backs: Vec<String>,
    pub note: String,
}

/// One provider product's terms, rates by period count, and sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub currency: String,
    /// The terms of every period count, in the file's order.
    pub terms: Vec<PresetTerm>,
    /// The period counts offered, each with the terms that replace the preset-wide ones.
    pub rates: BTreeMap<u32, Vec<PresetTerm>>,
    /// Fields the user must still give (a card's own statement day).
    pub needs: Vec<TermField>,
    /// Fields no source was found for: left to fenqi's defaults.
    pub unsourced: Vec<TermField>,
    pub unsourced_note: Option<String>,
    pub caveats: Vec<String>,
    pub sources: Vec<Source>,
}

/// The value of `first-due` meaning "period 1 is due on the start date itself" (pay-in-4).
pub(crate) const FIRST_DUE_AT_START: &str = "start";

/// What a `backs` entry may name besides a terms flag.
const BACKS_WORDS: [&str; 2] = ["rates", "due-rule"];

/// Why the preset file cannot be read: where (a preset's id or position, a key) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresetFileError {
    /// The preset's id (or `#N`, its position, before its id is known); empty at the top level.
    pub preset: String,
    pub key: String,
    pub problem: FileProblem,
}

/// What is wrong at a place in the preset file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Not TOML: the parser's message.
    Syntax(String),
    Missing,
    /// Not of the kind the key takes (a string, a whole number, a list of strings, a table).
    WrongType,
    /// Neither a terms flag nor one of the file's own keys.
    UnknownKey,
    /// A value the key does not take (a schema version, a source kind, a date, a period count).
    BadValue,
    /// A preset id used twice.
    Duplicate,
}

/// Why a preset's terms cannot be used for what was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PresetError {
    /// No rate for the period count typed: the counts the preset has.
    NoRateFor { periods: u32, offered: Vec<u32> },
    /// The preset needs this field typed (a card's statement day).
    Needs(TermField),
}

/// A preset's terms under the typed ones: the text to parse, and which fields came from the
/// preset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Filled {
    pub text: TermsText,
    pub from_preset: Vec<TermField>,
}

/// The fee models' rates, which `--fee-discount` and `--fee-free-periods` go with.
const FEE_RATES: [TermField; 3] = [
    TermField::MonthlyFee,
    TermField::TotalFee,
    TermField::UpfrontFee,
];

/// The interest models' rates, which `--method` goes with.
const INTEREST_RATES: [TermField; 2] = [TermField::AnnualRate, TermField::DailyRate];

/// The options only fee models take: dropped when an interest rate is typed.
const FEE_OPTIONS: [TermField; 3] = [
    TermField::FeeDiscount,
    TermField::FeeFreePeriods,
    TermField::MinFee,
];

/// The due-date rules, each a set of fields: a plan has one of them.
const DUE_RULES: [&[TermField]; 3] = [
    &[TermField::FirstDue],
    &[TermField::DueDay],
    &[TermField::StatementDay, TermField::DueAfter],
];

/// Every preset of the embedded file; an error when the file is broken (a test loads it).
pub fn all() -> Result<&'static [Preset], &'static PresetFileError> {
    static PRESETS: OnceLock<Result<Vec<Preset>, PresetFileError>> = OnceLock::new();
    PRESETS
        .get_or_init(|| load(PRESETS_TOML))
        .as_ref()
        .map(Vec::as_slice)
}

/// The preset with this id.
pub(crate) fn find<'a>(presets: &'a [Preset], id: &str) -> Option<&'a Preset> {
    presets.iter().find(|p| p.id == id.trim())
}

/// Reads a preset file.
pub(crate) fn load(text: &str) -> Result<Vec<Preset>, PresetFileError> {
    let top = |key: &str, problem| PresetFileError {
        preset: String::new(),
        key: key.to_string(),
        problem,
    };
    let doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| top("", FileProblem::Syntax(e.message().into())))?;
    for (key, _) in doc.iter() {
        if key != "schema" && key != "preset" {
            return Err(top(key, FileProblem::UnknownKey));
        }
    }
    match doc.get("schema").map(|item| item.as_integer()) {
        None => return Err(top("schema", FileProblem::Missing)),
        Some(None) => return Err(top("schema", FileProblem::WrongType)),
        Some(Some(SCHEMA)) => {}
        Some(Some(_)) => return Err(top("schema", FileProblem::BadValue)),
    }
    let tables = doc
        .get("preset")
        .ok_or_else(|| top("preset", FileProblem::Missing))?
        .as_array_of_tables()
        .ok_or_else(|| top("preset", FileProblem::WrongType))?;
    let mut presets: Vec<Preset> = Vec::new();
    for (index, table) in tables.iter().enumerate() {
        let preset = read_preset(table, index)?;
        if presets.iter().any(|p| p.id == preset.id) {
            return Err(PresetFileError {
                key: "id".into(),
                preset: preset.id,
                problem: FileProblem::Duplicate,
            });
        }
        presets.push(preset);
    }
    Ok(presets)
}

/// Reads the values of one `[[preset]]` table.
struct Reader<'a> {
    table: &'a Table,
    preset: String,
}

impl Reader<'_> {
    fn error(&self, key: &str, problem: FileProblem) -> PresetFileError {
        PresetFileError {
            preset: self.preset.clone(),
            key: key.to_string(),
            problem,
        }
    }

    fn string(&self, key: &str) -> Result<String, PresetFileError> {
        self.optional_string(key)?
            .ok_or_else(|| self.error(key, FileProblem::Missing))
    }

    fn optional_string(&self, key: &str) -> Result<Option<String>, PresetFileError> {
        match self.table.get(key) {
            None => Ok(None),
            Some(item) => match item.as_str() {
                Some(text) if !text.trim().is_empty() => Ok(Some(text.to_string())),
                Some(_) => Err(self.error(key, FileProblem::Missing)),
                None => Err(self.error(key, FileProblem::WrongType)),
            },
        }
    }

    fn strings(&self, key: &str) -> Result<Vec<String>, PresetFileError> {
        match self.table.get(key) {
            None => Ok(Vec::new()),
            Some(item) => item
                .as_array()
                .and_then(string_list)
                .ok_or_else(|| self.error(key, FileProblem::WrongType)),
        }
    }

    fn fields(&self, key: &str) -> Result<Vec<TermField>, PresetFileError> {
        self.strings(key)?
            .iter()
            .map(|name| {
                TermField::from_key(name).ok_or_else(|| self.error(key, FileProblem::UnknownKey))
            })
            .collect()
    }
}

/// The items of an array when every one is a string.
fn string_list(array: &Array) -> Option<Vec<String>> {
    array
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// The keys of a preset that are not terms.
const OWN_KEYS: [&str; 10] = [
    "id",
    "name_zh",
    "name_en",
    "currency",
    "rates",
    "needs",
    "unsourced",
    "unsourced_note",
    "caveats",
    "sources",
];

fn read_preset(table: &Table, index: usize) -> Result<Preset, PresetFileError> {
    let mut reader = Reader {
        table,
        preset: format!("#{}", index + 1),
    };
    let id = reader.string("id")?;
    if !id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(reader.error("id", FileProblem::BadValue));
    }
    reader.preset = id.clone();
    let mut terms = Vec::new();
    for (key, item) in table.iter() {
        if OWN_KEYS.contains(&key) {
            continue;
        }
        terms.push(term(&reader, key, item)?);
    }
    let rates = read_rates(&reader)?;
    let sources = match table.get("sources") {
        None => Vec::new(),
        Some(item) => item
            .as_array_of_tables()
            .ok_or_else(|| reader.error("sources", FileProblem::WrongType))?
            .iter()
            .map(|source| read_source(&reader, source))
            .collect::<Result<_, _>>()?,
    };
    if sources.is_empty() {
        return Err(reader.error("sources", FileProblem::Missing));
    }
    Ok(Preset {
        name_zh: reader.string("name_zh")?,
        name_en: reader.string("name_en")?,
        currency: reader.string("currency")?,
        terms,
        rates,
        needs: reader.fields("needs")?,
        unsourced: reader.fields("unsourced")?,
        unsourced_note: reader.optional_string("unsourced_note")?,
        caveats: reader.strings("caveats")?,
        sources,
        id,
    })
}

/// A term: a terms flag's name and its value (a string, a whole number or a list of strings).
fn term(reader: &Reader, key: &str, item: &Item) -> Result<PresetTerm, PresetFileError> {
    let field =
        TermField::from_key(key).ok_or_else(|| reader.error(key, FileProblem::UnknownKey))?;
    let value = match item.as_value() {
        Some(Value::String(s)) => PresetValue::Text(s.value().clone()),
        Some(Value::Integer(n)) => PresetValue::Whole(*n.value()),
        Some(Value::Array(array)) => PresetValue::List(
            string_list(array).ok_or_else(|| reader.error(key, FileProblem::WrongType))?,
        ),
        _ => return Err(reader.error(key, FileProblem::WrongType)),
    };
    if field == TermField::Periods || field == TermField::Principal {
        // The purchase's own figures, never a provider's.
        return Err(reader.error(key, FileProblem::UnknownKey));
    }
    Ok(PresetTerm { field, value })
}

/// `[preset.rates]`: each period count with its own terms.
fn read_rates(reader: &Reader) -> Result<BTreeMap<u32, Vec<PresetTerm>>, PresetFileError> {
    let rates = reader
        .table
        .get("rates")
        .ok_or_else(|| reader.error("rates", FileProblem::Missing))?
        .as_table_like()
        .ok_or_else(|| reader.error("rates", FileProblem::WrongType))?;
    let mut out = BTreeMap::new();
    for (count, item) in rates.iter() {
        let periods = parse_count(count, 1..=MAX_PERIODS)
            .map_err(|_| reader.error(&format!("rates.{count}"), FileProblem::BadValue))?;
        let terms = item
            .as_table_like()
            .ok_or_else(|| reader.error(&format!("rates.{count}"), FileProblem::WrongType))?
            .iter()
            .map(|(key, item)| term(reader, key, item))
            .collect::<Result<Vec<_>, _>>()?;
        if out.insert(periods, terms).is_some() {
            return Err(reader.error(&format!("rates.{count}"), FileProblem::Duplicate));
        }
    }
    if out.is_empty() {
        return Err(reader.error("rates", FileProblem::Missing));
    }
    Ok(out)
}

fn read_source(reader: &Reader, table: &Table) -> Result<Source, PresetFileError> {
    let inner = Reader {
        table,
        preset: reader.preset.clone(),
    };
    let url = inner.string("url")?;
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(inner.error("sources.url", FileProblem::BadValue));
    }
    let read_on = parse_date(&inner.string("read_on")?)
        .map_err(|_| inner.error("sources.read_on", FileProblem::BadValue))?;
    let kind = SourceKind::from_code(&inner.string("kind")?)
        .ok_or_else(|| inner.error("sources.kind", FileProblem::BadValue))?;
    let backs = inner.strings("backs")?;
    if let Some(bad) = backs
        .iter()
        .find(|b| !BACKS_WORDS.contains(&b.as_str()) && TermField::from_key(b).is_none())
    {
        return Err(inner.error(&format!("sources.backs.{bad}"), FileProblem::UnknownKey));
    }
    Ok(Source {
        url,
        read_on,
        kind,
        backs,
        note: inner.optional_string("note")?.unwrap_or_default(),
    })
}

impl Preset {
    /// The period counts the preset offers, smallest first.
    pub(crate) fn periods(&self) -> Vec<u32> {
        self.rates.keys().copied().collect()
    }

    /// Whether `query` (any case) is part of its id or either name; an empty query matches.
    pub(crate) fn matches(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        [&self.id, &self.name_zh, &self.name_en]
            .iter()
            .any(|name| name.to_lowercase().contains(&query))
    }

    /// The terms for `periods` (preset-wide, then that count's own), in order; every count's
    /// rate terms when `periods` is `None`.
    pub(crate) fn terms_for(&self, periods: Option<u32>) -> Vec<PresetTerm> {
        let mut out = self.terms.clone();
        if let Some(own) = periods.and_then(|n| self.rates.get(&n)) {
            for term in own {
                out.retain(|t| t.field != term.field);
                out.push(term.clone());
            }
        }
        out
    }

    /// The text of the preset's terms for the period count typed, with the `typed` fields over
    /// them. A typed fee model or due-date rule replaces the preset's; `first-due = "start"`
    /// becomes the start date (`today`, given as the start, when none is typed). Refused: a
    /// period count the preset has no rate for (unless a rate is typed), and a field the preset
    /// needs left untyped.
    pub(crate) fn fill(&self, typed: &TermsText, today: NaiveDate) -> Result<Filled, PresetError> {
        let periods = typed
            .get(TermField::Periods)
            .and_then(|text| parse_count(text, 1..=MAX_PERIODS).ok());
        let rate_typed = TermField::RATES.iter().any(|f| typed.get(*f).is_some());
        if let Some(n) = periods
            && !self.rates.contains_key(&n)
            && !rate_typed
        {
            return Err(PresetError::NoRateFor {
                periods: n,
                offered: self.periods(),
            });
        }
        let mut terms = self.terms_for(periods);
        terms.retain(|term| !replaced(term.field, typed));
        for need in &self.needs {
            if typed.get(*need).is_none() && !replaced(*need, typed) {
                return Err(PresetError::Needs(*need));
            }
        }
        let mut text = TermsText::default();
        let mut from_preset = Vec::new();
        for term in &terms {
            if typed.get(term.field).is_some() {
                continue;
            }
            let value = match &term.value {
                PresetValue::Text(t)
                    if term.field == TermField::FirstDue && t == FIRST_DUE_AT_START =>
                {
                    match typed.get(TermField::Start) {
                        Some(start) => start.to_string(),
                        None => {
                            text.set(TermField::Start, today.to_string());
                            today.to_string()
                        }
                    }
                }
                other => other.text(),
            };
            text.set(term.field, value);
            from_preset.push(term.field);
        }
        Ok(Filled {
            text: text.overlaid_by(typed),
            from_preset,
        })
    }
}

/// Whether a typed field replaces the preset's `field`: another fee model's rate (which also
/// drops the other kind's options: `--method`, or the discount and fee-free periods), or
/// another due-date rule.
fn replaced(field: TermField, typed: &TermsText) -> bool {
    let any_typed = |fields: &[TermField]| fields.iter().any(|f| typed.get(*f).is_some());
    if TermField::RATES.contains(&field) {
        return TermField::RATES
            .iter()
            .any(|rate| *rate != field && typed.get(*rate).is_some());
    }
    if field == TermField::Method {
        return any_typed(&FEE_RATES);
    }
    if FEE_OPTIONS.contains(&field) {
        return any_typed(&INTEREST_RATES);
    }
    match DUE_RULES.iter().find(|rule| rule.contains(&field)) {
        Some(own) => DUE_RULES.iter().any(|rule| rule != own && any_typed(rule)),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 10).unwrap()
    }

    const SMALL: &str = r#"
schema = 1

[[preset]]
id = "card"
name_zh = "某卡"
name_en = "Some card"
currency = "CNY"
fee-discount = "90%"
payoff-policy = "all-fees-due"
grace-days = 3

[preset.rates]
3 = { monthly-fee = "0.9%" }
12 = { monthly-fee = "0.6%", payoff-policy = "current-fee-due" }

[[preset.sources]]
url = "https://example.com/a"
read_on = "2026-12-06"
kind = "primary"
backs = ["rates", "grace-days"]
"#;

    fn typed(fields: &[(TermField, &str)]) -> TermsText {
        let mut text = TermsText::default();
        for (field, value) in fields {
            text.set(*field, *value);
        }
        text
    }

    #[test]
    fn reads_a_preset_with_rates_by_period_count() {
        let presets = load(SMALL).unwrap();
        let card = &presets[0];
        assert_eq!(card.id, "card");
        assert_eq!(card.periods(), vec![3, 12]);
        assert_eq!(card.sources[0].kind, SourceKind::Primary);
        assert_eq!(card.sources[0].read_on.to_string(), "2026-12-06");
        assert_eq!(
            card.terms[2],
            PresetTerm {
                field: TermField::GraceDays,
                value: PresetValue::Whole(3)
            }
        );
    }

    #[test]
    fn a_count_s_own_terms_replace_the_preset_wide_ones_and_typed_fields_win() {
        let card = &load(SMALL).unwrap()[0];
        let filled = card
            .fill(
                &typed(&[
                    (TermField::Principal, "6000"),
                    (TermField::Periods, "12"),
                    (TermField::GraceDays, "5"),
                ]),
                today(),
            )
            .unwrap();
        assert_eq!(filled.text.get(TermField::MonthlyFee), Some("0.6%"));
        assert_eq!(
            filled.text.get(TermField::PayoffPolicy),
            Some("current-fee-due")
        );
        assert_eq!(filled.text.get(TermField::GraceDays), Some("5"));
        assert!(!filled.from_preset.contains(&TermField::GraceDays));
        assert!(filled.from_preset.contains(&TermField::MonthlyFee));
        let terms = filled.text.parse(today()).unwrap();
        // 6000 × 0.6% = 36.00 a month, 90% of it 32.40: the fee of 12 periods is 388.80.
        let fees: Vec<String> = crate::domain::schedule::build(&terms)
            .unwrap()
            .iter()
            .map(|i| i.fee.to_string())
            .collect();
        assert_eq!(fees, vec!["32.40"; 12]);
    }

    #[test]
    fn a_count_without_a_rate_is_refused_unless_a_rate_is_typed() {
        let card = &load(SMALL).unwrap()[0];
        let six = typed(&[(TermField::Principal, "6000"), (TermField::Periods, "6")]);
        assert_eq!(
            card.fill(&six, today()),
            Err(PresetError::NoRateFor {
                periods: 6,
                offered: vec![3, 12]
            })
        );
        let mut own_rate = six.clone();
        own_rate.set(TermField::AnnualRate, "12%");
        let filled = card.fill(&own_rate, today()).unwrap();
        assert_eq!(filled.text.get(TermField::MonthlyFee), None);
        assert_eq!(
            filled.text.get(TermField::FeeDiscount),
            None,
            "a discount is for fee models"
        );
        assert!(filled.text.parse(today()).is_ok());
    }

    /// Every preset of the shipped file, on every period count it lists, gives terms the one
    /// parser accepts and a schedule that repays the principal in that many periods; its sources
    /// are complete and back only terms it sets; nothing it marks unsourced is set.
    #[test]
    fn every_shipped_preset_quotes_every_count_it_lists() {
        let all = all().expect("the embedded preset file loads");
        assert_eq!(all.len(), 15);
        for preset in all {
            for n in preset.periods() {
                let mut typed = typed(&[(TermField::Principal, "6000")]);
                typed.set(TermField::Periods, n.to_string());
                for need in &preset.needs {
                    typed.set(*need, "5");
                }
                let filled = preset.fill(&typed, today()).unwrap();
                let terms = filled
                    .text
                    .parse(today())
                    .unwrap_or_else(|e| panic!("{} × {n}: {e:?}", preset.id));
                let quote = crate::domain::summary::quote_plan(&terms)
                    .unwrap_or_else(|e| panic!("{} × {n}: {e:?}", preset.id));
                assert_eq!(quote.schedule.len(), n as usize, "{}", preset.id);
                let repaid = Money::try_sum(quote.schedule.iter().map(|i| i.principal)).unwrap();
                assert_eq!(repaid.to_string(), "6000.00", "{} × {n}", preset.id);
                assert!(quote.cost.apr_percent >= rust_decimal::Decimal::ZERO);
            }
            let set: Vec<&str> = preset
                .terms
                .iter()
                .chain(preset.rates.values().flatten())
                .map(|t| t.field.key())
                .collect();
            for field in &preset.unsourced {
                assert!(
                    !set.contains(&field.key()),
                    "{} sets unsourced {field:?}",
                    preset.id
                );
            }
            assert!(!preset.sources.is_empty(), "{}", preset.id);
            for source in &preset.sources {
                assert!(source.url.starts_with("http"), "{}", source.url);
                assert!(source.read_on <= today_of_file(), "{}", source.url);
                for backed in &source.backs {
                    assert!(
                        BACKS_WORDS.contains(&backed.as_str()) || set.contains(&backed.as_str()),
                        "{}: {} backs {backed}, which it does not set",
                        preset.id,
                        source.url
                    );
                }
            }
        }
    }

    /// The day the file's sources were read (its header says so).
    fn today_of_file() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
    }

    #[test]
    fn broken_files_name_the_place() {
        let bad = |text: &str| load(text).unwrap_err();
        assert_eq!(bad("schema = 2\n[[preset]]").key, "schema");
        let unknown = bad(&SMALL.replace("grace-days = 3", "grace = 3"));
        assert_eq!(
            (unknown.preset.as_str(), unknown.key.as_str()),
            ("card", "grace")
        );
        assert_eq!(unknown.problem, FileProblem::UnknownKey);
        let kind = bad(&SMALL.replace("\"primary\"", "\"tertiary\""));
        assert_eq!(kind.key, "sources.kind");
        let twice = bad(&format!(
            "{SMALL}\n{}",
            &SMALL[SMALL.find("[[preset]]").unwrap()..]
        ));
        assert_eq!(twice.problem, FileProblem::Duplicate);
        let money = bad(&SMALL.replace("grace-days = 3", "grace-days = 3.5"));
        assert_eq!(money.problem, FileProblem::WrongType);
        assert!(matches!(bad("[[").problem, FileProblem::Syntax(_)));
    }
}
