from celery import shared_task
from django.conf import settings

from . import preparation, services

# The outbox's tasks (the clock's sweep, the sender) are found by Celery through here.
from .outbox.tasks import (
    RETRY,
    run_clock_sweep,  # noqa: F401
    send_notifications,
)


@shared_task(acks_late=True)
def release_ended_assignments() -> int:
    """Designations end on dates: their officers' requests return to the body's queue."""
    return services.release_ended_assignments()


@shared_task(**RETRY)
def recompute_due_dates(reason: str, detail: str = "") -> int:
    """The holiday calendar or a legal rule changed: move the open requests' dates."""
    moved = services.recompute_due_dates(reason=reason, detail=detail)
    if moved:
        send_notifications.delay()
    return moved


@shared_task(acks_late=True, soft_time_limit=settings.NAFIDA_REDACTION_TIME_LIMIT,
             time_limit=settings.NAFIDA_REDACTION_TIME_LIMIT + 30)
def prepare_document(document_id: int) -> str | None:
    """The public copy of a document added before a decision: flattened if redacted,
    its metadata stripped; bounded in time (soft limit: the officer is told; hard limit:
    the worker's process is ended and the document fails when delivered again)."""
    document = preparation.prepare(document_id)
    return document.status if document else None
