//! Which key does what, in each mode of the interface (pure: no terminal, no state).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::action::{Action, Motion, PaneId};
use super::forms::input::EditKey;

/// What the keyboard is talking to, which decides what each key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The three panes.
    Browse,
    /// Typing a filter for the focused pane.
    Filter,
    /// A form is open.
    Form,
    /// A yes/no question.
    Confirm,
    /// A plan's detail view.
    Detail,
    /// The month bar chart.
    Month,
    /// The cards list.
    Cards,
    /// The credit limits list.
    Limits,
    /// The help overlay.
    Help,
    /// An error popup.
    Error,
    /// The provider preset picker.
    Picker,
    /// The comparison of offers.
    Offers,
    /// The summary view.
    Summary,
    /// The advise form (a form whose Enter saves nothing).
    Advise,
    /// The review of a statement's lines.
    Review,
}

/// The action a key stands for in a mode, if any.
pub fn map_key(mode: Mode, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c')) {
        return Some(Action::Interrupt);
    }
    match mode {
        Mode::Browse => browse_key(key),
        Mode::Filter => filter_key(key),
        Mode::Form => form_key(key),
        Mode::Confirm => confirm_key(key),
        Mode::Detail => detail_key(key),
        Mode::Month => month_key(key),
        Mode::Cards => cards_key(key),
        Mode::Limits => limits_key(key),
        Mode::Help => motion_key(key).or(match key.code {
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('?') | KeyCode::Enter => {
                Some(Action::Close)
            }
            KeyCode::Char('L') => Some(Action::ToggleLang),
            _ => None,
        }),
        // Any key closes an error, except those that scroll a long one.
        Mode::Error => motion_key(key).or(Some(Action::Close)),
        Mode::Picker => picker_key(key),
        Mode::Offers => offers_key(key),
        Mode::Summary => summary_key(key),
        Mode::Advise => form_key(key),
        Mode::Review => review_key(key),
    }
}

/// The action a mouse event stands for: a left click or the wheel (the rest is ignored).
pub(crate) fn map_mouse(event: MouseEvent) -> Option<Action> {
    let (x, y) = (event.column, event.row);
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(x, y)),
        MouseEventKind::ScrollDown => Some(Action::Wheel(true, x, y)),
        MouseEventKind::ScrollUp => Some(Action::Wheel(false, x, y)),
        _ => None,
    }
}

/// Movement keys shared by every list and scrolled view.
fn motion_key(key: KeyEvent) -> Option<Action> {
    let motion = match key.code {
        KeyCode::Char('j') | KeyCode::Down => Motion::Down,
        KeyCode::Char('k') | KeyCode::Up => Motion::Up,
        KeyCode::Char('g') | KeyCode::Home => Motion::Top,
        KeyCode::Char('G') | KeyCode::End => Motion::Bottom,
        KeyCode::PageUp => Motion::PageUp,
        KeyCode::PageDown => Motion::PageDown,
        _ => return None,
    };
    Some(Action::Move(motion))
}

fn browse_key(key: KeyEvent) -> Option<Action> {
    if let Some(action) = motion_key(key) {
        return Some(action);
    }
    let action = match key.code {
        KeyCode::Tab => Action::FocusNext,
        KeyCode::BackTab => Action::FocusPrev,
        KeyCode::Char('1') => Action::Focus(PaneId::Plans),
        KeyCode::Char('2') => Action::Focus(PaneId::Upcoming),
        KeyCode::Char('3') => Action::Focus(PaneId::History),
        KeyCode::Enter => Action::OpenDetail,
        KeyCode::Char('a') => Action::AddPlan,
        KeyCode::Char('e') => Action::EditPlan,
        KeyCode::Char('d') => Action::DeletePlan,
        KeyCode::Char('p') => Action::RecordPayment,
        KeyCode::Char('f') => Action::FailedDebit,
        KeyCode::Char('o') => Action::Payoff,
        KeyCode::Char('c') => Action::Cards,
        KeyCode::Char('r') => Action::Prepay,
        KeyCode::Char('l') => Action::Limits,
        KeyCode::Char('x') => Action::Export,
        KeyCode::Char('m') => Action::MonthView,
        KeyCode::Char('s') => Action::Summary,
        KeyCode::Char('A') => Action::Advise,
        KeyCode::Char('y') => Action::ConfirmPosting,
        KeyCode::Char('Y') => Action::ConfirmToday,
        KeyCode::Char('R') => Action::Reconcile,
        KeyCode::Char('/') => Action::StartFilter,
        KeyCode::Char('u') => Action::Undo,
        KeyCode::Char('L') => Action::ToggleLang,
        KeyCode::Char('?') => Action::Help,
        KeyCode::Char('q') => Action::Quit,
        // Esc closes, cancels or clears; it never quits.
        KeyCode::Esc => Action::Cancel,
        _ => return None,
    };
    Some(action)
}

