"""Known reuses of published information (applications, articles, visualisations),
submitted by users and shown once the Commission or a cited body has approved them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..addresses import PUBLIC_WEB_ADDRESS
from .portal import PortalDataset
from .register import WEB_URL, RegisterEntry


class Reuse(models.Model):
    class Kind(models.TextChoices):
        APPLICATION = "application", _("Application")
        ARTICLE = "article", _("Article")
        VISUALISATION = "visualisation", _("Visualisation")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    url = models.URLField(_("web address"), max_length=500, validators=[WEB_URL, PUBLIC_WEB_ADDRESS])
    description = models.TextField(_("description"), blank=True)
    # The name under which the author wants the reuse credited (may be an organisation).
    credited_to = models.CharField(_("credited to"), max_length=150, blank=True)
    entries = models.ManyToManyField(RegisterEntry, blank=True, related_name="reuses",
                                     verbose_name=_("register entries it uses"))
    datasets = models.ManyToManyField(PortalDataset, blank=True, related_name="reuses",
                                      verbose_name=_("datasets it uses"))
    requests = models.ManyToManyField("requests_app.InformationRequest", blank=True, related_name="+",
                                      verbose_name=_("requests whose released documents it uses"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("submitted by"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+", verbose_name=_("moderated by"))
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejecting"), blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reuse")
        verbose_name_plural = _("reuses")

    def __str__(self) -> str:
        return self.title
