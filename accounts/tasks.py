from celery import shared_task

from .permissions import sync_all_designation_permissions


@shared_task(acks_late=True)
def sync_designation_permissions() -> int:
    """Refresh guardian's rows, an index of the designations for the administration; the
    rights themselves are read from the designations on the day (accounts.permissions)."""
    return sync_all_designation_permissions()
