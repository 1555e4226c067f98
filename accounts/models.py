"""Users, public bodies (art. 2b), designations of officers (art. 12) and roles."""

from datetime import date

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .identity import check_id_number, normalize_id_number


def pick_language(values: dict[str, str], language: str | None = None) -> str:
    """The value in the active language, falling back to Arabic, then French."""
    language = (language or get_language() or "ar")[:2]
    for code in (language, "ar", "fr", "en"):
        if values.get(code):
            return values[code]
    return ""


class IdentityDocument(models.TextChoices):
    """The identity document a requester gives (art. 14); foreigners legally resident
    use their residence card (art. 4)."""

    CIN = "cin", _("National identity card (CIN)")
    RESIDENCE_CARD = "residence", _("Residence card (foreigner legally resident, art. 4)")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("commission_role", User.CommissionRole.PRESIDENT)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in with an e-mail address."""

    class Language(models.TextChoices):
        ARABIC = "ar", _("Arabic")
        FRENCH = "fr", _("French")
        ENGLISH = "en", _("English")

    class NoticeFrequency(models.TextChoices):
        """How an officer receives the body's notices (new requests, messages, answers of
        third parties, complaints); urgent requests (art. 17) are always told at once."""

        IMMEDIATE = "immediate", _("One e-mail for each notice, at once")
        DAILY = "daily", _("One e-mail a day listing the notices (daily digest)")

    class CommissionRole(models.TextChoices):
        NONE = "", _("None")
        REVIEWER = "reviewer", _("Commission reviewer")
        PRESIDENT = "president", _("Commission president")

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ARABIC
    )
    notice_frequency = models.CharField(
        _("notices"), max_length=10, choices=NoticeFrequency.choices,
        default=NoticeFrequency.IMMEDIATE,
    )
    commission_role = models.CharField(
        _("Commission role"),
        max_length=20,
        choices=CommissionRole.choices,
        default=CommissionRole.NONE,
        blank=True,
        help_text=_("Members of the Commission (art. 22) who review complaints."),
    )

    # Art. 14 identity kept in the profile to pre-fill request forms; each request keeps
    # its own copy as it stood when the request was made.
    address = models.TextField(_("personal address"), blank=True)
    id_type = models.CharField(
        _("identity document"), max_length=10, blank=True,
        choices=IdentityDocument.choices,
    )
    id_number = models.CharField(_("identity document number"), max_length=30, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.id_number = normalize_id_number(self.id_number)
        check_id_number(self.id_type, self.id_number)


class PublicBodyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class PublicBody(models.Model):
    """A body covered by the law (art. 2b), in a hierarchy (ministry → directorate,
    region → prefecture/province → commune)."""

    class Kind(models.TextChoices):
        # Art. 2(b) lists the bodies the law covers; the labels say which item each is.
        PARLIAMENT_CHAMBER = "parliament_chamber", _("House of Representatives or House of Councillors")
        ADMINISTRATION = "administration", _("Public administration")
        COURT = "court", _("Court")
        # The territorial collectivities: regions, prefectures and provinces, communes.
        REGION = "region", _("Territorial collectivity: region")
        PREFECTURE_PROVINCE = "prefecture_province", _("Territorial collectivity: prefecture or province")
        COMMUNE = "commune", _("Territorial collectivity: commune")
        PUBLIC_ESTABLISHMENT = "public_establishment", _(
            "Public establishment or other legal person governed by public law")
        PRIVATE_PUBLIC_SERVICE = (
            "private_public_service",
            _("Other public or private institution or body with a public-service mission"),
        )
        CONSTITUTIONAL_BODY = "constitutional_body", _(
            "Institution or body of Title XII of the Constitution")
        # Covered as legal persons of public law, each under its own title of the
        # Constitution, not Title XII.
        COURT_OF_AUDITORS = "court_of_auditors", _("Court of Auditors (Title X of the Constitution)")
        ECONOMIC_SOCIAL_COUNCIL = "economic_social_council", _(
            "Economic, Social and Environmental Council (Title XI of the Constitution)")

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    region = models.ForeignKey(
        "self",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies_in_region",
        limit_choices_to={"kind": "region"},
    )
    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    portal_organization_id = models.CharField(
        _("open-data portal organisation id"),
        max_length=100,
        blank=True,
        help_text=_("The organisation's name or id on the CKAN portal (data.gov.ma)."),
    )
    active = models.BooleanField(_("active"), default=True)

    objects = PublicBodyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public body")
        verbose_name_plural = _("public bodies")
        ordering = ["name_fr"]
        permissions = [
            ("handle_requests", _("Can receive, examine and answer requests (art. 12)")),
            ("view_body_requests", _("Can see the requests made to this body")),
            ("decide_complaints", _("Can decide complaints to the head of body (art. 19)")),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return pick_language({"ar": self.name_ar, "fr": self.name_fr, "en": self.name_en})

    def clean(self):
        if self.region_id and self.region.kind != self.Kind.REGION:
            raise ValidationError({"region": _("The region must be a body of kind region.")})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A body cannot be its own ancestor.")})
            ancestor = ancestor.parent


class DesignationQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))


# Dahir n° 1-18-15 of 22 February 2018 promulgated Law 31.13 (BO n° 6655, 12 March 2018):
# no designation under its art. 12 can be dated before it.
LAW_31_13_PROMULGATED = date(2018, 2, 22)


class DesignationTerms(models.Model):
    """What a designation decision says (art. 12): the role, the decision, from when until
    when, and the work contact; held by a designation and by the invitation that makes
    one, and checked alike."""

    class Role(models.TextChoices):
        INFORMATION_OFFICER = "officer", _("Information officer")
        HEAD_OF_BODY = "head", _("Head of body")

    # A designation is recorded ahead of its start at most this long (a year 9999 typed
    # by mistake would otherwise sit on the body's page for ever).
    MAX_DAYS_AHEAD = 366

    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    decision_reference = models.CharField(_("decision reference"), max_length=100)
    decision_date = models.DateField(_("decision date"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    work_email = models.EmailField(_("work e-mail"), blank=True)
    work_phone = models.CharField(_("work phone"), max_length=30, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        """The dates make sense: the decision is not in the future nor older than the law,
        the start is neither before the decision nor more than a year ahead, and the end
        is not before the start."""
        errors = {}
        today = timezone.localdate()
        if self.decision_date and self.decision_date > today:
            errors["decision_date"] = _("The designation decision cannot be dated in the future.")
        elif self.decision_date and self.decision_date < LAW_31_13_PROMULGATED:
            errors["decision_date"] = _(
                "A designation decision (art. 12) cannot be older than Law 31.13, promulgated on "
                "%(date)s.") % {"date": date_format(LAW_31_13_PROMULGATED, "SHORT_DATE_FORMAT")}
        if self.starts_on and self.decision_date and self.starts_on < self.decision_date:
            errors["starts_on"] = _("A designation cannot start before the decision that makes it.")
        elif self.starts_on and (self.starts_on - today).days > self.MAX_DAYS_AHEAD:
            errors["starts_on"] = _("A designation is recorded at most a year before it starts.")
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date is before the start date.")
        if errors:
            raise ValidationError(errors)


class Designation(DesignationTerms):
    """A designation decision: this user is information officer (art. 12) or head of
    this body, from a date, possibly until a date. Only active designations give rights."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.PROTECT, related_name="designations"
    )
    body = models.ForeignKey(
        PublicBody, verbose_name=_("body"), on_delete=models.PROTECT, related_name="designations"
    )

    objects = DesignationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("designation")
        verbose_name_plural = _("designations")
        ordering = ["body", "role", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="designation_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.body}"



class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        """Invitations not answered, not cancelled and not expired."""
        return self.filter(status=DesignationInvitation.Status.PENDING,
                           expires_at__gt=now or timezone.now())


class DesignationInvitation(DesignationTerms):
    """The head of a body invites an account to serve as its information officer (art.
    12): the designation exists only once the invitee, logged in as that account, accepts.
    Nobody becomes an officer, and no name is published, without agreeing to it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")

    user = models.ForeignKey(User, verbose_name=_("invitee"), on_delete=models.PROTECT,
                             related_name="designation_invitations")
    body = models.ForeignKey(PublicBody, verbose_name=_("body"), on_delete=models.PROTECT,
                             related_name="designation_invitations")
    invited_by = models.ForeignKey(User, verbose_name=_("invited by"), on_delete=models.PROTECT,
                                   related_name="+")
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    designation = models.OneToOneField(Designation, verbose_name=_("designation"), null=True,
                                       blank=True, on_delete=models.PROTECT,
                                       related_name="invitation")

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("designation invitation")
        verbose_name_plural = _("designation invitations")
        ordering = ["-invited_at"]
        constraints = [
            # One open invitation per person, body and role (a second one is refused).
            models.UniqueConstraint(fields=["user", "body", "role"],
                                    condition=Q(status="pending"),
                                    name="one_pending_invitation_per_user_body_role"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.body} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PENDING and self.expires_at > timezone.now()

    @property
    def status_label(self) -> str:
        """The status as it stands now: an unanswered invitation past its date has expired."""
        if self.status == self.Status.PENDING and not self.is_open:
            return self.Status.EXPIRED.label
        return self.get_status_display()

class SecondFactorEnrolment(models.Model):
    """A one-time link that lets its holder set up a second factor for ``user``: mailed to
    the account's verified address when they first log in without one, or issued by an
    administrator (accounts.enrolment). The password alone never sets one up: whoever
    holds it would then hold the second factor too. Only the token's digest is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="second_factor_enrolments",
                             verbose_name=_("account"))
    token_digest = models.CharField(_("token digest"), max_length=64, unique=True)
    issued_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("issued by"))
    created_at = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("second-factor enrolment link")
        verbose_name_plural = _("second-factor enrolment links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
