"""The one sender: every notification, whatever it is about, leaves through here, at
most once per row."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation

from .models import Notification
from .registry import subject
from .signals import notification_sent

log = logging.getLogger(__name__)


def send_notifications(limit: int | None = None, ids: Iterable[int] | None = None) -> int:
    """Send the notifications not sent yet (only ``ids``, when given: what one act has
    just owed). Each row is claimed (a lease) in its own statement before its e-mail
    goes, then marked sent: a worker killed at any point leaves at most the row it was
    sending to be taken over after the lease."""
    unsent = Notification.objects.filter(sent_at=None)
    if ids is not None:
        unsent = unsent.filter(pk__in=list(ids))
    lease = timedelta(seconds=settings.NAFIDA_NOTIFICATION_LEASE_SECONDS)
    sent = 0
    while limit is None or sent < limit:
        stale = timezone.now() - lease
        batch = list(unsent.filter(Q(claimed_at=None) | Q(claimed_at__lt=stale))
                     .order_by("id").values_list("id", flat=True)[:settings.NAFIDA_SWEEP_BATCH])
        if not batch:
            return sent
        for pk in batch:
            now = timezone.now()
            claimed = Notification.objects.filter(
                Q(claimed_at=None) | Q(claimed_at__lt=now - lease), pk=pk, sent_at=None,
            ).update(claimed_at=now)
            if not claimed:
                continue  # another worker has it
            note = Notification.objects.get(pk=pk)
            delivered = deliver(note)
            note.sent_at = timezone.now()
            Notification.objects.filter(pk=pk).update(sent_at=note.sent_at, attempts=note.attempts + 1)
            sent += 1
            if delivered:
                _announce(note)
    return sent


def _announce(note: Notification) -> None:
    """Tell the apps that the row's e-mail left (an answer is received that day)."""
    for receiver, result in notification_sent.send_robust(sender=Notification, notification=note,
                                                          sent_at=note.sent_at):
        if isinstance(result, Exception):
            log.error("After sending notification %s, %r failed: %r", note.pk, receiver, result,
                      exc_info=result)


def deliver(note: Notification) -> bool:
    """Write the row's e-mail in its language, through its subject, and send it;
    returns whether an e-mail left."""
    about = subject(note.subject_type)
    with translation.override(note.language):
        email = about.email(note, about.load(note.subject_id))
        if email is None:
            return False
        email.to = [note.recipient]
        # One Message-ID per row: a copy that did go out twice is recognisable as one.
        email.extra_headers["Message-ID"] = f"<notification-{note.pk}@nafida>"
        email.send()
        return True
