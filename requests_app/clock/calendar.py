"""The working-day calendar of the legal clock (DESIGN.md, law digest §15).

Working days are Monday to Friday (Decree 2.05.916, art. 1) minus public holidays. The
holidays come from the ``holidays`` package for Morocco, overridden by the ``Holiday``
table: a lunar holiday confirmed after the moon sighting replaces the package's estimate
for that feast and year, an exceptional closure adds a day, a removal takes one away.

An exceptional closure may close some kinds of body only (Decree 2.05.916: the State
administrations and the territorial collectivities, not the public establishments): each
function takes the ``body_kind`` it counts for (``accounts.PublicBody.Kind``; None, the
default, counts only the days off of every body). The calendar knows nothing of what is
counted: the caller says for which kind of body.

A lunar holiday that is only estimated (the package's estimate, or a row marked as an
estimate) counts as a day off until it is confirmed: the feast will be a day off, only
its exact day is uncertain, and counting it keeps a deadline from ending a day or two
before the law's end. The admin's dashboard lists the estimates to confirm; a
confirmation recomputes every due date, including the requests already marked overdue.

Counting (DOC art. 131): the start day is never counted (day 0); a period of n working
days ends at the end of the n-th working day after it.

The calendar is an in-memory index of working days (a sorted list of ordinals and a
byte per day), so a call is a bisection, not a query per day. A change of the Holiday
table in this process invalidates it at once (signals); other processes see it within
``LEGAL_CALENDAR_RECHECK_SECONDS``, when they re-read the table's version.
"""

from __future__ import annotations

import bisect
import threading
import time
from dataclasses import dataclass, field
from datetime import date

import holidays as holidays_package
from django.conf import settings
from django.db.models import Count, Max

from .models import Holiday

__all__ = ["is_working_day", "add_working_days", "working_days_between", "invalidate", "feast_of",
           "kinds_with_own_closures", "package_holidays"]

# The package's English names of the lunar feasts (see Holiday.Feast).
_PACKAGE_FEASTS = {
    "Islamic New Year": "islamic_new_year",
    "Prophet's Birthday": "mawlid",
    "Eid al-Fitr": "eid_al_fitr",
    "Eid al-Adha": "eid_al_adha",
}
_MARGIN_YEARS = 10


@dataclass(frozen=True)
class _Index:
    first_ordinal: int
    working: list[int]  # ordinals of working days, ascending
    flags: bytes  # flags[ordinal - first_ordinal] == 1 for a working day
    version: tuple
    first_year: int
    last_year: int
    # Closures of some kinds of body only: ordinal -> the kinds it closes; and the
    # index of each such kind, built from this one when first asked for.
    scoped: dict[int, frozenset[str]] = field(default_factory=dict)
    by_kind: dict[str, _Index] = field(default_factory=dict)

    def covers(self, d: date) -> bool:
        return self.first_year <= d.year <= self.last_year

    def for_kind(self, body_kind: str | None) -> _Index:
        """This index for a body of ``body_kind``: also closed on its own closures."""
        if body_kind is None or not self.scoped:
            return self
        index = self.by_kind.get(body_kind)
        if index is None:
            closed = {ordinal for ordinal, kinds in self.scoped.items() if body_kind in kinds}
            if not closed:
                index = self
            else:
                flags = bytearray(self.flags)
                for ordinal in closed:
                    flags[ordinal - self.first_ordinal] = 0
                index = _Index(self.first_ordinal, [o for o in self.working if o not in closed],
                               bytes(flags), self.version, self.first_year, self.last_year)
            self.by_kind[body_kind] = index
        return index


_lock = threading.Lock()
_index: _Index | None = None
_checked_at = 0.0


def feast_of(name: str) -> str | None:
    """The Holiday.Feast of one of the package's holiday names, or None."""
    for label, feast in _PACKAGE_FEASTS.items():
        if name.startswith(label):
            return feast
    return None


def package_holidays(first_year: int, last_year: int, language: str = "en_US"):
    """The ``holidays`` package's days off in Morocco from ``first_year`` to
    ``last_year``, named in ``language`` (ar, fr or en_US): the fixed holidays and its
    estimates of the lunar feasts, which the Holiday table overrides."""
    return holidays_package.country_holidays("MA", years=range(first_year, last_year + 1),
                                             language=language)


def _table_version() -> tuple:
    agg = Holiday.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return (agg["n"], agg["last"])


