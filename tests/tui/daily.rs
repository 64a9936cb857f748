//! A TUI to live in (issue 15): each numbered item of the issue as keys through the real key
//! map into `App::update` on a real database, with the screen as the user sees it (TestBackend
//! snapshots, or a terminal emulator fed the bytes ratatui writes, across many redraws).

use std::io::Write;
use std::sync::{Arc, Mutex};

use fenqi::i18n::Lang;
use fenqi::store::Store;
use fenqi::tui::app::App;
use fenqi::tui::keymap::map_key;
use fenqi::tui::rows::HistoryRow;
use fenqi::tui::view::render;
use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;

use crate::common::app::{demo_app, key, press, today};

/// The screen drawn fresh at the app's size.
fn screen(app: &App) -> String {
    let (width, height) = (app.size.width, app.size.height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render(app, frame)).unwrap();
    terminal.backend().to_string()
}

/// Bytes written to a terminal, shared with the test that reads them.
#[derive(Clone, Default)]
struct Wire(Arc<Mutex<Vec<u8>>>);

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A terminal as the user has it: ratatui writes escape sequences (only the cells that changed
/// since the last frame) and a terminal emulator draws them, double-width characters included.
struct Emulated {
    terminal: Terminal<CrosstermBackend<Wire>>,
    wire: Wire,
    parser: vt100::Parser,
}

impl Emulated {
    fn new(width: u16, height: u16) -> Emulated {
        let wire = Wire::default();
        let backend = CrosstermBackend::new(wire.clone());
        let terminal = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )
        .unwrap();
        let parser = vt100::Parser::new(
            std::num::NonZeroU16::new(height).unwrap(),
            std::num::NonZeroU16::new(width).unwrap(),
            0,
        );
        Emulated {
            terminal,
            wire,
            parser,
        }
    }

    /// Draws a frame and returns the emulator's screen afterwards.
    fn draw(&mut self, app: &App) -> String {
        self.terminal.draw(|frame| render(app, frame)).unwrap();
        let bytes = std::mem::take(&mut *self.wire.0.lock().unwrap());
        self.parser.process(&bytes);
        self.parser.screen().contents()
    }
}

/// Presses each key of a script, redrawing after each as the event loop does; returns the
/// emulated screen at the end.
fn press_and_draw(app: &mut App, emulated: &mut Emulated, keys: &str) -> String {
    let mut shown = emulated.draw(app);
    for c in keys.chars() {
        if let Some(action) = map_key(app.mode(), key(c)) {
            app.update(action);
        }
        shown = emulated.draw(app);
    }
    shown
}

/// What a terminal shows after one full draw of the app as it is now.
fn drawn_once(app: &App) -> String {
    let mut fresh = Emulated::new(app.size.width, app.size.height);
    trimmed(&fresh.draw(app))
}

