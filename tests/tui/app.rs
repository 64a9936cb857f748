//! Key → action → state tests on a real database, without a terminal.

use crate::common::app::{demo_app, press, today};
use fenqi::i18n::Lang;
use fenqi::store::{CardDraft, Channel, HistoryFilter, PlanFilter, RepaymentKind, Store};
use fenqi::tui::action::{Action, PaneId};
use fenqi::tui::app::{App, FormView, Overlay};
use fenqi::tui::keymap::Mode;
use fenqi::tui::layout::main_layout;
use fenqi::tui::overlays::detail::{detail_lines, max_scroll};
use fenqi::tui::view::render;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

fn empty_app(dir: &tempfile::TempDir) -> App {
    let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    App::new(store, Lang::En, today(), Rect::new(0, 0, 80, 24)).unwrap()
}

/// The text of the open detail view's lines at `width` columns.
fn detail_text(app: &App, width: usize) -> Vec<String> {
    let Some(Overlay::Detail(view)) = app.overlays.last() else {
        panic!("the detail view should be open: {:?}", app.overlays);
    };
    detail_lines(view, app.lang, width)
        .iter()
        .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
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
    press(&mut app, "a\u{1b}\n");
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
    press(&mut app, "na\u{1b}");
    press(&mut app, "Phone\tXiaomi\t1200\t\u{15}3\t\t1%\n");
    press(&mut app, "p\u{15}99999\n");
    let Some(Overlay::Form(FormView::Payment(form))) = app.overlays.last() else {
        panic!("the payment form should stay open");
    };
    let error = form.form.visible_error(0).unwrap();
    assert!(
        error.contains("more than can be paid now: at most"),
        "{error}"
    );
    assert!(error.contains("pay the plan off early with o"), "{error}");
    assert!(!error.contains("fenqi payoff"), "{error}");
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

#[test]
fn a_card_draft_keeps_only_the_last_four_digits_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = empty_app(&dir);
    press(&mut app, "nca招商银行\t6225880112345678");
    let saved = app.form_draft().expect("a form is open");
    assert_eq!(saved.fields, ["招商银行", "5678", "", "debit"]);
    assert!(!serde_json::to_string(&saved).unwrap().contains("62258801"));

    let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    let mut app = App::new(store, Lang::En, today(), Rect::new(0, 0, 80, 24)).unwrap();
    app.offer_draft(saved);
    assert_eq!(
        app.overlays.len(),
        1,
        "the draft question replaces the demo offer"
    );
    press(&mut app, "y");
    assert_eq!(app.mode(), Mode::Form);
    press(&mut app, "\n");
    let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    let cards = store.list_cards(true).unwrap();
    assert_eq!(cards.len(), 1);
    assert_eq!(
        (cards[0].bank.as_str(), cards[0].last4.as_str()),
        ("招商银行", "5678")
    );
}

#[test]
fn the_payoff_form_records_channel_card_and_reference() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    let card = store
        .add_card(&CardDraft {
            bank: "招商银行".into(),
            last4: "1234".into(),
            label: String::new(),
            kind: fenqi::store::CardKind::Debit,
        })
        .unwrap();
    let mut app = App::new(store, Lang::En, today(), Rect::new(0, 0, 80, 24)).unwrap();
    press(&mut app, "a\u{1b}Phone\tXiaomi\t1200\t\u{15}3\t\t1%\n");
    assert_eq!(app.plans.total, 1);
    press(&mut app, "o\t→\t\tFQ-77\n");
    assert_eq!(app.mode(), Mode::Browse, "{:?}", app.overlays);
    let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    let history = store.list_history(&HistoryFilter::default()).unwrap();
    assert_eq!(history.len(), 1);
    let payoff = &history[0];
    assert_eq!(payoff.kind, RepaymentKind::Payoff);
    assert_eq!(payoff.channel, Channel::ALL[1]);
    assert_ne!(payoff.channel, Channel::App);
    assert_eq!(
        payoff.card.as_ref().map(|c| c.id),
        Some(card),
        "the plan's card"
    );
    assert_eq!(payoff.reference, "FQ-77");
}

