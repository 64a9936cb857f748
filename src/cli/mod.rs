//! The command line: global options, subcommands, and dispatch with exit statuses.

pub(crate) mod advise;
pub(crate) mod backup;
pub(crate) mod bug_report;
pub(crate) mod card;
pub(crate) mod check;
pub mod common;
pub(crate) mod compare;
pub(crate) mod completions;
pub(crate) mod config;
pub(crate) mod confirm;
pub(crate) mod demo;
pub(crate) mod due;
pub(crate) mod error;
pub(crate) mod export;
pub(crate) mod help;
pub(crate) mod history;
pub(crate) mod hyphen_values;
pub(crate) mod import;
pub(crate) mod limit;
pub(crate) mod man;
pub(crate) mod notify;
pub(crate) mod output;
pub(crate) mod pay;
pub(crate) mod payoff;
pub(crate) mod plan;
pub(crate) mod preset;
pub(crate) mod quote;
pub(crate) mod reconcile;
pub(crate) mod summary;
pub(crate) mod table;
pub(crate) mod terms_args;
pub(crate) mod terms_json;
pub(crate) mod undo;
pub(crate) mod usage;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::parser::ValueSource;
use clap::{Args, FromArgMatches, Parser, Subcommand};

use crate::config::settings::CommandLine;
use crate::config::{ConfigError, ConfigFile, Given, Key, Settings, Source};
use crate::domain::dates::parse_date;
use crate::domain::privacy::mask_card_numbers;
use crate::i18n::cli::CliText;
use crate::i18n::{Lang, fill};
use error::{CliError, CliResult};

/// The environment variable that sets `--lang`.
const LANG_ENV: &str = "FENQI_LANG";

/// fenqi — keep installment plans (分期) repaid on time at the lowest true cost.
#[derive(Debug, Parser)]
#[command(name = "fenqi", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub options: Options,
    /// The subcommand as typed (`plan add`), for the debug log; set by [`parse`].
    #[arg(skip)]
    pub command_path: String,
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Which of `--lang` and `--db` their environment variables gave (set by [`parse`]).
    #[arg(skip)]
    pub from_env: FromEnv,
}

// The options of fenqi itself: all but `--bug-report` also follow any subcommand. (Not a doc
// comment: clap would take it for the command's about text.)
#[derive(Debug, Args)]
pub struct Options {
    /// Database file (default: fenqi.db in the user's data directory)
    #[arg(long, global = true, env = "FENQI_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The date fenqi treats as today (YYYY-MM-DD)
    #[arg(long, global = true, env = "FENQI_TODAY", value_name = "DATE")]
    pub today: Option<String>,
    /// Language: zh or en (default: the config file's lang, else LANG)
    #[arg(long, global = true, env = LANG_ENV, value_name = "zh|en")]
    pub lang: Option<String>,
    /// Write a debug log to fenqi.log beside the database (also FENQI_LOG=level); it holds no amounts or card numbers
    #[arg(long, global = true)]
    pub debug: bool,
    /// Print versions, paths and terminal facts for a bug report (no plan data)
    #[arg(long)]
    pub bug_report: bool,
}

/// Whether `FENQI_LANG` and `FENQI_DB` gave `--lang` and `--db` rather than the flags.
#[derive(Debug, Clone, Copy, Default)]
pub struct FromEnv {
    pub lang: bool,
    pub db: bool,
}

/// The subcommands; none opens the TUI.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Installment calculator: schedule, total fee, APR; touches no database
    Quote(quote::QuoteArgs),
    /// Installment plans: add, list, show, edit, delete
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// Record a repayment (or, with --failed, a failed auto-debit)
    Pay(pay::PayArgs),
    /// Quote an early payoff; --yes records it
    Payoff(payoff::PayoffArgs),
    /// Confirm automatic postings (the bank shows the debits went through)
    Confirm(confirm::ConfirmArgs),
    /// Match a statement (支付宝, 微信支付, 京东, a bank card's CSV) against the installments due; --yes applies it
    Reconcile(reconcile::ReconcileArgs),
    /// What is overdue and due soon, and what each card must hold
    Due(due::DueArgs),
    /// Repayment history
    History(history::HistoryArgs),
    /// Bank cards: add, list, replace a lost card, set the default
    #[command(subcommand)]
    Card(card::CardCommand),
    /// Credit limits per provider
    #[command(subcommand)]
    Limit(limit::LimitCommand),
    /// Revert the last change
    Undo(undo::UndoArgs),
    /// Fill the database with realistic sample plans
    Demo(demo::DemoArgs),
    /// Export everything as csv, json, ics (calendar), ledger or beancount
    Export(export::ExportArgs),
    /// Restore a JSON export (all or nothing; importing twice adds nothing)
    Import(import::ImportArgs),
    /// Copy the database to a private backup file
    Backup(backup::BackupArgs),
    /// Check the database: integrity, foreign keys, fenqi's own totals
    Check(check::CheckArgs),
    /// Provider presets: list them, show one's terms, rates and sources
    #[command(subcommand)]
    Preset(preset::PresetCommand),
    /// Compare offers for one purchase: per-period amount, total fee, APR, ranked cheapest first
    Compare(compare::CompareArgs),
    /// How to spend a sum on early repayment to save the most
    Advise(advise::AdviseArgs),
    /// What is owed, due and overdue, each provider's limit, the dearest plan and the weighted APR
    Summary(summary::SummaryArgs),
    /// Desktop notification of what is overdue, to confirm or due soon; a daily timer for it
    Notify(notify::NotifyArgs),
    /// The config file: its path, and every setting in effect with where it came from
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
    /// Write man pages for fenqi and each subcommand
    Man(man::ManArgs),
}

