"""The complaint to the Commission (art. 20; RI arts 10-16), its investigation and its
follow-up.

Received (registration number, deposit receipt, register: RI 11-13) → referred by the
President to a member or a working group (RI 10, 14) → the checks of RI 15 (the art. 20
procedure, formal and substantive admissibility) → inadmissible, with reasons (RI 16),
or investigating (the President's letter to the body; observations asked of the body by
a date inside the Commission's own period to answer, which nothing suspends) → on a session's agenda
(RI 3-9) → decided, reasoned, and notified with an acknowledgement of receipt (RI 15,
16) → followed up: complied or not complied."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from requests_app import uploads
from requests_app.models import AnswerReceipt, InformationRequest, private_storage, text_field

from .common import ComplaintChannel, ComplaintRecord, Step
from .head import HeadComplaint


class CommissionComplaintState(models.TextChoices):
    RECEIVED = "received", _("Received")
    REFERRED = "referred", _("Referred to a member")
    INVESTIGATING = "investigating", _("Admissible, under investigation")
    DELIBERATION = "deliberation", _("On a session's agenda")
    INADMISSIBLE = "inadmissible", _("Inadmissible")
    DECIDED = "decided", _("Decided")
    COMPLIED = "complied", _("Decision complied with")
    NOT_COMPLIED = "not_complied", _("Decision not complied with")


S = CommissionComplaintState
# The Commission's period to answer runs in these states (art. 20).
COMMISSION_OPEN_STATES = [S.RECEIVED, S.REFERRED, S.INVESTIGATING, S.DELIBERATION]
COMMISSION_ANSWERED_STATES = [S.INADMISSIBLE, S.DECIDED, S.COMPLIED, S.NOT_COMPLIED]


class CommissionOutcome(models.TextChoices):
    """What the Commission decides (RI 16: reasoned, citing the articles relied on)."""

    DISCLOSE_FULLY = "disclose_fully", _("Recommendation to disclose fully")
    DISCLOSE_IN_PART = "disclose_in_part", _("Recommendation to disclose in part")
    REFUSAL_JUSTIFIED = "refusal_justified", _("The refusal is justified")
    INADMISSIBLE = "inadmissible", _("Inadmissible")
    OTHER = "other", _("Other recommendation")


def observation_document_path(instance, filename):
    return f"complaints/{instance.observation.complaint.number}/observations/{uploads.storage_name(filename)}"


class CommissionComplaint(ComplaintRecord, AnswerReceipt):
    """A complaint to the President of the Commission; the inherited receipt fields
    record the day the complainant acknowledged receipt of the decision (RI 15), from
    which the period to appeal to the court runs (art. 21)."""

    PREFIX = "CDAI"

    class Compliance(models.TextChoices):
        NONE = "", _("—")
        CONFIRMED = "confirmed", _("The requester confirms")
        DISPUTED = "disputed", _("The requester disputes")

    number = models.CharField(_("registration number"), max_length=20, unique=True)
    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT,
                                related_name="commission_complaints", verbose_name=_("information request"))
    # The prior complaint to the head of the body (art. 20); none makes it inadmissible.
    head_complaint = models.ForeignKey(HeadComplaint, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="commission_complaints",
                                       verbose_name=_("prior complaint to the head of the body"))
    complainant = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, verbose_name=_("complainant's account"),
                                    related_name="commission_complaints")
    # RI 11: the requester or their legal representative, named.
    representative_name = models.CharField(_("legal representative"), max_length=200, blank=True)
    representative_capacity = models.CharField(_("capacity of the representative"), max_length=200,
                                               blank=True)
    channel = models.CharField(_("received by"), max_length=10, choices=ComplaintChannel.choices)
    filed_on = models.DateField(_("received by the Commission on"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, verbose_name=_("registered by"),
                                      related_name="+")
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    subject = models.CharField(_("subject of the complaint"), max_length=255)
    reasons = text_field(_("why"), 10000)
    # The art. 20 window as counted when it was received (a late complaint is still
    # registered, and found inadmissible with reasons: RI 15-16).
    window_start = models.DateField(_("window opened on"), null=True, blank=True)
    window_end = models.DateField(_("last day to complain"), null=True, blank=True)

    state = FSMField(_("state"), default=S.RECEIVED, choices=S.choices, protected=True)
    due_date = models.DateField(_("the Commission answers by"))
    overdue_since = models.DateField(_("unanswered since"), null=True, blank=True)

    # RI 10, 14: referred by the President to a member, or to a working group.
    rapporteur = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   verbose_name=_("member in charge"), related_name="complaints_referred")
    working_group = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                           verbose_name=_("working group"))
    referred_at = models.DateTimeField(_("referred at"), null=True, blank=True)

    # RI 15: the checks, each answered, with what was found.
    procedure_followed = models.BooleanField(_("the art. 20 procedure was followed"), null=True, blank=True)
    has_standing = models.BooleanField(_("the complainant has standing (arts 3-4)"), null=True, blank=True)
    body_covered = models.BooleanField(_("the body is covered (art. 2)"), null=True, blank=True)
    is_information = models.BooleanField(_("information in the sense of art. 2"), null=True, blank=True)
    in_writing = models.BooleanField(_("in writing"), null=True, blank=True)
    on_time = models.BooleanField(_("within the time limit"), null=True, blank=True)
    checks_note = text_field(_("findings of the checks"), 10000, blank=True)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   verbose_name=_("checked by"), related_name="+")

    # RI 15: the President's letter to the body.
    body_letter_sent_at = models.DateTimeField(_("letter to the body sent at"), null=True, blank=True)

    # RI 16: the decision, reasoned, citing the articles; the session that took it.
    outcome = models.CharField(_("decision"), max_length=20, choices=CommissionOutcome.choices, blank=True)
    decision_reasons = text_field(_("reasons of the decision"), 20000, blank=True)
    articles_cited = models.CharField(_("articles cited"), max_length=255, blank=True)
    session = models.ForeignKey("appeals.CommissionSession", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="decisions", verbose_name=_("decided in session"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   verbose_name=_("decision recorded by"), related_name="+")
    decided_late = models.BooleanField(_("decided after the Commission's period to answer"), default=False)

    # Follow-up: what the body did, what the requester says, what the Commission records.
    body_report = text_field(_("what the body reports it did"), 10000, blank=True)
    body_reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    body_reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                         on_delete=models.SET_NULL, verbose_name=_("reported by"),
                                         related_name="+")
    requester_view = models.CharField(_("the requester's view"), max_length=10, choices=Compliance.choices,
                                      blank=True)
    requester_comment = text_field(_("the requester's comment"), 5000, blank=True)
    requester_answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    # Publication: a deliberate act of the President; the public text is anonymized.
    public_summary = text_field(_("published text of the decision"), 20000, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, verbose_name=_("published by"),
                                     related_name="+")

    history = HistoricalRecords(excluded_fields=["working_group"])

    class Meta:
        verbose_name = _("complaint to the Commission")
        verbose_name_plural = _("complaints to the Commission")
        ordering = ["-filed_on", "-id"]
        indexes = [models.Index(fields=["state", "due_date"], name="commission_state_due"),
                   models.Index(fields=["-published_at"], name="commission_published")]

    @property
    def is_open(self) -> bool:
        return self.state in COMMISSION_OPEN_STATES

    @property
    def is_answered(self) -> bool:
        return self.state in COMMISSION_ANSWERED_STATES

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    # -- transitions (run through appeals.commission.services, which checks who acts) --

    @transition(field=state, source=[S.RECEIVED, S.REFERRED], target=S.REFERRED)
    def refer(self):
        """RI 14: the President refers it to a member (or a working group, RI 10)."""

    @transition(field=state, source=S.REFERRED, target=S.INVESTIGATING)
    def admit(self):
        """RI 15: the procedure was followed and it is admissible."""

    @transition(field=state, source=[S.REFERRED, S.INVESTIGATING, S.DELIBERATION], target=S.INADMISSIBLE)
    def declare_inadmissible(self):
        """RI 15-16: a reasoned decision of inadmissibility."""

    @transition(field=state, source=[S.INVESTIGATING, S.DELIBERATION], target=S.DELIBERATION)
    def put_on_agenda(self):
        """RI 3-4: the complaint is on a session's agenda."""

    @transition(field=state, source=S.DELIBERATION, target=S.INVESTIGATING)
    def take_off_agenda(self):
        """The session did not decide it (no quorum, or adjourned)."""

    @transition(field=state, source=S.DELIBERATION, target=S.DECIDED)
    def decide(self):
        """RI 8, 16: decided in a session with quorum, reasoned."""

    @transition(field=state, source=S.DECIDED, target=S.COMPLIED)
    def record_compliance(self):
        pass

    @transition(field=state, source=S.DECIDED, target=S.NOT_COMPLIED)
    def record_non_compliance(self):
        pass


