//! A TUI form or dialog open on a plan or card that another fenqi changes meanwhile (issue 12,
//! item 2): the plan deleted from the CLI (a second process) and another one added, then
//! Enter in the TUI (the `App` driven in-process) writes nothing, to the new plan or anywhere,
//! and says what changed; an edit or a payment elsewhere makes the form work on the plan as
//! it is (a payoff requoted) before Enter writes anything.

use fenqi::i18n::Lang;
use fenqi::store::Store;
use fenqi::tui::app::{App, FormView, Overlay};
use fenqi::tui::keymap::Mode;
use ratatui::layout::Rect;

use crate::common::app::{press, today};
use crate::common::{Db, dump};

/// The TUI tests' today, as the command line takes it.
const TODAY: &str = "2025-03-10";

/// `plan add` of an interest-free plan of 1,200.00 over 12 periods (100.00 a period).
fn add(db: &Db, name: &str, first_due: &str) {
    db.ok(
        TODAY,
        &[
            "plan",
            "add",
            "--name",
            name,
            "--provider",
            "花呗",
            "--principal",
            "1200",
            "--periods",
            "12",
            "--first-due",
            first_due,
        ],
    );
}

/// Plans #1–#5 (#5 first in the plans pane: it falls due first) and two cards, and the TUI
/// open on them with plan #5 selected.
fn five_plans(lang: Lang) -> (Db, App) {
    let db = Db::new();
    for n in 1..=4 {
        add(&db, &format!("plan {n}"), "2025-04-15");
    }
    add(&db, "plan 5", "2025-03-15");
    for last4 in ["1111", "2222"] {
        db.ok(
            TODAY,
            &["card", "add", "--bank", "招商银行", "--last4", last4],
        );
    }
    let store = Store::open(&db.path).unwrap();
    let app = App::new(store, lang, today(), Rect::new(0, 0, 120, 40)).unwrap();
    assert_eq!(app.selected_plan().map(|id| id.0), Some(5));
    (db, app)
}

/// The popup's text, if the top overlay is an error popup.
fn popup(app: &App) -> Option<&str> {
    match app.overlays.last() {
        Some(Overlay::Error(text)) => Some(text),
        _ => None,
    }
}

/// Presses Enter, checks that the database is byte for byte as before, and returns the
/// message shown.
#[track_caller]
fn enter_writes_nothing(db: &Db, app: &mut App) -> String {
    let before = dump(&db.path, false);
    press(app, "\n");
    assert_eq!(dump(&db.path, false), before, "something was written");
    popup(app).expect("a message").to_string()
}

fn plan_name(db: &Db, id: i64) -> Option<String> {
    rusqlite::Connection::open(&db.path)
        .unwrap()
        .query_row("SELECT name FROM plans WHERE id = ?1", [id], |r| r.get(0))
        .ok()
}

/// Every way the TUI acts on plan #5: the edit form, the payment and failed-debit forms, the
/// payoff form, the delete question.
const OPENERS: &[(&str, &str)] = &[
    ("edit form", "e"),
    ("payment form", "p"),
    // The plans have no auto-debit: f asks first, y opens the form.
    ("failed-debit form", "fy"),
    ("payoff form", "o"),
    ("delete question", "d"),
];

#[test]
fn a_plan_deleted_elsewhere_while_a_form_is_open_gets_nothing_written_anywhere() {
    let mut cases = 0;
    for (lang, deleted) in [
        (Lang::En, "plan #5 was deleted elsewhere"),
        (Lang::Zh, "分期计划 #5 在显示之后已在别处被删除"),
    ] {
        for (what, key) in OPENERS {
            let (db, mut app) = five_plans(lang);
            press(&mut app, key);
            assert!(matches!(app.mode(), Mode::Form | Mode::Confirm), "{what}");
            // Another fenqi deletes plan #5 and adds a plan (before schema 4 it became #5).
            db.ok(TODAY, &["plan", "delete", "5", "--yes"]);
            add(&db, "new plan", "2025-05-20");
            let message = enter_writes_nothing(&db, &mut app);
            assert_eq!(plan_name(&db, 6).as_deref(), Some("new plan"), "{what}");
            assert_eq!(plan_name(&db, 5), None, "{what}");
            assert!(message.contains(deleted), "{what}: {message}");
            // The form or question is gone with its plan; closing the message leaves the panes.
            press(&mut app, "\n");
            assert_eq!(app.mode(), Mode::Browse, "{what}");
            assert!(app.plans.rows.iter().all(|p| p.id.0 != 5), "{what}");
            cases += 1;
        }
    }
    println!(
        "stale: {cases} forms and questions (edit, payment, failed debit, payoff, delete; English and Chinese) open on a plan deleted and replaced elsewhere: 0 writes, {cases} clear messages"
    );
}

