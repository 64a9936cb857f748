//! A terminal that goes away (its window closed, tmux killed) ends the TUI: it must not keep
//! running, spinning on the end-of-file of a hung-up terminal. Driven through tmux, which
//! closes the pane's terminal the way a terminal emulator does.

use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_fenqi");

/// Runs tmux on a private socket so no user session is touched.
fn tmux(socket: &str, args: &[&str]) -> std::process::Output {
    Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .expect("tmux runs")
}

/// True while the process exists and has not finished (a zombie has finished).
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|stat| {
            let state = stat.rsplit(')').next().unwrap_or("").trim_start();
            !state.starts_with('Z') && !state.starts_with('X')
        })
        .unwrap_or(false)
}

#[test]
fn closing_the_terminal_ends_the_tui() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required under CI (.ci/run installs it)"
        );
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fenqi.db");
    let socket = format!("fenqi-hangup-{}", std::process::id());
    let command = format!(
        "'{BIN}' --db '{}' --today 2025-03-10 --lang en",
        db.display()
    );
    let started = tmux(
        &socket,
        &[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "80",
            "-y",
            "24",
            &command,
        ],
    );
    assert!(started.status.success(), "{started:?}");
    let pid_text = tmux(
        &socket,
        &["display-message", "-p", "-t", "t", "#{pane_pid}"],
    );
    let pid: u32 = String::from_utf8_lossy(&pid_text.stdout)
        .trim()
        .parse()
        .expect("tmux names the pane's process");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let screen = tmux(&socket, &["capture-pane", "-p", "-t", "t"]);
        if String::from_utf8_lossy(&screen.stdout).contains("overdue") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the TUI never drew its status bar"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    tmux(&socket, &["kill-server"]);
    let deadline = Instant::now() + Duration::from_secs(5);
    while running(pid) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let still_running = running(pid);
    if still_running {
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    }
    assert!(
        !still_running,
        "the TUI kept running after its terminal went away"
    );
}
