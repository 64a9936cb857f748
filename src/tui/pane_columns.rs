//! The three panes' columns (widths, and the order they drop out in when a pane is narrow):
//! what the panes draw and what the screen layout sizes them by.

use super::widgets::columns::{Column, full_width};

/// The Plans pane's columns: width, and the order they drop out in when it is narrow; given room,
/// a long provider's name shows in full.
pub(crate) const PLANS: [Column; 6] = [
    Column::fixed(10, 4).up_to(14),    // provider
    Column::flexible(12, 0).up_to(24), // name
    Column::fixed(11, 3),              // paid, with a gauge
    Column::fixed(10, 2),              // next due
    Column::fixed(12, 0),              // remaining
    Column::fixed(8, 1),               // APR
];

/// The Plans pane's width with every column shown, borders included.
pub(crate) const PLANS_WIDTH: u16 = full_width(&PLANS) + 2;

/// The Upcoming pane's columns: width, and the order they drop out in when it is narrow. Which card
/// pays goes after the auto / FAILED mark (the row is red anyway) and the penalty, and before
/// the plan; given room, the card shows its bank's whole name.
pub(crate) const UPCOMING: [Column; 7] = [
    Column::fixed(10, 0),              // date
    Column::fixed(11, 0),              // days (or the end of grace)
    Column::fixed(10, 0),              // amount
    Column::fixed(8, 3),               // penalty
    Column::flexible(10, 1).up_to(24), // plan
    Column::fixed(14, 2).up_to(20),    // card
    Column::fixed(8, 4),               // auto / FAILED
];

/// The Upcoming pane's width with every column shown, borders included.
pub(crate) const UPCOMING_WIDTH: u16 = full_width(&UPCOMING) + 2;

/// The History pane's columns: width, and the order they drop out in when it is narrow; given room,
/// the channel, the card's bank and the reference show in full.
pub(crate) const HISTORY: [Column; 6] = [
    Column::fixed(10, 0),              // date
    Column::flexible(10, 1).up_to(20), // plan
    Column::fixed(10, 0),              // amount
    Column::fixed(12, 2).up_to(14),    // channel
    Column::fixed(14, 3).up_to(20),    // card
    Column::fixed(12, 4).up_to(32),    // reference
];

/// The History pane's width with every column shown, borders included.
pub(crate) const HISTORY_WIDTH: u16 = full_width(&HISTORY) + 2;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::columns::tests::assert_spans_solved;

    #[test]
    fn each_panes_columns_fall_where_the_layout_solver_puts_them() {
        assert_spans_solved(&PLANS);
        assert_spans_solved(&UPCOMING);
        assert_spans_solved(&HISTORY);
    }
}
