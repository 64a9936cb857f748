//! Table columns that fit the pane: the least important ones drop out when it is narrow, and
//! room to spare widens the ones that read better wider.

use super::cells::cells;
use ratatui::layout::{Constraint, Layout, Rect};

/// A column: the width it needs, how important it is (0 = always shown), and how wide it
/// reads in full when there is room.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub width: u16,
    pub priority: u8,
    /// Takes whatever width is left (names).
    pub flexible: bool,
    /// Widened up to this from room to spare, before the flexible column takes the rest.
    pub ideal: u16,
}

impl Column {
    pub(crate) const fn fixed(width: u16, priority: u8) -> Column {
        Column {
            width,
            priority,
            flexible: false,
            ideal: width,
        }
    }

    pub(crate) const fn flexible(width: u16, priority: u8) -> Column {
        Column {
            width,
            priority,
            flexible: true,
            ideal: width,
        }
    }

    /// The column, widened up to `ideal` columns when the pane has room (a bank's name).
    pub(crate) const fn up_to(self, ideal: u16) -> Column {
        Column { ideal, ..self }
    }
}

/// The width every column needs at its own width, one space between columns.
pub(crate) const fn full_width(columns: &[Column]) -> u16 {
    let mut width = 0;
    let mut i = 0;
    while i < columns.len() {
        width += columns[i].width;
        i += 1;
    }
    #[allow(
        clippy::cast_possible_truncation,
        reason = "a const fn cannot call try_from; a pane has a handful of columns"
    )]
    let gaps = columns.len().saturating_sub(1) as u16;
    width + gaps
}

/// Which columns fit in `width` (one space between columns), dropping the least important
/// first; returns their indexes and constraints. Room left over widens columns towards their
/// ideal width, the most important first, and the rest goes to the flexible one.
pub(crate) fn fit(columns: &[Column], width: u16) -> (Vec<usize>, Vec<Constraint>) {
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    let needed = |shown: &[usize]| -> u16 {
        let widths: u16 = shown.iter().map(|&i| columns[i].width).sum();
        widths + cells(shown.len().saturating_sub(1))
    };
    while needed(&shown) > width {
        let Some(drop) = shown
            .iter()
            .copied()
            .filter(|&i| columns[i].priority > 0)
            .max_by_key(|&i| (columns[i].priority, i))
        else {
            break;
        };
        shown.retain(|&i| i != drop);
    }
    // Room to spare goes to the most important columns first, each up to its ideal width.
    let mut spare = width.saturating_sub(needed(&shown));
    let mut widths: Vec<u16> = shown.iter().map(|&i| columns[i].width).collect();
    let mut by_importance: Vec<usize> = (0..shown.len()).collect();
    by_importance.sort_by_key(|&at| (columns[shown[at]].priority, at));
    for at in by_importance {
        let grow = columns[shown[at]]
            .ideal
            .saturating_sub(widths[at])
            .min(spare);
        widths[at] += grow;
        spare -= grow;
    }
    let constraints = shown
        .iter()
        .zip(widths)
        .map(|(&i, width)| {
            if columns[i].flexible {
                Constraint::Min(width)
            } else {
                Constraint::Length(width)
            }
        })
        .collect();
    (shown, constraints)
}