/// A screen's rows without trailing blanks (a blank written and a cell never written look the
/// same).
fn trimmed(screen: &str) -> String {
    screen
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Item 12: in Chinese, an invalid then a valid payoff rule left a border missing until a
/// resize (a wrapped line of Chinese put its last character over the preview's border).
/// Whatever the keys, the terminal shows what one full draw would.
#[test]
fn no_stale_cells_after_an_invalid_then_a_valid_payoff_rule() {
    // The payoff rule is a choice now: → to the penalty, then its rate, wrong and then right.
    let keys = format!("a\u{1b}{}→→→\t\u{15}abc\u{15}3%", "\t".repeat(12));
    for (width, height) in [(80, 24), (120, 40)] {
        let (_dir, mut app) = demo_app(Lang::Zh, width, height);
        let mut emulated = Emulated::new(width, height);
        let shown = trimmed(&press_and_draw(&mut app, &mut emulated, &keys));
        assert_eq!(shown, drawn_once(&app), "{width}x{height}");
        insta::assert_snapshot!(format!("payoff_rule_retyped_zh_{width}x{height}"), shown);
    }
}

/// Item 1: Esc closes, cancels or clears — it never quits: not after keeping a filter, not after
/// a status message, not on a bare main screen. q quits from the main screen.
#[test]
fn escape_never_quits_and_q_does() {
    let (_dir, mut app) = demo_app(Lang::En, 80, 24);
    press(&mut app, "\u{1b}\u{1b}");
    assert!(!app.quit, "Esc on the bare main screen");
    // A kept filter: Esc clears it (and only that).
    press(&mut app, "/花呗\n");
    assert_eq!(app.plans.total, 1);
    press(&mut app, "\u{1b}");
    assert!(!app.quit, "Esc after keeping a filter");
    assert_eq!(app.plans.total, 8, "Esc cleared the kept filter");
    insta::assert_snapshot!("esc_cleared_the_filter_en_80x24", screen(&app));
    // A status message: Esc dismisses it.
    press(&mut app, "L");
    assert!(app.note.is_some());
    press(&mut app, "\u{1b}");
    assert!(!app.quit, "Esc after a status message");
    assert!(app.note.is_none());
    // Overlays close one by one, then nothing more happens.
    press(&mut app, "\n?\u{1b}\u{1b}\u{1b}\u{1b}");
    assert!(app.overlays.is_empty() && !app.quit);
    press(&mut app, "q");
    assert!(app.quit, "q quits from the main screen");
}

/// Item 1: Ctrl-C quits at once, unless a form holds typed text: then it asks first.
#[test]
fn ctrl_c_asks_before_losing_typed_text() {
    let (_dir, mut app) = demo_app(Lang::En, 80, 24);
    press(&mut app, "a\u{1b}\u{3}");
    assert!(app.quit, "an untouched form loses nothing");

    let (_dir, mut app) = demo_app(Lang::Zh, 80, 24);
    press(&mut app, "a\u{1b}iPhone\u{3}");
    assert!(!app.quit, "typed text: ask first");
    insta::assert_snapshot!("ctrl_c_asks_zh_80x24", screen(&app));
    press(&mut app, "n");
    assert!(!app.quit);
    assert!(matches!(
        app.overlays.last(),
        Some(fenqi::tui::app::Overlay::Form(_))
    ));
    press(&mut app, "\u{3}y");
    assert!(app.quit, "y quits");

    let (_dir, mut app) = demo_app(Lang::En, 80, 24);
    press(&mut app, "a\u{1b}iPhone\u{3}\u{3}");
    assert!(app.quit, "a second Ctrl-C while asking quits");
}

/// Item 9: the first keystroke replaces a prefilled value; Ctrl-U, Ctrl-W, Home/End, ←/→ edit.
#[test]
fn typing_replaces_a_prefilled_value() {
    let (_dir, mut app) = demo_app(Lang::En, 80, 24);
    // The amount is prefilled with what is due (574.08): typing 5 gives 5, not 574.085.
    press(&mut app, "jp5\t2025-03-09");
    insta::assert_snapshot!("pay_form_typed_over_en_80x24", screen(&app));
    let Some(fenqi::tui::app::Overlay::Form(fenqi::tui::app::FormView::Payment(form))) =
        app.overlays.last()
    else {
        panic!("the payment form is open: {:?}", app.overlays);
    };
    assert_eq!(form.form.values()[0], "5");
    assert_eq!(form.form.values()[1], "2025-03-09");
    // Cursor keys keep the value and move in it; Ctrl-W deletes a word.
    let first_due = |app: &App| {
        let Some(fenqi::tui::app::Overlay::Form(fenqi::tui::app::FormView::Plan(form))) =
            app.overlays.last()
        else {
            panic!("the plan form is open: {:?}", app.overlays);
        };
        form.form
            .value(fenqi::tui::forms::plan::PlanField::FirstDue)
            .to_string()
    };
    press(&mut app, "\u{1b}\u{1b}a\u{1b}\t\t\t\t\t\t⇱→→\u{8}1");
    assert_eq!(first_due(&app), "2125-04-10");
    press(&mut app, "⇲\u{17}2026-04-01 x\u{17}");
    assert_eq!(first_due(&app), "2026-04-01 ");
}

/// Item 2: the fee discount says what it means as it is typed, so "20%" meant as 20% off
/// shows at once that it charges 20% of the fee; "20% off" is understood.
#[test]
fn the_fee_discount_says_what_it_means() {
    for lang in [Lang::En, Lang::Zh] {
        let (_dir, mut app) = demo_app(lang, 80, 24);
        press(
            &mut app,
            "a\u{1b}招行 账单分期\t招商银行\t12000\t\u{15}12\t\t0.6%\t\t\t\t20%",
        );
        insta::assert_snapshot!(
            format!("discount_20_percent_{}_80x24", lang.code()),
            screen(&app)
        );
        press(&mut app, "\u{15}20% off\n");
        assert!(app.overlays.is_empty(), "saved: {:?}", app.overlays);
    }
}

/// Item 10: a whole card number typed where its last four digits go is cut to them, as the
/// CLI does; the field never shows it whole, and the card keeps only the four.
#[test]
fn a_whole_card_number_is_cut_to_its_last_four() {
    for lang in [Lang::En, Lang::Zh] {
        let (dir, mut app) = demo_app(lang, 80, 24);
        press(&mut app, "ca招商银行\t6225 8801 1234 5678");
        let shown = screen(&app);
        assert!(!shown.contains("6225"), "{shown}");
        insta::assert_snapshot!(
            format!("card_form_whole_number_{}_80x24", lang.code()),
            shown
        );
        press(&mut app, "\n");
        let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
        let cards = store.list_cards(true).unwrap();
        let card = cards
            .iter()
            .find(|c| c.bank == "招商银行" && c.last4 == "5678");
        assert!(card.is_some(), "{cards:?}");
    }
}

/// Item 11: the payoff policy is a choice named in the user's language, with its rule under it.
#[test]
fn the_payoff_policy_is_a_named_choice() {
    for lang in [Lang::En, Lang::Zh] {
        let (_dir, mut app) = demo_app(lang, 80, 24);
        press(&mut app, &format!("a\u{1b}{}→", "\t".repeat(12)));
        let shown = screen(&app);
        assert!(!shown.contains("current-fee-due"), "{shown}");
        insta::assert_snapshot!(format!("payoff_policy_choice_{}_80x24", lang.code()), shown);
    }
}

/// Item 13: History names a payoff in words, "payoff" / "提前结清", where 80 columns show it.
#[test]
fn history_names_a_payoff() {
    for lang in [Lang::En, Lang::Zh] {
        let (_dir, mut app) = demo_app(lang, 80, 24);
        // The first plan (京东白条 iPad Air 11) is paid off today.
        press(&mut app, "o\n3");
        let shown = screen(&app);
        let word = match lang {
            Lang::En => "payoff",
            Lang::Zh => "提前结清",
        };
        assert!(shown.contains(word), "{shown}");
        insta::assert_snapshot!(format!("history_payoff_{}_80x24", lang.code()), shown);
    }
}

/// The built TUI in an 80×24 pseudo-terminal on a new database in `dir`, the demo data
/// accepted; its screen.
fn demo_tui(dir: &tempfile::TempDir) -> (crate::common::pty::Tui, crate::common::pty::Screen) {
    let mut tui = crate::common::pty::Tui::start(&dir.path().join("fenqi.db"), "en");
    let screen = tui.screen.clone();
    screen.wait_for("Load demo data");
    tui.send("y");
    screen.wait_for("Demo data loaded.");
    (tui, screen)
}

/// Item 1 in a real terminal: Esc after a kept filter and after a status message leaves the
/// TUI running (the next key still answers); q ends it and restores the terminal.
#[test]
fn escape_never_quits_in_a_real_terminal() {
    use crate::common::pty::terminal_restored;
    let dir = tempfile::tempdir().unwrap();
    let (mut tui, screen) = demo_tui(&dir);
    tui.send("/");
    tui.send("花呗");
    tui.send("\r");
    screen.wait_for("filter: 花呗");
    tui.send("\x1b");
    screen.wait_until("the filter cleared", |text| !text.contains("filter: 花呗"));
    tui.send("L");
    screen.wait_for("语言：中文");
    tui.send("\x1b");
    tui.send("\x1b");
    tui.send("?");
    screen.wait_for("按键");
    assert!(tui.child.try_wait().unwrap().is_none(), "still running");
    tui.send("\x1b");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(terminal_restored(&screen.raw()));
}

/// Item 6: a plan with repayments shows its terms locked in the edit form; Tab skips them and
/// typing cannot change them, while its name and rules stay editable.
#[test]
fn the_edit_form_shows_locked_terms() {
    for lang in [Lang::En, Lang::Zh] {
        let (dir, mut app) = demo_app(lang, 80, 24);
        // 京东白条 iPad Air 11 has four periods paid. Tab from the name reaches the provider,
        // then skips the terms to the card.
        press(&mut app, "e");
        insta::assert_snapshot!(
            format!("edit_form_locked_{}_80x24", lang.code()),
            screen(&app)
        );
        press(&mut app, "\t\t");
        let Some(fenqi::tui::app::Overlay::Form(fenqi::tui::app::FormView::Plan(form))) =
            app.overlays.last()
        else {
            panic!("the plan form is open: {:?}", app.overlays);
        };
        assert_eq!(
            form.form.focused_id(),
            Some(fenqi::tui::forms::plan::PlanField::Card)
        );
        press(&mut app, "\u{19}\u{19}\u{15}iPad Air 11 (2024)\n");
        assert!(app.overlays.is_empty(), "{:?}", app.overlays);
        let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
        let plan = store.plan_summary(app.plans.rows[0].id, today()).unwrap();
        assert_eq!(plan.name, "iPad Air 11 (2024)");
    }
}

/// An app on a new database (the demo offer declined), at `width`×`height`.
fn empty_app(lang: Lang, width: u16, height: u16) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    let mut app = App::new(store, lang, today(), Rect::new(0, 0, width, height)).unwrap();
    press(&mut app, "n");
    (dir, app)
}