#[test]
fn a_plan_edited_or_paid_elsewhere_is_shown_again_before_anything_is_written() {
    // The edit form: the name changed from the CLI; Enter writes nothing, says so, and the
    // next Enter saves the form over it.
    let (db, mut app) = five_plans(Lang::En);
    press(&mut app, "e\u{15}mine");
    db.ok(TODAY, &["plan", "edit", "5", "--name", "theirs"]);
    let message = enter_writes_nothing(&db, &mut app);
    assert!(
        message.contains("plan #5 was edited elsewhere"),
        "{message}"
    );
    press(&mut app, "\n");
    assert_eq!(app.mode(), Mode::Form, "the form stays open");
    press(&mut app, "\n");
    assert_eq!(plan_name(&db, 5).as_deref(), Some("mine"));

    // The payoff form shows 1,200.00 (nothing paid, no fee); a payment of 100.00 from the CLI
    // makes it 1,100.00: Enter requotes and writes nothing, the next Enter pays 1,100.00.
    let (db, mut app) = five_plans(Lang::En);
    press(&mut app, "o");
    let quoted = |app: &App| match app.overlays.last() {
        Some(Overlay::Form(FormView::Payoff(f))) => f.quote.as_ref().map(|(_, q)| q.amount.cents()),
        _ => None,
    };
    assert_eq!(quoted(&app), Some(120_000));
    db.ok(TODAY, &["pay", "5", "--amount", "100", "--on", TODAY]);
    let message = enter_writes_nothing(&db, &mut app);
    assert!(
        message.contains("plan #5's payments changed elsewhere"),
        "{message}"
    );
    assert!(
        message.contains("The payoff amount is now 1,100.00 (it was 1,200.00 when shown)"),
        "{message}"
    );
    press(&mut app, "\n");
    assert_eq!(quoted(&app), Some(110_000));
    press(&mut app, "\n");
    let paid: i64 = rusqlite::Connection::open(&db.path)
        .unwrap()
        .query_row(
            "SELECT sum(amount_cents) FROM repayments WHERE plan_id = 5",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        paid,
        10_000 + 110_000,
        "100.00 from the CLI, then the payoff"
    );

    // The payment form: a payment elsewhere; nothing written until Enter again.
    let (db, mut app) = five_plans(Lang::En);
    press(&mut app, "p");
    db.ok(TODAY, &["pay", "5", "--amount", "30", "--on", TODAY]);
    let message = enter_writes_nothing(&db, &mut app);
    assert!(
        message.contains("plan #5's payments changed elsewhere"),
        "{message}"
    );

    // The delete question: an edit elsewhere; nothing deleted.
    let (db, mut app) = five_plans(Lang::En);
    press(&mut app, "d");
    db.ok(TODAY, &["plan", "edit", "5", "--name", "keep me"]);
    let message = enter_writes_nothing(&db, &mut app);
    assert_eq!(plan_name(&db, 5).as_deref(), Some("keep me"));
    assert!(
        message.contains("plan #5 was edited elsewhere"),
        "{message}"
    );
}

#[test]
fn a_card_replacement_on_a_card_changed_elsewhere_writes_nothing() {
    let (db, mut app) = five_plans(Lang::En);
    db.ok(TODAY, &["plan", "edit", "1", "--card", "1"]);
    // The cards list, card #1 (the default, listed first), replace it by the other card.
    press(&mut app, "cr→");
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Form(FormView::Replace(f))) if f.new_card.is_some()
    ));
    db.ok(TODAY, &["card", "default", "2"]);
    let message = enter_writes_nothing(&db, &mut app);
    assert!(message.contains("was changed elsewhere"), "{message}");
}
