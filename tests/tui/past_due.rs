//! A database not opened for a year: the first frame comes before the periods past due are
//! read (thousands, each with its penalty), the figures they change say so, and they are read
//! right after it: in the app, and through the built binary in a pseudo-terminal.

use crate::common::pty::Tui;
use crate::common::run;
use fenqi::domain::Money;
use fenqi::i18n::Lang;
use fenqi::store::Store;
use fenqi::tui::app::{App, PAST_DUE_READ_AT_ONCE};
use fenqi::tui::view::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const MADE_ON: &str = "2025-03-01";
const A_YEAR_LATER: &str = "2026-03-01";

/// A demo database of 300 plans made on `MADE_ON`.
fn year_old_db(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = dir.path().join("fenqi.db");
    let out = run(&db, MADE_ON, &["demo", "--plans", "300", "--seed", "7"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

/// What `due` lists as overdue a year later (the CLI's own path through the store): how many
/// periods, and what they owe with their penalties so far.
fn overdue_per_due(db: &std::path::Path) -> (usize, Money) {
    let out = run(db, A_YEAR_LATER, &["due", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let due: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let overdue = due["overdue"].as_array().unwrap();
    let cents = |item: &serde_json::Value, field: &str| {
        Money::parse(item[field].as_str().unwrap()).unwrap().cents()
    };
    let owed: i64 = overdue
        .iter()
        .map(|item| cents(item, "amount") + cents(item, "penalty"))
        .sum();
    (overdue.len(), Money::from_cents(owed))
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| render(app, frame)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_first_frame_comes_before_the_periods_past_due_and_says_they_are_being_counted() {
    let dir = tempfile::tempdir().unwrap();
    let db = year_old_db(&dir);
    let (overdue, owed) = overdue_per_due(&db);
    assert!(overdue as u64 > PAST_DUE_READ_AT_ONCE, "{overdue}");
    let today = fenqi::domain::dates::parse_date(A_YEAR_LATER).unwrap();
    let mut app = App::new(
        Store::open(&db).unwrap(),
        Lang::En,
        today,
        Rect::new(0, 0, 120, 40),
    )
    .unwrap();
    assert!(app.past_due_pending);
    let first = screen(&app);
    assert!(first.contains("overdue: counting…"), "{first}");
    assert!(first.contains("7 days: … │ 30 days: …"), "{first}");
    assert!(first.contains("Next 7 days by card: …"), "{first}");

    app.read_past_due();
    assert!(!app.past_due_pending);
    assert_eq!(app.status.overdue_count, overdue as u64);
    let shown = app.status.overdue_amount.cents() + app.status.overdue_penalty.cents();
    assert_eq!(Money::from_cents(shown), owed);
    let second = screen(&app);
    let expected = format!("overdue: {overdue} ({})", owed.grouped());
    assert!(second.contains(&expected), "{expected}\n{second}");
    assert!(!second.contains('…'), "{second}");
}

#[test]
fn a_database_opened_the_day_it_was_written_reads_them_before_the_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let db = year_old_db(&dir);
    let today = fenqi::domain::dates::parse_date(MADE_ON).unwrap();
    let app = App::new(
        Store::open(&db).unwrap(),
        Lang::En,
        today,
        Rect::new(0, 0, 120, 40),
    )
    .unwrap();
    assert!(!app.past_due_pending);
    assert!(!screen(&app).contains("counting"));
}

#[test]
fn the_binary_draws_the_counted_figures_right_after_the_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let db = year_old_db(&dir);
    let (overdue, owed) = overdue_per_due(&db);
    let mut tui = Tui::start_on(&db, "en", A_YEAR_LATER, &[]);
    let screen = tui.screen.clone();
    screen.wait_for(&format!("overdue: {overdue} ({})", owed.grouped()));
    let raw = String::from_utf8_lossy(&screen.raw()).into_owned();
    assert!(
        raw.contains("counting…"),
        "the first frame said it was counting"
    );
    tui.send("q");
    assert!(tui.wait_exit().success());
}
