//! Reliability scenarios (README, "Reliability"): crashes, concurrent writers, full and
//! read-only disks, foreign files, migrations, hostile flags, and privacy of what fenqi writes.

mod bad_flags;
mod concurrent;
mod consistency;
mod crash;
mod disk;
mod foreign;
mod ids;
mod import_limits;
mod import_rules;
mod masking;
mod migrate;
mod outputs;
mod privacy;
mod rng;
mod schema_check;
mod stale_forms;
mod terminal;
mod wal;
