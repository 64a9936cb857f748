//! Drawing the whole screen from `&App`: panes, overlays, status bar, key hints.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::action::PaneId;
use super::app::App;
use super::hints::hint_line;
use super::keymap::Mode;
use super::layout::screen_layout;
use super::widgets::cells::cells;
use super::widgets::text::PENDING;
use super::{overlays, panes, theme};
use crate::domain::Money;
use crate::i18n::fill;
use crate::i18n::tui::TuiText;

/// Draws the screen; reads the app only.
pub fn render(app: &App, frame: &mut Frame) {
    let layout = screen_layout(frame.area(), app.focus);
    for pane in PaneId::ALL {
        let area = layout.pane(pane);
        if area.is_empty() {
            continue;
        }
        match pane {
            PaneId::Plans => panes::plans::render(frame, area, app),
            PaneId::Upcoming => panes::upcoming::render(frame, area, app),
            PaneId::History => panes::history::render(frame, area, app),
        }
    }
    let top = app.overlays.len().saturating_sub(1);
    for (at, overlay) in app.overlays.iter().enumerate() {
        // The detail view stays under a form opened from it; popups draw over both. Only the
        // topmost overlay is scrolled.
        let scroll = if at == top { app.overlay_scroll } else { 0 };
        overlays::render(frame, layout.body, overlay, app.lang, scroll, &app.cards);
    }
    render_status(frame, layout.status, app);
    render_hints(frame, layout.hints, app);
}

fn render_status(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let s = &app.status;
    // Until the periods past due are read, the figures they change say so.
    let amount = |money: Money| match app.past_due_pending {
        true => PENDING.to_string(),
        false => money.grouped(),
    };
    let mut spans = vec![
        Span::raw(" "),
        Span::raw(fill(
            TuiText::StatusDue7.text(lang),
            &[&amount(s.due_7_days)],
        )),
        Span::raw(" │ "),
        Span::raw(fill(
            TuiText::StatusDue30.text(lang),
            &[&amount(s.due_30_days)],
        )),
        Span::raw(" │ "),
    ];
    // What is overdue with its penalty so far, as the Upcoming pane counts it.
    let overdue_total = s
        .overdue_amount
        .try_add(s.overdue_penalty)
        .unwrap_or(s.overdue_amount);
    let overdue = match app.past_due_pending {
        true => TuiText::StatusOverdueCounting.text(lang).to_string(),
        false => fill(
            TuiText::StatusOverdue.text(lang),
            &[&s.overdue_count, &overdue_total.grouped()],
        ),
    };
    if s.overdue_count > 0 || app.past_due_pending {
        spans.push(Span::styled(overdue, theme::status_alert()));
    } else {
        spans.push(Span::raw(overdue));
    }
    spans.push(Span::raw(" │ "));
    if s.unconfirmed_count > 0 {
        spans.push(Span::styled(
            fill(
                crate::i18n::autodebit::AutoDebitText::Unconfirmed.text(lang),
                &[&s.unconfirmed_count],
            ),
            theme::label(),
        ));
        spans.push(Span::raw(" │ "));
    }
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
        let cursor_x = area.x + cells(prompt.width() + input.cursor_column());
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
    let (note, hint) = hint_line(app.note.as_ref(), app.mode(), app.focus, lang, area.width);
    let mut spans = Vec::new();
    if let Some(note) = note {
        spans.push(Span::styled(note, theme::note()));
    }
    spans.push(Span::styled(hint.text(lang), theme::hint()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
