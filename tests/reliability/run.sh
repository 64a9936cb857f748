#!/usr/bin/env bash
# The long reliability runs (README, "Reliability"): 200 kill -9 during a stream of writes,
# two CLI writers and a reader for 30 s, 2,000 hostile flags in process and 300 through the
# binary. `cargo test` runs the same scenarios shorter. Root is needed for the tmpfs and
# unprivileged-user cases (they report when they were skipped). FENQI_TEST_SEED replays a run.
set -euo pipefail
cd "$(dirname "$0")/../.."
export FENQI_KILLS="${FENQI_KILLS:-200}"
export FENQI_WRITERS_SECS="${FENQI_WRITERS_SECS:-30}"
export FENQI_FLAG_CASES="${FENQI_FLAG_CASES:-2000}"
export FENQI_BINARY_FLAG_CASES="${FENQI_BINARY_FLAG_CASES:-300}"
cargo test --test reliability -- --nocapture --test-threads=1 2>&1 \
  | grep -E '^(crash|concurrent|disk|foreign|migrate|bad input|privacy):|^test |^test result'
cargo test --lib -- --nocapture kill_during_migration 2>&1 | grep -E '^migration:|^test result'
