//! fenqi: keep installment plans repaid on time at the lowest true cost.

pub mod cli;
pub mod domain;
pub mod export;
pub mod files;
pub mod i18n;
pub mod panic_report;
pub mod store;
pub mod tui;

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

/// Parses the command line and runs the chosen command (or the TUI when there is none).
pub fn run_main() -> ExitCode {
    panic_report::install();
    let parsed = match cli::Cli::try_parse() {
        Ok(parsed) => parsed,
        Err(error) => return clap_error(error),
    };
    let ctx = match cli::Context::from_cli(&parsed) {
        Ok(ctx) => ctx,
        Err(error) => return cli::finish(Err(error), i18n::Lang::from_env()),
    };
    match &parsed.command {
        Some(command) => {
            end_quietly_on_closed_pipe();
            cli::run(command, &ctx)
        }
        None => tui::run(&ctx),
    }
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

/// Help and version print in full; usage errors print their message as one line, exit status 2.
fn clap_error(error: clap::Error) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            ExitCode::SUCCESS
        }
        _ => {
            let rendered = error.render().to_string();
            let message: Vec<&str> = rendered
                .lines()
                .take_while(|line| !line.trim().is_empty())
                .map(str::trim)
                .collect();
            let joined = message.join(" ");
            let line = joined.strip_prefix("error: ").unwrap_or(&joined);
            eprintln!("fenqi: error: {}", domain::privacy::mask_card_numbers(line));
            ExitCode::from(2)
        }
    }
}
