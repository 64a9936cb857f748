//! Colours and text styles of the interface, in one place.

use ratatui::style::{Color, Modifier, Style};

/// The border of the focused pane.
pub fn focused_border() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// The border of the other panes.
pub fn border() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Column headings.
pub fn header() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// The selected row of the focused pane.
pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// The selected row of a pane without focus.
pub fn selected_unfocused() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// Overdue items and failed debits.
pub fn alert() -> Style {
    Style::new().fg(Color::Red)
}

/// Items due within a week.
pub fn soon() -> Style {
    Style::new().fg(Color::Yellow)
}

/// Finished plans and paid periods.
pub fn muted() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Good news: paid, saved, done.
pub fn good() -> Style {
    Style::new().fg(Color::Green)
}

/// The status bar.
pub fn status_bar() -> Style {
    Style::new().bg(Color::Blue).fg(Color::White)
}

/// The key-hint line.
pub fn hint() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Labels in forms and the detail view.
pub fn label() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// The focused form field's input.
pub fn input_focused() -> Style {
    Style::new().bg(Color::DarkGray).fg(Color::White)
}

/// A form field's input.
pub fn input() -> Style {
    Style::new().add_modifier(Modifier::UNDERLINED)
}

/// A disabled form field.
pub fn disabled() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Inline errors under form fields.
pub fn error() -> Style {
    Style::new().fg(Color::Red)
}

/// APR figures (the headline number).
pub fn emphasis() -> Style {
    Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD)
}

/// The colours that tell providers or cards apart in the month chart, in order.
pub const SERIES: [Color; 8] = [
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
pub fn status_alert() -> Style {
    Style::new()
        .bg(Color::Red)
        .fg(Color::White)
        .add_modifier(Modifier::BOLD)
}

/// The note about the last change, before the key hints.
pub fn note() -> Style {
    Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
}

/// The selected row's mark in the focused pane (and in the focused list of an overlay).
pub const FOCUSED_SELECTION: &str = "▶";
