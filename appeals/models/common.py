"""What the complaints share: their registration numbers, the ways they arrive, and
the record of each step (who moved it, when, from which state to which)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from requests_app.models import text_field


class ComplaintChannel(models.TextChoices):
    """How a complaint reached the head of the body or the Commission (art. 20: registered
    post or e-mail against an acknowledgement; RI art. 11: deposit at the seat against a
    deposit receipt; RI art. 12: a digital system)."""

    PORTAL = "portal", _("Online portal")
    POST = "post", _("Registered post")
    EMAIL = "email", _("E-mail")
    DEPOSIT = "deposit", _("Deposit at the seat, against a deposit receipt")


class RegistrationSequence(models.Model):
    """The last registration number handed out, per kind of complaint and year."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"],
                                               name="one_sequence_per_prefix_year")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"

    @classmethod
    def next_number(cls, prefix: str, year: int) -> str:
        """The next number, e.g. ``CDAI-2026-000012``, handed out once (in the caller's
        transaction: a complaint that fails to save leaves no hole)."""
        with transaction.atomic():
            cls.objects.get_or_create(prefix=prefix, year=year)
            sequence = cls.objects.select_for_update().get(prefix=prefix, year=year)
            sequence.last += 1
            sequence.save(update_fields=["last"])
        return f"{prefix}-{year}-{sequence.last:06d}"


class ComplaintRecord:
    """What a complaint to the head of the body and one to the Commission say alike:
    their number, the body they are about (the request's), the day of their answer
    (``AnswerReceipt.answered_on``) and where its acknowledgement is kept."""

    def __str__(self):
        return self.number

    @property
    def body(self):
        return self.request.body

    @property
    def answered_on(self) -> date:
        return timezone.localdate(self.decided_at)

    def receipt_folder(self) -> str:
        return f"complaints/{self.number}"


class Step(models.Model):
    """One step of a complaint: the transition, its actor, the states before and after,
    and an optional note (kept in the complaint's trail)."""

    transition = models.CharField(_("step"), max_length=40)
    from_state = models.CharField(_("from"), max_length=30)
    to_state = models.CharField(_("to"), max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              verbose_name=_("actor"), related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = text_field(_("note"), 5000, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]
