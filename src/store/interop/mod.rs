//! Moving a whole database in and out: the JSON dump, and its import (all or nothing, undoable).

mod dump;
mod dump_input;
mod dump_reader;
mod format;
mod outcome;
mod row_writer;

pub use dump_input::{MAX_DUMP_BYTES, MAX_VALUE_BYTES, Oversize};
pub use outcome::{ImportError, ImportSummary, TableCount};
