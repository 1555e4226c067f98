"""The appeal to the competent administrative court (art. 21), as the requester records
it. The court alone judges whether an appeal is admissible; our record must not claim a
timely appeal, so one filed after the period ``court_appeal`` of the rules table
counted by ``appeals.windows.court_window`` is refused, with the last day and how it was
counted."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from requests_app.clock.periods import CountedPeriod, period_text

from .. import permissions, steps, windows
from ..models import CommissionComplaint, CourtAppeal
from ..models.commission import COMMISSION_ANSWERED_STATES


def window_complaint(information_request, today: date | None = None) -> CommissionComplaint | None:
    """The complaint to the Commission the court's window runs from (art. 21): the
    latest answered one; else the latest whose period to answer has passed unanswered; else None
    (the window has not opened)."""
    today = today or timezone.localdate()
    complaints = CommissionComplaint.objects.filter(request=information_request).order_by("-filed_on", "-id")
    answered = complaints.filter(state__in=COMMISSION_ANSWERED_STATES).first()
    if answered is not None:
        return answered
    return complaints.filter(due_date__lt=today).first()


def window_explained(window: CountedPeriod, complaint: CommissionComplaint) -> str:
    """How the last day was counted, in words: the period, its article, its start."""
    values = {"period": period_text(window.rule), "article": window.rule.article,
              "start": format_date(window.start), "end": format_date(window.end)}
    if complaint.is_answered and complaint.received_on:
        return _("%(period)s (art. %(article)s) counted from %(start)s, the day you received the "
                 "Commission's answer: the last day is %(end)s.") % values
    return _("%(period)s (art. %(article)s) counted from %(start)s, the end of the Commission's "
             "period to answer: the last day is %(end)s.") % values


def format_date(day: date) -> str:
    return date_format(day, "DATE_FORMAT")


def _reference_key(reference: str) -> str:
    return " ".join(reference.split()).casefold()


def record_appeal(*, actor, information_request, court: str, filed_on: date,
                  court_reference: str) -> CourtAppeal:
    """Art. 21: the requester records the appeal they filed with the administrative court."""
    if not permissions.is_requester_of(actor, information_request):
        raise PermissionDenied
    court, court_reference = (court or "").strip(), (court_reference or "").strip()
    errors = {}
    if not court:
        errors["court"] = _("Name the administrative court.")
    if not court_reference:
        errors["court_reference"] = _("Give the court's file number.")
    today = timezone.localdate()
    if filed_on is None:
        errors["filed_on"] = _("Give the date the appeal was filed.")
    elif filed_on > today:
        errors["filed_on"] = _("The date the appeal was filed cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    complaint = window_complaint(information_request, today)
    if complaint is None:
        raise ValidationError(_("An appeal to the administrative court follows the Commission's answer to "
                                "your complaint, or the end of its period to answer (art. 21); neither has "
                                "come yet."))
    window = windows.court_window(complaint)
    if filed_on < complaint.filed_on:
        raise ValidationError({"filed_on": _(
            "The appeal cannot have been filed before your complaint to the "
            "Commission (%(date)s).") % {"date": format_date(complaint.filed_on)}})
    if filed_on > window.end:
        raise ValidationError({"filed_on": _(
            "An appeal filed on %(filed)s is after the time to appeal: %(how)s "
            "The court alone decides whether it is admissible, but this record "
            "cannot present it as filed in time.") % {
            "filed": format_date(filed_on), "how": window_explained(window, complaint)}})
    key = _reference_key(court_reference)
    with transaction.atomic():
        steps.lock(type(information_request), information_request.pk)
        if any(_reference_key(other) == key for other in
               CourtAppeal.objects.filter(request=information_request)
               .values_list("court_reference", flat=True)):
            raise ValidationError({"court_reference": _("An appeal with this court file number is already "
                                                        "recorded for this request.")})
        appeal = CourtAppeal(request=information_request, commission_complaint=complaint, court=court,
                             filed_on=filed_on, court_reference=court_reference, window_end=window.end,
                             recorded_by=actor)
        appeal.full_clean()
        appeal._history_user = actor
        appeal.save()
        steps.record(complaint, "court_appeal", actor, note=f"{court} — {court_reference}")
    return appeal


def record_outcome(*, actor, appeal: CourtAppeal, outcome: str, outcome_on: date,
                   outcome_note: str = "") -> CourtAppeal:
    """The requester records what the court decided."""
    if not permissions.is_requester_of(actor, appeal.request):
        raise PermissionDenied
    errors = {}
    if outcome not in CourtAppeal.Outcome.values or outcome == CourtAppeal.Outcome.PENDING:
        errors["outcome"] = _("Choose what the court decided.")
    if outcome_on is None:
        errors["outcome_on"] = _("Give the date of the judgment.")
    elif outcome_on > timezone.localdate():
        errors["outcome_on"] = _("The date of the judgment cannot be in the future.")
    elif outcome_on < appeal.filed_on:
        errors["outcome_on"] = _("The judgment cannot come before the appeal was filed (%(date)s).") % {
            "date": format_date(appeal.filed_on)}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        appeal = steps.lock(CourtAppeal, appeal.pk)
        if appeal.outcome:
            raise ValidationError(_("The outcome of this appeal is already recorded."))
        appeal.outcome, appeal.outcome_on, appeal.outcome_note = (
            outcome, outcome_on, (outcome_note or "").strip())
        appeal.full_clean()
        appeal._history_user = actor
        appeal.save()
        if appeal.commission_complaint_id:
            steps.record(appeal.commission_complaint, "court_outcome", actor,
                         note=f"{appeal.court_reference}: {appeal.get_outcome_display()}")
    return appeal
