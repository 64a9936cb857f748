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
            TuiText::HelpPayoff,
            TuiText::HelpCards,
            TuiText::HelpMonth,
            TuiText::HelpFilter,
            TuiText::HelpUndo,
            TuiText::HelpLang,
            TuiText::HelpHelp,
            TuiText::HelpEsc,
            TuiText::HelpQuit,
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
            TuiText::HelpMonthView,
            TuiText::HelpScroll,
        ],
    ),
    (TuiText::HelpSmallTitle, &[TuiText::HelpSmall]),
];

/// Every line of the help in `lang` (the overlay wraps and scrolls them).
pub fn lines(lang: Lang) -> Vec<Line<'static>> {
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
pub fn entries() -> impl Iterator<Item = TuiText> {
    SECTIONS
        .iter()
        .flat_map(|(_, entries)| entries.iter().copied())
}
