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


# What each step is called on the pages (the transitions of ``appeals.steps``).
STEP_LABELS = {
    "file": _("complaint received"),
    "uphold": _("upheld"),
    "uphold_partly": _("partly upheld"),
    "reject": _("rejected"),
    "mark_overdue": _("no decision in time"),
    "refer": _("referred to a member"),
    "admit": _("checks met: admissible"),
    "declare_inadmissible": _("declared inadmissible"),
    "body_letter": _("letter of the President to the body"),
    "ask_observations": _("observations asked"),
    "answer_observations": _("observations received"),
    "put_on_agenda": _("put on a session's agenda"),
    "take_off_agenda": _("taken off the agenda"),
    "decide": _("decided"),
    "report_compliance": _("the body reported compliance"),
    "requester_answer": _("the complainant answered the body's report"),
    "record_compliance": _("decision complied with"),
    "record_non_compliance": _("decision not complied with"),
    "publish": _("decision published"),
    "republish": _("published text replaced"),
    "unpublish": _("publication withdrawn"),
    "court_appeal": _("appeal to the administrative court recorded"),
    "court_outcome": _("judgment of the court recorded"),
    "due_date_recomputed": _("due date recomputed after a change of the calendar"),
    "recount_deadline": _("waiting again: the recomputed due date has not passed"),
}


class Step(models.Model):
    """One step of a complaint: the transition, its actor, the states before and after,
    and an optional note (kept in the complaint's trail)."""

    STATES: type[models.TextChoices] | None = None  # the complaint's states, for their names

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

    @property
    def label(self) -> str:
        return str(STEP_LABELS.get(self.transition, self.transition))

    def _state_label(self, value: str) -> str:
        return str(self.STATES(value).label) if self.STATES and value in self.STATES.values else value

    @property
    def from_label(self) -> str:
        return self._state_label(self.from_state)

    @property
    def to_label(self) -> str:
        return self._state_label(self.to_state)
