"""Benchmark of the overdue sweep on PostgreSQL: the seconds of the request clock's
expiry (``services.mark_overdue_batch`` until nothing is left) beside the single raw SQL
UPDATE that would move the same rows, measured in the same run on the same starting
state, and the peak memory of the worker that sweeps, for all the past-due rows and for
10× fewer (memory should be flat).

Seeds up to --requests N requests (default 1,000,000; about a third open, most of them past
due) if fewer exist. A script that prints figures, not a timed test.

Run: make bench-sweep   (or: DEBUG=1 .venv/bin/python bench/sweep.py --requests 20000)
Database: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/nafida_sweep
(created if missing): a scratch database, since rows are inserted and moved in it.

How the starting state is kept: the (id, state, updated_at) of the open past-due requests
and the highest id of the state-change, history and notification tables are saved in two
tables (bench_sweep_snapshot, bench_sweep_marks) before anything moves; the raw UPDATE
runs in a transaction that is rolled back; after each sweep one UPDATE ... FROM the
snapshot puts the rows back and the rows the sweep added are deleted. A run that was
interrupted is repaired at the start of the next one.

Each sweep runs in a child process (this script with --child), which times it with
time.perf_counter() and reports its resident memory before the sweep and its peak during
the sweep (VmRSS, and VmHWM reset just before the sweep through /proc/self/clear_refs),
and the time of each kind of SQL statement (connection.execute_wrapper). Not ru_maxrss:
a child's ru_maxrss starts at its parent's peak (Linux carries the high-water mark over
exec), so it would show this script's own peak, not the sweep's.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ensure_database  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/nafida_sweep"
RESULT_PREFIX = "BENCH_SWEEP_RESULT "
SEED_RATE = 3500  # rows/s of demo.bulk_requests, for the estimate


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1_000_000,
                        help="seed requests until the database holds this many (default 1000000)")
    parser.add_argument("--today", type=date.fromisoformat,
                        help="sweep date (default: the last working day up to today)")
    parser.add_argument("--fraction", type=int, default=10,
                        help="the smaller run moves 1/FRACTION of the rows (default 10)")
    parser.add_argument("--batch", type=int,
                        help="NAFIDA_SWEEP_BATCH for the sweeps (default: the settings', 1000)")
    parser.add_argument("--no-full-sweep", action="store_true",
                        help="time mark_overdue only, not the whole sweep() (reminders, complaint windows)")
    parser.add_argument("--no-addresses", action="store_true",
                        help="leave the seeded requests without an e-mail address (then the sweep "
                             "owes them no notification)")
    parser.add_argument("--explain", action="store_true",
                        help="EXPLAIN ANALYZE every statement of one batch (done anyway above 3×)")
    parser.add_argument("--child", choices=["mark_overdue", "sweep"], help=argparse.SUPPRESS)
    return parser.parse_args()


args = parse_args()
os.environ["DATABASE_URL"] = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
os.environ.setdefault("DEBUG", "1")  # as `make bench-sweep` (no SECRET_KEY needed); the log is off below
# Nothing queued, nothing mailed: the sweep only writes Notification rows anyway.
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
os.environ.setdefault("CELERY_BROKER_URL", "memory://")
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
if args.batch:
    os.environ["NAFIDA_SWEEP_BATCH"] = str(args.batch)  # settings read it; the children inherit it
if not args.child:
    ensure_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from requests_app import demo, services  # noqa: E402
from requests_app.clock import calendar  # noqa: E402
from requests_app.models import InformationRequest, Notification, StateChange  # noqa: E402
from requests_app.outbox import clocks  # noqa: E402

# DEBUG stays on for the settings it relaxes, but Django's query log must not grow with
# every batch (the sweep does not reset it): it would be the memory measured.
settings.DEBUG = False

REQUESTS = InformationRequest._meta.db_table
HISTORY = InformationRequest.history.model._meta.db_table
# table -> primary key column of the tables the sweep adds rows to
ADDED = {StateChange._meta.db_table: "id", HISTORY: InformationRequest.history.model._meta.pk.column,
         Notification._meta.db_table: "id"}
RAW_UPDATE = (f"UPDATE {REQUESTS} SET state = 'overdue', updated_at = now() "
              "WHERE state IN ('submitted', 'in_progress') AND due_date < %s")


def sql(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else cursor.rowcount


def vacuum(*tables):
    """Dead row versions (a rolled-back UPDATE, a restore) cleared, statistics fresh: each
    measurement starts from a table as autovacuum would leave it."""
    sql("VACUUM ANALYZE " + ", ".join(tables or [REQUESTS, *ADDED]))


# -- statements of a sweep, by kind ------------------------------------------------------------


def statement_label(statement: str) -> str:
    text = " ".join(statement.split())
    verb = text.split(" ", 1)[0].upper()
    pattern = {"SELECT": r'\bFROM "?(\w+)', "INSERT": r'^INSERT INTO "?(\w+)',
               "UPDATE": r'^UPDATE "?(\w+)', "DELETE": r'^DELETE FROM "?(\w+)'}.get(verb)
    match = re.search(pattern, text) if pattern else None
    label = f"{verb} {match.group(1) if match else '?'}"
    if "FOR UPDATE" in text:
        label += " FOR UPDATE SKIP LOCKED" if "SKIP LOCKED" in text else " FOR UPDATE"
    return label


class Statements:
    """An execute_wrapper: count and time each kind of statement, and the statements of
    each batch (a batch begins with the SELECT ... FOR UPDATE of the requests)."""

    def __init__(self):
        self.kinds = defaultdict(lambda: [0, 0.0])
        self.batches: list[int] = []

    def __call__(self, execute, statement, params, many, context):
        label = statement_label(statement)
        if label == f"SELECT {REQUESTS} FOR UPDATE SKIP LOCKED":
            self.batches.append(0)
        if self.batches:
            self.batches[-1] += 1
        began = time.perf_counter()
        try:
            return execute(statement, params, many, context)
        finally:
            kind = self.kinds[label]
            kind[0] += 1
            kind[1] += time.perf_counter() - began


def memory_kb() -> tuple[int, int]:
    """This process's resident memory now and at its peak (VmRSS, VmHWM), in KB."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(status["VmRSS"].split()[0]), int(status["VmHWM"].split()[0])


