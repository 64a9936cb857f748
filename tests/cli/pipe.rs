//! A reader that stops early (`fenqi plan list --json | head`) ends the command quietly, as
//! with any Unix tool: no "internal error", no panic exit status.

use std::io::Read;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_fenqi");

#[test]
fn a_closed_pipe_ends_a_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fenqi.db");
    let demo = Command::new(BIN)
        .args(["--db", db.to_str().unwrap(), "demo", "--plans", "2000"])
        .output()
        .unwrap();
    assert!(demo.status.success(), "{demo:?}");
    for args in [&["plan", "list", "--json"][..], &["history", "--json"][..]] {
        let mut child = Command::new(BIN)
            .args(["--db", db.to_str().unwrap(), "--today", "2026-11-25"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{args:?} panicked");
    }
}
