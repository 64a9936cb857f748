//! The event loop: terminal set-up and restore, keys to actions, redraw after each event,
//! a reload when another process changes the database, and a clean exit on any catchable
//! signal that would end the process (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1…; see
//! [`ENDING_SIGNALS`]) or a terminal that went away (saving an open form as a draft) or a panic.
//!
//! Terminal events are read on a thread of their own: crossterm's reader loops forever on the
//! end-of-file of a hung-up terminal, so the loop that owns the app must never block in it.
//!
//! Test hook: with `FENQI_TEST_PANIC=1` in the environment the TUI panics right after its
//! first frame, so a test can prove the panic path restores the terminal. It changes nothing
//! else and writes nothing.

use std::io;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{
    SIGALRM, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGVTALRM,
    SIGXCPU, SIGXFSZ,
};

use super::action::Action;
use super::app::App;
use super::app::Prefs;
use super::draft;
use super::keymap::{map_key, map_mouse};
use super::palette::{self, Theme};
use super::view::render;
use crate::config::Settings;
use crate::context::Context;
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};
use crate::store::Store;

/// How often the loop looks at the signal flag while no event arrives.
const SIGNAL_POLL: Duration = Duration::from_millis(200);

/// How often the loop asks whether another process changed the database.
const CHANGE_POLL: Duration = Duration::from_millis(500);

/// The environment variable of the panic test hook (see the module documentation).
const TEST_PANIC_VAR: &str = "FENQI_TEST_PANIC";

/// The signals whose default action ends the process and that a process may catch, other than
/// the faults of its own code (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS): each
/// ends the TUI through the same path as `q`, restoring the terminal and keeping an open form
/// as a draft, with exit status 128 + the signal's number.
const ENDING_SIGNALS: &[i32] = &[
    SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
    SIGXFSZ, SIGIO,
];

/// Why the loop ended.
enum Exit {
    Quit,
    Signal(usize),
}

/// How the terminal is driven (the settings' `mouse` and `theme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TuiOptions {
    /// Capture the mouse (click, wheel); off, the terminal's own text selection works.
    pub mouse: bool,
    /// How the frames are coloured.
    pub theme: Theme,
}

impl TuiOptions {
    /// The options the settings give.
    pub(crate) fn from_settings(settings: &Settings) -> TuiOptions {
        TuiOptions {
            mouse: settings.mouse.value,
            theme: settings.theme.value,
        }
    }
}

/// Opens the TUI on the context's database with its settings; returns the process exit status.
pub(crate) fn run(ctx: &Context) -> ExitCode {
    run_with(ctx, TuiOptions::from_settings(&ctx.settings))
}

/// Opens the TUI on the context's database; returns the process exit status.
pub(crate) fn run_with(ctx: &Context, options: TuiOptions) -> ExitCode {
    if let Some(missing) = missing_terminal(ctx.lang) {
        eprintln!("{}", fill(TuiText::NoTerminal.text(ctx.lang), &[&missing]));
        return ExitCode::from(2);
    }
    // Said on the main screen, which shows again when the TUI ends.
    let removed = crate::files::remove_abandoned_temps(crate::files::directory_of(&ctx.db_path));
    for line in crate::i18n::interop::temps_removed(ctx.lang, &removed) {
        eprintln!("{line}");
    }
    let store = match Store::open(&ctx.db_path) {
        Ok(store) => store,
        Err(error) => return fail(ctx.lang, &crate::i18n::store::store_error(ctx.lang, &error)),
    };
    for notice in store.notices() {
        eprintln!("{}", crate::i18n::store::open_notice(ctx.lang, notice));
    }
    let signal = Arc::new(AtomicUsize::new(0));
    for &sig in ENDING_SIGNALS {
        if let Err(error) =
            signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)
        {
            return fail(ctx.lang, &error.to_string());
        }
    }
    install_panic_message(ctx.lang);
    let mut terminal = match open_screen() {
        Ok(terminal) => terminal,
        Err(error) => {
            restore_terminal();
            return fail(ctx.lang, &error.to_string());
        }
    };
    if options.mouse {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture);
    }
    let mut app = start(&mut terminal, store, ctx);
    let result = app
        .as_mut()
        .map_err(|e| e.clone())
        .and_then(|app| event_loop(&mut terminal, app, &signal, options.theme));
    restore_terminal();
    match result {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Signal(n)) => {
            if let Ok(app) = &app {
                keep_draft(app, ctx);
            }
            ExitCode::from(u8::try_from(128 + n).unwrap_or(255))
        }
        Err(error) => fail(ctx.lang, &error),
    }
}

/// Which of stdin and stdout is not a terminal (in words), if either: the TUI needs both, to
/// read keys and to draw (`fenqi </dev/null >out` or `fenqi >out` must not run it blind).
fn missing_terminal(lang: Lang) -> Option<&'static str> {
    use std::io::IsTerminal;
    let text = match (io::stdin().is_terminal(), io::stdout().is_terminal()) {
        (true, true) => return None,
        (false, true) => TuiText::NoTerminalStdin,
        (true, false) => TuiText::NoTerminalStdout,
        (false, false) => TuiText::NoTerminalBoth,
    };
    Some(text.text(lang))
}

/// The terminal as the TUI draws on it.
type Screen = Terminal<CrosstermBackend<FrameWriter>>;

/// Standard output that sends each frame in one write: standard output alone sends a 120×40
/// frame (about 10 KB) in 1 KB pieces, which takes twice as long. What a panic interrupted
/// is dropped, not written over the restored screen.
#[derive(Default)]
struct FrameWriter {
    pending: Vec<u8>,
}

