#!/usr/bin/env python3
"""fenqi benchmark: start-up, keypress latency, memory and command speed at 1k/10k/100k plans.

Also `summary --json` at each size and `advise` over 50 active plans (goal: under 100 ms).

Runs the release binary in a real pseudo-terminal (no in-process shortcut), runs the sqlite3
shell baseline on the same database file in the same run, and prints one Markdown table with
ratios, so that machine noise mostly cancels. See README "Performance". Usage:

    python3 tests/bench/bench.py [--sizes 1000,10000,100000] [--runs 3] [--keep DIR] [--json]
    python3 tests/bench/bench.py --reconcile-only   # a 10,000-line statement against 1,000 plans

With --keep DIR the generated databases are kept there and reused by later runs (their demo
time is then reported as n/a). Needs python3 (standard library only) and the sqlite3 shell.
"""

import argparse
import fcntl
import json
import math
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, "target", "release", "fenqi")
TODAY = "2026-11-25"
COLS, ROWS = 120, 40
# The status bar's overdue figure ("overdue: 1 (223.24)"): drawn after all three panes, and
# only once the status totals are loaded, so seeing it means the first full frame is out.
READY_MARKER = b"overdue: "
# The overdue figures drawn (not still being counted): "overdue: 3 (1,234.56)".
COUNTED = re.compile(rb"overdue: \d")
# A database not opened for a year: the same one, a year after the bench's today.
YEAR_LATER = "2027-11-25"
# The quiet that ends a frame when another may follow soon (the overdue figures, counted
# after a first frame that says "counting…"): fenqi writes each frame in one piece, and the
# marker is in the status bar, the frame's last rows, so 3 ms of quiet after it end the
# frame. (At 1000 plans a year later the counted figures came 6 ms after the first frame,
# and a gap of 20 ms took the two for one.)
FRAME_GAP = 0.003
IDLE = 0.15  # seconds of silence that end a burst of output
PAGE = 20  # rows in the sqlite3 baseline's first page (a pane at 120x40 shows fewer)
# Rounds (a start of the sqlite3 shell, then one of the TUI) for the first frames, whatever
# --runs says: a start varies by 2-3 ms from one to the next, so a median of 5 could land a
# third away from the next run's; a round takes about 0.4 s.
FIRST_FRAME_ROUNDS = 15

# Keys sent to the TUI after its first frame, in order: (label, bytes). Each one must redraw
# something. The sequence starts and ends on the Plans pane with nothing open.
KEYS = [
    ("move", b"j"),
    ("page down", b"\x1b[6~"),
    ("bottom (plans)", b"G"),
    ("top (plans)", b"g"),
    ("open plan", b"\r"),
    ("close plan", b"\x1b"),
    ("filter plans", b"/"),
    ("filter plans: type", b"a"),
    ("filter plans: clear", b"\x1b"),
    ("switch pane", b"\t"),
    ("bottom (upcoming)", b"G"),
    ("top (upcoming)", b"g"),
    ("filter upcoming", b"/"),
    ("filter upcoming: type", b"a"),
    ("filter upcoming: clear", b"\x1b"),
    ("switch pane 2", b"\t"),
    ("bottom (history)", b"G"),
    ("top (history)", b"g"),
    ("filter history", b"/"),
    ("filter history: type", b"a"),
    ("filter history: clear", b"\x1b"),
    ("back to plans", b"1"),
    ("month view (12-month window)", b"m"),
    ("close month view", b"\x1b"),
    ("open payment form", b"p"),
    ("record repayment", b"\r"),
    ("undo repayment", b"u"),
]
# Keys whose goal is 100 ms (a filter or date-window change); every other key's is 20 ms.
SLOW_KEYS = {name for name, _ in KEYS if ": type" in name or ": clear" in name
             or name.startswith("month view")}


def fenqi(db, *args):
    env = dict(os.environ, FENQI_DB=db, FENQI_TODAY=TODAY, LANG="en_US.UTF-8")
    return subprocess.run([BIN, "--lang", "en", *args], env=env, capture_output=True,
                          check=True)


