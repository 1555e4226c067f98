"""The complaint to the head of the body (art. 19): filed by the requester on the portal
or registered by an officer of the body from paper, e-mail or post with its real date
of receipt; decided by the head of the body (upheld, partly upheld, rejected, always
reasoned; an upheld complaint reopens the request); overdue when the head is silent
past the due date, which opens the Commission (art. 20).

Every act validates everything before it writes, in one transaction: a refusal leaves
nothing behind (no number handed out, no step, no notice)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appeals import permissions, steps, windows
from appeals.models import (
    ComplaintChannel,
    HeadComplaint,
    HeadComplaintState,
    RegistrationSequence,
)
from appeals.models.head import HEAD_OPEN_STATES
from requests_app import deadlines
from requests_app import services as request_services
from requests_app.clock import periods
from requests_app.letters import format_date
from requests_app.models import InformationRequest, RequestState
from requests_app.notices import COMPLAINT_RECEIVED, requester_contacts, tell_officers
from requests_app.outbox.store import owe
from requests_app.outbox.tasks import send_soon
from requests_app.pdf import explain_period

SUBJECT = "head_complaint"
Contested = HeadComplaint.Contested

# Art. 19: what a complaint may contest, by the state of the request it is about.
CONTESTABLE = {
    RequestState.OVERDUE: (Contested.NO_ANSWER,),
    RequestState.REFUSED: (Contested.REFUSAL,),
    RequestState.PARTIALLY_GRANTED: (Contested.PARTIAL, Contested.UNSATISFIED),
    RequestState.GRANTED: (Contested.UNSATISFIED,),
}
OUTCOMES = {
    HeadComplaintState.UPHELD: "uphold",
    HeadComplaintState.PARTLY_UPHELD: "uphold_partly",
    HeadComplaintState.REJECTED: "reject",
}
PAPER_CHANNELS = (ComplaintChannel.POST, ComplaintChannel.EMAIL, ComplaintChannel.DEPOSIT)


# -- the window ------------------------------------------------------------------------------------


def window_explained(information_request: InformationRequest, language: str | None = None):
    """The art. 19 window with the days it skipped, for a page or a refusal (None while
    it has not started)."""
    start = deadlines.complaint_window_start(information_request)
    if start is None:
        return None
    return periods.explain(deadlines.COMPLAINT_PERIOD, start, language,
                           deadlines.body_kind(information_request))


def window_text(information_request: InformationRequest, language: str | None = None, *,
                window=None) -> str:
    """How the last day to complain was counted, in the active language (from the
    explained ``window`` when the caller has it)."""
    window = window or window_explained(information_request, language)
    return explain_period(window) if window else ""


_UNKNOWN = object()


def _complaints_of(information_request: InformationRequest) -> list[tuple[str, date]]:
    """(state, window_start) of the request's complaints to the head of the body."""
    return list(HeadComplaint.objects.filter(request=information_request)
                .values_list("state", "window_start"))


def _refusal(information_request: InformationRequest, on: date, window, complaints) -> str | None:
    """Why a complaint received on ``on`` is refused under the art. 19 ``window``, given
    the request's ``complaints`` (``_complaints_of``); None when it is not."""
    if window is None:
        return _("The time to complain has not started: the answer has not been received yet (art. 19).")
    if on > window.end:
        return _late_message(information_request, window)
    if any(state in HEAD_OPEN_STATES for state, _start in complaints):
        return _("A complaint is already pending on this request.")
    if any(start == window.start for _state, start in complaints):  # the same answer (or silence)
        return _("A complaint about this answer has already been filed and decided.")
    return None


def complaint_allowed(information_request: InformationRequest, today: date | None = None, *,
                      window=_UNKNOWN, complaints=None) -> str | None:
    """Why a complaint cannot be filed today (a sentence), or None when it can. One
    definition for the page's button and the service. A page that already has the
    window (``head_window`` or ``window_explained``) or the request's complaints passes
    them, so that nothing is counted or read twice."""
    today = today or timezone.localdate()
    if information_request.state not in CONTESTABLE:
        return _("A complaint to the head of the body is possible once the request has been answered "
                 "or its deadline has passed (art. 19).")
    if window is _UNKNOWN:
        window = windows.head_window(information_request)
    complaints = (_complaints_of(information_request) if complaints is None
                  else [(complaint.state, complaint.window_start) for complaint in complaints])
    return _refusal(information_request, today, window, complaints)


def _late_message(information_request: InformationRequest, window) -> str:
    return _("The time to complain to the head of the body ended on %(end)s. How it was counted: "
             "%(how)s") % {"end": format_date(window.end), "how": window_text(information_request)}


# -- filing ------------------------------------------------------------------------------------------


