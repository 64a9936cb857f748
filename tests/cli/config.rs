//! The config file through the built binary: `config path|show`, each setting from a flag over
//! its variable over the file over the default (and what each changes), and a bad key, value or
//! file refused in one line naming it, in both languages, with exit status 2.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

use crate::common;

use common::Db;

/// `fenqi ARGS…` with no flag of the harness: the settings come only from `env`, the config
/// file beside the database (`config.toml`, written by the test or absent) and the defaults
/// (LANG=C: English; the data directory inside the test's directory; NO_COLOR unset).
fn fenqi(db: &Db, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fenqi"));
    common::isolate_settings(&mut command, &db.path);
    command
        .env_remove("FENQI_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("NO_COLOR")
        .env("LANG", "C")
        .env("XDG_DATA_HOME", db.dir.path().join("data"))
        .env("FENQI_TODAY", "2025-01-01")
        .envs(env.iter().copied())
        .args(args)
        .stdin(Stdio::null());
    command.output().unwrap()
}

fn config_file(db: &Db) -> std::path::PathBuf {
    common::config_beside(&db.path)
}

fn write_config(db: &Db, text: &str) {
    std::fs::write(config_file(db), text).unwrap();
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// `config show --json`'s entry for `key`: (value, source, variable).
fn shown(db: &Db, env: &[(&str, &str)], flags: &[&str], key: &str) -> (Value, Value, Value) {
    let mut args = flags.to_vec();
    args.extend(["config", "show", "--json"]);
    let all: Value = serde_json::from_str(&stdout(&fenqi(db, env, &args))).unwrap();
    let entry = &all["settings"][key];
    (
        entry["value"].clone(),
        entry["source"].clone(),
        entry["variable"].clone(),
    )
}

fn path_text(path: &Path) -> String {
    path.to_str().unwrap().to_string()
}

#[test]
fn config_path_names_the_file_and_show_says_it_is_missing() {
    let db = Db::new();
    let file = path_text(&config_file(&db));
    assert_eq!(
        stdout(&fenqi(&db, &[], &["config", "path"])),
        format!("{file}\n")
    );
    let text = stdout(&fenqi(&db, &[], &["config", "show"]));
    assert!(
        text.starts_with(&format!(
            "Config file: {file} (not there: the defaults apply)\n"
        )),
        "{text}"
    );
    let zh = stdout(&fenqi(&db, &[], &["--lang", "zh", "config", "show"]));
    assert!(
        zh.contains(&format!("配置文件：{file}（不存在：使用默认值）")),
        "{zh}"
    );
    assert!(zh.contains("来源"), "{zh}");
    let all: Value =
        serde_json::from_str(&stdout(&fenqi(&db, &[], &["config", "show", "--json"]))).unwrap();
    assert_eq!(all["file"], json!(file));
    assert_eq!(all["file_exists"], json!(false));
    assert_eq!(
        all["settings"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        [
            "lang",
            "db",
            "theme",
            "mouse",
            "upcoming_days",
            "alarm_days"
        ]
    );
}

#[test]
fn config_show_lists_every_setting_with_where_it_came_from() {
    let db = Db::new();
    write_config(&db, "lang = \"zh\"\ntheme = \"light\"\n");
    let text = stdout(&fenqi(
        &db,
        &[("FENQI_MOUSE", "false")],
        &["--db", "/tmp/x.db", "config", "show"],
    ));
    // The value column is as wide as its widest value, /tmp/x.db (9 columns), and two
    // spaces part the columns.
    let expected = format!(
        "配置文件：{}\n\n\
         设置项         值         来源\n\
         lang           zh         配置文件\n\
         db             /tmp/x.db  命令行参数 --db\n\
         theme          light      配置文件\n\
         mouse          false      环境变量 FENQI_MOUSE\n\
         upcoming_days  30         默认\n\
         alarm_days     3          默认\n",
        path_text(&config_file(&db))
    );
    assert_eq!(text, expected);
}

/// One setting's values from each place, for the precedence test.
struct Layers {
    key: &'static str,
    default: Value,
    /// The config file's line and the value it gives.
    file: (String, Value),
    /// The variable, its text and the value it gives.
    env: (&'static str, String, Value),
    /// The flags (for the keys that have one) and the value they give.
    flag: Option<(Vec<String>, Value)>,
}

/// Every key: the default, then the file over it, the variable over the file, and the flag
/// (for the keys that have one) over the variable.
#[test]
fn a_flag_beats_its_variable_beats_the_file_beats_the_default() {
    let db = Db::new();
    let dir = db.dir.path();
    let at = |name: &str| path_text(&dir.join(name));
    let cases = [
        Layers {
            key: "lang",
            // LANG=C
            default: json!("en"),
            file: ("lang = \"zh\"".into(), json!("zh")),
            env: ("FENQI_LANG", "en".into(), json!("en")),
            flag: Some((vec!["--lang".into(), "zh".into()], json!("zh"))),
        },
        Layers {
            key: "db",
            // fenqi/fenqi.db in XDG_DATA_HOME
            default: json!(at("data/fenqi/fenqi.db")),
            // A relative path is taken from the config file's directory.
            file: ("db = \"books/a.db\"".into(), json!(at("books/a.db"))),
            env: ("FENQI_DB", at("b.db"), json!(at("b.db"))),
            flag: Some((vec!["--db".into(), at("c.db")], json!(at("c.db")))),
        },
        Layers {
            key: "theme",
            default: json!("dark"),
            file: ("theme = \"light\"".into(), json!("light")),
            env: ("FENQI_THEME", "mono".into(), json!("mono")),
            flag: None,
        },
        Layers {
            key: "mouse",
            default: json!(true),
            file: ("mouse = false".into(), json!(false)),
            env: ("FENQI_MOUSE", "true".into(), json!(true)),
            flag: None,
        },
        Layers {
            key: "upcoming_days",
            default: json!(30),
            file: ("upcoming_days = 14".into(), json!(14)),
            env: ("FENQI_UPCOMING_DAYS", "7".into(), json!(7)),
            flag: None,
        },
        Layers {
            key: "alarm_days",
            default: json!(3),
            file: ("alarm_days = 5".into(), json!(5)),
            env: ("FENQI_ALARM_DAYS", "1".into(), json!(1)),
            flag: None,
        },
    ];
    for case in cases {
        let key = case.key;
        let _ = std::fs::remove_file(config_file(&db));
        assert_eq!(
            shown(&db, &[], &[], key),
            (case.default, json!("default"), Value::Null),
            "{key}"
        );
        write_config(&db, &format!("# mine\n{}\n", case.file.0));
        assert_eq!(
            shown(&db, &[], &[], key),
            (case.file.1, json!("file"), Value::Null),
            "{key}"
        );
        let (var, text, value) = case.env;
        let env = [(var, text.as_str())];
        assert_eq!(
            shown(&db, &env, &[], key),
            (value, json!("env"), json!(var)),
            "{key}"
        );
        if let Some((flags, value)) = case.flag {
            let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
            assert_eq!(
                shown(&db, &env, &flags, key),
                (value, json!("flag"), Value::Null),
                "{key}"
            );
        }
    }
}

/// NO_COLOR makes `mono` the default theme; the config file (and FENQI_THEME) still choose
/// another, as no-color.org asks of programs with a config file.
#[test]
fn no_color_is_the_default_theme_the_file_overrides() {
    let db = Db::new();
    let no_color = [("NO_COLOR", "1")];
    assert_eq!(
        shown(&db, &no_color, &[], "theme"),
        (json!("mono"), json!("default"), Value::Null)
    );
    let text = stdout(&fenqi(&db, &no_color, &["config", "show"]));
    assert!(text.contains("default (NO_COLOR is set)"), "{text}");
    write_config(&db, "theme = \"dark\"\n");
    assert_eq!(
        shown(&db, &no_color, &[], "theme"),
        (json!("dark"), json!("file"), Value::Null)
    );
}

/// What each setting changes: the language of the output, the database used, `due`'s window
/// and the calendar's reminder, each from the file, the variable and the flag.
#[test]
fn the_settings_change_what_the_commands_do() {
    let db = Db::new();
    let dir = db.dir.path();
    // lang: the file's Chinese, English from the variable.
    write_config(&db, "lang = \"zh\"\n");
    let out = fenqi(&db, &[], &["due", "--days", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("fenqi: 错误: --days"));
    let out = fenqi(&db, &[("FENQI_LANG", "en")], &["due", "--days", "x"]);
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("fenqi: error: --days"));

    // db: the file's database (beside the config file) is the one written to.
    write_config(&db, "db = \"mine.db\"\n");
    let add = common::plan_add_args("iPhone 15", "小米分期", "2025-01-15");
    stdout(&fenqi(&db, &[], &add));
    assert!(dir.join("mine.db").exists());
    let plans: Value =
        serde_json::from_str(&stdout(&fenqi(&db, &[], &["plan", "list", "--json"]))).unwrap();
    assert_eq!(plans.as_array().unwrap().len(), 1);
    assert!(
        !dir.join("data/fenqi/fenqi.db").exists(),
        "the default is unused"
    );

    // upcoming_days: period 1 falls due on 2025-01-15, 14 days after today (2025-01-01),
    // period 2 on 2025-02-15, 45 days after.
    let upcoming = |env: &[(&str, &str)], extra: &[&str]| {
        let mut args = vec!["due", "--json"];
        args.extend_from_slice(extra);
        let due: Value = serde_json::from_str(&stdout(&fenqi(&db, env, &args))).unwrap();
        due["upcoming"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["due_date"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(upcoming(&[], &[]), ["2025-01-15"], "default 30 days");
    write_config(&db, "db = \"mine.db\"\nupcoming_days = 13\n");
    assert!(upcoming(&[], &[]).is_empty(), "13 days end on 2025-01-14");
    let env = [("FENQI_UPCOMING_DAYS", "45")];
    assert_eq!(upcoming(&env, &[]), ["2025-01-15", "2025-02-15"]);
    assert_eq!(upcoming(&env, &["--days", "14"]), ["2025-01-15"]);

    // alarm_days: the calendar's reminder.
    let trigger = |env: &[(&str, &str)], extra: &[&str]| {
        let mut args = vec!["export", "--format", "ics"];
        args.extend_from_slice(extra);
        let text = stdout(&fenqi(&db, env, &args));
        let triggers: Vec<&str> = text.lines().filter(|l| l.starts_with("TRIGGER:")).collect();
        assert_eq!(triggers.len(), 12, "one per period");
        triggers[0].trim().to_string()
    };
    assert_eq!(trigger(&[], &[]), "TRIGGER:-P3D");
    write_config(&db, "db = \"mine.db\"\nalarm_days = 5\n");
    assert_eq!(trigger(&[], &[]), "TRIGGER:-P5D");
    let env = [("FENQI_ALARM_DAYS", "1")];
    assert_eq!(trigger(&env, &[]), "TRIGGER:-P1D");
    assert_eq!(trigger(&env, &["--alarm-days", "2"]), "TRIGGER:-P2D");
}

/// One line on stderr, exit status 2, nothing on stdout.
fn refused(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    err.trim_end().to_string()
}

#[test]
fn a_bad_key_value_or_file_is_one_line_naming_it_in_both_languages() {
    let db = Db::new();
    let file = path_text(&config_file(&db));
    let keys = "lang, db, theme, mouse, upcoming_days, alarm_days";
    let cases: &[(&str, String, String)] = &[
        (
            "lang = \"en\"\ncolour = \"red\"\n",
            format!("fenqi: error: {file}: unknown key \"colour\": use {keys}"),
            format!("fenqi: 错误: {file}: 未知的设置项 \"colour\"：可用的有 {keys}"),
        ),
        (
            "theme = \"blue\"\n",
            format!("fenqi: error: {file}: theme: \"blue\" is not dark, light or mono"),
            format!("fenqi: 错误: {file}: theme：\"blue\" 无效，应为 dark、light 或 mono"),
        ),
        (
            "mouse = \"no\"\n",
            format!("fenqi: error: {file}: mouse: \"no\" is not true or false"),
            format!("fenqi: 错误: {file}: mouse：\"no\" 无效，应为 true 或 false"),
        ),
        (
            "upcoming_days = 3651\n",
            format!(
                "fenqi: error: {file}: upcoming_days: 3651 is not a whole number from 0 to 3650"
            ),
            format!("fenqi: 错误: {file}: upcoming_days：3651 无效，应为 0 到 3650 之间的整数"),
        ),
        (
            "alarm_days = -1\n",
            format!("fenqi: error: {file}: alarm_days: -1 is not a whole number from 0 to 365"),
            format!("fenqi: 错误: {file}: alarm_days：-1 无效，应为 0 到 365 之间的整数"),
        ),
        (
            "lang = \"fr\"\n",
            format!("fenqi: error: {file}: lang: \"fr\" is not zh or en"),
            format!("fenqi: 错误: {file}: lang：\"fr\" 无效，应为 zh 或 en"),
        ),
        (
            "db = 5\n",
            format!("fenqi: error: {file}: db: 5 is not a file path"),
            format!("fenqi: 错误: {file}: db：5 无效，应为 文件路径"),
        ),
    ];
    let add = common::plan_add_args("iPhone 15", "小米分期", "2025-01-15");
    for (text, english, chinese) in cases {
        write_config(&db, text);
        assert_eq!(&refused(&fenqi(&db, &[], &["due"])), english, "{text}");
        assert_eq!(
            &refused(&fenqi(&db, &[("FENQI_LANG", "zh")], &add)),
            chinese,
            "{text}"
        );
        // Without a subcommand (the TUI) it stops before the terminal is touched.
        assert_eq!(&refused(&fenqi(&db, &[], &[])), english, "{text}");
    }
    assert!(!db.dir.path().join("data").exists(), "nothing written");

    // TOML that does not parse: the line where it breaks.
    write_config(&db, "lang = \"zh\"\ntheme = dark\n");
    let line = refused(&fenqi(&db, &[], &["due"]));
    assert!(
        line.starts_with(&format!("fenqi: error: {file}: line 2 is not valid TOML: ")),
        "{line}"
    );
    let line = refused(&fenqi(&db, &[("FENQI_LANG", "zh")], &["due"]));
    assert!(
        line.starts_with(&format!("fenqi: 错误: {file}: 第 2 行不是有效的 TOML：")),
        "{line}"
    );

    // A bad variable is named as the variable.
    let _ = std::fs::remove_file(config_file(&db));
    let line = refused(&fenqi(&db, &[("FENQI_ALARM_DAYS", "400")], &["due"]));
    assert_eq!(
        line,
        "fenqi: error: FENQI_ALARM_DAYS: alarm_days: \"400\" is not a whole number from 0 to 365"
    );
    let line = refused(&fenqi(
        &db,
        &[("FENQI_THEME", "blue"), ("FENQI_LANG", "zh")],
        &["due"],
    ));
    assert_eq!(
        line,
        "fenqi: 错误: FENQI_THEME: theme：\"blue\" 无效，应为 dark、light 或 mono"
    );
}

/// A missing config file is no error, and help still shows with a broken one.
#[test]
fn a_missing_file_is_fine_and_help_needs_no_config() {
    let db = Db::new();
    stdout(&fenqi(
        &db,
        &[],
        &["quote", "--principal", "100", "--periods", "2"],
    ));
    write_config(&db, "not toml at all");
    let help = stdout(&fenqi(&db, &[], &["--help"]));
    assert!(help.contains("Usage: fenqi"), "{help}");
}