def _holidays(first_year: int, last_year: int) -> tuple[set[date], dict[date, frozenset[str]]]:
    """The days off of every body, and the closures of some kinds of body only."""
    rows = list(
        Holiday.objects.filter(date__year__gte=first_year, date__year__lte=last_year).values_list(
            "date", "day_off", "feast", "body_kinds"
        )
    )
    confirmed = {(d.year, feast) for d, day_off, feast, _kinds in rows if feast and day_off}
    package = package_holidays(first_year, last_year)
    days: set[date] = set()
    for day in package:
        # A confirmed row for a feast and year replaces the package's estimate of it.
        kept = [n for n in package.get_list(day) if (day.year, feast_of(n)) not in confirmed]
        if kept:
            days.add(day)
    scoped: dict[date, frozenset[str]] = {}
    for day, day_off, _feast_name, body_kinds in rows:
        if day_off and body_kinds:
            scoped[day] = frozenset(body_kinds)
        elif day_off:
            days.add(day)
        else:
            days.discard(day)
    return days, scoped


def _build(first_year: int, last_year: int) -> _Index:
    version = _table_version()
    off, scoped = _holidays(first_year, last_year)
    first = date(first_year, 1, 1).toordinal()
    last = date(last_year, 12, 31).toordinal()
    flags = bytearray(last - first + 1)
    working = []
    for ordinal in range(first, last + 1):
        day = date.fromordinal(ordinal)
        if day.weekday() < 5 and day not in off:
            flags[ordinal - first] = 1
            working.append(ordinal)
    closures = {day.toordinal(): kinds for day, kinds in scoped.items()
                if day.weekday() < 5 and day not in off}
    return _Index(first, working, bytes(flags), version, first_year, last_year, closures)


def _get(for_day: date, body_kind: str | None = None) -> _Index:
    global _index, _checked_at
    index = _index
    now = time.monotonic()
    recheck = settings.LEGAL_CALENDAR_RECHECK_SECONDS
    if index is not None and index.covers(for_day) and now - _checked_at < recheck:
        return index.for_kind(body_kind)
    with _lock:
        index = _index
        version = _table_version() if index is not None else None
        if index is None or version != index.version or not index.covers(for_day):
            today = date.today().year
            first = min(for_day.year, today) - _MARGIN_YEARS
            last = max(for_day.year, today) + _MARGIN_YEARS
            if index is not None and version == index.version:
                first, last = min(first, index.first_year), max(last, index.last_year)
            _index = index = _build(max(first, 1), min(last, 9998))
        _checked_at = now
        return index.for_kind(body_kind)


def kinds_with_own_closures() -> frozenset[str]:
    """The kinds of body that a closure closes when it does not close every body (their
    calendars may differ from the common one)."""
    return frozenset().union(*_get(date.today()).scoped.values())


def invalidate() -> None:
    """Forget the index (the Holiday table changed in this process)."""
    global _index
    with _lock:
        _index = None


def is_working_day(d: date, body_kind: str | None = None) -> bool:
    """Monday to Friday, not a public holiday, and (for a body of ``body_kind``) not a
    closure of that kind of body."""
    index = _get(d, body_kind)
    return index.flags[d.toordinal() - index.first_ordinal] == 1


def add_working_days(start: date, n: int, body_kind: str | None = None) -> date:
    """The end of the n-th working day (of a body of ``body_kind``) after ``start``;
    ``start`` itself is never counted, working day or not (received Saturday, 1 working
    day → Monday)."""
    if n < 0:
        raise ValueError("n must not be negative")
    if n == 0:
        return start
    index = _get(start, body_kind)
    position = bisect.bisect_right(index.working, start.toordinal()) + n - 1
    while position >= len(index.working):
        # Beyond the indexed range: widen it and retry.
        index = _get(date(min(index.last_year + _MARGIN_YEARS, 9998), 1, 1), body_kind)
        position = bisect.bisect_right(index.working, start.toordinal()) + n - 1
    return date.fromordinal(index.working[position])


def working_days_between(start: date, end: date, body_kind: str | None = None) -> int:
    """How many working days (of a body of ``body_kind``) lie after ``start`` up to and
    including ``end`` (so ``working_days_between(d, add_working_days(d, n)) == n``);
    negative when ``end`` is before ``start``."""
    if end < start:
        return -working_days_between(end, start, body_kind)
    index = _get(start, body_kind)
    if not index.covers(end):
        index = _get(end, body_kind)
        if not index.covers(start):
            return sum(is_working_day(date.fromordinal(o), body_kind)
                       for o in range(start.toordinal() + 1, end.toordinal() + 1))
    return (bisect.bisect_right(index.working, end.toordinal())
            - bisect.bisect_right(index.working, start.toordinal()))
