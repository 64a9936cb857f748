//! Table columns that fit the pane: the least important ones drop out when it is narrow.

use ratatui::layout::Constraint;

/// A column: its heading, the width it wants, and how important it is (0 = always shown).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub width: u16,
    pub priority: u8,
    /// Takes whatever width is left (names).
    pub flexible: bool,
}

impl Column {
    pub const fn fixed(width: u16, priority: u8) -> Column {
        Column {
            width,
            priority,
            flexible: false,
        }
    }

    pub const fn flexible(width: u16, priority: u8) -> Column {
        Column {
            width,
            priority,
            flexible: true,
        }
    }
}

/// Which columns fit in `width` (one space between columns), dropping the least important
/// first; returns their indexes and constraints.
pub fn fit(columns: &[Column], width: u16) -> (Vec<usize>, Vec<Constraint>) {
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    let needed = |shown: &[usize]| -> u16 {
        let widths: u16 = shown.iter().map(|&i| columns[i].width).sum();
        widths + shown.len().saturating_sub(1) as u16
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
    let constraints = shown
        .iter()
        .map(|&i| {
            if columns[i].flexible {
                Constraint::Min(columns[i].width)
            } else {
                Constraint::Length(columns[i].width)
            }
        })
        .collect();
    (shown, constraints)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