/// The keys that add a plan of 1,200.00 over 3 months at 1% a month (412.00 a period, grace 3
/// days, 0.05% a day) named `name`, first due on `first_due`.
fn add_plan_keys(name: &str, first_due: &str) -> String {
    format!("a\u{1b}{name}\tXiaomi\t1200\t\u{15}3\t\t1%\t{first_due}\n")
}

/// Item 5: a period two days past its due date with three days of grace reads "due (grace
/// until D)", not overdue, in the Upcoming pane, the status bar and the detail; one past its
/// grace is overdue.
#[test]
fn a_period_within_grace_reads_due() {
    for lang in [Lang::En, Lang::Zh] {
        let (_dir, mut app) = empty_app(lang, 80, 24);
        press(&mut app, &add_plan_keys("In grace", "2025-03-08"));
        press(&mut app, &add_plan_keys("Late", "2025-03-01"));
        assert_eq!(app.plans.total, 2, "{:?}", app.overlays);
        assert_eq!(app.status.overdue_count, 1, "only the plan past its grace");
        insta::assert_snapshot!(format!("grace_main_{}_80x24", lang.code()), screen(&app));
        // The detail of the plan in grace (the Plans pane lists the sooner due date first).
        let row = app
            .plans
            .rows
            .iter()
            .position(|p| p.name == "In grace")
            .unwrap();
        press(&mut app, &"j".repeat(row));
        press(&mut app, "\n");
        let shown = screen(&app);
        let grace = match lang {
            Lang::En => "within grace until 2025-03-11",
            Lang::Zh => "宽限至 2025-03-11",
        };
        assert!(shown.contains(grace), "{shown}");
        insta::assert_snapshot!(format!("grace_detail_{}_80x24", lang.code()), shown);
    }
}

