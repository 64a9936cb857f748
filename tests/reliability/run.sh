#!/usr/bin/env bash
# The long reliability runs (README, "Reliability"): 200 kill -9 during a stream of writes,
# two CLI writers and a reader for 30 s, 2,000 hostile flags in process and 300 through the
# binary, 500 texts with embedded card numbers, 200 kills before fenqi reopens, 30 rounds of
# commands at once on a new database — the stress tier's versions (`#[ignore]`d, so
# `cargo test` runs the short ones) — beside the other scenarios (every ending signal, every
# kind of --out target). Root is needed for the tmpfs, bind-mount and unprivileged-user cases
# (they report when they were skipped). FENQI_TEST_SEED replays a run; FENQI_KILLS,
# FENQI_WRITERS_SECS, FENQI_FLAG_CASES, FENQI_BINARY_FLAG_CASES, FENQI_MASK_CASES and
# FENQI_CREATE_ROUNDS set other lengths.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo test --test suite reliability:: -- --include-ignored --nocapture --test-threads=1 2>&1 \
  | grep -E '^(crash|concurrent|disk|foreign|migrate|bad input|privacy|masking|terminal|outputs|ids|wal|schema|stale|import|import rules):|^test |^test result'
cargo test --lib -- --nocapture kill_during_migration 2>&1 | grep -E '^migration:|^test result'