impl io::Write for FrameWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut out = io::stdout().lock();
        let written = out.write_all(&self.pending).and_then(|()| out.flush());
        self.pending.clear();
        written
    }
}

impl Drop for FrameWriter {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = io::Write::flush(self);
        }
    }
}

/// Switches the terminal to raw mode and the alternate screen, as `ratatui::try_init` does,
/// with each frame written in one piece; wraps the panic hook installed before with one that
/// restores the terminal first.
fn open_screen() -> io::Result<Screen> {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        report(info);
    }));
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
    Terminal::new(CrosstermBackend::new(FrameWriter::default()))
}

/// Leaves the alternate screen, turns raw mode off and shows the cursor.
fn restore_terminal() {
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
    ratatui::restore();
    let _ = crossterm::execute!(std::io::stdout(), crossterm::cursor::Show);
}

/// Replaces Rust's panic report by one localised line naming where it happened; the panic's
/// own text is left out, as it could quote data. Runs after the terminal is restored.
fn install_panic_message(lang: Lang) {
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
        let _ = crossterm::execute!(std::io::stdout(), crossterm::cursor::Show);
        let place = info
            .location()
            .map_or_else(String::new, |l| format!("{}:{}", l.file(), l.line()));
        eprintln!("{}", fill(TuiText::PanicMessage.text(lang), &[&place]));
    }));
}

/// Saves the open form (if any) beside the database, for the next start to offer back.
fn keep_draft(app: &App, ctx: &Context) {
    if let Some(saved) = app.form_draft()
        && let Err(error) = draft::save(&ctx.db_path, &saved)
    {
        eprintln!(
            "{}",
            fill(TuiText::DraftSaveFailed.text(ctx.lang), &[&error])
        );
    }
}

fn start(terminal: &mut Screen, store: Store, ctx: &Context) -> Result<App, String> {
    // The size the terminal was just measured at.
    let area = terminal.get_frame().area();
    App::with_prefs(
        store,
        ctx.lang,
        ctx.today,
        area,
        Prefs::from_settings(&ctx.settings),
    )
    .map(|mut app| {
        // A today given with --today (or FENQI_TODAY) stays; the clock's own rolls over.
        app.follows_clock = ctx.today == chrono::Local::now().date_naive();
        if let Some(saved) = draft::load(&ctx.db_path) {
            app.offer_draft(saved);
        }
        app
    })
    .map_err(|e| crate::i18n::store::store_error(ctx.lang, &e))
}

/// Reads terminal events on a thread of its own and hands them over; it ends after an error
/// or when nobody listens any more.
fn spawn_event_reader() -> Result<Receiver<io::Result<Event>>, String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name("fenqi-input".into())
        .spawn(move || {
            loop {
                let event = event::read();
                let failed = event.is_err();
                if sender.send(event).is_err() || failed {
                    break;
                }
            }
        })
        .map_err(|e| e.to_string())?;
    Ok(receiver)
}

/// True when the terminal hung up (its window size can no longer be read).
fn terminal_gone() -> bool {
    crossterm::terminal::size().is_err()
}

/// Draws, waits for an event, turns it into an action, updates; until quit, a signal or a
/// terminal that hung up (treated as SIGHUP).
fn event_loop(
    terminal: &mut Screen,
    app: &mut App,
    signal: &AtomicUsize,
    theme: Theme,
) -> Result<Exit, String> {
    let test_panic = std::env::var_os(TEST_PANIC_VAR).is_some_and(|v| v == "1");
    let events = spawn_event_reader()?;
    let mut last_check = Instant::now();
    loop {
        terminal
            .draw(|frame| {
                render(app, frame);
                palette::apply(theme, frame.buffer_mut());
            })
            .map_err(|e| e.to_string())?;
        if test_panic {
            panic!("{TEST_PANIC_VAR} is set");
        }
        if app.past_due_pending {
            // Drawn without the periods past due (too many to wait for): read, draw again.
            app.read_past_due();
            continue;
        }
        let action = loop {
            let caught = signal.load(Ordering::SeqCst);
            if caught != 0 {
                return Ok(Exit::Signal(caught));
            }
            if last_check.elapsed() >= CHANGE_POLL {
                last_check = Instant::now();
                if terminal_gone() {
                    return Ok(Exit::Signal(SIGHUP as usize));
                }
                if app.changed_elsewhere() {
                    break Action::Refresh;
                }
                let clock = chrono::Local::now().date_naive();
                if app.follows_clock && clock != app.today {
                    break Action::NewDay(clock);
                }
            }
            let event = match events.recv_timeout(SIGNAL_POLL) {
                Ok(event) => event.map_err(|e| e.to_string())?,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return Ok(Exit::Signal(SIGHUP as usize)),
            };
            match event {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if let Some(action) = map_key(app.mode(), key) {
                        break action;
                    }
                }
                Event::Resize(width, height) => break Action::Resize(width, height),
                Event::Mouse(mouse) => {
                    if let Some(action) = map_mouse(mouse) {
                        break action;
                    }
                }
                _ => {}
            }
        };
        app.update(action);
        if app.quit {
            return Ok(Exit::Quit);
        }
    }
}

fn fail(lang: Lang, message: &str) -> ExitCode {
    eprintln!("{}", fill(TuiText::FatalError.text(lang), &[&message]));
    ExitCode::from(1)
}
