//! A pane's window onto a long list: the rows loaded, where they start, and the selection.

use super::action::Motion;

/// The visible window of a pane's list; only `rows` (one screenful) is held in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaneState<R> {
    /// The rows from `offset`, at most `height` of them.
    pub rows: Vec<R>,
    /// How many rows the whole (filtered) list has.
    pub total: usize,
    /// Index in the whole list of `rows[0]`.
    pub offset: usize,
    /// Index in the whole list of the selected row.
    pub selected: usize,
    /// How many rows fit in the pane.
    pub height: usize,
    /// The pane's filter text ("" for none).
    pub filter: String,
}

impl<R> Default for PaneState<R> {
    fn default() -> Self {
        PaneState {
            rows: Vec::new(),
            total: 0,
            offset: 0,
            selected: 0,
            height: 1,
            filter: String::new(),
        }
    }
}

impl<R> PaneState<R> {
    pub fn selected_row(&self) -> Option<&R> {
        self.selected
            .checked_sub(self.offset)
            .and_then(|i| self.rows.get(i))
    }

    /// Moves the selection; returns whether the window moved (and so must be reloaded).
    pub(crate) fn apply(&mut self, motion: Motion) -> bool {
        if self.total == 0 {
            return false;
        }
        let last = self.total - 1;
        let page = self.height.max(1);
        self.selected = match motion {
            Motion::Up => self.selected.saturating_sub(1),
            Motion::Down => (self.selected + 1).min(last),
            Motion::Top => 0,
            Motion::Bottom => last,
            Motion::PageUp => self.selected.saturating_sub(page),
            Motion::PageDown => (self.selected + page).min(last),
        };
        self.scroll_to_selection()
    }

    /// Keeps the selection inside the list and the window around it; returns whether the
    /// window moved.
    pub(crate) fn scroll_to_selection(&mut self) -> bool {
        let before = self.offset;
        self.selected = self.selected.min(self.total.saturating_sub(1));
        let height = self.height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.total.saturating_sub(height);
        self.offset = self.offset.min(max_offset);
        self.offset != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pane(total: usize, height: usize) -> PaneState<usize> {
        PaneState {
            rows: Vec::new(),
            total,
            offset: 0,
            selected: 0,
            height,
            filter: String::new(),
        }
    }

    #[test]
    fn window_follows_the_selection() {
        let mut p = pane(100, 10);
        assert!(!p.apply(Motion::Down));
        assert_eq!(p.selected, 1);
        assert!(p.apply(Motion::PageDown));
        assert_eq!((p.selected, p.offset), (11, 2));
        assert!(p.apply(Motion::Bottom));
        assert_eq!((p.selected, p.offset), (99, 90));
        assert!(!p.apply(Motion::Down));
        assert!(p.apply(Motion::Top));
        assert_eq!((p.selected, p.offset), (0, 0));
        assert!(!p.apply(Motion::Up));
    }

    #[test]
    fn shrinking_list_pulls_the_window_back() {
        let mut p = pane(100, 10);
        p.apply(Motion::Bottom);
        p.total = 5;
        assert!(p.scroll_to_selection());
        assert_eq!((p.selected, p.offset), (4, 0));
    }
}
