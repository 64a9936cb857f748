//! Auto-debits and statements in the TUI, keys through the real key map: y confirms the
//! automatic posting selected in History, Y every one due by today (after asking), f on a plan
//! without auto-debit asks first; s reads a statement into the review screen, where Space
//! ticks, Enter applies the ticked lines as one change and Esc leaves with nothing changed —
//! and a plan changed elsewhere meanwhile gets nothing written.
//!
//! The statement's database (set up through the binary, today 2025-04-05): card #1 中国银行
//! ··5678 and `AUTO_DEBIT_PLANS` (#1 花呗 418.00 due on the 5th from 2025-03-05, #2 京东白条
//! 530.00 due on the 16th from 2025-03-16, both debited from the card), 白条's first debit
//! failed (retry 2025-03-19).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use fenqi::i18n::Lang;
use fenqi::store::Store;
use fenqi::tui::app::{App, Confirm, Overlay};
use fenqi::tui::keymap::Mode;
use fenqi::tui::rows::HistoryRow;
use fenqi::tui::view::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use crate::common::app::{demo_app, press, send, typed};
use crate::common::{AUTO_DEBIT_PLANS, BAITIAO_FAILED, Db, s};

const TODAY: &str = "2025-04-05";

fn screen(app: &App) -> String {
    let (width, height) = (app.size.width, app.size.height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render(app, frame)).unwrap();
    terminal.backend().to_string()
}

/// The bank card's statement: the 花呗 debit (confirms its posting), 白条's retry on the
/// 19th (records the failed period), the same retry twice (a double debit), a 信用卡还款 no
/// plan explains, a purchase and a deposit; nothing for 花呗's debit due on 04-05 (missing).
const STATEMENT: &str = "中国银行借记卡交易明细\n\
交易日,银行记账日,卡号后四位,交易描述,存入,支出\n\
2025-03-05,2025-03-05,5678,支付宝-花呗自动还款,,418.00\n\
2025-03-19,2025-03-19,5678,京东白条自动还款,,530.00\n\
2025-03-19,2025-03-19,5678,京东白条自动还款,,530.00\n\
2025-03-25,2025-03-25,5678,信用卡还款,,300.00\n\
2025-04-02,2025-04-02,5678,某超市,,120.00\n\
2025-04-05,2025-04-05,5678,转账存入,100.00,\n";

/// The database above, with the statement written beside it as `bank.csv`.
fn statement_db() -> (Db, PathBuf) {
    let db = Db::new();
    db.ok(
        "2025-03-01",
        &["card", "add", "--bank", "中国银行", "--last4", "5678"],
    );
    for flags in AUTO_DEBIT_PLANS {
        let mut args = vec!["plan", "add"];
        args.extend_from_slice(flags);
        db.ok("2025-03-01", &args);
    }
    db.ok("2025-03-16", BAITIAO_FAILED);
    let file = db.dir.path().join("bank.csv");
    std::fs::write(&file, STATEMENT).unwrap();
    (db, file)
}

fn app_on(db: &Db, lang: Lang, width: u16, height: u16) -> App {
    let store = Store::open(&db.path).unwrap();
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    App::new(store, lang, today, Rect::new(0, 0, width, height)).unwrap()
}

/// Opens the statement form (s), types `file` literally and reads it (Enter).
fn open_statement(app: &mut App, file: &Path) {
    press(app, "R");
    send(app, typed(file.to_str().unwrap()));
    press(app, "\n");
}

/// The text of the topmost error popup, if one is open.
fn popup(app: &App) -> Option<&str> {
    match app.overlays.last() {
        Some(Overlay::Error(text)) => Some(text),
        _ => None,
    }
}

#[test]
fn the_review_lists_each_line_with_its_action_in_both_languages() {
    for lang in [Lang::En, Lang::Zh] {
        for (width, height) in [(80, 24), (120, 40)] {
            let (db, file) = statement_db();
            let mut app = app_on(&db, lang, width, height);
            press(&mut app, "R");
            let name = format!("statement_form_{}_{width}x{height}", lang.code());
            insta::assert_snapshot!(name, screen(&app));
            send(&mut app, typed(file.to_str().unwrap()));
            press(&mut app, "\n");
            assert_eq!(app.mode(), Mode::Review, "{:?}", app.overlays.last());
            let name = format!("statement_review_{}_{width}x{height}", lang.code());
            insta::assert_snapshot!(name, screen(&app));
        }
    }
}

