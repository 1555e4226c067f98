"""The per-event mails (receipt, decision, message from the body) take the clock's road:
each act writes its Notification rows in its own transaction and a real worker on the
real broker sends them. Killed while it sends (a row claimed, its mail not yet out) and
restarted, the workers send every row exactly once."""

import os
import re
import signal
import time

import pytest

from requests_app import services
from requests_app.models import Notification
from requests_app.outbox.tasks import send_notifications
from tests.factories import BodyFactory, UserFactory, decide_request, make_request, officer_of
from tests.worker import start_worker, stop, wait_for, worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]
LEASE = 1


def message_ids(folder) -> list[str]:
    return [match for path in folder.iterdir() if path.suffix == ".log"
            for match in re.findall(r"^Message-ID: <notification-(\d+)@nafida>$",
                                    path.read_text(errors="replace"), re.M)]


def test_per_event_mails_are_sent_once_by_a_worker_killed_mid_send_and_restarted(real_broker, tmp_path):
    body, requester = BodyFactory(), UserFactory()
    officer = officer_of(body)
    requests = [make_request(body=body, requester=requester, email=f"requester{n}@example.ma")
                for n in range(6)]
    for information_request in requests[:2]:
        decide_request(information_request, "refused", officer=officer)
    for information_request in requests[2:4]:
        services.send_message(actor=officer, information_request=information_request,
                              text="Pouvez-vous préciser la période ?")
    owed = set(Notification.objects.values_list("kind", flat=True))
    assert owed == {"received", "new_request", "decided", "message"}  # the officer told of each request
    total = Notification.objects.count()
    assert total == 16 and not Notification.objects.filter(sent_at__isnull=False).exists()

    mail_dir, marker = tmp_path / "mail", tmp_path / "hanging"
    mail_dir.mkdir()
    settings = {"NAFIDA_MAIL_DIR": mail_dir, "EMAIL_BACKEND": "tests.hanging_mail.EmailBackend",
                "NAFIDA_NOTIFICATION_LEASE_SECONDS": LEASE}
    # The acts queued their own sending: the first worker takes it, and hangs before the
    # fourth mail goes out.
    process = start_worker(**settings, NAFIDA_TEST_MAIL_HANG_AT=4, NAFIDA_TEST_MAIL_MARKER=marker)
    try:
        wait_for(marker.exists, process, every=0.05)
        os.kill(process.pid, signal.SIGKILL)  # no warm shutdown: it dies mid-send
        process.wait()
    finally:
        stop(process)
    assert Notification.objects.filter(sent_at__isnull=False).count() == 3
    claimed = Notification.objects.filter(sent_at=None, claimed_at__isnull=False)
    assert claimed.count() == 1, "one row was claimed and its mail never went"
    assert len(message_ids(mail_dir)) == 3

    time.sleep(LEASE + 0.5)  # the dead worker's claim has lapsed
    with worker(**settings) as process:
        send_notifications.delay()  # what beat's next sweep does
        wait_for(lambda: not Notification.objects.filter(sent_at=None).exists(), process, timeout=120)
    ids = message_ids(mail_dir)
    assert len(ids) == len(set(ids)) == total
    assert set(map(int, ids)) == set(Notification.objects.values_list("pk", flat=True))