pub use crate::context::Context;

impl Context {
    /// Resolves the settings: `--lang`/`FENQI_LANG`, `--db`/`FENQI_DB`, the other `FENQI_…`
    /// variables, the config file (`config`, as read), the defaults; and `--today` /
    /// `FENQI_TODAY`. A bad config file or value is one line naming it.
    pub fn from_cli(cli: &Cli, config: Result<ConfigFile, ConfigError>) -> CliResult<Context> {
        let file_lang = config.as_ref().ok().and_then(|file| file.settings.lang);
        let lang = chosen_lang(cli.options.lang.as_deref(), file_lang)
            .map_err(|lang| CliError::input("--lang", CliText::BadLang.text(lang)))?;
        let config = config.map_err(|error| config::config_err(lang, &error))?;
        let source = |from_env: bool, key: Key| {
            if from_env {
                Source::Env(key.env_var())
            } else {
                Source::Flag
            }
        };
        let command_line = CommandLine {
            lang: (cli
                .options
                .lang
                .as_deref()
                .is_some_and(|code| !code.trim().is_empty()))
            .then(|| Given::new(lang, source(cli.from_env.lang, Key::Lang))),
            db: cli
                .options
                .db
                .clone()
                .map(|db| Given::new(db, source(cli.from_env.db, Key::Db))),
        };
        let settings =
            Settings::resolve(command_line, config).map_err(|e| config::config_err(lang, &e))?;
        let today = match &cli.options.today {
            None => chrono::Local::now().date_naive(),
            Some(text) => parse_date(text)
                .map_err(|e| CliError::input("--today", crate::i18n::errors::date(lang, &e)))?,
        };
        Ok(Context {
            lang: settings.lang.value,
            today,
            db_path: settings.db.value.clone(),
            settings,
        })
    }
}

/// The language `--lang` (or `FENQI_LANG`) asks for, else the config file's, else the
/// environment's (`LANG`…); empty counts as not asked, as with `LANG`. A code that is neither
/// zh nor en is `Err` with the language to say so in.
fn chosen_lang(requested: Option<&str>, from_file: Option<Lang>) -> Result<Lang, Lang> {
    let fallback = from_file.unwrap_or_else(Lang::from_env);
    match requested.filter(|code| !code.trim().is_empty()) {
        None => Ok(fallback),
        Some(code) => Lang::parse(code).ok_or(fallback),
    }
}

/// The language of the command line `args` (program name first), read before clap parses it so
/// that help and usage errors can speak it: `--lang` as clap takes it (`--lang zh`, `--lang=zh`,
/// anywhere before `--`), else `FENQI_LANG`, else the config file's (`config`, if it reads),
/// else the environment. A bad code gives the fallback language; parsing then refuses it.
pub(crate) fn requested_lang(args: &[OsString], config: Option<&ConfigFile>) -> Lang {
    let mut words = args
        .iter()
        .skip(1)
        .map(|word| word.to_string_lossy())
        .take_while(|word| word != "--");
    let mut flag = None;
    while let Some(word) = words.next() {
        if word == "--lang" {
            flag = words.next().map(|value| value.into_owned());
            break;
        }
        if let Some(value) = word.strip_prefix("--lang=") {
            flag = Some(value.to_string());
            break;
        }
    }
    let requested = flag.or_else(|| std::env::var(LANG_ENV).ok());
    let from_file = config.and_then(|file| file.settings.lang);
    chosen_lang(requested.as_deref(), from_file).unwrap_or_else(|fallback| fallback)
}

