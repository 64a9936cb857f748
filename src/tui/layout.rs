//! Where things go on screen: the three panes, the status bar and the key-hint line.

use ratatui::layout::{Constraint, Layout, Rect};

use super::action::PaneId;
use super::pane_columns::{HISTORY_WIDTH, PLANS_WIDTH, UPCOMING_WIDTH};

/// Terminals at least this wide show the three panes side by side, each with all its columns.
pub(crate) const WIDE: u16 = PLANS_WIDTH + UPCOMING_WIDTH + HISTORY_WIDTH;
/// Terminals at least this wide put Upcoming and History side by side under Plans, each with
/// all its columns; narrower ones stack the three panes, so the card column never drops out
/// of a half-width pane while there is room for it on a line of its own.
pub(crate) const MEDIUM: u16 = UPCOMING_WIDTH + HISTORY_WIDTH;

/// The areas of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MainLayout {
    /// Plans, Upcoming, History.
    pub panes: [Rect; 3],
    /// Everything above the status bar (where overlays are drawn).
    pub body: Rect,
    pub status: Rect,
    pub hints: Rect,
    /// The terminal is too small for the three panes: only the focused one is shown, over the
    /// whole body (the others are empty rectangles).
    pub alone: bool,
}

impl MainLayout {
    pub fn pane(&self, id: PaneId) -> Rect {
        self.panes[pane_index(id)]
    }
}

/// Lays out the main screen for a terminal of `area`'s size.
pub fn main_layout(area: Rect) -> MainLayout {
    let [body, status, hints] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let panes = if area.width >= WIDE {
        // Shares in proportion to what each pane needs: none gets less than that.
        Layout::horizontal([
            Constraint::Fill(PLANS_WIDTH),
            Constraint::Fill(UPCOMING_WIDTH),
            Constraint::Fill(HISTORY_WIDTH),
        ])
        .areas(body)
    } else if area.width >= MEDIUM {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
        let [left, right] = Layout::horizontal([
            Constraint::Fill(UPCOMING_WIDTH),
            Constraint::Fill(HISTORY_WIDTH),
        ])
        .areas(bottom);
        [top, left, right]
    } else {
        Layout::vertical([
            Constraint::Ratio(1, 3),
            Constraint::Ratio(1, 3),
            Constraint::Ratio(1, 3),
        ])
        .areas(body)
    };
    MainLayout {
        panes,
        body,
        status,
        hints,
        alone: false,
    }
}

/// The fewest list rows each pane must show for the three to share the screen.
pub(crate) const MIN_ROWS: u16 = 2;

/// The main screen for a terminal of `area`'s size with `focus` focused: the three panes
/// when each shows at least [`MIN_ROWS`] rows, else the focused pane alone over the body (so
/// what p, e and d act on is always in sight).
pub(crate) fn screen_layout(area: Rect, focus: PaneId) -> MainLayout {
    let mut layout = main_layout(area);
    let rows = |rect: Rect, extra: u16| rect.height.saturating_sub(PANE_CHROME + extra);
    let fits = rows(layout.panes[0], 0) >= MIN_ROWS
        && rows(layout.panes[1], UPCOMING_FOOTER) >= MIN_ROWS
        && rows(layout.panes[2], 0) >= MIN_ROWS;
    if !fits {
        layout.panes = [Rect::default(); 3];
        layout.panes[pane_index(focus)] = layout.body;
        layout.alone = true;
    }
    layout
}

fn pane_index(id: PaneId) -> usize {
    match id {
        PaneId::Plans => 0,
        PaneId::Upcoming => 1,
        PaneId::History => 2,
    }
}

/// Lines a pane's border and heading take.
pub(crate) const PANE_CHROME: u16 = 3;
/// Lines under the Upcoming list for the per-card totals.
pub(crate) const UPCOMING_FOOTER: u16 = 1;

/// How many list rows fit in each pane (with `focus` focused: a small terminal shows it alone).
pub(crate) fn list_heights(area: Rect, focus: PaneId) -> [usize; 3] {
    let layout = screen_layout(area, focus);
    let rows =
        |rect: Rect, extra: u16| rect.height.saturating_sub(PANE_CHROME + extra).max(1) as usize;
    [
        rows(layout.panes[0], 0),
        rows(layout.panes[1], UPCOMING_FOOTER),
        rows(layout.panes[2], 0),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pane_is_visible_at_80_by_24() {
        let layout = main_layout(Rect::new(0, 0, 80, 24));
        for pane in layout.panes {
            assert!(pane.height >= 6 && pane.width == 80, "{pane:?}");
        }
        assert_eq!(layout.status.y, 22);
        assert_eq!(layout.hints.y, 23);
    }

    #[test]
    fn a_small_terminal_shows_the_focused_pane_alone() {
        let full = screen_layout(Rect::new(0, 0, 80, 24), PaneId::Upcoming);
        assert!(!full.alone);
        let small = screen_layout(Rect::new(0, 0, 40, 12), PaneId::Upcoming);
        assert!(small.alone);
        assert_eq!(small.pane(PaneId::Upcoming), small.body);
        assert!(small.pane(PaneId::Plans).is_empty());
        assert_eq!(list_heights(Rect::new(0, 0, 40, 12), PaneId::Plans)[0], 7);
    }

    #[test]
    fn panes_go_side_by_side_only_with_room_for_all_their_columns() {
        assert_eq!(MEDIUM, 154);
        assert_eq!(WIDE, 224);
        let layout = main_layout(Rect::new(0, 0, WIDE, 50));
        assert_eq!(layout.panes[0].y, layout.panes[2].y);
        let layout = main_layout(Rect::new(0, 0, WIDE - 1, 50));
        assert_eq!(layout.panes[1].y, layout.panes[2].y);
        assert!(layout.panes[0].y < layout.panes[1].y);
        let layout = main_layout(Rect::new(0, 0, 120, 40));
        assert!(layout.panes[0].y < layout.panes[1].y);
        assert!(
            layout.panes[1].y < layout.panes[2].y,
            "stacked at 120 columns"
        );
        for width in [80, 120, MEDIUM - 1, MEDIUM, WIDE - 1, WIDE, 300] {
            let layout = main_layout(Rect::new(0, 0, width, 50));
            let needs = [PLANS_WIDTH, UPCOMING_WIDTH, HISTORY_WIDTH];
            for (pane, need) in layout.panes.iter().zip(needs) {
                assert!(
                    pane.width >= need || pane.width == width,
                    "{width}: {pane:?} narrower than {need}"
                );
            }
        }
    }
}
