//! clap's usage errors as one line in the user's language, naming the flag; help and version.

use std::error::Error as _;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::usage::UsageText;
use crate::i18n::{Lang, fill};

/// Prints help or the version in full (exit 0), or a usage error as one line (exit 2).
pub(crate) fn report(error: clap::Error, lang: Lang) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{}", super::error_line(lang, &message(&error, lang)));
            ExitCode::from(2)
        }
    }
}

/// The usage error in `lang`, from the error's kind and the argument and values clap names.
pub(crate) fn message(error: &clap::Error, lang: Lang) -> String {
    let text = |key: UsageText, args: &[&dyn std::fmt::Display]| fill(key.text(lang), args);
    let arg = one(error, ContextKind::InvalidArg);
    let value = one(error, ContextKind::InvalidValue);
    let specific = match error.kind() {
        ErrorKind::UnknownArgument => arg.map(|arg| text(UsageText::UnknownArgument, &[&arg])),
        ErrorKind::InvalidSubcommand => one(error, ContextKind::InvalidSubcommand)
            .map(|sub| text(UsageText::UnknownSubcommand, &[&sub])),
        ErrorKind::InvalidValue => arg.zip(value).map(|(arg, value)| {
            let line = if value.is_empty() {
                text(UsageText::ValueMissing, &[&arg])
            } else {
                text(UsageText::InvalidValue, &[&arg, &value])
            };
            with_list(
                line,
                error,
                ContextKind::ValidValue,
                UsageText::PossibleValues,
                lang,
            )
        }),
        ErrorKind::ValueValidation => arg.zip(value).map(|(arg, value)| match error.source() {
            Some(cause) => text(UsageText::InvalidValueBecause, &[&arg, &value, &cause]),
            None => text(UsageText::InvalidValue, &[&arg, &value]),
        }),
        ErrorKind::MissingRequiredArgument => list(error, ContextKind::InvalidArg)
            .map(|args| text(UsageText::MissingArguments, &[&args.join(" ")])),
        ErrorKind::MissingSubcommand => one(error, ContextKind::InvalidSubcommand).map(|command| {
            let line = text(UsageText::MissingSubcommand, &[&command]);
            with_list(
                line,
                error,
                ContextKind::ValidSubcommand,
                UsageText::Subcommands,
                lang,
            )
        }),
        ErrorKind::ArgumentConflict => arg.map(|arg| {
            let others = list(error, ContextKind::PriorArg).unwrap_or_default();
            if others.is_empty() || others == [arg] {
                text(UsageText::RepeatedArgument, &[&arg])
            } else {
                let quoted: Vec<String> = others.iter().map(|other| format!("'{other}'")).collect();
                text(UsageText::ConflictingArguments, &[&arg, &quoted.join(", ")])
            }
        }),
        ErrorKind::TooManyValues => arg
            .zip(value)
            .map(|(arg, value)| text(UsageText::UnexpectedValue, &[&arg, &value])),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let wanted = number(error, ContextKind::ExpectedNumValues)
                .or_else(|| number(error, ContextKind::MinValues));
            let given = number(error, ContextKind::ActualNumValues);
            match (arg, wanted, given) {
                (Some(arg), Some(wanted), Some(given)) => Some(text(
                    UsageText::WrongNumberOfValues,
                    &[&arg, &wanted, &given],
                )),
                _ => None,
            }
        }
        ErrorKind::NoEquals => arg.map(|arg| text(UsageText::NoEquals, &[&arg])),
        ErrorKind::InvalidUtf8 => Some(text(UsageText::InvalidUtf8, &[])),
        _ => None,
    };
    specific.unwrap_or_else(|| text(UsageText::Unrecognised, &[&clap_message(error)]))
}

/// `line` followed by the list of valid choices clap gives under `kind`, if any.
fn with_list(
    line: String,
    error: &clap::Error,
    kind: ContextKind,
    label: UsageText,
    lang: Lang,
) -> String {
    match list(error, kind) {
        Some(values) if !values.is_empty() => {
            format!("{line} {}", fill(label.text(lang), &[&values.join(", ")]))
        }
        _ => line,
    }
}

/// The one string clap gives under `kind`.
fn one(error: &clap::Error, kind: ContextKind) -> Option<&str> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text),
        _ => None,
    }
}

/// The strings clap gives under `kind` (one string counts as a list of one).
fn list(error: &clap::Error, kind: ContextKind) -> Option<Vec<&str>> {
    match error.get(kind)? {
        ContextValue::Strings(texts) => Some(texts.iter().map(String::as_str).collect()),
        ContextValue::String(text) => Some(vec![text.as_str()]),
        _ => None,
    }
}

/// The number clap gives under `kind`.
fn number(error: &clap::Error, kind: ContextKind) -> Option<isize> {
    match error.get(kind)? {
        ContextValue::Number(n) => Some(*n),
        _ => None,
    }
}

/// clap's own English message, its first paragraph joined onto one line.
fn clap_message(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let lines: Vec<&str> = rendered
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect();
    let joined = lines.join(" ");
    joined
        .strip_prefix("error: ")
        .unwrap_or(&joined)
        .to_string()
}

#[cfg(test)]
mod tests {
    use clap::{Arg, ArgAction, Command};

    use super::*;

