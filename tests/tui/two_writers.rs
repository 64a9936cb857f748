//! Two writers and a reader: the TUI open in a pty while two CLI loops (`plan add`, `pay`)
//! write to the same database; the TUI records repayments meanwhile. Every acknowledged write
//! must be in the database, nothing may say "locked", and the TUI must show the new rows by
//! itself (it watches `PRAGMA data_version`), without a key press.
//!
//! The loops run 1 s in `cargo test` and 30 s in the stress tier (`cargo test -- --ignored`);
//! `FENQI_TWO_WRITERS_SECS` sets another length (`tests/reliability/two_writers.sh SECONDS`).

use crate::common;

use std::process::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::pty::{TODAY, Tui, cli_json};

/// How long the CLI loops write, in seconds: `FENQI_TWO_WRITERS_SECS`, else `default`.
fn loop_seconds(default: u64) -> u64 {
    std::env::var("FENQI_TWO_WRITERS_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// One CLI run in a loop: its output and how long it took.
struct Run {
    out: Output,
    took: Duration,
}

/// Runs `args(i)` for i = 0, 1, … until `stop`; returns every run.
fn cli_loop(
    db: std::path::PathBuf,
    stop: Arc<AtomicBool>,
    args: impl Fn(usize) -> Vec<String> + Send + 'static,
) -> std::thread::JoinHandle<Vec<Run>> {
    std::thread::spawn(move || {
        let mut runs = Vec::new();
        let mut i = 0;
        while !stop.load(Ordering::SeqCst) {
            let args = args(i);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let start = Instant::now();
            let out = common::run(&db, TODAY, &args);
            runs.push(Run {
                out,
                took: start.elapsed(),
            });
            i += 1;
        }
        runs
    })
}

fn plan_args(name: &str, principal: &str, first_due: &str) -> Vec<String> {
    [
        "plan",
        "add",
        "--name",
        name,
        "--provider",
        "循环",
        "--principal",
        principal,
        "--periods",
        "12",
        "--monthly-fee",
        "0.6%",
        "--first-due",
        first_due,
        "--json",
    ]
    .map(String::from)
    .to_vec()
}

fn new_id(run: &Run) -> i64 {
    let value: serde_json::Value = serde_json::from_slice(&run.out.stdout).unwrap();
    value["id"].as_i64().unwrap()
}

fn said_locked(run: &Run) -> bool {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&run.out.stdout),
        String::from_utf8_lossy(&run.out.stderr)
    );
    text.to_lowercase().contains("locked")
}

#[test]
fn two_cli_loops_and_the_tui_lose_nothing_and_the_tui_sees_it_all() {
    two_writers_run(loop_seconds(1));
}

#[test]
#[ignore = "stress tier: `cargo test -- --ignored` (.ci/run runs it)"]
fn two_cli_loops_and_the_tui_lose_nothing_and_the_tui_sees_it_all_at_length() {
    two_writers_run(loop_seconds(30));
}

