//! Small drawing helpers shared by panes, overlays and forms.

pub mod balance_chart;
pub mod calendar;
pub mod columns;
pub mod gauge;
pub mod month_chart;
pub mod popup;
pub mod text;
