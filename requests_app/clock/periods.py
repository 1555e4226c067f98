"""Periods of the law applied to dates, and how a date was reached in words a person
can check: the period, its article, the start day and every day off it skipped.

The calendar (``calendar``) answers only "is this a working day" and "add n working
days" and stays fast; the names of the days off are looked up here, for the few pages
and letters that explain a date. Nothing here knows what the period is for: the
request's due date, a complaint's deadline and a court's window are all counted here.
Each takes the ``body_kind`` of the body whose period it counts (``calendar``: a closure
may close some kinds of body only); the caller knows which."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, ngettext

from accounts.models import pick_language

from . import calendar
from .models import Holiday, LegalRule

# The holidays package speaks ar, fr and en_US.
_PACKAGE_LANGUAGE = {"ar": "ar", "fr": "fr", "en": "en_US"}


def period_end(rule: LegalRule, start: date, body_kind: str | None = None) -> date:
    """The last day of the period of ``rule`` that starts on ``start`` (the start day is
    not counted), for a body of ``body_kind``. A period in calendar days that ends on a
    non-working day moves to the next working day (DOC art. 133 by analogy; DESIGN.md)."""
    if rule.unit == LegalRule.Unit.WORKING_DAYS:
        return calendar.add_working_days(start, rule.length, body_kind)
    end = start + timedelta(days=rule.length)
    while not calendar.is_working_day(end, body_kind):
        end += timedelta(days=1)
    return end


def days_text(count: int, unit: str) -> str:
    """``count`` days of ``unit`` (a ``LegalRule.Unit``) in the active language, with
    the number's agreement: in Arabic يوم واحد / يومان / N أيام (3 to 10) / N يوما (11 to
    99), the six plural forms of the catalogue, and "من أيام العمل" for working days, as
    art. 16 says it."""
    if unit == LegalRule.Unit.WORKING_DAYS:
        text = ngettext("%(count)s working day", "%(count)s working days", count)
    else:
        text = ngettext("%(count)s calendar day", "%(count)s calendar days", count)
    return text % {"count": count}


def period_text(rule: LegalRule) -> str:
    """The length and unit of ``rule`` in words ("N working days", "N calendar days"):
    every text that states a period of the law says it through here, so that a reform
    row changes the pages, letters and mails with the dates."""
    return days_text(rule.length, rule.unit)


def rule_in_force(period: str, start: date) -> LegalRule:
    """The rule of ``period`` in force on ``start`` (a reform applies to the periods
    that start after it takes effect)."""
    return LegalRule.objects.in_force(period, start)


def check_counted_from(start: date) -> None:
    """Refuse ``start`` as the first day of a period when no rule of the law was in force
    on it (before the law took effect, or a year 0001 typed by mistake): nothing would
    count its period. One message for the intake form and the service."""
    first = LegalRule.objects.order_by("effective_from").values_list("effective_from", flat=True).first()
    if first is None or start < first:
        raise ValidationError(gettext(
            "This date is before %(date)s, when the periods of the law took effect: no "
            "period can be counted from it. Check the date.") % {
            "date": date_format(first, "SHORT_DATE_FORMAT") if first else "—"})


def due_date_for(period: str, start: date, body_kind: str | None = None) -> date:
    """The end of ``period`` starting on ``start``, under the rule in force that day."""
    return period_end(rule_in_force(period, start), start, body_kind)


@dataclass(frozen=True)
class SkippedDay:
    day: date
    name: str  # the holiday's name, or "" for a Saturday or Sunday

    @property
    def is_weekend(self) -> bool:
        return not self.name


@dataclass(frozen=True)
class CountedPeriod:
    """One period of the law counted from ``start`` to ``end`` (under ``rule``), with
    the days off it skipped when they were asked for."""

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


def count(period: str, start: date, body_kind: str | None = None) -> CountedPeriod:
    """``period`` counted from ``start`` under the rule in force that day."""
    rule = rule_in_force(period, start)
    return CountedPeriod(rule=rule, start=start, end=period_end(rule, start, body_kind))


def day_off_names(first: date, last: date, language: str | None = None,
                  body_kind: str | None = None) -> dict[date, str]:
    """The names of the holidays between ``first`` and ``last`` (for a body of
    ``body_kind``), the Holiday table's rows taking precedence over the package's
    estimates."""
    language = (language or get_language() or "ar")[:2]
    names: dict[date, str] = {}
    package = calendar.package_holidays(first.year, last.year, _PACKAGE_LANGUAGE.get(language, "ar"))
    for day, name in package.items():
        if first <= day <= last:
            names[day] = name
    for row in Holiday.objects.filter(date__gte=first, date__lte=last):
        if row.day_off and not row.applies_to(body_kind):
            continue
        if row.day_off:
            names[row.date] = pick_language(
                {"ar": row.name_ar, "fr": row.name_fr, "en": row.name_en}, language)
        else:
            names.pop(row.date, None)
    return names


def explain(period: str, start: date, language: str | None = None,
            body_kind: str | None = None) -> CountedPeriod:
    """``period`` counted from ``start``, with the days off it skipped."""
    rule = rule_in_force(period, start)
    end = period_end(rule, start, body_kind)
    # Working days skip every day off; calendar days count them, and skip only the days
    # off on which the period would have ended (it then moves to the next working day).
    first = 1 if rule.unit == LegalRule.Unit.WORKING_DAYS else rule.length
    off = [start + timedelta(days=n) for n in range(first, (end - start).days + 1)]
    off = [day for day in off if not calendar.is_working_day(day, body_kind)]
    names = day_off_names(start, end, language, body_kind) if off else {}
    return CountedPeriod(rule=rule, start=start, end=end,
                         skipped=[SkippedDay(day, names.get(day, "") if day.weekday() < 5 else "")
                                  for day in off])
