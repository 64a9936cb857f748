//! The `fenqi` binary: parse the command line, then run a command or open the TUI.

use std::process::ExitCode;

fn main() -> ExitCode {
    fenqi::run_main()
}
