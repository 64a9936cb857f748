//! Fitting into the shell: completion scripts (bash sources and uses its own), man pages for
//! fenqi and every subcommand rendered by `man -l` in both languages, and colour in help only
//! where NO_COLOR / CLICOLOR / CLICOLOR_FORCE allow it.

use std::path::Path;
use std::process::{Command, Output};

use crate::common;

use common::Db;
use common::interop::tool_available;

const BIN: &str = env!("CARGO_BIN_EXE_fenqi");

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a bash script with `FENQI` set to the binary.
fn bash(script: &str) -> String {
    ok(Command::new("bash")
        .args(["--norc", "--noprofile", "-c", script])
        .env("FENQI", BIN)
        .output()
        .unwrap())
}

#[test]
fn bash_sources_the_completion_script_and_completes_commands_and_flags() {
    let db = Db::new();
    let script = ok(db.run(&["completions", "bash"]));
    assert!(script.contains("_fenqi()"), "{script}");
    let registered = bash(r#"source <("$FENQI" completions bash) && complete -p fenqi"#);
    assert_eq!(
        registered.trim(),
        "complete -o bashdefault -o default -o nosort -F _fenqi fenqi"
    );
    // What bash would offer after `fenqi pl` and `fenqi config s`, and the flags of `due`.
    let offered = |words: &str, current: usize| {
        bash(&format!(
            r#"source <("$FENQI" completions bash)
COMP_WORDS=({words}); COMP_CWORD={current}; COMP_LINE="{words}"; COMP_POINT=${{#COMP_LINE}}
_fenqi fenqi "${{COMP_WORDS[$COMP_CWORD]}}" "${{COMP_WORDS[$COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#
        ))
    };
    assert_eq!(offered("fenqi pl", 1).trim(), "plan");
    assert_eq!(offered("fenqi config s", 2).trim(), "show");
    let due = offered("fenqi due --", 2);
    for flag in ["--days", "--check", "--json"] {
        assert!(due.lines().any(|l| l == flag), "{flag} in {due}");
    }
}

#[test]
fn every_shell_gets_a_script_with_descriptions_in_the_language() {
    let db = Db::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = ok(db.run(&["completions", shell]));
        for command in ["advise", "completions", "config", "man"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    let fish = ok(db.run_in("zh", "2025-01-01", &["completions", "fish"]));
    assert!(fish.contains("分期计算器"), "{fish}");
    let zsh = ok(db.run(&["completions", "zsh"]));
    assert!(zsh.contains("Installment calculator"), "{zsh}");
    let out = db.run_in("zh", "2025-01-01", &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "fenqi: 错误: '<SHELL>' 的值 'tcsh' 无效 [可选值: bash, elvish, fish, powershell, zsh]\n"
    );
}

/// `man -l PAGE` at 80 columns in a UTF-8 locale.
fn man(page: &Path) -> String {
    ok(Command::new("man")
        .arg("-l")
        .arg(page)
        .env("MANWIDTH", "80")
        .env("LANG", "C.UTF-8")
        .env_remove("MANPAGER")
        .env_remove("PAGER")
        .output()
        .unwrap())
}

/// The file names of the pages in `dir`, sorted.
fn pages(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// Every command and subcommand path under `prefix` that `fenqi PREFIX --help` lists under
/// "Commands:", `help` left out.
fn listed_commands(db: &Db, prefix: &[String]) -> Vec<Vec<String>> {
    let mut args: Vec<&str> = prefix.iter().map(String::as_str).collect();
    args.push("--help");
    let help = ok(db.run(&args));
    let names: Vec<String> = help
        .lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect();
    let mut paths = Vec::new();
    for name in names {
        let mut path = prefix.to_vec();
        path.push(name);
        paths.extend(listed_commands(db, &path));
        paths.push(path);
    }
    paths
}

#[test]
fn man_pages_for_every_command_render_with_man_in_both_languages() {
    if !tool_available("man") {
        return;
    }
    let db = Db::new();
    let out = db.dir.path().join("share/man");
    let said = ok(db.run(&["man", "--out", out.to_str().unwrap()]));
    let english = pages(&out.join("man1"));
    let chinese = pages(&out.join("zh/man1"));
    assert_eq!(english, chinese);
    // One page for fenqi and one for each command and subcommand that `--help` lists,
    // without clap's `help`.
    let mut expected = vec!["fenqi.1".to_string()];
    expected.extend(
        listed_commands(&db, &[])
            .iter()
            .map(|path| format!("fenqi-{}.1", path.join("-"))),
    );
    expected.sort();
    assert_eq!(english, expected);
    for page in [
        "fenqi.1",
        "fenqi-plan.1",
        "fenqi-plan-add.1",
        "fenqi-config-show.1",
        "fenqi-man.1",
    ] {
        assert!(english.iter().any(|p| p == page), "{page} in {english:?}");
    }
    assert!(!english.iter().any(|p| p.contains("help")), "{english:?}");
    assert_eq!(
        said,
        format!(
            "Wrote {} man pages: English in {}, Chinese in {}.\n",
            english.len() * 2,
            out.join("man1").display(),
            out.join("zh/man1").display()
        )
    );

    let top = man(&out.join("man1/fenqi.1"));
    for text in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "SUBCOMMANDS",
        "fenqi-plan(1)",
        "fenqi-completions(1)",
    ] {
        assert!(top.contains(text), "{text} in\n{top}");
    }
    let add = man(&out.join("man1/fenqi-plan-add.1"));
    assert!(
        add.contains("fenqi-plan-add - Add a plan and print its id"),
        "{add}"
    );
    assert!(add.contains("--principal"), "{add}");
    let zh = man(&out.join("zh/man1/fenqi-plan.1"));
    for text in [
        "名称",
        "概述",
        "选项",
        "命令",
        "fenqi-plan-add(1)",
        "分期计划",
    ] {
        assert!(zh.contains(text), "{text} in\n{zh}");
    }
    assert!(!zh.contains("SYNOPSIS") && !zh.contains("OPTIONS"), "{zh}");
}

/// `fenqi ARGS…` with only the colour variables given deciding colour (stdout is a pipe).
fn colour_run(vars: &[(&str, &str)], args: &[&str]) -> String {
    let db = Db::new();
    let mut command = Command::new(BIN);
    common::isolate_settings(&mut command, &db.path);
    command
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FENQI_LANG")
        .envs(vars.iter().copied())
        .args(args);
    ok(command.output().unwrap())
}

#[test]
fn help_is_coloured_only_where_the_colour_variables_allow() {
    let escape = |text: &str| text.contains('\u{1b}');
    for lang in ["en", "zh"] {
        let help = ["--lang", lang, "--help"];
        assert!(!escape(&colour_run(&[], &help)), "a pipe gets no colour");
        assert!(escape(&colour_run(&[("CLICOLOR_FORCE", "1")], &help)));
        assert!(
            !escape(&colour_run(
                &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
                &help
            )),
            "NO_COLOR wins"
        );
    }
    // fenqi's own output has no colour at all.
    let show = colour_run(&[("CLICOLOR_FORCE", "1")], &["config", "show"]);
    assert!(!escape(&show), "{show}");
}
