"""How a request's dates were computed, in words a requester can check (arts 16, 17,
19): the period, its article, the start day and every day off it skipped.

The legal clock (``legal_clock``) answers only "is this a working day" and "add n
working days" and stays fast; the names of the days off are looked up here, for the
few pages and letters that explain a date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import holidays as holidays_package
from django.utils import timezone
from django.utils.translation import get_language

from accounts.models import pick_language

from . import legal_clock
from .models import DeadlineChange, Holiday, InformationRequest, LegalRule

# The holidays package speaks ar, fr and en_US.
_PACKAGE_LANGUAGE = {"ar": "ar", "fr": "fr", "en": "en_US"}


@dataclass(frozen=True)
class SkippedDay:
    day: date
    name: str  # the holiday's name, or "" for a Saturday or Sunday

    @property
    def is_weekend(self) -> bool:
        return not self.name


@dataclass(frozen=True)
class Period:
    """One period of the law applied from ``start`` to ``end``."""

    rule: LegalRule
    start: date
    end: date
    skipped: list[SkippedDay] = field(default_factory=list)

    @property
    def holidays(self) -> list[SkippedDay]:
        return [day for day in self.skipped if not day.is_weekend]

    @property
    def weekend_days(self) -> int:
        return sum(1 for day in self.skipped if day.is_weekend)


def day_off_names(first: date, last: date, language: str | None = None) -> dict[date, str]:
    """The names of the holidays between ``first`` and ``last``, the Holiday table's
    rows taking precedence over the package's estimates."""
    language = (language or get_language() or "ar")[:2]
    names: dict[date, str] = {}
    package = holidays_package.country_holidays(
        "MA", years=range(first.year, last.year + 1), language=_PACKAGE_LANGUAGE.get(language, "ar")
    )
    for day, name in package.items():
        if first <= day <= last:
            names[day] = name
    for row in Holiday.objects.filter(date__gte=first, date__lte=last):
        if row.day_off:
            names[row.date] = pick_language(
                {"ar": row.name_ar, "fr": row.name_fr, "en": row.name_en}, language)
        else:
            names.pop(row.date, None)
    return names


def explain_period(rule: LegalRule, start: date, language: str | None = None) -> Period:
    """The period ``rule`` counted from ``start``, with the days off it skipped."""
    end = rule.due_date(start)
    # Working days skip every day off; calendar days count them, and skip only the days
    # off on which the period would have ended (it then moves to the next working day).
    first = 1 if rule.unit == LegalRule.Unit.WORKING_DAYS else rule.length
    off = [start + timedelta(days=n) for n in range(first, (end - start).days + 1)]
    off = [day for day in off if not legal_clock.is_working_day(day)]
    names = day_off_names(start, end, language) if off else {}
    return Period(rule=rule, start=start, end=end,
                  skipped=[SkippedDay(day, names.get(day, "") if day.weekday() < 5 else "")
                           for day in off])


def explain_due_date(request: InformationRequest, language: str | None = None) -> list[Period]:
    """The periods that make up the request's due date: the answer period from
    receipt, then the extension if there was one (art. 16 or 17)."""
    if request.received_on is None:
        return []
    periods = [explain_period(
        LegalRule.objects.in_force(request.answer_period, request.received_on),
        request.received_on, language)]
    if request.is_extended:
        start = (
            request.deadline_changes.filter(reason=DeadlineChange.Reason.EXTENSION)
            .values_list("old_due_date", flat=True).last()
        ) or periods[0].end
        periods.append(explain_period(
            LegalRule.objects.in_force(request.extension_period, start), start, language))
    return periods


def complaint_window(request: InformationRequest) -> Period | None:
    """Art. 19: the requester may complain to the head of the body within 20 working
    days of the end of the answer period (silence) or of the answer."""
    if request.state == InformationRequest.State.OVERDUE and request.due_date:
        start = request.due_date
    elif request.state in (InformationRequest.State.REFUSED,
                           InformationRequest.State.PARTIALLY_GRANTED,
                           InformationRequest.State.GRANTED):
        decision = getattr(request, "decision", None)
        if decision is None:
            return None
        start = timezone.localdate(decision.decided_at)
    else:
        return None
    rule = LegalRule.objects.in_force(LegalRule.Period.COMPLAINT_HEAD_FILING, start)
    return Period(rule=rule, start=start, end=rule.due_date(start))


def working_days_left(request: InformationRequest, today: date | None = None) -> int | None:
    """Working days from today to the due date (0 on the due date, negative after)."""
    if request.due_date is None or request.state not in (
        InformationRequest.State.SUBMITTED, InformationRequest.State.IN_PROGRESS
    ):
        return None
    return legal_clock.working_days_between(today or timezone.localdate(), request.due_date)
