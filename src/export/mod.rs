//! Getting data out of fenqi: JSON, CSV, iCalendar, ledger and beancount formats.

pub(crate) mod books;
pub(crate) mod calendar;
pub(crate) mod csv_cell;
pub(crate) mod csv_tables;
pub(crate) mod document;
pub(crate) mod ics;
pub(crate) mod journal;