def child(kind: str, today: date) -> None:
    """Run one sweep in this (fresh) process and print its figures as one JSON line."""
    connection.ensure_connection()
    before_kb, _setup_peak_kb = memory_kb()
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM from now on: the sweep's own peak
    statements = Statements()
    with connection.execute_wrapper(statements):
        began = time.perf_counter()
        if kind == "mark_overdue":
            result = clocks.expire(clocks.CLOCKS["request_answer"], today)
        else:
            result = clocks.sweep(today)
        seconds = time.perf_counter() - began
    _after_kb, peak_kb = memory_kb()
    full = statements.batches[:-1] if kind == "mark_overdue" else []  # the last one found nothing
    print(RESULT_PREFIX + json.dumps({
        "result": result, "seconds": seconds, "before_kb": before_kb, "peak_kb": peak_kb,
        "kinds": statements.kinds, "batch_statements": sorted(set(full)), "batches": len(full),
        "batch_size": settings.NAFIDA_SWEEP_BATCH, "queries_logged": len(connection.queries_log),
    }), flush=True)


def run_child(kind: str, today: date) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--today", today.isoformat()]
    print(f"  {kind}({today}) in a child process…", flush=True)
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, env=os.environ)
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if done.returncode or not lines:
        print(done.stdout)
        raise RuntimeError(f"The {kind} child failed (exit status {done.returncode}).")
    figures = json.loads(lines[-1].removeprefix(RESULT_PREFIX))
    print(f"    {figures['seconds']:.1f} s, {figures['result']}", flush=True)
    return figures


# -- the starting state, kept and put back ---------------------------------------------------


def snapshot(today: date) -> int:
    """Save what the sweep will change; return how many requests it will move."""
    sql("CREATE TABLE bench_sweep_marks (name text PRIMARY KEY, value bigint NOT NULL)")
    for table, pk in ADDED.items():
        sql(f'INSERT INTO bench_sweep_marks SELECT %s, coalesce(max("{pk}"), 0) FROM "{table}"', [table])
    sql(f"CREATE TABLE bench_sweep_snapshot AS SELECT id, state, updated_at FROM {REQUESTS} "
        "WHERE state IN ('submitted', 'in_progress') AND due_date < %s", [today])
    sql("ALTER TABLE bench_sweep_snapshot ADD PRIMARY KEY (id)")
    return sql("SELECT count(*) FROM bench_sweep_snapshot")[0][0]


