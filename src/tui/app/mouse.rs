//! The mouse: a click selects the row or pane under it (or runs the key hint it is on), the
//! wheel scrolls what is under it. Everything goes through the same actions as the keys.

use super::{App, Overlay};
use crate::tui::action::{Action, Motion, PaneId};
use crate::tui::hints::hint_key_at;
use crate::tui::keymap::{Mode, map_key};
use crate::tui::layout::{PANE_CHROME, screen_layout};

/// Lines above a pane's first row: its border and the column headings.
const ROWS_TOP: u16 = PANE_CHROME - 1;

impl App {
    /// A left click at (`x`, `y`).
    pub(super) fn click(&mut self, x: u16, y: u16) {
        let layout = screen_layout(self.size, self.focus);
        if y == layout.hints.y {
            if let Some(action) = hint_key_at(
                self.note.as_ref(),
                self.mode(),
                self.focus,
                self.lang,
                self.size.width,
                x,
            )
            .and_then(|key| map_key(self.mode(), key))
            {
                self.update(action);
            }
            return;
        }
        if self.mode() != Mode::Browse {
            return;
        }
        let Some(pane) = PaneId::ALL
            .into_iter()
            .find(|p| layout.pane(*p).contains((x, y).into()))
        else {
            return;
        };
        if pane != self.focus {
            self.update(Action::Focus(pane));
        }
        // The row under the click, if it is one of the rows shown.
        let area = screen_layout(self.size, self.focus).pane(pane);
        let Some(row) = y.checked_sub(area.y + ROWS_TOP) else {
            return;
        };
        let row = usize::from(row);
        let (offset, shown) = match pane {
            PaneId::Plans => (self.plans.offset, self.plans.rows.len()),
            PaneId::Upcoming => (self.upcoming.offset, self.upcoming.rows.len()),
            PaneId::History => (self.history.offset, self.history.rows.len()),
        };
        if row < shown {
            match pane {
                PaneId::Plans => self.plans.selected = offset + row,
                PaneId::Upcoming => self.upcoming.selected = offset + row,
                PaneId::History => self.history.selected = offset + row,
            }
        }
    }

    /// The wheel turned over (`x`, `y`): the pane under it (focused first) or the overlay on
    /// top moves one line.
    pub(super) fn wheel(&mut self, down: bool, x: u16, y: u16) {
        let motion = Action::Move(if down { Motion::Down } else { Motion::Up });
        match self.overlays.last() {
            Some(Overlay::Form(_) | Overlay::Picker(_) | Overlay::Offers(_)) => {}
            Some(_) => self.update(motion),
            None if self.filter_input.is_some() => {}
            None => {
                let layout = screen_layout(self.size, self.focus);
                if let Some(pane) = PaneId::ALL
                    .into_iter()
                    .find(|p| layout.pane(*p).contains((x, y).into()))
                    && pane != self.focus
                {
                    self.update(Action::Focus(pane));
                }
                self.update(motion);
            }
        }
    }
}
