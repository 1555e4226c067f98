"""The outbox's Celery tasks: idempotent (every message is a unique row first),
acknowledged only once done (a worker lost mid-task leaves it to another), retried with
back-off on database or broker trouble, and made of short transactions."""

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction

from . import clocks, sender

RETRY = dict(acks_late=True, autoretry_for=(OperationalError, InterfaceError, OSError),
             retry_backoff=True, retry_backoff_max=600, max_retries=10)


@shared_task(**RETRY)
def run_clock_sweep() -> dict:
    """What beat runs: every registered clock, then the notifications they owe."""
    counts = clocks.sweep()
    send_notifications.delay()
    return counts


@shared_task(**RETRY)
def send_notifications(ids: list[int] | None = None) -> int:
    """Send what is owed: everything, or the rows ``ids`` one act has just written."""
    return sender.send_notifications(ids=ids)


@shared_task(**RETRY)
def send_digests() -> int:
    """What beat runs once a day: each recipient's rows held for the digest, in one e-mail."""
    return sender.send_digests()


def send_soon(ids: list[int]) -> None:
    """Once the transaction that owed them commits, send the rows ``ids`` (the beat's
    next sweep sends any that a lost worker left behind)."""
    if ids:
        transaction.on_commit(lambda: send_notifications.delay(ids=list(ids)))