def restore() -> int:
    """Put the swept requests back as they were; delete the rows the sweep added."""
    with transaction.atomic():
        moved_back = sql(f"UPDATE {REQUESTS} r SET state = s.state, updated_at = s.updated_at "
                         "FROM bench_sweep_snapshot s WHERE r.id = s.id "
                         "AND (r.state, r.updated_at) IS DISTINCT FROM (s.state, s.updated_at)")
        for table, pk in ADDED.items():
            sql(f'DELETE FROM "{table}" WHERE "{pk}" > '
                "(SELECT value FROM bench_sweep_marks WHERE name = %s)", [table])
    vacuum()
    return moved_back


def recover() -> None:
    """A run interrupted mid-way left rows moved: put them back first."""
    found = sql("SELECT to_regclass('bench_sweep_snapshot'), to_regclass('bench_sweep_marks')")[0]
    if found != (None, None):
        print("Putting back the rows of an interrupted run…", flush=True)
        if None not in found:
            restore()
        drop_snapshot()


def drop_snapshot() -> None:
    sql("DROP TABLE IF EXISTS bench_sweep_snapshot")
    sql("DROP TABLE IF EXISTS bench_sweep_marks")


# -- seeding --------------------------------------------------------------------------------------


def seed(target: int) -> None:
    demo.seed_demo()  # idempotent: the demo people and their own requests
    existing = InformationRequest.objects.count()
    if existing < target:
        missing = target - existing
        print(f"Seeding {missing:,} requests ({existing:,} present, target {target:,}), about "
              f"{timedelta(seconds=round(missing / SEED_RATE))} at ~{SEED_RATE:,} rows/s…", flush=True)
        began = time.perf_counter()

        def progress(done, total):
            rate = done / max(time.perf_counter() - began, 1e-9)
            if done == total or done % 50_000 < 5000:
                print(f"  {done:>9,}/{total:,} ({rate:,.0f} rows/s, "
                      f"{timedelta(seconds=round((total - done) / rate))} left)", flush=True)

        demo.bulk_requests(missing, batch_size=5000, progress=progress)
        print(f"Seeded in {time.perf_counter() - began:.1f} s.", flush=True)
    if not args.no_addresses:
        # demo.bulk_requests leaves e-mail and requester empty: the sweep would owe those
        # requests no notification. A portal request always has an address to tell.
        added = sql(f"UPDATE {REQUESTS} SET email = 'requester-' || id || '@example.org' "
                    "WHERE email = '' AND requester_id IS NULL")
        if added:
            print(f"Gave {added:,} seeded requests an e-mail address.", flush=True)
    sql("VACUUM ANALYZE")
    reset_queries()


def sweep_date() -> date:
    """mark_overdue does nothing on a day off: the last working day up to today."""
    day = args.today or timezone.localdate()
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


# -- the measurements ---------------------------------------------------------------------------


def raw_update(today: date) -> tuple[float, int]:
    """Seconds and row count of the single UPDATE, in a transaction rolled back."""
    with transaction.atomic(), connection.cursor() as cursor:
        began = time.perf_counter()
        cursor.execute(RAW_UPDATE, [today])
        seconds = time.perf_counter() - began
        rows = cursor.rowcount
        transaction.set_rollback(True)
    vacuum(REQUESTS)  # the rolled-back row versions, dead now, cleared for the sweep
    return seconds, rows


def measure(kind: str, today: date, raw: tuple[float, int]) -> dict:
    figures = run_child(kind, today)
    moved = figures["result"] if kind == "mark_overdue" else figures["result"]["overdue"]
    if moved != raw[1]:
        print(f"  WARNING: the sweep moved {moved:,} rows, the raw UPDATE {raw[1]:,}.", flush=True)
    print(f"  putting back {restore():,} requests", flush=True)
    return {**figures, "moved": moved, "raw_seconds": raw[0], "raw_rows": raw[1]}


def explain_batch(today: date) -> list[tuple[str, list[str]]]:
    """EXPLAIN (ANALYZE, BUFFERS) of each statement of the first batch, each in a savepoint
    rolled back before the statement itself runs; the whole batch is rolled back too."""
    plans = []

    def explain(execute, statement, params, many, context):
        verb = statement.lstrip().split(None, 1)[0].upper()
        if not many and verb in {"SELECT", "INSERT", "UPDATE", "DELETE"}:
            cursor = context["cursor"].cursor  # the driver's: not through this wrapper again
            cursor.execute("SAVEPOINT bench_explain")
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)
            plans.append((statement_label(statement), [line for (line,) in cursor.fetchall()]))
            cursor.execute("ROLLBACK TO SAVEPOINT bench_explain")
        return execute(statement, params, many, context)

    with transaction.atomic():
        with connection.execute_wrapper(explain):
            services.mark_overdue_batch(today)
        transaction.set_rollback(True)
    return plans


