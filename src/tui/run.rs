//! The event loop: terminal set-up and restore, keys to actions, redraw after each event,
//! and a clean exit on SIGTERM / SIGHUP.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGTERM};

use super::action::Action;
use super::app::App;
use super::keymap::map_key;
use super::view::render;
use crate::cli::Context;
use crate::i18n::tui::TuiText;
use crate::i18n::{Lang, fill};
use crate::store::Store;

/// How often the loop looks at the signal flag while no event arrives.
const SIGNAL_POLL: Duration = Duration::from_millis(200);

/// Why the loop ended.
enum Exit {
    Quit,
    Signal(usize),
}

/// Opens the TUI on the context's database; returns the process exit status.
pub fn run(ctx: &Context) -> ExitCode {
    let store = match Store::open(&ctx.db_path) {
        Ok(store) => store,
        Err(error) => return fail(ctx.lang, &crate::i18n::store::store_error(ctx.lang, &error)),
    };
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP] {
        if let Err(error) =
            signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)
        {
            return fail(ctx.lang, &error.to_string());
        }
    }
    // Installs a panic hook that restores the terminal before the panic message prints.
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(error) => {
            ratatui::restore();
            return fail(ctx.lang, &error.to_string());
        }
    };
    let result = start(&mut terminal, store, ctx)
        .and_then(|mut app| event_loop(&mut terminal, &mut app, &signal));
    ratatui::restore();
    match result {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Signal(n)) => ExitCode::from(u8::try_from(128 + n).unwrap_or(255)),
        Err(error) => fail(ctx.lang, &error),
    }
}

fn start(terminal: &mut DefaultTerminal, store: Store, ctx: &Context) -> Result<App, String> {
    let size = terminal.size().map_err(|e| e.to_string())?;
    App::new(
        store,
        ctx.lang,
        ctx.today,
        Rect::new(0, 0, size.width, size.height),
    )
    .map_err(|e| crate::i18n::store::store_error(ctx.lang, &e))
}

/// Draws, waits for an event, turns it into an action, updates; until quit or a signal.
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    signal: &AtomicUsize,
) -> Result<Exit, String> {
    loop {
        terminal
            .draw(|frame| render(app, frame))
            .map_err(|e| e.to_string())?;
        let action = loop {
            let caught = signal.load(Ordering::SeqCst);
            if caught != 0 {
                return Ok(Exit::Signal(caught));
            }
            if !event::poll(SIGNAL_POLL).map_err(|e| e.to_string())? {
                continue;
            }
            match event::read().map_err(|e| e.to_string())? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if let Some(action) = map_key(app.mode(), key) {
                        break action;
                    }
                }
                Event::Resize(width, height) => break Action::Resize(width, height),
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
