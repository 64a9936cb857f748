//! `fenqi notify`: the notification over a private D-Bus session bus (dbus-daemon, with a
//! minimal notification service served here by zbus), the fallback to stdout without a bus or
//! without a service, `notify test`, and `notify install` (systemd units or the crontab line).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use crate::common::interop::{mode, tool_available};
use crate::common::{Db, command_in, config_beside, isolate_settings, plan_add_args};

/// How long a notification may take to arrive before the test gives up (a loaded machine).
const ARRIVES_WITHIN: Duration = Duration::from_secs(60);

/// A private session bus: `dbus-daemon --session --nofork` on a socket in a temp directory,
/// killed when dropped.
struct Bus {
    child: Child,
    address: String,
    _dir: tempfile::TempDir,
}

impl Bus {
    /// Starts one, or `None` (with a note) where dbus-daemon is not installed; under CI=true
    /// a missing dbus-daemon fails the test.
    fn start() -> Option<Bus> {
        if !tool_available("dbus-daemon") {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new("dbus-daemon")
            .arg("--session")
            .arg("--nofork")
            .arg("--print-address=1")
            .arg(format!(
                "--address=unix:path={}",
                dir.path().join("bus").display()
            ))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The daemon prints its address once it listens: the event to wait for.
        let mut address = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        let address = address.trim().to_string();
        assert!(address.starts_with("unix:"), "dbus-daemon said {address:?}");
        Some(Bus {
            child,
            address,
            _dir: dir,
        })
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One Notify call as the service received it.
#[derive(Debug)]
struct Shown {
    app: String,
    summary: String,
    body: String,
    urgency: Option<u8>,
}

/// A minimal `org.freedesktop.Notifications` service that hands each notification to the test.
struct Notifications {
    sender: Mutex<Sender<Shown>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Notifications {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        _actions: Vec<String>,
        hints: HashMap<String, zbus::OwnedVariant>,
        _expire_timeout: i32,
    ) -> u32 {
        let urgency = hints.get("urgency").and_then(|v| u8::try_from(v).ok());
        let shown = Shown {
            app: app_name,
            summary,
            body,
            urgency,
        };
        let _ = self.sender.lock().unwrap().send(shown);
        7
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".to_string()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        let name = "fenqi-test".to_string();
        (name.clone(), name, "1".to_string(), "1.2".to_string())
    }
}

/// Serves [`Notifications`] on the bus at `address` (the connection keeps serving on zbus's
/// own thread while the test goes on); the receiver gets every notification.
fn serve_notifications(address: &str) -> (zbus::Connection, Receiver<Shown>) {
    let (sender, receiver) = channel();
    let service = Notifications {
        sender: Mutex::new(sender),
    };
    let connection = zbus::block_on(async {
        zbus::connection::Builder::address(address)
            .name("org.freedesktop.Notifications")
            .serve_at("/org/freedesktop/Notifications", service)
            .build()
            .await
            .unwrap()
    });
    (connection, receiver)
}

/// A database with a plan due 2025-01-03 and one overdue since 2024-12-05, its next period due
/// 2025-01-05 (both 6,000.00 over 12 months at 0.6%: 500.00 principal + 36.00 fee = 536.00 a
/// period).
fn due_and_overdue() -> Db {
    let db = Db::new();
    db.ok(
        "2025-01-01",
        &plan_add_args("iPhone 15", "小米分期", "2025-01-03"),
    );
    db.ok("2024-11-20", &plan_add_args("Laptop", "花呗", "2024-12-05"));
    db
}

/// `fenqi notify ARGS` on `db` as of 2025-01-01 in `lang`, with the session bus `address`
/// (or none: no variable and an empty runtime directory, so no default socket either).
fn notify(db: &Db, lang: &str, address: Option<&str>, args: &[&str]) -> Output {
    notify_on(db, "2025-01-01", lang, address, args)
}

/// Like [`notify`] as of `today`.
fn notify_on(db: &Db, today: &str, lang: &str, address: Option<&str>, args: &[&str]) -> Output {
    notify_command(db, today, lang, address, args)
        .output()
        .unwrap()
}

/// The command [`notify_on`] runs, to add to.
fn notify_command(
    db: &Db,
    today: &str,
    lang: &str,
    address: Option<&str>,
    args: &[&str],
) -> Command {
    let mut command = command_in(lang, &db.path, today, args);
    command.env_remove("DBUS_SESSION_BUS_ADDRESS");
    command.env("XDG_RUNTIME_DIR", db.dir.path());
    if let Some(address) = address {
        command.env("DBUS_SESSION_BUS_ADDRESS", address);
    }
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The reminder of [`due_and_overdue`] with `--days 3` on 2025-01-01: the period due on
/// 2024-12-05 is 27 days late (26 days to 2024-12-31, one more; past its 3 grace days), the
/// other plan due in 2 days; 2025-01-05 is 4 days away, outside the window.
const SUMMARY_EN: &str = "fenqi: 1 overdue, 1 due within 3 days";
const BODY_EN: &str = "2024-12-05 · 27 days late · Laptop (花呗), period 1: 536.00\n\
                       2025-01-03 · in 2 days · iPhone 15 (小米分期), period 1: 536.00";
const SUMMARY_ZH: &str = "fenqi：1 笔逾期，3 天内 1 笔到期";
const BODY_ZH: &str = "2024-12-05 · 逾期 27 天 · Laptop（花呗）第 1 期：536.00\n\
                       2025-01-03 · 2 天后 · iPhone 15（小米分期）第 1 期：536.00";

#[test]
fn notify_shows_the_reminder_on_the_session_bus() {
    let Some(bus) = Bus::start() else { return };
    let (_service, shown) = serve_notifications(&bus.address);
    let db = due_and_overdue();

    let out = notify(&db, "en", Some(&bus.address), &["notify", "--days", "3"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "",
        "nothing printed when the desktop took it"
    );
    assert_eq!(text(&out.stderr), "");
    let got = shown.recv_timeout(ARRIVES_WITHIN).unwrap();
    assert_eq!(got.app, "fenqi");
    assert_eq!(got.summary, SUMMARY_EN);
    assert_eq!(got.body, BODY_EN);
    assert_eq!(got.urgency, Some(2), "overdue: critical urgency");

    let out = notify(&db, "zh", Some(&bus.address), &["notify", "--days", "3"]);
    assert_eq!(out.status.code(), Some(1));
    let got = shown.recv_timeout(ARRIVES_WITHIN).unwrap();
    assert_eq!(got.summary, SUMMARY_ZH);
    assert_eq!(got.body, BODY_ZH);

    // Only the plan due in 2 days (today 2025-01-01, nothing overdue): normal urgency.
    let calm = Db::new();
    calm.ok(
        "2025-01-01",
        &plan_add_args("iPhone 15", "小米分期", "2025-01-03"),
    );
    let out = notify(&calm, "en", Some(&bus.address), &["notify", "--days", "3"]);
    assert_eq!(out.status.code(), Some(1));
    let got = shown.recv_timeout(ARRIVES_WITHIN).unwrap();
    assert_eq!(got.summary, "fenqi: 1 due within 3 days");
    assert_eq!(got.urgency, Some(1));

    // Nothing within 1 day: no notification, exit 0 (as `due --check --days 1`).
    let out = notify(&calm, "en", Some(&bus.address), &["notify", "--days", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    let check = calm.run(&["due", "--check", "--days", "1"]);
    assert_eq!(check.status.code(), Some(0));

    let out = notify(&db, "en", Some(&bus.address), &["notify", "test"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "Sent a test notification.\n");
    let got = shown.recv_timeout(ARRIVES_WITHIN).unwrap();
    assert_eq!(got.summary, "fenqi: test notification");
    // The test run showed nothing else: no notification came from the `--days 1` run.
    assert!(shown.try_recv().is_err());
}

#[test]
fn without_a_bus_the_reminder_is_printed_with_due_checks_statuses() {
    let db = due_and_overdue();
    let no_bus = format!("unix:path={}/bus", db.dir.path().display());
    let out = notify(&db, "en", None, &["notify", "--days", "3"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), format!("{SUMMARY_EN}\n{BODY_EN}\n"));
    assert_eq!(
        text(&out.stderr),
        format!(
            "fenqi: no desktop notification: no session bus at {no_bus}; the reminder is printed instead\n"
        )
    );
    // `due --check` agrees on the status.
    assert_eq!(
        db.run(&["due", "--check", "--days", "3"]).status.code(),
        Some(1)
    );

    let out = notify(
        &db,
        "zh",
        Some("unix:path=/nonexistent/bus"),
        &["notify", "--days", "3"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), format!("{SUMMARY_ZH}\n{BODY_ZH}\n"));
    assert!(text(&out.stderr).starts_with("fenqi：未发出桌面通知"));

    // Not an address at all.
    let out = notify(&db, "en", Some("nonsense"), &["notify", "--days", "3"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("DBUS_SESSION_BUS_ADDRESS is not usable"),
        "{}",
        text(&out.stderr)
    );

    // Nothing due: silent, 0.
    let empty = Db::new();
    empty.ok(
        "2025-01-01",
        &plan_add_args("iPhone 15", "小米分期", "2025-02-15"),
    );
    let out = notify(&empty, "en", None, &["notify"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(text(&out.stderr), "");

    // Errors are 2, as under `due --check`: a bad flag, a database that is not one.
    let out = notify(&db, "en", None, &["notify", "--days", "-1"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::write(db.dir.path().join("junk.db"), "not a database at all").unwrap();
    let junk = Db {
        path: db.dir.path().join("junk.db"),
        dir: tempfile::tempdir().unwrap(),
    };
    let out = notify(&junk, "en", None, &["notify"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));

    let out = notify(&db, "en", None, &["notify", "test"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!("fenqi: error: no desktop notification: no session bus at {no_bus}\n")
    );
}

#[test]
fn unconfirmed_auto_debits_are_reminded_of_with_due_checks_status() {
    // Auto-debit periods due 2025-01-15 and 2025-02-15 count as paid, unconfirmed, on
    // 2025-02-20; the next (2025-03-15) is 23 days away.
    let db = Db::new();
    db.add_plan(&["--auto-debit"]);
    let out = notify_on(&db, "2025-02-20", "en", None, &["notify", "--days", "10"]);
    assert_eq!(
        text(&out.stdout),
        "fenqi: 2 automatic postings to confirm\n\
         2025-01-15 · auto-debit to confirm · iPhone 15 (小米分期), period 1: 536.00\n\
         2025-02-15 · auto-debit to confirm · iPhone 15 (小米分期), period 2: 536.00\n"
    );
    // `due --check` finds nothing overdue or due within 10 days: 0, and so is notify's.
    assert_eq!(out.status.code(), Some(0));
    let check = db.run_on("2025-02-20", &["due", "--check", "--days", "10"]);
    assert_eq!(check.status.code(), Some(0));
    let out = notify_on(&db, "2025-02-20", "zh", None, &["notify", "--days", "10"]);
    assert!(
        text(&out.stdout).starts_with("fenqi：2 笔自动扣款待确认\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_bus_without_a_notification_service_falls_back_to_stdout() {
    let Some(bus) = Bus::start() else { return };
    let db = due_and_overdue();
    let out = notify(&db, "en", Some(&bus.address), &["notify", "--days", "3"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), format!("{SUMMARY_EN}\n{BODY_EN}\n"));
    assert_eq!(
        text(&out.stderr),
        "fenqi: no desktop notification: nothing on the session bus shows notifications; \
         the reminder is printed instead\n"
    );
}

/// `fenqi notify install ARGS` with the user's configuration in `config` and only `bin` on
/// PATH (where a stand-in `systemctl` may be).
fn install(db: &Db, config: &Path, bin: &Path, args: &[&str]) -> Output {
    let mut all = vec!["notify", "install"];
    all.extend_from_slice(args);
    command_in("en", &db.path, "2025-01-01", &all)
        .env("XDG_CONFIG_HOME", config)
        .env("PATH", bin)
        .env_remove("XDG_RUNTIME_DIR")
        .env_remove("WAYLAND_DISPLAY")
        .env("DISPLAY", ":7")
        .output()
        .unwrap()
}

#[test]
fn install_writes_the_systemd_user_units_and_says_how_to_enable_them() {
    use std::os::unix::fs::PermissionsExt;
    let db = Db::new();
    let config = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    let systemctl = bin.path().join("systemctl");
    std::fs::write(&systemctl, "#!/bin/sh\nexit 0\n").unwrap();
    std::fs::set_permissions(&systemctl, std::fs::Permissions::from_mode(0o755)).unwrap();
    let units = config.path().join("systemd/user");
    let service = units.join("fenqi-notify.service");
    let timer = units.join("fenqi-notify.timer");

    let out = install(
        &db,
        config.path(),
        bin.path(),
        &["--at", "07:30", "--days", "5"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.ends_with(
            "To turn the daily reminder on (07:30 every day):\n  systemctl --user daemon-reload \
             && systemctl --user enable --now fenqi-notify.timer\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("wrote {}", service.display())));
    let service_text = std::fs::read_to_string(&service).unwrap();
    let exec = format!(
        "ExecStart={} --db {} --lang en notify --days 5\n",
        env!("CARGO_BIN_EXE_fenqi"),
        db.path.display()
    );
    assert!(service_text.contains(&exec), "{service_text}");
    assert!(service_text.contains("Type=oneshot\n"));
    assert!(service_text.contains("SuccessExitStatus=1\n"));
    let timer_text = std::fs::read_to_string(&timer).unwrap();
    assert!(
        timer_text.contains("OnCalendar=*-*-* 07:30:00\n"),
        "{timer_text}"
    );
    assert!(timer_text.contains("WantedBy=timers.target\n"));
    assert_eq!(mode(&service), 0o600);
    assert_eq!(mode(&timer), 0o600);

    // Again with the same settings: nothing to change.
    let out = install(
        &db,
        config.path(),
        bin.path(),
        &["--at", "07:30", "--days", "5"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("is already installed as it is"));

    // Another time: the timer differs, refused without --force, nothing written.
    let out = install(
        &db,
        config.path(),
        bin.path(),
        &["--at", "21:00", "--days", "5"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "fenqi: error: notify install: {} already exists (use --force to overwrite)\n",
            timer.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&timer).unwrap(), timer_text);
    let out = install(
        &db,
        config.path(),
        bin.path(),
        &["--at", "21:00", "--days", "5", "--force"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        std::fs::read_to_string(&timer)
            .unwrap()
            .contains("OnCalendar=*-*-* 21:00:00\n")
    );
    assert_eq!(std::fs::read_to_string(&service).unwrap(), service_text);

    // A bad time: one line, exit 2.
    for bad in ["25:00", "7", "7:5", "noon"] {
        let out = install(&db, config.path(), bin.path(), &["--at", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert_eq!(
            text(&out.stderr),
            "fenqi: error: --at: use HH:MM, from 00:00 to 23:59\n"
        );
    }
}

#[test]
fn install_without_systemd_prints_the_crontab_line() {
    let db = Db::new();
    let config = tempfile::tempdir().unwrap();
    let empty_bin = tempfile::tempdir().unwrap();
    let out = install(&db, config.path(), empty_bin.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // SAFETY: getuid has no preconditions.
    let uid = unsafe { libc::getuid() };
    let expected = format!(
        "systemctl is not on PATH, so no systemd timer was written. Add this line with \
         `crontab -e` (09:00 every day):\n\
         0 9 * * * DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{uid}/bus \
         XDG_RUNTIME_DIR=/run/user/{uid} DISPLAY=:7 {} --db {} --lang en notify\n",
        env!("CARGO_BIN_EXE_fenqi"),
        db.path.display()
    );
    assert_eq!(text(&out.stdout), expected);
    assert!(!config.path().join("systemd").exists());
}

#[test]
fn a_bus_that_never_answers_falls_back_to_stdout() {
    // A socket that takes the connection and then says nothing (a hung session bus): fenqi
    // gives up on it and prints the reminder. The limit is 300 ms here instead of 15 s
    // (FENQI_NOTIFY_TIMEOUT_MS); the socket never answers, so any limit ends the same way.
    let db = due_and_overdue();
    let socket = db.dir.path().join("hung-bus");
    let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let address = format!("unix:path={}", socket.display());
    let out = notify_command(
        &db,
        "2025-01-01",
        "en",
        Some(&address),
        &["notify", "--days", "3"],
    )
    .env("FENQI_NOTIFY_TIMEOUT_MS", "300")
    .output()
    .unwrap();
    drop(listener);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), format!("{SUMMARY_EN}\n{BODY_EN}\n"));
    assert_eq!(
        text(&out.stderr),
        "fenqi: no desktop notification: the session bus did not answer in time; \
         the reminder is printed instead\n"
    );
}

#[test]
fn the_config_file_sets_the_window_and_the_installed_job_reads_it_when_it_runs() {
    // alarm_days = 1: of [`due_and_overdue`], only the overdue period (2025-01-03 is 2 days
    // away).
    let db = due_and_overdue();
    std::fs::write(config_beside(&db.path), "lang = \"zh\"\nalarm_days = 1\n").unwrap();
    let out = notify(&db, "en", None, &["notify"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "fenqi: 1 overdue\n2024-12-05 · 27 days late · Laptop (花呗), period 1: 536.00\n"
    );

    // Installed without --lang and --days: the job names neither, so the config file decides
    // when it runs (the language came from the file here).
    let config = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_fenqi"));
    command
        .arg("--db")
        .arg(&db.path)
        .args(["notify", "install"])
        .env_remove("FENQI_LANG")
        .env("XDG_CONFIG_HOME", config.path())
        .env("PATH", config.path())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_RUNTIME_DIR", "/run/user/4242");
    isolate_settings(&mut command, &db.path);
    let out = command.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("PATH 中没有 systemctl"), "{stdout}");
    assert!(
        stdout.ends_with(&format!(
            "0 9 * * * DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/4242/bus \
             XDG_RUNTIME_DIR=/run/user/4242 {} --db {} notify\n",
            env!("CARGO_BIN_EXE_fenqi"),
            db.path.display()
        )),
        "{stdout}"
    );
}
