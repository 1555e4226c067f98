"""The one sender: every notification, whatever it is about, leaves through here, at
most once per row: at once, or, for a row held for its recipient's daily digest, in
that day's one e-mail listing them all."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from itertools import groupby
from operator import attrgetter

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from .models import Notification
from .registry import subject
from .signals import notification_sent

log = logging.getLogger(__name__)


def _lease() -> timedelta:
    return timedelta(seconds=settings.NAFIDA_NOTIFICATION_LEASE_SECONDS)


def _claimable(now) -> Q:
    """Not sent, and not claimed by a worker, or claimed longer than a lease ago (that
    worker is gone)."""
    return Q(sent_at=None) & (Q(claimed_at=None) | Q(claimed_at__lt=now - _lease()))


def _claim(pk: int) -> bool:
    """Claim one row for this worker, in its own statement: False if another has it."""
    now = timezone.now()
    return bool(Notification.objects.filter(_claimable(now), pk=pk).update(claimed_at=now))


def _mark_sent(notes: list[Notification]) -> None:
    """Mark the claimed rows ``notes`` sent, in one statement."""
    sent_at = timezone.now()
    Notification.objects.filter(pk__in=[note.pk for note in notes]).update(
        sent_at=sent_at, attempts=F("attempts") + 1)
    for note in notes:
        note.sent_at = sent_at


def send_notifications(limit: int | None = None, ids: Iterable[int] | None = None) -> int:
    """Send the notifications not sent yet (only ``ids``, when given: what one act has
    just owed), except those held for a digest. Each row is claimed (a lease) in its own
    statement before its e-mail goes, then marked sent: a worker killed at any point
    leaves at most the row it was sending to be taken over after the lease."""
    unsent = Notification.objects.filter(sent_at=None, digest=False)
    if ids is not None:
        unsent = unsent.filter(pk__in=list(ids))
    sent = 0
    while limit is None or sent < limit:
        batch = list(unsent.filter(_claimable(timezone.now())).order_by("id")[:settings.NAFIDA_SWEEP_BATCH])
        if not batch:
            return sent
        for note in batch:
            if not _claim(note.pk):
                continue  # another worker has it
            delivered = deliver(note)
            _mark_sent([note])
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


# -- the daily digest -------------------------------------------------------------------------------


def send_digests() -> int:
    """Send each recipient with rows held for the digest one e-mail listing them, then
    mark them sent; returns how many e-mails went. The rows are claimed one by one as
    the immediate sender claims them, so two workers running at once split them and
    none is listed twice; a worker killed mid-way leaves its rows to the next run once
    the lease has passed."""
    held = Notification.objects.filter(_claimable(timezone.now()), digest=True).order_by("recipient", "id")
    sent = 0
    for recipient, rows in groupby(held, key=attrgetter("recipient")):
        notes = [note for note in rows if _claim(note.pk)]
        if not notes:
            continue  # another worker has them
        deliver_digest(recipient, notes)
        _mark_sent(notes)
        sent += 1
    return sent


def digest_line(note: Notification) -> tuple[str, str] | None:
    """What one row says in a digest: a title and a link (its subject's ``summary``,
    else its e-mail's subject line); None if what it was about is gone."""
    about = subject(note.subject_type)
    try:
        target = about.load(note.subject_id)
    except ObjectDoesNotExist:
        return None
    if about.summary is not None:
        return about.summary(note, target)
    email = about.email(note, target)
    return (email.subject, "") if email is not None else None


def deliver_digest(recipient: str, notes: list[Notification]) -> None:
    """One e-mail for ``notes`` (in the order of their ids), in the language of the newest."""
    with translation.override(notes[-1].language):
        lines = [line for line in map(digest_line, notes) if line is not None]
        if not lines:
            return
        email = EmailMessage(
            subject=ngettext("Nafida: %(count)d notice of the day", "Nafida: %(count)d notices of the day",
                             len(lines)) % {"count": len(lines)},
            body=render_to_string("emails/digest.txt", {"lines": lines}),
            to=[recipient],
        )
        first, last = notes[0].pk, notes[-1].pk
        email.extra_headers["Message-ID"] = f"<digest-{first}-{last}@nafida>"
        email.send()

