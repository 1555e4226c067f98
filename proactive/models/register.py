"""Proactive publication (art. 10): the law's 19 categories and each body's register of
what it publishes under them, kept by the body's information officers."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import PublicBody, pick_language

from ..addresses import PUBLIC_WEB_ADDRESS
from .links import LinkHealth

# Only links a browser opens as a page: no javascript:, ftp:, data: or file:.
WEB_URL = URLValidator(schemes=["http", "https"], message=_("Enter a web address that starts "
                                                              "with http:// or https://."))


class Art10Category(models.Model):
    """One of the 19 categories of information art. 10 names (loaded by a migration from
    ``catalogue.CATEGORIES``)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    item = models.CharField(_("article item"), max_length=40)
    name_ar = models.TextField(_("name (Arabic)"))
    name_fr = models.TextField(_("name (French)"))
    name_en = models.TextField(_("name (English)"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("category of art. 10")
        verbose_name_plural = _("categories of art. 10")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return pick_language({"ar": self.name_ar, "fr": self.name_fr, "en": self.name_en})


class Bilingual:
    """The texts of a record written in ``language``, with an optional translation in the
    other (``title_translation``, ``description_translation``): a register entry, a
    portal dataset."""

    @property
    def other_language(self) -> str:
        return "fr" if self.language == self.Language.ARABIC else "ar"

    def texts(self) -> dict[str, tuple[str, str]]:
        """{language: (title, description)} for each language the entry is written in."""
        found = {self.language: (self.title, self.description)}
        if self.title_translation:
            found[self.other_language] = (self.title_translation, self.description_translation)
        return found

    @property
    def display_title(self) -> str:
        """The title in the page's language where the entry has it, else as written."""
        return pick_language({lang: title for lang, (title, _desc) in self.texts().items()}) or self.title

    @property
    def display_description(self) -> str:
        """The description that goes with ``display_title``."""
        texts = self.texts()
        language = next((lang for lang, (title, _desc) in texts.items() if title == self.display_title),
                        self.language)
        return texts.get(language, ("", self.description))[1]


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class RegisterEntryQuerySet(models.QuerySet):
    def current(self):
        """The entries not retired."""
        return self.filter(retired_at__isnull=True)

    def out_of_date(self, today: date):
        """The current entries whose next update was due before ``today``."""
        return self.current().filter(next_update_due__lt=today)


class RegisterEntry(Bilingual, LinkHealth):
    """What a body publishes under one category of art. 10: where, in which formats,
    under which licence, and how often it is updated. Its title and description are
    written in ``language``; their translation in the other language is optional."""

    class Language(models.TextChoices):
        ARABIC = "ar", _("Arabic")
        FRENCH = "fr", _("French")

    class Frequency(models.TextChoices):
        ONCE = "once", _("Once (not updated)")
        WHEN_CHANGED = "when_changed", _("When it changes")
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        HALF_YEARLY = "half_yearly", _("Every six months")
        YEARLY = "yearly", _("Yearly")

    # How far the next update lies after the publication; none: no date is due.
    STEPS = {Frequency.WEEKLY: ("days", 7), Frequency.MONTHLY: ("months", 1),
             Frequency.QUARTERLY: ("months", 3), Frequency.HALF_YEARLY: ("months", 6),
             Frequency.YEARLY: ("months", 12)}

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="register_entries",
                             verbose_name=_("body"))
    category = models.ForeignKey(Art10Category, on_delete=models.PROTECT, related_name="entries",
                                 verbose_name=_("category of art. 10"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language of the title and description"), max_length=2,
                                choices=Language.choices, default=Language.ARABIC)
    title_translation = models.CharField(_("title in the other language"), max_length=255, blank=True)
    description_translation = models.TextField(_("description in the other language"), blank=True)
    url = models.URLField(_("web address"), max_length=500, validators=[WEB_URL, PUBLIC_WEB_ADDRESS])
    formats = models.CharField(_("formats"), max_length=120, blank=True,
                               help_text=_("For instance: PDF, CSV, XLSX."))
    licence = models.CharField(_("licence"), max_length=120, blank=True)
    published_on = models.DateField(_("published on"))
    update_frequency = models.CharField(_("update frequency"), max_length=20,
                                        choices=Frequency.choices, default=Frequency.YEARLY)
    next_update_due = models.DateField(_("next update due"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("created by"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("updated by"))
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)
    # The request whose answer this publication opened ("opened after request 2026-000123").
    opened_after = models.ForeignKey("requests_app.InformationRequest", on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("opened after request"))
    history = HistoricalRecords()

    objects = RegisterEntryQuerySet.as_manager()

    class Meta:
        ordering = ["category__number", "title"]
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.next_update_due = self.due_after(self.published_on, self.update_frequency)
        super().save(*args, **kwargs)

    @classmethod
    def due_after(cls, published_on: date, frequency: str) -> date | None:
        """The day the next update is due: none for "once" and "when it changes"."""
        step = cls.STEPS.get(frequency)
        if step is None or published_on is None:
            return None
        unit, count = step
        if unit == "days":
            return published_on + timedelta(days=count)
        return _add_months(published_on, count)