def timed(cmd, runs, env=None):
    """Median wall time in ms of running `cmd` to completion (output read and discarded)."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                       check=True)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def remove_db(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def pty_spawn(argv, env):
    """Starts argv in a new pseudo-terminal of COLS x ROWS; returns (pid, master fd). The
    TUI and the sqlite3 baseline both start this way, so launch costs cancel in the ratio."""
    pid, fd = pty.fork()
    if pid == 0:
        # Size the terminal before the program asks for it.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.environ.update(env)
        os.execv(argv[0], argv)
    return pid, fd


def pty_run_ms(argv, env, runs):
    """Median ms from launching argv in a pseudo-terminal to the last byte it prints."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        pid, fd = pty_spawn(argv, env)
        last = start
        try:
            while True:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # EIO: the program exited and closed the terminal
                    break
                if not chunk:
                    break
                last = time.perf_counter()
        finally:
            os.close(fd)
            os.waitpid(pid, 0)
        samples.append((last - start) * 1000)
    return statistics.median(samples)


class Tui:
    """The fenqi TUI in a pseudo-terminal of COLS x ROWS."""

    def __init__(self, db, today=None):
        self.start = time.perf_counter()
        self.pid, self.fd = pty_spawn([BIN, "--lang", "en"], dict(
            FENQI_DB=db, FENQI_TODAY=today or TODAY, LANG="en_US.UTF-8",
            TERM="xterm-256color"))
        self.buffer = b""

    def read_burst(self, deadline=60.0, marker=None, idle=None):
        """Reads until `marker` has been seen (if any) and output then stays quiet for `idle`
        seconds (IDLE by default); returns the time of the last byte received."""
        idle = IDLE if idle is None else idle
        last = None
        seen = marker is None
        end = time.perf_counter() + deadline
        while time.perf_counter() < end:
            ready, _, _ = select.select([self.fd], [], [], idle)
            if not ready:
                if seen and last is not None:
                    return last
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            last = time.perf_counter()
            self.buffer += chunk
            if not seen and (marker.search(self.buffer) if isinstance(marker, re.Pattern)
                             else marker in self.buffer):
                seen = True
        raise RuntimeError("the TUI did not finish drawing; last output: %r" % self.buffer[-400:])

    def first_frame_ms(self, idle=None):
        self.first_frame = (self.read_burst(marker=READY_MARKER, idle=idle) - self.start) * 1000
        return self.first_frame

    def counted_ms(self):
        """After `first_frame_ms`: ms from the start until the status bar shows the overdue
        figures (a first frame drawn before the periods past due were read says "overdue:
        counting…" until they are)."""
        if COUNTED.search(self.buffer):
            return self.first_frame
        return (self.read_burst(marker=COUNTED) - self.start) * 1000

    def key_ms(self, keys):
        """Sends keys and returns ms until the redrawn frame's last byte."""
        self.buffer = b""
        start = time.perf_counter()
        os.write(self.fd, keys)
        return (self.read_burst(deadline=30.0) - start) * 1000

    def peak_rss_mb(self):
        with open("/proc/%d/status" % self.pid) as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def quit(self):
        """Ends the TUI with Ctrl-C (which quits from any mode), killing it if it hangs."""
        try:
            os.write(self.fd, b"\x03")
            deadline = time.time() + 10
            while time.time() < deadline:
                done, _ = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    return
                ready, _, _ = select.select([self.fd], [], [], 0.05)
                if ready:
                    try:
                        os.read(self.fd, 65536)
                    except OSError:
                        pass
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        finally:
            os.close(self.fd)


# The sqlite3 shell's equivalents of what fenqi runs. Open periods are those not paid or
# waived (the partial index's condition).

