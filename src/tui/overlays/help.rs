//! The help overlay's text: every key of the interface, by where it works.

use ratatui::text::Line;

use crate::i18n::Lang;
use crate::i18n::tui::TuiText;
use crate::tui::theme;

/// One section of the help: its heading and its lines.
const SECTIONS: [(TuiText, &[TuiText]); 4] = [
    (
        TuiText::HelpMainTitle,
        &[
            TuiText::HelpPanes,
            TuiText::HelpMove,
            TuiText::HelpEnter,
            TuiText::HelpAdd,
            TuiText::HelpEditDelete,
            TuiText::HelpPay,
            TuiText::HelpFailed,
            TuiText::HelpConfirmPostings,
            TuiText::HelpPayoff,
            TuiText::HelpCards,
            TuiText::HelpLimits,
            TuiText::HelpExport,
            TuiText::HelpStatement,
            TuiText::HelpMonth,
            TuiText::HelpSummary,
            TuiText::HelpAdvise,
            TuiText::HelpFilter,
            TuiText::HelpUndo,
            TuiText::HelpLang,
            TuiText::HelpHelp,
            TuiText::HelpEsc,
            TuiText::HelpQuit,
            TuiText::HelpMouse,
        ],
    ),
    (
        TuiText::HelpFormsTitle,
        &[
            TuiText::HelpForms,
            TuiText::HelpEditing,
            TuiText::HelpPresets,
        ],
    ),
    (
        TuiText::HelpViewsTitle,
        &[
            TuiText::HelpDetail,
            TuiText::HelpCardsList,
            TuiText::HelpLimitsList,
            TuiText::HelpMonthView,
            TuiText::HelpSummaryView,
            TuiText::HelpReview,
            TuiText::HelpConfirm,
            TuiText::HelpScroll,
        ],
    ),
    (TuiText::HelpSmallTitle, &[TuiText::HelpSmall]),
];

/// Every line of the help in `lang` (the overlay wraps and scrolls them).
pub(crate) fn lines(lang: Lang) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (index, (title, entries)) in SECTIONS.iter().enumerate() {
        if index > 0 {
            lines.push(Line::from(""));
        }
        lines.push(Line::styled(title.text(lang), theme::header()));
        lines.extend(entries.iter().map(|entry| Line::from(entry.text(lang))));
    }
    lines
}

/// Every help entry (headings aside), for tests that check each key is listed.
#[cfg(test)]
fn entries() -> impl Iterator<Item = TuiText> {
    SECTIONS
        .iter()
        .flat_map(|(_, entries)| entries.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{Mode, map_key};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    /// Every key that does something on the main screen and in the views is named in the help,
    /// in both languages.
    #[test]
    fn the_help_names_every_key() {
        for lang in [Lang::En, Lang::Zh] {
            let text: String = entries().map(|e| format!("{} ", e.text(lang))).collect();
            let words: Vec<&str> = text
                .split(|c: char| c.is_whitespace() || ",:;()（），：；、".contains(c))
                .collect();
            // "e / d" names e and d; "Tab/↓" names Tab; "/" itself is a key too.
            let tokens: Vec<&str> = words
                .iter()
                .copied()
                .chain(words.iter().flat_map(|w| w.split('/')))
                .collect();
            let modes = [
                Mode::Browse,
                Mode::Detail,
                Mode::Cards,
                Mode::Limits,
                Mode::Month,
                Mode::Summary,
                Mode::Review,
            ];
            for mode in modes {
                for c in ('!'..='~').chain(['⏎']) {
                    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                    if map_key(mode, event).is_some() {
                        let key = c.to_string();
                        assert!(tokens.contains(&key.as_str()), "{lang:?} {mode:?}: {c}");
                    }
                }
            }
        }
    }
}
