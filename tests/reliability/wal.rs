//! Scenario 10, what is opened: a `-wal` is merged only into the database it was written on
//! (another database's, one left beside an older copy or a restored backup is set aside,
//! kept, never merged; one a running connection uses is never touched); commands started at
//! once on a database that does not exist yet all succeed; read commands work on read-only
//! media and leave a backup byte for byte as it was.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use rusqlite::Connection;

use super::disk::{Tmpfs, is_root};
use crate::common::{Db, command, plan_add_args, run};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, "2025-03-01", args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// What `plan list --json`, `history --json` and `card list --json` print: the data as a user
/// sees it.
fn seen(db: &Path) -> String {
    ["plan list", "history", "card list", "limit list"]
        .iter()
        .map(|command| {
            let mut args: Vec<&str> = command.split(' ').collect();
            args.push("--json");
            ok(db, &args)
        })
        .collect()
}

fn wal_of(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

/// The files in `dir` whose names contain `needle`.
fn files_named(dir: &Path, needle: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().contains(needle))
        .collect()
}

/// Runs `steps` while another connection keeps the database open (so their commits stay in
/// the `-wal`, as when a TUI is killed), and returns the `-wal` as it was then.
fn wal_of_a_killed_session(db: &Path, steps: &[Vec<&str>]) -> Vec<u8> {
    let holder = Connection::open(db).unwrap();
    let _: i64 = holder
        .query_row("SELECT count(*) FROM plans", [], |r| r.get(0))
        .unwrap();
    for step in steps {
        ok(db, step);
    }
    let wal = std::fs::read(wal_of(db)).unwrap();
    assert!(wal.len() > 32, "the steps left nothing in the -wal");
    drop(holder);
    wal
}

/// A database with a few plans, cleanly closed.
fn demo_db(seed: &str) -> Db {
    let db = Db::new();
    ok(&db.path, &["demo", "--plans", "4", "--seed", seed]);
    db
}

/// Writes after the moment a test keeps: a plan, a card, a limit.
fn later_writes() -> Vec<Vec<&'static str>> {
    vec![
        plan_add_args("后来", "花呗", "2025-04-01"),
        vec!["card", "add", "--bank", "后来", "--last4", "9999"],
        vec!["limit", "set", "--provider", "花呗", "--amount", "7777"],
    ]
}

/// Opens `db` (with a foreign `-wal` beside it) and checks that fenqi shows `expected`, said
/// so in one line, kept the `-wal` under another name and merged nothing.
fn assert_set_aside(db: &Path, wal: &[u8], expected: &str) {
    std::fs::write(wal_of(db), wal).unwrap();
    let out = run(db, "2025-03-01", &["plan", "list", "--json"]);
    let said = stderr(&out);
    assert!(out.status.success(), "{said}");
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("did not belong"), "{said}");
    assert!(said.contains("not merged"), "{said}");
    let kept = files_named(db.parent().unwrap(), "-wal.set-aside-");
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read(&kept[0]).unwrap(),
        wal,
        "the -wal was not kept as it was"
    );
    assert_eq!(seen(db), expected, "foreign data was merged");
    let check = run(db, "2025-03-01", &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn a_wal_left_by_a_killed_session_is_merged() {
    let db = demo_db("1");
    let before = std::fs::read(&db.path).unwrap();
    let wal = wal_of_a_killed_session(&db.path, &later_writes());
    let expected = seen(&db.path);
    // The database file as the session left it, and its -wal: a crash.
    let crash = Db::new();
    std::fs::write(&crash.path, &before).unwrap();
    std::fs::write(wal_of(&crash.path), &wal).unwrap();
    let out = run(&crash.path, "2025-03-01", &["plan", "list", "--json"]);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        seen(&crash.path),
        expected,
        "the session's commits were lost"
    );
    assert!(files_named(crash.dir.path(), "set-aside").is_empty());
    assert!(run(&crash.path, "2025-03-01", &["check"]).status.success());
    // An older copy that is exactly what that -wal was written on takes it too.
    let same = Db::new();
    std::fs::write(&same.path, &before).unwrap();
    std::fs::write(wal_of(&same.path), &wal).unwrap();
    assert_eq!(seen(&same.path), expected);
    println!("wal: a killed session's -wal merged into the file it was written on (twice)");
}