/// Keys that edit a line of text (form fields and the filter line).
fn edit_key(key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let edit = match key.code {
        KeyCode::Char('u') if ctrl => EditKey::Clear,
        KeyCode::Char('w') if ctrl => EditKey::DeleteWord,
        KeyCode::Char('a') if ctrl => EditKey::Home,
        KeyCode::Char('e') if ctrl => EditKey::End,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => EditKey::Char(c),
        KeyCode::Backspace => EditKey::Backspace,
        KeyCode::Delete => EditKey::Delete,
        KeyCode::Left => EditKey::Left,
        KeyCode::Right => EditKey::Right,
        KeyCode::Home => EditKey::Home,
        KeyCode::End => EditKey::End,
        _ => return None,
    };
    Some(Action::Edit(edit))
}

fn filter_key(key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Enter => Some(Action::Submit),
        KeyCode::Esc => Some(Action::Cancel),
        _ => edit_key(key),
    }
}

fn form_key(key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('p') if ctrl => Some(Action::PickPreset),
        KeyCode::Char('o') if ctrl => Some(Action::CompareOffers),
        KeyCode::Tab | KeyCode::Down => Some(Action::NextField),
        KeyCode::BackTab | KeyCode::Up => Some(Action::PrevField),
        KeyCode::Enter => Some(Action::Submit),
        KeyCode::Esc => Some(Action::Cancel),
        _ => edit_key(key),
    }
}

/// The preset picker: typing filters, arrows choose.
fn picker_key(key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Up => Some(Action::Move(Motion::Up)),
        KeyCode::Down => Some(Action::Move(Motion::Down)),
        KeyCode::PageUp => Some(Action::Move(Motion::PageUp)),
        KeyCode::PageDown => Some(Action::Move(Motion::PageDown)),
        KeyCode::Enter => Some(Action::Submit),
        KeyCode::Esc => Some(Action::Cancel),
        _ => edit_key(key),
    }
}

/// The comparison: move, Enter picks, Esc goes back to the form.
fn offers_key(key: KeyEvent) -> Option<Action> {
    if let Some(action) = motion_key(key) {
        return Some(action);
    }
    match key.code {
        KeyCode::Enter => Some(Action::Submit),
        KeyCode::Esc | KeyCode::Char('q') => Some(Action::Cancel),
        _ => None,
    }
}

/// The statement review: move, Space ticks, Enter applies the ticked lines, Esc leaves.
fn review_key(key: KeyEvent) -> Option<Action> {
    if let Some(action) = motion_key(key) {
        return Some(action);
    }
    match key.code {
        KeyCode::Char(' ') => Some(Action::Toggle),
        KeyCode::Enter => Some(Action::Submit),
        KeyCode::Esc | KeyCode::Char('q') => Some(Action::Cancel),
        KeyCode::Char('L') => Some(Action::ToggleLang),
        KeyCode::Char('?') => Some(Action::Help),
        _ => None,
    }
}

fn confirm_key(key: KeyEvent) -> Option<Action> {
    if let Some(action) = motion_key(key) {
        return Some(action);
    }
    match key.code {
        KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter => Some(Action::Submit),
        KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc | KeyCode::Char('q') => {
            Some(Action::Cancel)
        }
        _ => None,
    }
}

