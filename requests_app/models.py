"""The request for information, its legal clock, decisions and the law's catalogue."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from accounts.models import IdentityDocument, PublicBody, pick_language

from . import legal_clock
from .permissions import can_handle, can_submit, can_withdraw


class LabelledMixin(models.Model):
    label_ar = models.CharField(_("label (Arabic)"), max_length=255)
    label_fr = models.CharField(_("label (French)"), max_length=255)
    label_en = models.CharField(_("label (English)"), max_length=255)

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return pick_language({"ar": self.label_ar, "fr": self.label_fr, "en": self.label_en})


# ---------------------------------------------------------------------------------
# The law as data
# ---------------------------------------------------------------------------------


class Exemption(LabelledMixin):
    """An exception to the right of access (art. 7)."""

    class Test(models.TextChoices):
        ABSOLUTE = "absolute", _("Categorical (art. 7, para. 1)")
        HARM = "harm", _("Harm test (art. 7, para. 2)")
        PREJUDICE = "prejudice", _("Prejudice test (art. 7, para. 3)")
        SECRECY_LAW = "secrecy_law", _("Confidential under a special law (art. 7, para. 3)")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    article = models.CharField(_("article"), max_length=10, default="7")
    paragraph = models.CharField(_("paragraph"), max_length=5)
    item = models.CharField(_("item"), max_length=5, blank=True)
    test = models.CharField(_("test"), max_length=20, choices=Test.choices)
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exemption (art. 7)")
        verbose_name_plural = _("exemptions (art. 7)")
        ordering = ["paragraph", "item", "id"]

    @property
    def citation(self) -> str:
        parts = [f"art. {self.article}", f"§{self.paragraph}"]
        if self.item:
            parts.append(self.item)
        return " ".join(parts)


class RefusalGround(LabelledMixin):
    """A ground for refusing a request (art. 18)."""

    class Requires(models.TextChoices):
        NOTHING = "", _("Nothing more")
        EXEMPTION = "exemption", _("The art. 7 exemption(s) relied on")
        PUBLICATION_REFERENCE = "publication_reference", _(
            "The reference and where the published information can be obtained"
        )
        EARLIER_REQUEST = "earlier_request", _("The earlier request already answered")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    article = models.CharField(_("article"), max_length=10, default="18")
    item = models.PositiveSmallIntegerField(_("item"))
    requires = models.CharField(
        _("the reply must contain"), max_length=30, choices=Requires.choices, blank=True
    )
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("refusal ground (art. 18)")
        verbose_name_plural = _("refusal grounds (art. 18)")
        ordering = ["item"]


class LegalRuleQuerySet(models.QuerySet):
    def in_force(self, period: str, on: date) -> "LegalRule":
        rule = (
            self.filter(period=period, effective_from__lte=on).order_by("-effective_from").first()
        )
        if rule is None:
            raise LegalRule.DoesNotExist(f"No legal rule for {period!r} in force on {on}.")
        return rule


class LegalRule(models.Model):
    """A period of the law, versioned by the date it takes effect (DESIGN.md table)."""

    class Period(models.TextChoices):
        ANSWER_ORDINARY = "answer_ordinary", _("Answer an ordinary request")
        EXTENSION_ORDINARY = "extension_ordinary", _("Extension of an ordinary request")
        ANSWER_URGENT = "answer_urgent", _("Answer an urgent request")
        EXTENSION_URGENT = "extension_urgent", _("Extension of an urgent request")
        COMPLAINT_HEAD_FILING = "complaint_head_filing", _("File a complaint with the head of body")
        HEAD_DECISION = "head_decision", _("Head of body decides a complaint")
        COMPLAINT_COMMISSION_FILING = (
            "complaint_commission_filing",
            _("File a complaint with the Commission"),
        )
        COMMISSION_ANSWER = "commission_answer", _("Commission answers a complaint")
        COURT_APPEAL = "court_appeal", _("Appeal to the administrative court")

    class Unit(models.TextChoices):
        WORKING_DAYS = "working", _("working days")
        CALENDAR_DAYS = "calendar", _("calendar days")

    period = models.CharField(_("period"), max_length=40, choices=Period.choices)
    length = models.PositiveSmallIntegerField(_("length"), validators=[MinValueValidator(1)])
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    article = models.CharField(_("article"), max_length=10)
    effective_from = models.DateField(_("effective from"))
    note = models.TextField(_("note"), blank=True)

    objects = LegalRuleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("legal rule")
        verbose_name_plural = _("legal rules")
        ordering = ["period", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "effective_from"],
                name="one_legal_rule_per_period_and_date",
                violation_error_message=_("A rule for this period already starts on this date."),
            )
        ]

    def __str__(self):
        return f"{self.get_period_display()}: {self.length} {self.get_unit_display()} (art. {self.article})"

    def due_date(self, start: date) -> date:
        """The last day of the period that starts on ``start`` (the start day is not
        counted). A period in calendar days that ends on a non-working day moves to the
        next working day (DOC art. 133 by analogy; DESIGN.md)."""
        if self.unit == self.Unit.WORKING_DAYS:
            return legal_clock.add_working_days(start, self.length)
        end = start + timedelta(days=self.length)
        while not legal_clock.is_working_day(end):
            end += timedelta(days=1)
        return end


def due_date_for(period: str, start: date) -> date:
    """The end of ``period`` starting on ``start``, under the rule in force that day."""
    return LegalRule.objects.in_force(period, start).due_date(start)


class Holiday(models.Model):
    """An admin-confirmed entry of the working-day calendar that overrides the
    ``holidays`` package: a lunar holiday confirmed after the moon sighting, an ad hoc
    closure, or the removal of a day that is not (or no longer) a holiday."""

    class Kind(models.TextChoices):
        FIXED = "fixed", _("Fixed holiday")
        LUNAR = "lunar", _("Lunar holiday (moon sighting)")
        CLOSURE = "closure", _("Exceptional closure")
        REMOVAL = "removal", _("Not a holiday (removes a date)")

    class Feast(models.TextChoices):
        NONE = "", _("—")
        ISLAMIC_NEW_YEAR = "islamic_new_year", _("Islamic New Year")
        MAWLID = "mawlid", _("Mawlid")
        EID_AL_FITR = "eid_al_fitr", _("Eid al-Fitr")
        EID_AL_ADHA = "eid_al_adha", _("Eid al-Adha")

    date = models.DateField(
        _("date"),
        unique=True,
        error_messages={"unique": _("This date is already overridden by another entry.")},
    )
    day_off = models.BooleanField(
        _("day off"),
        default=True,
        help_text=_("Unticked: the date is a working day even if the package lists it."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    feast = models.CharField(
        _("lunar feast"),
        max_length=20,
        choices=Feast.choices,
        blank=True,
        help_text=_(
            "For a confirmed lunar holiday: the package's estimated dates of this feast in "
            "the same year are then ignored."
        ),
    )
    name_ar = models.CharField(_("name (Arabic)"), max_length=150)
    name_fr = models.CharField(_("name (French)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date.isoformat()} {self.name}"

    @property
    def name(self) -> str:
        return pick_language({"ar": self.name_ar, "fr": self.name_fr, "en": self.name_en})

    def clean(self):
        if self.kind == self.Kind.REMOVAL and self.day_off:
            raise ValidationError({"day_off": _("A removal makes the date a working day.")})
        if self.kind != self.Kind.REMOVAL and not self.day_off:
            raise ValidationError({"kind": _("A working day must be recorded as a removal.")})
        if self.feast and self.kind != self.Kind.LUNAR:
            raise ValidationError({"feast": _("Only a lunar holiday names a feast.")})


# ---------------------------------------------------------------------------------
# The request
# ---------------------------------------------------------------------------------


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
    address = models.TextField(_("personal address"))
    id_type = models.CharField(_("identity document"), max_length=10, choices=IdType.choices)
    id_number = models.CharField(_("identity document number"), max_length=30)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    subject = models.CharField(_("subject"), max_length=255)
    information_sought = models.TextField(_("information sought"))
    is_urgent = models.BooleanField(_("urgent (art. 17)"), default=False)
    urgency_reason = models.CharField(
        _("urgency reason"), max_length=10, choices=UrgencyReason.choices, blank=True
    )
    urgency_explanation = models.TextField(_("why it is urgent"), blank=True)
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
    extension_reasons = models.TextField(_("extension reasons"), blank=True)
    extension_notified_on = models.DateField(_("extension notified on"), null=True, blank=True)
    decided_late = models.BooleanField(_("answered late"), default=False)
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
        """The requester's page (the public one is ``requests:public``)."""
        from django.urls import reverse

        return reverse("requests:detail", args=[self.reference])

    # -- facts ----------------------------------------------------------------------

    @property
    def received_on(self) -> date | None:
        return timezone.localdate(self.received_at) if self.received_at else None

    @property
    def is_extended(self) -> bool:
        return bool(self.extension_ground)

    @property
    def answer_period(self) -> str:
        return (
            LegalRule.Period.ANSWER_URGENT if self.is_urgent else LegalRule.Period.ANSWER_ORDINARY
        )

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

    @transition(field=state, source=[RequestState.DRAFT, *ANSWERABLE_STATES],
                target=RequestState.WITHDRAWN, permission=can_withdraw)
    def withdraw(self, *, by=None):
        pass


