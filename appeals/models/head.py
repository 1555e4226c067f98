"""The complaint to the head of the body (art. 19).

Open when the request got no answer in time or the requester is not satisfied with it,
within the period ``complaint_head_filing`` of the rules table from the end of the
answer period or from the day the requester received the answer. The head decides
within ``head_decision`` from the day the complaint was received: upheld, partly upheld
or rejected, always reasoned; an upheld complaint reopens the request for disclosure.
Silence past that date makes the complaint overdue and opens the Commission (art. 20)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from requests_app.models import AnswerReceipt, InformationRequest, text_field

from .common import ComplaintChannel, ComplaintRecord, Step


class HeadComplaintState(models.TextChoices):
    RECEIVED = "received", _("Received, awaiting the head's decision")
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    REJECTED = "rejected", _("Rejected")
    OVERDUE = "overdue", _("No decision in time")


HEAD_DECIDED_STATES = [HeadComplaintState.UPHELD, HeadComplaintState.PARTLY_UPHELD,
                       HeadComplaintState.REJECTED]
# The head may still decide after the deadline (the decision is marked late).
HEAD_OPEN_STATES = [HeadComplaintState.RECEIVED, HeadComplaintState.OVERDUE]
HEAD_UPHOLDING_STATES = [HeadComplaintState.UPHELD, HeadComplaintState.PARTLY_UPHELD]


class HeadComplaint(ComplaintRecord, AnswerReceipt):
    """A complaint against a request's handling, addressed to the head of its body; the
    inherited receipt fields record the day the complainant received the head's answer
    (the Commission's window counts from it, art. 20)."""

    PREFIX = "PL"

    class Contested(models.TextChoices):
        NO_ANSWER = "no_answer", _("No answer within the deadline")
        REFUSAL = "refusal", _("The refusal")
        PARTIAL = "partial", _("The partial refusal")
        UNSATISFIED = "unsatisfied", _("The answer does not satisfy the request")

    number = models.CharField(_("registration number"), max_length=20, unique=True)
    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, related_name="head_complaints",
                                verbose_name=_("information request"))
    complainant = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, verbose_name=_("complainant's account"),
                                    related_name="head_complaints")
    channel = models.CharField(_("received by"), max_length=10, choices=ComplaintChannel.choices)
    filed_on = models.DateField(_("received by the body on"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, verbose_name=_("registered by"),
                                      related_name="+")
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    contested = models.CharField(_("what is contested"), max_length=15, choices=Contested.choices)
    reasons = text_field(_("why"), 10000)
    # The art. 19 window, as counted when the complaint was received (shown on its receipt).
    window_start = models.DateField(_("window opened on"))
    window_end = models.DateField(_("last day to complain"))

    state = FSMField(_("state"), default=HeadComplaintState.RECEIVED, choices=HeadComplaintState.choices,
                     protected=True)
    due_date = models.DateField(_("the head decides by"))
    overdue_since = models.DateField(_("without a decision since"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   verbose_name=_("decided by"), related_name="+")
    decision_reasons = text_field(_("reasons of the decision"), 10000, blank=True)
    decided_late = models.BooleanField(_("decided after the deadline"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint to the head of the body")
        verbose_name_plural = _("complaints to the head of the body")
        ordering = ["-filed_on", "-id"]
        indexes = [models.Index(fields=["state", "due_date"], name="head_complaint_state_due")]

    @property
    def is_pending(self) -> bool:
        return self.state == HeadComplaintState.RECEIVED

    @property
    def is_decided(self) -> bool:
        return self.state in HEAD_DECIDED_STATES

    @property
    def is_upheld(self) -> bool:
        return self.state in HEAD_UPHOLDING_STATES

    @property
    def is_overdue(self) -> bool:
        return self.state == HeadComplaintState.OVERDUE

    # -- transitions (run through appeals.head.services, which checks who acts) --------

    @transition(field=state, source=HEAD_OPEN_STATES, target=HeadComplaintState.UPHELD)
    def uphold(self):
        """Disclosure is due: the request is reopened (art. 19)."""

    @transition(field=state, source=HEAD_OPEN_STATES, target=HeadComplaintState.PARTLY_UPHELD)
    def uphold_partly(self):
        """Part of what was contested is due: the request is reopened for that part."""

    @transition(field=state, source=HEAD_OPEN_STATES, target=HeadComplaintState.REJECTED)
    def reject(self):
        pass

    @transition(field=state, source=HeadComplaintState.RECEIVED, target=HeadComplaintState.OVERDUE)
    def mark_overdue(self):
        """The head did not decide in time: the Commission may be seized (art. 20)."""

    @transition(field=state, source=HeadComplaintState.OVERDUE, target=HeadComplaintState.RECEIVED)
    def recount_deadline(self):
        """The calendar changed and the recomputed due date has not passed: the head was
        not late after all (the clock's act, ``appeals.deadlines``)."""


class HeadComplaintStep(Step):
    STATES = HeadComplaintState
    complaint = models.ForeignKey(HeadComplaint, on_delete=models.CASCADE, related_name="steps",
                                  verbose_name=_("complaint"))

    class Meta(Step.Meta):
        verbose_name = _("step of a complaint to the head of the body")
        verbose_name_plural = _("steps of complaints to the head of the body")