#[test]
fn another_databases_wal_is_set_aside_not_merged() {
    let mine = demo_db("1");
    let other = demo_db("2");
    let foreign = wal_of_a_killed_session(&other.path, &later_writes());
    let expected = seen(&mine.path);
    assert_set_aside(&mine.path, &foreign, &expected);
    println!("wal: another database's -wal set aside, kept, not merged; check ok");
}

#[test]
fn an_older_copy_restored_over_a_killed_session_keeps_its_own_data() {
    let db = demo_db("3");
    let older = std::fs::read(&db.path).unwrap();
    let expected = seen(&db.path);
    // A change after the copy, then a session killed with more in its -wal.
    ok(
        &db.path,
        &["card", "add", "--bank", "之后", "--last4", "4321"],
    );
    let wal = wal_of_a_killed_session(&db.path, &later_writes());
    std::fs::write(&db.path, &older).unwrap();
    assert_set_aside(&db.path, &wal, &expected);
    println!(
        "wal: an older copy restored beside a killed session's -wal: set aside, the copy's data intact"
    );
}

#[test]
fn a_backup_restored_beside_a_stale_wal_opens_with_its_own_data() {
    let db = demo_db("4");
    let backup = db.dir.path().join("backup.db");
    ok(&db.path, &["backup", "--out", backup.to_str().unwrap()]);
    let expected = seen(&backup);
    let wal = wal_of_a_killed_session(&db.path, &later_writes());
    std::fs::copy(&backup, &db.path).unwrap();
    assert_set_aside(&db.path, &wal, &expected);
    println!(
        "wal: a fenqi backup restored beside a stale -wal: the -wal set aside, the backup opens (was \"damaged\")"
    );
}

#[test]
fn another_programs_wal_cannot_be_shown_to_belong_and_is_set_aside() {
    let db = demo_db("5");
    let expected = seen(&db.path);
    let holder = Connection::open(&db.path).unwrap();
    holder
        .execute(
            "INSERT INTO credit_limits (provider, limit_cents) VALUES ('外来', 1)",
            [],
        )
        .unwrap();
    let wal = std::fs::read(wal_of(&db.path)).unwrap();
    holder
        .execute("DELETE FROM credit_limits WHERE provider = '外来'", [])
        .unwrap();
    drop(holder);
    assert_set_aside(&db.path, &wal, &expected);
}

#[test]
fn a_wal_in_use_is_never_touched() {
    let db = demo_db("6");
    let holder = Connection::open(&db.path).unwrap();
    holder
        .execute(
            "INSERT INTO credit_limits (provider, limit_cents) VALUES ('在用', 100)",
            [],
        )
        .unwrap();
    ok(&db.path, &later_writes()[0]);
    let limits = ok(&db.path, &["limit", "list", "--json"]);
    assert!(
        limits.contains("在用"),
        "{limits} set aside: {:?}",
        files_named(db.dir.path(), "set-aside")
    );
    assert!(files_named(db.dir.path(), "set-aside").is_empty());
    drop(holder);
    assert!(ok(&db.path, &["limit", "list", "--json"]).contains("在用"));
    println!("wal: a -wal a running connection uses: never set aside");
}