#[test]
fn space_unticks_enter_applies_the_ticked_as_one_change_and_u_undoes_it() {
    let (db, file) = statement_db();
    // Without the change log (undo marks its entry undone) and the id sequences.
    let before = db.dump(true);
    let mut app = app_on(&db, Lang::En, 80, 24);
    open_statement(&mut app, &file);
    // Items: 花呗 1/6 confirm, 白条 1/12 record, 花呗 2/6 missing (mark failed), the double
    // debit, the 信用卡还款. Untick the record (the second item).
    press(&mut app, "j ");
    let shown = screen(&app);
    assert!(shown.contains("[ ]") && shown.contains("[x]"), "{shown}");
    insta::assert_snapshot!("statement_review_unticked_en_80x24", shown);
    press(&mut app, "\n");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let note = app.note.as_ref().unwrap().render(Lang::En);
    assert_eq!(
        note,
        "Reconciled: confirmed 1, marked 1 as failed debits (u undoes it all)."
    );
    let plan = db.json(TODAY, &["plan", "show", "1"]);
    assert_eq!(s(&plan["schedule"][0]["source"]), "statement");
    assert_eq!(s(&plan["schedule"][1]["status"]), "debit-failed");
    let plan = db.json(TODAY, &["plan", "show", "2"]);
    assert_eq!(
        s(&plan["schedule"][0]["status"]),
        "debit-failed",
        "left unticked"
    );
    // One change: undo takes all of it back.
    press(&mut app, "u");
    assert_eq!(db.dump(true), before);
}

#[test]
fn esc_leaves_the_review_with_nothing_changed() {
    let (db, file) = statement_db();
    let before = db.dump(false);
    for lang in [Lang::En, Lang::Zh] {
        let mut app = app_on(&db, lang, 80, 24);
        open_statement(&mut app, &file);
        press(&mut app, "j j \u{1b}");
        assert!(app.overlays.is_empty(), "{:?}", app.overlays);
        assert_eq!(app.mode(), Mode::Browse);
    }
    assert_eq!(db.dump(false), before);
}

#[test]
fn a_statement_it_cannot_read_is_said_under_the_file_field() {
    for lang in [Lang::En, Lang::Zh] {
        let (db, _) = statement_db();
        let junk = db.dir.path().join("junk.bin");
        std::fs::write(&junk, [0u8, 159, 146, 150, 0, 255, 254, 0]).unwrap();
        let before = db.dump(false);
        let mut app = app_on(&db, lang, 80, 24);
        open_statement(&mut app, &junk);
        assert_eq!(app.mode(), Mode::Form, "the form stays open");
        // The temporary directory (its name differs each run) as DIR, padded to its width.
        let dir = db.dir.path().to_str().unwrap();
        let shown = screen(&app).replace(dir, &format!("{:<1$}", "DIR", dir.chars().count()));
        let said = match lang {
            Lang::En => "found data that is not text",
            Lang::Zh => "非文本数据",
        };
        assert!(shown.contains(said), "{shown}");
        insta::assert_snapshot!(format!("statement_unreadable_{}_80x24", lang.code()), shown);
        press(&mut app, "\u{1b}");
        assert_eq!(db.dump(false), before);
    }
}

#[test]
fn a_plan_paid_elsewhere_meanwhile_gets_nothing_written_and_the_review_is_taken_again() {
    let (db, file) = statement_db();
    let mut app = app_on(&db, Lang::En, 120, 40);
    open_statement(&mut app, &file);
    // Another fenqi pays 白条's failed period while the review is open.
    db.ok(TODAY, &["pay", "2", "--on", "2025-03-19"]);
    let after_payment = db.dump(false);
    press(&mut app, "\n");
    assert_eq!(db.dump(false), after_payment, "nothing written");
    let message = popup(&app).unwrap_or_else(|| panic!("{:?}", app.overlays));
    assert!(
        message.contains("plan #2's payments changed elsewhere"),
        "{message}"
    );
    assert!(message.contains("matched again"), "{message}");
    // The review as things are now: 白条's line confirms the repayment recorded elsewhere.
    press(&mut app, "x");
    assert_eq!(app.mode(), Mode::Review);
    let shown = screen(&app);
    assert!(shown.contains("#2 1/12      confirm"), "{shown}");
    press(&mut app, "\n");
    let plan = db.json(TODAY, &["plan", "show", "2"]);
    assert_eq!(s(&plan["schedule"][0]["status"]), "paid");
    let history = db.json(TODAY, &["history", "--plan", "2"]);
    assert_eq!(
        history.as_array().unwrap().len(),
        2,
        "no second payment: {history}"
    );
}

