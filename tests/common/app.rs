//! The TUI's `App` without a terminal: keys through the real key map into `App::update`, and
//! apps on fresh databases. The one `press()` every TUI test uses.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fenqi::i18n::Lang;
use fenqi::store::Store;
use fenqi::tui::app::App;
use fenqi::tui::keymap::map_key;
use ratatui::layout::Rect;

/// The date the TUI tests treat as today: 2025-03-10.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 10).unwrap()
}

/// An app on a fresh database filled with the demo plans (seed 1) as of 2025-03-10 (a copy of
/// [`super::template::demo_database`]).
pub fn demo_app(lang: Lang, width: u16, height: u16) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fenqi.db");
    super::template::demo_database(&path);
    let store = Store::open(&path).unwrap();
    let app = App::new(store, lang, today(), Rect::new(0, 0, width, height)).unwrap();
    (dir, app)
}

/// The key `c` stands for: `\t` Tab, `\u{19}` Shift-Tab, `\n` Enter, `\u{1b}` Esc,
/// `\u{15}` Ctrl-U (clear the field), `\u{17}` Ctrl-W (delete a word), `\u{3}` Ctrl-C,
/// `\u{8}` Backspace, `←` `→` `↑` `↓` the arrows, `⇱` Home, `⇲` End; any other character
/// types itself.
pub fn key(c: char) -> KeyEvent {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    match c {
        '\u{17}' => KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL),
        '\u{3}' => KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        '←' => plain(KeyCode::Left),
        '↑' => plain(KeyCode::Up),
        '↓' => plain(KeyCode::Down),
        '⇱' => plain(KeyCode::Home),
        '⇲' => plain(KeyCode::End),
        '\t' => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
        '\u{19}' => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        '\u{1b}' => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
        '\u{15}' => KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
        '\u{8}' => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
        '→' => KeyEvent::new(KeyCode::Right, KeyModifiers::NONE),
        c => typed_key(c),
    }
}

/// `c` typed as a character, even a control character.
fn typed_key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// `text` typed literally: every character as itself, none read as Tab, Enter or another key.
pub fn typed(text: &str) -> Vec<KeyEvent> {
    text.chars().map(typed_key).collect()
}

/// Sends each key through the key map of the app's mode into `App::update`.
pub fn send(app: &mut App, keys: impl IntoIterator<Item = KeyEvent>) {
    for key in keys {
        if let Some(action) = map_key(app.mode(), key) {
            app.update(action);
        }
    }
}

/// Presses `keys`, one [`key`] per character.
pub fn press(app: &mut App, keys: &str) {
    send(app, keys.chars().map(key));
}
