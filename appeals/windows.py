"""The appeals' dates, each counted by the legal clock from the rules table (no period
is written here): when a window opens and closes, and when a decision is due.

- head of the body (art. 19): the window is the request's (``requests_app.deadlines``);
  the head decides within ``head_decision`` from the day the complaint was received;
- Commission (art. 20): the window of ``complaint_commission_filing`` opens the day the
  complainant received the head's answer, or, with no answer, the day after the head's
  deadline; the Commission answers within ``commission_answer`` from receipt;
- court (art. 21): the window of ``court_appeal`` opens the day the complainant received
  the Commission's answer, or, with none, at the end of its period to answer."""

from __future__ import annotations

from datetime import date

from requests_app import deadlines
from requests_app.clock import periods
from requests_app.clock.models import LegalRule
from requests_app.clock.periods import CountedPeriod

P = LegalRule.Period


def _kind(complaint) -> str | None:
    return deadlines.body_kind(complaint.request)


def head_window(information_request) -> CountedPeriod | None:
    """Art. 19: the time to complain to the head of the body (None while it has not
    started: the request is open, or its answer not yet received)."""
    return deadlines.complaint_window(information_request)


def head_due_date(information_request, filed_on: date) -> date:
    """Art. 19: the head decides within ``head_decision`` of receiving the complaint."""
    return periods.due_date_for(P.HEAD_DECISION, filed_on, deadlines.body_kind(information_request))


def commission_window_start(head_complaint) -> date | None:
    """Art. 20: the day the complainant received the head's answer; or, the head silent,
    the head's deadline (the window counts from its end); None while neither has come."""
    if head_complaint is None:
        return None
    if head_complaint.is_decided:
        return head_complaint.received_on
    if head_complaint.is_overdue:
        return head_complaint.due_date
    return None


def commission_window(head_complaint) -> CountedPeriod | None:
    start = commission_window_start(head_complaint)
    if start is None:
        return None
    return periods.count(P.COMPLAINT_COMMISSION_FILING, start, _kind(head_complaint))


def commission_due_date(information_request, filed_on: date) -> date:
    """Art. 20: the Commission answers within ``commission_answer`` of receipt."""
    return periods.due_date_for(P.COMMISSION_ANSWER, filed_on, deadlines.body_kind(information_request))


def court_window_start(commission_complaint) -> date | None:
    """Art. 21: the receipt of the Commission's answer, or the end of its period to answer."""
    if commission_complaint is None:
        return None
    if commission_complaint.is_answered and commission_complaint.received_on:
        return commission_complaint.received_on
    return commission_complaint.due_date


def court_window(commission_complaint) -> CountedPeriod | None:
    start = court_window_start(commission_complaint)
    if start is None:
        return None
    return periods.count(P.COURT_APPEAL, start, _kind(commission_complaint))
