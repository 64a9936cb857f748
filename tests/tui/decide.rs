//! The decision views through keys: the summary (s) with its chart of the balance month by
//! month, and the advise form (A) — figures worked by hand, both languages, 80×24 and 40×12,
//! and readable without colour.

use crate::common::Db;
use crate::common::app::press;
use crate::common::decide::{advise_db, summary_db};
use chrono::NaiveDate;
use fenqi::i18n::Lang;
use fenqi::store::Store;
use fenqi::tui::app::App;
use fenqi::tui::keymap::Mode;
use fenqi::tui::view::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn screen(app: &App) -> String {
    let (width, height) = (app.size.width, app.size.height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render(app, frame)).unwrap();
    terminal.backend().to_string()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn app_on(db: &Db, lang: Lang, today: &str, width: u16, height: u16) -> App {
    let store = Store::open(&db.path).unwrap();
    App::new(store, lang, day(today), Rect::new(0, 0, width, height)).unwrap()
}

#[test]
fn the_summary_view_shows_the_figures_and_the_balance_falling() {
    let db = summary_db();
    for lang in [Lang::En, Lang::Zh] {
        let mut app = app_on(&db, lang, "2025-03-10", 80, 24);
        press(&mut app, "s");
        assert_eq!(app.mode(), Mode::Summary);
        let shown = screen(&app);
        // The figures `fenqi summary` prints (worked by hand in tests/cli/decide.rs).
        for figure in [
            "7,800.00", "8,232.00", "736.00", "1,036.00", "101.15", "10.1842%",
        ] {
            assert!(shown.contains(figure), "{figure} in\n{shown}");
        }
        insta::assert_snapshot!(format!("summary_{}_80x24", lang.code()), shown);
        // The chart below: the balance from 2025-03 (8,232.00) to 2026-02.
        press(&mut app, "G");
        let shown = screen(&app);
        let caption = match lang {
            Lang::En => "2025-03 to 2026-02",
            Lang::Zh => "2025-03 至 2026-02",
        };
        assert!(shown.contains(caption), "{shown}");
        assert!(
            shown.contains("8,232.00"),
            "the highest bar is today's balance"
        );
        insta::assert_snapshot!(format!("summary_chart_{}_80x24", lang.code()), shown);
        press(&mut app, "s");
        assert!(app.overlays.is_empty(), "s closes the summary");
        press(&mut app, "s\u{1b}");
        assert!(app.overlays.is_empty(), "Esc closes the summary");
    }
}

#[test]
fn the_advise_form_shows_what_to_pay_and_what_saves_nothing() {
    let db = advise_db();
    for lang in [Lang::En, Lang::Zh] {
        let mut app = app_on(&db, lang, "2025-01-01", 80, 24);
        press(&mut app, "A");
        assert_eq!(app.mode(), Mode::Advise);
        insta::assert_snapshot!(format!("advise_empty_{}_80x24", lang.code()), screen(&app));
        // 6,000.00: paying off #1 (432.00 saved) beats #2 and #3 (300.00 + 120.00).
        press(&mut app, "6000");
        let shown = screen(&app);
        assert!(
            shown.contains("6,000.00") && shown.contains("432.00"),
            "{shown}"
        );
        assert!(!shown.contains("420.00"), "{shown}");
        insta::assert_snapshot!(format!("advise_{}_80x24", lang.code()), shown);
        // Nothing typed is checked: a bad amount is named under the field.
        press(&mut app, "\u{15}0\n");
        let shown = screen(&app);
        let error = match lang {
            Lang::En => "✗",
            Lang::Zh => "✗",
        };
        assert!(shown.contains(error), "{shown}");
        press(&mut app, "\u{1b}");
        assert!(app.overlays.is_empty());
    }
}

#[test]
fn both_views_scroll_on_a_small_terminal() {
    let db = summary_db();
    for lang in [Lang::En, Lang::Zh] {
        let code = lang.code();
        let mut app = app_on(&db, lang, "2025-03-10", 40, 12);
        press(&mut app, "s");
        insta::assert_snapshot!(format!("small_summary_{code}_40x12"), screen(&app));
        press(&mut app, "G");
        insta::assert_snapshot!(format!("small_summary_end_{code}_40x12"), screen(&app));
        press(&mut app, "\u{1b}A1000");
        insta::assert_snapshot!(format!("small_advise_{code}_40x12"), screen(&app));
    }
}

#[test]
fn the_chart_reads_without_colour() {
    use fenqi::tui::palette::{Theme, apply};
    use ratatui::style::Color;
    let db = summary_db();
    let mut app = app_on(&db, Lang::En, "2025-03-10", 80, 24);
    press(&mut app, "sG");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| {
            render(&app, frame);
            apply(Theme::Mono, frame.buffer_mut());
        })
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    // The bars are block characters: the tallest (today's balance) is a full block.
    assert!(buffer.content.iter().any(|c| c.symbol() == "█"));
}
