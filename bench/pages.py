"""Benchmark of the citizen portal's pages on PostgreSQL: median and p95 ms of the
register's first page, a filtered search, a request page (the requester's and the
public one) and a body page, beside a trivial view measured in the same run, through
the same middleware, with django.test.Client in-process (no network, no web server).

Seeds up to --requests N requests (default 100,000) if fewer exist, with the demo people
(their requests are the ones whose pages are measured). A script that prints figures,
not a timed test.

Run: make bench-pages   (or: DEBUG=1 .venv/bin/python bench/pages.py --requests 2000)
Database: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/nafida_bench
(created if missing): a scratch database, since rows are inserted into it.
A page that does not answer 200 is retried a minute later (--retries), then reported
as FAILED, not timed, and the script exits with status 1.
"""

import argparse
import math
import os
import statistics
import sys
import time
import types
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ensure_database  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/nafida_bench"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100_000,
                        help="seed requests until the database holds this many (default 100000)")
    parser.add_argument("--repeat", type=int, default=50, help="timed requests per page (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first")
    parser.add_argument("--q", default="2025",
                        help="search word (default 2025: in a quarter of the seeded subjects)")
    parser.add_argument("--retries", type=int, default=3,
                        help="tries, a minute apart, before a page that does not answer 200 is given up")
    parser.add_argument("--show-sql", action="store_true",
                        help="print each page's SQL with its time, slowest first")
    return parser.parse_args()


args = parse_args()
os.environ["DATABASE_URL"] = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
# Tasks and mails of the demo data stay in this process: nothing lands in var/broker
# (the demo worker's queue, which points at another database) or var/mail.
os.environ.setdefault("CELERY_BROKER_URL", "memory://")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
ensure_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import clear_url_caches, path, reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from accounts.models import User  # noqa: E402
from requests_app import demo  # noqa: E402
from requests_app.models import DECIDED_STATES, InformationRequest  # noqa: E402


def trivial(request):
    return HttpResponse("ok")


def install_urlconf() -> str:
    """The project's URLs plus /bench-trivial/, so the trivial view goes through the same
    middleware and resolver as the pages."""
    from config import urls

    module = types.ModuleType("bench_pages_urls")
    module.urlpatterns = [*urls.urlpatterns, path("bench-trivial/", trivial, name="bench-trivial")]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    clear_url_caches()
    return reverse("bench-trivial")


def seed(target: int) -> None:
    demo.seed_demo()  # idempotent: the demo people and their own requests
    existing = InformationRequest.objects.count()
    if existing < target:
        missing = target - existing
        print(f"Seeding {missing:,} requests ({existing:,} present, target {target:,})…", flush=True)
        began = time.perf_counter()

        def progress(done, total):
            rate = done / max(time.perf_counter() - began, 1e-9)
            print(f"  {done:>9,}/{total:,} ({rate:,.0f} rows/s)", flush=True)

        demo.bulk_requests(missing, batch_size=5000, progress=progress)
        print(f"Seeded in {time.perf_counter() - began:.1f} s.", flush=True)
    with connection.cursor() as cursor:
        # Statistics and visibility map as autovacuum leaves them on a live database (a
        # fresh bulk insert has neither: counts would not use index-only scans).
        cursor.execute("VACUUM ANALYZE")
    reset_queries()


def pages(citizen) -> list[tuple[str, str, bool]]:
    """(label, URL, as the logged-in requester?) of every page measured but the trivial one."""
    mine = InformationRequest.objects.filter(requester=citizen, state__in=DECIDED_STATES,
                                             decision__isnull=False)
    # The partial grant shows most: cited exemptions, a redacted document.
    own = (mine.filter(state=InformationRequest.State.PARTIALLY_GRANTED).first()
           or mine.order_by("-received_at").first())
    if own is None:
        sys.exit(f"The demo citizen {citizen.email} has no decided request: run seed_demo on an empty "
                 "database or pick another DATABASE_URL.")
    top = (InformationRequest.objects.values("body__code").annotate(n=Count("id"))
           .order_by("-n", "body__code").first())
    with translation.override("ar"):
        register = reverse("register:list")
        return [
            ("register, first page", register, False),
            (f"register ?q={args.q}&state=refused", f"{register}?q={args.q}&state=refused", False),
            (f"register ?q=…&state=refused&body={top['body__code']}",
             f"{register}?q={args.q}&state=refused&body={top['body__code']}", False),
            (f"own request page {own.reference} (logged in)",
             reverse("requests:detail", args=[own.reference]), True),
            (f"public request page {own.reference}", reverse("register:entry", args=[own.reference]), False),
            (f"body page {top['body__code']} ({top['n']:,} requests)",
             reverse("register:body", args=[top["body__code"]]), False),
        ]


