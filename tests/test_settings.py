"""Settings come from the environment; with DEBUG off the defaults are the safe ones."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINT = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps(dict(debug=s.DEBUG, secure=s.SESSION_COOKIE_SECURE, "
    "csrf=s.CSRF_COOKIE_SECURE, hsts=s.SECURE_HSTS_SECONDS, ssl=s.SECURE_SSL_REDIRECT, "
    "engine=s.DATABASES['default']['ENGINE'], name=s.DATABASES['default']['NAME'], "
    "broker=s.CELERY_BROKER_URL, hosts=s.ALLOWED_HOSTS, lang=s.LANGUAGE_CODE)))"
)


def run(**env):
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "CELERY_BROKER_URL",
                          "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "DJANGO_SETTINGS_MODULE"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run([sys.executable, "-c", PRINT], cwd=ROOT, env=clean,
                          capture_output=True, text=True, timeout=60)


def test_missing_secret_key_with_debug_off_stops_startup():
    result = run()
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_off_defaults_are_safe():
    result = run(SECRET_KEY="x" * 50, ALLOWED_HOSTS="nafida.ma")
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["secure"] and values["csrf"] and values["ssl"]
    assert values["hsts"] >= 31536000
    assert values["hosts"] == ["nafida.ma"]
    assert values["lang"] == "ar"


def test_zero_setup_default_is_sqlite_and_a_serverless_broker():
    values = json.loads(run(DEBUG="1").stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["broker"].startswith("filesystem://")


def test_database_and_broker_come_from_the_environment():
    values = json.loads(run(SECRET_KEY="k", DATABASE_URL="postgres://u@db.example:5432/nafida",
                            CELERY_BROKER_URL="redis://cache:6379/0").stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "nafida"
    assert values["broker"] == "redis://cache:6379/0"