/// Item 4: a period paid 7 days late with its penalty shows when it was paid, how late and the
/// penalty paid, in the detail and in `plan show`; the status bar's overdue amount includes the
/// penalty so far, as the Upcoming pane does.
#[test]
fn a_paid_penalty_is_shown() {
    for lang in [Lang::En, Lang::Zh] {
        let (dir, mut app) = empty_app(lang, 80, 24);
        press(&mut app, &add_plan_keys("Phone", "2025-02-28"));
        // 412.00 due 02-28, paid 03-07 with 7 days of penalty: 412.00 × 0.05% × 7 = 1.442 → 1.44.
        press(&mut app, "p413.44\t2025-03-07\n");
        assert!(app.overlays.is_empty(), "{:?}", app.overlays);
        press(&mut app, "\n");
        insta::assert_snapshot!(
            format!("paid_penalty_detail_{}_80x24", lang.code()),
            screen(&app)
        );
        let db = crate::common::Db {
            path: dir.path().join("fenqi.db"),
            dir,
        };
        let shown = db.run_in(lang.code(), "2025-03-10", &["plan", "show", "1"]);
        let shown = String::from_utf8(shown.stdout).unwrap();
        let period1 = shown
            .lines()
            .find(|l| l.trim_start().starts_with("1 "))
            .unwrap();
        for part in ["2025-03-07", " 7 ", "1.44"] {
            assert!(period1.contains(part), "{part:?} in {period1}");
        }
    }
    let (_dir, app) = demo_app(Lang::En, 80, 24);
    // 438.30 overdue with 2.19 of penalty so far (the Upcoming pane's figures).
    assert!(screen(&app).contains("overdue: 1 (440.49)"));
}

/// Item 7: at 40×12 the focused pane fills the screen with its rows (and says how to reach the
/// others); every overlay scrolls to its end.
#[test]
fn a_small_terminal_shows_one_pane_and_every_overlay_scrolls() {
    for lang in [Lang::En, Lang::Zh] {
        let (_dir, mut app) = demo_app(lang, 40, 12);
        let code = lang.code();
        assert!(app.plans.rows.len() >= 5, "{}", app.plans.rows.len());
        insta::assert_snapshot!(format!("small_plans_{code}_40x12"), screen(&app));
        press(&mut app, "2");
        assert!(app.upcoming.rows.len() >= 4);
        insta::assert_snapshot!(format!("small_upcoming_{code}_40x12"), screen(&app));
        // The help scrolls to its last line.
        press(&mut app, "?G");
        let shown = screen(&app);
        let last = match lang {
            Lang::En => "the others",
            Lang::Zh => "切换到其他窗格",
        };
        assert!(shown.contains(last), "{shown}");
        insta::assert_snapshot!(format!("small_help_end_{code}_40x12"), shown);
        press(&mut app, "\u{1b}1");
        // The payoff form: from its last field, the quote below the fields.
        press(&mut app, "o\t\t\t");
        insta::assert_snapshot!(format!("small_payoff_{code}_40x12"), screen(&app));
        // The plan form: from its last field, the preview after the fields.
        press(&mut app, "\u{1b}a\u{1b}\u{19}");
        insta::assert_snapshot!(format!("small_plan_form_{code}_40x12"), screen(&app));
        // The month view scrolls to its legend.
        press(&mut app, "\u{1b}mG");
        insta::assert_snapshot!(format!("small_month_{code}_40x12"), screen(&app));
    }
}

