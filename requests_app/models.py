"""The request for information (art. 14), its state machine, decisions, messages and
the body's own records about it. The law's catalogue and periods are in ``clock``;
every change of state goes through ``services``."""

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, can_proceed, transition
from simple_history.models import HistoricalRecords

from accounts.identity import check_id_number, normalize_id_number
from accounts.models import IdentityDocument, PublicBody

from . import uploads
from .clock.models import Exemption, Holiday, LegalRule, RefusalGround
from .outbox.models import Notification
from .permissions import can_handle, can_reopen, can_submit, can_withdraw

# Registered with this app from their own packages: the law as data and the outbox.
__all__ = ["Exemption", "Holiday", "LegalRule", "Notification", "RefusalGround"]


def text_field(label, limit: int, **kwargs) -> models.TextField:
    """A text column with a length limit that every entry point enforces (forms, the
    services' ``full_clean`` and the coming API), not only the page's form."""
    return models.TextField(label, max_length=limit, validators=[MaxLengthValidator(limit)], **kwargs)


class ReferenceSequence(models.Model):
    """The last reference number handed out in a year (e.g. 2026-000123)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class RequestState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_PROGRESS = "in_progress", _("In progress")
    GRANTED = "granted", _("Granted")
    PARTIALLY_GRANTED = "partially_granted", _("Partially granted")
    REFUSED = "refused", _("Refused")
    OVERDUE = "overdue", _("Overdue (no answer in time)")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATES = [RequestState.SUBMITTED, RequestState.IN_PROGRESS]
DECIDED_STATES = [RequestState.GRANTED, RequestState.PARTIALLY_GRANTED, RequestState.REFUSED]
# A late answer is still possible after the deadline (the decision is marked late).
ANSWERABLE_STATES = [RequestState.SUBMITTED, RequestState.IN_PROGRESS, RequestState.OVERDUE]


class InformationRequestQuerySet(models.QuerySet):
    def among(self, ids) -> "InformationRequestQuerySet":
        """The requests whose ids are ``ids`` (the clock's batches of a thousand): written
        as one list of numbers, where ``pk__in`` would prepare each id apart, at a cost
        higher than the statement it builds."""
        ids = [int(pk) for pk in ids]
        return self.filter(pk__in=RawSQL(", ".join(map(str, ids)), [])) if ids else self.none()


class InformationRequest(ConcurrentTransitionMixin, models.Model):
    """A request for information (art. 14). State changes only through transitions,
    called by ``requests_app.services``."""

    State = RequestState

    IdType = IdentityDocument

    class UrgencyReason(models.TextChoices):
        NONE = "", _("—")
        LIFE = "life", _("Protect a person's life")
        SAFETY = "safety", _("Protect a person's safety")
        LIBERTY = "liberty", _("Protect a person's liberty")

    class Delivery(models.TextChoices):
        # Art. 15.
        CONSULTATION = "consultation", _("Consultation on the body's premises")
        EMAIL = "email", _("By e-mail")
        OTHER_MEDIUM = "other", _("Another medium (paper copy, storage device…)")

    class Channel(models.TextChoices):
        # Art. 14 lists deposit, post and e-mail; the portal is the electronic form.
        PORTAL = "portal", _("Online portal")
        COUNTER = "counter", _("Deposit at the counter")
        POST = "post", _("Post")
        EMAIL = "email", _("E-mail")

    class ExtensionGround(models.TextChoices):
        # Art. 16: the four grounds for one extension.
        NOT_ANSWERED_IN_TIME = "not_answered_in_time", _(
            "The body could not answer fully or partly within the period"
        )
        LARGE_VOLUME = "large_volume", _("The request concerns a large volume of information")
        NOT_PROVIDABLE_IN_TIME = "not_providable_in_time", _(
            "The information could not be provided within the period"
        )
        THIRD_PARTY = "third_party", _("A third party must be consulted first (art. 9)")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    body = models.ForeignKey(
        PublicBody, verbose_name=_("body"), on_delete=models.PROTECT, related_name="requests"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="information_requests",
    )
    # Art. 14 identity, as it stood when the request was made.
    first_name = models.CharField(_("first name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    address = text_field(_("personal address"), 500)
    id_type = models.CharField(_("identity document"), max_length=10, choices=IdType.choices)
    id_number = models.CharField(_("identity document number"), max_length=30)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    subject = models.CharField(_("subject"), max_length=255)
    # What the public register shows of the subject: the subject itself, or, when the
    # requester wrote personal data into it (a patient's or a detainee's name), the
    # subject with those words masked by the body (Law 09-08). Public pages, feeds and
    # exports read this column, never ``subject``.
    public_subject = models.CharField(_("subject on the public register"), max_length=255,
                                      blank=True)
    subject_masked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("subject masked by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    subject_masked_at = models.DateTimeField(_("subject masked at"), null=True, blank=True)
    information_sought = text_field(_("information sought"), 10000)
    is_urgent = models.BooleanField(_("urgent (art. 17)"), default=False)
    urgency_reason = models.CharField(
        _("urgency reason"), max_length=10, choices=UrgencyReason.choices, blank=True
    )
    urgency_explanation = text_field(_("why it is urgent"), 2000, blank=True)
    delivery_preference = models.CharField(
        _("delivery preference (art. 15)"),
        max_length=15,
        choices=Delivery.choices,
        default=Delivery.EMAIL,
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="ar"
    )

    state = FSMField(
        _("state"), default=RequestState.DRAFT, choices=RequestState.choices, protected=True
    )
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # Art. 16: one extension, notified before expiry, with reasons.
    extension_ground = models.CharField(
        _("extension ground"), max_length=30, choices=ExtensionGround.choices, blank=True
    )
    extension_reasons = text_field(_("extension reasons"), 5000, blank=True)
    extension_notified_on = models.DateField(_("extension notified on"), null=True, blank=True)
    # Art. 17: the body may treat a request filed as urgent as an ordinary one when the
    # information is not needed to protect a person's life, safety or liberty; it says why.
    reclassified_on = models.DateField(_("reclassified as ordinary on"), null=True, blank=True)
    reclassification_reasons = text_field(_("reasons for the reclassification (art. 17)"), 5000,
                                          blank=True)
    decided_late = models.BooleanField(_("answered late"), default=False)
    # The decision in force. A request may carry several (``decisions``): a complaint to
    # the head of the body that is upheld (art. 19) reopens it, the decision it overturned
    # stays on record, and the next answer becomes the one in force.
    decision = models.OneToOneField(
        "Decision", verbose_name=_("decision in force"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    # Art. 19: reopened for disclosure on the day a complaint was upheld; the new answer
    # period (``LegalRule.Period.ANSWER_AFTER_COMPLAINT``) counts from that day.
    reopened_on = models.DateField(_("reopened for disclosure on"), null=True, blank=True)
    reopening_reasons = text_field(_("why it was reopened"), 5000, blank=True)
    # The requester decides whether released documents appear on the public register.
    publication_consent = models.BooleanField(
        _("released documents may be published"), default=False
    )
    # One submission of the portal form makes one request, however often it is sent.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # Printed on the receipt of a request registered by an officer: with the reference,
    # it lets the requester attach the request to their account later.
    claim_code = models.CharField(_("claim code"), max_length=12, blank=True, editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned officer"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="assigned_requests",
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = InformationRequestQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["-received_at", "-id"]
        indexes = [
            # The sweeps select open requests by due date.
            models.Index(fields=["state", "due_date"], name="request_state_due"),
            models.Index(fields=["body", "state"], name="request_body_state"),
            # The overdue sweep and the reminders walk the open requests by due date.
            models.Index(fields=["due_date", "id"], name="open_request_due",
                         condition=Q(state__in=["submitted", "in_progress"])),
            # The register and "my requests" list the newest first.
            models.Index(fields=["-received_at", "-id"], name="request_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_urgent=False) | ~Q(urgency_reason=""),
                name="urgent_request_has_reason",
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self) -> str:
        """The requester's page (the public one is ``register:entry``)."""
        return reverse("requests:detail", args=[self.reference])

    def clean(self):
        # Art. 14: the identity document's number, in the format of its kind.
        self.id_number = normalize_id_number(self.id_number)
        check_id_number(self.id_type, self.id_number)

    # -- facts ----------------------------------------------------------------------

    @property
    def received_on(self) -> date | None:
        return timezone.localdate(self.received_at) if self.received_at else None

    @property
    def is_subject_masked(self) -> bool:
        return self.public_subject != self.subject

    @property
    def is_extended(self) -> bool:
        return bool(self.extension_ground)

    @property
    def answer_period(self) -> str:
        if self.reopened_on:
            return LegalRule.Period.ANSWER_AFTER_COMPLAINT
        return (
            LegalRule.Period.ANSWER_URGENT if self.is_urgent else LegalRule.Period.ANSWER_ORDINARY
        )

    @property
    def answer_period_start(self) -> date | None:
        """The day the answer period counts from: the receipt (arts 16-17), or the day a
        complaint reopened the request (art. 19)."""
        return self.reopened_on or self.received_on

    @property
    def is_reopened(self) -> bool:
        return self.reopened_on is not None

    @property
    def extension_period(self) -> str:
        return (
            LegalRule.Period.EXTENSION_URGENT
            if self.is_urgent
            else LegalRule.Period.EXTENSION_ORDINARY
        )

    def can_be_extended(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return not self.is_extended and self.due_date is not None and on <= self.due_date

    def is_past_due(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.due_date is not None and on > self.due_date

    # -- where it stands, for pages: no state name is spelt out in a view or template --

    @property
    def is_open(self) -> bool:
        """Received and not answered, with its answer period still running."""
        return self.state in OPEN_STATES

    @property
    def is_answerable(self) -> bool:
        """An answer can still be given (after the deadline it is marked late)."""
        return self.state in ANSWERABLE_STATES

    @property
    def is_decided(self) -> bool:
        return self.state in DECIDED_STATES

    @property
    def is_overdue(self) -> bool:
        return self.state == RequestState.OVERDUE

    @property
    def is_withdrawn(self) -> bool:
        return self.state == RequestState.WITHDRAWN

    @property
    def accepts_messages(self) -> bool:
        """Requester and body may write to each other once it is sent, until withdrawn."""
        return self.state not in (RequestState.DRAFT, RequestState.WITHDRAWN)

    @property
    def can_be_withdrawn(self) -> bool:
        return can_proceed(self.withdraw)

    # -- transitions: called only from services, which lock the row first -----------

    @transition(field=state, source=RequestState.DRAFT, target=RequestState.SUBMITTED,
                permission=can_submit)
    def submit(self, *, by=None):
        """Receipt: the clock starts (art. 16–17)."""

    @transition(field=state, source=RequestState.SUBMITTED, target=RequestState.IN_PROGRESS,
                permission=can_handle)
    def start_examination(self, *, by=None):
        pass

    @transition(field=state, source=OPEN_STATES, target=RequestState.IN_PROGRESS,
                conditions=[can_be_extended], permission=can_handle)
    def extend(self, *, by=None):
        """Art. 16: once, before expiry, on one of four grounds."""

    @transition(field=state, source=OPEN_STATES, target=RequestState.IN_PROGRESS,
                permission=can_handle)
    def consult_third_party(self, *, by=None):
        """Art. 9: a fact on the request, not a dead-end state."""

    def is_urgent_request(self) -> bool:
        return self.is_urgent

    @transition(field=state, source=OPEN_STATES, target=RequestState.IN_PROGRESS,
                conditions=[is_urgent_request], permission=can_handle)
    def reclassify(self, *, by=None):
        """Art. 17 does not apply: the request is answered in the ordinary period."""

    @transition(field=state, source=ANSWERABLE_STATES, target=RequestState.GRANTED,
                permission=can_handle)
    def grant(self, *, by=None):
        pass

    @transition(field=state, source=ANSWERABLE_STATES, target=RequestState.PARTIALLY_GRANTED,
                permission=can_handle)
    def grant_partially(self, *, by=None):
        pass

    @transition(field=state, source=ANSWERABLE_STATES, target=RequestState.REFUSED,
                permission=can_handle)
    def refuse(self, *, by=None):
        pass

    @transition(field=state, source=OPEN_STATES, target=RequestState.OVERDUE,
                conditions=[is_past_due])
    def mark_overdue(self, *, by=None):
        """Silence at the deadline opens the complaint (art. 19)."""

    @transition(field=state, source=RequestState.OVERDUE, target=RequestState.IN_PROGRESS)
    def recount_deadline(self, *, by=None):
        """The calendar or a rule changed and the recomputed due date has not passed: the
        request was not overdue after all (the clock's act, never an officer's: the
        services call it only then)."""

    @transition(field=state, source=[*DECIDED_STATES, RequestState.OVERDUE],
                target=RequestState.IN_PROGRESS, permission=can_reopen)
    def reopen(self, *, by=None):
        """A complaint to the head of the body is upheld (art. 19): the request is open
        for disclosure again; the decision it overturned stays in ``decisions``."""

    @transition(field=state, source=[RequestState.DRAFT, *ANSWERABLE_STATES],
                target=RequestState.WITHDRAWN, permission=can_withdraw)
    def withdraw(self, *, by=None):
        pass


class StateChange(models.Model):
    """Who moved a request from which state to which, and when."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="state_changes",
        verbose_name=_("information request"),
    )
    transition = models.CharField(_("transition"), max_length=40)
    from_state = models.CharField(_("from"), max_length=20, choices=RequestState.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=RequestState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        verbose_name=_("actor"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = text_field(_("note"), 5000, blank=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.request} {self.from_state} → {self.to_state}"

    # The acts that are more than a move between states, named on the timeline.
    ACTS = {
        "extend": _("Extension of the deadline (art. 16)"),
        "consult_third_party": _("Third party consulted (art. 9)"),
        "withdraw": _("Withdrawal of the request"),
    }

    @property
    def act_label(self) -> str:
        """What the change was, when its states alone do not say it (an extension or a
        consultation may leave the request in progress)."""
        return self.ACTS.get(self.transition, "")

    @property
    def moves(self) -> bool:
        return self.from_state != self.to_state


class DeadlineChange(models.Model):
    """Every value the due date has had, and why it moved."""

    class Reason(models.TextChoices):
        RECEIPT = "receipt", _("Request received")
        EXTENSION = "extension", _("Extension (art. 16)")
        CALENDAR = "calendar", _("Holiday calendar changed")
        RULE = "rule", _("Legal rule changed")
        RECLASSIFICATION = "reclassification", _("Reclassified as an ordinary request (art. 17)")
        REOPENED = "reopened", _("Reopened after an upheld complaint (art. 19)")

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="deadline_changes",
        verbose_name=_("information request"),
    )
    old_due_date = models.DateField(_("old due date"), null=True, blank=True)
    new_due_date = models.DateField(_("new due date"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    detail = models.TextField(_("detail"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        verbose_name=_("actor"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("deadline change")
        verbose_name_plural = _("deadline changes")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.request}: {self.old_due_date} → {self.new_due_date}"


class ThirdPartyConsultation(models.Model):
    """Art. 9: information a third party supplied in confidence needs its consent; on a
    refusal the body decides, taking its reasons into account."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("Waiting for the answer")
        CONSENTED = "consented", pgettext_lazy("third party's answer", "Consented")
        REFUSED = "refused", pgettext_lazy("third party's answer", "Refused")
        NO_ANSWER = "no_answer", pgettext_lazy("third party's answer", "No answer")

    class Determination(models.TextChoices):
        NONE = "", _("—")
        DISCLOSE = "disclose", _("The body discloses the information despite the refusal")
        WITHHOLD = "withhold", _("The body withholds the information")

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="consultations",
        verbose_name=_("information request"),
    )
    third_party = models.CharField(_("third party"), max_length=255)
    contact = models.CharField(_("contact"), max_length=255, blank=True)
    asked_on = models.DateField(_("asked on"))
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    reasons = text_field(_("reasons given"), 5000, blank=True)
    # Art. 9: after the third party's refusal the body itself decides, taking its reasons
    # into account, and records what it decided and why.
    determination = models.CharField(_("the body's determination (art. 9)"), max_length=10,
                                     choices=Determination.choices, blank=True)
    determination_reasons = text_field(_("reasons of the body's determination"), 5000, blank=True)
    determined_at = models.DateTimeField(_("determined at"), null=True, blank=True)
    determined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        verbose_name=_("determined by"), related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("third-party consultation")
        verbose_name_plural = _("third-party consultations")
        ordering = ["asked_on", "id"]

    def __str__(self):
        return f"{self.request} — {self.third_party}"

    @property
    def is_pending(self) -> bool:
        return self.answer == self.Answer.PENDING

    @property
    def awaits_determination(self) -> bool:
        """The third party refused and the body has not yet decided (art. 9)."""
        return self.answer == self.Answer.REFUSED and not self.determination


def private_storage():
    """Files that are not public until published: served only by permission-checked
    views, never from MEDIA_URL."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class ReceivedVia(models.TextChoices):
    """How a person received an answer: the portal and e-mail are recorded by the
    system, post and counter by an officer with the acknowledgement of receipt."""

    PORTAL = "portal", _("seen on the portal")
    EMAIL = "email", _("sent by e-mail")
    POST = "post", _("by post, with an acknowledgement of receipt")
    COUNTER = "counter", _("at the counter, against a signed receipt")


# The ways an officer records, each with its acknowledgement; the others are the system's.
RECEIVED_VIA_OFFICER = [ReceivedVia.POST, ReceivedVia.COUNTER]


# Every stored upload's name is chosen by the server with the detected extension
# (``uploads.storage_name``): the client's name is kept in a field, never in the path.


def receipt_proof_path(instance, filename):
    return f"{instance.receipt_folder()}/receipt/{uploads.storage_name(filename)}"


class AnswerReceipt(models.Model):
    """The day a person received an answer, and how: the day a remedy's window starts
    (art. 19 from the body's answer, art. 20 from the head's, art. 21 from the
    Commission's). Until it is known, the window has not started. An answer that
    carries it inherits this and defines ``answered_on`` (no receipt before it) and
    ``receipt_folder`` (where the acknowledgement is kept); ``requests_app.receipts``
    records it."""

    received_on = models.DateField(_("received by the requester on"), null=True, blank=True)
    received_via = models.CharField(_("received"), max_length=10, choices=ReceivedVia.choices,
                                    blank=True)
    receipt_proof = models.FileField(_("acknowledgement of receipt"), upload_to=receipt_proof_path,
                                     storage=private_storage, blank=True)
    receipt_proof_name = models.CharField(_("file name of the acknowledgement"), max_length=255,
                                          blank=True)
    receipt_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        verbose_name=_("receipt recorded by"), related_name="+",
    )
    receipt_recorded_at = models.DateTimeField(_("receipt recorded at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def answered_on(self) -> date:
        raise NotImplementedError

    def receipt_folder(self) -> str:
        raise NotImplementedError

    @property
    def is_received(self) -> bool:
        return self.received_on is not None

    @property
    def receipt_recorded_by_officer(self) -> bool:
        return self.received_via in RECEIVED_VIA_OFFICER


class Decision(AnswerReceipt):
    """The answer to a request: outcome, grounds, documents, delivery and costs, and
    the day the requester received it (art. 19)."""

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Granted")
        PARTIALLY_GRANTED = "partially_granted", _("Partially granted (art. 8)")
        REFUSED = "refused", _("Refused (art. 18)")

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="decisions",
        verbose_name=_("information request"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
        verbose_name=_("decided by"), related_name="+",
    )
    late = models.BooleanField(_("answered after the deadline"), default=False)
    working_days_taken = models.IntegerField(
        _("working days taken to answer"), null=True, blank=True
    )
    explanation = text_field(_("reasons and explanation"), 10000, blank=True)
    refusal_grounds = models.ManyToManyField(
        RefusalGround, verbose_name=_("refusal grounds (art. 18)"), blank=True,
        through="DecisionGround",
    )
    publication_reference = models.CharField(
        _("reference of the publication"), max_length=255, blank=True
    )
    publication_location = models.CharField(
        _("where it can be obtained"), max_length=500, blank=True
    )
    # The published record the officer picked for "already published" (art. 18), as the
    # key a publication source gives it (``requests_app.publications``), e.g. "entry:12".
    publication_key = models.CharField(_("publication picked"), max_length=60, blank=True)
    earlier_request = models.ForeignKey(
        InformationRequest, null=True, blank=True, on_delete=models.PROTECT,
        verbose_name=_("earlier request already answered"), related_name="+",
    )
    delivery_method = models.CharField(
        _("delivery method (art. 15)"), max_length=15,
        choices=InformationRequest.Delivery.choices, blank=True,
    )
    copying_cost = models.DecimalField(
        _("copying or processing cost (MAD, art. 5)"), max_digits=10, decimal_places=2,
        default=Decimal("0"), validators=[MinValueValidator(Decimal("0"))],
    )
    sending_cost = models.DecimalField(
        _("sending cost (MAD, art. 5)"), max_digits=10, decimal_places=2,
        default=Decimal("0"), validators=[MinValueValidator(Decimal("0"))],
    )

    # Art. 19: the day an upheld complaint overturned it; it stays on record.
    overturned_on = models.DateField(_("overturned on (art. 19)"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["decided_at", "id"]
        get_latest_by = ["decided_at", "id"]

    def __str__(self):
        return f"{self.request} — {self.get_outcome_display()}"

    @property
    def is_overturned(self) -> bool:
        return self.overturned_on is not None

    @property
    def is_refusal(self) -> bool:
        """A refusal releases no document (art. 18)."""
        return self.outcome == self.Outcome.REFUSED

    @property
    def answered_on(self) -> date:
        return timezone.localdate(self.decided_at)

    def receipt_folder(self) -> str:
        return f"requests/{self.request.reference}"


class DecisionGround(models.Model):
    """An art. 18 ground relied on for a refusal or for a part withheld in a partial
    grant (art. 8), with its own written reason: art. 18 wants a refusal reasoned, not
    a label. The art. 7 ground is reasoned by its exemption citations."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="grounds",
                                 verbose_name=_("decision"))
    ground = models.ForeignKey(RefusalGround, on_delete=models.PROTECT,
                               verbose_name=_("ground (art. 18)"))
    reason = text_field(_("reason"), 5000, blank=True)
    withheld_part = models.CharField(_("part withheld"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ground relied on (art. 18)")
        verbose_name_plural = _("grounds relied on (art. 18)")
        ordering = ["ground__item", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "ground"], name="one_reason_per_ground",
                                    violation_error_message=_("Each ground is cited once per "
                                                              "decision.")),
        ]

    def __str__(self):
        return f"{self.decision.request} — {self.ground}"


class ExemptionCitation(models.Model):
    """An art. 7 exemption relied on, with the justification shown to the public."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="citations")
    exemption = models.ForeignKey(
        Exemption, on_delete=models.PROTECT, verbose_name=_("exemption")
    )
    public_justification = text_field(_("public justification"), 5000)
    withheld_part = models.CharField(_("part withheld"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exemption citation")
        verbose_name_plural = _("exemption citations")

    def __str__(self):
        return f"{self.decision.request} — {self.exemption.citation}"


def decision_document_path(instance, filename):
    return f"requests/{instance.decision.request.reference}/{uploads.storage_name(filename)}"


def prepared_original_path(instance, filename):
    """Where the file the officer uploaded is kept (never published): a name the server
    chooses, with the extension of the type read from its content."""
    return f"requests/{instance.request.reference}/prepared/{uuid.uuid4().hex}.{instance.extension}"


def prepared_copy_path(instance, filename):
    return f"requests/{instance.request.reference}/prepared/public/{uuid.uuid4().hex}.{instance.extension}"


class PreparedDocument(models.Model):
    """A document an officer adds to a request before deciding, and its public copy,
    prepared off the web request by a task (``requests_app.preparation``): a redacted
    version (art. 8) is flattened into page images, and every copy loses its metadata
    (author, title, XMP, EXIF). The decision releases the ready copies under the title
    the officer typed; the file as uploaded stays with the body."""

    class Kind(models.TextChoices):
        FULL = "full", _("released in full")
        REDACTED = "redacted", _("redacted version (art. 8)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be prepared")
        RUNNING = "running", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE,
                                related_name="prepared_documents", verbose_name=_("information request"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    public_title = models.CharField(_("public title"), max_length=255)
    original = models.FileField(_("file as uploaded"), upload_to=prepared_original_path,
                                storage=private_storage)
    # The uploader's own name for the file: shown to the body's officers only.
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    prepared = models.FileField(_("public copy"), upload_to=prepared_copy_path, blank=True,
                                storage=private_storage)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    pages_done = models.PositiveIntegerField(_("pages done"), default=0)
    pages_total = models.PositiveIntegerField(_("pages in all"), null=True, blank=True)
    error = models.TextField(_("why it failed"), blank=True)
    # A redacted version's copy: whether OCR gave it a searchable text layer (None: not
    # flattened, the document keeps its own text).
    text_layer = models.BooleanField(_("searchable text layer"), null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 verbose_name=_("added by"), related_name="+")
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    started_at = models.DateTimeField(_("preparation started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("prepared at"), null=True, blank=True)
    # The officer's language when they added it: the task writes its message in it.
    language = models.CharField(_("language"), max_length=10, blank=True)
    decision = models.ForeignKey("Decision", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="prepared_documents", verbose_name=_("decision"))

    history = HistoricalRecords(excluded_fields=["pages_done"])

    class Meta:
        verbose_name = _("prepared document")
        verbose_name_plural = _("prepared documents")
        ordering = ["added_at", "id"]

    def __str__(self):
        return self.public_title

    @property
    def extension(self) -> str:
        # From the type read from the content: never the uploader's name.
        return uploads.EXTENSIONS.get(self.content_type, ".bin").lstrip(".")

    @property
    def is_redacted(self) -> bool:
        return self.kind == self.Kind.REDACTED

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def public_content_type(self) -> str:
        """A redacted version is always published as a PDF (its pages made images)."""
        return "application/pdf" if self.is_redacted else self.content_type


class DecisionDocument(models.Model):
    """A document delivered with a decision; a redacted version points to its original."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=decision_document_path, blank=True,
                            storage=private_storage)
    is_redacted = models.BooleanField(_("redacted version (art. 8)"), default=False)
    # In a partial grant a document may be released in full beside redacted ones; the
    # unredacted original of a redacted version stays with the body (art. 8).
    released = models.BooleanField(_("released to the requester"), default=True)
    original = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="redacted_versions", verbose_name=_("original"),
    )
    # The type of the published file, read from its content (its public name's extension),
    # and the name it was uploaded under: the officers' business only, never public.
    content_type = models.CharField(_("type"), max_length=100, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delivered document")
        verbose_name_plural = _("delivered documents")
        ordering = ["id"]

    def __str__(self):
        return self.title

    @property
    def served_type(self) -> str:
        """The published file's type: read from its content when it was prepared; for a
        document of an earlier decision, from the extension the server gave it."""
        if self.content_type:
            return self.content_type
        extension = self.file.name.rsplit(".", 1)[-1].lower() if self.file else "pdf"
        types = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}
        return types.get(extension, "application/pdf")

    def public_name(self, number: int) -> str:
        """The neutral name the document is served under, ``<reference>-document-<n>.pdf``:
        nothing of the uploader's file name or of what the document says."""
        return f"{self.decision.request.reference}-document-{number}{uploads.EXTENSIONS[self.served_type]}"


