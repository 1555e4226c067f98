"""The clock runs by itself: the deadlines Celery beat sweeps (DESIGN.md, arts 16-21).

A ``Clock`` is one kind of deadline, registered by the app whose records carry it: the
model, the date field, the states in which the deadline runs, who is told before it
ends and what happens when it has passed. The request registers the answer period
(arts 16-17: officers reminded, the request overdue at its end) and the complaint window
(art. 19: the requester warned before it closes); the complaints register theirs the
same way, without a line changed here.

Everything is set-based: rows are selected by their date (an index), and each message
owed is first a ``Notification`` row, unique by (subject, kind, date, recipient), then
sent by the one sender. A sweep that runs twice, or crashes and is rerun, creates
nothing twice and sends nothing twice.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from ..clock import calendar, periods
from .store import owe

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Clock:
    """A deadline that runs on the rows of ``model`` while their ``state_field`` is one of
    ``open_states``.

    The deadline is the date in ``due_field`` (a field, or a path with a transform such
    as ``decision__decided_at__date``), or, with ``period``, the end of that period of the
    law counted from it. Before the deadline, ``recipients`` are told (given the rows
    concerned, it returns a ``values()`` query of them, with ``subject_id``,
    ``recipient`` and ``recipient_language`` as ``outbox.store.owe`` reads them), by
    notifications of the outbox subject ``subject``: ``notice_<n>`` on each of the working days ``n`` in
    ``days_before``, or, with ``once``, a single ``notice`` as soon as the deadline is
    that close. After it, ``expire(today)`` moves one batch of the rows past their
    deadline and returns how many it moved (it is called until it returns 0).

    ``name`` identifies the clock; the sweep counts its notifications under
    ``counts_as`` (its name by default) and its moves under ``expired_as``.

    With ``body_kind_field`` (the path to the kind of body, e.g. ``body__kind``), the
    working days are those of each row's kind of body (an exceptional closure may close
    some kinds only: ``clock.calendar``).
    """

    name: str
    subject: str
    model: type[models.Model]
    due_field: str
    open_states: tuple[str, ...]
    recipients: Callable[[QuerySet], QuerySet]
    notice: str = "reminder"
    days_before: tuple[int, ...] = (5, 2, 0)
    once: bool = False
    period: str | None = None
    expire: Callable[[date], int] | None = None
    counts_as: str = ""
    expired_as: str = "expired"
    state_field: str = "state"
    body_kind_field: str | None = None

    def __post_init__(self):
        if not self.counts_as:
            object.__setattr__(self, "counts_as", self.name)

    def open_rows(self) -> QuerySet:
        return self.model._default_manager.filter(**{f"{self.state_field}__in": self.open_states})


CLOCKS: dict[str, Clock] = {}


def register_clock(clock: Clock) -> Clock:
    CLOCKS[clock.name] = clock
    return clock


def unregister_clock(name: str) -> None:
    CLOCKS.pop(name, None)


# -- before the deadline ------------------------------------------------------------------------


def _notices(clock: Clock, today: date, body_kind: str | None = None) -> dict[date, str]:
    """The deadlines that call for a notice today, with the kind of notice each gets."""
    if clock.once:
        horizon = calendar.add_working_days(today, max(clock.days_before), body_kind)
        return {today + timedelta(days=n): clock.notice for n in range((horizon - today).days + 1)}
    return {calendar.add_working_days(today, days, body_kind): f"{clock.notice}_{days}"
            for days in clock.days_before}


def _starts(clock: Clock, deadlines: set[date], body_kind: str | None = None) -> dict[date, date]:
    """The values of ``due_field`` that give each deadline: the deadline itself, or, for
    a period counted from the field, every start whose period ends on it (the end never
    comes earlier for a later start, so the search stops at the first that does)."""
    if clock.period is None:
        return {deadline: deadline for deadline in deadlines}
    starts, start = {}, max(deadlines) - timedelta(days=1)
    while (end := periods.due_date_for(clock.period, start, body_kind)) >= min(deadlines):
        if end in deadlines:
            starts[start] = end
        start -= timedelta(days=1)
    return starts


Plan = dict[str, dict[date, date]]  # kind of notice -> {value of due_field: deadline}


def _plans(clock: Clock, today: date) -> list[tuple[Plan, list[str | None]]]:
    """What each row owes today, by the calendar it counts on: one plan for every kind of
    body whose calendar gives the same (usually all: their own closures are rare), the
    kind None standing for the bodies closed only when every body is."""
    kinds: list[str | None] = [None]
    if clock.body_kind_field:
        kinds += sorted(calendar.kinds_with_own_closures())
    plans: dict[tuple, tuple[Plan, list[str | None]]] = {}
    for body_kind in kinds:
        notices = _notices(clock, today, body_kind)
        plan: Plan = {}
        for start, deadline in _starts(clock, set(notices), body_kind).items():
            plan.setdefault(notices[deadline], {})[start] = deadline
        key = tuple(sorted((notice, tuple(sorted(ends.items()))) for notice, ends in plan.items()))
        plans.setdefault(key, (plan, []))[1].append(body_kind)
    return list(plans.values())


def notify(clock: Clock, today: date) -> int:
    """The notifications ``clock`` owes today; returns how many were new."""
    if not calendar.is_working_day(today):
        return 0
    plans = _plans(clock, today)
    created = 0
    for plan, body_kinds in plans:
        rows = clock.open_rows()
        if len(plans) > 1:  # the rows of the kinds of body that count on this calendar
            if None in body_kinds:
                others = [kind for _plan, kinds in plans if kinds is not body_kinds for kind in kinds]
                rows = rows.exclude(**{f"{clock.body_kind_field}__in": others})
            else:
                rows = rows.filter(**{f"{clock.body_kind_field}__in": body_kinds})
        created += _owe(clock, rows, plan)
    return created


def _owe(clock: Clock, rows: QuerySet, plan: Plan) -> int:
    created = 0
    for kind, deadlines in plan.items():  # one statement per kind of notice
        selected = rows.filter(**{f"{clock.due_field}__in": list(deadlines)})
        deadline = models.Case(
            *(models.When(**{clock.due_field: start}, then=models.Value(end))
              for start, end in deadlines.items()),
            output_field=models.DateField())
        created += len(owe(clock.recipients(selected), subject=clock.subject, kind=kind,
                           date_concerned=deadline))
    return created


# -- after it -------------------------------------------------------------------------------------


def expire(clock: Clock, today: date) -> int:
    """Let ``clock`` move what is past its deadline, batch by batch."""
    if clock.expire is None or not calendar.is_working_day(today):
        return 0
    moved = 0
    pause = settings.NAFIDA_SWEEP_PAUSE_SECONDS
    while count := clock.expire(today):
        moved += count
        if pause:  # leave room to the web nodes on a busy database
            time.sleep(pause)
    return moved


# -- everything at once -------------------------------------------------------------------------


def sweep(today: date | None = None) -> dict[str, int]:
    """One pass of every clock (what beat runs). Only on working days: a deadline that
    ended the day before a holiday has passed on the next working day, when the
    administration is open again, and Friday's sweep already reminded of Monday."""
    today = today or timezone.localdate()
    counts: Counter[str] = Counter()
    for clock in CLOCKS.values():
        if clock.expire is not None:
            counts[clock.expired_as] += expire(clock, today)
    for clock in CLOCKS.values():
        counts[clock.counts_as] += notify(clock, today)
    log.info("Clock sweep of %s: %s", today, dict(counts))
    return dict(counts)