# The Upcoming pane's first page (what `list_due_items` selects, without the count).
UPCOMING_SQL = """
SELECT i.plan_id, p.name, p.provider, p.card_id, p.auto_debit, i.period, i.due_on,
       i.principal_cents - i.paid_principal_cents + i.fee_cents - i.paid_fee_cents,
       i.paid_penalty_cents, i.state, p.grace_days, p.penalty_daily, p.penalty_from
FROM installments i JOIN plans p ON p.id = i.plan_id
WHERE i.state <> 'paid' AND i.state <> 'waived' AND i.due_on <= date('{today}', '+30 days')
ORDER BY i.due_on, i.plan_id, i.period LIMIT {page};
"""

# `fenqi due --json` (30 days): every open period due by then, with days and the penalty so
# far, split into overdue and upcoming, plus per-card totals with running holds by date.
DUE_SQL = """
WITH items AS (
  SELECT i.plan_id, p.name AS plan_name, p.provider, i.period, i.due_on,
         i.principal_cents - i.paid_principal_cents + i.fee_cents - i.paid_fee_cents AS unpaid,
         CAST(julianday(i.due_on) - julianday('{today}') AS INTEGER) AS days,
         i.paid_penalty_cents, i.state, p.card_id, p.auto_debit, p.grace_days,
         p.penalty_daily, p.penalty_from
  FROM installments i JOIN plans p ON p.id = i.plan_id
  WHERE i.state <> 'paid' AND i.state <> 'waived' AND i.due_on <= date('{today}', '+30 days')
),
priced AS (
  SELECT *, CASE WHEN days >= 0 OR -days <= grace_days THEN 0
            ELSE max(0, CAST(round(unpaid * CAST(penalty_daily AS REAL)
                 * (CASE WHEN penalty_from = 'due' THEN -days ELSE -days - grace_days END))
                 AS INTEGER) - paid_penalty_cents) END AS penalty
  FROM items
),
rows AS (
  SELECT days < 0 AS late, due_on, plan_id, period,
         json_object('plan_id', plan_id, 'plan_name', plan_name, 'provider', provider,
           'period', period, 'due_date', due_on, 'amount', printf('%.2f', unpaid / 100.0),
           'days', days, 'penalty', printf('%.2f', penalty / 100.0),
           'status', CASE WHEN days < 0 THEN 'overdue' ELSE state END,
           'card_id', card_id, 'auto_debit', json(CASE WHEN auto_debit THEN 'true' ELSE 'false' END)) AS item
  FROM priced ORDER BY due_on, plan_id, period
),
by_date AS (
  SELECT card_id, max(due_on, '{today}') AS day, sum(unpaid + penalty) AS cents, count(*) AS n
  FROM priced GROUP BY card_id, day
),
running AS (
  SELECT card_id, day, n,
         sum(cents) OVER (PARTITION BY card_id ORDER BY day) AS hold
  FROM by_date
),
cards_json AS (
  SELECT r.card_id, min(r.day) AS first_day,
         json_object('card_id', r.card_id, 'bank', c.bank, 'last4', c.last4, 'label', c.label,
           'total', printf('%.2f', max(r.hold) / 100.0), 'by', min(r.day), 'items', sum(r.n),
           'by_date', json_group_array(json_object('date', r.day,
                                       'hold', printf('%.2f', r.hold / 100.0)))) AS card
  FROM running r LEFT JOIN cards c ON c.id = r.card_id GROUP BY r.card_id
)
SELECT json_object('today', '{today}', 'days', 30,
  'overdue', (SELECT json_group_array(json(item)) FROM rows WHERE late),
  'upcoming', (SELECT json_group_array(json(item)) FROM rows WHERE NOT late),
  'per_card', (SELECT json_group_array(json(card)) FROM (SELECT card FROM cards_json ORDER BY first_day, card_id)));
"""