def attachment_path(instance, filename):
    return f"requests/{instance.message.request.reference}/messages/{uploads.storage_name(filename)}"


class Message(models.Model):
    """Correspondence between the requester and the body about one request."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="messages",
        verbose_name=_("information request"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
        verbose_name=_("author"), related_name="+",
    )
    from_requester = models.BooleanField(_("sent by the requester"))
    text = text_field(_("message"), 5000)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["sent_at", "id"]

    def __str__(self):
        return f"{self.request} — {self.sent_at:%Y-%m-%d %H:%M}"


class StoredUpload(models.Model):
    """An uploaded file kept privately (each kind says where, in its ``file``, under a
    name the server chose), with the name it was sent under (shown, never served nor
    stored as a path) and its type, read from its content by ``uploads.check_upload``
    before anything is saved."""

    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        abstract = True

    @classmethod
    def from_upload(cls, upload, **fields):
        """The row for a checked ``upload`` (``detected_type`` set); saving it stores the
        file under a name the server chose, with the detected extension."""
        return cls(file=uploads.server_named(upload), name=upload.name[:255],
                   content_type=upload.detected_type, size=upload.size, **fields)


class Attachment(StoredUpload):
    """A file sent with a message; its type was checked from its content."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private_storage)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self):
        return self.name


