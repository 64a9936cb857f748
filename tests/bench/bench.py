#!/usr/bin/env python3
"""fenqi benchmark: start-up, keypress latency, memory and command speed at 1k/10k/100k plans.

Runs the release binary in a real pseudo-terminal (no in-process shortcut), runs the sqlite3
shell baseline on the same database file in the same run, and prints one Markdown table with
ratios. See README "Performance". Usage:

    python3 tests/bench/bench.py [--sizes 1000,10000,100000] [--runs 5] [--keep DIR]
"""

import argparse
import fcntl
import json
import os
import pty
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
# Text that appears only once the status bar is drawn (the last thing of a full frame).
READY_MARKER = b"q quit"
IDLE = 0.15  # seconds of silence that end a burst of output


def fenqi(db, *args, capture=True):
    env = dict(os.environ, FENQI_DB=db, FENQI_TODAY=TODAY, LANG="en_US.UTF-8")
    return subprocess.run([BIN, "--lang", "en", *args], env=env, capture_output=capture,
                          check=True)


def timed(cmd, runs, env=None):
    """Median wall time in ms of running `cmd` to completion."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


class Tui:
    """The fenqi TUI in a pseudo-terminal of COLS x ROWS."""

    def __init__(self, db):
        self.start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.update(FENQI_DB=db, FENQI_TODAY=TODAY, LANG="en_US.UTF-8",
                              TERM="xterm-256color")
            os.execv(BIN, [BIN, "--lang", "en"])
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.buffer = b""

    def read_burst(self, deadline=30.0, marker=None):
        """Reads until `marker` has been seen (if any) and output then stays quiet for IDLE;
        returns the time of the last byte received."""
        last = None
        seen = marker is None
        end = time.perf_counter() + deadline
        while time.perf_counter() < end:
            ready, _, _ = select.select([self.fd], [], [], IDLE)
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
            if not seen and marker in self.buffer:
                seen = True
        raise RuntimeError("the TUI did not finish drawing; last output: %r" % self.buffer[-400:])

    def first_frame_ms(self):
        return (self.read_burst(marker=READY_MARKER) - self.start) * 1000

    def key_ms(self, keys):
        """Sends keys and returns ms until the redrawn frame's last byte."""
        self.buffer = b""
        start = time.perf_counter()
        os.write(self.fd, keys)
        return (self.read_burst(deadline=10.0) - start) * 1000

    def peak_rss_mb(self):
        with open("/proc/%d/status" % self.pid) as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def quit(self):
        try:
            os.write(self.fd, b"q")
            deadline = time.time() + 5
            while time.time() < deadline:
                done, _ = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    break
                try:
                    select.select([self.fd], [], [], 0.05)
                    os.read(self.fd, 65536)
                except OSError:
                    pass
            else:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        finally:
            os.close(self.fd)


UPCOMING_SQL = """
SELECT i.due_on, p.provider, p.name, i.period, p.periods,
       printf('%.2f', (i.principal_cents + i.fee_cents - i.paid_principal_cents - i.paid_fee_cents) / 100.0)
FROM installments i JOIN plans p ON p.id = i.plan_id
WHERE i.state IN ('pending', 'partly-paid', 'debit-failed') AND i.due_on >= '{today}'
ORDER BY i.due_on, i.plan_id LIMIT 40;
"""

DUE_SQL = """
SELECT json_group_array(json_object('plan_id', i.plan_id, 'period', i.period, 'due_date', i.due_on,
       'amount', printf('%.2f', (i.principal_cents + i.fee_cents - i.paid_principal_cents - i.paid_fee_cents) / 100.0)))
FROM installments i
WHERE i.state IN ('pending', 'partly-paid', 'debit-failed') AND i.due_on <= date('{today}', '+30 days');
"""

HISTORY_SQL = """
SELECT json_group_array(json_object('id', r.id, 'plan_id', r.plan_id, 'paid_on', r.paid_on,
       'amount', printf('%.2f', r.amount_cents / 100.0), 'channel', r.channel))
FROM repayments r WHERE r.paid_on >= date('{today}', '-30 days');
"""


