//! `fenqi man --out DIR`: a man page (clap_mangen) for fenqi and for each subcommand, in
//! English under `DIR/man1` and in Chinese under `DIR/zh/man1`, the layout `man` looks in for
//! each language when DIR is on its search path (e.g. `~/.local/share/man`).

use std::path::{Path, PathBuf};

use clap::{Args, Command};
use clap_mangen::Man;

use super::error::{CliError, CliResult};
use crate::i18n::cli::CliText;
use crate::i18n::usage::UsageText;
use crate::i18n::{Lang, fill};

/// Flags of `fenqi man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write the pages under DIR: DIR/man1 in English, DIR/zh/man1 in Chinese
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// Where each language's pages go under the output directory.
fn pages_dir(out: &Path, lang: Lang) -> PathBuf {
    match lang {
        Lang::En => out.join("man1"),
        Lang::Zh => out.join("zh").join("man1"),
    }
}

/// Writes every page in both languages and says where.
pub(crate) fn run(args: &ManArgs, lang: Lang) -> CliResult {
    let mut written = 0;
    for page_lang in [Lang::En, Lang::Zh] {
        let dir = pages_dir(&args.out, page_lang);
        std::fs::create_dir_all(&dir).map_err(|e| file_error(&dir, e))?;
        for (name, page) in pages(super::help::manual_command(page_lang), page_lang)
            .map_err(|e| file_error(&dir, e))?
        {
            let path = dir.join(name);
            std::fs::write(&path, page).map_err(|e| file_error(&path, e))?;
            written += 1;
        }
    }
    let dirs = [Lang::En, Lang::Zh].map(|l| crate::files::shown(&pages_dir(&args.out, l)));
    println!(
        "{}",
        fill(
            CliText::ManWritten.text(lang),
            &[&written, &dirs[0], &dirs[1]]
        )
    );
    Ok(())
}

/// A page or directory that could not be written, named.
fn file_error(path: &Path, error: std::io::Error) -> CliError {
    anyhow::anyhow!("{}: {error}", crate::files::shown(path)).into()
}

/// Every page of `command` and its subcommands (the built-in `help` left out), as (file name,
/// roff text).
fn pages(command: Command, lang: Lang) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    collect(command, lang, &mut out)?;
    Ok(out)
}

fn collect(command: Command, lang: Lang, out: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        collect(sub.clone(), lang, out)?;
    }
    let man = Man::new(command);
    let mut page = Vec::new();
    man.render(&mut page)?;
    out.push((man.get_filename(), localise(page, lang)));
    Ok(())
}

/// The page with clap_mangen's fixed English section names in `lang` (the option and command
/// headings come translated with the command itself).
fn localise(page: Vec<u8>, lang: Lang) -> Vec<u8> {
    if lang == Lang::En {
        return page;
    }
    let text = String::from_utf8_lossy(&page);
    let sections = [
        ("NAME", UsageText::ManName),
        ("SYNOPSIS", UsageText::ManSynopsis),
        ("DESCRIPTION", UsageText::ManDescription),
        ("VERSION", UsageText::ManVersion),
    ];
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let heading = line
            .strip_prefix(".SH ")
            .and_then(|name| sections.iter().find(|(english, _)| *english == name));
        match heading {
            Some((_, text)) => lines.push(format!(".SH {}", text.text(lang))),
            None => lines.push(line.to_string()),
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text.into_bytes()
}