/// The TUI and two CLI loops on one database for `seconds`, then everything checked.
fn two_writers_run(seconds: u64) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fenqi.db");
    // The TUI pays plan 1 (due first, so it stays selected at the top); the pay loop pays plan 2.
    let add = |name: &str, first_due: &str| {
        let args = plan_args(name, "6000", first_due);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        cli_json(&db, &args)["id"].clone()
    };
    let tui_plan = add("TUI 付款", "2025-03-12");
    let loop_plan = add("循环付款", "2025-06-15");
    let loop_plan = loop_plan.as_i64().unwrap().to_string();

    let mut tui = Tui::start(&db, "en");
    let screen = tui.screen.clone();
    screen.wait_for("Plans (2)");

    // Watch the TUI's screen throughout for anything about a lock or an error popup.
    let stop_watch = Arc::new(AtomicBool::new(false));
    let seen_bad: Arc<Mutex<Option<String>>> = Arc::default();
    let watcher = {
        let (screen, stop, seen_bad) = (
            screen.clone(),
            Arc::clone(&stop_watch),
            Arc::clone(&seen_bad),
        );
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                let text = screen.text();
                if text.to_lowercase().contains("locked") || text.contains(" Error ") {
                    *seen_bad.lock().unwrap() = Some(text);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        })
    };

    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let adds = cli_loop(db.clone(), Arc::clone(&stop), |i| {
        plan_args(&format!("loop-{i}"), "1200", "2026-01-20")
    });
    let pays = cli_loop(db.clone(), Arc::clone(&stop), move |_| {
        [
            "pay", &loop_plan, "--amount", "1.00", "--ref", "loop", "--json",
        ]
        .map(String::from)
        .to_vec()
    });

    // Three repayments from the TUI while both loops write.
    std::thread::sleep(Duration::from_millis(500));
    for _ in 0..3 {
        tui.send("p");
        screen.wait_for("Record a repayment: TUI 付款");
        tui.send("\r");
        screen.wait_for("Repayment of 536.00 recorded.");
    }
    let tui_done = started.elapsed();
    let remaining = Duration::from_secs(seconds).saturating_sub(started.elapsed());
    std::thread::sleep(remaining);
    stop.store(true, Ordering::SeqCst);
    let adds = adds.join().unwrap();
    let pays = pays.join().unwrap();
    let loops_done = started.elapsed();

    // Every run was acknowledged (exit 0) and none mentioned a lock.
    for run in adds.iter().chain(&pays) {
        assert!(
            run.out.status.success(),
            "{:?}: {}",
            run.out.status,
            String::from_utf8_lossy(&run.out.stderr)
        );
        assert!(!said_locked(run));
    }
    let added: Vec<i64> = adds.iter().map(new_id).collect();
    let paid: Vec<i64> = pays.iter().map(new_id).collect();
    assert!(!added.is_empty() && !paid.is_empty());

    // Every acknowledged write is in the database.
    let plans = cli_json(&db, &["plan", "list", "--json"]);
    let plans = plans.as_array().unwrap();
    for (i, id) in added.iter().enumerate() {
        let plan = plans
            .iter()
            .find(|p| p["id"] == *id)
            .unwrap_or_else(|| panic!("plan #{id} was acknowledged but is missing"));
        assert_eq!(plan["name"], format!("loop-{i}"));
    }
    assert_eq!(plans.len(), 2 + added.len());
    let history = cli_json(&db, &["history", "--json"]);
    let history = history.as_array().unwrap();
    for id in &paid {
        let payment = history
            .iter()
            .find(|p| p["id"] == *id)
            .unwrap_or_else(|| panic!("repayment #{id} was acknowledged but is missing"));
        assert_eq!(payment["amount"], "1.00");
        assert_eq!(payment["reference"], "loop");
    }
    let tui_payments: Vec<_> = history
        .iter()
        .filter(|p| p["plan_id"] == tui_plan)
        .collect();
    assert_eq!(tui_payments.len(), 3, "the TUI's three repayments");
    assert!(tui_payments.iter().all(|p| p["amount"] == "536.00"));
    assert_eq!(history.len(), paid.len() + 3);

    // With no key pressed since, the TUI shows the final counts on its own.
    let plans_title = format!("Plans ({})", plans.len());
    let history_title = format!("History ({})", history.len());
    let refresh_wait = Instant::now();
    screen.wait_until("the final counts", |text| {
        text.contains(&plans_title) && text.contains(&history_title)
    });
    let refresh_took = refresh_wait.elapsed();
    stop_watch.store(true, Ordering::SeqCst);
    watcher.join().unwrap();
    if let Some(text) = seen_bad.lock().unwrap().take() {
        panic!("the TUI showed a lock or an error:\n{text}");
    }

    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");

    let slowest = |runs: &[Run]| runs.iter().map(|r| r.took).max().unwrap_or_default();
    eprintln!(
        "two writers: {:.1} s of loops; plan add {} ok (slowest {:?}), pay {} ok (slowest {:?}); \
         TUI: 3 repayments done after {:.1} s; final counts on screen {:?} after the loops; \
         0 failures, 0 \"locked\"",
        loops_done.as_secs_f64(),
        added.len(),
        slowest(&adds),
        paid.len(),
        slowest(&pays),
        tui_done.as_secs_f64(),
        refresh_took,
    );
}
