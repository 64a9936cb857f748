//! Scenario 2 (command-line part): two CLI loops writing at once while a third process keeps
//! reading, as the TUI does. No write may be lost and no "database is locked" may reach a user.
//! The loops run 1 s in `cargo test` and 30 s in the stress tier (`cargo test -- --ignored`);
//! `FENQI_WRITERS_SECS` sets another length.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::consistency::assert_consistent;
use super::rng::env_count;
use crate::common::{BIG_PLAN, Db, run};

/// What one loop saw: acknowledged repayment ids, and every failure's stderr.
struct LoopResult {
    acked: Vec<i64>,
    failures: Vec<String>,
}

fn writer(path: PathBuf, plan: i64, seconds: u64) -> LoopResult {
    let mut result = LoopResult {
        acked: Vec::new(),
        failures: Vec::new(),
    };
    let until = Instant::now() + Duration::from_secs(seconds);
    let plan_text = plan.to_string();
    while Instant::now() < until {
        let out = run(
            &path,
            "2025-01-10",
            &["pay", &plan_text, "--amount", "1.00", "--json"],
        );
        if out.status.success() {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            result.acked.push(v["id"].as_i64().unwrap());
        } else {
            result
                .failures
                .push(String::from_utf8_lossy(&out.stderr).to_string());
        }
    }
    result
}

fn reader(path: &Path, stop: &AtomicBool) -> (usize, Vec<String>) {
    let mut reads = 0;
    let mut failures = Vec::new();
    while !stop.load(Ordering::Relaxed) {
        for args in [
            &["due", "--json"][..],
            &["plan", "list", "--json"],
            &["history", "--json"],
        ] {
            let out = run(path, "2025-01-10", args);
            reads += 1;
            if !out.status.success() {
                failures.push(String::from_utf8_lossy(&out.stderr).to_string());
            }
        }
    }
    (reads, failures)
}

#[test]
fn two_cli_writers_and_a_reader_lose_nothing_and_never_show_a_lock() {
    two_writers_run(env_count("FENQI_WRITERS_SECS", 1) as u64);
}

#[test]
#[ignore = "stress tier: `cargo test -- --ignored` (.ci/run runs it)"]
fn two_cli_writers_and_a_reader_lose_nothing_and_never_show_a_lock_at_length() {
    two_writers_run(env_count("FENQI_WRITERS_SECS", 30) as u64);
}

/// Two writer loops and a reader loop for `seconds`; then every acknowledged write is there.
fn two_writers_run(seconds: u64) {
    let db = Db::new();
    let first = db.json("2025-01-01", BIG_PLAN)["id"].as_i64().unwrap();
    let second = db.json("2025-01-01", BIG_PLAN)["id"].as_i64().unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let (a, b, (reads, read_failures)) = std::thread::scope(|s| {
        let path = db.path.clone();
        let one = s.spawn(move || writer(path, first, seconds));
        let path = db.path.clone();
        let two = s.spawn(move || writer(path, second, seconds));
        let stop_reader = Arc::clone(&stop);
        let path = db.path.clone();
        let three = s.spawn(move || reader(&path, &stop_reader));
        let a = one.join().unwrap();
        let b = two.join().unwrap();
        stop.store(true, Ordering::Relaxed);
        (a, b, three.join().unwrap())
    });
    let failures: Vec<&String> = a
        .failures
        .iter()
        .chain(&b.failures)
        .chain(&read_failures)
        .collect();
    assert!(
        failures.is_empty(),
        "failures shown to the user: {failures:?}"
    );
    assert_consistent(&db.path);
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    for id in a.acked.iter().chain(&b.acked) {
        let found: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM repayments WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert!(found, "acknowledged repayment {id} lost");
    }
    let total: i64 = conn
        .query_row("SELECT count(*) FROM repayments", [], |r| r.get(0))
        .unwrap();
    assert_eq!(total as usize, a.acked.len() + b.acked.len());
    println!(
        "concurrent: {seconds} s, {} + {} acknowledged writes from two CLI loops and {reads} reads; \
         0 lost, 0 'database is locked' shown",
        a.acked.len(),
        b.acked.len()
    );
}
