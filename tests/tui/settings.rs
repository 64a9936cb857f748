//! The TUI and the config file: `L` written back into it (only the `lang` key changes; the
//! user's comments and other keys stay), the settings it starts with (theme, mouse, the
//! Upcoming window), and a bad config file refused before the terminal is touched.

use fenqi::i18n::Lang;
use fenqi::store::Store;
use fenqi::tui::app::{App, Prefs};
use ratatui::layout::Rect;

use crate::common::app::{press, today};
use crate::common::pty::{Tui, last_index};

/// A config file as a person writes one: comments above and beside the keys, a blank line.
const WRITTEN: &str = "# fenqi's settings\nlang = \"en\"   # English first\n\n# colours for a light terminal\ntheme = \"mono\"\nmouse = false\nupcoming_days = 7\n";

/// An app on an empty database in `dir` (in English, the demo declined) that remembers `L`
/// in `config`.
fn remembering(dir: &tempfile::TempDir, config: &std::path::Path) -> App {
    let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    let prefs = Prefs {
        config_file: Some(config.to_path_buf()),
        ..Prefs::default()
    };
    let size = Rect::new(0, 0, 80, 24);
    let mut app = App::with_prefs(store, Lang::En, today(), size, prefs).unwrap();
    press(&mut app, "n");
    app
}

#[test]
fn l_is_remembered_in_the_config_file_keeping_everything_else() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, WRITTEN).unwrap();
    let mut app = remembering(&dir, &config);
    press(&mut app, "L");
    assert_eq!(app.lang, Lang::Zh);
    let zh = WRITTEN.replace("lang = \"en\"   #", "lang = \"zh\"   #");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), zh);
    press(&mut app, "L");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), WRITTEN);

    // No file yet: it is made with the one key.
    std::fs::remove_file(&config).unwrap();
    press(&mut app, "L");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "lang = \"zh\"\n");
}

#[test]
fn a_config_file_that_cannot_be_written_is_said_and_the_language_still_switches() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    // Broken since the TUI started: left alone, and the note says why.
    std::fs::write(&config, "lang = \n").unwrap();
    let mut app = remembering(&dir, &config);
    press(&mut app, "L");
    assert_eq!(app.lang, Lang::Zh);
    let note = app.note.as_ref().unwrap().render(Lang::Zh);
    assert!(
        note.starts_with(&format!(
            "语言：中文（未能记住：{}: 第 1 行不是有效的 TOML：",
            config.display()
        )),
        "{note}"
    );
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "lang = \n");
}

/// Through the binary: the file's theme (mono: no colour), mouse (not captured) and Upcoming
/// window (7 days) are used, and `L` writes the language back keeping the comments.
#[test]
fn the_tui_starts_with_the_file_settings_and_writes_back_l() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fenqi.db");
    let config = crate::common::config_beside(&db);
    std::fs::write(&config, WRITTEN).unwrap();
    let mut tui = Tui::start(&db, "en");
    let screen = tui.screen.clone();
    screen.wait_for("Load demo data");
    tui.send("y");
    screen.wait_for("Demo data loaded.");
    screen.wait_for("overdue + next 7 days");
    tui.send("L");
    screen.wait_for("语言：中文");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let raw = screen.raw();
    assert!(last_index(&raw, b"\x1b[?1000h").is_none(), "mouse = false");
    for colour in [&b"38;5;"[..], b"48;5;", b"38;2;", b"48;2;"] {
        assert!(last_index(&raw, colour).is_none(), "mono draws no colour");
    }
    assert!(
        last_index(&raw, b"\x1b[7m").is_some(),
        "reverse video instead"
    );
    let zh = WRITTEN.replace("lang = \"en\"   #", "lang = \"zh\"   #");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), zh);
}

/// A bad config file: one line and exit status 2, the terminal never switched to the TUI.
#[test]
fn a_bad_config_file_stops_the_tui_before_the_terminal_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fenqi.db");
    let config = crate::common::config_beside(&db);
    std::fs::write(&config, "theme = \"sepia\"\n").unwrap();
    let mut tui = Tui::start(&db, "zh");
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 2);
    let raw = screen_text(&tui);
    assert_eq!(
        raw.trim(),
        format!(
            "fenqi: 错误: {}: theme：\"sepia\" 无效，应为 dark、light 或 mono",
            config.display()
        )
    );
    assert!(last_index(&tui.screen.raw(), b"\x1b[?1049h").is_none());
    assert!(!tui.screen.alternate());
    assert!(!db.exists(), "nothing opened");
}

fn screen_text(tui: &Tui) -> String {
    String::from_utf8(tui.screen.raw()).unwrap()
}
