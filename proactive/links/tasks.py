"""The link checker's periodic task (Celery beat, ``check-links`` in the settings)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import services


@shared_task(acks_late=True, autoretry_for=(OperationalError, InterfaceError), retry_backoff=True,
             max_retries=5)
def check_links() -> dict:
    """Check the register's and the datasets' addresses that are due."""
    return services.check_due_links()
