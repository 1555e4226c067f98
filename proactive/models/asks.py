"""Citizens' asks that a body open a dataset, the support others give them (one per
account), and the period within which each body states it answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import PublicBody

from ..addresses import PUBLIC_WEB_ADDRESS
from .register import WEB_URL


class DatasetAskPolicy(models.Model):
    """The period within which a body commits to answer an ask for a dataset; a body
    that has stated none answers within the rules table's ``dataset_ask_answer``."""

    body = models.OneToOneField(PublicBody, on_delete=models.CASCADE, related_name="dataset_ask_policy",
                                verbose_name=_("body"))
    length = models.PositiveSmallIntegerField(_("length"))
    unit = models.CharField(_("unit"), max_length=10, choices=[("working", _("working days")),
                                                               ("calendar", _("calendar days"))])
    stated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("stated by"))
    stated_at = models.DateTimeField(_("stated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("period to answer asks for a dataset")
        verbose_name_plural = _("periods to answer asks for a dataset")

    def __str__(self) -> str:
        return f"{self.body_id}: {self.length} {self.unit}"


class DatasetAsk(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Awaiting the body's answer")
        PLANNED = "planned", _("Planned")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Declined")

    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="dataset_asks",
                             verbose_name=_("body"))
    title = models.CharField(_("dataset asked for"), max_length=255)
    description = models.TextField(_("why it is useful"), blank=True)
    # Never shown in public: the asker is a citizen (Law 09-08).
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("asked by"))
    asked_on = models.DateField(_("asked on"))
    answer_due = models.DateField(_("answer due"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    planned_for = models.DateField(_("planned for"), null=True, blank=True)
    published_url = models.URLField(_("where it is published"), max_length=500, blank=True,
                                    validators=[WEB_URL, PUBLIC_WEB_ADDRESS])
    register_entry = models.ForeignKey("proactive.RegisterEntry", on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="+", verbose_name=_("register entry"))
    reason = models.TextField(_("reason"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="+", verbose_name=_("answered by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-asked_on", "-pk"]
        verbose_name = _("ask for a dataset")
        verbose_name_plural = _("asks for a dataset")

    def __str__(self) -> str:
        return self.title


class AskSupport(models.Model):
    ask = models.ForeignKey(DatasetAsk, on_delete=models.CASCADE, related_name="supports",
                            verbose_name=_("ask"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("supporter"))
    created_at = models.DateTimeField(_("supported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support of an ask")
        verbose_name_plural = _("supports of asks")
        constraints = [models.UniqueConstraint(fields=["ask", "user"], name="one_support_per_account")]

    def __str__(self) -> str:
        return f"{self.ask_id} ← {self.user_id}"
