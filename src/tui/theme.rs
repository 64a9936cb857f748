//! Colours and text styles of the interface, in one place.

use ratatui::style::{Color, Modifier, Style};

/// The border of the focused pane.
pub(crate) fn focused_border() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// The border of the other panes.
pub(crate) fn border() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Column headings.
pub(crate) fn header() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// The selected row of the focused pane.
pub(crate) fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// The selected row of a pane without focus.
pub(crate) fn selected_unfocused() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// Overdue items and failed debits.
pub(crate) fn alert() -> Style {
    Style::new().fg(Color::Red)
}

/// Items due within a week.
pub(crate) fn soon() -> Style {
    Style::new().fg(Color::Yellow)
}

/// Finished plans and paid periods.
pub(crate) fn muted() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Good news: paid, saved, done.
pub(crate) fn good() -> Style {
    Style::new().fg(Color::Green)
}

/// The status bar.
pub(crate) fn status_bar() -> Style {
    Style::new().bg(Color::Blue).fg(Color::White)
}

/// The key-hint line.
pub(crate) fn hint() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Labels in forms and the detail view.
pub(crate) fn label() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// The focused form field's input.
pub(crate) fn input_focused() -> Style {
    Style::new().bg(Color::DarkGray).fg(Color::White)
}

/// A form field's input.
pub(crate) fn input() -> Style {
    Style::new().add_modifier(Modifier::UNDERLINED)
}

/// A disabled form field.
pub(crate) fn disabled() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Inline errors under form fields.
pub(crate) fn error() -> Style {
    Style::new().fg(Color::Red)
}

/// APR figures (the headline number).
pub(crate) fn emphasis() -> Style {
    Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD)
}

/// The colours that tell providers or cards apart in the month chart, in order.
pub(crate) const SERIES: [Color; 8] = [
    Color::Cyan,
    Color::Yellow,
    Color::Green,
    Color::Magenta,
    Color::Blue,
    Color::Red,
    Color::LightCyan,
    Color::LightYellow,
];

/// The overdue figure in the status bar.
pub(crate) fn status_alert() -> Style {
    Style::new()
        .bg(Color::Red)
        .fg(Color::White)
        .add_modifier(Modifier::BOLD)
}

/// The note about the last change, before the key hints.
pub(crate) fn note() -> Style {
    Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
}

/// The selected row's mark in the focused pane (and in the focused list of an overlay).
pub(crate) const FOCUSED_SELECTION: &str = "▶";
