"""The request's dates, one function per legal meaning, each counted by the clock:

- ``due_date``: the end of the answer period from receipt (art. 16, or 17 when urgent),
  then of the one extension if there was one;
- ``complaint_window``: the time to complain to the head of the body (art. 19), from the
  end of the answer period left unanswered or from the day the requester received the
  answer (``Decision.received_on``; not started while that day is unknown);
- ``working_days_left`` before the due date; ``days_left`` in the unit of the answer
  period (calendar days for an urgent request, art. 17).

Pages, letters, e-mails, the services and the sweeps all call these; none counts a
period itself. Each counts on the calendar of the request's body's kind (an exceptional
closure may close some kinds of body only: ``clock.calendar``)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from .clock import calendar, periods
from .clock.models import LegalRule
from .clock.periods import CountedPeriod
from .models import DECIDED_STATES, InformationRequest, RequestState

# Art. 19: where the complaint window starts, by the state that opened it: the end of
# the answer period (silence) or the day the requester received the answer ("ابتداء من
# تاريخ التوصل بالجواب"), not the day it was given. The sweeps read the same fields; a
# request whose answer has no receipt yet has no window (the path leads to None).
COMPLAINT_PERIOD = LegalRule.Period.COMPLAINT_HEAD_FILING
COMPLAINT_WINDOW_FROM = {
    RequestState.OVERDUE: "due_date",
    **dict.fromkeys(DECIDED_STATES, "decision__received_on"),
}


def body_kind(information_request: InformationRequest) -> str | None:
    """The kind of the request's body, whose closures its periods skip."""
    if information_request.body_id is None:
        return None
    return information_request.body.kind


def answer_periods(information_request: InformationRequest, language: str | None = None,
                   *, explained: bool = False) -> list[CountedPeriod]:
    """The periods that make up the due date: the answer period from receipt (or from the
    day an upheld complaint reopened the request, art. 19), then the extension, counted
    from the end of the first (art. 16 or 17). With ``explained``,
    each comes with the days off it skipped, named in ``language``."""
    received_on = information_request.answer_period_start
    if received_on is None:
        return []

    kind = body_kind(information_request)

    def count(period: str, start: date) -> CountedPeriod:
        if explained:
            return periods.explain(period, start, language, kind)
        return periods.count(period, start, kind)

    counted = [count(information_request.answer_period, received_on)]
    if information_request.is_extended:
        counted.append(count(information_request.extension_period, counted[0].end))
    return counted


def due_date(information_request: InformationRequest) -> date | None:
    """The day by which the body must answer, under today's calendar and rules."""
    counted = answer_periods(information_request)
    return counted[-1].end if counted else None


def explain_due_date(information_request: InformationRequest,
                     language: str | None = None) -> list[CountedPeriod]:
    """The due date's periods with the days off each skipped, for a page or a letter."""
    return answer_periods(information_request, language, explained=True)


def complaint_window_after(start: date, kind: str | None = None) -> CountedPeriod:
    """The art. 19 window that opens on ``start``, for a body of ``kind``."""
    return periods.count(COMPLAINT_PERIOD, start, kind)


def complaint_window_start(information_request: InformationRequest) -> date | None:
    """The day the art. 19 window opened, read along ``COMPLAINT_WINDOW_FROM``'s path
    (``__date`` takes the local date of a moment, as the database does)."""
    path = COMPLAINT_WINDOW_FROM.get(information_request.state)
    value = information_request if path else None
    for part in (path or "").split("__"):
        if value is None:
            break
        value = timezone.localdate(value) if part == "date" else getattr(value, part, None)
    return value


def complaint_window(information_request: InformationRequest) -> CountedPeriod | None:
    """Art. 19: the requester may complain to the head of the body within the period of
    ``COMPLAINT_PERIOD`` (in the rules table) from the end of the answer period (silence)
    or from the day they received the answer; None while the request is open or the
    receipt is unknown."""
    start = complaint_window_start(information_request)
    return complaint_window_after(start, body_kind(information_request)) if start else None


def complaint_window_pending(information_request: InformationRequest) -> LegalRule | None:
    """A decided request whose answer has not been received yet: its window has not
    started. The rule that will count it (in force on the day of the answer, the
    earliest the receipt can be), for the pages and letters that say so; else None."""
    decision = getattr(information_request, "decision", None) if information_request.is_decided else None
    if decision is None or decision.is_received:
        return None
    return periods.rule_in_force(COMPLAINT_PERIOD, decision.answered_on)


def days_left(information_request: InformationRequest, today: date | None = None,
              rules: dict | None = None) -> tuple[int, str] | None:
    """(count, unit): the days from today to the due date counted in the unit of the
    request's answer period (``LegalRule.Unit``: working days for art. 16, calendar days
    for an urgent request, art. 17), so a page says "3 calendar days left" where the law
    counts calendar days; None when the request is not open. ``rules`` caches the rule
    of each (period, day) over a list."""
    if information_request.due_date is None or not information_request.is_open:
        return None
    key = (information_request.answer_period, information_request.answer_period_start)
    rules = {} if rules is None else rules
    if key not in rules:
        rules[key] = periods.rule_in_force(*key) if key[1] else None
    rule = rules[key]
    today = today or timezone.localdate()
    if rule is not None and rule.unit != LegalRule.Unit.WORKING_DAYS:
        return (information_request.due_date - today).days, rule.unit
    return working_days_left(information_request, today), LegalRule.Unit.WORKING_DAYS


def working_days_left(information_request: InformationRequest, today: date | None = None) -> int | None:
    """Working days from today to the due date (0 on the due date, negative after)."""
    if information_request.due_date is None or not information_request.is_open:
        return None
    return calendar.working_days_between(today or timezone.localdate(), information_request.due_date,
                                         body_kind(information_request))
