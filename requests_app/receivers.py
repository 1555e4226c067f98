"""How the request reacts to what changes in the layers below it: the calendar or a
legal rule (its open due dates are recomputed) and a designation (an officer who no
longer serves the body gives back the requests assigned to them), and a sign-in (the
drafts another person left in that browser's session are dropped); and a document added
for a decision (its public copy is prepared by a worker)."""

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import Designation

from . import drafts, services, tasks
from .clock.signals import CALENDAR, calendar_changed
from .models import DeadlineChange
from .signals import document_added


@receiver(calendar_changed)
def recompute_due_dates(sender, change, detail, **kwargs):
    reason = DeadlineChange.Reason.CALENDAR if change == CALENDAR else DeadlineChange.Reason.RULE
    transaction.on_commit(lambda: tasks.recompute_due_dates.delay(reason, detail))


@receiver(document_added)
def prepare_the_public_copy(sender, document_id, **kwargs):
    """Off the web request: a worker flattens and cleans it once the act commits."""
    transaction.on_commit(lambda: tasks.prepare_document.delay(document_id))


@receiver(post_save, sender=Designation)
def designation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        transaction.on_commit(services.release_ended_assignments)


@receiver(user_logged_in)
def drop_other_peoples_drafts(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        drafts.drop_others(session, user)
