//! Drawing the whole screen from `&App`: panes, overlays, status bar, key hints.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::action::PaneId;
use super::app::App;
use super::keymap::Mode;
use super::layout::main_layout;
use super::{overlays, panes, theme};
use crate::i18n::fill;
use crate::i18n::tui::TuiText;

/// Draws the screen; reads the app only.
pub fn render(app: &App, frame: &mut Frame) {
    let layout = main_layout(frame.area());
    panes::plans::render(frame, layout.pane(PaneId::Plans), app);
    panes::upcoming::render(frame, layout.pane(PaneId::Upcoming), app);
    panes::history::render(frame, layout.pane(PaneId::History), app);
    for overlay in &app.overlays {
        // The detail view stays under a form opened from it; popups draw over both.
        overlays::render(frame, layout.body, overlay, app);
    }
    render_status(frame, layout.status, app);
    render_hints(frame, layout.hints, app);
}

fn render_status(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let s = &app.status;
    let mut spans = vec![
        Span::raw(" "),
        Span::raw(fill(
            TuiText::StatusDue7.text(lang),
            &[&s.due_7_days.grouped()],
        )),
        Span::raw(" │ "),
        Span::raw(fill(
            TuiText::StatusDue30.text(lang),
            &[&s.due_30_days.grouped()],
        )),
        Span::raw(" │ "),
    ];
    let overdue = fill(
        TuiText::StatusOverdue.text(lang),
        &[&s.overdue_count, &s.overdue_amount.grouped()],
    );
    if s.overdue_count > 0 {
        spans.push(Span::styled(overdue, theme::status_alert()));
    } else {
        spans.push(Span::raw(overdue));
    }
    spans.push(Span::raw(" │ "));
    let next = match s.next_due_date {
        Some(date) if date == app.today => TuiText::StatusNextDueToday.text(lang).to_string(),
        Some(date) => fill(
            TuiText::StatusNextDue.text(lang),
            &[&(date - app.today).num_days()],
        ),
        None => TuiText::StatusNoneDue.text(lang).to_string(),
    };
    spans.push(Span::raw(next));
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme::status_bar()),
        area,
    );
}

/// The key hints for what the keyboard is talking to (or the filter line being typed).
fn render_hints(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    if let (Mode::Filter, Some(input)) = (app.mode(), &app.filter_input) {
        let pane = match app.focus {
            PaneId::Plans => TuiText::PanePlans,
            PaneId::Upcoming => TuiText::PaneUpcoming,
            PaneId::History => TuiText::PaneHistory,
        };
        let prompt = fill(TuiText::FilterPrompt.text(lang), &[&pane.text(lang)]);
        let hint = TuiText::HintFilter.text(lang);
        let cursor_x = area.x + (prompt.width() + input.cursor_column()) as u16;
        let line = Line::from(vec![
            Span::styled(prompt, theme::label()),
            Span::raw(input.text().to_string()),
            Span::styled(format!("   {hint}"), theme::hint()),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        if cursor_x < area.right() {
            frame.set_cursor_position(Position::new(cursor_x, area.y));
        }
        return;
    }
    let hint = match app.mode() {
        Mode::Browse | Mode::Filter => match app.focus {
            PaneId::Plans => TuiText::HintBrowse,
            PaneId::Upcoming => TuiText::HintUpcoming,
            PaneId::History => TuiText::HintHistory,
        },
        Mode::Form => TuiText::HintForm,
        Mode::Confirm => TuiText::HintConfirm,
        Mode::Detail => TuiText::HintDetail,
        Mode::Month => TuiText::HintMonth,
        Mode::Cards => TuiText::HintCards,
        Mode::Help => TuiText::HintHelp,
        Mode::Error => TuiText::HintError,
    };
    // The note about the last change comes first, then the hints for the current mode.
    let mut spans = Vec::new();
    if let Some(note) = &app.note {
        spans.push(Span::styled(
            format!("{} ", note.render(lang)),
            theme::note(),
        ));
    }
    spans.push(Span::styled(hint.text(lang), theme::hint()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