class StateChange(models.Model):
    """Who moved a request from which state to which, and when."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="state_changes"
    )
    transition = models.CharField(_("transition"), max_length=40)
    from_state = models.CharField(_("from"), max_length=20, choices=RequestState.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=RequestState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        verbose_name=_("actor"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.request} {self.from_state} → {self.to_state}"


class DeadlineChange(models.Model):
    """Every value the due date has had, and why it moved."""

    class Reason(models.TextChoices):
        RECEIPT = "receipt", _("Request received")
        EXTENSION = "extension", _("Extension (art. 16)")
        CALENDAR = "calendar", _("Holiday calendar changed")
        RULE = "rule", _("Legal rule changed")

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="deadline_changes"
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

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="consultations"
    )
    third_party = models.CharField(_("third party"), max_length=255)
    contact = models.CharField(_("contact"), max_length=255, blank=True)
    asked_on = models.DateField(_("asked on"))
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    reasons = models.TextField(_("reasons given"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("third-party consultation")
        verbose_name_plural = _("third-party consultations")
        ordering = ["asked_on", "id"]

    def __str__(self):
        return f"{self.request} — {self.third_party}"


class Decision(models.Model):
    """The answer to a request: outcome, grounds, documents, delivery and costs."""

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Granted")
        PARTIALLY_GRANTED = "partially_granted", _("Partially granted (art. 8)")
        REFUSED = "refused", _("Refused (art. 18)")

    request = models.OneToOneField(
        InformationRequest, on_delete=models.CASCADE, related_name="decision"
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
    explanation = models.TextField(_("reasons and explanation"), blank=True)
    refusal_grounds = models.ManyToManyField(
        RefusalGround, verbose_name=_("refusal grounds (art. 18)"), blank=True
    )
    publication_reference = models.CharField(
        _("reference of the publication"), max_length=255, blank=True
    )
    publication_location = models.CharField(
        _("where it can be obtained"), max_length=500, blank=True
    )
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

    history = HistoricalRecords(m2m_fields=[refusal_grounds])

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.request} — {self.get_outcome_display()}"


class ExemptionCitation(models.Model):
    """An art. 7 exemption relied on, with the justification shown to the public."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="citations")
    exemption = models.ForeignKey(
        Exemption, on_delete=models.PROTECT, verbose_name=_("exemption")
    )
    public_justification = models.TextField(_("public justification"))
    withheld_part = models.CharField(_("part withheld"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exemption citation")
        verbose_name_plural = _("exemption citations")

    def __str__(self):
        return f"{self.decision.request} — {self.exemption.citation}"


def private_storage():
    """Files that are not public until published: served only by permission-checked
    views, never from MEDIA_URL."""
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def decision_document_path(instance, filename):
    return f"requests/{instance.decision.request.reference}/{filename}"


class DecisionDocument(models.Model):
    """A document delivered with a decision; a redacted version points to its original."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=decision_document_path, blank=True,
                            storage=private_storage)
    is_redacted = models.BooleanField(_("redacted version (art. 8)"), default=False)
    original = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="redacted_versions", verbose_name=_("original"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delivered document")
        verbose_name_plural = _("delivered documents")

    def __str__(self):
        return self.title


def attachment_path(instance, filename):
    return f"requests/{instance.message.request.reference}/messages/{filename}"


class Message(models.Model):
    """Correspondence between the requester and the body about one request."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
        verbose_name=_("author"), related_name="+",
    )
    from_requester = models.BooleanField(_("sent by the requester"))
    text = models.TextField(_("message"), max_length=5000)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["sent_at", "id"]

    def __str__(self):
        return f"{self.request} — {self.sent_at:%Y-%m-%d %H:%M}"


class Attachment(models.Model):
    """A file sent with a message; its type was checked from its content."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private_storage)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self):
        return self.name


class InternalNote(models.Model):
    """A note between the body's officers: never shown to the requester or the public."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="internal_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
        verbose_name=_("author"), related_name="+",
    )
    text = models.TextField(_("note"), max_length=5000)
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
    text_ar = models.TextField(_("text (Arabic)"), max_length=5000)
    text_fr = models.TextField(_("text (French)"), max_length=5000)

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


class Notification(models.Model):
    """One message the legal clock owes someone, at most once: the row is keyed by what
    it is about, its kind, the date it concerns and its recipient, so a sweep that runs
    twice (or crashes and is rerun) creates no second row, and a row is sent only once."""

    subject_type = models.CharField(_("about"), max_length=30)  # "request", later "complaint"
    subject_id = models.BigIntegerField(_("about (id)"))
    kind = models.CharField(_("kind"), max_length=40)
    due_date = models.DateField(_("date concerned"))
    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=2, default="ar")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Claimed by a worker before sending (a lease: a claim older than a few minutes is
    # taken over), then marked sent.
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "kind", "due_date", "recipient"],
                name="one_notification_per_subject_kind_date_recipient"),
        ]
        indexes = [models.Index(fields=["sent_at", "id"], name="notification_unsent")]

    def __str__(self):
        return f"{self.subject_type}:{self.subject_id} {self.kind} {self.due_date} → {self.recipient}"