def measure(size, runs, workdir):
    db = os.path.join(workdir, "bench-%d.db" % size)
    row = {"plans": size}
    if not os.path.exists(db):
        start = time.perf_counter()
        fenqi(db, "demo", "--plans", str(size), "--seed", "42")
        row["demo_s"] = time.perf_counter() - start
    else:
        row["demo_s"] = float("nan")
    sqlite = lambda sql: ["sqlite3", db, sql.format(today=TODAY)]
    row["sqlite_first_page_ms"] = timed(sqlite(UPCOMING_SQL), runs)
    frames, keys, rss = [], {}, []
    for _ in range(runs):
        tui = Tui(db)
        try:
            frames.append(tui.first_frame_ms())
            for name, seq in [("move", b"j"), ("switch pane", b"\t"), ("back", b"\x1b[Z"),
                              ("open plan", b"\r"), ("close", b"\x1b"),
                              ("filter", b"/"), ("filter text", b"a"), ("filter clear", b"\x1b")]:
                keys.setdefault(name, []).append(tui.key_ms(seq))
            rss.append(tui.peak_rss_mb())
        finally:
            tui.quit()
    row["first_frame_ms"] = statistics.median(frames)
    row["keys_ms"] = {name: statistics.median(v) for name, v in keys.items()}
    row["peak_mb"] = max(rss)
    env = dict(os.environ, FENQI_DB=db, FENQI_TODAY=TODAY)
    row["due_json_ms"] = timed([BIN, "due", "--json"], runs, env)
    row["sqlite_due_ms"] = timed(sqlite(DUE_SQL), runs)
    row["history_json_ms"] = timed([BIN, "history", "--json", "--since", "2026-10-26"], runs, env)
    row["sqlite_history_ms"] = timed(sqlite(HISTORY_SQL), runs)
    dump = os.path.join(workdir, "dump-%d.json" % size)
    if os.path.exists(dump):
        os.remove(dump)
    try:
        fenqi(db, "export", "--format", "json", "--out", dump)
        fresh = os.path.join(workdir, "import-%d.db" % size)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(fresh + suffix):
                os.remove(fresh + suffix)
        start = time.perf_counter()
        fenqi(fresh, "import", dump)
        row["import_s"] = time.perf_counter() - start
    except subprocess.CalledProcessError as error:
        row["import_s"] = float("nan")
        print("import failed: %s" % error.stderr.decode(errors="replace"), file=sys.stderr)
    return row


def report(rows):
    base = rows[0]
    print("| plans | demo s | sqlite3 first page ms | first frame ms | ratio | vs 1k | "
          "slowest key ms | peak MB | due --json ms (× sqlite3) | history --json ms (× sqlite3) | import s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        slowest = max(r["keys_ms"].items(), key=lambda kv: kv[1])
        print("| %d | %.2f | %.1f | %.1f | %.2f× | %.2f× | %.1f (%s) | %.1f | %.1f (%.2f×) | %.1f (%.2f×) | %.2f |" % (
            r["plans"], r["demo_s"], r["sqlite_first_page_ms"], r["first_frame_ms"],
            r["first_frame_ms"] / r["sqlite_first_page_ms"],
            r["first_frame_ms"] / base["first_frame_ms"], slowest[1], slowest[0], r["peak_mb"],
            r["due_json_ms"], r["due_json_ms"] / r["sqlite_due_ms"],
            r["history_json_ms"], r["history_json_ms"] / r["sqlite_history_ms"], r["import_s"]))
    print()
    print("Keypress to redrawn frame (ms, median):")
    names = list(rows[0]["keys_ms"].keys())
    print("| plans | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for r in rows:
        print("| %d | " % r["plans"] + " | ".join("%.1f" % r["keys_ms"][n] for n in names) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", help="directory to keep (and reuse) the generated databases")
    parser.add_argument("--json", action="store_true", help="also print the raw figures as JSON")
    args = parser.parse_args()
    if shutil.which("sqlite3") is None:
        sys.exit("bench: the sqlite3 shell is needed for the baseline (apt-get install sqlite3)")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    workdir = args.keep or tempfile.mkdtemp(prefix="fenqi-bench-")
    os.makedirs(workdir, exist_ok=True)
    try:
        rows = [measure(int(size), args.runs, workdir) for size in args.sizes.split(",")]
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    report(rows)
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