# `fenqi history --json --since D`: the repayments since D and the automatic postings due since
# D (open periods of auto-debit plans, due by today, whose debit did not fail), newest first,
# with plan and card.
HISTORY_SQL = """
SELECT json_group_array(json(row)) FROM (
  SELECT row FROM (
    SELECT json_object('id', r.id, 'plan_id', r.plan_id, 'plan_name', p.name,
             'provider', p.provider, 'paid_on', r.paid_on,
             'amount', printf('%.2f', r.amount_cents / 100.0), 'channel', r.channel,
             'card', r.card_id, 'card_bank', c.bank, 'card_last4', c.last4,
             'reference', r.reference, 'failed', json(CASE WHEN r.failed THEN 'true' ELSE 'false' END),
             'kind', r.kind, 'period', r.period) AS row, r.paid_on AS day, r.id AS id
    FROM repayments r JOIN plans p ON p.id = r.plan_id LEFT JOIN cards c ON c.id = r.card_id
    WHERE r.paid_on >= '{since}'
    UNION ALL
    SELECT json_object('id', NULL, 'plan_id', i.plan_id, 'plan_name', p.name,
             'provider', p.provider, 'paid_on', i.due_on,
             'amount', printf('%.2f', (i.principal_cents - i.paid_principal_cents
                                       + i.fee_cents - i.paid_fee_cents) / 100.0),
             'channel', 'auto-debit', 'card', p.card_id, 'card_bank', c.bank,
             'card_last4', c.last4, 'reference', NULL, 'failed', json('false'),
             'kind', 'regular', 'period', i.period, 'source', 'posted',
             'confirmed', json('false')) AS row, i.due_on AS day, 0 AS id
    FROM installments i JOIN plans p ON p.id = i.plan_id LEFT JOIN cards c ON c.id = p.card_id
    WHERE i.state <> 'paid' AND i.state <> 'waived' AND i.state <> 'debit-failed'
      AND p.auto_debit = 1 AND p.auto_post = 1
      AND i.due_on >= '{since}' AND i.due_on <= '{today}')
  ORDER BY day DESC, id DESC);
"""
HISTORY_SINCE = "2026-10-26"

# `advise` is exact for a person's number of plans: timed on this many active ones (see
# `advise_plan_args`), with each of these sums to spend, against this goal.
ADVISE_PLANS = 50
ADVISE_CASH = ["5000", "30000", "300000"]  # a few payoffs, several, every one
ADVISE_GOAL_MS = 100.0


def has_command(name):
    """Whether this fenqi build knows the subcommand `name`."""
    probe = subprocess.run([BIN, name, "--help"], capture_output=True)
    return probe.returncode == 0


