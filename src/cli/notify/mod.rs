//! `fenqi notify`: a desktop notification of what `due --check` finds (and unconfirmed
//! auto-debits), printed instead where no desktop takes it; `notify install`, `notify test`.

pub(crate) mod desktop;
pub(crate) mod install;
pub(crate) mod message;
pub(crate) mod units;

use clap::{Args, Subcommand};

use super::Context;
use super::due::{check_finds, read_report, window_days};
use super::error::{CliError, CliResult};
use crate::debug_log::scrubbed;
use crate::i18n::notify::NotifyText;
use crate::i18n::store::io_reason;
use crate::i18n::{Lang, fill};
use desktop::{NotSent, Note};

/// Flags and actions of `fenqi notify`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct NotifyArgs {
    /// How many days ahead to look (0–3650; default: the alarm_days setting, 3)
    #[arg(long, value_name = "N")]
    pub days: Option<String>,
    #[command(subcommand)]
    pub action: Option<NotifyAction>,
}

/// `notify install` and `notify test`.
#[derive(Debug, Subcommand)]
pub enum NotifyAction {
    /// Write a systemd user timer that runs fenqi notify every day (without systemd: print a crontab line)
    Install(install::InstallArgs),
    /// Send a test notification, or say why none can be shown
    Test,
}

/// Runs `fenqi notify`. Without an action: exit 0 when nothing is overdue or due within the
/// window, 1 when something is (the notification shown, or the reminder printed), 2 for every
/// error — `due --check`'s statuses.
pub(crate) fn run(args: &NotifyArgs, ctx: &Context) -> CliResult {
    match &args.action {
        None => remind(args, ctx).map_err(CliError::under_check),
        Some(NotifyAction::Install(install_args)) => install::run(install_args, ctx),
        Some(NotifyAction::Test) => test(ctx.lang),
    }
}

/// Shows the reminder, if there is one, on the desktop, else prints it (and why on stderr).
fn remind(args: &NotifyArgs, ctx: &Context) -> CliResult {
    let days = window_days(
        ctx.lang,
        args.days.as_deref(),
        ctx.settings.alarm_days.value,
    )?;
    let report = read_report(ctx, days)?;
    if let Some(reminder) = message::reminder(ctx.lang, &report) {
        let body = reminder.lines.join("\n");
        let note = Note {
            summary: &reminder.summary,
            body: &body,
            urgent: reminder.urgent,
        };
        match desktop::show(note) {
            Ok(id) => tracing::info!(id, "desktop notification shown"),
            Err(why) => {
                tracing::info!(detail = scrubbed(&why.detail()), "no desktop notification");
                let reason = not_sent(ctx.lang, &why);
                eprintln!(
                    "{}",
                    fill(NotifyText::PrintedInstead.text(ctx.lang), &[&reason])
                );
                print!("{}", reminder.text());
            }
        }
    }
    if check_finds(&report) {
        return Err(CliError::CheckFailed);
    }
    Ok(())
}

/// `notify test`: a test notification, or why none can be shown (exit 1).
fn test(lang: Lang) -> CliResult {
    let note = Note {
        summary: NotifyText::TestSummary.text(lang),
        body: NotifyText::TestBody.text(lang),
        urgent: false,
    };
    match desktop::show(note) {
        Ok(_) => {
            println!("{}", NotifyText::TestSent.text(lang));
            Ok(())
        }
        Err(why) => {
            tracing::info!(detail = scrubbed(&why.detail()), "no desktop notification");
            Err(CliError::Other(anyhow::anyhow!(not_sent(lang, &why))))
        }
    }
}

/// Why no notification was shown, in `lang`.
fn not_sent(lang: Lang, why: &NotSent) -> String {
    match why {
        NotSent::NoAddress(_) => NotifyText::NoBusAddress.text(lang).to_string(),
        NotSent::NoBus(address, _) => fill(NotifyText::NoBus.text(lang), &[address]),
        NotSent::NoServer(_) => NotifyText::NoServer.text(lang).to_string(),
        NotSent::Refused(Some(name), _) => fill(NotifyText::Refused.text(lang), &[name]),
        NotSent::Refused(None, zbus::Error::InputOutput(e)) => {
            fill(NotifyText::Refused.text(lang), &[&io_reason(lang, e)])
        }
        NotSent::Refused(None, e) => fill(NotifyText::Refused.text(lang), &[e]),
        NotSent::TimedOut => NotifyText::TimedOut.text(lang).to_string(),
    }
}
