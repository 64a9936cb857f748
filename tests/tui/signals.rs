//! Signals and panics in a real pseudo-terminal: SIGHUP exits 129 and SIGTERM 143, a panic
//! exits non-zero with one clean line; each leaves the alternate screen, shows the cursor and
//! turns raw mode off; a half-typed form survives a signal as a draft the next start offers.

use crate::common;

use common::pty::{Tui, cli_json, cooked, raw_mode, terminal_restored};

fn add_plan(db: &std::path::Path) {
    let mut args = common::plan_add_args("小米 14", "小米分期", "2025-03-15");
    args.push("--json");
    cli_json(db, &args);
}

/// Asserts the process ended with `code` and left the terminal as it found it.
fn assert_ended_cleanly(tui: &mut Tui, code: u32) {
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), code, "{status:?}");
    assert!(!tui.screen.alternate(), "the alternate screen was left");
    assert!(
        terminal_restored(&tui.screen.raw()),
        "no leave-alternate-screen / show-cursor after the last enter / hide"
    );
    let modes = tui.stty();
    assert!(cooked(&modes), "raw mode is still on:\n{modes}");
}

#[test]
fn sighup_keeps_a_half_typed_plan_and_the_next_start_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fenqi.db");
    let draft = dir.path().join("fenqi.db.draft.json");
    let mut tui = Tui::start(&db, "en");
    let screen = tui.screen.clone();
    screen.wait_for("Load demo data");
    assert!(raw_mode(&tui.stty()), "the TUI runs in raw mode");
    tui.send("n");
    screen.wait_for("No plans yet");
    tui.send("a");
    screen.wait_for("Esc no preset");
    tui.send("\x1b");
    screen.wait_for("Tab/↓ next");
    for key in ["草稿 Phone", "\t", "花呗", "\t", "1234"] {
        tui.send(key);
    }
    screen.wait_for("1234");
    tui.signal("HUP");
    assert_ended_cleanly(&mut tui, 128 + 1);

    let text = std::fs::read_to_string(&draft).expect("a draft was saved");
    assert!(
        text.contains("草稿 Phone") && text.contains("1234"),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&draft).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    let mut tui = Tui::start(&db, "en");
    let screen = tui.screen.clone();
    screen.wait_for("fenqi was stopped while a form was open.");
    assert!(!screen.text().contains("Load demo data"), "one question");
    tui.send("y");
    screen.wait_for("Draft restored");
    let text = screen.text();
    assert!(text.contains("Add a plan"), "{text}");
    assert!(
        text.contains("草稿 Phone") && text.contains("花呗"),
        "{text}"
    );
    assert!(text.contains("1234"), "{text}");
    assert!(!draft.exists(), "a restored draft is not offered twice");
    tui.send("\x1b");
    screen.wait_for("No plans yet");
    tui.send("q");
    assert_ended_cleanly(&mut tui, 0);
}

/// Opens the repayment form, types `amount` over the amount due, and sends SIGTERM.
fn terminate_with_a_payment_typed(db: &std::path::Path, amount: &str) {
    let mut tui = Tui::start(db, "zh");
    let screen = tui.screen.clone();
    screen.wait_for("小米 14");
    tui.send("p");
    screen.wait_for("记录还款");
    tui.send("\u{15}");
    tui.send(amount);
    screen.wait_until(&format!("amount {amount}"), |t| {
        t.lines()
            .any(|l| l.contains("▸金额") && l.contains(amount) && !l.contains("536"))
    });
    tui.signal("TERM");
    assert_ended_cleanly(&mut tui, 128 + 15);
}

/// Starts on a saved draft, answers its offer with `key` and waits for `outcome`.
fn answer_the_draft_offer(db: &std::path::Path, key: &str, outcome: &str) -> Tui {
    let mut tui = Tui::start(db, "zh");
    tui.screen.wait_for("要恢复已输入的内容吗");
    tui.send(key);
    tui.screen.wait_for(outcome);
    tui
}

#[test]
fn sigterm_keeps_a_half_typed_payment_that_can_be_restored_or_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fenqi.db");
    let draft = dir.path().join("fenqi.db.draft.json");
    add_plan(&db);

    // SIGTERM with the repayment form open; the next start restores it, and it saves.
    terminate_with_a_payment_typed(&db, "100");
    assert!(draft.exists());

    let mut tui = answer_the_draft_offer(&db, "y", "已恢复草稿");
    let screen = tui.screen.clone();
    tui.send("\r");
    screen.wait_for("100.00");
    tui.send("q");
    assert_ended_cleanly(&mut tui, 0);
    let history = cli_json(&db, &["history", "--json"]);
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert_eq!(history[0]["amount"], "100.00");

    // Again, and this time the draft is declined: gone, and not offered again.
    terminate_with_a_payment_typed(&db, "7");
    let mut tui = answer_the_draft_offer(&db, "n", "已丢弃草稿");
    assert!(!draft.exists());
    tui.send("q");
    assert_ended_cleanly(&mut tui, 0);
    let mut tui = Tui::start(&db, "zh");
    let screen = tui.screen.clone();
    screen.wait_for("小米 14");
    // A draft offer would be on the first frame and would take the next key; the help the key
    // opens shows the main screen had it.
    tui.send("?");
    screen.wait_for("Tab / Shift-Tab");
    assert!(!screen.text().contains("要恢复"), "{}", screen.text());
    tui.send("\x1b");
    screen.wait_until("the help closed", |text| !text.contains("Tab / Shift-Tab"));
    tui.signal("TERM");
    assert_ended_cleanly(&mut tui, 128 + 15);
    assert!(!draft.exists(), "no form open, no draft");
    assert_eq!(
        cli_json(&db, &["history", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_panic_restores_the_terminal_and_says_only_where() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fenqi.db");
    add_plan(&db);
    let mut tui = Tui::start_with_env(&db, "en", &[("FENQI_TEST_PANIC", "1")]);
    let status = tui.wait_exit();
    assert!(!status.success(), "{status:?}");
    assert_eq!(status.exit_code(), 101, "Rust's exit status for a panic");
    assert!(!tui.screen.alternate());
    assert!(terminal_restored(&tui.screen.raw()));
    let modes = tui.stty();
    assert!(cooked(&modes), "raw mode is still on:\n{modes}");
    let text = tui.screen.text();
    assert!(
        text.contains("fenqi: internal error at src/tui/run.rs:"),
        "{text}"
    );
    assert!(text.contains("The terminal was restored"), "{text}");
    assert!(
        !text.contains("FENQI_TEST_PANIC is set"),
        "no panic payload: {text}"
    );
    assert!(!text.contains("RUST_BACKTRACE"), "{text}");
    assert!(!text.contains("小米"), "no data: {text}");
}