#[test]
fn y_confirms_the_selected_posting_and_capital_y_every_one_after_asking() {
    for lang in [Lang::En, Lang::Zh] {
        // The demo on 2025-03-10: one automatic posting, 淘宝年货's 154.08 due today.
        let (_dir, mut app) = demo_app(lang, 80, 24);
        assert_eq!(app.status.unconfirmed_count, 1);
        press(&mut app, "y");
        let hint = app.note.as_ref().unwrap().render(lang);
        assert!(hint.contains('Y'), "y outside History says how: {hint}");
        press(&mut app, "3");
        assert!(matches!(app.history.rows[0], HistoryRow::Posted(_)));
        press(&mut app, "d");
        assert!(app.overlays.is_empty(), "a posting is not taken back");
        press(&mut app, "y");
        assert_eq!(app.status.unconfirmed_count, 0);
        assert!(matches!(app.history.rows[0], HistoryRow::Recorded(_)));
        let shown = screen(&app);
        insta::assert_snapshot!(format!("posting_confirmed_{}_80x24", lang.code()), shown);
        // u takes it back; Y asks, n leaves it, Y then y confirms every one.
        press(&mut app, "uY");
        assert!(matches!(
            app.overlays.last(),
            Some(Overlay::Confirm(Confirm::ConfirmPostings { count: 1, .. }))
        ));
        insta::assert_snapshot!(
            format!("confirm_today_ask_{}_80x24", lang.code()),
            screen(&app)
        );
        press(&mut app, "n");
        assert_eq!(app.status.unconfirmed_count, 1);
        press(&mut app, "Yy");
        assert_eq!(app.status.unconfirmed_count, 0);
        press(&mut app, "Y");
        assert!(app.overlays.is_empty(), "nothing left to confirm");
    }
}

#[test]
fn a_failed_debit_on_a_plan_without_auto_debit_asks_first() {
    let (db, _) = statement_db();
    db.ok("2025-03-01", &["plan", "edit", "2", "--auto-debit", "no"]);
    let mut app = app_on(&db, Lang::En, 80, 24);
    let row = app.plans.rows.iter().position(|p| p.id.0 == 2).unwrap();
    press(&mut app, &format!("g{}f", "j".repeat(row)));
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Confirm::FailedWithoutAutoDebit { .. }))
    ));
    let shown = screen(&app);
    assert!(shown.contains("has no auto-debit"), "{shown}");
    press(&mut app, "n");
    assert!(app.overlays.is_empty());
    press(&mut app, "fy");
    assert_eq!(app.mode(), Mode::Form, "the failed-debit form after yes");
    // A plan with auto-debit goes straight to the form.
    let row = app.plans.rows.iter().position(|p| p.id.0 == 1).unwrap();
    press(&mut app, &format!("\u{1b}g{}f", "j".repeat(row)));
    assert_eq!(app.mode(), Mode::Form);
}

#[test]
fn history_lists_the_unconfirmed_postings_first_through_its_filters_and_pages() {
    let (db, _) = statement_db();
    // 2025-04-05: 花呗's periods 1 (03-05) and 2 (04-05) are posted; 白条's debit failed.
    let mut app = app_on(&db, Lang::En, 80, 24);
    press(&mut app, "3");
    let dates = |app: &App| -> Vec<(bool, String)> {
        app.history
            .rows
            .iter()
            .map(|r| (matches!(r, HistoryRow::Posted(_)), row_date(r)))
            .collect()
    };
    let both = vec![
        (true, "2025-04-05".to_string()),
        (true, "2025-03-05".to_string()),
        (false, "2025-03-16".to_string()),
    ];
    assert_eq!(app.history.total, 3);
    assert_eq!(dates(&app), both);
    // By text (the plan's name or provider) and by dates, as the repayments are.
    press(&mut app, "/花呗\n");
    assert_eq!(dates(&app), both[..2]);
    press(&mut app, "\u{1b}/2025-03-01..2025-03-31\n");
    assert_eq!(dates(&app), [both[1].clone(), both[2].clone()]);
    press(&mut app, "\u{1b}");
    // On a small terminal (History alone), j moves through postings and repayments alike.
    let mut small = app_on(&db, Lang::En, 40, 12);
    press(&mut small, "3");
    let mut seen = Vec::new();
    for _ in 0..3 {
        let row = small.history.selected_row().unwrap();
        seen.push((matches!(row, HistoryRow::Posted(_)), row_date(row)));
        press(&mut small, "j");
    }
    assert_eq!(seen, both);
}

/// When a History row was paid (a posting: its due date).
fn row_date(row: &HistoryRow) -> String {
    match row {
        HistoryRow::Recorded(r) => r.paid_on.to_string(),
        HistoryRow::Posted(p) => p.due_date.to_string(),
    }
}
