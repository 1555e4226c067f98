"""What the link checker last found at a record's web address (``tasks.check_links``):
kept on the record itself, so the register shows a link's last check."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkHealth(models.Model):
    class LinkStatus(models.TextChoices):
        UNCHECKED = "", _("Not checked yet")
        OK = "ok", _("Answers")
        BROKEN = "broken", _("Broken")

    link_status = models.CharField(_("link status"), max_length=10, choices=LinkStatus.choices,
                                   default=LinkStatus.UNCHECKED, blank=True)
    link_checked_at = models.DateTimeField(_("link last checked at"), null=True, blank=True)
    link_status_code = models.PositiveSmallIntegerField(_("HTTP status of the last check"), null=True,
                                                        blank=True)
    link_detail = models.CharField(_("what the last check found"), max_length=255, blank=True)
    link_broken_since = models.DateTimeField(_("broken since"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def link_is_broken(self) -> bool:
        return self.link_status == self.LinkStatus.BROKEN
