from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import Designation

from . import legal_clock, notifications, services, tasks
from .models import DeadlineChange, Holiday, LegalRule, StateChange


@receiver(post_save, sender=Holiday)
@receiver(post_delete, sender=Holiday)
def holiday_changed(sender, instance, raw=False, **kwargs):
    # Now for this transaction's reads, and again once committed for everyone's.
    legal_clock._invalidate()
    transaction.on_commit(legal_clock._invalidate)
    if not raw:
        detail = f"{instance.date:%d/%m/%Y} {instance.name_fr}"
        transaction.on_commit(lambda: tasks.recompute_due_dates.delay(
            DeadlineChange.Reason.CALENDAR, detail))


@receiver(post_save, sender=LegalRule)
@receiver(post_delete, sender=LegalRule)
def legal_rule_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        detail = f"{instance.get_period_display()}: {instance.length} ({instance.article})"
        transaction.on_commit(lambda: tasks.recompute_due_dates.delay(
            DeadlineChange.Reason.RULE, detail))


@receiver(post_save, sender=StateChange)
def state_changed(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        notifications.state_changed(instance)


@receiver(post_save, sender=Designation)
def designation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        transaction.on_commit(services.release_ended_assignments)