/// Starts fenqi without waiting for it.
fn spawn(db: &Path, args: &[&str]) -> Child {
    command(db, "2025-01-01", args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn commands_started_at_once_on_a_new_database_all_succeed() {
    started_at_once(6);
}

#[test]
#[ignore = "stress tier: `cargo test -- --ignored` (.ci/run runs it)"]
fn commands_started_at_once_on_a_new_database_all_succeed_at_length() {
    started_at_once(30);
}

/// `rounds` (or `FENQI_CREATE_ROUNDS`) times, six commands at once on a new database.
fn started_at_once(rounds: usize) {
    let rounds = super::rng::env_count("FENQI_CREATE_ROUNDS", rounds);
    let mut started = 0;
    for round in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("new").join("fenqi.db");
        let commands: Vec<Vec<&str>> = vec![
            plan_add_args("一", "花呗", "2025-02-01"),
            plan_add_args("二", "白条", "2025-02-01"),
            plan_add_args("三", "小米分期", "2025-02-01"),
            vec!["card", "add", "--bank", "招商", "--last4", "1234"],
            vec!["plan", "list"],
            vec!["due"],
        ];
        let children: Vec<Child> = commands.iter().map(|args| spawn(&db, args)).collect();
        started += children.len();
        for (child, args) in children.into_iter().zip(&commands) {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}, {args:?}: {}",
                stderr(&out)
            );
        }
        let plans: serde_json::Value =
            serde_json::from_str(&ok(&db, &["plan", "list", "--json"])).unwrap();
        assert_eq!(plans.as_array().unwrap().len(), 3, "round {round}");
        assert!(run(&db, "2025-01-01", &["check"]).status.success());
    }
    println!(
        "wal: {rounds} rounds of 6 commands started at once on a new database: {started} of {started} succeeded"
    );
}

