//! fenqi: keep installment plans repaid on time at the lowest true cost.

pub mod cli;
pub mod config;
pub(crate) mod context;
pub(crate) mod debug_log;
pub mod demo;
pub mod domain;
pub(crate) mod export;
pub(crate) mod files;
pub mod i18n;
pub(crate) mod panic_report;
pub mod statement;
pub mod store;
pub(crate) mod text;
pub mod tui;
pub(crate) mod view;

use std::process::ExitCode;

/// Parses the command line and runs the chosen command (or the TUI when there is none).
pub fn run_main() -> ExitCode {
    panic_report::install();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let config = config::file::load();
    let lang = cli::requested_lang(&args, config.as_ref().ok());
    let parsed = match cli::parse(args, lang) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let ctx = match cli::Context::from_cli(&parsed, config) {
        Ok(ctx) => ctx,
        Err(error) => return cli::finish(Err(error), lang),
    };
    if parsed.options.bug_report {
        cli::bug_report::run(&ctx, parsed.options.debug);
        return ExitCode::SUCCESS;
    }
    match debug_log::requested_level(parsed.options.debug) {
        Ok(Some(level)) => debug_log::start(&ctx.db_path, level, ctx.lang),
        Ok(None) => {}
        Err(_) => {
            let error = cli::error::CliError::input(debug_log::LOG_ENV, debug_log::bad_level(lang));
            return cli::finish(Err(error), ctx.lang);
        }
    }
    let started = std::time::Instant::now();
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        pid = std::process::id(),
        command = if parsed.command_path.is_empty() {
            "(tui)"
        } else {
            parsed.command_path.as_str()
        },
        lang = ctx.lang.code(),
        db = debug_log::shown_path(&ctx.db_path),
        "start"
    );
    let status = match &parsed.command {
        Some(command) => {
            end_quietly_on_closed_pipe();
            cli::run(command, &ctx)
        }
        None => tui::run(&ctx),
    };
    tracing::info!(
        elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        "end"
    );
    status
}

/// Lets a command whose reader stopped early (`fenqi plan list --json | head`) end quietly, as
/// Unix tools do, instead of failing on every later write. Writes to the database are
/// transactions, so being stopped mid-output loses nothing.
fn end_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restores the default disposition of SIGPIPE at start-up, before any other
    // thread exists; no handler code runs.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