fn detail_key(key: KeyEvent) -> Option<Action> {
    if let Some(action) = motion_key(key) {
        return Some(action);
    }
    let action = match key.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter => Action::Close,
        KeyCode::Char('p') => Action::RecordPayment,
        KeyCode::Char('f') => Action::FailedDebit,
        KeyCode::Char('o') => Action::Payoff,
        KeyCode::Char('r') => Action::Prepay,
        KeyCode::Char('e') => Action::EditPlan,
        KeyCode::Char('d') => Action::DeletePlan,
        KeyCode::Char('n') => Action::DismissReminder,
        KeyCode::Char('u') => Action::Undo,
        KeyCode::Char('L') => Action::ToggleLang,
        KeyCode::Char('?') => Action::Help,
        _ => return None,
    };
    Some(action)
}

fn month_key(key: KeyEvent) -> Option<Action> {
    if let Some(action) = motion_key(key) {
        return Some(action);
    }
    let action = match key.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('m') => Action::Close,
        KeyCode::Char('v') | KeyCode::Tab | KeyCode::BackTab => Action::ToggleGrouping,
        KeyCode::Char('c') => Action::ToggleCalendar,
        KeyCode::Char('L') => Action::ToggleLang,
        KeyCode::Char('?') => Action::Help,
        _ => return None,
    };
    Some(action)
}

fn summary_key(key: KeyEvent) -> Option<Action> {
    if let Some(action) = motion_key(key) {
        return Some(action);
    }
    let action = match key.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('s') => Action::Close,
        KeyCode::Char('L') => Action::ToggleLang,
        KeyCode::Char('?') => Action::Help,
        _ => return None,
    };
    Some(action)
}

fn limits_key(key: KeyEvent) -> Option<Action> {
    if let Some(action) = motion_key(key) {
        return Some(action);
    }
    let action = match key.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('l') => Action::Close,
        KeyCode::Enter | KeyCode::Char('e') => Action::OpenDetail,
        KeyCode::Char('a') => Action::AddPlan,
        KeyCode::Char('u') => Action::Undo,
        KeyCode::Char('L') => Action::ToggleLang,
        KeyCode::Char('?') => Action::Help,
        _ => return None,
    };
    Some(action)
}

