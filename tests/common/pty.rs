//! The TUI in a real pseudo-terminal: start the built binary, type keys, read the screen (a
//! vt100 parser) and the raw bytes it wrote, send signals, and read the pty's terminal modes.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_fenqi");
/// The date every pty test treats as today.
pub const TODAY: &str = "2025-03-10";
/// How long to wait for a screen before giving up (generous for a loaded CI machine).
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The virtual screen the pseudo-terminal's output is drawn on, and every byte written.
#[derive(Clone)]
pub struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set once the output ended: the program and everything it started closed the terminal.
    ended: Arc<AtomicBool>,
}

impl Screen {
    pub fn alternate(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    pub fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Everything the program wrote to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until the screen shows `needle`; panics with the screen when it never does.
    pub fn wait_for(&self, needle: &str) {
        self.wait_until(needle, |text| text.contains(needle));
    }

    /// Waits until `ready` holds for the screen text; panics with the screen when it never does.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if ready(&self.text()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("never saw {what:?}; the screen was:\n{}", self.text());
    }
}

/// A running TUI: the process, its screen, its keyboard, and the pty kept open after it exits.
pub struct Tui {
    pub child: Box<dyn Child + Send + Sync>,
    pub screen: Screen,
    keys: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
}

impl Tui {
    /// Starts `fenqi --db DB --today TODAY --lang LANG` in an 80×24 pseudo-terminal.
    pub fn start(db: &Path, lang: &str) -> Tui {
        Tui::start_with_env(db, lang, &[])
    }

    /// Like `start`, with extra environment variables.
    pub fn start_with_env(db: &Path, lang: &str, env: &[(&str, &str)]) -> Tui {
        Tui::start_on(db, lang, TODAY, env)
    }

    /// Like `start_with_env`, with `today` as today.
    pub fn start_on(db: &Path, lang: &str, today: &str, env: &[(&str, &str)]) -> Tui {
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
            today,
            "--lang",
            lang,
        ]);
        cmd.env("TERM", "xterm-256color");
        for var in super::SETTING_VARS {
            cmd.env_remove(var);
        }
        cmd.env("FENQI_CONFIG", super::config_beside(db));
        cmd.env_remove("RUST_BACKTRACE");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let ended = Arc::new(AtomicBool::new(false));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (sink, raw_sink, end) = (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&ended));
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
                sink.lock().unwrap().process(&buf[..n]);
            }
            end.store(true, Ordering::SeqCst);
        });
        let keys = pty.master.take_writer().unwrap();
        Tui {
            child,
            screen: Screen { parser, raw, ended },
            keys,
            master: pty.master,
        }
    }

    /// Types `text`, then pauses as a person would, so no two keys read as one escape sequence.
    pub fn send(&mut self, text: &str) {
        self.keys.write_all(text.as_bytes()).unwrap();
        self.keys.flush().unwrap();
        std::thread::sleep(Duration::from_millis(30));
    }

    /// Sends a signal (`TERM`, `HUP`, …) to the process with kill(1).
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().unwrap();
        let sent = Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -{name} {pid}");
    }

    pub fn wait(&mut self) -> ExitStatus {
        self.child.wait().unwrap()
    }

    /// The pseudo-terminal's modes as `stty -a` prints them (works after the process exited).
    pub fn stty(&self) -> String {
        let tty = self.master.tty_name().expect("the pty has a name");
        let out = Command::new("stty")
            .arg("-a")
            .arg("-F")
            .arg(&tty)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "stty: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Waits for the process to end and for its last output to reach the screen (the end of
    /// the terminal's output, once the last holder of the terminal closed it).
    pub fn wait_exit(&mut self) -> ExitStatus {
        let status = self.wait();
        let start = Instant::now();
        while !self.screen.ended.load(Ordering::SeqCst) {
            assert!(
                start.elapsed() < PATIENCE,
                "the terminal's output never ended after the exit ({status:?}); the screen was:\n{}",
                self.screen.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        status
    }
}

impl Drop for Tui {
    /// Never leaves a TUI running behind a failed test.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// True when `stty -a` output shows the cooked modes a shell expects: line editing and echo on.
pub fn cooked(stty: &str) -> bool {
    let flags: Vec<&str> = stty.split_whitespace().collect();
    ["icanon", "echo", "isig", "icrnl", "opost"]
        .iter()
        .all(|flag| flags.contains(flag))
}

/// True when `stty -a` output shows raw mode: no line editing, no echo.
pub fn raw_mode(stty: &str) -> bool {
    let flags: Vec<&str> = stty.split_whitespace().collect();
    flags.contains(&"-icanon") && flags.contains(&"-echo")
}

/// The position of the last occurrence of `needle` in `haystack`.
pub fn last_index(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// True when the program left the alternate screen and showed the cursor after it last
/// entered the one and hid the other.
pub fn terminal_restored(raw: &[u8]) -> bool {
    let entered = last_index(raw, b"\x1b[?1049h");
    let left = last_index(raw, b"\x1b[?1049l");
    let hidden = last_index(raw, b"\x1b[?25l");
    let shown = last_index(raw, b"\x1b[?25h");
    entered.is_some() && left > entered && shown > hidden && shown.is_some()
}

/// Runs the CLI on `db` (English, today = TODAY) and parses its JSON output.
pub fn cli_json(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = super::run(db, TODAY, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
