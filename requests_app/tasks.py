from celery import shared_task

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