def measure(size, runs, workdir, decisions_only=False):
    db = os.path.join(workdir, "bench-%d.db" % size)
    row = {"plans": size}
    if not os.path.exists(db):
        # The first fill is the database measured below; the others go to a scratch file.
        scratch = os.path.join(workdir, "demo-%d.db" % size)
        samples = []
        for run in range(1 if decisions_only else runs):
            target = db if run == 0 else scratch
            start = time.perf_counter()
            fenqi(target, "demo", "--plans", str(size), "--seed", "42")
            samples.append(time.perf_counter() - start)
            remove_db(scratch)
        row["demo_s"] = statistics.median(samples)
    else:
        row["demo_s"] = float("nan")
    if decisions_only:
        env = dict(os.environ, FENQI_DB=db, FENQI_TODAY=TODAY)
        timed([BIN, "summary", "--json"], 1, env)
        row["summary_json_ms"] = timed([BIN, "summary", "--json"], runs, env)
        return row
    sqlite = lambda sql: ["sqlite3", db, sql.format(today=TODAY, page=PAGE, since=HISTORY_SINCE)]
    # Warm the page cache the same way for every measurement that follows.
    timed(sqlite("SELECT count(*) FROM installments;"), 1)
    sqlite_path = shutil.which("sqlite3")
    page = lambda today: pty_run_ms(
        [sqlite_path, "-box", db, UPCOMING_SQL.format(today=today, page=PAGE)],
        dict(TERM="xterm-256color"), 1)
    # One unmeasured start of each first: the first launch after a build or a fill also pays
    # for loading the binary from disk.
    page(TODAY)
    warm = Tui(db)
    try:
        warm.first_frame_ms()
    finally:
        warm.quit()
    # The shell's first page and the TUI's first frame are measured in turns, a start of
    # each a round, so that a busy moment of the machine falls on both alike (measured one
    # series after the other, the ratio of the medians of 5 moved between 1.3 and 2.2 from
    # one run to the next on the same build). Both read a database no run has just written
    # to: the key sequences below record and undo repayments, and a start right after one
    # was 1-2 ms slower while the file system settled.
    sqlite_pages, frames, keys, rss = [], [], {}, []
    for _ in range(max(runs, FIRST_FRAME_ROUNDS)):
        sqlite_pages.append(page(TODAY))
        tui = Tui(db)
        try:
            frames.append(tui.first_frame_ms())
        finally:
            tui.quit()
    row["sqlite_first_page_ms"] = statistics.median(sqlite_pages)
    # The same database a year later, as if not opened since: the postings of a year are
    # derived, and the periods of manual plans are overdue by the thousand.
    page(YEAR_LATER)
    warm = Tui(db, YEAR_LATER)
    try:
        warm.first_frame_ms()
    finally:
        warm.quit()
    sqlite_later, later, counted = [], [], []
    for _ in range(max(runs, FIRST_FRAME_ROUNDS)):
        sqlite_later.append(page(YEAR_LATER))
        tui = Tui(db, YEAR_LATER)
        try:
            later.append(tui.first_frame_ms(idle=FRAME_GAP))
            counted.append(tui.counted_ms())
        finally:
            tui.quit()
    row["sqlite_first_page_later_ms"] = statistics.median(sqlite_later)
    row["first_frame_later_ms"] = statistics.median(later)
    row["counted_later_ms"] = statistics.median(counted)
    for _ in range(runs):
        tui = Tui(db)
        try:
            tui.first_frame_ms()
            for name, seq in KEYS:
                try:
                    keys.setdefault(name, []).append(tui.key_ms(seq))
                except RuntimeError as error:
                    raise RuntimeError("key %r at %d plans: %s" % (name, size, error)) from None
            rss.append(tui.peak_rss_mb())
        finally:
            tui.quit()
    row["first_frame_ms"] = statistics.median(frames)
    row["keys_ms"] = {name: statistics.median(v) for name, v in keys.items()}
    row["peak_mb"] = max(rss)
    env = dict(os.environ, FENQI_DB=db, FENQI_TODAY=TODAY)
    row["due_json_ms"] = timed([BIN, "due", "--json"], runs, env)
    row["sqlite_due_ms"] = timed(sqlite(DUE_SQL), runs)
    row["history_json_ms"] = timed([BIN, "history", "--json", "--since", HISTORY_SINCE], runs, env)
    row["summary_json_ms"] = timed([BIN, "summary", "--json"], runs, env) \
        if has_command("summary") else float("nan")
    row["sqlite_history_ms"] = timed(sqlite(HISTORY_SQL), runs)
    row["import_s"] = float("nan")
    if has_command("export") and has_command("import"):
        dump = os.path.join(workdir, "dump-%d.json" % size)
        fresh = os.path.join(workdir, "import-%d.db" % size)
        try:
            if os.path.exists(dump):
                os.remove(dump)
            fenqi(db, "export", "--format", "json", "--out", dump)
            samples = []
            for _ in range(runs):
                remove_db(fresh)
                start = time.perf_counter()
                fenqi(fresh, "import", dump)
                samples.append(time.perf_counter() - start)
            row["import_s"] = statistics.median(samples)
        except subprocess.CalledProcessError as error:
            print("bench: import at %d plans failed: %s"
                  % (size, error.stderr.decode(errors="replace").strip()), file=sys.stderr)
        finally:
            remove_db(fresh)
            if os.path.exists(dump):
                os.remove(dump)
    return row


