//! The plan form's provider presets: the picker it starts with (filtering in both languages),
//! the fields a preset fills and marks, following the period count, and the comparison of the
//! form's amount across the presets — keys through the real key map, screens as drawn.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fenqi::i18n::Lang;
use fenqi::tui::app::{App, FormView, Overlay};
use fenqi::tui::forms::plan::{PlanField, PlanForm};
use fenqi::tui::keymap::Mode;
use fenqi::tui::view::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common::app::{demo_app, press, send, typed};

fn screen(app: &App) -> String {
    let (width, height) = (app.size.width, app.size.height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render(app, frame)).unwrap();
    terminal.backend().to_string()
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn down() -> KeyEvent {
    KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)
}

fn form(app: &App) -> &PlanForm {
    app.overlays
        .iter()
        .rev()
        .find_map(|o| match o {
            Overlay::Form(FormView::Plan(form)) => Some(form.as_ref()),
            _ => None,
        })
        .expect("the plan form is open")
}

fn value(app: &App, field: PlanField) -> String {
    form(app).form.value(field).to_string()
}

fn marked(app: &App, field: PlanField) -> bool {
    form(app).form.field(field).unwrap().marked
}

/// Focuses `field` of the plan form and types `text` over its value.
fn retype(app: &mut App, field: PlanField, text: &str) {
    let at = form(app)
        .form
        .fields
        .iter()
        .position(|f| f.id == field)
        .unwrap();
    let Some(Overlay::Form(FormView::Plan(form))) = app.overlays.last_mut() else {
        panic!("the plan form is on top");
    };
    form.form.focus = at;
    press(app, "\u{15}");
    send(app, typed(text));
}

#[test]
fn the_picker_filters_by_id_and_both_names_and_fills_the_form() {
    let (_dir, mut app) = demo_app(Lang::En, 80, 24);
    press(&mut app, "a");
    assert_eq!(app.mode(), Mode::Picker);
    insta::assert_snapshot!("picker_en_80x24", screen(&app));
    // Chinese name, English name and id all find the same presets.
    for query in ["白条", "baitiao", "JD Baitiao"] {
        let Some(Overlay::Picker(picker)) = app.overlays.last() else {
            panic!("the picker is open");
        };
        assert!(picker.query.text().is_empty());
        send(&mut app, typed(query));
        let Some(Overlay::Picker(picker)) = app.overlays.last() else {
            panic!("the picker is open");
        };
        let all = fenqi::domain::presets::all().unwrap();
        let ids: Vec<&str> = picker.matches(all).iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["baitiao-order", "baitiao-bill"], "{query}");
        press(&mut app, "\u{15}");
    }
    send(&mut app, typed("花呗"));
    insta::assert_snapshot!("picker_filtered_en_80x24", screen(&app));
    press(&mut app, "\n");
    assert_eq!(app.mode(), Mode::Form);
    assert_eq!(
        value(&app, PlanField::Provider),
        "Huabei instalments (Ant Group)"
    );
    assert_eq!(value(&app, PlanField::Periods), "12");
    assert_eq!(value(&app, PlanField::Model), "total-fee");
    assert_eq!(value(&app, PlanField::Rate), "8.8%");
    assert_eq!(value(&app, PlanField::PayoffPolicy), "current-fee-due");
    for field in [
        PlanField::Provider,
        PlanField::Rate,
        PlanField::PayoffPolicy,
    ] {
        assert!(marked(&app, field), "{field:?}");
    }
    assert!(!marked(&app, PlanField::Name) && !marked(&app, PlanField::GraceDays));
    // 花呗's due day has no form field: it stands in for the first due date.
    let first_due = form(&app).form.field(PlanField::FirstDue).unwrap();
    assert!(!first_due.enabled);
    press(&mut app, "iPhone\t\t6000");
    // 8.8% of 6,000.00 = 528.00; due on the 10th from the month after today (2025-03-10).
    let preview = form(&app).preview.as_ref().expect("a preview");
    assert_eq!(preview.total_fee.to_string(), "528.00");
    assert_eq!(preview.schedule[0].amount.to_string(), "544.00");
    assert_eq!(preview.schedule[0].due_date.to_string(), "2025-04-10");
    insta::assert_snapshot!("plan_form_from_preset_en_80x24", screen(&app));
}

