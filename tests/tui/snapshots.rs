//! Whole-app snapshots: keys go through the real key map into `App::update` on a real
//! database, and the screen is drawn on `TestBackend` at 80×24 and 120×40 in both languages.

use crate::common::app::{demo_app, press, today};
use fenqi::i18n::Lang;
use fenqi::store::Store;
use fenqi::tui::app::App;
use fenqi::tui::view::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render(app, frame)).unwrap();
    terminal.backend().to_string()
}

/// Every state worth seeing, as the keys that reach it from the main screen.
const STATES: &[(&str, &str)] = &[
    ("main_plans", ""),
    ("main_upcoming", "\t"),
    ("main_history", "3"),
    ("main_scrolled", "jjjjjG"),
    ("filter", "/花呗"),
    ("detail", "\n"),
    ("detail_scrolled", "\njjjjjjjjjj"),
    ("month_by_provider", "m"),
    ("month_by_card", "mv"),
    ("help", "?"),
    ("cards", "c"),
    ("card_form_empty", "ca"),
    ("card_form_filled", "ca招商银行\t6214\t工资卡"),
    ("card_form_invalid", "ca\t12a\n"),
    ("card_replace", "cr"),
    ("plan_form_empty", "a\u{1b}"),
    (
        "plan_form_filled",
        "a\u{1b}iPhone 16 Pro\t苹果分期\t6000\t\u{15}12\t\t0.6%",
    ),
    (
        "plan_form_invalid",
        "a\u{1b}\t\tabc\t\u{15}0\t\t\t\u{15}2025-02-30\n",
    ),
    (
        "plan_form_bad_first_due",
        "a\u{1b}iPhone 16 Pro\t苹果分期\t6000\t\u{15}12\t\t0.6%\t\u{15}2025-02-30",
    ),
    (
        "plan_form_bad_fee_options",
        "a\u{1b}iPhone 16 Pro\t苹果分期\t6000\t\u{15}6\t\t0.6%\t\t\t\tabc\t1,2,9",
    ),
    ("plan_form_edit", "e"),
    ("pay_form_prefilled", "p"),
    ("pay_form_filled", "p\t\t\u{15}2025-03-09\t\t\tFQ123"),
    ("pay_form_invalid", "p\u{15}1.234\t\u{15}yesterday\n"),
    ("failed_debit_form", "\tf"),
    ("payoff_form", "o"),
    ("payoff_form_invalid", "o\u{15}2025-13-01"),
    ("delete_confirm", "d"),
];

#[test]
fn every_screen_in_both_languages_and_sizes() {
    for (width, height) in [(80, 24), (120, 40)] {
        for lang in [Lang::En, Lang::Zh] {
            for (state, keys) in STATES {
                let (_dir, mut app) = demo_app(lang, width, height);
                press(&mut app, keys);
                let name = format!("{state}_{}_{width}x{height}", lang.code());
                insta::assert_snapshot!(name, screen(&app, width, height));
            }
        }
    }
}

#[test]
fn first_run_offers_the_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::En, Lang::Zh] {
        let store = Store::open(&dir.path().join(format!("{}.db", lang.code()))).unwrap();
        let mut app = App::new(store, lang, today(), Rect::new(0, 0, 80, 24)).unwrap();
        let name = format!("first_run_{}_80x24", lang.code());
        insta::assert_snapshot!(name, screen(&app, 80, 24));
        press(&mut app, "y");
        assert_eq!(app.plans.total, 8, "accepting loads the demo plans");
    }
}