    /// The usage error of `args` against a small command that can produce every kind.
    fn error(args: &[&str]) -> clap::Error {
        Command::new("t")
            .arg(
                Arg::new("speed")
                    .long("speed")
                    .value_parser(["fast", "slow"]),
            )
            .arg(
                Arg::new("age")
                    .long("age")
                    .value_parser(clap::value_parser!(u8)),
            )
            .arg(Arg::new("pair").long("pair").num_args(2))
            .arg(Arg::new("few").long("few").num_args(3..))
            .arg(Arg::new("eq").long("eq").require_equals(true))
            .arg(
                Arg::new("a")
                    .long("a")
                    .action(ArgAction::SetTrue)
                    .conflicts_with("b"),
            )
            .arg(Arg::new("b").long("b").action(ArgAction::SetTrue))
            .arg(
                Arg::new("need")
                    .long("need")
                    .required_unless_present("skip"),
            )
            .arg(Arg::new("skip").long("skip").action(ArgAction::SetTrue))
            .subcommand(
                Command::new("sub")
                    .subcommand(Command::new("leaf"))
                    .subcommand_required(true),
            )
            .try_get_matches_from(std::iter::once("t").chain(args.iter().copied()))
            .expect_err("a usage error")
    }

    /// (arguments, English line, Chinese line) for each kind of usage error.
    const CASES: &[(&[&str], &str, &str)] = &[
        (
            &["--skip", "--bogus"],
            "unexpected argument '--bogus' found",
            "无法识别的参数 '--bogus'",
        ),
        (
            &["--skip", "--speed", "warp"],
            "invalid value 'warp' for '--speed <speed>' [possible values: fast, slow]",
            "'--speed <speed>' 的值 'warp' 无效 [可选值: fast, slow]",
        ),
        (
            &["--skip", "--speed"],
            "a value is required for '--speed <speed>' but none was supplied [possible values: fast, slow]",
            "'--speed <speed>' 需要一个值，但没有提供 [可选值: fast, slow]",
        ),
        (
            &["--skip", "--age", "x"],
            "invalid value 'x' for '--age <age>': invalid digit found in string",
            "'--age <age>' 的值 'x' 无效：invalid digit found in string",
        ),
        (
            &[],
            "the following required arguments were not provided: --need <need>",
            "缺少必需的参数：--need <need>",
        ),
        (
            &["--skip", "sub"],
            "'t sub' requires a subcommand but one was not provided [subcommands: leaf, help]",
            "'t sub' 需要一个子命令，但没有提供 [可用子命令: leaf, help]",
        ),
        (
            &["--skip", "sub", "lef"],
            "unrecognized subcommand 'lef'",
            "无法识别的子命令 'lef'",
        ),
        (
            &["--skip", "--need", "1", "--need", "2"],
            "the argument '--need <need>' cannot be used multiple times",
            "参数 '--need <need>' 不能重复使用",
        ),
        (
            &["--skip", "--a", "--b"],
            "the argument '--a' cannot be used with '--b'",
            "参数 '--a' 不能与 '--b' 同时使用",
        ),
        (
            &["--skip", "--a=yes"],
            "unexpected value 'yes' for '--a' found; no more were expected",
            "'--a' 不接受多余的值 'yes'",
        ),
        (
            &["--skip", "--pair", "1"],
            "2 values required for '--pair <pair> <pair>' but 1 provided",
            "'--pair <pair> <pair>' 需要 2 个值，但提供了 1 个",
        ),
        (
            &["--skip", "--few", "1"],
            "3 values required for '--few <few> <few> <few>...' but 1 provided",
            "'--few <few> <few> <few>...' 需要 3 个值，但提供了 1 个",
        ),
        (
            &["--skip", "--eq", "1"],
            "equal sign is needed when assigning values to '--eq=<eq>'",
            "给 '--eq=<eq>' 赋值时需要使用等号（--eq=<eq>=…）",
        ),
    ];

    #[test]
    fn every_kind_of_usage_error_is_one_line_in_each_language() {
        for (args, english, chinese) in CASES {
            let error = error(args);
            assert_eq!(
                message(&error, Lang::En),
                *english,
                "{args:?} ({:?})",
                error.kind()
            );
            assert_eq!(
                message(&error, Lang::Zh),
                *chinese,
                "{args:?} ({:?})",
                error.kind()
            );
        }
    }

    #[test]
    fn the_english_is_claps_own_wording() {
        for (args, _, _) in CASES {
            let error = error(args);
            let ours = message(&error, Lang::En);
            // clap says "was provided"/"were provided"; fenqi says "provided" for both.
            let clap = clap_message(&error)
                .replace(" was provided", " provided")
                .replace(" were provided", " provided");
            assert!(
                matches!(error.kind(), ErrorKind::TooFewValues) || ours == clap,
                "{args:?}: ours {ours:?}, clap {clap:?}"
            );
        }
    }

    #[test]
    fn invalid_utf8_and_unknown_kinds_still_give_one_localised_line() {
        let utf8 = clap::Error::new(ErrorKind::InvalidUtf8);
        assert_eq!(message(&utf8, Lang::Zh), "参数中含有无效的 UTF-8 字符");
        let io = clap::Error::raw(ErrorKind::Io, "disk on fire\n");
        assert_eq!(message(&io, Lang::En), "disk on fire");
        assert_eq!(message(&io, Lang::Zh), "命令行参数有误：disk on fire");
    }
}
