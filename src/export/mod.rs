//! Getting data out of fenqi: JSON, CSV, iCalendar, ledger and beancount formats.

pub mod books;
pub mod calendar;
pub mod csv_cell;
pub mod csv_tables;
pub mod document;
pub mod ics;
pub mod journal;
