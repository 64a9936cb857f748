//! Scenario 9, where `--out` writes: never over the database however it is reached (a hard
//! link, a bind mount, a symbolic link), never replacing a device, a stream written in place,
//! a dangling link or a loop refused without `--force`; what an interrupted backup left behind
//! cleaned up by the next run; and every message about a file printable and in the user's
//! language (a hostile name, a missing directory, a full disk, a 250-character name).

use std::os::unix::fs::{FileTypeExt, MetadataExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, SystemTime};

use super::disk::{Tmpfs, is_root};
use crate::common::{Db, command_in};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// A database with a few plans, and its bytes.
fn small_db() -> (Db, Vec<u8>) {
    let db = Db::new();
    db.ok("2025-01-01", &["demo", "--plans", "5", "--seed", "3"]);
    let bytes = std::fs::read(&db.path).unwrap();
    (db, bytes)
}

/// Refused in one line naming `--out`, exit 2.
fn assert_refused(out: &Output, needle: &str) {
    let text = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("--out"), "{text}");
    assert!(text.contains(needle), "{needle:?} not in {text}");
}

#[test]
fn force_never_replaces_the_database_however_it_is_reached() {
    let (db, bytes) = small_db();
    let dir = db.dir.path();
    // A hard link: another name, the same file.
    let hard = dir.join("also.db");
    std::fs::hard_link(&db.path, &hard).unwrap();
    // A symbolic link to it from another directory.
    let elsewhere = tempfile::tempdir().unwrap();
    let soft = elsewhere.path().join("link.db");
    symlink(&db.path, &soft).unwrap();
    let mut targets = vec![hard.clone(), soft.clone()];
    // The same directory through a bind mount (root only), where path names differ.
    let bind = tempfile::tempdir().unwrap();
    let mounted = is_root()
        && Command::new("mount")
            .args(["--bind"])
            .arg(dir)
            .arg(bind.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    if mounted {
        targets.push(bind.path().join("fenqi.db"));
        targets.push(bind.path().join("fenqi.db-wal"));
    }
    for target in &targets {
        for args in [
            &["backup", "--force", "--out"][..],
            &["export", "--format", "json", "--force", "--out"],
        ] {
            let mut all = args.to_vec();
            all.push(target.to_str().unwrap());
            let out = db.run(&all);
            assert_refused(&out, "is the database itself");
            assert_eq!(std::fs::read(&db.path).unwrap(), bytes, "{all:?}");
        }
    }
    if mounted {
        let _ = Command::new("umount").arg(bind.path()).status();
    }
    let via = if mounted {
        "a hard link, a symbolic link and a bind mount"
    } else {
        "a hard link and a symbolic link (bind mount skipped: not root)"
    };
    println!(
        "outputs: --force onto the database through {via}: {} refusals, database unchanged",
        targets.len() * 2
    );
}

#[test]
fn devices_streams_and_broken_links() {
    let (db, _) = small_db();
    let dir = db.dir.path();
    // /dev/null stays a device, whoever runs this (root could replace it before).
    let out = db.run(&["backup", "--force", "--out", "/dev/null"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(null.file_type().is_char_device(), "/dev/null was replaced");
    assert_eq!(null.mode() & 0o777, 0o666);
    // /dev/stdout is written in place: the export arrives on stdout.
    let out = db.run(&["export", "--format", "json", "--out", "/dev/stdout"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dump: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(dump["format"], "fenqi");
    // A named pipe is a stream too.
    let fifo = dir.join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = std::thread::spawn({
        let fifo = fifo.clone();
        move || std::fs::read(fifo).unwrap()
    });
    let fifo_arg = fifo.to_str().unwrap();
    let out = db.run(&[
        "export", "--format", "csv", "--what", "plans", "--out", fifo_arg,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = reader.join().unwrap();
    assert!(csv.starts_with(b"id,"), "{}", String::from_utf8_lossy(&csv));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    // A symbolic link to nothing, and a loop of links: refused without --force.
    let dangling = dir.join("dangling.json");
    symlink(dir.join("nowhere/at/all"), &dangling).unwrap();
    let (a, b) = (dir.join("loop-a"), dir.join("loop-b"));
    symlink(&b, &a).unwrap();
    symlink(&a, &b).unwrap();
    for link in [&dangling, &a] {
        let out = db.run(&[
            "export",
            "--format",
            "json",
            "--out",
            link.to_str().unwrap(),
        ]);
        assert_refused(&out, "symbolic link to nothing");
        assert!(std::fs::symlink_metadata(link).unwrap().is_symlink());
        assert!(!dir.join("nowhere").exists());
        // With --force the link itself is replaced, never followed.
        let out = db.run(&[
            "export",
            "--format",
            "json",
            "--force",
            "--out",
            link.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(std::fs::symlink_metadata(link).unwrap().is_file());
    }
    println!(
        "outputs: /dev/null kept a device, /dev/stdout and a fifo written in place, a dangling \
         link and a loop refused without --force"
    );
}

/// Names a fenqi temporary file of the target `name` left by process `pid`.
fn temp_name(name: &str, pid: u32) -> String {
    format!(".{name}.{pid}.fenqi.tmp")
}

/// The id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// Makes `path` look untouched for ten minutes.
fn age(path: &Path) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(600))
        .unwrap();
}

/// Starts `fenqi backup` on a big database and kills it with SIGKILL after `delay`; returns
/// the temporary files it left.
fn kill_a_backup(db: &Db, out_dir: &Path, delay: Duration) -> Vec<PathBuf> {
    let target = out_dir.join("backup.db");
    let mut child = command_in(
        "en",
        &db.path,
        "2025-01-01",
        &["backup", "--force", "--out"],
    )
    .arg(&target)
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    std::thread::sleep(delay);
    let _ = child.kill();
    child.wait().unwrap();
    std::fs::read_dir(out_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".fenqi.tmp"))
        .collect()
}

#[test]
fn what_an_interrupted_backup_left_is_removed_by_the_next_run() {
    let (db, _) = small_db();
    let dir = db.dir.path();
    let out_dir = tempfile::tempdir().unwrap();
    let dead = dead_pid();
    let abandoned = [
        dir.join(temp_name("fenqi-backup-2025-01-01.db", dead)),
        out_dir.path().join(temp_name("fenqi.json", dead)),
    ];
    // Left alone: a live process's, a fresh one, another program's, a directory.
    let live = out_dir
        .path()
        .join(temp_name("fenqi.json", std::process::id()));
    let fresh = out_dir.path().join(temp_name("other.json", dead));
    let foreign = out_dir.path().join(format!(".fenqi.json.{dead}.tmp"));
    let folder = out_dir.path().join(temp_name("dir", dead));
    for path in abandoned.iter().chain([&live, &fresh, &foreign]) {
        std::fs::write(path, b"a full copy of the debts").unwrap();
        if path != &fresh {
            age(path);
        }
    }
    std::fs::create_dir(&folder).unwrap();
    // Any command on the database cleans its directory; an export cleans where it writes.
    let listed = db.run(&["plan", "list"]);
    assert!(listed.status.success());
    assert!(!abandoned[0].exists(), "left beside the database");
    let said = stderr(&listed);
    assert!(
        said.contains("removed") && said.contains(".fenqi-backup-2025-01-01.db."),
        "{said}"
    );
    let target = out_dir.path().join("fenqi.json");
    let out = db.run_in(
        "zh",
        "2025-01-01",
        &[
            "export",
            "--format",
            "json",
            "--out",
            target.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!abandoned[1].exists(), "left beside the export");
    assert!(stderr(&out).contains("已删除"), "{}", stderr(&out));
    for kept in [&live, &fresh, &foreign, &folder] {
        assert!(kept.exists(), "{} was removed", kept.display());
    }
    // The real thing: SIGKILL during backups of a bigger database; whatever they leave is
    // gone after the next run once it is old enough.
    let big = Db::new();
    big.ok("2025-01-01", &["demo", "--plans", "400", "--seed", "5"]);
    let kill_dir = tempfile::tempdir().unwrap();
    let mut left = 0;
    for attempt in 0..8u64 {
        let leftovers = kill_a_backup(
            &big,
            kill_dir.path(),
            Duration::from_millis(5 + attempt * 7),
        );
        for path in &leftovers {
            left += 1;
            age(path);
        }
        let again = command_in(
            "en",
            &big.path,
            "2025-01-01",
            &["backup", "--force", "--out"],
        )
        .arg(kill_dir.path().join("backup.db"))
        .output()
        .unwrap();
        assert!(again.status.success(), "{}", stderr(&again));
        for path in &leftovers {
            assert!(
                !path.exists(),
                "{} survived the next backup",
                path.display()
            );
        }
    }
    println!(
        "outputs: 2 abandoned temporary files removed and announced, 4 look-alikes kept; \
         8 backups killed with SIGKILL left {left}, all removed by the next run"
    );
}

#[test]
fn messages_about_files_are_printable_localised_and_say_what_is_wrong() {
    let (db, _) = small_db();
    let dir = db.dir.path();
    // A hostile name: the escape never reaches the terminal.
    let hostile = dir.join("a\u{1b}[31mred\u{1b}]0;title\u{7}.db");
    let out = db.run(&["backup", "--out", hostile.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(hostile.exists());
    let printed = [out.stdout.clone(), out.stderr.clone()].concat();
    assert!(
        !printed.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&printed)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("a?[31mred"));
    let again = db.run(&["backup", "--out", hostile.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(!again.stderr.contains(&0x1b));
    let export = db.run(&[
        "export",
        "--format",
        "ics",
        "--out",
        hostile.to_str().unwrap(),
        "--force",
    ]);
    assert!(export.status.success());
    assert!(!export.stderr.contains(&0x1b), "{}", stderr(&export));
    // A 250-character name works for a backup and an export.
    let long = dir.join(format!("{}.db", "长".repeat(82)));
    assert!(long.file_name().unwrap().len() > 240);
    for args in [
        &["backup", "--out"][..],
        &["export", "--format", "json", "--force", "--out"],
    ] {
        let mut all = args.to_vec();
        all.push(long.to_str().unwrap());
        let out = db.run(&all);
        assert!(out.status.success(), "{all:?}: {}", stderr(&out));
    }
    let long_ascii = dir.join("x".repeat(250));
    let out = db.run(&["backup", "--out", long_ascii.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // A directory that does not exist, written as one or as its parent.
    for (out_arg, names) in [("newdir/", "newdir/"), ("nodir/x.json", "nodir")] {
        let target = dir.join(out_arg);
        let mut text = target.to_string_lossy().to_string();
        if out_arg.ends_with('/') && !text.ends_with('/') {
            text.push('/');
        }
        let out = db.run(&["export", "--format", "json", "--out", &text]);
        assert_refused(&out, "does not exist");
        assert!(stderr(&out).contains(names), "{}", stderr(&out));
        let zh = db.run_in("zh", "2025-01-01", &["backup", "--out", &text]);
        assert!(stderr(&zh).contains("不存在"), "{}", stderr(&zh));
        assert!(!dir.join("newdir").exists() && !dir.join("nodir").exists());
    }
    // FENQI_DB set to nothing.
    let out = Command::new(env!("CARGO_BIN_EXE_fenqi"))
        .args(["--lang", "en", "plan", "list"])
        .env("FENQI_DB", "")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).lines().count(), 1);
    assert!(
        stderr(&out).contains("FENQI_DB is set but empty"),
        "{}",
        stderr(&out)
    );
    println!(
        "outputs: hostile, 250-character and missing-directory names and an empty FENQI_DB: clear one-line messages"
    );
}

#[test]
fn a_full_disk_is_said_in_the_chosen_language_and_leaves_nothing() {
    let db = Db::new();
    db.ok("2025-01-01", &["demo", "--plans", "300", "--seed", "9"]);
    let tmpfs = Tmpfs::mount("256k");
    let limited = tempfile::tempdir().unwrap();
    let out_dir = tmpfs.as_ref().map_or(limited.path(), |t| t.path());
    for (lang, needle) in [("zh", "无法写入"), ("en", "cannot write")] {
        for args in [
            &["backup", "--out"][..],
            &["export", "--format", "json", "--out"],
        ] {
            let target = out_dir.join("copy");
            let mut command = match &tmpfs {
                Some(_) => command_in(lang, &db.path, "2025-01-01", args),
                None => {
                    let mut sh = Command::new("sh");
                    sh.args(["-c", "trap '' XFSZ; ulimit -f 256; exec \"$@\"", "sh"]);
                    sh.arg(env!("CARGO_BIN_EXE_fenqi"))
                        .args(["--db"])
                        .arg(&db.path)
                        .args(["--today", "2025-01-01", "--lang", lang])
                        .args(args);
                    sh
                }
            };
            let out = command.arg(&target).output().unwrap();
            let text = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{text}");
            assert_eq!(text.lines().count(), 1, "{text}");
            assert!(text.contains(needle), "{text}");
            assert!(!text.contains("os error"), "{text}");
            for english in ["No space", "database or disk", "disk I/O", "File too large"] {
                assert!(!text.contains(english), "{text}");
            }
            let left: Vec<_> = std::fs::read_dir(out_dir).unwrap().collect();
            assert!(left.is_empty(), "{left:?} left on the full disk");
        }
    }
    let how = if tmpfs.is_some() {
        "a 256 KiB tmpfs"
    } else {
        "RLIMIT_FSIZE"
    };
    println!(
        "outputs: backup and export onto a full disk ({how}): one line in zh and en, nothing left"
    );
}
