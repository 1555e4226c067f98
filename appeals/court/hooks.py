"""How appeals.court hooks into the lower apps (registries, signals): called once from AppealsConfig.ready.

- the requester's page: the court's window (art. 21), its last day, the button to record
  an appeal and the appeals recorded;
- the public register entry: one line per appeal (date, court's file number, outcome;
  never the requester);
- the clock: the complainant warned a few working days before the window closes, counted
  from the receipt of the Commission's answer, or from the end of its period to answer."""

from __future__ import annotations

from django.utils import timezone

from requests_app.clock.models import LegalRule
from requests_app.outbox.clocks import Clock, register_clock
from requests_app.outbox.registry import Subject, register_subject
from requests_app.sections import RequestSection, register_request_section

from .. import permissions, windows
from ..models import CommissionComplaint
from ..models.commission import COMMISSION_ANSWERED_STATES, COMMISSION_OPEN_STATES
from . import notices

COURT_WARNING_DAYS = 3


def requester_context(information_request, user):
    if not permissions.is_requester_of(user, information_request):
        return None
    from .services import window_complaint, window_explained

    complaint = window_complaint(information_request)
    appeals = list(information_request.court_appeals.all())
    if complaint is None and not appeals:
        return None
    window = windows.court_window(complaint) if complaint else None
    return {"window": window, "explained": window_explained(window, complaint) if window else "",
            "open": window is not None and timezone.localdate() <= window.end, "appeals": appeals}


def register_context(information_request, user):
    appeals = list(information_request.court_appeals.only("filed_on", "court_reference", "outcome"))
    return {"appeals": appeals} if appeals else None


def register() -> None:
    register_request_section(RequestSection("court_requester", "requester_page",
                                            "appeals/court/requester_section.html", requester_context))
    register_request_section(RequestSection("court_register", "register_entry",
                                            "appeals/court/register_section.html", register_context))
    register_subject(Subject(
        name=notices.COURT_WINDOW,
        load=lambda pk: (CommissionComplaint.objects.select_related("request__body", "request__requester")
                         .get(pk=pk)),
        email=notices.court_window_email,
    ))
    common = dict(subject=notices.COURT_WINDOW, model=CommissionComplaint,
                  period=LegalRule.Period.COURT_APPEAL, notice=notices.CLOSING,
                  days_before=(COURT_WARNING_DAYS,), once=True,
                  counts_as="court_windows", body_kind_field="request__body__kind")
    register_clock(Clock(name="court_window_from_receipt", due_field="received_on",
                         open_states=tuple(COMMISSION_ANSWERED_STATES),
                         recipients=notices.contacts_from_receipt, **common))
    register_clock(Clock(name="court_window_from_due_date", due_field="due_date",
                         open_states=tuple(COMMISSION_OPEN_STATES + COMMISSION_ANSWERED_STATES),
                         recipients=notices.contacts_from_due_date, **common))
