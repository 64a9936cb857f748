//! A freedesktop desktop notification: one `org.freedesktop.Notifications.Notify` call on the
//! session bus (zbus, pure Rust, no system library). zbus is used directly rather than through
//! notify-rust because notify-rust keeps the D-Bus error's kind private, and fenqi must tell
//! "no session bus" from "no notification service on it" to say why nothing was shown.

use std::collections::HashMap;
use std::time::Duration;

use zbus::Variant;

/// The well-known name, object and interface of the notification service.
const SERVICE: &str = "org.freedesktop.Notifications";
const OBJECT: &str = "/org/freedesktop/Notifications";

/// How long connecting and the notification service's answer may take before fenqi gives up
/// (a notification service answers in milliseconds; this allows for a loaded machine).
const ANSWER_WITHIN: Duration = Duration::from_secs(15);

/// Test hook: a whole number of milliseconds here replaces [`ANSWER_WITHIN`], so the test of a
/// bus that never answers sees the fallback without waiting 15 s.
const ANSWER_WITHIN_VAR: &str = "FENQI_NOTIFY_TIMEOUT_MS";

/// [`ANSWER_WITHIN`], or the limit [`ANSWER_WITHIN_VAR`] sets (anything but a whole number of
/// milliseconds keeps the default).
fn answer_within() -> Duration {
    std::env::var(ANSWER_WITHIN_VAR)
        .ok()
        .and_then(|ms| ms.trim().parse::<u64>().ok())
        .map_or(ANSWER_WITHIN, Duration::from_millis)
}

/// The D-Bus errors that mean nothing on the bus owns the notification service's name.
const NO_OWNER_ERRORS: [&str; 2] = [
    "org.freedesktop.DBus.Error.ServiceUnknown",
    "org.freedesktop.DBus.Error.NameHasNoOwner",
];

/// Why a notification was not shown.
#[derive(Debug)]
pub(crate) enum NotSent {
    /// No usable session bus address (`DBUS_SESSION_BUS_ADDRESS` unset with no default socket,
    /// or not an address).
    NoAddress(zbus::Error),
    /// The bus at this address could not be reached.
    NoBus(String, zbus::Error),
    /// The bus answered, but nothing on it shows notifications.
    NoServer(zbus::Error),
    /// The call failed: with this D-Bus error name when the other side sent one.
    Refused(Option<String>, zbus::Error),
    /// The bus did not answer in time.
    TimedOut,
}

impl NotSent {
    /// The underlying error, for the debug log.
    pub(crate) fn detail(&self) -> String {
        match self {
            NotSent::TimedOut => String::from("timed out"),
            NotSent::NoAddress(e)
            | NotSent::NoBus(_, e)
            | NotSent::NoServer(e)
            | NotSent::Refused(_, e) => e.to_string(),
        }
    }
}

/// A notification to show.
#[derive(Debug, Clone, Copy)]
pub struct Note<'a> {
    pub summary: &'a str,
    pub body: &'a str,
    /// Critical urgency (the desktop keeps it until dismissed) rather than normal.
    pub urgent: bool,
}

/// Shows `note` on the session bus `DBUS_SESSION_BUS_ADDRESS` names (else the user's default
/// socket, `$XDG_RUNTIME_DIR/bus`); returns the notification's id. A bus that does not finish
/// within [`answer_within`] (a hung peer during the handshake, which zbus's method timeout does
/// not cover) counts as none: the attempt is left on its own thread, which ends with fenqi.
pub(crate) fn show(note: Note<'_>) -> Result<u32, NotSent> {
    let summary = note.summary.to_string();
    let body = note.body.to_string();
    let urgent = note.urgent;
    let within = answer_within();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let note = Note {
            summary: &summary,
            body: &body,
            urgent,
        };
        let _ = sender.send(show_now(note, within));
    });
    receiver
        .recv_timeout(within)
        .unwrap_or(Err(NotSent::TimedOut))
}

/// [`show`] on this thread, however long the bus takes to connect (each call may take `within`).
fn show_now(note: Note<'_>, within: Duration) -> Result<u32, NotSent> {
    zbus::block_on(async {
        let address = zbus::Address::session().map_err(NotSent::NoAddress)?;
        let shown_address = address.to_string();
        let connection = zbus::connection::Builder::address(address)
            .method_timeout(within)
            .build()
            .await
            .map_err(|e| match e {
                zbus::Error::Address(_) => NotSent::NoAddress(e),
                e => NotSent::NoBus(shown_address, e),
            })?;
        let urgency: u8 = if note.urgent { 2 } else { 1 };
        let mut hints: HashMap<&str, Variant<'_>> = HashMap::new();
        hints.insert("urgency", Variant::U8(urgency));
        let actions: Vec<&str> = Vec::new();
        let body_markup = markup_escaped(note.body);
        let body = (
            "fenqi",
            0u32,
            "",
            note.summary,
            body_markup.as_str(),
            actions,
            hints,
            -1i32,
        );
        let reply = connection
            .call_method(Some(SERVICE), OBJECT, Some(SERVICE), "Notify", &body)
            .await
            .map_err(refused)?;
        reply.body().deserialize::<u32>().map_err(refused)
    })
}

/// The error of a Notify call that reached the bus.
fn refused(error: zbus::Error) -> NotSent {
    match error_name(&error) {
        Some(name) if NO_OWNER_ERRORS.contains(&name.as_str()) => NotSent::NoServer(error),
        name => NotSent::Refused(name, error),
    }
}

/// The D-Bus error name of a call's error, if the other side sent one.
fn error_name(error: &zbus::Error) -> Option<String> {
    match error {
        zbus::Error::MethodError(name, _, _) => Some(name.to_string()),
        zbus::Error::FDO(e) => Some(zbus::DBusError::name(e.as_ref()).to_string()),
        _ => None,
    }
}

/// `text` safe in a notification body, which servers may read as markup (`&`, `<`, `>`
/// escaped, as the specification asks of clients).
fn markup_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