/// Runs every read command on `db`; each must succeed.
fn read_everything(db: &Path, out_dir: &Path) -> usize {
    let backup = out_dir.join("copy.db");
    let export = out_dir.join("all.json");
    let reads: Vec<Vec<&str>> = vec![
        vec!["plan", "list"],
        vec!["plan", "show", "1"],
        vec!["due", "--json"],
        vec!["history"],
        vec!["card", "list"],
        vec!["limit", "list"],
        vec!["summary", "--json"],
        vec!["advise", "--cash", "1000"],
        vec!["check"],
        vec![
            "export",
            "--format",
            "json",
            "--out",
            export.to_str().unwrap(),
        ],
        vec!["export", "--format", "csv"],
        vec!["backup", "--out", backup.to_str().unwrap()],
    ];
    for args in &reads {
        let out = run(db, "2025-03-01", args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    reads.len()
}

#[test]
fn reading_a_backup_leaves_it_byte_for_byte() {
    let db = demo_db("7");
    let shelf = tempfile::tempdir().unwrap();
    let backup = shelf.path().join("fenqi-backup.db");
    ok(&db.path, &["backup", "--out", backup.to_str().unwrap()]);
    let bytes = std::fs::read(&backup).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let reads = read_everything(&backup, elsewhere.path());
    assert_eq!(
        std::fs::read(&backup).unwrap(),
        bytes,
        "reading changed the backup"
    );
    let beside: Vec<_> = std::fs::read_dir(shelf.path()).unwrap().collect();
    assert_eq!(
        beside.len(),
        1,
        "reading left files beside the backup: {beside:?}"
    );
    println!("wal: {reads} read commands on a backup: its bytes unchanged, nothing beside it");
}

#[test]
fn a_database_on_a_read_only_disk_can_be_read() {
    let Some(disk) = Tmpfs::mount("4m") else {
        println!("wal: read-only disk skipped (mount refused)");
        return;
    };
    let path = disk.path().join("fenqi.db");
    ok(&path, &["demo", "--plans", "4", "--seed", "8"]);
    let expected = seen(&path);
    let bytes = std::fs::read(&path).unwrap();
    disk.remount_read_only();
    let elsewhere = tempfile::tempdir().unwrap();
    let reads = read_everything(&path, elsewhere.path());
    assert_eq!(seen(&path), expected);
    let write = run(
        &path,
        "2025-03-01",
        &["card", "add", "--bank", "X", "--last4", "1111"],
    );
    assert_eq!(write.status.code(), Some(1), "{}", stderr(&write));
    assert!(stderr(&write).contains("read-only"), "{}", stderr(&write));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    println!("wal: {reads} read commands on a read-only disk: all work; a write says read-only");
}

#[test]
fn a_read_only_file_in_a_directory_one_may_not_write_can_be_read() {
    if !is_root() {
        println!("wal: unprivileged reader skipped (not root)");
        return;
    }
    let db = demo_db("9");
    let shelf = tempfile::tempdir().unwrap();
    let path = shelf.path().join("fenqi.db");
    std::fs::copy(&db.path, &path).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(shelf.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(out_dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    // Read as root, it would be made owner-only (0400) first: the expected output comes from
    // the original.
    let expected = ok(&db.path, &["plan", "list", "--json"]);
    let as_nobody = |args: &[&str]| {
        let mut setpriv = Command::new("setpriv");
        setpriv.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        crate::common::command_via(setpriv, &path, "2025-03-01", args).output()
    };
    let Ok(probe) = as_nobody(&["plan", "list", "--json"]) else {
        println!("wal: unprivileged reader skipped (setpriv unavailable)");
        return;
    };
    if stderr(&probe).starts_with("setpriv:") {
        println!("wal: unprivileged reader skipped (setpriv refused)");
        return;
    }
    assert!(probe.status.success(), "{}", stderr(&probe));
    assert_eq!(String::from_utf8_lossy(&probe.stdout), expected);
    let export = out_dir.path().join("all.json");
    for args in [
        &["due", "--json"][..],
        &["summary"],
        &["history"],
        &["check"],
        &[
            "export",
            "--format",
            "json",
            "--out",
            export.to_str().unwrap(),
        ],
    ] {
        let out = as_nobody(args).unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    println!(
        "wal: a 0444 file in a directory the reader may not write: read as user nobody, unchanged"
    );
}

/// `plan add` killed with SIGKILL at random moments; after each kill fenqi itself is the first
/// to open the database (no other connection merges the `-wal` for it), and finds every plan
/// it acknowledged and nothing set aside.
fn killed_writers_then_fenqi_opens_first(kills: usize) {
    use std::os::unix::process::ExitStatusExt;
    use std::time::{Duration, Instant};
    let mut rng = super::rng::rng_from_env("wal kills");
    let db = demo_db("10");
    let mut acked: Vec<i64> = Vec::new();
    let mut estimate = Duration::from_millis(40);
    let (mut killed, mut merged, mut operations) = (0, 0, 0);
    while killed < kills {
        operations += 1;
        let name = format!("kill {operations}");
        let mut args = plan_add_args(&name, "花呗", "2025-04-01");
        args.push("--json");
        let started = Instant::now();
        let mut child = command(&db.path, "2025-03-01", &args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let try_kill = rng.below(3) != 0;
        if try_kill {
            let window = estimate.as_micros() as u64 * 5 / 4;
            std::thread::sleep(Duration::from_micros(rng.below(window + 1)));
            let _ = child.kill();
        }
        let out = child.wait_with_output().unwrap();
        if out.status.signal() == Some(9) {
            killed += 1;
            if std::fs::metadata(wal_of(&db.path)).is_ok_and(|m| m.len() > 0) {
                merged += 1;
            }
            let listed = run(&db.path, "2025-03-01", &["plan", "list", "--json"]);
            assert!(listed.status.success(), "{}", stderr(&listed));
            assert!(listed.stderr.is_empty(), "{}", stderr(&listed));
            let plans: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
            let ids: Vec<i64> = plans
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_i64().unwrap())
                .collect();
            for id in &acked {
                assert!(
                    ids.contains(id),
                    "acknowledged plan {id} lost after kill {killed}"
                );
            }
            assert!(files_named(db.dir.path(), "set-aside").is_empty());
            continue;
        }
        assert!(out.status.success(), "{}", stderr(&out));
        estimate = (estimate * 3 + started.elapsed()) / 4;
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        acked.push(v["id"].as_i64().unwrap());
    }
    assert!(run(&db.path, "2025-03-01", &["check"]).status.success());
    println!(
        "wal: {killed} plan adds killed with SIGKILL over {operations} ({merged} left a -wal for \
         fenqi to open first): {} acknowledged plans all present, 0 set aside",
        acked.len()
    );
}

#[test]
fn after_kill_9_fenqi_opens_first_and_keeps_every_acknowledged_write() {
    killed_writers_then_fenqi_opens_first(super::rng::env_count("FENQI_KILLS", 12));
}

#[test]
#[ignore = "stress tier: `cargo test -- --ignored` (.ci/run runs it)"]
fn after_kill_9_fenqi_opens_first_and_keeps_every_acknowledged_write_at_length() {
    killed_writers_then_fenqi_opens_first(super::rng::env_count("FENQI_KILLS", 200));
}
