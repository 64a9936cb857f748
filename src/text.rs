//! Stored text made safe for one line of a terminal: control and hidden format characters blanked.

use crate::domain::glyphs::{is_control, is_hidden_format};

/// Replaces control characters (newlines, escapes), bidi overrides and marks, and invisible
/// zero-width spaces with spaces, so a cell stays one line and shows what it holds.
pub(crate) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_control(c) || is_hidden_format(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}
