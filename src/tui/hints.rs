//! The key-hint line: which keys it names for each mode, what fits beside the status note,
//! and which key a click on it stands for.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

use super::action::PaneId;
use super::keymap::Mode;
use super::overlay::Note;
use crate::i18n::Lang;
use crate::i18n::tui::TuiText;

/// The key-hint line's parts for a line `width` columns wide: the note about the last change
/// (with a space after it), then the hints for the current mode — all its keys when they fit
/// beside the note, the main ones otherwise.
pub(crate) fn hint_line(
    note: Option<&Note>,
    mode: Mode,
    focus: PaneId,
    lang: Lang,
    width: u16,
) -> (Option<String>, TuiText) {
    let note = note.map(|n| format!("{} ", n.render(lang)));
    let room = (width as usize).saturating_sub(note.as_deref().map_or(0, str::width));
    let (short, full) = hints(mode, focus);
    let hint = match full {
        Some(full) if full.text(lang).width() <= room => full,
        _ => short,
    };
    (note, hint)
}

/// The key a click at column `x` of the key-hint line stands for: each hint (`a add`,
/// `⏎ open`, `Esc close`, `j/k scroll`) runs its key. `None` between hints, on the note, or
/// while the filter line is typed.
pub(crate) fn hint_key_at(
    note: Option<&Note>,
    mode: Mode,
    focus: PaneId,
    lang: Lang,
    width: u16,
    x: u16,
) -> Option<KeyEvent> {
    if mode == Mode::Filter {
        return None;
    }
    let (note, hint) = hint_line(note, mode, focus, lang, width);
    let mut at = note.as_deref().map_or(0, str::width);
    let x = usize::from(x);
    for item in hint.text(lang).split("  ") {
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
pub(crate) fn hints(mode: Mode, focus: PaneId) -> (TuiText, Option<TuiText>) {
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
        Mode::Summary => (TuiText::HintSummary, None),
        Mode::Advise => (TuiText::HintAdvise, None),
        Mode::Review => (TuiText::HintReview, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::tui::keymap::map_key;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    const MODES: [Mode; 14] = [
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
        Mode::Summary,
        Mode::Advise,
        Mode::Review,
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
