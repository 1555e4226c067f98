"""The datasets on the open-data portal (data.gov.ma runs CKAN) and the requests they
answer. A dataset is either an existing one an officer links, or a new one published
from a request's released documents through the CKAN Action API (``ckan``); until the
portal has accepted it, it stays pending and the publishing task retries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import PublicBody

from ..addresses import PUBLIC_WEB_ADDRESS
from .links import LinkHealth
from .register import WEB_URL, Art10Category, Bilingual, RegisterEntry

WEB_ADDRESS = [WEB_URL, PUBLIC_WEB_ADDRESS]


class PortalDataset(Bilingual, LinkHealth):
    Language = RegisterEntry.Language

    class State(models.TextChoices):
        LINKED = "linked", _("Existing dataset linked")
        PENDING = "pending", _("Waiting for the portal")
        PUBLISHED = "published", _("Published on the portal")
        FAILED = "failed", _("Refused by the portal")

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="portal_datasets",
                             verbose_name=_("body"))
    portal = models.URLField(_("portal"), max_length=300, blank=True, validators=WEB_ADDRESS,
                             help_text=_("The open-data portal's address, for instance https://data.gov.ma."))
    external_id = models.CharField(_("identifier on the portal"), max_length=100, blank=True)
    name = models.SlugField(_("name on the portal"), max_length=100, blank=True, allow_unicode=False)
    url = models.URLField(_("web address"), max_length=500, blank=True, validators=WEB_ADDRESS)
    title = models.CharField(_("title"), max_length=255)
    language = models.CharField(_("language of the title and description"), max_length=2,
                                choices=RegisterEntry.Language.choices,
                                default=RegisterEntry.Language.ARABIC)
    title_translation = models.CharField(_("title in the other language"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_translation = models.TextField(_("description in the other language"), blank=True)
    organisation = models.CharField(_("organisation on the portal"), max_length=100, blank=True)
    licence = models.CharField(_("licence"), max_length=120, blank=True)
    # [{"name": ..., "url": ..., "format": ..., "document_id": ...}], as the portal lists them.
    resources = models.JSONField(_("resources"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.LINKED)
    # What the portal last answered when it refused or could not be reached.
    last_error = models.TextField(_("portal's last answer"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    published_at = models.DateTimeField(_("published on the portal at"), null=True, blank=True)
    register_entry = models.ForeignKey(RegisterEntry, on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="datasets", verbose_name=_("register entry"))
    # The category of art. 10 the officer chose for the register entry made once the
    # portal has published it (none: an entry the officer picked, or no entry).
    category = models.ForeignKey(Art10Category, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("category of art. 10"))
    # The request whose released documents it was published from.
    opened_after = models.ForeignKey("requests_app.InformationRequest", on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("opened after request"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("portal dataset")
        verbose_name_plural = _("portal datasets")
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="dataset_url_unique"),
            models.UniqueConstraint(fields=["portal", "external_id"], condition=~Q(external_id=""),
                                    name="dataset_external_id_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """Shown to the public once it has an address on the portal."""
        return self.state in (self.State.LINKED, self.State.PUBLISHED) and bool(self.url)

    Language = RegisterEntry.Language  # what the shared methods below read

class RequestDataset(models.Model):
    """A granted or partly granted request answered by a dataset on the portal."""

    request = models.ForeignKey("requests_app.InformationRequest", on_delete=models.PROTECT,
                                related_name="dataset_links", verbose_name=_("request"))
    dataset = models.ForeignKey(PortalDataset, on_delete=models.PROTECT, related_name="request_links",
                                verbose_name=_("dataset"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("linked by"))
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("request answered by a dataset")
        verbose_name_plural = _("requests answered by a dataset")
        constraints = [models.UniqueConstraint(fields=["request", "dataset"], name="request_dataset_once")]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.dataset_id}"