def report(today: date, total: int, open_past_due: int, runs: list[tuple[str, dict]]) -> float:
    full = runs[0][1]
    print()
    print(f"Nafida overdue sweep — {datetime.now().astimezone():%Y-%m-%d %H:%M %z}, PostgreSQL "
          f"{connection.pg_version // 10000}, database {settings.DATABASES['default']['NAME']}, "
          f"sweep date {today}")
    print(f"{total:,} requests, {open_past_due:,} open and past due; batch size {full['batch_size']:,} "
          f"(NAFIDA_SWEEP_BATCH); statements per batch {'/'.join(map(str, full['batch_statements']))} "
          f"(execute_wrapper)")
    print()
    print(f"{'run':44} {'rows moved':>10} {'raw UPDATE s':>12} {'sweep s':>8} {'sweep/raw':>9} "
          f"{'rows/s':>7} {'RSS before MB':>13} {'peak RSS MB':>11}")
    for label, run in runs:
        print(f"{label:44} {run['moved']:10,} {run['raw_seconds']:12.2f} {run['seconds']:8.1f} "
              f"{run['seconds'] / run['raw_seconds']:8.1f}× {run['moved'] / run['seconds']:7,.0f} "
              f"{run['before_kb'] / 1024:13.1f} {run['peak_kb'] / 1024:11.1f}")
    print(f"{'':44} (the sweeping child: RSS after Django setup, peak RSS during the sweep)")
    for label, run in runs:
        if isinstance(run["result"], dict):
            print(f"{label}: {run['result']}")
    print()
    print(f"Statements of mark_overdue, all rows ({full['batches']} batches):")
    print(f"  {'statement':64} {'count':>6} {'s':>7} {'ms each':>8} {'share':>6}")
    sql_seconds = 0.0
    for label, (count, seconds) in sorted(full["kinds"].items(), key=lambda item: -item[1][1]):
        sql_seconds += seconds
        print(f"  {label:64} {count:6} {seconds:7.2f} {seconds / count * 1e3:8.2f} "
              f"{seconds / full['seconds']:6.0%}")
    python = full["seconds"] - sql_seconds
    print(f"  {'Python (time outside the statements)':64} {'':6} {python:7.2f} {'':8} "
          f"{python / full['seconds']:6.0%}")
    return full["seconds"] / full["raw_seconds"]


def main():
    if args.child:
        return child(args.child, args.today)
    call_command("migrate", verbosity=0)
    recover()
    seed(args.requests)
    today = sweep_date()
    total = InformationRequest.objects.count()
    open_past_due = snapshot(today)
    if not open_past_due:
        drop_snapshot()
        sys.exit(f"No open request is past due on {today}: nothing to sweep.")
    print(f"{open_past_due:,} open requests past due on {today}.", flush=True)
    runs = []
    try:
        print("All past-due rows:", flush=True)
        raw = raw_update(today)
        runs.append(("mark_overdue, all rows", measure("mark_overdue", today, raw)))
        if not args.no_full_sweep:
            raw = raw_update(today)
            runs.append(("sweep() (+ reminders, complaint windows)", measure("sweep", today, raw)))
        # The smaller run: all but 1/fraction of the rows already overdue (one UPDATE,
        # committed; the restore puts them back with the others).
        print(f"1/{args.fraction} of the past-due rows:", flush=True)
        sql(f"UPDATE {REQUESTS} r SET state = 'overdue' FROM bench_sweep_snapshot s "
            "WHERE r.id = s.id AND s.id %% %s <> 0", [args.fraction])
        vacuum(REQUESTS)
        raw = raw_update(today)
        runs.append((f"mark_overdue, 1/{args.fraction} of the rows", measure("mark_overdue", today, raw)))
        ratio = report(today, total, open_past_due, runs)
        if ratio > 3 or args.explain:
            print()
            print("EXPLAIN (ANALYZE, BUFFERS) of each statement of the first batch (rolled back):")
            for label, plan in explain_batch(today):
                print(f"\n  {label}")
                for line in plan:
                    print(f"    {line[:150]}{'…' if len(line) > 150 else ''}")
    finally:
        restore()
        drop_snapshot()


if __name__ == "__main__":
    main()