/// Parses the command line `args` (program name first) with help and usage errors in `lang`;
/// help, the version and usage errors are printed here and come back as the exit status.
pub(crate) fn parse(args: Vec<OsString>, lang: Lang) -> Result<Cli, ExitCode> {
    if empty_db_env(&args) {
        let default = crate::files::shown(&default_db_path());
        let message = fill(CliText::EmptyDbEnv.text(lang), &[&default]);
        eprintln!("{}", error_line(lang, &message));
        return Err(ExitCode::from(2));
    }
    let args = hyphen_values::attach_hyphen_values(args, || help::command(lang));
    // Words that name no subcommand (what opens the TUI) are parsed by fenqi's own options
    // alone: building the whole command tree would take longer than the rest of parsing.
    // Anything else, help and mistakes included, is parsed by the whole command, in `lang`.
    let matches = Options::augment_args(clap::Command::new("fenqi"))
        .try_get_matches_from(args.clone())
        .or_else(|_| help::command(lang).try_get_matches_from(args))
        .map_err(|error| usage::report(error, lang))?;
    let mut cli = Cli::from_arg_matches(&matches).map_err(|error| usage::report(error, lang))?;
    let from_env = |id: &str| matches.value_source(id) == Some(ValueSource::EnvVariable);
    cli.from_env = FromEnv {
        lang: from_env("lang"),
        db: from_env("db"),
    };
    cli.command_path = command_path(&matches);
    Ok(cli)
}

use crate::context::default_db_path;

/// The subcommands named on the command line, `plan add` (empty for the TUI): no values.
fn command_path(matches: &clap::ArgMatches) -> String {
    let mut names = Vec::new();
    let mut current = matches;
    while let Some((name, sub)) = current.subcommand() {
        names.push(name);
        current = sub;
    }
    names.join(" ")
}

/// True when `FENQI_DB` is set to nothing and no `--db` replaces it (clap would only say "a
/// value is required for '--db'", which names neither the variable nor what to do).
fn empty_db_env(args: &[OsString]) -> bool {
    let flag_given = args.iter().skip(1).any(|word| {
        let word = word.to_string_lossy();
        word == "--db" || word.starts_with("--db=")
    });
    std::env::var_os("FENQI_DB").is_some_and(|value| value.is_empty()) && !flag_given
}

/// Runs one subcommand and prints any error as one line.
pub fn run(command: &Command, ctx: &Context) -> ExitCode {
    let result = match command {
        Command::Quote(args) => quote::run(args, ctx.lang, ctx.today),
        Command::Plan(command) => plan::run(command, ctx),
        Command::Pay(args) => pay::run(args, ctx),
        Command::Payoff(args) => payoff::run(args, ctx),
        Command::Confirm(args) => confirm::run(args, ctx),
        Command::Reconcile(args) => reconcile::run(args, ctx),
        Command::Due(args) => due::run(args, ctx),
        Command::History(args) => history::run(args, ctx),
        Command::Card(command) => card::run(command, ctx),
        Command::Limit(command) => limit::run(command, ctx),
        Command::Undo(args) => undo::run(args, ctx),
        Command::Demo(args) => demo::run(args, ctx),
        Command::Export(args) => export::run(args, ctx),
        Command::Import(args) => import::run(args, ctx),
        Command::Backup(args) => backup::run(args, ctx),
        Command::Check(args) => check::run(args, ctx),
        Command::Preset(command) => preset::run(command, ctx.lang),
        Command::Compare(args) => compare::run(args, ctx.lang, ctx.today),
        Command::Advise(args) => advise::run(args, ctx),
        Command::Summary(args) => summary::run(args, ctx),
        Command::Notify(args) => notify::run(args, ctx),
        Command::Config(command) => config::run(command, ctx),
        Command::Completions(args) => completions::run(args, ctx.lang),
        Command::Man(args) => man::run(args, ctx.lang),
    };
    finish(result, ctx.lang)
}

/// Prints an error (if any) as one line on stderr and turns it into the exit status.
pub(crate) fn finish(result: CliResult, lang: Lang) -> ExitCode {
    match result {
        Ok(()) => {
            tracing::info!(status = 0, "command succeeded");
            ExitCode::SUCCESS
        }
        Err(CliError::CheckFailed) => {
            tracing::info!(status = 1, "the check found something");
            ExitCode::from(1)
        }
        Err(error) => {
            let status = error.exit_code();
            let message = crate::debug_log::scrubbed(&error.to_string());
            tracing::warn!(status, error = message, "command failed");
            eprintln!("{}", error_line(lang, &error));
            ExitCode::from(status)
        }
    }
}

/// "fenqi: error: MESSAGE" in `lang`, on one line, with any card number masked.
pub(crate) fn error_line(lang: Lang, message: &dyn std::fmt::Display) -> String {
    let line = fill(
        "fenqi: {0}: {1}",
        &[&CliText::ErrorPrefix.text(lang), message],
    );
    mask_card_numbers(&one_line(&line)).into_owned()
}

/// `text` on one line: control characters and bidi overrides neutralised, and each run of
/// whitespace (SQLite quotes multi-line CHECK constraints in its messages) cut to one space.
fn one_line(text: &str) -> String {
    crate::text::one_line(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
