//! One editable line of text with a cursor, as every text field of a form holds.

use unicode_width::UnicodeWidthStr;

/// An edit a key asks of a text field or a choice field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKey {
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Clears the whole field (Ctrl-U).
    Clear,
}

/// The text of a field and where the cursor is (in characters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

/// Fields never need more than this many characters; longer input is ignored.
const MAX_CHARS: usize = 120;

impl TextInput {
    /// A field holding `text`, cursor at the end.
    pub fn new(text: impl Into<String>) -> TextInput {
        let text = text.into();
        let cursor = text.chars().count();
        TextInput { text, cursor }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Applies an edit; returns whether the text changed.
    pub fn apply(&mut self, key: EditKey) -> bool {
        let len = self.text.chars().count();
        match key {
            EditKey::Char(c) => {
                if c.is_control() || len >= MAX_CHARS {
                    return false;
                }
                let at = self.byte_index(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
                true
            }
            EditKey::Backspace => {
                if self.cursor == 0 {
                    return false;
                }
                self.cursor -= 1;
                let at = self.byte_index(self.cursor);
                self.text.remove(at);
                true
            }
            EditKey::Delete => {
                if self.cursor >= len {
                    return false;
                }
                let at = self.byte_index(self.cursor);
                self.text.remove(at);
                true
            }
            EditKey::Left => {
                self.cursor = self.cursor.saturating_sub(1);
                false
            }
            EditKey::Right => {
                self.cursor = (self.cursor + 1).min(len);
                false
            }
            EditKey::Home => {
                self.cursor = 0;
                false
            }
            EditKey::End => {
                self.cursor = len;
                false
            }
            EditKey::Clear => {
                let changed = !self.text.is_empty();
                self.text.clear();
                self.cursor = 0;
                changed
            }
        }
    }

    /// Display columns before the cursor (CJK characters count two).
    pub fn cursor_column(&self) -> usize {
        let before: String = self.text.chars().take(self.cursor).collect();
        before.width()
    }

    fn byte_index(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_in_the_middle_of_cjk_text() {
        let mut input = TextInput::new("小米");
        assert_eq!(input.cursor_column(), 4);
        input.apply(EditKey::Left);
        assert!(input.apply(EditKey::Char('a')));
        assert_eq!(input.text(), "小a米");
        assert_eq!(input.cursor_column(), 3);
        assert!(input.apply(EditKey::Backspace));
        assert!(input.apply(EditKey::Delete));
        assert_eq!(input.text(), "小");
        assert!(!input.apply(EditKey::Delete));
        input.apply(EditKey::Home);
        assert!(!input.apply(EditKey::Backspace));
        assert!(input.apply(EditKey::Clear));
        assert_eq!(input.text(), "");
    }

    #[test]
    fn ignores_control_characters() {
        let mut input = TextInput::default();
        assert!(!input.apply(EditKey::Char('\u{1b}')));
        assert_eq!(input.text(), "");
    }
}
