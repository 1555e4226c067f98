"""The clock's sweep run by a real worker on the real broker (Redis in CI): requests
become overdue and each notification is sent once, even when the worker is killed in
the middle of the sweep and restarted."""

import os
import re
import signal
from datetime import date
from unittest import mock

import pytest

from requests_app.models import InformationRequest, Notification, StateChange
from requests_app.outbox.tasks import run_clock_sweep
from tests.factories import BodyFactory, UserFactory, make_request
from tests.worker import start_worker, stop, wait_for, worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]


def past_due_requests(count: int) -> list[InformationRequest]:
    """Requests filed long ago: the mails their filing owed (the receipts, each with its
    PDF) are history, neither queued nor kept, so the worker only sweeps."""
    body, requester = BodyFactory(), UserFactory()
    with mock.patch("requests_app.notices.send_soon"):
        requests = [make_request(body=body, requester=requester, received_on=date(2026, 9, 1),
                                 email=f"requester{n}@example.ma") for n in range(count)]
    Notification.objects.all().delete()
    return requests


def message_ids(folder) -> list[str]:
    return [match for path in folder.iterdir()
            for match in re.findall(r"^Message-ID: (<notification-\d+@nafida>)$",
                                    path.read_text(errors="replace"), re.M)]


def everything_sent(expected: int):
    return lambda: (InformationRequest.objects.filter(state="overdue").count() == expected
                    and Notification.objects.filter(sent_at__isnull=False).count() == expected)


def test_a_worker_runs_the_sweep_end_to_end(real_broker, tmp_path):
    requests = past_due_requests(12)
    with worker(NAFIDA_MAIL_DIR=tmp_path) as process:
        run_clock_sweep.delay()
        wait_for(everything_sent(len(requests)), process)
    # A second sweep (beat runs again) finds nothing to move and nothing to send.
    # Every registered clock (the appeals' too) is counted, and each count is 0.
    counts = run_clock_sweep.apply().get()
    assert {"overdue", "reminders", "complaint_windows"} <= counts.keys() and not any(counts.values())
    ids = message_ids(tmp_path)
    assert len(ids) == len(set(ids)) == len(requests)
    assert StateChange.objects.filter(transition="mark_overdue").count() == len(requests)


def test_a_worker_killed_mid_sweep_and_restarted_misses_nothing_and_repeats_nothing(real_broker, tmp_path):
    requests = past_due_requests(120)
    slow = {"NAFIDA_MAIL_DIR": tmp_path, "NAFIDA_SWEEP_BATCH": 3, "NAFIDA_SWEEP_PAUSE_SECONDS": 0.05,
            "NAFIDA_NOTIFICATION_LEASE_SECONDS": 1}
    process = start_worker(**slow)
    try:
        run_clock_sweep.delay()
        wait_for(lambda: InformationRequest.objects.filter(state="overdue").count() >= 15, process,
                 every=0.02)
        os.kill(process.pid, signal.SIGKILL)  # no warm shutdown: the task dies mid-batch
        process.wait()
    finally:
        stop(process)
    moved = InformationRequest.objects.filter(state="overdue").count()
    assert 0 < moved < len(requests), "the kill must land in the middle of the sweep"

    with worker(**slow) as process:
        run_clock_sweep.delay()  # what beat does at its next tick
        wait_for(everything_sent(len(requests)), process, timeout=120)
    ids = message_ids(tmp_path)
    assert len(ids) == len(set(ids)) == len(requests)
    assert StateChange.objects.filter(transition="mark_overdue").count() == len(requests)
    assert Notification.objects.count() == len(requests)
