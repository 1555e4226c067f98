from celery import shared_task

from . import services

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