/// Item 3: without colour the selected row, the focused pane and the month view's series still
/// read: ▶ marks the selection (› in the other panes), the focused pane has a heavy border, and
/// each series its own fill.
#[test]
fn selection_focus_and_series_read_without_colour() {
    let (_dir, mut app) = demo_app(Lang::En, 80, 24);
    let rows = |shown: &str, mark: &str| shown.lines().filter(|l| l.contains(mark)).count();
    let shown = screen(&app);
    assert_eq!(rows(&shown, "▶"), 1, "{shown}");
    assert_eq!(rows(&shown, "›"), 2, "{shown}");
    assert!(shown.starts_with("\"┏ 1 Plans"), "{shown}");
    press(&mut app, "2");
    let shown = screen(&app);
    assert!(shown.contains("┏ 2 Upcoming"), "{shown}");
    assert_eq!(rows(&shown, "▶"), 1, "the selection stays marked on 2");
    press(&mut app, "m");
    let shown = screen(&app);
    for fill in ["█ 招联金融", "▓ 小米分期", "▒ 京东白条"] {
        assert!(shown.contains(fill), "{fill}: {shown}");
    }
}

/// Item 14: left open past midnight, the TUI rolls over to the new day: the panes, the status
/// bar, an open detail and an open repayment form are as of the new today.
#[test]
fn the_day_rolls_over_at_midnight() {
    use fenqi::tui::action::Action;
    for lang in [Lang::En, Lang::Zh] {
        let (_dir, mut app) = demo_app(lang, 80, 24);
        let tomorrow = today().succ_opt().unwrap();
        // A repayment form opened on the 10th cannot be dated the 11th, until the 11th comes.
        press(&mut app, "2jp\t\u{15}2025-03-11");
        let date_error = |app: &App| {
            let Some(fenqi::tui::app::Overlay::Form(fenqi::tui::app::FormView::Payment(form))) =
                app.overlays.last()
            else {
                panic!("the payment form is open: {:?}", app.overlays);
            };
            form.form.visible_error(1).map(str::to_string)
        };
        assert!(date_error(&app).is_some());
        app.update(Action::NewDay(tomorrow));
        assert_eq!(app.today, tomorrow);
        assert_eq!(
            date_error(&app),
            None,
            "the form checks against the new today"
        );
        press(&mut app, "\u{1b}");
        insta::assert_snapshot!(format!("new_day_{}_80x24", lang.code()), screen(&app));
    }
}

/// Item 15 (a note per plan): typed in the plan form, shown in the detail, found by `/`.
#[test]
fn a_plan_keeps_a_note_shown_and_searchable() {
    for lang in [Lang::En, Lang::Zh] {
        let (_dir, mut app) = empty_app(lang, 80, 24);
        // The note is the form's last field: Shift-Tab from the name reaches it.
        press(
            &mut app,
            "a\u{1b}Phone\tXiaomi\t1200\t\u{15}3\t\t1%\u{19}\u{19}\u{19}\u{19}\u{19}\u{19}",
        );
        press(&mut app, "客服 400-100-5678 绑定手机 138****1234\n");
        assert!(app.overlays.is_empty(), "{:?}", app.overlays);
        press(&mut app, "/400-100\n");
        assert_eq!(app.plans.total, 1, "the note is searched");
        press(&mut app, "\u{1b}\n");
        let shown = screen(&app);
        assert!(shown.contains("400-100-5678"), "{shown}");
        insta::assert_snapshot!(format!("plan_note_detail_{}_80x24", lang.code()), shown);
    }
}