@transaction.atomic
def file_complaint(*, actor, information_request: InformationRequest, contested: str, reasons: str,
                   channel: str = ComplaintChannel.PORTAL, filed_on: date | None = None,
                   complainant=None) -> HeadComplaint:
    """The complaint of art. 19: from the portal by the requester (received today), or
    registered by an officer of the body with the day it was received on paper, by
    e-mail or by post. Refused outside the window (with its last day and how it was
    counted), while another complaint is pending, or about an answer already complained
    of."""
    today = timezone.localdate()
    information_request = (InformationRequest.objects.select_for_update(of=("self",))
                           .select_related("body", "decision").get(pk=information_request.pk))
    if channel == ComplaintChannel.PORTAL:
        if not permissions.is_requester_of(actor, information_request):
            raise PermissionDenied(_("Only the requester may complain about this request on the portal."))
        filed_on = today
        complainant = actor
    else:
        if channel not in PAPER_CHANNELS:
            raise ValidationError({"channel": _("Choose how the complaint was received.")})
        if not permissions.is_officer_of(actor, information_request.body):
            raise PermissionDenied(_("Only an information officer of the body registers a complaint it "
                                     "received."))
        if filed_on is None:
            raise ValidationError({"filed_on": _("Enter the date the complaint was received.")})
        if filed_on > today:
            raise ValidationError({"filed_on": _("The date of receipt cannot be in the future.")})
        complainant = complainant or information_request.requester

    reasons = (reasons or "").strip()
    errors = {}
    if not reasons:
        errors["reasons"] = _("Say why you complain.")
    allowed = CONTESTABLE.get(information_request.state)
    if allowed is None:
        raise ValidationError(_("A complaint to the head of the body is possible once the request has been "
                                "answered or its deadline has passed (art. 19)."))
    if contested not in allowed:
        errors["contested"] = _("Choose what you contest among: %(choices)s.") % {
            "choices": ", ".join(str(Contested(value).label) for value in allowed)}
    if errors:
        raise ValidationError(errors)

    window = windows.head_window(information_request)
    if window is not None and filed_on < window.start:
        raise ValidationError({"filed_on": _("The complaint cannot have been received before the time to "
                                             "complain opened, on %(date)s.") % {
            "date": format_date(window.start)}})
    refusal = _refusal(information_request, filed_on, window, _complaints_of(information_request))
    if refusal:
        raise ValidationError(refusal)

    complaint = HeadComplaint(
        number=RegistrationSequence.next_number(HeadComplaint.PREFIX, filed_on.year),
        request=information_request, complainant=complainant, channel=channel, filed_on=filed_on,
        registered_by=actor, contested=contested, reasons=reasons,
        window_start=window.start, window_end=window.end,
        due_date=windows.head_due_date(information_request, filed_on),
    )
    complaint.full_clean(exclude=["request", "complainant", "registered_by", "decided_by", "state"])
    complaint._history_user = actor
    complaint.save()
    steps.record(complaint, "file", actor, note=complaint.get_channel_display())
    # The head decides; the officers who answered are told as well (requests_app.notices).
    tell_officers([information_request.pk], COMPLAINT_RECEIVED, filed_on, actor=actor)
    send_soon(tell_complainant([complaint.pk], "received", filed_on))
    return complaint


# -- the head's decision --------------------------------------------------------------------------------


@transaction.atomic
def decide(*, actor, complaint: HeadComplaint, outcome: str, reasons: str) -> HeadComplaint:
    """The head of the body decides, with reasons (art. 19). Upheld, fully or in part,
    the request is reopened for disclosure in the same transaction."""
    complaint = steps.lock(HeadComplaint, complaint)
    information_request = complaint.request
    if not permissions.is_head_of(actor, information_request.body):
        raise PermissionDenied(_("Only the head of the body decides a complaint against it."))
    reasons = (reasons or "").strip()
    errors = {}
    if outcome not in OUTCOMES:
        errors["outcome"] = _("Choose the decision: upheld, partly upheld or rejected.")
    if not reasons:
        errors["reasons"] = _("A decision on a complaint must give its reasons (art. 19).")
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()

    def facts():
        complaint.decided_at = timezone.now()
        complaint.decided_by = actor
        complaint.decision_reasons = reasons
        complaint.decided_late = today > complaint.due_date

    steps.run(complaint, OUTCOMES[outcome], actor, note=reasons, then=facts)
    if complaint.is_upheld:
        request_services.reopen(actor=actor, information_request=information_request, on=today,
                                reasons=reasons)
    send_soon(tell_complainant([complaint.pk], "decided", today))
    return complaint


# -- the head's silence (the clock) --------------------------------------------------------------------


def mark_overdue_batch(today: date | None = None, *, batch_size: int | None = None) -> int:
    """One batch of the complaints the head left undecided past their due date moved to
    ``overdue`` (the Commission may now be seized, art. 20); the clock calls it until it
    returns 0. The complainants are told."""
    today = today or timezone.localdate()
    with transaction.atomic():
        ids = list(HeadComplaint.objects.select_for_update(skip_locked=True)
                   .filter(state=HeadComplaintState.RECEIVED, due_date__lt=today)
                   .order_by("due_date", "id")
                   .values_list("id", flat=True)[:batch_size or settings.NAFIDA_SWEEP_BATCH])
        for pk in ids:
            complaint = HeadComplaint.objects.get(pk=pk)

            def facts(complaint=complaint):
                complaint.overdue_since = complaint.due_date + timedelta(days=1)

            steps.run(complaint, "mark_overdue", None, then=facts)
        if ids:
            tell_complainant(ids, "overdue", models.F("overdue_since"))
    return len(ids)


# -- who is told ----------------------------------------------------------------------------------------


def tell_complainant(complaint_ids: list[int], kind: str, day) -> list[int]:
    """Owe the requesters of these complaints the mail ``kind`` (the address of the
    request, else of the account), in the caller's transaction."""
    rows = HeadComplaint.objects.filter(pk__in=complaint_ids)
    return owe(requester_contacts(rows, path="request__"), subject=SUBJECT, kind=kind, date_concerned=day)