def advise_plan_args(i):
    """`plan add` flags of the i-th plan `advise` is timed on: the fee models and payoff
    policies of real plans in turn (most save something when paid early, so the search has
    many candidates), due from a month after TODAY, nothing paid yet."""
    principal = str(1000 + (i * 937) % 9000)
    periods = ["3", "6", "12", "24"][i % 4]
    kinds = [
        ["--monthly-fee", "0.%d%%" % (5 + i % 5), "--payoff-policy", "waive-remaining-fees"],
        ["--annual-rate", "%d%%" % (10 + i % 9), "--payoff-policy", "penalty:1%"],
        ["--total-fee", "%d%%" % (4 + i % 6), "--payoff-policy", "current-fee-due"],
        ["--annual-rate", "%d%%" % (12 + i % 7), "--payoff-policy", "waive-remaining-fees"],
        ["--monthly-fee", "0.6%", "--payoff-policy", "all-fees-due"],
    ]
    return ["plan", "add", "--name", "plan %d" % i, "--provider", "P%d" % (i % 6),
            "--principal", principal, "--periods", periods, "--start", TODAY,
            *kinds[i % len(kinds)]]


def measure_advise(runs, workdir):
    """`advise --cash C --json` over ADVISE_PLANS active plans for each C of ADVISE_CASH: the
    median ms, and how many actions and no-gain plans it gave."""
    if not has_command("advise"):
        return None
    db = os.path.join(workdir, "advise-%d.db" % ADVISE_PLANS)
    remove_db(db)
    for i in range(ADVISE_PLANS):
        fenqi(db, *advise_plan_args(i))
    active = len(json.loads(fenqi(db, "plan", "list", "--active", "--json").stdout))
    env = dict(os.environ, FENQI_DB=db, FENQI_TODAY=TODAY)
    results = []
    for cash in ADVISE_CASH:
        cmd = [BIN, "advise", "--cash", cash, "--json"]
        advice = json.loads(subprocess.run(cmd, env=env, capture_output=True, check=True).stdout)
        results.append({"cash": cash, "ms": timed(cmd, max(runs, 5), env),
                        "actions": len(advice["actions"]), "no_gain": len(advice["no_gain"])})
    remove_db(db)
    return {"plans": active, "runs": results}


# The reconciliation benchmark: a bank card statement of RECONCILE_LINES lines against a
# database of RECONCILE_PLANS demo plans (goal: under 1 s).
RECONCILE_PLANS = 1000
RECONCILE_LINES = 10000