/// Item 15 (cards): fix a typo in a card (and its kind), delete a card nothing refers to;
/// deleting one in use is refused and says why.
#[test]
fn cards_are_edited_and_deleted() {
    let (dir, mut app) = demo_app(Lang::En, 80, 24);
    let store = || Store::open(&dir.path().join("fenqi.db")).unwrap();
    press(&mut app, "ca招商银行\t9999\n");
    let added = store().list_cards(false).unwrap();
    let id = added.iter().find(|c| c.last4 == "9999").unwrap().id;
    // The new card is listed last: G selects it; e edits it.
    press(&mut app, "Ge");
    insta::assert_snapshot!("card_edit_form_en_80x24", screen(&app));
    press(&mut app, "\u{15}招商银行信用卡\t\t\t→\n");
    let card = store().card(id).unwrap();
    assert_eq!(card.bank, "招商银行信用卡");
    assert_eq!(card.kind, fenqi::store::CardKind::Credit);
    // x deletes it (after asking).
    press(&mut app, "x");
    assert!(screen(&app).contains(&format!("Delete card #{id}")));
    press(&mut app, "y");
    assert!(store().list_cards(true).unwrap().iter().all(|c| c.id != id));
    // The default card pays plans: refused, with the reason.
    press(&mut app, "gxy");
    let shown = screen(&app);
    assert!(shown.contains("is in use"), "{shown}");
    insta::assert_snapshot!("card_delete_refused_en_80x24", shown);
}

/// Item 16: replacing a lost card lists the providers whose auto-debit must be set up again;
/// each such plan keeps a reminder (⚑, and a line in its detail) until dismissed with n.
#[test]
fn a_card_replacement_leaves_reminders_until_dismissed() {
    for lang in [Lang::En, Lang::Zh] {
        let (dir, mut app) = demo_app(lang, 80, 24);
        // Chase ····4417 pays plans debited automatically; replace it by a new card.
        press(&mut app, "ca中国银行\t4321\n");
        let chase = app.active_cards().position(|c| c.last4 == "4417").unwrap();
        press(&mut app, "g");
        press(&mut app, &"j".repeat(chase));
        press(&mut app, "r");
        let new = app.active_cards().find(|c| c.last4 == "4321").unwrap().id;
        let chosen = |app: &App| match app.overlays.last() {
            Some(fenqi::tui::app::Overlay::Form(fenqi::tui::app::FormView::Replace(f))) => {
                f.new_card
            }
            other => panic!("the replace form is open: {other:?}"),
        };
        while chosen(&app) != Some(new) {
            press(&mut app, "→");
        }
        press(&mut app, "\n");
        let note = app.note.as_ref().unwrap().render(lang);
        let providers = ["小米分期", "招联金融"];
        for provider in providers {
            assert!(note.contains(provider), "{note}");
        }
        insta::assert_snapshot!(format!("card_replaced_{}_80x24", lang.code()), screen(&app));
        press(&mut app, "\u{1b}");
        let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
        let flagged = |store: &Store| {
            store
                .list_plan_summaries(&Default::default(), today())
                .unwrap()
                .iter()
                .filter(|p| p.debit_setup.is_some())
                .count()
        };
        let before = flagged(&store);
        assert!(before >= 2, "{before}");
        // The detail of a flagged plan says what to do; n dismisses it there.
        let row = app
            .plans
            .rows
            .iter()
            .position(|p| p.debit_setup.is_some())
            .unwrap();
        press(&mut app, "1g");
        press(&mut app, &"j".repeat(row));
        press(&mut app, "\n");
        insta::assert_snapshot!(
            format!("reminder_detail_{}_80x24", lang.code()),
            screen(&app)
        );
        press(&mut app, "n");
        assert_eq!(flagged(&store), before - 1);
        press(&mut app, "u");
        assert_eq!(flagged(&store), before, "undo brings the reminder back");
    }
}

/// Item 8: in History, d takes back the selected repayment when it is its plan's newest (as
/// undo would, though later changes to other plans stay); otherwise it explains, and the plan
/// is never offered for deletion.
#[test]
fn d_in_history_takes_back_a_repayment() {
    for lang in [Lang::En, Lang::Zh] {
        let (dir, mut app) = empty_app(lang, 80, 24);
        press(&mut app, &add_plan_keys("Phone", "2025-03-10"));
        press(&mut app, &add_plan_keys("Tablet", "2025-03-10"));
        // Pay the phone, then the tablet: History lists the tablet's first.
        let row = |app: &App, name: &str| app.plans.rows.iter().position(|p| p.name == name);
        let phone = row(&app, "Phone").unwrap();
        press(&mut app, &format!("g{}p\n", "j".repeat(phone)));
        let tablet = row(&app, "Tablet").unwrap();
        press(&mut app, &format!("g{}p\n", "j".repeat(tablet)));
        assert_eq!(app.history.total, 2);
        // The phone's payment (second row), though the tablet's came later.
        press(&mut app, "3jd");
        let shown = screen(&app);
        assert!(!shown.contains("Delete plan"), "{shown}");
        insta::assert_snapshot!(format!("take_back_ask_{}_80x24", lang.code()), shown);
        press(&mut app, "y");
        assert_eq!(app.history.total, 1);
        match &app.history.rows[0] {
            HistoryRow::Recorded(r) => assert_eq!(r.plan_name, "Tablet"),
            other => panic!("{other:?}"),
        }
        let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
        let plans = store
            .list_plan_summaries(&Default::default(), today())
            .unwrap();
        assert!(
            plans
                .iter()
                .all(|p| (p.paid_periods == 1) == (p.name == "Tablet"))
        );
        // A repayment that is not its plan's newest is not taken back: d says why.
        press(&mut app, "1");
        let tablet = row(&app, "Tablet").unwrap();
        press(&mut app, &format!("g{}p\u{15}400\n", "j".repeat(tablet)));
        press(&mut app, "3jd");
        assert!(app.overlays.is_empty(), "{:?}", app.overlays);
        let note = app.note.as_ref().unwrap().render(lang);
        let why = match lang {
            Lang::En => "only the newest repayment",
            Lang::Zh => "只能撤回",
        };
        assert!(note.contains(why), "{note}");
        assert_eq!(app.history.total, 2);
    }
}