#[test]
fn changes_by_another_process_reload_the_panes_and_keep_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = empty_app(&dir);
    press(&mut app, "n");
    press(&mut app, "ca招商银行\t1234\n");
    assert!(app.note.is_some(), "card added");
    assert!(!app.changed_elsewhere(), "its own change");
    let mut other = Store::open(&dir.path().join("fenqi.db")).unwrap();
    let mut cli = App::new(
        Store::open(&dir.path().join("fenqi.db")).unwrap(),
        Lang::En,
        today(),
        Rect::new(0, 0, 80, 24),
    )
    .unwrap();
    press(&mut cli, "a\u{1b}Tablet\tHuabei\t900\t\u{15}3\t\t1%\n");
    other
        .add_card(&CardDraft {
            bank: "建设银行".into(),
            last4: "9999".into(),
            label: String::new(),
            kind: fenqi::store::CardKind::Debit,
        })
        .unwrap();
    assert_eq!(app.plans.total, 0, "not yet reloaded");
    assert!(app.changed_elsewhere());
    app.update(Action::Refresh);
    assert_eq!(app.plans.total, 1);
    assert_eq!(app.plans.rows[0].name, "Tablet");
    assert_eq!(app.cards.len(), 2);
    assert!(app.note.is_some(), "the note of its own change stays");
    assert!(!app.changed_elsewhere(), "seen");
}

#[test]
fn a_write_waits_for_another_process_holding_the_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fenqi.db");
    let mut app = empty_app(&dir);
    press(&mut app, "n");
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let holder = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(800));
        other.execute_batch("COMMIT").unwrap();
    });
    // Saving the card must wait for the lock, not fail with "database is locked".
    press(&mut app, "ca招商银行\t1234\n");
    holder.join().unwrap();
    assert!(
        !app.overlays.iter().any(|o| matches!(o, Overlay::Error(_))),
        "{:?}",
        app.overlays
    );
    let store = Store::open(&path).unwrap();
    assert_eq!(store.list_cards(true).unwrap().len(), 1);
}

#[test]
fn the_detail_view_wraps_its_prose_and_fits_the_schedule_in_80_columns() {
    for lang in [Lang::En, Lang::Zh] {
        let (_dir, mut app) = demo_app(lang, 80, 24);
        // The first plan (iPad Air 11): a period overdue with 2.19 of penalty.
        press(&mut app, "\n");
        let lines = detail_text(&app, 78);
        for line in &lines {
            assert!(line.width() <= 78, "{lang:?}: {line:?} is cut off");
        }
        let text = lines.join(" ");
        let (first_due, penalty) = match lang {
            Lang::En => ("first due 2024-10-28", "+ penalty 2.19"),
            Lang::Zh => ("首期 2024-10-28", "+ 罚息 2.19"),
        };
        assert!(text.contains(first_due), "{lang:?}: {text}");
        assert!(text.contains(penalty), "{lang:?}: {text}");
    }
    // The second plan (Xiaomi 14 Ultra) has a failed debit: its status is readable.
    let (_dir, mut app) = demo_app(Lang::En, 80, 24);
    press(&mut app, "j\n");
    let lines = detail_text(&app, 78);
    assert!(
        lines.iter().any(|l| l.ends_with("debit failed")),
        "{lines:#?}"
    );
    let heading = lines.iter().find(|l| l.contains("Status")).unwrap();
    assert!(!heading.contains('…'), "{heading}");
}

/// The open detail view's scroll offset and how far it can scroll at most.
fn detail_scroll(app: &App) -> (usize, usize) {
    let Some(Overlay::Detail(view)) = app.overlays.last() else {
        panic!("the detail view should be open: {:?}", app.overlays);
    };
    (
        view.scroll,
        max_scroll(view, app.lang, main_layout(app.size).body),
    )
}

#[test]
fn the_detail_view_scrolls_back_up_at_once_from_the_bottom() {
    let (_dir, mut app) = demo_app(Lang::En, 80, 24);
    press(&mut app, "\n");
    let (_, last) = detail_scroll(&app);
    assert!(last > 5, "the schedule does not fit in 24 lines: {last}");
    press(&mut app, "G");
    assert_eq!(detail_scroll(&app), (last, last));
    press(&mut app, "k");
    assert_eq!(
        detail_scroll(&app).0,
        last - 1,
        "k moves up at once after G"
    );
    press(&mut app, &"j".repeat(3 * last));
    assert_eq!(detail_scroll(&app).0, last, "j stops at the end");
    press(&mut app, "k");
    assert_eq!(detail_scroll(&app).0, last - 1);
    app.update(Action::Move(fenqi::tui::action::Motion::PageDown));
    app.update(Action::Move(fenqi::tui::action::Motion::PageDown));
    assert_eq!(detail_scroll(&app).0, last, "a page down stops at the end");
    app.update(Action::Move(fenqi::tui::action::Motion::PageUp));
    assert!(detail_scroll(&app).0 < last, "a page up moves at once");
    press(&mut app, "g");
    assert_eq!(detail_scroll(&app).0, 0);
}

