//! `fenqi completions SHELL`: the shell's completion script (clap_complete), its descriptions
//! (zsh, fish, powershell, elvish) in the user's language.

use clap::Args;
use clap_complete::Shell;

use super::error::CliResult;
use crate::i18n::Lang;

/// Flags of `fenqi completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish
    #[arg(value_name = "SHELL", hide_possible_values = true)]
    pub shell: Shell,
}

/// Prints the completion script on stdout.
pub(crate) fn run(args: &CompletionsArgs, lang: Lang) -> CliResult {
    let mut command = super::help::command(lang);
    clap_complete::generate(args.shell, &mut command, "fenqi", &mut std::io::stdout());
    Ok(())
}