fn cards_key(key: KeyEvent) -> Option<Action> {
    if let Some(action) = motion_key(key) {
        return Some(action);
    }
    let action = match key.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('c') => Action::Close,
        KeyCode::Char('a') => Action::CardAdd,
        KeyCode::Char('s') | KeyCode::Char(' ') => Action::CardSetDefault,
        KeyCode::Char('r') => Action::CardReplace,
        KeyCode::Char('e') => Action::CardEdit,
        KeyCode::Char('x') => Action::CardDelete,
        KeyCode::Char('u') => Action::Undo,
        KeyCode::Char('L') => Action::ToggleLang,
        KeyCode::Char('?') => Action::Help,
        _ => return None,
    };
    Some(action)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ch(c: char) -> KeyEvent {
        key(KeyCode::Char(c))
    }

    #[test]
    fn browse_keys_follow_the_contract() {
        let cases = [
            (key(KeyCode::Tab), Action::FocusNext),
            (key(KeyCode::BackTab), Action::FocusPrev),
            (ch('1'), Action::Focus(PaneId::Plans)),
            (ch('2'), Action::Focus(PaneId::Upcoming)),
            (ch('3'), Action::Focus(PaneId::History)),
            (ch('j'), Action::Move(Motion::Down)),
            (key(KeyCode::Down), Action::Move(Motion::Down)),
            (ch('k'), Action::Move(Motion::Up)),
            (key(KeyCode::Up), Action::Move(Motion::Up)),
            (ch('g'), Action::Move(Motion::Top)),
            (ch('G'), Action::Move(Motion::Bottom)),
            (key(KeyCode::PageUp), Action::Move(Motion::PageUp)),
            (key(KeyCode::PageDown), Action::Move(Motion::PageDown)),
            (key(KeyCode::Enter), Action::OpenDetail),
            (ch('a'), Action::AddPlan),
            (ch('e'), Action::EditPlan),
            (ch('d'), Action::DeletePlan),
            (ch('p'), Action::RecordPayment),
            (ch('f'), Action::FailedDebit),
            (ch('o'), Action::Payoff),
            (ch('c'), Action::Cards),
            (ch('m'), Action::MonthView),
            (ch('s'), Action::Summary),
            (ch('A'), Action::Advise),
            (ch('y'), Action::ConfirmPosting),
            (ch('Y'), Action::ConfirmToday),
            (ch('R'), Action::Reconcile),
            (ch('/'), Action::StartFilter),
            (ch('u'), Action::Undo),
            (ch('L'), Action::ToggleLang),
            (ch('?'), Action::Help),
            (ch('q'), Action::Quit),
            (key(KeyCode::Esc), Action::Cancel),
        ];
        for (event, action) in cases {
            assert_eq!(map_key(Mode::Browse, event), Some(action), "{event:?}");
        }
        assert_eq!(map_key(Mode::Browse, ch('z')), None);
    }

    #[test]
    fn forms_take_letters_as_text() {
        assert_eq!(
            map_key(Mode::Form, ch('q')),
            Some(Action::Edit(EditKey::Char('q')))
        );
        assert_eq!(
            map_key(Mode::Form, ch('小')),
            Some(Action::Edit(EditKey::Char('小')))
        );
        assert_eq!(
            map_key(Mode::Form, key(KeyCode::Tab)),
            Some(Action::NextField)
        );
        assert_eq!(
            map_key(Mode::Form, key(KeyCode::BackTab)),
            Some(Action::PrevField)
        );
        assert_eq!(
            map_key(Mode::Form, key(KeyCode::Enter)),
            Some(Action::Submit)
        );
        assert_eq!(map_key(Mode::Form, key(KeyCode::Esc)), Some(Action::Cancel));
        assert_eq!(
            map_key(Mode::Form, key(KeyCode::Left)),
            Some(Action::Edit(EditKey::Left))
        );
        assert_eq!(
            map_key(
                Mode::Form,
                KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)
            ),
            Some(Action::Edit(EditKey::Clear))
        );
    }

    #[test]
    fn ctrl_c_interrupts_from_anywhere() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [
            Mode::Browse,
            Mode::Form,
            Mode::Filter,
            Mode::Detail,
            Mode::Confirm,
        ] {
            assert_eq!(map_key(mode, ctrl_c), Some(Action::Interrupt));
        }
    }

    #[test]
    fn overlays_close_on_escape() {
        for mode in [
            Mode::Detail,
            Mode::Month,
            Mode::Cards,
            Mode::Help,
            Mode::Error,
            Mode::Summary,
        ] {
            assert_eq!(
                map_key(mode, key(KeyCode::Esc)),
                Some(Action::Close),
                "{mode:?}"
            );
        }
        assert_eq!(map_key(Mode::Confirm, ch('y')), Some(Action::Submit));
        assert_eq!(map_key(Mode::Confirm, ch('n')), Some(Action::Cancel));
        assert_eq!(
            map_key(Mode::Filter, key(KeyCode::Esc)),
            Some(Action::Cancel)
        );
        assert_eq!(map_key(Mode::Month, ch('v')), Some(Action::ToggleGrouping));
        assert_eq!(map_key(Mode::Cards, ch('r')), Some(Action::CardReplace));
        assert_eq!(map_key(Mode::Cards, ch('s')), Some(Action::CardSetDefault));
        assert_eq!(map_key(Mode::Detail, ch('p')), Some(Action::RecordPayment));
        assert_eq!(map_key(Mode::Review, ch(' ')), Some(Action::Toggle));
        assert_eq!(
            map_key(Mode::Review, key(KeyCode::Enter)),
            Some(Action::Submit)
        );
        assert_eq!(
            map_key(Mode::Review, key(KeyCode::Esc)),
            Some(Action::Cancel)
        );
    }
}