def write_statement(db, path, lines):
    """A 中国银行-style bank CSV of `lines` lines: one per installment due in the year before
    TODAY (up to 60% of the lines: the plan's provider and 第k/N期, its amount), the rest
    purchases of made-up amounts (a fixed sequence), in date order."""
    query = ("SELECT i.due_on, p.provider, i.period, p.periods, "
             "printf('%.2f', (i.principal_cents + i.fee_cents) / 100.0) "
             "FROM installments i JOIN plans p ON p.id = i.plan_id "
             "WHERE i.due_on > date('{today}', '-12 months') AND i.due_on <= '{today}' "
             "ORDER BY i.due_on, i.plan_id, i.period LIMIT {limit};"
             ).format(today=TODAY, limit=lines * 6 // 10)
    out = subprocess.run(["sqlite3", "-separator", "|", db, query], capture_output=True,
                         check=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        due, provider, period, periods, amount = line.split("|")
        text = "%s自动还款 第%s/%s期" % (provider.replace(",", " "), period, periods)
        rows.append((due, text, amount))
    installments = len(rows)
    state = 12345
    year = [d for d, _, _ in rows] or [TODAY]
    while len(rows) < lines:
        state = (state * 1103515245 + 12345) % (1 << 31)
        rows.append((year[state % len(year)], "某超市 购物", "%d.%02d" % (state % 500, state % 100)))
    rows.sort(key=lambda r: r[0])
    with open(path, "w", encoding="utf-8") as f:
        f.write("中国银行借记卡交易明细\n交易日,交易描述,人民币金额\n")
        for due, text, amount in rows:
            f.write("%s,%s,%s\n" % (due, text, amount))
    return installments


def measure_reconcile(runs, workdir):
    """Median wall time of `reconcile FILE --json` (the report) and of `reconcile FILE --yes`
    (each run on a fresh copy of the database), with how much the statement holds."""
    db = os.path.join(workdir, "reconcile-%d.db" % RECONCILE_PLANS)
    if not os.path.exists(db):
        fenqi(db, "demo", "--plans", str(RECONCILE_PLANS), "--seed", "42")
    statement = os.path.join(workdir, "statement-%d.csv" % RECONCILE_LINES)
    installments = write_statement(db, statement, RECONCILE_LINES)
    env = dict(os.environ, FENQI_DB=db, FENQI_TODAY=TODAY)
    report_ms = timed([BIN, "reconcile", statement, "--json"], runs, env)
    report = json.loads(fenqi(db, "reconcile", statement, "--json").stdout)
    copy = os.path.join(workdir, "reconcile-copy.db")
    samples = []
    for _ in range(runs):
        remove_db(copy)
        shutil.copyfile(db, copy)
        start = time.perf_counter()
        fenqi(copy, "reconcile", statement, "--yes", "--json")
        samples.append((time.perf_counter() - start) * 1000)
    remove_db(copy)
    return {
        "plans": RECONCILE_PLANS,
        "lines": RECONCILE_LINES,
        "installment_lines": installments,
        "matched": len(report["matched"]),
        "changes": report["changes"],
        "report_ms": report_ms,
        "apply_ms": statistics.median(samples),
    }


def report_reconcile(r):
    changes = r["changes"]
    print("Reconciling a %d-line bank statement (%d lines for installments, %d matched) "
          "against %d plans (goal < 1 s):" % (r["lines"], r["installment_lines"],
                                               r["matched"], r["plans"]))
    print()
    print("| reconcile --json ms | reconcile --yes ms (confirmed %d, recorded %d, failed %d) |"
          % (changes["confirmed"], changes["recorded"], changes["failed"]))
    print("|---|---|")
    print("| %.1f | %.1f |" % (r["report_ms"], r["apply_ms"]))


def fmt(value, pattern):
    return "n/a" if value is None or (isinstance(value, float) and math.isnan(value)) \
        else pattern % value


def report(rows, load, advise=None):
    base = rows[0]
    print("Machine load (uptime) during the run: %s" % load)
    print()
    print("| plans | first frame ms | sqlite3 first page ms | first frame ÷ sqlite3 | "
          "÷ first frame at %d | slowest move/open/pay key ms | slowest filter/window key ms | "
          "peak MB | due --json ms (÷ sqlite3) | history --json ms (÷ sqlite3) | demo s | import s |"
          % base["plans"])
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        fast = max(((n, v) for n, v in r["keys_ms"].items() if n not in SLOW_KEYS),
                   key=lambda kv: kv[1])
        slow = max(((n, v) for n, v in r["keys_ms"].items() if n in SLOW_KEYS),
                   key=lambda kv: kv[1])
        print("| %d | %.1f | %.1f | %.2f× | %.2f× | %.1f (%s) | %.1f (%s) | %.1f | "
              "%.1f (%.2f×) | %.1f (%.2f×) | %s | %s |" % (
                  r["plans"], r["first_frame_ms"], r["sqlite_first_page_ms"],
                  r["first_frame_ms"] / r["sqlite_first_page_ms"],
                  r["first_frame_ms"] / base["first_frame_ms"], fast[1], fast[0],
                  slow[1], slow[0], r["peak_mb"],
                  r["due_json_ms"], r["due_json_ms"] / r["sqlite_due_ms"],
                  r["history_json_ms"], r["history_json_ms"] / r["sqlite_history_ms"],
                  fmt(r["demo_s"], "%.2f"), fmt(r["import_s"], "%.2f")))
    print()
    print("Every figure is the median of the runs (demo and import: each run into a new file).")
    print()
    print("The same databases a year later (%s), as if not opened since:" % YEAR_LATER)
    print()
    print("| plans | first frame ms | sqlite3 first page ms | first frame ÷ sqlite3 | "
          "overdue figures drawn ms |")
    print("|---|---|---|---|---|")
    for r in rows:
        print("| %d | %.1f | %.1f | %.2f× | %.1f |" % (
            r["plans"], r["first_frame_later_ms"], r["sqlite_first_page_later_ms"],
            r["first_frame_later_ms"] / r["sqlite_first_page_later_ms"],
            r["counted_later_ms"]))
    print()
    print("Keypress to redrawn frame (ms, median of runs; goal 20 ms, 100 ms for filter and "
          "window changes):")
    print()
    print("| key | " + " | ".join("%d plans" % r["plans"] for r in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for name, _ in KEYS:
        print("| %s | " % name + " | ".join("%.1f" % r["keys_ms"][name] for r in rows) + " |")
    print()
    report_decisions(rows, None, advise)


def report_decisions(rows, load, advise):
    if load is not None:
        print("Machine load (uptime) during the run: %s" % load)
        print()
    print("Decisions (ms, median of runs):")
    print()
    print("| plans | summary --json ms |")
    print("|---|---|")
    for r in rows:
        print("| %d | %s |" % (r["plans"], fmt(r.get("summary_json_ms"), "%.1f")))
    if advise is not None:
        print()
        print("advise over %d active plans (goal %.0f ms):" % (advise["plans"], ADVISE_GOAL_MS))
        print()
        print("| --cash | actions | plans where paying early saves nothing | ms | goal |")
        print("|---|---|---|---|---|")
        for a in advise["runs"]:
            print("| %s | %d | %d | %.1f | %s |" % (
                a["cash"], a["actions"], a["no_gain"], a["ms"],
                "met" if a["ms"] < ADVISE_GOAL_MS else "NOT met"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="directory to keep (and reuse) the generated databases")
    parser.add_argument("--json", action="store_true", help="also print the raw figures as JSON")
    parser.add_argument("--no-build", action="store_true", help="use the release binary as is")
    parser.add_argument("--bin", help="measure this fenqi binary instead (implies --no-build)")
    parser.add_argument("--decisions-only", action="store_true",
                        help="only summary --json at each size and advise over 50 plans")
    parser.add_argument("--reconcile-only", action="store_true",
                        help="only the reconciliation benchmark (%d lines against %d plans)"
                        % (RECONCILE_LINES, RECONCILE_PLANS))
    args = parser.parse_args()
    global BIN
    if args.bin:
        BIN, args.no_build = os.path.abspath(args.bin), True
    if shutil.which("sqlite3") is None:
        sys.exit("bench: the sqlite3 shell is needed for the baseline (apt-get install sqlite3)")
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    workdir = args.keep or tempfile.mkdtemp(prefix="fenqi-bench-")
    os.makedirs(workdir, exist_ok=True)
    loads = []
    try:
        rows = []
        sizes = [] if args.reconcile_only else args.sizes.split(",")
        for size in sizes:
            loads.append(os.getloadavg()[0])
            rows.append(measure(int(size), args.runs, workdir, args.decisions_only))
            print("bench: %s plans measured: %s" % (size, json.dumps(rows[-1])), file=sys.stderr)
        loads.append(os.getloadavg()[0])
        advise = None if args.reconcile_only else measure_advise(args.runs, workdir)
        if advise is not None:
            print("bench: advise measured: %s" % json.dumps(advise), file=sys.stderr)
        reconciled = None if args.decisions_only else measure_reconcile(args.runs, workdir)
        if reconciled is not None:
            print("bench: reconcile measured: %s" % json.dumps(reconciled), file=sys.stderr)
        loads.append(os.getloadavg()[0])
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    load = "1-minute load average %s on %d cores" % (
        " → ".join("%.2f" % l for l in loads), os.cpu_count() or 0)
    if args.decisions_only:
        report_decisions(rows, load, advise)
    elif rows:
        report(rows, load, advise)
    else:
        print("Machine load (uptime) during the run: %s" % load)
    if reconciled is not None:
        print()
        report_reconcile(reconciled)
    if args.json:
        print(json.dumps({"sizes": rows, "advise": advise, "reconcile": reconciled}, indent=2))


if __name__ == "__main__":
    main()