class CommissionStep(Step):
    STATES = CommissionComplaintState
    complaint = models.ForeignKey(CommissionComplaint, on_delete=models.CASCADE, related_name="steps",
                                  verbose_name=_("complaint"))

    class Meta(Step.Meta):
        verbose_name = _("step of a complaint to the Commission")
        verbose_name_plural = _("steps of complaints to the Commission")


class Observation(models.Model):
    """Observations the Commission asks of the body (RI 15), by a date inside its own
    period to answer (art. 20: nothing suspends it); the body's officers answer from their
    workspace, with documents."""

    complaint = models.ForeignKey(CommissionComplaint, on_delete=models.CASCADE, related_name="observations",
                                  verbose_name=_("complaint"))
    questions = text_field(_("what the Commission asks"), 10000)
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 verbose_name=_("asked by"), related_name="+")
    reply_by = models.DateField(_("reply by"))
    answer = text_field(_("the body's observations"), 20000, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, verbose_name=_("answered by"),
                                    related_name="+")
    late_since = models.DateField(_("unanswered since"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("observations asked of the body")
        verbose_name_plural = _("observations asked of bodies")
        ordering = ["asked_at", "id"]
        indexes = [models.Index(fields=["reply_by"], name="observation_reply_by",
                                condition=models.Q(answered_at__isnull=True))]

    def __str__(self):
        return f"{self.complaint} — {self.reply_by}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class ObservationDocument(models.Model):
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="documents",
                                    verbose_name=_("observations"))
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=observation_document_path, storage=private_storage)
    original_name = models.CharField(_("file name as uploaded"), max_length=255, blank=True)
    content_type = models.CharField(_("type"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("document sent with observations")
        verbose_name_plural = _("documents sent with observations")

    def __str__(self):
        return self.title


class InvestigationNote(models.Model):
    """A note of the investigation (confidential: never on a public page, RI 9)."""

    complaint = models.ForeignKey(CommissionComplaint, on_delete=models.CASCADE, related_name="notes",
                                  verbose_name=_("complaint"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               verbose_name=_("author"), related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    text = text_field(_("note"), 20000)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("investigation note")
        verbose_name_plural = _("investigation notes")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.complaint} — {self.at:%Y-%m-%d}"
