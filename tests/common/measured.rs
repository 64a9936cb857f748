//! Running the binary under a 1 GiB address-space cap and reading its peak memory from `wait4`,
//! and named pipes filled by a thread: what the bounded-memory tests (import, reconcile) share.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What a run did: its exit code, its stderr, its peak resident memory in KiB.
pub struct Measured {
    pub code: Option<i32>,
    pub stderr: String,
    pub peak_kib: i64,
}

/// Runs `cmd` limited to 1 GiB of address space (so that a fenqi that reads without bound
/// fails instead of eating the machine), stdout discarded, and reads its peak resident memory
/// from `wait4`.
pub fn run_measured(mut cmd: Command) -> Measured {
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let cap = libc::rlimit {
                rlim_cur: 1 << 30,
                rlim_max: 1 << 30,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &cap) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    // Waited for below with wait4, which also reports its peak memory.
    #[allow(clippy::zombie_processes)]
    let mut child = cmd.spawn().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the child is ours and not yet waited for; `Child` is not waited on afterwards.
    let waited = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(waited, child.id() as i32);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Measured {
        code,
        stderr,
        peak_kib: usage.ru_maxrss,
    }
}

/// A named pipe in `dir` that a thread fills with `head`, then `filler` repeated until
/// `total` bytes went in or the reader went away, then `tail`.
pub fn pipe_of(dir: &Path, head: &str, filler: &[u8], total: u64, tail: &str) -> PathBuf {
    static PIPES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let number = PIPES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("pipe-{number}"));
    let name = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let (head, tail, filler) = (head.to_string(), tail.to_string(), filler.to_vec());
    let writer = path.clone();
    std::thread::spawn(move || {
        let Ok(mut pipe) = std::fs::OpenOptions::new().write(true).open(&writer) else {
            return;
        };
        let chunk: Vec<u8> = filler.iter().copied().cycle().take(1 << 20).collect();
        let mut sent = 0u64;
        let mut send = || -> std::io::Result<()> {
            pipe.write_all(head.as_bytes())?;
            while sent < total {
                pipe.write_all(&chunk)?;
                sent += chunk.len() as u64;
            }
            pipe.write_all(tail.as_bytes())
        };
        // The reader stops early: the broken pipe is expected.
        let _ = send();
    });
    path
}
