//! The theme over each drawn frame: `dark` as drawn; `light` with the colours that fade on a
//! light background made darker; `mono` with no colour at all (reverse video where a colour
//! filled the background, so the status bar and the focused field stand out, and dim where
//! grey muted the text). Selection and focus never depend on colour (▶, › and heavy borders).

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

pub use crate::config::Theme;

/// Recolours every cell of `buffer` for `theme`.
pub fn apply(theme: Theme, buffer: &mut Buffer) {
    match theme {
        Theme::Dark => {}
        Theme::Light => {
            for cell in &mut buffer.content {
                let on_background = cell.bg == Color::Reset;
                cell.fg = for_light(cell.fg, on_background);
            }
        }
        Theme::Mono => {
            for cell in &mut buffer.content {
                if cell.bg != Color::Reset {
                    cell.modifier.insert(Modifier::REVERSED);
                }
                if cell.fg == Color::DarkGray && cell.bg == Color::Reset {
                    cell.modifier.insert(Modifier::DIM);
                }
                cell.fg = Color::Reset;
                cell.bg = Color::Reset;
            }
        }
    }
}

/// A text colour readable on a light terminal: pale ones (yellow, cyan, green, white on the
/// terminal's own background) become dark shades of the same hue.
fn for_light(color: Color, on_background: bool) -> Color {
    match color {
        Color::Yellow | Color::LightYellow => Color::Indexed(136),
        Color::Cyan | Color::LightCyan => Color::Indexed(30),
        Color::Green | Color::LightGreen => Color::Indexed(28),
        Color::White | Color::Gray if on_background => Color::Black,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn buffer() -> Buffer {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 1));
        buffer.set_string(0, 0, "a", Style::new().fg(Color::Yellow));
        buffer.set_string(1, 0, "b", Style::new().bg(Color::Blue).fg(Color::White));
        buffer.set_string(
            2,
            0,
            "c",
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        );
        buffer.set_string(3, 0, "d", Style::new().fg(Color::DarkGray));
        buffer
    }

    #[test]
    fn mono_has_no_colour_and_marks_with_modifiers() {
        let mut b = buffer();
        apply(Theme::Mono, &mut b);
        for cell in &b.content {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        }
        assert!(b.content[1].modifier.contains(Modifier::REVERSED));
        assert!(!b.content[0].modifier.contains(Modifier::REVERSED));
        assert!(b.content[2].modifier.contains(Modifier::BOLD));
        assert!(b.content[3].modifier.contains(Modifier::DIM));
    }

    #[test]
    fn light_darkens_pale_text_and_dark_changes_nothing() {
        let mut b = buffer();
        apply(Theme::Light, &mut b);
        assert_eq!(b.content[0].fg, Color::Indexed(136));
        assert_eq!(
            (b.content[1].fg, b.content[1].bg),
            (Color::White, Color::Blue)
        );
        assert_eq!(b.content[2].fg, Color::Red);
        let mut d = buffer();
        apply(Theme::Dark, &mut d);
        assert_eq!(d, buffer());
        assert_eq!(Theme::from_code("light"), Some(Theme::Light));
    }
}
