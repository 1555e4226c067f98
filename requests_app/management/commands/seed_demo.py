import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from requests_app.demo import DEMO_PASSWORD, bulk_requests, demo_totp_secret, seed_demo

# The demo creates people with a published password and staff with a printed second
# factor: on a real database that is a back door. It runs only where DEBUG is on (bin/demo)
# or where the operator says the database is a scratch one.
SCRATCH_ENV = "NAFIDA_SCRATCH_DB"


def scratch_database_declared(flag: bool) -> bool:
    return flag or os.environ.get(SCRATCH_ENV, "").strip().lower() in ("1", "true", "yes")


class Command(BaseCommand):
    help = (
        "Create the demo people (one per role) and requests in every state. "
        "With --requests N, also bulk-insert N requests for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=0,
                            help="bulk-insert this many extra requests (benchmarks)")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--scratch-database", action="store_true",
                            help="confirm that this database is a scratch one (needed unless "
                                 f"DEBUG is on; or set {SCRATCH_ENV}=1)")

    def handle(self, *args, requests, batch_size, scratch_database, **options):
        if not settings.DEBUG and not scratch_database_declared(scratch_database):
            raise CommandError(
                "seed_demo creates accounts with a published password and a printed second "
                "factor: it runs only with DEBUG on, or on a scratch database confirmed with "
                f"--scratch-database (or {SCRATCH_ENV}=1). Nothing was written.")
        if requests < 0:
            raise CommandError("--requests must be zero or more.")
        people = seed_demo()
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for person in people:
            self.stdout.write(person.line())
        self.stdout.write(
            "Staff accounts also need a second factor (TOTP) for the workspace and the admin:\n"
            f"  add the key {demo_totp_secret()} to an authenticator app, or print the current\n"
            "  code with: DEBUG=1 .venv/bin/python manage.py demo_code")
        if requests:
            started = time.monotonic()

            def progress(done, total):
                rate = done / max(time.monotonic() - started, 1e-9)
                self.stdout.write(f"  {done}/{total} requests ({rate:,.0f}/s)")

            bulk_requests(requests, batch_size=batch_size, progress=progress)
            self.stdout.write(f"Inserted {requests} requests in {time.monotonic() - started:.1f} s.")
