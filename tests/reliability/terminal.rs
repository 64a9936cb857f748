//! Scenario 6, every way out: each catchable signal that ends the TUI (not only SIGTERM and
//! SIGHUP) restores the terminal and keeps the half-typed form as a draft; and without a
//! terminal on stdin or stdout the TUI refuses in one line instead of running blind.

use std::fs::File;
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::pty::{Tui, cooked, terminal_restored};

/// Opens the add-plan form on an empty database, types a name, sends `signal` and checks the
/// exit status, the terminal and the draft.
fn signal_with_a_form_open(dir: &Path, signal: &str, number: u32) {
    let db = dir.join("fenqi.db");
    let draft = dir.join("fenqi.db.draft.json");
    let _ = std::fs::remove_file(&draft);
    let mut tui = Tui::start(&db, "en");
    let screen = tui.screen.clone();
    // An empty database (and no draft) starts with the offer of demo data.
    screen.wait_for("Load demo data");
    tui.send("n");
    screen.wait_until("the offer answered", |text| {
        text.contains("No plans yet") && !text.contains("Load demo data")
    });
    tui.send("a");
    screen.wait_for("Esc no preset");
    tui.send("\x1b");
    screen.wait_for("Tab/↓ next");
    let typed = format!("Typed before SIG{signal}");
    tui.send(&typed);
    screen.wait_for(&typed);
    tui.signal(signal);
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 128 + number, "SIG{signal}: {status:?}");
    assert!(
        !tui.screen.alternate(),
        "SIG{signal}: alternate screen left"
    );
    assert!(
        terminal_restored(&tui.screen.raw()),
        "SIG{signal}: no leave-alternate-screen / show-cursor at the end"
    );
    let modes = tui.stty();
    assert!(
        cooked(&modes),
        "SIG{signal}: raw mode is still on:\n{modes}"
    );
    let kept =
        std::fs::read_to_string(&draft).unwrap_or_else(|e| panic!("SIG{signal}: no draft ({e})"));
    assert!(kept.contains(&typed), "SIG{signal}: {kept}");
}

#[test]
fn every_signal_that_ends_the_tui_restores_the_terminal_and_keeps_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let signals = [
        ("INT", libc::SIGINT),
        ("QUIT", libc::SIGQUIT),
        ("USR1", libc::SIGUSR1),
        ("USR2", libc::SIGUSR2),
        ("ALRM", libc::SIGALRM),
    ];
    for (name, number) in signals {
        signal_with_a_form_open(dir.path(), name, number as u32);
    }
    println!(
        "terminal: {} signals (INT, QUIT, USR1, USR2, ALRM) with a form open: exit 128+n, \
         terminal restored, draft kept",
        signals.len()
    );
}

/// A pseudo-terminal's slave side, to stand for a terminal on one of the standard streams
/// (the master side is returned too, and must stay open while the child runs).
fn pseudo_terminal() -> (OwnedFd, OwnedFd) {
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty fills two descriptors it opened; no name, termios or size are passed.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just opened by openpty and are owned by nobody else.
    unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

/// Runs bare `fenqi` (the TUI) with the given stdin and stdout; returns (status, stderr, what
/// reached stdout), killing it if it does not end in time.
fn bare_fenqi(db: &Path, stdin: Stdio, stdout_file: &Path) -> (Option<i32>, String, Vec<u8>) {
    let out = File::create(stdout_file).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_fenqi"))
        .args(["--db", db.to_str().unwrap(), "--lang", "en"])
        .env("TERM", "xterm-256color")
        .env_remove("FENQI_DB")
        .stdin(stdin)
        .stdout(out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let patience = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if patience.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    (
        status.and_then(|s| s.code()),
        stderr,
        std::fs::read(stdout_file).unwrap(),
    )
}

#[test]
fn without_a_terminal_the_tui_refuses_in_one_line_and_suggests_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fenqi.db");
    let out = dir.path().join("out");
    let (keyboard, keys) = pseudo_terminal();
    let cases: Vec<(&str, Stdio, &str)> = vec![
        ("fenqi </dev/null >out", Stdio::null(), "neither is one"),
        (
            "fenqi >out (keys from a terminal)",
            Stdio::from(keys),
            "stdout is not one",
        ),
    ];
    for (what, stdin, reason) in cases {
        let (status, stderr, printed) = bare_fenqi(&db, stdin, &out);
        assert_eq!(status, Some(2), "{what}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{what}: {stderr}");
        assert!(stderr.contains(reason), "{what}: {stderr}");
        assert!(stderr.contains("fenqi plan list"), "{what}: {stderr}");
        assert!(printed.is_empty(), "{what}: wrote {printed:?} to stdout");
        assert!(!db.exists(), "{what}: created the database");
    }
    // stdin a terminal is not enough: a terminal on stdout alone is refused too.
    let (_screen, slave) = pseudo_terminal();
    let mut child = Command::new(env!("CARGO_BIN_EXE_fenqi"))
        .args(["--db", db.to_str().unwrap(), "--lang", "zh"])
        .stdin(Stdio::null())
        .stdout(Stdio::from(slave))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(2), "{stderr}");
    assert!(stderr.contains("标准输入不是终端"), "{stderr}");
    assert!(!db.exists());
    drop(keyboard);
    println!(
        "terminal: 3 starts without a terminal on stdin or stdout: refused in one line, exit 2"
    );
}
