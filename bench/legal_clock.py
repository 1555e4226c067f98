"""Benchmark of the legal clock: µs per add_working_days(d, 20) and is_working_day(d),
over every start date of ten years, with the index warm (as in a running process).

Run: make bench-clock   (or: DEBUG=1 .venv/bin/python bench/legal_clock.py)
"""

import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from requests_app.clock import calendar as legal_clock  # noqa: E402


def measure(label, fn, starts, repeat=5):
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        for day in starts:
            fn(day)
        best = min(best, time.perf_counter() - began)
    print(f"{label:42} {best / len(starts) * 1e6:8.2f} µs/call  ({len(starts)} calls, best of {repeat})")


def main():
    call_command("migrate", verbosity=0)
    starts = [date(2019, 1, 1) + timedelta(days=k) for k in range(3653)]
    began = time.perf_counter()
    legal_clock.invalidate()
    legal_clock.add_working_days(starts[0], 20)
    print(f"{'build the working-day index (cold)':42} {(time.perf_counter() - began) * 1e3:8.2f} ms")
    measure("add_working_days(d, 20)", lambda d: legal_clock.add_working_days(d, 20), starts)
    measure("add_working_days(d, 20, a ministry)",
            lambda d: legal_clock.add_working_days(d, 20, "administration"), starts)
    measure("is_working_day(d)", legal_clock.is_working_day, starts)
    # For scale: the naive loop, one day at a time, over the same index.
    def naive(d, n=20):
        while n:
            d += timedelta(days=1)
            n -= legal_clock.is_working_day(d)
        return d
    measure("naive day-by-day loop (reference)", naive, starts)


if __name__ == "__main__":
    main()
