//! Key → action → state tests on a real database, without a terminal.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fenqi::i18n::Lang;
use fenqi::store::{HistoryFilter, PlanFilter, Store};
use fenqi::tui::action::PaneId;
use fenqi::tui::app::{App, FormView, Overlay};
use fenqi::tui::keymap::{Mode, map_key};
use ratatui::layout::Rect;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 10).unwrap()
}

fn empty_app(dir: &tempfile::TempDir) -> App {
    let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    App::new(store, Lang::En, today(), Rect::new(0, 0, 80, 24)).unwrap()
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let key = match c {
            '\t' => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
            '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            '\u{1b}' => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            '\u{15}' => KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        };
        if let Some(action) = map_key(app.mode(), key) {
            app.update(action);
        }
    }
}

fn plan_count(dir: &tempfile::TempDir) -> u64 {
    let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    store
        .count_plans(&PlanFilter {
            include_finished: true,
            ..PlanFilter::default()
        })
        .unwrap()
}

#[test]
fn nothing_is_written_until_the_form_is_valid_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = empty_app(&dir);
    assert_eq!(app.mode(), Mode::Confirm, "first run offers the demo");
    press(&mut app, "n");
    assert_eq!(app.mode(), Mode::Browse);
    press(&mut app, "a\n");
    assert_eq!(app.mode(), Mode::Form, "an empty form stays open");
    assert_eq!(plan_count(&dir), 0);
    press(&mut app, "Phone\tXiaomi\t1200\t\u{15}3\t\t1%\n");
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(plan_count(&dir), 1);
    assert_eq!(app.plans.total, 1);
    assert_eq!(app.plans.rows[0].name, "Phone");
    press(&mut app, "u");
    assert_eq!(plan_count(&dir), 0);
    assert_eq!(app.plans.total, 0);
}

#[test]
fn an_overpayment_shows_under_the_amount_and_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = empty_app(&dir);
    press(&mut app, "na");
    press(&mut app, "Phone\tXiaomi\t1200\t\u{15}3\t\t1%\n");
    press(&mut app, "p\u{15}99999\n");
    let Some(Overlay::Form(FormView::Payment(form))) = app.overlays.last() else {
        panic!("the payment form should stay open");
    };
    let error = form.form.visible_error(0).unwrap();
    assert!(error.contains("more than the"), "{error}");
    let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    assert!(
        store
            .list_history(&HistoryFilter::default())
            .unwrap()
            .is_empty()
    );
    press(&mut app, "\u{1b}");
    assert_eq!(app.mode(), Mode::Browse);
}

#[test]
fn panes_page_through_the_store_and_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    store.fill_demo(60, 7, today()).unwrap();
    let mut app = App::new(store, Lang::Zh, today(), Rect::new(0, 0, 80, 24)).unwrap();
    assert_eq!(app.plans.total, 60);
    assert!(app.plans.rows.len() < 10, "only a screenful is loaded");
    press(&mut app, "G");
    assert_eq!(app.plans.selected, 59);
    assert_eq!(app.plans.offset + app.plans.rows.len(), 60);
    press(&mut app, "3");
    assert_eq!(app.focus, PaneId::History);
    press(&mut app, "/zzz-no-such");
    assert_eq!(app.history.total, 0);
    press(&mut app, "\u{1b}");
    assert!(app.history.total > 0, "Esc clears the filter");
    press(&mut app, "L");
    assert_eq!(app.lang, Lang::En);
}
