//! Characters that change how text shows without showing themselves: control characters,
//! bidi controls and marks.

/// True for the characters free text never holds: control characters (line breaks, tabs,
/// escapes, NUL). The command line turns them into spaces, the forms refuse them, and so does
/// `import`.
pub(crate) fn is_control(c: char) -> bool {
    c.is_control()
}

/// True for bidi overrides, embeddings and isolates (which can reverse what a line appears to
/// say), directional marks, zero-width spaces and the byte-order mark.
pub(crate) fn is_hidden_format(c: char) -> bool {
    ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || matches!(
            c,
            '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FEFF}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_and_zero_width_marks_are_hidden_letters_are_not() {
        for c in ['\u{202E}', '\u{2066}', '\u{200F}', '\u{200B}', '\u{FEFF}'] {
            assert!(is_hidden_format(c), "{c:?}");
        }
        // The zero-width joiner builds emoji and some scripts' letters: it stays.
        for c in ['a', '分', 'ع', '\u{200D}', ' '] {
            assert!(!is_hidden_format(c), "{c:?}");
        }
    }
}
