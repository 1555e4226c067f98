from celery import shared_task

from .permissions import sync_all_designation_permissions


@shared_task(acks_late=True)
def sync_designation_permissions() -> int:
    """Designations start and end on dates; rights must follow without anyone acting."""
    return sync_all_designation_permissions()