/// Where the columns `constraints` (from [`fit`]) fall in `width`, one space between them: each
/// one's start and width, as ratatui's layout solver places them (the tests hold the two
/// together). When they fit, which [`fit`] makes the usual case, this is arithmetic: the one
/// flexible column (if any) takes the room left over. The solver, which costs about 0.1 ms a
/// table on the cold cache of a fresh start, is asked only when they do not fit.
pub(crate) fn spans(constraints: &[Constraint], width: u16) -> Vec<(u16, u16)> {
    let lengths: Option<Vec<(u16, bool)>> = constraints
        .iter()
        .map(|c| match *c {
            Constraint::Length(n) => Some((n, false)),
            Constraint::Min(n) => Some((n, true)),
            _ => None,
        })
        .collect();
    let needed = lengths.as_ref().and_then(|lengths| {
        lengths
            .iter()
            .try_fold(cells(lengths.len().saturating_sub(1)), |sum, &(n, _)| {
                sum.checked_add(n)
            })
    });
    let (Some(lengths), Some(needed)) = (lengths, needed) else {
        return solved(constraints, width);
    };
    let flexible = lengths.iter().filter(|&&(_, flexible)| flexible).count();
    if needed > width || flexible > 1 {
        return solved(constraints, width);
    }
    let spare = width - needed;
    let mut x = 0;
    lengths
        .into_iter()
        .map(|(n, flexible)| {
            let width = if flexible { n + spare } else { n };
            let span = (x, width);
            x += width + 1;
            span
        })
        .collect()
}

/// [`spans`] as ratatui's layout solver works them out.
fn solved(constraints: &[Constraint], width: u16) -> Vec<(u16, u16)> {
    Layout::horizontal(constraints.iter().copied())
        .spacing(1)
        .split(Rect::new(0, 0, width, 1))
        .iter()
        .map(|r| (r.x, r.width))
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Asserts that [`spans`] places `columns`, fitted to every width up to 260, where the
    /// layout solver does.
    pub(crate) fn assert_spans_solved(columns: &[Column]) {
        for width in 0..=260 {
            let (_, constraints) = fit(columns, width);
            assert_eq!(
                spans(&constraints, width),
                solved(&constraints, width),
                "{constraints:?} in {width}"
            );
        }
    }

    #[test]
    fn spans_are_where_the_layout_solver_puts_the_columns() {
        assert_spans_solved(&[
            Column::flexible(10, 0),
            Column::fixed(8, 2),
            Column::fixed(6, 1),
        ]);
        assert_spans_solved(&[Column::fixed(8, 0), Column::fixed(6, 1).up_to(9)]);
        // Constraints fit never makes, each way round.
        let odd = [
            vec![Constraint::Min(3), Constraint::Min(4)],
            vec![Constraint::Length(30), Constraint::Min(30)],
            vec![Constraint::Percentage(50), Constraint::Length(3)],
            vec![Constraint::Length(u16::MAX), Constraint::Length(2)],
        ];
        for constraints in odd {
            for width in [0, 1, 7, 40, 200] {
                assert_eq!(spans(&constraints, width), solved(&constraints, width));
            }
        }
    }

    #[test]
    fn drops_least_important_first() {
        let cols = [
            Column::flexible(10, 0),
            Column::fixed(8, 2),
            Column::fixed(6, 1),
        ];
        assert_eq!(fit(&cols, 40).0, vec![0, 1, 2]);
        assert_eq!(fit(&cols, 20).0, vec![0, 2]);
        assert_eq!(fit(&cols, 5).0, vec![0]);
        assert_eq!(full_width(&cols), 26);
        assert_eq!(fit(&cols, full_width(&cols)).0, vec![0, 1, 2]);
        assert_eq!(fit(&cols, full_width(&cols) - 1).0, vec![0, 2]);
    }

    #[test]
    fn room_to_spare_widens_columns_up_to_their_ideal() {
        let cols = [
            Column::fixed(6, 2).up_to(7),
            Column::flexible(10, 0).up_to(12),
            Column::fixed(8, 1).up_to(12),
        ];
        let lengths = |width| fit(&cols, width).1;
        assert_eq!(
            lengths(26),
            [
                Constraint::Length(6),
                Constraint::Min(10),
                Constraint::Length(8)
            ]
        );
        // The flexible column is the most important: it grows first, then the next one.
        assert_eq!(
            lengths(29),
            [
                Constraint::Length(6),
                Constraint::Min(12),
                Constraint::Length(9)
            ]
        );
        assert_eq!(
            lengths(40),
            [
                Constraint::Length(7),
                Constraint::Min(12),
                Constraint::Length(12)
            ]
        );
    }
}
