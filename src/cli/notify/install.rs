//! `fenqi notify install`: the systemd user timer written (private, atomically, never over a
//! different file without `--force`), or without systemd the crontab line printed.

use std::path::{Path, PathBuf};

use clap::Args;

use super::units::{Job, TimeOfDay, cron_line, service_unit, timer_unit};
use crate::cli::Context;
use crate::cli::due::window_days;
use crate::cli::error::{CliError, CliResult};
use crate::cli::output::file_error_in;
use crate::config::Source;
use crate::files::{self, WriteFileError, WriteOptions};
use crate::i18n::interop::InteropText;
use crate::i18n::notify::NotifyText;
use crate::i18n::store::io_reason;
use crate::i18n::{Lang, fill};

/// The units' file names.
const SERVICE_FILE: &str = "fenqi-notify.service";
const TIMER_FILE: &str = "fenqi-notify.timer";

/// What turns the timer on.
const ENABLE: &str =
    "systemctl --user daemon-reload && systemctl --user enable --now fenqi-notify.timer";

/// The time of day the reminder runs at when `--at` is not given.
const DEFAULT_AT: TimeOfDay = TimeOfDay { hour: 9, minute: 0 };

/// Flags of `fenqi notify install`.
#[derive(Debug, Args)]
pub struct InstallArgs {
    /// Time of day to remind, HH:MM (default 09:00)
    #[arg(long, value_name = "HH:MM")]
    pub at: Option<String>,
    /// How many days ahead the daily reminder looks (default: as fenqi notify, the alarm_days setting when it runs)
    #[arg(long, value_name = "N")]
    pub days: Option<String>,
    /// Replace unit files that say something else
    #[arg(long)]
    pub force: bool,
}

/// Runs `fenqi notify install`.
pub(crate) fn run(args: &InstallArgs, ctx: &Context) -> CliResult {
    let lang = ctx.lang;
    let at = match &args.at {
        Some(text) => TimeOfDay::parse(text)
            .ok_or_else(|| CliError::input("--at", NotifyText::BadAt.text(lang)))?,
        None => DEFAULT_AT,
    };
    let days = match &args.days {
        Some(text) => Some(window_days(lang, Some(text), 0)?),
        None => None,
    };
    let job = job(ctx, days)?;
    if !on_path("systemctl") {
        println!("{}", fill(NotifyText::EnableCron.text(lang), &[&at]));
        println!("{}", cron_line(at, &cron_env(), &job));
        return Ok(());
    }
    let dir = systemd_user_dir()
        .ok_or_else(|| CliError::input("notify install", NotifyText::NoConfigDir.text(lang)))?;
    let units = [
        (
            dir.join(SERVICE_FILE),
            service_unit(NotifyText::ServiceDescription.text(lang), &job),
        ),
        (
            dir.join(TIMER_FILE),
            timer_unit(&fill(NotifyText::TimerDescription.text(lang), &[&at]), at),
        ),
    ];
    files::create_private_dir(&dir).map_err(|e| {
        let message = fill(
            InteropText::FileWrite.text(lang),
            &[&files::shown(&dir), &io_reason(lang, &e)],
        );
        CliError::Other(anyhow::anyhow!(message))
    })?;
    let options = WriteOptions {
        force: args.force,
        protected: Some(&ctx.db_path),
    };
    // Both checked before either is written: a refusal leaves both as they were.
    let mut to_write = Vec::new();
    for (path, text) in &units {
        if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
            println!(
                "{}",
                fill(NotifyText::Unchanged.text(lang), &[&files::shown(path)])
            );
            continue;
        }
        files::check_target(path, options).map_err(|e| unit_error(lang, e))?;
        to_write.push((path, text));
    }
    for (path, text) in to_write {
        files::write_private_file(path, text.as_bytes(), options)
            .map_err(|e| unit_error(lang, e))?;
        println!(
            "{}",
            fill(InteropText::Wrote.text(lang), &[&files::shown(path)])
        );
    }
    println!("{}", fill(NotifyText::EnableSystemd.text(lang), &[&at]));
    println!("  {ENABLE}");
    Ok(())
}

/// A unit file that may not be written (see [`file_error_in`]).
fn unit_error(lang: Lang, error: WriteFileError) -> CliError {
    file_error_in(lang, "notify install", error)
}

/// `fenqi --db DB [--lang L] notify [--days N]`, this very program by its absolute path. The
/// language is written down unless the config file chose it (the job reads the file when it
/// runs, as it reads `alarm_days` when no `--days` was given here).
fn job(ctx: &Context, days: Option<u32>) -> CliResult<Job> {
    let program = std::env::current_exe().map_err(|e| {
        let message = fill(
            NotifyText::NoProgram.text(ctx.lang),
            &[&io_reason(ctx.lang, &e)],
        );
        CliError::Other(anyhow::anyhow!(message))
    })?;
    let db = std::path::absolute(&ctx.db_path).unwrap_or_else(|_| ctx.db_path.clone());
    let mut args = vec!["--db".to_string(), db.to_string_lossy().into_owned()];
    if ctx.settings.lang.source != Source::File {
        args.extend(["--lang".to_string(), ctx.lang.code().to_string()]);
    }
    args.push("notify".to_string());
    if let Some(days) = days {
        args.extend(["--days".to_string(), days.to_string()]);
    }
    Ok(Job {
        program: program.to_string_lossy().into_owned(),
        args,
    })
}

/// `$XDG_CONFIG_HOME/systemd/user` (`~/.config/systemd/user`).
fn systemd_user_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.config_dir().join("systemd").join("user"))
}

/// True when an executable `program` is in a directory of `PATH` (a few lines rather than a
/// crate: only presence matters, nothing is run).
pub(crate) fn on_path(program: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            std::fs::metadata(dir.join(program))
                .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
        })
    })
}

/// What a desktop notification needs from cron, which starts jobs with almost no environment:
/// the session bus (at the user's runtime directory) and the display, as found now.
fn cron_env() -> Vec<(&'static str, String)> {
    let runtime = std::env::var("XDG_RUNTIME_DIR")
        .ok()
        .filter(|dir| Path::new(dir).is_absolute())
        .unwrap_or_else(|| {
            // SAFETY: getuid has no preconditions and cannot fail.
            format!("/run/user/{}", unsafe { libc::getuid() })
        });
    let mut env = vec![
        (
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={runtime}/bus"),
        ),
        ("XDG_RUNTIME_DIR", runtime),
    ];
    for name in ["DISPLAY", "WAYLAND_DISPLAY"] {
        if let Some(value) = std::env::var(name).ok().filter(|v| !v.is_empty()) {
            env.push((name, value));
        }
    }
    env
}
