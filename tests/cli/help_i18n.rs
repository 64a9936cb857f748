//! Help and usage errors through the built binary in both languages, chosen by `--lang`,
//! `FENQI_LANG` or `LANG`: one localised error line naming the flag (exit 2, nothing written),
//! and help whose headings and texts are all Chinese in zh and unchanged in English.

use crate::common;

use std::process::{Command, Output, Stdio};

use common::Db;

/// How the language is chosen for a run.
#[derive(Debug, Clone, Copy)]
enum Choice {
    Flag(&'static str),
    FenqiLang(&'static str),
    Locale(&'static str),
}

/// Every way of choosing English, and Chinese.
const ENGLISH: [Choice; 3] = [
    Choice::Flag("en"),
    Choice::FenqiLang("en"),
    Choice::Locale("C"),
];
const CHINESE: [Choice; 3] = [
    Choice::Flag("zh"),
    Choice::FenqiLang("zh"),
    Choice::Locale("zh_CN.UTF-8"),
];

/// Runs `fenqi --db DB ARGS…` with only `choice` deciding the language.
fn fenqi(db: &Db, choice: Choice, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fenqi"));
    common::isolate_settings(&mut command, &db.path);
    command
        .arg("--db")
        .arg(&db.path)
        .env_remove("FENQI_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env("FENQI_TODAY", "2025-01-20")
        .stdin(Stdio::null());
    match choice {
        Choice::Flag(code) => command.args(["--lang", code]),
        Choice::FenqiLang(code) => command.env("FENQI_LANG", code),
        Choice::Locale(locale) => command.env("LANG", locale),
    };
    command.args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8 output")
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A database with a plan, so "nothing written" means something.
fn seeded() -> Db {
    let db = Db::new();
    db.add_plan(&[]);
    db
}

/// (arguments, what the line must name, the English line clap has always printed).
const USAGE_ERRORS: &[(&[&str], &str, &str)] = &[
    (
        &["plan", "list", "--bogus"],
        "'--bogus'",
        "unexpected argument '--bogus' found",
    ),
    (
        &["plan", "bogus"],
        "'bogus'",
        "unrecognized subcommand 'bogus'",
    ),
    (
        &["plan", "add", "--name"],
        "'--name <NAME>'",
        "a value is required for '--name <NAME>' but none was supplied",
    ),
    (
        &["plan", "add", "--name", "X", "--provider", "花呗"],
        "--principal <AMOUNT> --periods <N>",
        "the following required arguments were not provided: --principal <AMOUNT> --periods <N>",
    ),
    (
        &["pay"],
        "<PLAN>",
        "the following required arguments were not provided: <PLAN>",
    ),
    (
        &["due", "--days", "1", "--days", "2"],
        "'--days <N>'",
        "the argument '--days <N>' cannot be used multiple times",
    ),
    (
        &["due", "--json=yes"],
        "'--json'",
        "unexpected value 'yes' for '--json' found; no more were expected",
    ),
    (
        &["card"],
        "'fenqi card'",
        "'fenqi card' requires a subcommand but one was not provided [subcommands: add, edit, delete, list, replace, default, help]",
    ),
    (&["pay", "1", "2"], "'2'", "unexpected argument '2' found"),
];

/// One line on stderr with `prefix`, exit 2, nothing on stdout, the database untouched.
fn assert_refused(db: &Db, out: &Output, before: &str, prefix: &str, named: &str) -> String {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with(prefix), "{stderr}");
    assert!(stderr.contains(named), "should name {named}: {stderr}");
    assert!(out.stdout.is_empty(), "printed {:?}", text(&out.stdout));
    assert_eq!(db.dump(false), before, "the database changed");
    stderr
}

#[test]
fn usage_errors_in_english_keep_their_one_line() {
    let db = seeded();
    let before = db.dump(false);
    for (args, named, english) in USAGE_ERRORS {
        for choice in ENGLISH {
            let out = fenqi(&db, choice, args);
            let line = assert_refused(&db, &out, &before, "fenqi: error: ", named);
            assert_eq!(line, format!("fenqi: error: {english}\n"), "{choice:?}");
        }
    }
}

#[test]
fn usage_errors_in_chinese_name_the_flag_on_one_line() {
    let db = seeded();
    let before = db.dump(false);
    for (args, named, _) in USAGE_ERRORS {
        for choice in CHINESE {
            let out = fenqi(&db, choice, args);
            let line = assert_refused(&db, &out, &before, "fenqi: 错误: ", named);
            let message = line.trim_start_matches("fenqi: 错误: ");
            assert!(has_chinese(message), "{choice:?} {args:?}: {line}");
            for english in [
                "unexpected",
                "unrecognized",
                "required",
                "cannot",
                "provided",
            ] {
                assert!(!message.contains(english), "{choice:?} {args:?}: {line}");
            }
        }
    }
}

#[test]
fn the_language_of_a_usage_error_follows_the_command_line_as_clap_reads_it() {
    let db = seeded();
    let before = db.dump(false);
    // `--lang` after the subcommand and in its `=` form; it wins over FENQI_LANG and LANG.
    let mut command = Command::new(env!("CARGO_BIN_EXE_fenqi"));
    let out = command
        .args(["--db"])
        .arg(&db.path)
        .args(["plan", "add", "--lang=zh", "--name"])
        .env("FENQI_LANG", "en")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_refused(&db, &out, &before, "fenqi: 错误: ", "'--name <NAME>'");
    // After `--`, "--lang zh" is a value, not the option: the environment decides.
    let out = fenqi(&db, Choice::Locale("C"), &["pay", "--", "--lang", "zh"]);
    let line = assert_refused(&db, &out, &before, "fenqi: error: ", "'zh'");
    assert_eq!(line, "fenqi: error: unexpected argument 'zh' found\n");
    // A language that is neither zh nor en is refused in the environment's language.
    let out = fenqi(&db, Choice::Locale("zh_CN.UTF-8"), &["--lang", "fr", "due"]);
    assert_refused(&db, &out, &before, "fenqi: 错误: --lang: ", "zh");
    let out = fenqi(&db, Choice::FenqiLang("fr"), &["due"]);
    assert_refused(&db, &out, &before, "fenqi: error: --lang: ", "zh or en");
}

#[test]
fn fenqi_lang_chooses_the_language_of_everything_and_empty_means_unset() {
    let db = seeded();
    let out = fenqi(&db, Choice::FenqiLang("zh"), &["plan", "show", "99"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("fenqi: 错误: PLAN: "),
        "{}",
        text(&out.stderr)
    );
    let out = fenqi(&db, Choice::FenqiLang(""), &["due"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// The help of `args` (which ask for help), checked to succeed and print on stdout only.
fn help(choice: Choice, args: &[&str]) -> String {
    let db = seeded();
    let before = db.dump(false);
    let out = fenqi(&db, choice, args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert_eq!(db.dump(false), before, "help changed the database");
    text(&out.stdout)
}

/// What clap's English help says that the Chinese help must not.
const ENGLISH_LABELS: &[&str] = &[
    "Usage:",
    "Commands:",
    "Options:",
    "Arguments:",
    "Print help",
    "Print version",
    "Print this message",
    "[env:",
];

/// `help` says everything in `wanted` and none of clap's English labels.
fn assert_all_chinese(what: &dyn std::fmt::Debug, help: &str, wanted: &[&str]) {
    for chinese in wanted {
        assert!(
            help.contains(chinese),
            "{what:?} lacks {chinese:?}:\n{help}"
        );
    }
    for english in ENGLISH_LABELS {
        assert!(
            !help.contains(english),
            "{what:?} says {english:?}:\n{help}"
        );
    }
}

#[test]
fn chinese_help_of_the_top_level_is_all_chinese() {
    let wanted = [
        "用法: fenqi [OPTIONS] [COMMAND]",
        "命令:",
        "选项:",
        "-h, --help          显示帮助",
        "-V, --version       显示版本",
        "help         显示本帮助或指定子命令的帮助",
        "quote        分期计算器",
        "数据库文件",
        "[环境变量: FENQI_DB]",
    ];
    for choice in CHINESE {
        let help = help(choice, &["--help"]);
        assert_all_chinese(&choice, &help, &wanted);
        assert_eq!(
            help,
            self::help(choice, &["help"]),
            "`help` prints the same"
        );
    }
}

#[test]
fn chinese_help_of_nested_commands_is_all_chinese() {
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["plan", "add", "-h"],
            &[
                "添加分期计划",
                "用法: fenqi plan add",
                "借款金额",
                "显示帮助",
            ],
        ),
        (
            &["help", "plan", "add"],
            &["添加分期计划", "用法: fenqi plan add", "手续费折扣"],
        ),
        (
            &["help", "plan"],
            &[
                "分期计划：添加",
                "命令:",
                "add     添加分期计划并输出其编号",
            ],
        ),
        (
            &["card", "replace", "--help"],
            &["参数:", "<OLD>  丢失或被替换的卡的编号", "选项:"],
        ),
        (&["help", "help"], &["显示本帮助或指定子命令的帮助"]),
    ];
    for (args, wanted) in cases {
        assert_all_chinese(args, &help(Choice::Flag("zh"), args), wanted);
    }
}

#[test]
fn english_help_is_unchanged() {
    let top = help(Choice::Flag("en"), &["--help"]);
    for english in [
        "fenqi — keep installment plans (分期) repaid on time at the lowest true cost",
        "Usage: fenqi [OPTIONS] [COMMAND]",
        "Commands:",
        "  quote        Installment calculator: schedule, total fee, APR; touches no database",
        "  help         Print this message or the help of the given subcommand(s)",
        "Options:",
        "Database file (default: fenqi.db in the user's data directory) [env: FENQI_DB=]",
        "Language: zh or en (default: the config file's lang, else LANG) [env: FENQI_LANG=]",
        "  -h, --help          Print help",
        "  -V, --version       Print version",
    ] {
        assert!(top.contains(english), "lacks {english:?}:\n{top}");
    }
    assert!(!top.contains("用法") && !top.contains("显示"), "{top}");
    let nested = help(Choice::Locale("C"), &["card", "replace", "-h"]);
    for english in [
        "Move every plan paid by OLD to NEW and archive OLD",
        "Usage: fenqi card replace [OPTIONS] <OLD> <NEW>",
        "Arguments:\n  <OLD>  The lost or replaced card's id\n  <NEW>  The new card's id",
        "Options:",
    ] {
        assert!(nested.contains(english), "lacks {english:?}:\n{nested}");
    }
    let help_help = help(Choice::Flag("en"), &["help", "help"]);
    assert!(
        help_help.contains("[COMMAND]...  Print help for the subcommand(s)"),
        "{help_help}"
    );
}