def withdrawal_path(instance, filename):
    return f"requests/{instance.request.reference}/withdrawal/{uploads.storage_name(filename)}"


class WrittenWithdrawal(StoredUpload):
    """The requester's own written withdrawal, received on paper or by e-mail: an officer
    records a withdrawal only with it attached, since withdrawing is the requester's act."""

    request = models.OneToOneField(
        InformationRequest, on_delete=models.CASCADE, related_name="written_withdrawal",
        verbose_name=_("information request"),
    )
    file = models.FileField(_("file"), upload_to=withdrawal_path, storage=private_storage)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
        verbose_name=_("recorded by"), related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("written withdrawal")
        verbose_name_plural = _("written withdrawals")

    def __str__(self):
        return f"{self.request} — {self.name}"


class InternalNote(models.Model):
    """A note between the body's officers: never shown to the requester or the public."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="internal_notes",
        verbose_name=_("information request"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
        verbose_name=_("author"), related_name="+",
    )
    text = text_field(_("note"), 5000)
    written_at = models.DateTimeField(_("written at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["written_at", "id"]

    def __str__(self):
        return f"{self.request} — {self.written_at:%Y-%m-%d %H:%M}"


class ResponseTemplate(models.Model):
    """A body's wording, kept by its officers, that pre-fills messages and letters."""

    class Use(models.TextChoices):
        MESSAGE = "message", _("Message to the requester")
        EXTENSION = "extension", _("Reasons for an extension (art. 16)")
        DECISION = "decision", _("Explanation of a decision")

    body = models.ForeignKey(
        PublicBody, verbose_name=_("body"), on_delete=models.CASCADE,
        related_name="response_templates",
    )
    use = models.CharField(_("used for"), max_length=20, choices=Use.choices)
    title = models.CharField(_("title"), max_length=120)
    text_ar = text_field(_("text (Arabic)"), 5000)
    text_fr = text_field(_("text (French)"), 5000)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("response template")
        verbose_name_plural = _("response templates")
        ordering = ["use", "title"]
        constraints = [
            models.UniqueConstraint(fields=["body", "use", "title"], name="one_template_per_title",
                                    violation_error_message=_("This body already has a template "
                                                              "with this title for this use.")),
        ]

    def __str__(self):
        return self.title

    def text_for(self, language: str) -> str:
        return self.text_ar if language == "ar" else self.text_fr
