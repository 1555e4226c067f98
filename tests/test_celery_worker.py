"""A real Celery worker, on the configured broker (Redis in CI, the filesystem broker
by default), runs a task against the same database."""

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from guardian.models import UserObjectPermission

from accounts.models import Designation
from config.celery import app
from tests.factories import BodyFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent


def database_url():
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings["USER"] or "postgres"
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{settings['NAME']}"


@pytest.fixture
def real_broker():
    """The suite runs tasks eagerly; this test sends them to the broker."""
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


@pytest.mark.django_db(transaction=True)
def test_worker_runs_the_designation_sync_task(real_broker):
    body = BodyFactory()
    user = UserFactory()
    # Bulk insert: no signal, so no rights yet; the task must grant them.
    Designation.objects.bulk_create([Designation(
        user=user, body=body, role=Designation.Role.INFORMATION_OFFICER,
        decision_reference="DEC-1", decision_date=date(2025, 1, 1), starts_on=date(2025, 1, 1))])
    assert not UserObjectPermission.objects.filter(user=user).exists()

    app.control.purge()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings_test",
               DATABASE_URL=database_url())
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        from accounts.tasks import sync_designation_permissions

        sync_designation_permissions.delay()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if UserObjectPermission.objects.filter(user=user, object_pk=str(body.pk)).exists():
                break
            assert worker.poll() is None, worker.stdout.read()
            time.sleep(0.3)
        codenames = set(UserObjectPermission.objects.filter(user=user).values_list(
            "permission__codename", flat=True))
        assert codenames == {"handle_requests", "view_body_requests"}
    finally:
        worker.terminate()
        worker.wait(timeout=30)