/// The text of one pane on the screen drawn at the app's size, a line per row (a double-width
/// character counted once).
fn pane_rows(app: &App, pane: PaneId) -> Vec<String> {
    area_rows(app, main_layout(app.size).pane(pane))
}

/// The whole screen drawn at the app's size, as [`pane_rows`] gives a pane.
fn screen_text(app: &App) -> String {
    area_rows(app, app.size).join("\n")
}

fn area_rows(app: &App, area: Rect) -> Vec<String> {
    let (width, height) = (app.size.width, app.size.height);
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render(app, frame)).unwrap();
    let buffer = terminal.backend().buffer();
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut x = area.left();
            while x < area.right() {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                x += symbol.width().max(1) as u16;
            }
            row
        })
        .collect()
}

#[test]
fn upcoming_and_history_show_the_card_at_80_by_24_and_120_by_40() {
    for (width, height) in [(80, 24), (120, 40)] {
        for lang in [Lang::En, Lang::Zh] {
            let (_dir, app) = demo_app(lang, width, height);
            let upcoming = pane_rows(&app, PaneId::Upcoming);
            let (card, auto, reference) = match lang {
                Lang::En => ("Card", "auto", "Reference"),
                Lang::Zh => ("银行卡", "自动", "流水号"),
            };
            let at = format!("{width}x{height} {lang:?}");
            assert!(upcoming[1].contains(card), "{at}: {upcoming:#?}");
            assert!(upcoming[1].contains(auto), "{at}: {upcoming:#?}");
            // Xiaomi 14 Ultra's failed debit, due today from the Chase card.
            let failed = upcoming.iter().find(|r| r.contains("Xiaomi")).unwrap();
            assert!(failed.contains("··4417"), "{at}: {failed}");
            let mark = match lang {
                Lang::En => "FAILED",
                Lang::Zh => "扣款失败",
            };
            assert!(failed.contains(mark), "{at}: {failed}");
            let history = pane_rows(&app, PaneId::History);
            assert!(history[1].contains(card), "{at}: {history:#?}");
            assert!(history[1].contains(reference), "{at}: {history:#?}");
            // First the automatic posting not yet confirmed (淘宝年货, due today from the
            // ICBC card), then the recorded repayments.
            let unconfirmed = match lang {
                Lang::En => "unconfirmed",
                Lang::Zh => "待确认",
            };
            assert!(history[2].contains("··1029"), "{at}: {history:#?}");
            assert!(history[2].contains(unconfirmed), "{at}: {history:#?}");
            assert!(history[3].contains("··4417"), "{at}: {history:#?}");
        }
    }
}

#[test]
fn chinese_mode_names_payoff_policies_and_undone_changes_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    let mut app = App::new(store, Lang::Zh, today(), Rect::new(0, 0, 120, 40)).unwrap();
    press(&mut app, "y");
    // The plan detail: terms and payoff today.
    press(&mut app, "\n");
    let detail = detail_text(&app, 118).join("\n");
    assert!(detail.contains("提前还款：剩余手续费全免"), "{detail}");
    assert!(
        detail.contains("今日提前结清（剩余手续费全免）"),
        "{detail}"
    );
    assert!(!detail.contains("waive-remaining-fees"), "{detail}");
    // The payoff form opened from it.
    press(&mut app, "o");
    let screen = screen_text(&app);
    assert!(
        screen.contains("（提前还款规则：剩余手续费全免）"),
        "{screen}"
    );
    assert!(!screen.contains("waive-remaining-fees"), "{screen}");
    press(&mut app, "\u{1b}\u{1b}");
    // The add form offers the rules by name, with what the chosen one means under it.
    press(&mut app, "a\u{1b}");
    let screen = screen_text(&app);
    assert!(!screen.contains("waive-remaining-fees"), "{screen}");
    assert!(screen.contains("‹ 剩余手续费全免 ›"), "{screen}");
    assert!(screen.contains("= 提前结清只需还剩余本金"), "{screen}");
    press(&mut app, "\u{1b}");
    press(&mut app, "u");
    let note = app.note.as_ref().unwrap().render(Lang::Zh);
    assert_eq!(note, "已撤销：示例数据 8 个计划，种子 1");
}

