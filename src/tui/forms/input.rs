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
    /// Deletes the word before the cursor (Ctrl-W).
    DeleteWord,
}

/// The text of a field and where the cursor is (in characters). A prefilled value starts out
/// selected: the first character typed replaces it, as in every form people know.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
    /// The whole text is selected: typing replaces it, Backspace or Delete clears it, a cursor
    /// key keeps it and moves the cursor.
    selected: bool,
}

/// Fields never need more than this many characters; longer input is ignored.
const MAX_CHARS: usize = 120;

impl TextInput {
    /// A field prefilled with `text`, cursor at the end, the text selected (so typing
    /// replaces it).
    pub(crate) fn new(text: impl Into<String>) -> TextInput {
        let text = text.into();
        let cursor = text.chars().count();
        let selected = !text.is_empty();
        TextInput {
            text,
            cursor,
            selected,
        }
    }

    /// A field holding `text` the user typed, cursor at the end, nothing selected.
    pub(crate) fn typed(text: impl Into<String>) -> TextInput {
        TextInput {
            selected: false,
            ..TextInput::new(text)
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// True while the prefilled text is selected (the next character replaces it).
    pub(crate) fn is_selected(&self) -> bool {
        self.selected
    }

    /// Applies an edit; returns whether the text changed.
    pub(crate) fn apply(&mut self, key: EditKey) -> bool {
        if std::mem::take(&mut self.selected) {
            match key {
                EditKey::Char(c) if !c.is_control() => {
                    self.text.clear();
                    self.cursor = 0;
                }
                EditKey::Backspace | EditKey::Delete | EditKey::DeleteWord => {
                    return self.apply(EditKey::Clear);
                }
                _ => {}
            }
        }
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
            EditKey::DeleteWord => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                if start == self.cursor {
                    return false;
                }
                let (from, to) = (self.byte_index(start), self.byte_index(self.cursor));
                self.text.replace_range(from..to, "");
                self.cursor = start;
                true
            }
        }
    }

    /// The cursor's position in characters.
    pub(crate) fn cursor(&self) -> usize {
        self.cursor
    }

    /// Display columns before the cursor (CJK characters count two).
    pub(crate) fn cursor_column(&self) -> usize {
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
    fn typing_replaces_a_prefilled_value_and_cursor_keys_keep_it() {
        let mut input = TextInput::new("2026-04-01");
        assert!(input.is_selected());
        assert!(input.apply(EditKey::Char('2')));
        assert_eq!(input.text(), "2");
        assert!(input.apply(EditKey::Char('0')));
        assert_eq!(input.text(), "20", "only the first keystroke replaces");

        let mut input = TextInput::new("536.00");
        input.apply(EditKey::End);
        assert!(input.apply(EditKey::Char('1')));
        assert_eq!(input.text(), "536.001", "after a cursor key typing inserts");

        let mut input = TextInput::new("536.00");
        assert!(input.apply(EditKey::Backspace));
        assert_eq!(input.text(), "", "Backspace clears a selected value");

        let mut input = TextInput::typed("abc");
        input.apply(EditKey::Char('d'));
        assert_eq!(
            input.text(),
            "abcd",
            "text the user typed is never selected"
        );
        assert!(!TextInput::new("").is_selected());
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor() {
        let mut input = TextInput::typed("iPhone 16 Pro");
        assert!(input.apply(EditKey::DeleteWord));
        assert_eq!(input.text(), "iPhone 16 ");
        assert!(input.apply(EditKey::DeleteWord));
        assert_eq!(input.text(), "iPhone ");
        input.apply(EditKey::Home);
        assert!(!input.apply(EditKey::DeleteWord));
        input.apply(EditKey::End);
        input.apply(EditKey::Left);
        assert!(input.apply(EditKey::DeleteWord));
        assert_eq!(input.text(), " ");
        let mut input = TextInput::typed("小米 分期");
        assert!(input.apply(EditKey::DeleteWord));
        assert_eq!(input.text(), "小米 ");
        assert_eq!(input.cursor_column(), 5);
    }

    #[test]
    fn ignores_control_characters() {
        let mut input = TextInput::default();
        assert!(!input.apply(EditKey::Char('\u{1b}')));
        assert_eq!(input.text(), "");
    }
}
