"""The publication on the open-data portal, off the web request: thin wrappers over
``services``. A portal that is down, slow or overloaded delays a publication, never
loses it: the task sends itself again with growing pauses (rather than Celery's own
retry, so that the date of the next attempt is the one the officer sees) (``NAFIDA_CKAN_RETRY_SECONDS``
doubled each time, at most ``NAFIDA_CKAN_RETRY_MAX_SECONDS``), ``NAFIDA_CKAN_MAX_RETRIES``
times; after that the dataset stays pending with its next attempt's date, and beat's
sweep (``retry_pending_datasets``) queues it again when that date comes."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from . import ckan, publication


def _max_retries() -> int:
    return int(getattr(settings, "NAFIDA_CKAN_MAX_RETRIES", 5))


@shared_task(acks_late=True, autoretry_for=(OperationalError, InterfaceError), retry_backoff=True,
             retry_backoff_max=600, max_retries=10)
def publish_dataset(pk: int, due: str | None = None, retry: int = 0) -> str:
    """One attempt at publishing the pending dataset ``pk``. On trouble the next attempt
    is sent for the date the dataset shows (``due``, which lets that attempt, and no
    other, take it before its lease ends), ``retry`` counting the attempts sent so."""
    try:
        return publication.attempt(pk, due=_parsed(due))
    except ckan.PortalUnavailable:
        if retry >= _max_retries():
            return "pending"  # the sweep takes it up at its next attempt's date
        next_at = publication.PortalDataset.objects.values_list("next_attempt_at", flat=True).get(pk=pk)
        publish_dataset.apply_async((pk,), {"due": next_at.isoformat(), "retry": retry + 1},
                                    countdown=max(0.0, (next_at - timezone.now()).total_seconds()))
        return "retrying"


@shared_task(acks_late=True, autoretry_for=(OperationalError, InterfaceError), retry_backoff=True,
             retry_backoff_max=600, max_retries=10)
def patch_dataset(pk: int, retry: int = 0) -> str:
    """The register entry changed: its texts go to the published package."""
    try:
        return publication.patch(pk)
    except ckan.PortalUnavailable:
        if retry >= _max_retries():
            return "pending"
        patch_dataset.apply_async((pk,), {"retry": retry + 1},
                                  countdown=publication.backoff(retry + 1).total_seconds())
        return "retrying"


@shared_task(acks_late=True, autoretry_for=(OperationalError, InterfaceError), retry_backoff=True,
             retry_backoff_max=600, max_retries=10)
def retry_pending_datasets() -> int:
    """What beat runs: every pending dataset whose next attempt has come, queued again."""
    pks = list(publication.due_for_retry())
    for pk in pks:
        publish_dataset.delay(pk)
    return len(pks)


def _parsed(due: str | None):
    from django.utils.dateparse import parse_datetime

    return parse_datetime(due) if due else None
