from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import notifications


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_requester_email(request_id: int, kind: str, message_id: int | None = None) -> bool:
    """Send one e-mail about a request to its requester (SMTP errors are retried)."""
    return notifications.send(request_id, kind, message_id)


@shared_task(acks_late=True)
def release_ended_assignments() -> int:
    """Designations end on dates: their officers' requests return to the body's queue."""
    from .services import release_ended_assignments as release

    return release()


# The clock's tasks: idempotent (every message is a unique row first), acknowledged
# only once done (a worker lost mid-task leaves it to another), retried with back-off
# on database or broker trouble, and made of short transactions (one per batch).
_RETRY = dict(acks_late=True, autoretry_for=(OperationalError, InterfaceError, OSError),
              retry_backoff=True, retry_backoff_max=600, max_retries=10)


@shared_task(**_RETRY)
def run_clock_sweep() -> dict:
    """What beat runs: every clock, then the notifications it owes."""
    from . import sweeps

    counts = sweeps.sweep()
    send_notifications.delay()
    return counts


@shared_task(**_RETRY)
def send_notifications() -> int:
    from . import sweeps

    return sweeps.send_notifications()


@shared_task(**_RETRY)
def recompute_due_dates(reason: str, detail: str = "") -> int:
    """The holiday calendar or a legal rule changed: move the open requests' dates."""
    from . import sweeps

    moved = sweeps.recompute_due_dates(reason=reason, detail=detail)
    if moved:
        send_notifications.delay()
    return moved
