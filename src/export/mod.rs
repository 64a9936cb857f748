//! Getting data out of fenqi: JSON, CSV, iCalendar, ledger and beancount formats.

pub mod csv_cell;
pub mod ics;
pub mod journal;
