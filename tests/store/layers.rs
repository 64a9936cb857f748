//! The crate's imports run one way: each layer names only the layers below it (`domain` none,
//! `statement` only the domain, `store` no cli, tui or export, `tui` no cli), and in every folder
//! of `src/` no two modules import each other, directly or through others (the folder's own
//! `mod.rs` or `lib.rs` aside). A subfolder counts as one module of its parent folder.
//!
//! The check reads the source: every `super::…`, `self::…` and `crate::…` path (in `use` lines,
//! grouped `{…}` imports and paths in code; comments and string literals left out) is resolved
//! to the module it names.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A module path below the crate root, e.g. `["store", "interop", "dump"]`.
type ModPath = Vec<String>;

/// One source file: the module it is and its text.
struct Source {
    module: ModPath,
    text: String,
}

/// Every `.rs` file under `dir`, as the module it is (`prefix` is `dir`'s module).
fn sources(dir: &Path, prefix: &ModPath, out: &mut Vec<Source>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if path.is_dir() {
            let mut module = prefix.clone();
            module.push(name);
            sources(&path, &module, out);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            // The binary's root is a crate of its own.
            if prefix.is_empty() && stem == "main" {
                continue;
            }
            let is_mod_rs = stem == "mod" || (prefix.is_empty() && stem == "lib");
            let mut module = prefix.clone();
            if !is_mod_rs {
                module.push(stem.to_string());
            }
            out.push(Source {
                module,
                text: fs::read_to_string(&path).unwrap(),
            });
        }
    }
}

