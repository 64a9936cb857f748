//! Databases built once per test process and copied for each test that wants one: a new
//! database (what `Store::open` creates, every migration run) and the demo one (`fill_demo`
//! with seed 1 as of the TUI tests' today). Running the migrations and the demo generator is
//! most of an in-process test's time, and a copy of the file they wrote holds the same database.
//! Tests of creating a database (migrations, privacy, the first run) still create their own.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::OnceLock;

use fenqi::store::Store;

/// A database file's bytes and permission bits.
struct Template {
    bytes: Vec<u8>,
    mode: u32,
}

/// A database built by `fill` on a new file, closed (so everything is in the main file, no
/// `-wal` beside it) and read back.
fn build(fill: impl FnOnce(&mut Store)) -> Template {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fenqi.db");
    let mut store = Store::open(&path).unwrap();
    fill(&mut store);
    drop(store);
    for side in ["fenqi.db-wal", "fenqi.db-journal"] {
        assert!(
            !dir.path().join(side).exists(),
            "{side} left after closing the template database"
        );
    }
    Template {
        bytes: std::fs::read(&path).unwrap(),
        mode: std::fs::metadata(&path).unwrap().permissions().mode(),
    }
}

/// Writes `template` to `path` (which must not exist) with its permissions.
fn write(template: &Template, path: &Path) {
    assert!(!path.exists(), "{} exists", path.display());
    std::fs::write(path, &template.bytes).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(template.mode)).unwrap();
}

/// Writes a new, empty database at the latest schema to `path`, as `Store::open` creates it.
pub fn new_database(path: &Path) {
    static NEW: OnceLock<Template> = OnceLock::new();
    write(NEW.get_or_init(|| build(|_| {})), path);
}

/// Writes the demo database (8 plans, seed 1, as of [`super::app::today`]) to `path`.
pub fn demo_database(path: &Path) {
    static DEMO: OnceLock<Template> = OnceLock::new();
    let template = DEMO.get_or_init(|| {
        build(|store| {
            store.fill_demo(8, 1, super::app::today()).unwrap();
        })
    });
    write(template, path);
}
