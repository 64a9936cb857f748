//! `fenqi card add|edit|delete|list|replace|default`: cards stored as bank + last 4 digits +
//! label + kind (debit or credit).

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Context;
use super::common::*;
use super::error::{CliError, CliResult};
use super::table::{Align, Table, one_line};
use crate::i18n::count::{Noun, count};
use crate::i18n::store::{StoreText, card_kind};
use crate::i18n::{Lang, fill};
use crate::store::{CardDraft, CardKind, StoreError};

/// `fenqi card …` subcommands.
#[derive(Debug, Subcommand)]
pub enum CardCommand {
    /// Add a card (only its last 4 digits are kept)
    Add(CardAddArgs),
    /// Change a card's bank, last 4 digits, label or kind (to fix a typo)
    Edit(CardEditArgs),
    /// Delete a card nothing refers to (no plan, repayment or replaced card)
    Delete(CardDefaultArgs),
    /// List cards, archived ones last (--active leaves them out)
    List(CardListArgs),
    /// Move every plan paid by OLD to NEW and archive OLD
    Replace(CardReplaceArgs),
    /// Make a card the default for new plans
    Default(CardDefaultArgs),
}

/// Flags of `card add`.
#[derive(Debug, Args)]
pub struct CardAddArgs {
    /// The bank, e.g. 招商银行
    #[arg(long)]
    pub bank: String,
    /// The card's last 4 digits (a full number is cut to its last 4)
    #[arg(long, value_name = "DIGITS")]
    pub last4: String,
    /// A label, e.g. 工资卡
    #[arg(long)]
    pub label: Option<String>,
    /// debit (default) or credit
    #[arg(long, value_name = "debit|credit")]
    pub kind: Option<String>,
    /// Print {"id": N} only
    #[arg(long)]
    pub json: bool,
}

/// Flags of `card edit`.
#[derive(Debug, Args)]
pub struct CardEditArgs {
    /// The card's id
    pub card: String,
    /// New bank
    #[arg(long)]
    pub bank: Option<String>,
    /// New last 4 digits (a full card number is cut to its last 4)
    #[arg(long, value_name = "DIGITS")]
    pub last4: Option<String>,
    /// New label (empty to clear it)
    #[arg(long)]
    pub label: Option<String>,
    /// debit or credit
    #[arg(long, value_name = "debit|credit")]
    pub kind: Option<String>,
}

