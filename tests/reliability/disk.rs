//! Scenario 3: a full disk (a small tmpfs, or RLIMIT_FSIZE where mounting is refused), a
//! read-only file system, a database an unprivileged user may not write, a missing directory,
//! and a directory where the file should be: a clear one-line message, a non-zero exit, and
//! nothing corrupted or lost.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::consistency::assert_consistent;
use crate::common::{BIG_PLAN, Db, command_via, run};

/// A tmpfs mounted on a temp directory, unmounted on drop.
pub(super) struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (e.g. "384k"); `None` when this environment refuses to mount.
    pub(super) fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Tmpfs { dir })
    }

    pub(super) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(super) fn remount_read_only(&self) {
        let ok = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(ok.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// One line, "fenqi: error: …", containing `needle`.
fn assert_clear(out: &Output, code: i32, needle: &str) {
    let text = stderr(out);
    assert_eq!(out.status.code(), Some(code), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("fenqi: error: "), "{text}");
    assert!(text.contains(needle), "{needle:?} not in {text}");
}

/// Adds a 360-period plan with `runner`, asking for `--json`.
fn add_big_plan(path: &Path, runner: &dyn Fn(&Path, &[&str]) -> Output) -> Output {
    runner(path, &[BIG_PLAN, &["--json"]].concat())
}

/// Adds 360-period plans until the disk is full; returns the acknowledged ids and the failure.
fn fill(path: &Path, runner: &dyn Fn(&Path, &[&str]) -> Output) -> (Vec<i64>, Output) {
    let mut acked = Vec::new();
    for _ in 0..500 {
        let out = add_big_plan(path, runner);
        if !out.status.success() {
            return (acked, out);
        }
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        acked.push(v["id"].as_i64().unwrap());
    }
    panic!("the disk never filled");
}

fn plan_ids(path: &Path) -> Vec<i64> {
    let out = run(path, "2025-01-01", &["plan", "list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

/// With RLIMIT_FSIZE (512 KiB: a new database and its first plans fit) the kernel sends
/// SIGXFSZ; ignored, writes past the limit fail with EFBIG.
pub(super) fn run_with_file_limit(path: &Path, args: &[&str]) -> Output {
    let mut sh = Command::new("sh");
    sh.args(["-c", "trap '' XFSZ; ulimit -f 512; exec \"$@\"", "sh"]);
    command_via(sh, path, "2025-01-01", args).output().unwrap()
}

#[test]
fn a_full_disk_gives_a_clear_message_and_loses_nothing() {
    let tmpfs = Tmpfs::mount("512k");
    let (method, path, _keep): (&str, PathBuf, Box<dyn std::any::Any>) = match tmpfs {
        Some(t) => ("tmpfs of 512 KiB", t.path().join("fenqi.db"), Box::new(t)),
        None => {
            let db = Db::new();
            ("RLIMIT_FSIZE of 512 KiB", db.path.clone(), Box::new(db))
        }
    };
    let runner = |p: &Path, a: &[&str]| {
        if method.starts_with("tmpfs") {
            run(p, "2025-01-01", a)
        } else {
            run_with_file_limit(p, a)
        }
    };
    let (acked, failure) = fill(&path, &runner);
    assert!(!acked.is_empty());
    let text = stderr(&failure);
    assert_eq!(failure.status.code(), Some(1), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("disk is full") || text.contains("input/output"),
        "{text}"
    );
    // Again, now that the WAL may hold pages a checkpoint could not write back.
    let again = add_big_plan(&path, &runner);
    assert!(!again.status.success());
    assert_consistent(&path);
    // Reads still work and every acknowledged plan is there.
    let ids = plan_ids(&path);
    for id in &acked {
        assert!(ids.contains(id), "plan {id} lost");
    }
    assert_eq!(ids.len(), acked.len());
    println!(
        "disk: full disk via {method}: {} plans written, then \"{}\" (exit 1), consistent, 0 lost",
        acked.len(),
        text.trim()
    );
}

#[test]
fn a_read_only_file_system_refuses_writes_and_keeps_reads() {
    let Some(tmpfs) = Tmpfs::mount("2m") else {
        println!("disk: read-only file system skipped (mount refused)");
        return;
    };
    let path = tmpfs.path().join("fenqi.db");
    let out = run(
        &path,
        "2025-01-01",
        &["card", "add", "--bank", "招商", "--last4", "1234"],
    );
    assert!(out.status.success());
    tmpfs.remount_read_only();
    let before = std::fs::read(&path).unwrap();
    let write = run(
        &path,
        "2025-01-01",
        &["card", "add", "--bank", "X", "--last4", "5678"],
    );
    assert_ne!(write.status.code(), Some(0));
    assert_eq!(stderr(&write).lines().count(), 1, "{}", stderr(&write));
    assert!(stderr(&write).starts_with("fenqi: error: "));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    println!("disk: read-only file system: \"{}\"", stderr(&write).trim());
}

/// Runs fenqi as the unprivileged user `nobody` (root ignores permission bits).
fn run_as_nobody(path: &Path, args: &[&str]) -> Option<Output> {
    let mut setpriv = Command::new("setpriv");
    setpriv.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
    let out = command_via(setpriv, path, "2025-01-01", args)
        .output()
        .ok()?;
    let text = stderr(&out);
    (!text.starts_with("setpriv:")).then_some(out)
}

pub(super) fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

#[test]
fn a_database_the_user_may_not_write_is_refused_clearly() {
    if !is_root() {
        println!("disk: unprivileged-user cases skipped (not root, cannot switch user)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.path().join("fenqi.db");
    let seeded = run(
        &path,
        "2025-01-01",
        &["limit", "set", "--provider", "花呗", "--amount", "100"],
    );
    assert!(seeded.status.success());
    // The file is readable by everyone but writable only by root.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let Some(write) = run_as_nobody(
        &path,
        &["limit", "set", "--provider", "花呗", "--amount", "5"],
    ) else {
        println!("disk: unprivileged-user cases skipped (setpriv unavailable)");
        return;
    };
    assert_clear(&write, 1, "read-only");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let read_only_file = stderr(&write);
    // A directory the user may not write (so no -wal / -shm can be created) with a writable file.
    std::fs::remove_dir_all(dir.path().join("sub")).ok();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let inner = sub.join("fenqi.db");
    std::fs::copy(&path, &inner).unwrap();
    std::os::unix::fs::chown(&inner, Some(65534), Some(65534)).unwrap();
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
    let before = std::fs::read(&inner).unwrap();
    let write = run_as_nobody(
        &inner,
        &["limit", "set", "--provider", "花呗", "--amount", "5"],
    )
    .unwrap();
    assert_ne!(write.status.code(), Some(0));
    assert_eq!(stderr(&write).lines().count(), 1, "{}", stderr(&write));
    assert_eq!(std::fs::read(&inner).unwrap(), before);
    // A missing directory the user may not create.
    let denied = dir.path().join("no").join("fenqi.db");
    let out = run_as_nobody(&denied, &["plan", "list"]).unwrap();
    assert_clear(&out, 1, "cannot open");
    assert!(!denied.parent().unwrap().exists());
    // `due --check` says 1 only for "something is due": its errors are 2.
    let check = run_as_nobody(&denied, &["due", "--check"]).unwrap();
    assert_clear(&check, 2, "cannot open");
    let check = run_as_nobody(&path, &["due", "--check"]).unwrap();
    if check.status.code() != Some(0) {
        assert_clear(&check, 2, "read-only");
    }
    println!(
        "disk: as user nobody: read-only file \"{}\"; read-only directory \"{}\"; \
         uncreatable directory \"{}\"",
        read_only_file.trim(),
        stderr(&write).trim(),
        stderr(&out).trim()
    );
}

/// A database its owner made read-only (0444) stays read-only: opening it for a read takes
/// away the group and other bits only, and a write is refused as read-only.
#[test]
fn a_database_its_owner_made_read_only_stays_read_only() {
    if !is_root() {
        println!("disk: owner read-only case skipped (not root, cannot switch user)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let path = home.join("fenqi.db");
    let seeded = run(
        &path,
        "2025-01-01",
        &["limit", "set", "--provider", "花呗", "--amount", "100"],
    );
    assert!(seeded.status.success());
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for entry in std::iter::once(home.clone())
        .chain(std::fs::read_dir(&home).unwrap().map(|e| e.unwrap().path()))
    {
        std::os::unix::fs::chown(&entry, Some(65534), Some(65534)).unwrap();
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let Some(read) = run_as_nobody(&path, &["limit", "list"]) else {
        println!("disk: owner read-only case skipped (setpriv unavailable)");
        return;
    };
    assert!(read.status.success(), "{}", stderr(&read));
    assert_eq!(
        mode(&path),
        0o400,
        "opening added or kept bits it should not"
    );
    let write = run_as_nobody(
        &path,
        &["limit", "set", "--provider", "花呗", "--amount", "5"],
    )
    .unwrap();
    assert_clear(&write, 1, "read-only");
    assert_eq!(mode(&path), 0o400);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    println!("disk: owner read-only file: \"{}\"", stderr(&write).trim());
}

/// An import into a database the user may not write (root's 0644 file in a directory anyone
/// may write, like /tmp) gives the read-only line every write gives, in the user's language.
#[test]
fn an_import_into_a_database_the_user_may_not_write_says_read_only() {
    if !is_root() {
        println!("disk: read-only import skipped (not root, cannot switch user)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o1777)).unwrap();
    let source = dir.path().join("source.db");
    let seeded = run(
        &source,
        "2025-01-01",
        &["demo", "--plans", "3", "--seed", "1"],
    );
    assert!(seeded.status.success(), "{}", stderr(&seeded));
    let dump = dir.path().join("dump.json");
    let out = run(
        &source,
        "2025-01-01",
        &[
            "export",
            "--format",
            "json",
            "--out",
            dump.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::set_permissions(&dump, std::fs::Permissions::from_mode(0o644)).unwrap();
    let path = dir.path().join("fenqi.db");
    assert!(run(&path, "2025-01-01", &["card", "list"]).status.success());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let Some(en) = run_as_nobody(&path, &["import", dump.to_str().unwrap()]) else {
        println!("disk: read-only import skipped (setpriv unavailable)");
        return;
    };
    assert_clear(&en, 1, "the database is read-only");
    let zh = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_fenqi"))
        .args(["--lang", "zh", "--db"])
        .arg(&path)
        .arg("import")
        .arg(&dump)
        .env_remove("FENQI_DB")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = stderr(&zh);
    assert_eq!(zh.status.code(), Some(1), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("fenqi: 错误: 数据库是只读的"), "{text}");
    assert!(!text.contains("readonly"), "{text}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    println!(
        "disk: read-only import: \"{}\" / \"{}\"",
        stderr(&en).trim(),
        text.trim()
    );
}

#[test]
fn a_missing_directory_is_created_private_or_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a").join("b").join("fenqi.db");
    let out = run(&nested, "2025-01-01", &["plan", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.path().join("a")), 0o700);
    assert_eq!(mode(&nested), 0o600);
    // A regular file where a directory should be.
    let file = dir.path().join("file");
    std::fs::write(&file, b"keep").unwrap();
    let out = run(&file.join("fenqi.db"), "2025-01-01", &["plan", "list"]);
    assert_clear(&out, 1, "cannot open");
    assert_eq!(std::fs::read(&file).unwrap(), b"keep");
}

#[test]
fn a_directory_where_the_file_should_be_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fenqi.db");
    std::fs::create_dir(&path).unwrap();
    for args in [
        &["plan", "list"][..],
        &["card", "add", "--bank", "X", "--last4", "1234"],
    ] {
        let out = run(&path, "2025-01-01", args);
        assert_clear(&out, 2, "is a directory");
    }
    assert_eq!(std::fs::read_dir(&path).unwrap().count(), 0);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