/// Item 15 (what the CLI could do and the TUI could not): a partial prepayment of an annuity
/// plan with its quote (r), credit limits viewed and set (l), an export to a file (x), and
/// History by dates.
#[test]
fn prepay_limits_export_and_history_by_dates() {
    let (dir, mut app) = empty_app(Lang::En, 80, 24);
    // 12,000.00 over 12 months at 15% a year, equal installments (the model's 4th choice).
    press(&mut app, "a\u{1b}Loan\tBank\t12000\t\u{15}12\t→→→\t15%\n");
    assert_eq!(app.plans.total, 1, "{:?}", app.overlays);
    press(&mut app, "r3000");
    insta::assert_snapshot!("prepay_form_en_80x24", screen(&app));
    press(&mut app, "\n");
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    let plan = &store
        .list_plan_summaries(&Default::default(), today())
        .unwrap()[0];
    assert_eq!(plan.remaining_principal.to_string(), "9000.00");
    // Credit limits: a for a provider, then the list shows what the plans use of it.
    press(&mut app, "la\u{15}Bank\t20000\n");
    let limits = store.list_limits(today()).unwrap();
    assert_eq!(limits[0].limit.to_string(), "20000.00");
    assert_eq!(limits[0].used.to_string(), "9000.00");
    insta::assert_snapshot!("limits_en_80x24", screen(&app));
    // Export: JSON to a file beside the database (the default file, its format's name).
    press(&mut app, "\u{1b}x→\n");
    let json = dir.path().join(format!("fenqi-{}.json", today()));
    let dump: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert!(dump["tables"].is_object() || dump.is_object(), "{dump}");
    assert!(
        app.note
            .as_ref()
            .unwrap()
            .render(Lang::En)
            .contains("Exported to")
    );
    // iCalendar with a reminder a day before: the alarm in the file.
    press(&mut app, "x→→\t\t\u{15}1\n");
    let ics = std::fs::read_to_string(dir.path().join(format!("fenqi-{}.ics", today()))).unwrap();
    assert!(ics.contains("TRIGGER:-P1D"), "{ics}");
    // History by dates: one prepayment on today, none the day before.
    press(&mut app, "3/2025-03-10..2025-03-10\n");
    assert_eq!(app.history.total, 1);
    press(&mut app, "/..2025-03-09\n");
    assert_eq!(app.history.total, 0);
    insta::assert_snapshot!("history_by_dates_en_80x24", screen(&app));
}

/// Item 17: the month view shows a calendar of the coming weeks with the due days marked by
/// the letters of the cards that pay them (c), the cards named with their totals below.
#[test]
fn the_month_view_has_a_calendar_by_card() {
    for lang in [Lang::En, Lang::Zh] {
        let (_dir, mut app) = demo_app(lang, 80, 24);
        press(&mut app, "mc");
        let shown = screen(&app);
        // Today (the 10th) is marked, and something is due on it.
        assert!(shown.contains("10*"), "{shown}");
        assert!(shown.contains("··4417 Chase"), "{shown}");
        insta::assert_snapshot!(format!("month_calendar_{}_80x24", lang.code()), shown);
        press(&mut app, "c");
        assert!(!screen(&app).contains("10*"), "c goes back to the months");
    }
}

