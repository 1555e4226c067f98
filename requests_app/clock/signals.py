"""When the calendar or the law changes, every deadline that depends on it may move.

The clock does not know which deadlines those are: it says what changed through
``calendar_changed`` (``change`` is "calendar" for a holiday, "rule" for a legal rule;
``detail`` says which), and the request (and later the complaints) recompute theirs."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from . import calendar
from .models import Holiday, LegalRule

CALENDAR, RULE = "calendar", "rule"
calendar_changed = Signal()  # kwargs: change, detail


@receiver(post_save, sender=Holiday)
@receiver(post_delete, sender=Holiday)
def holiday_changed(sender, instance, raw=False, **kwargs):
    # Now for this transaction's reads, and again once committed for everyone's.
    calendar.invalidate()
    transaction.on_commit(calendar.invalidate)
    if not raw:
        calendar_changed.send(sender=Holiday, change=CALENDAR,
                              detail=f"{instance.date:%d/%m/%Y} {instance.name_fr}")


@receiver(post_save, sender=LegalRule)
@receiver(post_delete, sender=LegalRule)
def legal_rule_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        calendar_changed.send(
            sender=LegalRule, change=RULE,
            detail=f"{instance.get_period_display()}: {instance.length} ({instance.article})")
