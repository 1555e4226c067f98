"""The Commission's sessions (arts 24, 26; RI 3-9): at least one a month, called by the
President with the agenda sent ahead by the notice of RI 4 (``session_notice`` and
``session_notice_urgent`` in the rules table); valid with two thirds of the members
present, or whatever the attendance for a second session called within the period of
RI 5 (``second_session``) after one without quorum; decisions by consensus of the members present, else by
majority, the President's vote deciding a tie. Deliberations and minutes are
confidential (RI 9): nothing here is ever shown to the public."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from requests_app.models import text_field

from .commission import CommissionComplaint, CommissionOutcome


class CommissionSession(models.Model):
    class State(models.TextChoices):
        CALLED = "called", _("Called")
        HELD = "held", _("Held, with quorum")
        NO_QUORUM = "no_quorum", _("No quorum")

    held_on = models.DateField(_("date of the session"))
    urgent = models.BooleanField(_("urgent (RI art. 4)"), default=False)
    called_on = models.DateField(_("invitations sent on"))
    called_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  verbose_name=_("called by"), related_name="+")
    # RI 5: a second session after one without quorum is valid whatever the attendance.
    follows = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="second_session",
                                   verbose_name=_("second session after"))
    # Art. 23: the members in office when it sits (the quorum is two thirds of them).
    members_in_office = models.PositiveSmallIntegerField(_("members in office"))
    state = FSMField(_("state"), default=State.CALLED, choices=State.choices, protected=True)
    minutes = text_field(_("minutes (confidential)"), 50000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, verbose_name=_("recorded by"),
                                    related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Commission session")
        verbose_name_plural = _("Commission sessions")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d}"

    @property
    def present_count(self) -> int:
        return self.attendance.filter(present=True).count()

    @property
    def is_second_session(self) -> bool:
        return self.follows_id is not None

    def has_quorum(self, present: int | None = None) -> bool:
        """Art. 24, RI 5: two thirds of the members in office, or any attendance at a
        second session."""
        present = self.present_count if present is None else present
        return self.is_second_session or present * 3 >= self.members_in_office * 2

    @transition(field=state, source=State.CALLED, target=State.HELD)
    def hold(self):
        pass

    @transition(field=state, source=State.CALLED, target=State.NO_QUORUM)
    def record_no_quorum(self):
        pass


class Attendance(models.Model):
    session = models.ForeignKey(CommissionSession, on_delete=models.CASCADE, related_name="attendance",
                                verbose_name=_("session"))
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("member"))
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "member"],
                                               name="one_attendance_per_member")]

    def __str__(self):
        return f"{self.session}: {self.member}"


class AgendaItem(models.Model):
    """A complaint on a session's agenda and, once deliberated, how the decision was
    taken (RI 8). Confidential (RI 9)."""

    class Vote(models.TextChoices):
        PENDING = "", _("Not yet deliberated")
        CONSENSUS = "consensus", _("By consensus of the members present")
        MAJORITY = "majority", _("By majority")
        CASTING_VOTE = "casting_vote", _("By the President's casting vote")
        ADJOURNED = "adjourned", _("Adjourned")

    session = models.ForeignKey(CommissionSession, on_delete=models.CASCADE, related_name="agenda",
                                verbose_name=_("session"))
    complaint = models.ForeignKey(CommissionComplaint, on_delete=models.PROTECT, related_name="agenda_items",
                                  verbose_name=_("complaint"))
    vote = models.CharField(_("how it was decided"), max_length=15, choices=Vote.choices, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    outcome = models.CharField(_("decision"), max_length=20, choices=CommissionOutcome.choices, blank=True)
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "complaint"],
                                               name="one_agenda_item_per_complaint")]

    def __str__(self):
        return f"{self.session}: {self.complaint}"
