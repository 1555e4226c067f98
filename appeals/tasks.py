"""The appeals' Celery tasks: thin wrappers over their services."""

from celery import shared_task

from requests_app.outbox.tasks import RETRY, send_notifications

from . import deadlines


@shared_task(**RETRY)
def recompute_due_dates(reason: str, detail: str = "") -> int:
    """The holiday calendar or a legal rule changed: move the open complaints' dates."""
    moved = deadlines.recompute_due_dates(reason=reason, detail=detail)
    if moved:
        send_notifications.delay()
    return moved
