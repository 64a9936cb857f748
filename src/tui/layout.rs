//! Where things go on screen: the three panes, the status bar and the key-hint line.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

use super::action::PaneId;

/// Terminals at least this wide show the three panes side by side.
pub const WIDE: u16 = 160;
/// Terminals at least this wide put Upcoming and History side by side under Plans.
pub const MEDIUM: u16 = 100;

/// The areas of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MainLayout {
    /// Plans, Upcoming, History.
    pub panes: [Rect; 3],
    /// Everything above the status bar (where overlays are drawn).
    pub body: Rect,
    pub status: Rect,
    pub hints: Rect,
}

impl MainLayout {
    pub fn pane(&self, id: PaneId) -> Rect {
        match id {
            PaneId::Plans => self.panes[0],
            PaneId::Upcoming => self.panes[1],
            PaneId::History => self.panes[2],
        }
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
        let [plans, upcoming, history] = Layout::horizontal([
            Constraint::Percentage(40),
            Constraint::Percentage(30),
            Constraint::Percentage(30),
        ])
        .areas(body);
        [plans, upcoming, history]
    } else if area.width >= MEDIUM {
        let [plans, bottom] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
        let [upcoming, history] = Layout::default()
            .direction(Direction::Horizontal)
            .constraints([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(bottom);
        [plans, upcoming, history]
    } else {
        let [plans, upcoming, history] = Layout::vertical([
            Constraint::Ratio(1, 3),
            Constraint::Ratio(1, 3),
            Constraint::Ratio(1, 3),
        ])
        .areas(body);
        [plans, upcoming, history]
    };
    MainLayout {
        panes,
        body,
        status,
        hints,
    }
}

/// Lines a pane's border and heading take.
pub const PANE_CHROME: u16 = 3;
/// Lines under the Upcoming list for the per-card totals.
pub const UPCOMING_FOOTER: u16 = 1;

/// How many list rows fit in each pane.
pub fn list_heights(area: Rect) -> [usize; 3] {
    let layout = main_layout(area);
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
    fn wide_terminals_put_panes_side_by_side() {
        let layout = main_layout(Rect::new(0, 0, 200, 50));
        assert_eq!(layout.panes[0].y, layout.panes[2].y);
        let layout = main_layout(Rect::new(0, 0, 120, 40));
        assert_eq!(layout.panes[1].y, layout.panes[2].y);
        assert!(layout.panes[0].y < layout.panes[1].y);
    }
}
