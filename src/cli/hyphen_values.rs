//! Negative values for flags (`--monthly-fee -0.6%`) reach fenqi's own validation instead of clap.

use std::collections::HashSet;
use std::ffi::OsString;

use clap::Command;

/// The command line `args` (program name first) with every `--flag VALUE` whose value starts with
/// `-` (`-0.6%`, `-inf`, `-1`) joined into `--flag=VALUE`, so that clap hands the value to
/// fenqi's own validation (which names the flag and says what is accepted) instead of reading it
/// as an unknown flag. Only long flags of `command` that take a value are joined, a value that
/// is itself a flag (`--x`, `-h`) is left alone, and nothing after `--` is touched.
///
/// `command` is asked for only when a word after a long flag looks like a negative value.
pub(crate) fn attach_hyphen_values(
    args: Vec<OsString>,
    command: impl FnOnce() -> Command,
) -> Vec<OsString> {
    let maybe_joined = args.windows(2).any(|pair| {
        pair[0].to_str().is_some_and(|word| word.starts_with("--"))
            && pair[1].to_str().is_some_and(looks_like_a_negative_value)
    });
    if !maybe_joined {
        return args;
    }
    let mut valued = HashSet::new();
    collect_valued_flags(&command(), &mut valued);
    let mut out = Vec::with_capacity(args.len());
    let mut words = args.into_iter().peekable();
    while let Some(word) = words.next() {
        if word == "--" {
            out.push(word);
            out.extend(words);
            break;
        }
        let joinable = word
            .to_str()
            .and_then(|text| text.strip_prefix("--"))
            .is_some_and(|name| valued.contains(name));
        let value = words.peek().and_then(|next| next.to_str());
        match value {
            Some(value) if joinable && looks_like_a_negative_value(value) => {
                let mut joined = word;
                joined.push("=");
                joined.push(value);
                words.next();
                out.push(joined);
            }
            _ => out.push(word),
        }
    }
    out
}

/// Long names of the flags of `command` and its subcommands that take a value.
fn collect_valued_flags(command: &Command, names: &mut HashSet<String>) {
    for arg in command.get_arguments() {
        if arg.get_action().takes_values()
            && let Some(long) = arg.get_long()
        {
            names.insert(long.to_string());
        }
    }
    for sub in command.get_subcommands() {
        collect_valued_flags(sub, names);
    }
}

/// `-0.6%`, `-1`, `-inf`, `-.5`: one leading `-` (ASCII or full-width) and not a short help or
/// version flag.
fn looks_like_a_negative_value(text: &str) -> bool {
    let rest = text.strip_prefix('-').or_else(|| text.strip_prefix('－'));
    match rest {
        Some(rest) => !rest.is_empty() && !rest.starts_with('-') && !matches!(rest, "h" | "V"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn attached(words: &[&str]) -> Vec<String> {
        let args = words.iter().map(OsString::from).collect();
        attach_hyphen_values(args, crate::cli::Cli::command)
            .into_iter()
            .map(|word| word.into_string().unwrap())
            .collect()
    }

    #[test]
    fn negative_values_join_their_flag() {
        assert_eq!(
            attached(&[
                "fenqi",
                "quote",
                "--monthly-fee",
                "-0.6%",
                "--principal",
                "-inf"
            ]),
            ["fenqi", "quote", "--monthly-fee=-0.6%", "--principal=-inf"]
        );
        assert_eq!(
            attached(&["fenqi", "pay", "1", "--amount", "－5"]),
            ["fenqi", "pay", "1", "--amount=－5"]
        );
    }

    #[test]
    fn flags_switches_and_words_after_the_separator_stay_apart() {
        let untouched: &[&[&str]] = &[
            &["fenqi", "quote", "--monthly-fee", "--periods", "3"],
            &["fenqi", "quote", "--monthly-fee", "-h"],
            &["fenqi", "plan", "delete", "1", "--yes", "-V"],
            &["fenqi", "pay", "1", "--failed", "-1"],
            &["fenqi", "pay", "--", "--amount", "-1"],
            &["fenqi", "quote", "--monthly-fee", "-"],
        ];
        for words in untouched {
            assert_eq!(attached(words), *words);
        }
    }
}
