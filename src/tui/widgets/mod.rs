//! Small drawing helpers shared by panes, overlays and forms.

pub(crate) mod balance_chart;
pub(crate) mod calendar;
pub(crate) mod cells;
pub(crate) mod columns;
pub(crate) mod gauge;
pub(crate) mod month_chart;
pub(crate) mod pane_table;
pub(crate) mod popup;
pub(crate) mod text;
