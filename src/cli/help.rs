//! Help in the user's language: clap's command tree with every text and heading translated.

use clap::builder::StyledStr;
use clap::{Arg, Command, CommandFactory};

use super::Cli;
use crate::i18n::help::HelpText;
use crate::i18n::usage::UsageText;
use crate::i18n::{Lang, fill};

/// fenqi's clap command speaking `lang`: in English as the doc comments say it (clap adds its
/// help flags and `help` subcommand while parsing); in Chinese built first, so those exist, and
/// every text translated from the catalogue.
pub(crate) fn command(lang: Lang) -> Command {
    match lang {
        Lang::En => Cli::command(),
        Lang::Zh => translate_command(built(), lang),
    }
}

/// fenqi's command for its man pages in `lang`: as [`command`], without the `help`
/// subcommands (each page lists its own subcommands).
pub(crate) fn manual_command(lang: Lang) -> Command {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    match lang {
        Lang::En => command,
        Lang::Zh => translate_command(command, lang),
    }
}

/// fenqi's clap command with everything clap adds to it (global options copied into every
/// subcommand, `-h`/`--help`, `-V`/`--version`, the `help` subcommand).
fn built() -> Command {
    let mut command = Cli::command();
    command.build();
    command
}

/// `command` and its subcommands with translated about texts, argument help and headings.
fn translate_command(command: Command, lang: Lang) -> Command {
    let style = command.get_styles().get_usage();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}{}:{} {{usage}}\n\n{{all-args}}{{after-help}}",
        style.render(),
        UsageText::UsageHeading.text(lang),
        style.render_reset()
    );
    let about = command.get_about().map(|text| translate(text, lang));
    let long_about = command.get_long_about().map(|text| translate(text, lang));
    let mut command = command
        .help_template(template)
        .subcommand_help_heading(UsageText::CommandsHeading.text(lang))
        .mut_args(|arg| translate_arg(arg, lang))
        .mut_subcommands(|sub| translate_command(sub, lang));
    if let Some(about) = about {
        command = command.about(about);
    }
    if let Some(long_about) = long_about {
        command = command.long_about(long_about);
    }
    command
}

/// `arg` with translated help under a translated heading; its environment variable, if any,
/// named in the help instead of clap's English `[env: …]`.
fn translate_arg(arg: Arg, lang: Lang) -> Arg {
    let heading = if arg.is_positional() {
        UsageText::ArgumentsHeading
    } else {
        UsageText::OptionsHeading
    };
    let mut help = arg.get_help().map(|text| translate(text, lang));
    let long_help = arg.get_long_help().map(|text| translate(text, lang));
    let env = arg
        .get_env()
        .map(|name| name.to_string_lossy().into_owned());
    if let (Some(text), Some(name)) = (help.as_mut(), &env) {
        text.push(' ');
        text.push_str(&fill(UsageText::EnvNote.text(lang), &[name]));
    }
    let mut arg = arg.help_heading(heading.text(lang)).hide_env(env.is_some());
    if let Some(index) = arg.get_index() {
        // Under a heading of their own, positionals would be sorted by name, not by position.
        arg = arg.display_order(index);
    }
    if let Some(help) = help {
        arg = arg.help(help);
    }
    if let Some(long_help) = long_help {
        arg = arg.long_help(long_help);
    }
    arg
}

/// The catalogue's `lang` text for an English help text; the English itself when missing (the
/// tests below make sure nothing is).
fn translate(english: &StyledStr, lang: Lang) -> String {
    let english = english.to_string();
    HelpText::translate(&english, lang)
        .map(str::to_string)
        .unwrap_or(english)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every English text in the tree (about texts and argument help), with where it is.
    fn english_texts(command: &Command, path: &str, out: &mut Vec<(String, String)>) {
        let path = format!("{path} {}", command.get_name()).trim().to_string();
        let about = [command.get_about(), command.get_long_about()];
        for text in about.into_iter().flatten() {
            out.push((path.clone(), text.to_string()));
        }
        for arg in command.get_arguments() {
            for text in [arg.get_help(), arg.get_long_help()].into_iter().flatten() {
                out.push((format!("{path} {}", arg.get_id()), text.to_string()));
            }
        }
        for sub in command.get_subcommands() {
            english_texts(sub, &path, out);
        }
    }

    /// Every command of the translated tree with its path, e.g. `fenqi plan add`.
    fn commands(command: &mut Command, path: &str, out: &mut Vec<(String, Command)>) {
        let path = format!("{path} {}", command.get_name()).trim().to_string();
        out.push((path.clone(), command.clone()));
        for sub in command.get_subcommands_mut() {
            commands(sub, &path, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_a_chinese_text() {
        let mut texts = Vec::new();
        english_texts(&built(), "", &mut texts);
        assert!(texts.len() > 100, "{}", texts.len());
        let missing: Vec<String> = texts
            .iter()
            .filter(|(_, english)| HelpText::translate(english, Lang::Zh).is_none())
            .map(|(place, english)| format!("{place}: {english:?}"))
            .collect();
        assert!(missing.is_empty(), "untranslated:\n{}", missing.join("\n"));
    }

    #[test]
    fn every_command_and_visible_argument_says_what_it_is() {
        let mut all = Vec::new();
        commands(&mut built(), "", &mut all);
        for (path, command) in &all {
            assert!(command.get_about().is_some(), "{path} has no about text");
            for arg in command.get_arguments().filter(|arg| !arg.is_hide_set()) {
                assert!(
                    arg.get_help().is_some(),
                    "{path} {} has no help",
                    arg.get_id()
                );
            }
        }
    }

    #[test]
    fn no_catalogue_entry_is_stale() {
        let mut texts = Vec::new();
        english_texts(&built(), "", &mut texts);
        for entry in HelpText::ALL {
            let english = entry.text(Lang::En);
            assert!(
                texts.iter().any(|(_, text)| text == english),
                "{entry:?} ({english:?}) is not the help of any command or argument"
            );
            crate::i18n::assert_translated(entry, english, entry.text(Lang::Zh));
        }
    }

    #[test]
    fn chinese_help_of_every_command_has_no_english_left() {
        let mut all = Vec::new();
        commands(&mut command(Lang::Zh), "", &mut all);
        assert!(all.len() > 20, "{}", all.len());
        for (path, mut command) in all {
            let help = command.render_help().to_string();
            assert!(help.contains("用法:"), "{path}:\n{help}");
            for english in [
                "Usage:",
                "Commands:",
                "Options:",
                "Arguments:",
                "Print",
                "[env:",
                "[default:",
                "[possible values:",
                "[aliases:",
            ] {
                assert!(!help.contains(english), "{path} says {english:?}:\n{help}");
            }
        }
    }

    #[test]
    fn chinese_help_lists_arguments_in_their_order() {
        let mut command = command(Lang::Zh);
        let replace = command
            .find_subcommand_mut("card")
            .and_then(|card| card.find_subcommand_mut("replace"))
            .expect("card replace");
        let help = replace.render_help().to_string();
        let old = help.find("  <OLD>").expect("OLD listed");
        let new = help.find("  <NEW>").expect("NEW listed");
        assert!(help.find("参数:").unwrap() < old && old < new, "{help}");
        assert!(new < help.find("选项:").unwrap(), "{help}");
    }

    #[test]
    fn chinese_help_names_environment_variables() {
        let help = command(Lang::Zh).render_help().to_string();
        assert!(help.contains("数据库文件"), "{help}");
        assert!(help.contains("[环境变量: FENQI_DB]"), "{help}");
        assert!(help.contains("[环境变量: FENQI_LANG]"), "{help}");
    }
}
