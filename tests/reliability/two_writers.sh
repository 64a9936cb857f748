#!/bin/sh
# Issue 7, item 2, at full length: the TUI open in a pseudo-terminal while two CLI loops
# (`fenqi plan add`, `fenqi pay`) write to the same database for 30 s, and the TUI records three
# repayments meanwhile. Passes when every acknowledged write (exit 0) is in the database,
# nothing (CLI output or TUI screen) mentions "locked" or shows an error, and the TUI shows the
# final plan and repayment counts by itself, with no key pressed after its last repayment.
#
# `cargo test` runs the same test with 1 s of loops and the stress tier (`cargo test --
# --ignored`) with 30 s (tests/tui/two_writers.rs). Usage:
#   tests/reliability/two_writers.sh [SECONDS]     (default 30)
set -eu
cd "$(dirname "$0")/../.."
FENQI_TWO_WRITERS_SECS="${1:-30}" exec cargo test --test suite \
  tui::two_writers::two_cli_loops_and_the_tui_lose_nothing_and_the_tui_sees_it_all_at_length \
  -- --ignored --nocapture
