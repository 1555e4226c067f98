from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message owed to someone, at most once: the row is keyed by what it is about,
    its kind, the date it concerns and its recipient, so a sweep that runs twice (or
    crashes and is rerun) creates no second row, and a row is sent only once."""

    # A name in the outbox's registry ("request", "message", later "complaint").
    subject_type = models.CharField(_("about"), max_length=30)
    subject_id = models.BigIntegerField(_("about (id)"))
    kind = models.CharField(_("kind"), max_length=40)
    due_date = models.DateField(_("date concerned"))
    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=2, default="ar")
    # Held for the recipient's daily digest (an officer's choice): sent by the digest job,
    # listed with the others in one e-mail, never by the immediate sender.
    digest = models.BooleanField(_("held for the daily digest"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Claimed by a worker before sending (a lease: a claim older than a few minutes is
    # taken over), then marked sent.
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        app_label = "requests_app"
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "kind", "due_date", "recipient"],
                name="one_notification_per_subject_kind_date_recipient"),
        ]
        indexes = [models.Index(fields=["sent_at", "id"], name="notification_unsent"),
                   models.Index(fields=["digest", "sent_at", "recipient"], name="notification_digest")]

    def __str__(self):
        return f"{self.subject_type}:{self.subject_id} {self.kind} {self.due_date} → {self.recipient}"
