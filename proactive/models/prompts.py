"""Prompts to publish proactively what several answered requests to one body asked
for: tracked until a register entry exists or an officer dismisses it with a reason."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import PublicBody


class PublicationPrompt(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("To consider")
        PUBLISHED = "published", _("Published in the register")
        DISMISSED = "dismissed", _("Dismissed")

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="publication_prompts",
                             verbose_name=_("body"))
    # The subject the similar requests share, as the first of them words it.
    subject = models.CharField(_("subject"), max_length=255)
    requests = models.ManyToManyField("requests_app.InformationRequest", related_name="+",
                                      verbose_name=_("similar answered requests"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    register_entry = models.ForeignKey("proactive.RegisterEntry", on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="+", verbose_name=_("register entry"))
    reason = models.TextField(_("reason for dismissing"), blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="+", verbose_name=_("resolved by"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("prompt to publish")
        verbose_name_plural = _("prompts to publish")

    def __str__(self) -> str:
        return self.subject
