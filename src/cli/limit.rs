//! `fenqi limit set|list`: credit limits (额度) per provider, used and available.

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Context;
use super::common::*;
use super::error::CliResult;
use super::table::{Align, Table, one_line};
use super::terms_args::parse_money_flag;
use crate::domain::Money;
use crate::i18n::fill;
use crate::i18n::store::StoreText;

/// `fenqi limit …` subcommands.
#[derive(Debug, Subcommand)]
pub enum LimitCommand {
    /// Set a provider's credit limit
    Set(LimitSetArgs),
    /// Limit, used (unpaid principal) and available per provider
    List(LimitListArgs),
}

/// Flags of `limit set`.
#[derive(Debug, Args)]
pub struct LimitSetArgs {
    /// The provider, spelled as on its plans
    #[arg(long)]
    pub provider: String,
    /// The credit limit (0 allowed)
    #[arg(long, value_name = "AMOUNT")]
    pub amount: String,
}

/// Flags of `limit list`.
#[derive(Debug, Args)]
pub struct LimitListArgs {
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Runs a `limit` subcommand.
pub(crate) fn run(command: &LimitCommand, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    match command {
        LimitCommand::Set(args) => {
            let provider = text_field(lang, "--provider", &args.provider, 100, true)?;
            let amount = match Money::parse(&args.amount) {
                Ok(amount) => amount,
                Err(_) => parse_money_flag(lang, "--amount", &args.amount)?,
            };
            let mut store = open_store(ctx)?;
            store
                .set_limit(&provider, amount)
                .map_err(|e| store_err(lang, e))?;
            println!(
                "{}",
                fill(
                    StoreText::LimitSet.text(lang),
                    &[&one_line(&provider), &amount.grouped()]
                )
            );
            Ok(())
        }
        LimitCommand::List(args) => {
            let store = open_store_to_read(ctx)?;
            let rows = store
                .list_limits(ctx.today)
                .map_err(|e| store_err(lang, e))?;
            if args.json {
                let items = rows
                    .iter()
                    .map(|r| {
                        json!({
                            "provider": r.provider,
                            "limit": r.limit,
                            "used": r.used,
                            "available": r.available,
                        })
                    })
                    .collect();
                print_json(&Value::Array(items));
                return Ok(());
            }
            if rows.is_empty() {
                println!("{}", StoreText::NoLimits.text(lang));
                return Ok(());
            }
            let mut table = Table::new(&[
                (StoreText::ColProvider.text(lang), Align::Left),
                (StoreText::ColLimit.text(lang), Align::Right),
                (StoreText::ColUsed.text(lang), Align::Right),
                (StoreText::ColAvailable.text(lang), Align::Right),
            ]);
            for r in &rows {
                table.push(vec![
                    one_line(&r.provider),
                    r.limit.grouped(),
                    r.used.grouped(),
                    r.available.grouped(),
                ]);
            }
            print!("{}", table.render());
            Ok(())
        }
    }
}