/// The source without comments, string literals and character literals.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && is_raw_start(&chars, i) {
            // r"…" or r#"…"#
            let mut j = i + 1;
            let mut hashes = 0;
            while chars[j] == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && is_char_literal(&chars, i) {
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `r` at `i` opens a raw string (and is not the end of an identifier such as `for`).
fn is_raw_start(chars: &[char], i: usize) -> bool {
    let after_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    if after_ident {
        return false;
    }
    let mut j = i + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    chars.get(j) == Some(&'"')
}

/// `'` at `i` opens a character literal, not a lifetime.
fn is_char_literal(chars: &[char], i: usize) -> bool {
    match chars.get(i + 1) {
        Some('\\') => true,
        Some(_) => chars.get(i + 2) == Some(&'\''),
        None => false,
    }
}

/// The tokens of code: identifiers, `::`, and single punctuation characters.
fn tokens(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push("::".to_string());
            i += 2;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

/// Parses the path (or `{…}` tree of paths) that starts at `tokens[at]` after `prefix::`,
/// pushing every full path found.
fn expand(tokens: &[String], mut at: usize, prefix: Vec<String>, found: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    loop {
        match tokens.get(at).map(String::as_str) {
            Some("{") => {
                at += 1;
                let mut depth = 0;
                let mut start = at;
                // Split the group at top-level commas; expand each member.
                while at < tokens.len() {
                    match tokens[at].as_str() {
                        "{" => depth += 1,
                        "}" if depth == 0 => {
                            expand(tokens, start, path.clone(), found);
                            return;
                        }
                        "}" => depth -= 1,
                        "," if depth == 0 => {
                            expand(tokens, start, path.clone(), found);
                            start = at + 1;
                        }
                        _ => {}
                    }
                    at += 1;
                }
                return;
            }
            Some(word) if is_ident(word) => {
                path.push(word.to_string());
                if tokens.get(at + 1).map(String::as_str) == Some("::") {
                    at += 2;
                } else {
                    found.push(path);
                    return;
                }
            }
            _ => {
                found.push(path);
                return;
            }
        }
    }
}

fn is_ident(word: &str) -> bool {
    word.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !word.starts_with(|c: char| c.is_ascii_digit())
}

/// The absolute module paths (below the crate root) that `source` names.
fn references(source: &Source) -> Vec<ModPath> {
    let tokens = tokens(&code_only(&source.text));
    // `self` in a file is the file's module; `super` its parent (for a mod.rs, the folder's).
    let here = source.module.clone();
    let mut out = Vec::new();
    for at in 0..tokens.len() {
        let word = tokens[at].as_str();
        let starts_path = matches!(word, "super" | "self" | "crate" | "$crate")
            && tokens.get(at + 1).map(String::as_str) == Some("::")
            && (at == 0 || tokens[at - 1] != "::");
        if !starts_path {
            continue;
        }
        let mut paths = Vec::new();
        expand(&tokens, at, Vec::new(), &mut paths);
        for path in paths {
            if let Some(absolute) = resolve(&here, &path) {
                out.push(absolute);
            }
        }
    }
    out
}

/// `path` (starting with `crate`, `self` or `super`s) as a path below the crate root.
fn resolve(here: &ModPath, path: &[String]) -> Option<ModPath> {
    let mut base = match path.first()?.as_str() {
        "crate" | "$crate" => Vec::new(),
        "self" | "super" => here.clone(),
        _ => return None,
    };
    let mut rest = &path[1..];
    if path[0] == "super" {
        base.pop()?;
    }
    while let Some(first) = rest.first() {
        match first.as_str() {
            "super" => {
                base.pop()?;
            }
            "self" => {}
            _ => break,
        }
        rest = &rest[1..];
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

/// For each folder (module) under `src`, the edges between its direct children.
fn folder_graphs(sources: &[Source]) -> BTreeMap<ModPath, BTreeMap<String, BTreeSet<String>>> {
    // A folder is any module with files below it (`foo/mod.rs` or `foo.rs` beside `foo/`).
    let folders: BTreeSet<ModPath> = sources
        .iter()
        .flat_map(|s| (0..s.module.len()).map(|n| s.module[..n].to_vec()))
        .collect();
    let mut graphs: BTreeMap<ModPath, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for folder in &folders {
        let children: BTreeSet<String> = sources
            .iter()
            .filter(|s| s.module.len() > folder.len() && s.module.starts_with(folder))
            .map(|s| s.module[folder.len()].clone())
            .collect();
        let graph = graphs.entry(folder.clone()).or_default();
        for child in &children {
            graph.entry(child.clone()).or_default();
        }
        for source in sources {
            // The folder's own mod.rs is left aside; files deeper down speak for their child.
            if source.module.len() <= folder.len() || !source.module.starts_with(folder) {
                continue;
            }
            let from = source.module[folder.len()].clone();
            for target in references(source) {
                if target.len() > folder.len() && target.starts_with(folder) {
                    let to = target[folder.len()].clone();
                    if to != from && children.contains(&to) {
                        graph.get_mut(&from).unwrap().insert(to);
                    }
                }
            }
        }
    }
    graphs
}

/// A cycle in `graph`, if there is one, as the modules along it.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_string(), Mark::Open);
        stack.push(node.to_string());
        for next in &graph[node] {
            match marks[next.as_str()] {
                Mark::Open => {
                    let start = stack.iter().position(|n| n == next).unwrap();
                    let mut cycle = stack[start..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(cycle) = visit(next, graph, marks, stack) {
                        return Some(cycle);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks: BTreeMap<String, Mark> = graph.keys().map(|k| (k.clone(), Mark::New)).collect();
    for node in graph.keys() {
        if marks[node.as_str()] == Mark::New {
            let mut stack = Vec::new();
            if let Some(cycle) = visit(node, graph, &mut marks, &mut stack) {
                return Some(cycle);
            }
        }
    }
    None
}

/// The groups of modules that reach each other (strongly connected, more than one module).
fn tangled(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(node) = todo.pop() {
            for next in &graph[&node] {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|k| (k, reach(k))).collect();
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for node in graph.keys() {
        let group: BTreeSet<String> = graph
            .keys()
            .filter(|other| {
                *other == node || (reached[node].contains(*other) && reached[*other].contains(node))
            })
            .cloned()
            .collect();
        if group.len() > 1 && !groups.contains(&group) {
            groups.push(group);
        }
    }
    groups
}

fn crate_sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    sources(&root, &Vec::new(), &mut out);
    out
}

/// What a layer may name below the crate root.
enum Names {
    /// Only these layers (itself included).
    Only(&'static [&'static str]),
    /// Anything but these layers.
    Not(&'static [&'static str]),
}

/// The rules of the layers: the domain names nothing else, statements only the domain, the
/// store nothing above it, the TUI no CLI.
const RULES: &[(&str, Names)] = &[
    ("domain", Names::Only(&["domain"])),
    ("statement", Names::Only(&["statement", "domain"])),
    (
        "store",
        Names::Not(&["cli", "tui", "export", "view", "config", "context", "demo"]),
    ),
    ("tui", Names::Not(&["cli"])),
];

/// Each `file: layer → layer it may not name` that `sources` hold.
fn layer_violations(sources: &[Source]) -> Vec<String> {
    let mut found = BTreeSet::new();
    for source in sources {
        let Some(layer) = source.module.first() else {
            continue;
        };
        let Some((_, names)) = RULES.iter().find(|(name, _)| name == layer) else {
            continue;
        };
        for target in references(source) {
            let Some(named) = target.first() else {
                continue;
            };
            let refused = match names {
                Names::Only(allowed) => !allowed.contains(&named.as_str()),
                Names::Not(forbidden) => forbidden.contains(&named.as_str()),
            };
            if refused {
                found.insert(format!(
                    "{} → {}",
                    source.module.join("::"),
                    target.join("::")
                ));
            }
        }
    }
    found.into_iter().collect()
}

#[test]
fn each_layer_names_only_the_layers_below_it() {
    let sources = crate_sources();
    for (layer, _) in RULES {
        assert!(
            sources
                .iter()
                .any(|s| s.module.first().map(String::as_str) == Some(*layer)),
            "no sources for {layer}"
        );
    }
    let found = layer_violations(&sources);
    assert!(
        found.is_empty(),
        "imports against the layers:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_folder_under_src_has_an_import_cycle() {
    let graphs = folder_graphs(&crate_sources());
    for folder in [
        &[][..],
        &["store"][..],
        &["tui"][..],
        &["domain"][..],
        &["i18n"][..],
    ] {
        let folder: ModPath = folder.iter().map(|s| s.to_string()).collect();
        assert!(graphs.contains_key(&folder), "{folder:?}");
    }
    let cycles: Vec<String> = graphs
        .iter()
        .filter_map(|(folder, graph)| {
            find_cycle(graph).map(|cycle| {
                let tangled: Vec<String> = tangled(graph)
                    .iter()
                    .map(|group| group.iter().cloned().collect::<Vec<_>>().join(", "))
                    .collect();
                format!(
                    "{}: {} (modules on a cycle: {})",
                    folder.join("/"),
                    cycle.join(" → "),
                    tangled.join("; ")
                )
            })
        })
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_checker_sees_grouped_imports_and_nested_folders() {
    let file = |module: &[&str], _is_mod_rs: bool, text: &str| Source {
        module: module.iter().map(|s| s.to_string()).collect(),
        text: text.to_string(),
    };
    let sources = vec![
        file(&["store"], true, "mod a; mod b; mod c; mod deep;"),
        file(
            &["store", "a"],
            false,
            "use super::{x::Y, b::{self, Z}};\n// super::c::Q in a comment\nconst S: &str = \"super::c\";",
        ),
        file(
            &["store", "b"],
            false,
            "fn f() { crate::store::deep::g(); }",
        ),
        file(&["store", "c"], false, "use super::a::Thing;"),
        file(&["store", "deep"], true, "mod inner;"),
        file(
            &["store", "deep", "inner"],
            false,
            "use super::super::a::Thing; fn f<'a>(x: &'a str) -> char { 'x' }",
        ),
    ];
    let graphs = folder_graphs(&sources);
    let top = &graphs[&vec!["store".to_string()]];
    let edges = |from: &str| top[from].iter().cloned().collect::<Vec<_>>();
    assert_eq!(edges("a"), vec!["b"]);
    assert_eq!(edges("b"), vec!["deep"]);
    assert_eq!(edges("c"), vec!["a"]);
    assert_eq!(edges("deep"), vec!["a"]);
    assert_eq!(
        find_cycle(top),
        Some(vec![
            "a".to_string(),
            "b".to_string(),
            "deep".to_string(),
            "a".to_string()
        ])
    );
    let inner = &graphs[&vec!["store".to_string(), "deep".to_string()]];
    assert_eq!(find_cycle(inner), None);
}

#[test]
fn the_checker_sees_layer_crossings_and_folders_beside_their_file() {
    let file = |module: &[&str], text: &str| Source {
        module: module.iter().map(|s| s.to_string()).collect(),
        text: text.to_string(),
    };
    let sources = vec![
        file(&["domain", "a"], "use crate::{domain::b, store::Store};"),
        file(&["domain", "b"], "fn f() { super::super::i18n::t(); }"),
        file(
            &["tui", "app"],
            "use crate::cli::Context; // crate::cli in a comment",
        ),
        file(&["tui", "app", "x"], "use super::super::panes::P;"),
        file(&["tui", "panes"], "use super::app::x::Y;"),
        file(&["store", "s"], "use crate::{domain::Money, i18n::Lang};"),
    ];
    assert_eq!(
        layer_violations(&sources),
        vec![
            "domain::a → store::Store",
            "domain::b → i18n::t",
            "tui::app → cli::Context",
        ]
    );
    let graphs = folder_graphs(&sources);
    let tui = &graphs[&vec!["tui".to_string()]];
    assert_eq!(
        find_cycle(tui),
        Some(vec![
            "app".to_string(),
            "panes".to_string(),
            "app".to_string()
        ])
    );
    assert!(graphs.contains_key(&vec!["tui".to_string(), "app".to_string()]));
}
