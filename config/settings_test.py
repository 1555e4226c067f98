"""Settings for the test suite: the real settings, with a test key and plain HTTP.

The database and broker still come from the environment (DATABASE_URL,
CELERY_BROKER_URL): SQLite by default, PostgreSQL and Redis in CI."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("NAFIDA_VAR_DIR", os.path.join(os.getcwd(), "var", "test"))

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A file, not memory, for SQLite's test database: a Celery worker started by the
# tests (another process) must see the same data.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}  # noqa: F405
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Tasks run in the process that sends them (a test that needs a real worker turns this
# off for its duration).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

# Tests move the clock by days with a staff session open: the idle timeout is off (0)
# unless a test sets it (tests/accounts/test_account_security.py).
NAFIDA_STAFF_IDLE_MINUTES = 0