/// Flags of `card list`.
#[derive(Debug, Args)]
pub struct CardListArgs {
    /// No effect, kept for old scripts: archived cards are always listed
    #[arg(long)]
    pub all: bool,
    /// Only cards in use: leave out archived (replaced) ones
    #[arg(long)]
    pub active: bool,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `card replace`.
#[derive(Debug, Args)]
pub struct CardReplaceArgs {
    /// The lost or replaced card's id
    pub old: String,
    /// The new card's id (add it first with `card add`)
    pub new: String,
}

/// Arguments of `card default`.
#[derive(Debug, Args)]
pub struct CardDefaultArgs {
    /// The card's id
    pub card: String,
}

/// Runs a `card` subcommand.
pub(crate) fn run(command: &CardCommand, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    match command {
        CardCommand::Add(args) => {
            let bank = text_field(lang, "--bank", &args.bank, 100, true)?;
            let (last4, reduced) = parse_last4(lang, &args.last4)?;
            let label = text_field(
                lang,
                "--label",
                args.label.as_deref().unwrap_or(""),
                100,
                false,
            )?;
            if reduced {
                eprintln!("{}", fill(StoreText::Last4Kept.text(lang), &[&last4]));
            }
            let kind = parse_card_kind(lang, args.kind.as_deref())?.unwrap_or(CardKind::Debit);
            let mut store = open_store(ctx)?;
            let draft = CardDraft {
                bank,
                last4,
                label,
                kind,
            };
            let id = store.add_card(&draft).map_err(|e| store_err(lang, e))?;
            if args.json {
                print_json(&json!({ "id": id.0 }));
            } else {
                let card = store.card(id).map_err(|e| store_err(lang, e))?;
                println!(
                    "{}",
                    fill(
                        StoreText::CardAdded.text(lang),
                        &[&id, &card_text(lang, Some(&card))]
                    )
                );
            }
            Ok(())
        }
        CardCommand::Edit(args) => edit(args, ctx),
        CardCommand::Delete(args) => {
            let id = parse_card_id(lang, "CARD", &args.card)?;
            let mut store = open_store(ctx)?;
            store
                .delete_card(id)
                .map_err(|e| store_err_in(lang, e, "CARD"))?;
            println!("{}", fill(StoreText::CardDeleted.text(lang), &[&id]));
            Ok(())
        }
        CardCommand::List(args) => {
            let store = open_store_to_read(ctx)?;
            let cards = store
                .list_cards(!args.active)
                .map_err(|e| store_err(lang, e))?;
            if args.json {
                print_json(&Value::Array(cards.iter().map(card_json).collect()));
                return Ok(());
            }
            if cards.is_empty() {
                println!("{}", StoreText::NoCards.text(lang));
                return Ok(());
            }
            let mut table = Table::new(&[
                (StoreText::ColId.text(lang), Align::Right),
                (StoreText::ColBank.text(lang), Align::Left),
                (StoreText::ColLast4.text(lang), Align::Left),
                (StoreText::ColLabel.text(lang), Align::Left),
                (StoreText::ColKind.text(lang), Align::Left),
                (StoreText::ColDefault.text(lang), Align::Left),
                (StoreText::ColArchived.text(lang), Align::Left),
            ]);
            let mark = |b: bool| if b { "✓".to_string() } else { String::new() };
            for c in &cards {
                table.push(vec![
                    c.id.to_string(),
                    one_line(&c.bank),
                    c.last4.clone(),
                    one_line(&c.label),
                    card_kind(lang, c.kind).to_string(),
                    mark(c.is_default),
                    mark(c.archived),
                ]);
            }
            print!("{}", table.render());
            Ok(())
        }
        CardCommand::Replace(args) => {
            let old = parse_card_id(lang, "OLD", &args.old)?;
            let new = parse_card_id(lang, "NEW", &args.new)?;
            let mut store = open_store(ctx)?;
            let replaced = store.replace_card(old, new).map_err(|e| {
                let field = match &e {
                    StoreError::CardNotFound(id) | StoreError::CardArchived(id) if *id == old => {
                        "OLD"
                    }
                    _ => "NEW",
                };
                store_err_in(lang, e, field)
            })?;
            println!(
                "{}",
                fill(
                    StoreText::CardReplaced.text(lang),
                    &[&count(lang, replaced.moved as u64, Noun::Plan), &old, &new]
                )
            );
            // The providers that debit those plans must be told the new card.
            if !replaced.providers.is_empty() {
                let providers: Vec<String> =
                    replaced.providers.iter().map(|p| one_line(p)).collect();
                println!(
                    "{}",
                    fill(
                        StoreText::SetUpDebitAgain.text(lang),
                        &[&new, &providers.join(StoreText::ListSeparator.text(lang))]
                    )
                );
            }
            Ok(())
        }
        CardCommand::Default(args) => {
            let id = parse_card_id(lang, "CARD", &args.card)?;
            let mut store = open_store(ctx)?;
            store
                .set_default_card(id)
                .map_err(|e| store_err_in(lang, e, "CARD"))?;
            println!("{}", fill(StoreText::CardDefaultSet.text(lang), &[&id]));
            Ok(())
        }
    }
}

/// `--kind`: debit or credit (`None` when not given).
fn parse_card_kind(lang: Lang, text: Option<&str>) -> CliResult<Option<CardKind>> {
    text.map(|text| {
        CardKind::from_code(text.trim())
            .ok_or_else(|| CliError::input("--kind", StoreText::CardKindValues.text(lang)))
    })
    .transpose()
}

/// `card edit`: the flags given over the stored card.
fn edit(args: &CardEditArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let id = parse_card_id(lang, "CARD", &args.card)?;
    if [&args.bank, &args.last4, &args.label, &args.kind]
        .iter()
        .all(|flag| flag.is_none())
    {
        return Err(CliError::input(
            "card edit",
            StoreText::EditNeedsAFlag.text(lang),
        ));
    }
    let bank = args
        .bank
        .as_deref()
        .map(|b| text_field(lang, "--bank", b, 100, true))
        .transpose()?;
    let last4 = match args.last4.as_deref() {
        Some(text) => {
            let (last4, reduced) = parse_last4(lang, text)?;
            if reduced {
                eprintln!("{}", fill(StoreText::Last4Kept.text(lang), &[&last4]));
            }
            Some(last4)
        }
        None => None,
    };
    let label = args
        .label
        .as_deref()
        .map(|l| text_field(lang, "--label", l, 100, false))
        .transpose()?;
    let kind = parse_card_kind(lang, args.kind.as_deref())?;
    let mut store = open_store(ctx)?;
    let card = store.card(id).map_err(|e| store_err_in(lang, e, "CARD"))?;
    let draft = CardDraft {
        bank: bank.unwrap_or(card.bank),
        last4: last4.unwrap_or(card.last4),
        label: label.unwrap_or(card.label),
        kind: kind.unwrap_or(card.kind),
    };
    store
        .update_card(id, &draft)
        .map_err(|e| store_err_in(lang, e, "CARD"))?;
    let card = store.card(id).map_err(|e| store_err(lang, e))?;
    println!(
        "{}",
        fill(
            StoreText::CardEdited.text(lang),
            &[&id, &card_text(lang, Some(&card))]
        )
    );
    Ok(())
}