#[test]
fn payoff_on_a_paid_off_plan_says_so_and_opens_nothing() {
    let (_dir, mut app) = demo_app(Lang::En, 80, 24);
    // The last row of the Plans pane is a plan paid in full ("done").
    press(&mut app, "G");
    let plan = app.plans.selected_row().unwrap();
    assert!(plan.next_due_date.is_none(), "{plan:?}");
    for keys in ["o", "\no"] {
        press(&mut app, keys);
        assert!(
            !app.overlays
                .iter()
                .any(|o| matches!(o, Overlay::Form(_) | Overlay::Error(_))),
            "{keys:?}: {:?}",
            app.overlays
        );
        let note = app.note.as_ref().unwrap().render(Lang::En);
        assert_eq!(note, "Nothing to pay off: this plan is fully paid.");
    }
    // p and f say their own.
    press(&mut app, "p");
    let note = app.note.as_ref().unwrap().render(Lang::En);
    assert_eq!(note, "Nothing is due on this plan.");
}

#[test]
fn payoff_on_a_plan_that_allows_none_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = empty_app(&dir);
    press(&mut app, "na\u{1b}");
    press(
        &mut app,
        "Phone\tXiaomi\t1200\t\u{15}3\t\t1%\t\t\t\t\t\t\t←\n",
    );
    assert_eq!(app.plans.total, 1, "{:?}", app.overlays);
    press(&mut app, "o");
    assert_eq!(app.mode(), Mode::Browse, "{:?}", app.overlays);
    let note = app.note.as_ref().unwrap().render(Lang::En);
    assert_eq!(note, "This plan does not allow early payoff.");
}

#[test]
fn english_counts_of_one_are_singular() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = empty_app(&dir);
    press(&mut app, "n");
    // One period, one grace day.
    press(
        &mut app,
        "a\u{1b}Phone\tXiaomi\t1200\t\u{15}1\t\t1%\t\t\t\t\t\t\t\t\u{15}1\n",
    );
    assert_eq!(app.plans.total, 1, "{:?}", app.overlays);
    press(&mut app, "\n");
    let detail = detail_text(&app, 78).join("\n");
    assert!(detail.contains("1,200.00 over 1 period,"), "{detail}");
    assert!(detail.contains("Grace: 1 day "), "{detail}");
    press(&mut app, "\u{1b}");
    // A lost card paying one plan.
    press(&mut app, "ca招商银行\t1234\n");
    press(&mut app, "a建设银行\t5678\n");
    press(&mut app, "\u{1b}e\t\t\t\t\t\t\t→\n");
    press(&mut app, "cr\n");
    let note = app.note.as_ref().unwrap();
    assert_eq!(note.render(Lang::En), "1 plan moved to the new card.");
    assert_eq!(note.render(Lang::Zh), "已将 1 个计划转到新卡。");
}

/// The card the cards list has selected.
fn selected_card(app: &App) -> fenqi::store::CardId {
    let Some(Overlay::Cards(view)) = app.overlays.last() else {
        panic!("the cards list should be open: {:?}", app.overlays);
    };
    app.active_cards().nth(view.selected).unwrap().id
}

#[test]
fn setting_a_default_card_keeps_the_selection_on_that_card() {
    let (_dir, mut app) = demo_app(Lang::En, 80, 24);
    press(&mut app, "cjj");
    let card = selected_card(&app);
    let first = app.active_cards().next().unwrap().id;
    assert_ne!(card, first, "not the default card yet");
    press(&mut app, "s");
    assert!(
        app.active_cards().next().unwrap().id == card,
        "listed first now"
    );
    assert_eq!(selected_card(&app), card, "the selection followed the card");
    // r acts on that card, not on whichever moved into its row.
    press(&mut app, "r");
    let Some(Overlay::Form(FormView::Replace(form))) = app.overlays.last() else {
        panic!("the replace form should be open: {:?}", app.overlays);
    };
    assert_eq!(form.old_card, card);
    press(&mut app, "\u{1b}u");
    assert_eq!(app.active_cards().next().unwrap().id, first, "undone");
    assert_eq!(
        selected_card(&app),
        card,
        "undo keeps the selection on the card too"
    );
}
