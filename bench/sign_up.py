"""Sign-up's time with an address that has an account beside one that has none (issue 11:
the time must not tell them apart). Median and spread in ms of --repeat sign-ups each,
with the production password hasher, through django.test.Client in-process (no network),
mails kept in memory. A script that prints figures, not a timed test; the equal work is
tested in tests/accounts/test_account_security.py.

Run: DEBUG=1 .venv/bin/python bench/sign_up.py [--repeat 10]
Database: a scratch SQLite file, var/bench-sign-up.sqlite3, recreated each run.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCRATCH = ROOT / "var" / "bench-sign-up.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH}"
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10, help="sign-ups per kind (default 10)")
    args = parser.parse_args()
    SCRATCH.parent.mkdir(parents=True, exist_ok=True)
    SCRATCH.unlink(missing_ok=True)

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import User

    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["*"]
    settings.ACCOUNT_RATE_LIMITS = {}
    password = "Bench-Sign-Up-2026!"
    User.objects.create_user(email="known@bench.nafida.ma", password=password)

    def sign_up(email):
        cache.clear()
        start = time.perf_counter()
        response = Client().post("/en/accounts/signup/", {
            "email": email, "password1": password, "password2": password})
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 302, response.status_code
        return elapsed

    known, new = [], []
    for n in range(args.repeat):  # interleaved, so that drift affects both alike
        known.append(sign_up("known@bench.nafida.ma"))
        new.append(sign_up(f"new{n}@bench.nafida.ma"))
    for label, times in (("known address", known), ("new address", new)):
        print(f"{label:14} median {statistics.median(times):7.1f} ms   "
              f"min {min(times):7.1f}   max {max(times):7.1f}")
    SCRATCH.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
