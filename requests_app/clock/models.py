"""The law as data: the art. 7 exemptions and art. 18 refusal grounds, the periods of
arts 16-21 (``LegalRule``, versioned by the date each takes effect) and the admin's
overrides of the holiday calendar (``Holiday``). Nothing here knows of requests: the
request, and later the complaints, read their periods and grounds from these tables."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import PublicBody, pick_language

# The letters of the items of art. 7, paragraph 3, as the Arabic text writes them.
ARABIC_ITEM_LETTERS = {"a": "أ", "b": "ب", "c": "ج", "d": "د"}


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
        """The article, paragraph and item in the active language: "المادة 7، الفقرة 1",
        "art. 7, al. 2, 1°", "art. 7, al. 3, a)"."""
        values = {"article": self.article, "paragraph": self.paragraph}
        if not self.item:
            return gettext("art. %(article)s, para. %(paragraph)s") % values
        return gettext("art. %(article)s, para. %(paragraph)s, %(item)s") % {
            **values, "item": self.item_label}

    @property
    def item_label(self) -> str:
        """Paragraph 2 numbers its items (1 to 4), paragraph 3 letters them (a to d, in
        the Arabic text أ ب ج د)."""
        if self.item.isdigit():
            return gettext("item %(number)s") % {"number": self.item}
        letter = self.item
        if (get_language() or "")[:2] == "ar":
            letter = ARABIC_ITEM_LETTERS.get(self.item, self.item)
        return gettext("item %(letter)s)") % {"letter": letter}

    @property
    def label_with_citation(self) -> str:
        """The exemption's own words after its citation, for lists and filters."""
        return gettext("%(citation)s: %(label)s") % {"citation": self.citation, "label": self.label}


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
        ANSWER_AFTER_COMPLAINT = (
            "answer_after_complaint",
            _("Answer a request reopened by an upheld complaint"),
        )
        SESSION_NOTICE = "session_notice", _("Invite the members to a Commission session")
        SESSION_NOTICE_URGENT = (
            "session_notice_urgent",
            _("Invite the members to an urgent Commission session"),
        )
        SECOND_SESSION = "second_session", _("Hold a second session after a failed quorum")
        DATASET_ASK_ANSWER = "dataset_ask_answer", _("Answer an ask to open a dataset")

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


# Decree 2.05.916 (art. 3): the exceptional closures the Head of Government announces
# cover the State administrations and the territorial collectivities (regions,
# prefectures and provinces, communes): the shipped closures close these kinds.
CLOSED_BY_DECREE = [
    PublicBody.Kind.ADMINISTRATION,
    PublicBody.Kind.REGION,
    PublicBody.Kind.PREFECTURE_PROVINCE,
    PublicBody.Kind.COMMUNE,
]


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
    source = models.CharField(
        _("source"), max_length=300, blank=True,
        help_text=_("The official announcement (who, which communiqué, which date). Required "
                    "once the entry is confirmed."),
    )
    estimated = models.BooleanField(
        _("estimate, not yet confirmed"),
        default=False,
        help_text=_(
            "An expected date awaiting the official announcement. It counts as a day off like "
            "a confirmed one, and the administration's dashboard lists it until it is confirmed."
        ),
    )
    # Decree 2.05.916 (art. 3): an exceptional closure of the administrations covers the
    # State administrations and the territorial collectivities, not the public
    # establishments or the private bodies with a public-service mission.
    body_kinds = models.JSONField(
        _("kinds of body closed"),
        default=list,
        blank=True,
        help_text=_(
            "For an exceptional closure: the kinds of body it closes (a closure under Decree "
            "2.05.916 covers the State administrations and the territorial collectivities). "
            "None ticked: every body."
        ),
    )
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
        if self.body_kinds and self.kind != self.Kind.CLOSURE:
            raise ValidationError({"body_kinds": _("Only an exceptional closure may close some "
                                                   "kinds of body and not others.")})
        unknown = set(self.body_kinds or ()) - set(PublicBody.Kind.values)
        if unknown:
            raise ValidationError({"body_kinds": _("Unknown kind of body: %(kinds)s.")
                                   % {"kinds": ", ".join(sorted(unknown))}})
        if self.estimated and self.kind not in (self.Kind.LUNAR, self.Kind.CLOSURE):
            raise ValidationError({"estimated": _("Only a lunar holiday or a closure that depends "
                                                  "on one can be an estimate.")})
        if not self.estimated and self.kind in (self.Kind.LUNAR, self.Kind.CLOSURE) \
                and not self.source.strip():
            raise ValidationError({"source": _("A confirmed holiday or closure names its official "
                                               "source; without one, record it as an estimate.")})

    def applies_to(self, body_kind: str | None) -> bool:
        """Whether this day off closes a body of ``body_kind`` (None: a body of no
        particular kind, closed only by what closes every body)."""
        return not self.body_kinds or body_kind in self.body_kinds
