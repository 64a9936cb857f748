//! End to end in a real pseudo-terminal: start the built binary on a temp database, add a plan
//! through the form, record a payment, quit, then find both through the CLI's JSON.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_fenqi");
/// How long to wait for a screen before giving up (generous for a loaded CI machine).
const PATIENCE: Duration = Duration::from_secs(20);

/// The virtual screen the pseudo-terminal's output is drawn on.
struct Screen(Arc<Mutex<vt100::Parser>>);

impl Screen {
    fn alternate(&self) -> bool {
        self.0.lock().unwrap().screen().alternate_screen()
    }

    fn text(&self) -> String {
        self.0.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `needle`; panics with the screen when it never does.
    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if self.text().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("never saw {needle:?}; the screen was:\n{}", self.text());
    }
}

/// Starts the binary in an 80×24 pseudo-terminal; returns it, its screen and its keyboard.
fn start(db: &Path, lang: &str) -> (Box<dyn Child + Send + Sync>, Screen, Box<dyn Write + Send>) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args([
        "--db",
        db.to_str().unwrap(),
        "--today",
        "2025-03-10",
        "--lang",
        lang,
    ]);
    cmd.env("TERM", "xterm-256color");
    let child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(24).unwrap(),
        NonZeroU16::new(80).unwrap(),
        0,
    )));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let sink = Arc::clone(&parser);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().process(&buf[..n]);
        }
    });
    let keys = pty.master.take_writer().unwrap();
    (child, Screen(parser), keys)
}

fn cli_json(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(BIN)
        .args([
            "--db",
            db.to_str().unwrap(),
            "--today",
            "2025-03-10",
            "--lang",
            "en",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn add_a_plan_and_pay_it_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fenqi.db");
    let (mut child, screen, mut keys) = start(&db, "en");
    let mut send = |text: &str| {
        keys.write_all(text.as_bytes()).unwrap();
        keys.flush().unwrap();
        // One key at a time, as a person types, so no two are read as one escape sequence.
        std::thread::sleep(Duration::from_millis(30));
    };

    screen.wait_for("Load demo data");
    send("n");
    screen.wait_for("No plans yet");
    send("a");
    screen.wait_for("Add a plan");
    for key in [
        "E2E 手机",
        "\t",
        "小米分期",
        "\t",
        "6000",
        "\t",
        "\t",
        "\t",
        "0.6%",
    ] {
        send(key);
    }
    screen.wait_for("APR 13.0342%");
    send("\r");
    screen.wait_for("Plan #1 added.");
    send("p");
    screen.wait_for("Record a repayment");
    send("\r");
    screen.wait_for("Repayment of 536.00 recorded.");
    send("q");
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");

    let plans = cli_json(&db, &["plan", "list", "--json"]);
    let plan = &plans.as_array().unwrap()[0];
    assert_eq!(plan["name"], "E2E 手机");
    assert_eq!(plan["provider"], "小米分期");
    assert_eq!(plan["principal"], "6000.00");
    assert_eq!(plan["paid_periods"], 1);
    assert_eq!(plan["apr_percent"], "13.0342");
    let history = cli_json(&db, &["history", "--json"]);
    let payment = &history.as_array().unwrap()[0];
    assert_eq!(payment["plan_id"], plan["id"]);
    assert_eq!(payment["amount"], "536.00");
    assert_eq!(payment["paid_on"], "2025-03-10");
    assert_eq!(payment["failed"], false);
}

#[test]
fn sigterm_ends_cleanly_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fenqi.db");
    let (mut child, screen, _keys) = start(&db, "zh");
    screen.wait_for("加载演示数据");
    assert!(screen.alternate());
    let pid = child.process_id().unwrap();
    let killed = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.exit_code(), 128 + 15);
    let start = Instant::now();
    while screen.alternate() && start.elapsed() < PATIENCE {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!screen.alternate(), "the alternate screen was left");
}
