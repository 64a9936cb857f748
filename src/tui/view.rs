//! Drawing the whole screen from `&App`: panes, overlays, status bar, key hints.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::action::PaneId;
use super::app::App;
use super::keymap::Mode;
use super::layout::screen_layout;
use super::{overlays, panes, theme};
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
    // What is overdue with its penalty so far, as the Upcoming pane counts it.
    let overdue_total = s
        .overdue_amount
        .try_add(s.overdue_penalty)
        .unwrap_or(s.overdue_amount);
    let overdue = fill(
        TuiText::StatusOverdue.text(lang),
        &[&s.overdue_count, &overdue_total.grouped()],
    );
    if s.overdue_count > 0 {
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
    let (note, hint) = hint_line(app, area.width);
    let mut spans = Vec::new();
    if let Some(note) = note {
        spans.push(Span::styled(note, theme::note()));
    }
    spans.push(Span::styled(hint.text(lang), theme::hint()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The key-hint line's parts for a line `width` columns wide: the note about the last change
/// (with a space after it), then the hints for the current mode — all its keys when they fit
/// beside the note, the main ones otherwise.
fn hint_line(app: &App, width: u16) -> (Option<String>, TuiText) {
    let lang = app.lang;
    let note = app.note.as_ref().map(|n| format!("{} ", n.render(lang)));
    let room = (width as usize).saturating_sub(note.as_deref().map_or(0, str::width));
    let (short, full) = hints(app.mode(), app.focus);
    let hint = match full {
        Some(full) if full.text(lang).width() <= room => full,
        _ => short,
    };
    (note, hint)
}

/// The key a click at column `x` of the key-hint line stands for: each hint (`a add`,
/// `⏎ open`, `Esc close`, `j/k scroll`) runs its key. `None` between hints, on the note, or
/// while the filter line is typed.
pub fn hint_key_at(app: &App, x: u16) -> Option<KeyEvent> {
    if app.mode() == Mode::Filter {
        return None;
    }
    let (note, hint) = hint_line(app, app.size.width);
    let mut at = note.as_deref().map_or(0, str::width);
    let x = usize::from(x);
    for item in hint.text(app.lang).split("  ") {
        let width = item.width();
        if (at..at + width).contains(&x) {
            return item.split(' ').next().and_then(hint_key);
        }
        at += width + 2;
    }
    None
}

/// The key a hint names by its first word: `a`, `⏎`, `Esc`, `j/k` (j), `Tab/↓` (Tab),
/// `Shift-Tab/↑` (Shift-Tab), `←/→` (→), `y/Enter` (y).
fn hint_key(word: &str) -> Option<KeyEvent> {
    let first = word.split('/').next().unwrap_or(word);
    let code = match first {
        "⏎" | "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "Shift-Tab" => KeyCode::BackTab,
        "←" => KeyCode::Right,
        _ => {
            let mut chars = first.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => KeyCode::Char(c),
                _ => return None,
            }
        }
    };
    Some(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The key hints for a mode (and focused pane): the main keys, and every key when there is room.
pub fn hints(mode: Mode, focus: PaneId) -> (TuiText, Option<TuiText>) {
    match mode {
        Mode::Browse | Mode::Filter => match focus {
            PaneId::Plans => (TuiText::HintBrowse, Some(TuiText::HintBrowseWide)),
            PaneId::Upcoming => (TuiText::HintUpcoming, Some(TuiText::HintUpcomingWide)),
            PaneId::History => (TuiText::HintHistory, Some(TuiText::HintHistoryWide)),
        },
        Mode::Form => (TuiText::HintForm, None),
        Mode::Confirm => (TuiText::HintConfirm, None),
        Mode::Detail => (TuiText::HintDetail, Some(TuiText::HintDetailWide)),
        Mode::Month => (TuiText::HintMonth, Some(TuiText::HintMonthWide)),
        Mode::Cards => (TuiText::HintCards, Some(TuiText::HintCardsWide)),
        Mode::Limits => (TuiText::HintLimits, None),
        Mode::Help => (TuiText::HintHelp, None),
        Mode::Error => (TuiText::HintError, None),
        Mode::Picker => (TuiText::HintPicker, None),
        Mode::Offers => (TuiText::HintOffers, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::tui::keymap::map_key;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    const MODES: [Mode; 11] = [
        Mode::Browse,
        Mode::Filter,
        Mode::Form,
        Mode::Confirm,
        Mode::Detail,
        Mode::Month,
        Mode::Cards,
        Mode::Help,
        Mode::Error,
        Mode::Picker,
        Mode::Offers,
    ];

    /// The single-character keys a hint names ("a add", "? help"; not "j/k" or "Esc").
    fn keys(hint: &str) -> Vec<char> {
        hint.split("  ")
            .filter_map(|item| item.split(' ').next())
            .filter_map(|key| {
                let mut chars = key.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if c != '⏎' => Some(c),
                    _ => None,
                }
            })
            .collect()
    }

    #[test]
    fn hints_name_only_keys_that_work_and_the_full_ones_fit_160_columns() {
        for lang in [Lang::En, Lang::Zh] {
            for focus in PaneId::ALL {
                for mode in MODES {
                    let (short, full) = hints(mode, focus);
                    for hint in [Some(short), full].into_iter().flatten() {
                        let text = hint.text(lang);
                        assert!(text.width() <= 160, "{hint:?} {lang:?}: {}", text.width());
                        let checked = if mode == Mode::Filter {
                            Mode::Browse
                        } else {
                            mode
                        };
                        for key in keys(text) {
                            let event = KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE);
                            assert!(
                                map_key(checked, event).is_some(),
                                "{hint:?} names {key}, which does nothing in {mode:?}"
                            );
                        }
                    }
                }
                let (short, full) = hints(Mode::Browse, focus);
                assert!(short.text(lang).width() <= 80, "{short:?} {lang:?}");
                let full = full.map(|f| keys(f.text(lang))).unwrap_or_default();
                for key in ['p', 'f', 'o', 'c', 'l', 'x', 'L', '?', 'q', 'u', '/'] {
                    assert!(full.contains(&key), "{focus:?} {lang:?} lacks {key}");
                }
            }
        }
    }
}