#[test]
fn the_form_follows_the_period_count_and_keeps_what_the_user_changed() {
    let (_dir, mut app) = demo_app(Lang::Zh, 80, 24);
    press(&mut app, "a");
    send(&mut app, typed("xiaomi"));
    press(&mut app, "\n");
    assert_eq!(value(&app, PlanField::Provider), "小米分期");
    assert_eq!(value(&app, PlanField::Rate), "7.2%");
    assert_eq!(value(&app, PlanField::PayoffPolicy), "fee-on-remaining");
    assert_eq!(value(&app, PlanField::PayoffRate), "7.2%");
    retype(&mut app, PlanField::Periods, "6");
    assert_eq!(value(&app, PlanField::Rate), "3.9%");
    assert_eq!(value(&app, PlanField::PayoffRate), "3.9%");
    // A count the preset has no rate for is the periods field's error.
    retype(&mut app, PlanField::Periods, "24");
    let error = form(&app)
        .form
        .field(PlanField::Periods)
        .unwrap()
        .error
        .clone();
    assert_eq!(
        error.as_deref(),
        Some("小米分期 没有 24 期的费率：可选 3, 6, 12")
    );
    // A rate of the user's own stays, on any count, and loses its mark.
    retype(&mut app, PlanField::Periods, "6");
    retype(&mut app, PlanField::Rate, "3.5%");
    assert!(!marked(&app, PlanField::Rate));
    retype(&mut app, PlanField::Periods, "3");
    assert_eq!(value(&app, PlanField::Rate), "3.5%");
    assert_eq!(value(&app, PlanField::PayoffRate), "2.22%");
    retype(&mut app, PlanField::Periods, "24");
    assert_eq!(
        form(&app).form.field(PlanField::Periods).unwrap().error,
        None
    );
    // Saved with the preset's name as the provider.
    retype(&mut app, PlanField::Periods, "3");
    retype(&mut app, PlanField::Name, "手机");
    retype(&mut app, PlanField::Principal, "3000");
    let plans = app.plans.total;
    press(&mut app, "\n");
    assert_eq!(app.mode(), Mode::Browse, "{:?}", app.overlays);
    assert_eq!(app.plans.total, plans + 1);
}

#[test]
fn escape_in_the_picker_leaves_a_blank_form_and_ctrl_p_opens_it_again() {
    let (_dir, mut app) = demo_app(Lang::En, 80, 24);
    press(&mut app, "a\u{1b}");
    assert_eq!(app.mode(), Mode::Form);
    assert!(form(&app).preset.is_none());
    assert_eq!(value(&app, PlanField::Provider), "");
    send(&mut app, [ctrl('p')]);
    assert_eq!(app.mode(), Mode::Picker);
    // The first line is "no preset"; the second the first preset.
    send(
        &mut app,
        [down(), KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)],
    );
    assert_eq!(form(&app).preset.as_ref().unwrap().preset.id, "huabei");
    // Another preset replaces the first one's values.
    send(&mut app, [ctrl('p')]);
    send(&mut app, typed("icbc"));
    press(&mut app, "\n");
    assert_eq!(
        value(&app, PlanField::Provider),
        "ICBC credit card bill instalments"
    );
    assert_eq!(value(&app, PlanField::Model), "upfront-fee");
    assert_eq!(value(&app, PlanField::Rate), "7.2%");
    assert_eq!(value(&app, PlanField::PayoffPolicy), "all-fees-due");
    assert_eq!(value(&app, PlanField::GraceDays), "0");
}

#[test]
fn ctrl_o_compares_the_amount_across_presets_and_fills_the_form_with_the_choice() {
    let (_dir, mut app) = demo_app(Lang::En, 80, 24);
    press(&mut app, "a\u{1b}");
    send(&mut app, [ctrl('o')]);
    assert_eq!(
        app.mode(),
        Mode::Form,
        "no principal yet: nothing to compare"
    );
    let note = app.note.as_ref().unwrap().render(Lang::En);
    assert_eq!(note, "Enter the principal first, then compare (Ctrl-O).");
    press(&mut app, "\t\t6000");
    send(&mut app, [ctrl('o')]);
    assert_eq!(app.mode(), Mode::Offers);
    let Some(Overlay::Offers(offers)) = app.overlays.last() else {
        panic!("the comparison is open");
    };
    assert!(
        offers
            .rows
            .windows(2)
            .all(|w| w[0].apr_percent <= w[1].apr_percent)
    );
    assert!(offers.rows.iter().all(|r| r.preset.is_some()));
    // Only the yuan presets; those needing a statement day are listed as left out.
    assert!(
        !offers
            .rows
            .iter()
            .any(|r| r.preset.as_deref() == Some("klarna"))
    );
    let skipped: Vec<&str> = offers.skipped.iter().map(|(p, _)| p.id.as_str()).collect();
    assert!(skipped.contains(&"cmb-bill"), "{skipped:?}");
    // 花呗 12 periods is there with its figures: 544.00 a month, 528.00 in fees.
    let huabei = offers
        .rows
        .iter()
        .find(|r| r.option == "huabei:12")
        .expect("huabei:12 compared");
    assert_eq!(huabei.per_period.to_string(), "544.00");
    assert_eq!(huabei.total_fee.to_string(), "528.00");
    let chosen = offers.rows[1].clone();
    insta::assert_snapshot!("offers_en_80x24", screen(&app));
    send(
        &mut app,
        [down(), KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)],
    );
    assert_eq!(app.mode(), Mode::Form);
    let fill = form(&app)
        .preset
        .as_ref()
        .expect("filled from the chosen preset");
    assert_eq!(Some(&fill.preset.id), chosen.preset.as_ref());
    assert_eq!(value(&app, PlanField::Periods), chosen.periods.to_string());
    assert_eq!(value(&app, PlanField::Principal), "6000");
    let preview = form(&app).preview.as_ref().expect("a preview");
    assert_eq!(preview.total_fee, chosen.total_fee);
}

#[test]
fn the_picker_and_the_comparison_speak_chinese() {
    let (_dir, mut app) = demo_app(Lang::Zh, 80, 24);
    press(&mut app, "a");
    insta::assert_snapshot!("picker_zh_80x24", screen(&app));
    press(&mut app, "\u{1b}\t\t6000");
    send(&mut app, [ctrl('o')]);
    insta::assert_snapshot!("offers_zh_80x24", screen(&app));
}
