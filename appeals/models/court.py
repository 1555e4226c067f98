"""The appeal to the competent administrative court (art. 21), as the requester records
it: the court, the day it was filed, its reference, and later the outcome. The window
is ``court_appeal`` in the rules table, from the receipt of the Commission's answer
or from the end of its period to answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from requests_app.models import InformationRequest, text_field

from .commission import CommissionComplaint


class CourtAppeal(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "", _("Pending")
        ANNULLED = "annulled", _("The refusal was annulled")
        PARTLY_ANNULLED = "partly_annulled", _("The refusal was annulled in part")
        DISMISSED = "dismissed", _("The appeal was dismissed")
        WITHDRAWN = "withdrawn", _("The appeal was withdrawn")

    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, related_name="court_appeals",
                                verbose_name=_("information request"))
    commission_complaint = models.ForeignKey(CommissionComplaint, null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="court_appeals",
                                             verbose_name=_("complaint to the Commission"))
    court = models.CharField(_("administrative court"), max_length=200)
    filed_on = models.DateField(_("filed on"))
    court_reference = models.CharField(_("court's file number"), max_length=100)
    window_end = models.DateField(_("last day to appeal"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(_("judgment of"), null=True, blank=True)
    outcome_note = text_field(_("what the court decided"), 5000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    verbose_name=_("recorded by"), related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appeal to the administrative court")
        verbose_name_plural = _("appeals to the administrative court")
        ordering = ["-filed_on", "-id"]

    def __str__(self):
        return f"{self.court} — {self.court_reference}"