class PageError(Exception):
    pass


def get(client, url):
    """GET url; a non-200 answer is retried a minute later (views may be being edited),
    then raises PageError."""
    for attempt in range(args.retries):
        response = client.get(url)
        if response.status_code == 200:
            return response
        error = f"GET {url} answered {response.status_code}"
        if response.exc_info:
            error += f" ({response.exc_info[0].__name__}: {response.exc_info[1]})"
        print(f"  {error}, attempt {attempt + 1}/{args.retries}", flush=True)
        if attempt + 1 < args.retries:
            time.sleep(60)
    raise PageError(error)


def p95(samples):
    ordered = sorted(samples)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]  # nearest rank


def measure(client, url):
    for _ in range(args.warmup):
        get(client, url)
    queries = []

    def timer(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append({"sql": sql, "ms": (time.perf_counter() - began) * 1e3})

    # One untimed request with its queries counted (CaptureQueriesContext, as the tests do)
    # and each timed to the µs (the debug log rounds to the ms).
    reset_queries()  # each request resets the log; the capture must start from an empty one
    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
        get(client, url)
    if len(captured) != len(queries):
        sys.exit(f"Query count mismatch on {url}: {len(captured)} logged, {len(queries)} timed.")
    samples = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - began) * 1e3)
        if response.status_code != 200:
            raise PageError(f"GET {url} answered {response.status_code} while timing")
    reset_queries()
    return statistics.median(samples), p95(samples), queries


def main():
    call_command("migrate", verbosity=0)
    seed(args.requests)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    trivial_url = install_urlconf()
    citizen = User.objects.get(email=demo.DEMO_USERS[0][0])
    measured = [("trivial view (HttpResponse)", trivial_url, False), *pages(citizen)]

    # A failing page answers 500 (reported by get()) rather than raising here.
    anonymous, requester = Client(raise_request_exception=False), Client(raise_request_exception=False)
    requester.force_login(citizen)
    rows, errors = [], []
    for label, url, logged_in in measured:
        client = requester if logged_in else anonymous
        try:
            rows.append((label, url, *measure(client, url)))
        except PageError as exc:
            rows.append((label, url, None, None, []))
            errors.append(str(exc))
    if rows[0][2] is None:
        sys.exit(f"Aborted: the trivial view fails: {errors[0]}")

    print()
    print(f"Nafida portal pages — {datetime.now().astimezone():%Y-%m-%d %H:%M %z}, {connection.vendor} "
          f"{connection.pg_version // 10000}, database {settings.DATABASES['default']['NAME']}, "
          f"DEBUG={settings.DEBUG}")
    print(f"{InformationRequest.objects.count():,} requests; {args.repeat} timed GETs per page after "
          f"{args.warmup} warm-up, django.test.Client in-process")
    print()
    base = rows[0][2]
    print(f"{'page':58} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'SQL ms':>7} {'× trivial':>10}")
    for label, _url, middle, high, queries in rows:
        if middle is None:
            print(f"{label:58} {'FAILED: not timed, see below':>47}")
        else:
            sql_ms = sum(query["ms"] for query in queries)
            print(f"{label:58} {middle:10.2f} {high:8.2f} {len(queries):8d} {sql_ms:7.2f} "
                  f"{middle / base:10.1f}")
    print(f"{'':58} (SQL ms: the queries' own time in one untimed request)")
    print()
    for label, url, *_rest in rows:
        print(f"  {label:58} {url}")
    if args.show_sql:
        for label, _url, _middle, _high, queries in rows:
            print(f"\n{label}:")
            for query in sorted(queries, key=lambda q: -q["ms"]):
                print(f"  {query['ms']:8.2f} ms  {query['sql'][:300]}")
    if errors:
        sys.exit("\nFailed pages (not timed):\n" + "\n".join(f"  {error}" for error in errors))


if __name__ == "__main__":
    main()
