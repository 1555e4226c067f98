"""The link checker's round: which records are due, what each check found, kept on the
record (``LinkHealth``), and the body's officers told when one of their links turns
broken (once per turn: a link that stays broken is not told again)."""

from __future__ import annotations

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import LinkHealth, PortalDataset, RegisterEntry
from . import checker, notices

logger = logging.getLogger(__name__)

Status = LinkHealth.LinkStatus


def _interval() -> timedelta:
    return timedelta(hours=float(getattr(settings, "NAFIDA_LINK_CHECK_INTERVAL_HOURS", 24)))


def _due(rows, now):
    """Never checked, or not since the interval."""
    return rows.filter(Q(link_checked_at__isnull=True) | Q(link_checked_at__lt=now - _interval()))


def due_entries(now):
    return _due(RegisterEntry.objects.current(), now).order_by("link_checked_at", "pk")


def due_datasets(now):
    public = PortalDataset.objects.filter(state__in=[PortalDataset.State.LINKED,
                                                     PortalDataset.State.PUBLISHED]).exclude(url="")
    return _due(public, now).order_by("link_checked_at", "pk")


@transaction.atomic
def record_result(record, result: checker.CheckResult, *, now=None) -> bool:
    """Keep what the check found on ``record``; True when the link has just turned
    broken (its officers are then told, in this transaction)."""
    now = now or timezone.now()
    model = type(record)
    current = model.objects.select_for_update(of=("self",)).only(
        "pk", "link_status", "link_broken_since").get(pk=record.pk)
    turned_broken = not result.ok and current.link_status != Status.BROKEN
    if result.ok:
        broken_since = None
    else:
        broken_since = now if turned_broken else (current.link_broken_since or now)
    # Not a change of the record's content (no history, no ``updated_at``): a fact about its link.
    model.objects.filter(pk=record.pk).update(
        link_status=Status.OK if result.ok else Status.BROKEN, link_checked_at=now,
        link_status_code=result.status_code, link_detail=result.detail[:255], link_broken_since=broken_since)
    if turned_broken:
        notices.tell_link_broken(model, record.pk, timezone.localdate(now))
    return turned_broken


def check_due_links(*, now=None, batch: int | None = None) -> dict[str, int]:
    """One round: the records due, oldest check first, at most ``batch``; a record whose
    host has spent its budget for the minute is left for a later round."""
    now = now or timezone.now()
    batch = batch or int(getattr(settings, "NAFIDA_LINK_CHECK_BATCH", 200))
    counts = {"checked": 0, "broken": 0, "deferred": 0, "turned_broken": 0}
    rows = [*due_entries(now).only("pk", "url", "link_status", "link_checked_at")[:batch],
            *due_datasets(now).only("pk", "url", "link_status", "link_checked_at")[:batch]]
    rows.sort(key=lambda row: (row.link_checked_at is not None, row.link_checked_at or now))
    spent: set[str] = set()
    for record in rows[:batch]:
        host = (urlsplit(record.url).hostname or "").lower()
        if host in spent:
            counts["deferred"] += 1
            continue
        try:
            result = checker.check_url(record.url)
        except Exception:  # one odd address never stops the round for the others
            logger.exception("Link check of %s failed", record.url)
            result = checker.CheckResult(ok=False, detail=checker.UNREACHABLE, final_url=record.url)
        if result.deferred:
            spent.add(host)
            counts["deferred"] += 1
            continue
        counts["checked"] += 1
        counts["broken"] += not result.ok
        counts["turned_broken"] += record_result(record, result, now=now)
    return counts
