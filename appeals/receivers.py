"""How the appeals react to the layers below them: a change of the calendar or of a
legal rule moves the open complaints' due dates (``deadlines``), by a worker once the
change commits, as it moves the requests'."""

from django.db import transaction
from django.dispatch import receiver

from requests_app.clock.signals import CALENDAR, calendar_changed
from requests_app.models import DeadlineChange

from . import tasks


@receiver(calendar_changed)
def recompute_due_dates(sender, change, detail, **kwargs):
    reason = DeadlineChange.Reason.CALENDAR if change == CALENDAR else DeadlineChange.Reason.RULE
    transaction.on_commit(lambda: tasks.recompute_due_dates.delay(reason, detail))
