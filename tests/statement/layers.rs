//! `src/statement/` imports the domain only: every `crate::…` path in its code (comments left
//! out) names `domain` or `statement` itself.

use std::fs;
use std::path::Path;

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

#[test]
fn the_statement_layer_imports_the_domain_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/statement");
    let mut files = Vec::new();
    sources(&root, &mut files);
    assert!(files.len() > 5, "{files:?}");
    let mut found = Vec::new();
    for (path, text) in &files {
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or("");
            for (at, _) in code.match_indices("crate::") {
                let module: String = code[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if module != "domain" && module != "statement" {
                    found.push(format!("{path}: {line}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
