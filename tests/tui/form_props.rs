//! Hostile text typed into the TUI's forms (full-width and Arabic-Indic digits, `NaN`, `inf`,
//! `1e400`, `2024-02-30`, 10,000-character names, control characters, right-to-left marks):
//! no panic, and either the whole form is valid and one plan is written, or the form stays open
//! with its errors and nothing is written.

use std::path::PathBuf;

use crate::common::app::{key, press, send, today, typed};
use crossterm::event::KeyEvent;
use fenqi::i18n::Lang;
use fenqi::store::{HistoryFilter, PlanFilter, Store};
use fenqi::tui::app::App;
use fenqi::tui::keymap::Mode;
use proptest::prelude::*;
use ratatui::layout::Rect;

fn hostile() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "６０００".to_string(),
        "٦٠٠٠".to_string(),
        "NaN".to_string(),
        "inf".to_string(),
        "-inf".to_string(),
        "1e400".to_string(),
        "2024-02-30".to_string(),
        "x".repeat(10_000),
        "\u{202E}6000\u{202C}".to_string(),
        "\u{0}\u{7}\u{8}\u{7f}".to_string(),
        "-5".to_string(),
        "0".to_string(),
        "1.234".to_string(),
        "99999999999999999999999".to_string(),
        "６２２５ ８８０１ ２３４５ ６７８３".to_string(),
        "=HYPERLINK(\"x\")".to_string(),
    ]);
    prop_oneof![fixed, any::<String>()]
        .prop_map(|s| s.replace(['\t', '\n', '\r', '\u{1b}', '\u{15}'], ""))
}

/// The plan form's keys with `text` typed literally in field `slot` (name, provider, principal,
/// periods, rate, first due) and ordinary values elsewhere.
fn plan_keys(slot: usize, text: &str) -> Vec<KeyEvent> {
    let mut values = [
        "Phone".to_string(),
        "Xiaomi".to_string(),
        "1200".to_string(),
        "3".to_string(),
        "1%".to_string(),
        "2025-04-15".to_string(),
    ];
    values[slot] = text.to_string();
    let leads = [
        "a\u{1b}\u{15}",
        "\t\u{15}",
        "\t\u{15}",
        "\t\u{15}",
        "\t\t\u{15}",
        "\t\u{15}",
    ];
    let mut keys = Vec::new();
    for (lead, value) in leads.iter().zip(&values) {
        keys.extend(lead.chars().map(key));
        keys.extend(typed(value));
    }
    keys.push(key('\n'));
    keys
}

/// The app on a new database in a temp directory (kept while the directory lives).
fn fresh_app() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fenqi.db");
    crate::common::template::new_database(&path);
    let store = Store::open(&path).unwrap();
    let app = App::new(store, Lang::En, today(), Rect::new(0, 0, 80, 24)).unwrap();
    (dir, path, app)
}

fn counts(store: &Store) -> (u64, usize) {
    let plans = store
        .count_plans(&PlanFilter {
            include_finished: true,
            ..PlanFilter::default()
        })
        .unwrap();
    let history = store.list_history(&HistoryFilter::default()).unwrap().len();
    (plans, history)
}

proptest! {
    #![proptest_config(crate::common::seed::proptest_config(48))]

    #[test]
    fn plan_form_writes_one_valid_plan_or_nothing(slot in 0usize..6, text in hostile()) {
        let (_dir, path, mut app) = fresh_app();
        press(&mut app, "n");
        send(&mut app, plan_keys(slot, &text));
        let store = Store::open(&path).unwrap();
        let (plans, _) = counts(&store);
        if app.mode() == Mode::Form {
            prop_assert_eq!(plans, 0, "an open (invalid) form wrote a plan");
        } else {
            prop_assert_eq!(plans, 1, "the form closed without writing its plan");
            let listed = store.list_plan_summaries(&PlanFilter::default(), today()).unwrap();
            let stored = &listed[0];
            prop_assert!(!stored.name.chars().any(char::is_control));
            prop_assert!(!fenqi::domain::privacy::contains_card_number(&stored.name));
        }
    }

    #[test]
    fn payment_form_records_a_valid_amount_or_nothing(text in hostile()) {
        let (_dir, path, mut app) = fresh_app();
        press(&mut app, "n");
        send(&mut app, plan_keys(0, "Phone"));
        prop_assert_eq!(app.mode(), Mode::Browse);
        press(&mut app, "p\u{15}");
        send(&mut app, typed(&text));
        press(&mut app, "\n");
        let store = Store::open(&path).unwrap();
        let (_, history) = counts(&store);
        if app.mode() == Mode::Form {
            prop_assert_eq!(history, 0, "an open (invalid) form recorded a payment");
        } else {
            prop_assert_eq!(history, 1, "the form closed without recording");
        }
    }
}