/// Item 18: a click selects a row (and focuses its pane), the wheel scrolls what is under it,
/// a click on a key hint runs that key.
#[test]
fn the_mouse_selects_scrolls_and_runs_hints() {
    use fenqi::tui::action::{Action, PaneId};
    let (_dir, mut app) = demo_app(Lang::En, 80, 24);
    let shown = screen(&app);
    let lines: Vec<&str> = shown.lines().collect();
    // The History pane's third row (after the posting not yet confirmed and the failed
    // debit): find it on screen by its text.
    let y = lines
        .iter()
        .position(|l| l.contains("好期贷") && l.contains("465.15"))
        .unwrap() as u16;
    app.update(Action::Click(20, y));
    assert_eq!(app.focus, PaneId::History);
    assert_eq!(app.history.selected, 2);
    insta::assert_snapshot!("mouse_clicked_history_en_80x24", screen(&app));
    // The wheel over the Plans pane focuses it and moves its selection.
    app.update(Action::Wheel(true, 10, 3));
    app.update(Action::Wheel(true, 10, 3));
    assert_eq!(app.focus, PaneId::Plans);
    assert_eq!(app.plans.selected, 2);
    // A click on "m month" in the hint line opens the month view.
    let hints = screen(&app).lines().last().unwrap().to_string();
    let column = hints.trim_matches('"').find("m month").unwrap();
    let x = unicode_width::UnicodeWidthStr::width(&hints.trim_matches('"')[..column]) as u16;
    app.update(Action::Click(x + 1, 23));
    assert!(
        matches!(
            app.overlays.last(),
            Some(fenqi::tui::app::Overlay::Month(_))
        ),
        "{:?}",
        app.overlays
    );
    // The wheel scrolls the help, longer than the screen.
    press(&mut app, "\u{1b}?");
    app.update(Action::Wheel(true, 10, 10));
    assert_eq!(app.overlay_scroll, 1);
}

/// Item 18 in a real terminal: the mouse is captured while the TUI runs (a click focuses the
/// pane under it) and released when it ends.
#[test]
fn the_mouse_is_captured_and_released_in_a_real_terminal() {
    use crate::common::pty::last_index;
    let dir = tempfile::tempdir().unwrap();
    let (mut tui, screen) = demo_tui(&dir);
    // A left click (SGR encoding, 1-based) on the History pane's border row 18.
    tui.send("\x1b[<0;10;18M");
    tui.send("\x1b[<0;10;18m");
    screen.wait_for("┏ 3 History");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let raw = screen.raw();
    let on = last_index(&raw, b"\x1b[?1000h").expect("capture turned on");
    let off = last_index(&raw, b"\x1b[?1000l").expect("capture turned off");
    assert!(off > on);
}

/// Item 17: the payoff quote says what paying off saves against paying on. The demo's iPad
/// Air 11 (4,799.00 over 12 periods at 0.8% a month, 4 paid): each period's fee is
/// round(4,799.00 × 0.8%) = 38.39, so the 8 left carry 307.12 of fees, all waived by its
/// policy; kept, it costs 3,199.36 of principal + 307.12 + 2.19 of penalty = 3,508.67.
#[test]
fn the_payoff_quote_says_what_it_saves() {
    let (_dir, mut app) = demo_app(Lang::En, 80, 24);
    press(&mut app, "o");
    let shown = screen(&app);
    assert!(
        shown.contains("saves 307.12 of fees (3,508.67 if kept)"),
        "{shown}"
    );
}

/// Item 3: `mono` (the theme under NO_COLOR) draws no colour: where a colour filled the
/// background (the status bar, the focused field) it is reverse video; the light theme keeps
/// pale text off a light background.
#[test]
fn mono_and_light_themes() {
    use fenqi::tui::palette::{Theme, apply};
    use ratatui::style::{Color, Modifier};
    let (_dir, app) = demo_app(Lang::En, 80, 24);
    let draw = |theme| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|frame| {
                render(&app, frame);
                apply(theme, frame.buffer_mut());
            })
            .unwrap();
        terminal.backend().buffer().clone()
    };
    let mono = draw(Theme::Mono);
    assert!(
        mono.content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    // The status bar (row 22) stands out by reverse video.
    assert!(mono[(1, 22)].modifier.contains(Modifier::REVERSED));
    let light = draw(Theme::Light);
    assert!(
        light
            .content
            .iter()
            .all(|c| !matches!(c.fg, Color::Yellow | Color::LightYellow | Color::Cyan))
    );
}

/// Item 3 in a real terminal with NO_COLOR: the selection, the focused pane and the status
/// bar read without colour (▶, a heavy border, reverse video).
#[test]
fn no_color_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = crate::common::pty::Tui::start_with_env(
        &dir.path().join("fenqi.db"),
        "en",
        &[("NO_COLOR", "1")],
    );
    let screen = tui.screen.clone();
    screen.wait_for("Load demo data");
    tui.send("y");
    screen.wait_for("Demo data loaded.");
    screen.wait_for("▶");
    screen.wait_for("┏ 1 Plans");
    let raw = screen.raw();
    assert!(
        crate::common::pty::last_index(&raw, b"\x1b[7m").is_some(),
        "reverse video for the status bar"
    );
    tui.send("q");
    assert!(tui.wait_exit().success());
}
