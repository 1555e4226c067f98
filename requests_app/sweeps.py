"""The clock runs by itself: the sweeps that Celery beat starts (DESIGN.md, arts 16–20).

- Requests whose due date has passed without a decision become ``overdue`` (art. 19
  opens the complaint); the requester is told until when they may complain.
- The officers of a body are reminded 5, 2 and 0 working days before a due date; each
  kind of deadline is a registered ``Clock`` (complaints, in ``appeals``, register
  theirs), not a copy of this code.
- A requester whose complaint window (art. 19) is about to close is told once.
- When the calendar or a legal rule changes, open requests' due dates are recomputed.

Everything is set-based: rows are selected by their due date (an index) and moved or
notified batch by batch, each batch one short transaction of a handful of statements.
Each message owed is first a ``Notification`` row, unique by (subject, kind, date,
recipient), then sent by ``send_notifications``: a sweep that runs twice, or crashes and
is rerun, creates nothing twice and sends nothing twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Designation, User

from . import legal_clock
from .models import (
    DECIDED_STATES,
    OPEN_STATES,
    DeadlineChange,
    InformationRequest,
    LegalRule,
    Notification,
    RequestState,
    StateChange,
)
from .notifications import absolute_url, build_email

log = logging.getLogger(__name__)
REMINDER_DAYS = (5, 2, 0)
COMPLAINT_WARNING_DAYS = 3


def batch_size() -> int:
    return getattr(settings, "NAFIDA_SWEEP_BATCH", 1000)


def lease() -> timedelta:
    return timedelta(seconds=getattr(settings, "NAFIDA_NOTIFICATION_LEASE_SECONDS", 300))


# -- registered clocks ---------------------------------------------------------------------


@dataclass(frozen=True)
class Clock:
    """A kind of deadline the sweep reminds people of: which rows are open, and who must
    act on each (a mapping from row id to (e-mail, language) pairs)."""

    subject_type: str
    open_rows: Callable[[], QuerySet]
    recipients: Callable[[list[tuple[int, int]]], dict[int, list[tuple[str, str]]]]
    owner_field: str = "body_id"
    reminder_days: tuple[int, ...] = REMINDER_DAYS


CLOCKS: dict[str, Clock] = {}


def register(clock: Clock) -> None:
    CLOCKS[clock.subject_type] = clock


def _officers_of(rows: list[tuple[int, int]]) -> dict[int, list[tuple[str, str]]]:
    """Rows are (request id, body id): the body's officers designated today."""
    bodies = {body_id for _pk, body_id in rows}
    by_body: dict[int, list[tuple[str, str]]] = {}
    for body_id, work_email, email, language in (
            Designation.objects.active()
            .filter(body_id__in=bodies, role=Designation.Role.INFORMATION_OFFICER,
                    user__is_active=True)
            .values_list("body_id", "work_email", "user__email", "user__preferred_language")):
        by_body.setdefault(body_id, []).append((work_email or email, language or "ar"))
    return {pk: by_body.get(body_id, []) for pk, body_id in rows}


register(Clock(
    subject_type="request",
    open_rows=lambda: InformationRequest.objects.filter(state__in=OPEN_STATES),
    recipients=_officers_of,
))


# -- overdue (art. 19) ----------------------------------------------------------------------

def mark_overdue(today: date | None = None) -> int:
    """Open requests whose due date has passed become ``overdue``, batch by batch.

    Only on working days: a deadline that ended the day before a holiday is past due on
    the next working day, when the administration is open again."""
    today = today or timezone.localdate()
    if not legal_clock.is_working_day(today):
        return 0
    moved = 0
    pause = getattr(settings, "NAFIDA_SWEEP_PAUSE_SECONDS", 0.0)
    while True:
        count = _overdue_batch(today)
        moved += count
        if count == 0:
            return moved
        if pause:  # leave room to the web nodes on a busy database
            time.sleep(pause)


@transaction.atomic
def _overdue_batch(today: date) -> int:
    """One batch, five statements, no row turned into a Python object: pick and lock
    (the partial index on open requests' due dates), write the state changes, move, then
    write the history and the notifications, each with INSERT … SELECT."""
    ids = list(
        InformationRequest.objects.select_for_update(skip_locked=True)
        .filter(state__in=OPEN_STATES, due_date__lt=today)
        .order_by("due_date", "id").values_list("id", flat=True)[:batch_size()]
    )
    if not ids:
        return 0
    now = timezone.now()
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        # The state changes first, while the rows still hold their old state.
        cursor.execute(_STATE_CHANGE_SQL.format(ids=placeholders), [now, _overdue_note(), *ids])
        # The set-based form of the ``mark_overdue`` transition, guarded by the same
        # condition in SQL (the rows are locked: none can have changed meanwhile).
        InformationRequest.objects.filter(pk__in=ids, state__in=OPEN_STATES).update(
            state=RequestState.OVERDUE, updated_at=now)
        cursor.execute(_HISTORY_SQL.format(ids=placeholders), [now, "overdue sweep", *ids])
        cursor.execute(_NOTIFY_SQL.format(ids=placeholders), [now, *ids])
    return len(ids)


def _overdue_note() -> str:
    return str(_("Deadline passed without an answer (art. 19)."))


_STATE_CHANGE_SQL = (
    f"INSERT INTO {StateChange._meta.db_table} "
    "(request_id, transition, from_state, to_state, actor_id, at, note) "
    "SELECT id, 'mark_overdue', state, 'overdue', NULL, %s, %s "
    f"FROM {InformationRequest._meta.db_table} WHERE id IN ({{ids}})"
)
_TRACKED = [field.column for field in InformationRequest._meta.concrete_fields]
_HISTORY_SQL = (
    f"INSERT INTO {InformationRequest.history.model._meta.db_table} "
    f"({', '.join(_TRACKED)}, history_date, history_change_reason, history_type, history_user_id) "
    f"SELECT {', '.join(_TRACKED)}, %s, %s, '~', NULL "
    f"FROM {InformationRequest._meta.db_table} WHERE id IN ({{ids}})"
)
# The requester is told at the address on the request, else their account's, in their
# account's language; a paper request without any address gets no e-mail.
_NOTIFY_SQL = (
    f"INSERT INTO {Notification._meta.db_table} "
    "(subject_type, subject_id, kind, due_date, recipient, language, created_at, attempts) "
    "SELECT 'request', r.id, 'overdue', r.due_date, "
    "COALESCE(NULLIF(r.email, ''), u.email), COALESCE(NULLIF(u.preferred_language, ''), r.language), "
    "%s, 0 "
    f"FROM {InformationRequest._meta.db_table} r LEFT JOIN {User._meta.db_table} u "
    "ON u.id = r.requester_id "
    "WHERE r.id IN ({ids}) AND COALESCE(NULLIF(r.email, ''), u.email, '') <> '' "
    "ON CONFLICT DO NOTHING"
)


def _accounts(rows) -> dict[int, dict]:
    """The requesters' accounts of a batch, in one query (their address and language)."""
    ids = {row["requester_id"] for row in rows if row["requester_id"]}
    return {user["id"]: user for user in
            User.objects.filter(pk__in=ids).values("id", "email", "preferred_language")}


def _requester_notification(row: dict, kind: str, due: date, accounts: dict) -> Notification | None:
    email, language = row.get("email") or "", row.get("language") or "ar"
    if row.get("requester_id"):
        account = accounts.get(row["requester_id"])
        if account:
            email = email or account["email"]
            language = account["preferred_language"] or language
    if not email:
        return None
    return Notification(subject_type="request", subject_id=row["id"], kind=kind, due_date=due,
                        recipient=email, language=language)


# -- reminders to those who must act ----------------------------------------------------------


def create_reminders(today: date | None = None) -> int:
    """Reminders 5, 2 and 0 working days before each due date, for every registered
    clock. Only on working days (Friday's sweep already reminded of Monday)."""
    today = today or timezone.localdate()
    if not legal_clock.is_working_day(today):
        return 0
    created = 0
    for clock in CLOCKS.values():
        for days in clock.reminder_days:
            target = legal_clock.add_working_days(today, days)
            last_id = 0
            while True:
                rows = list(clock.open_rows().filter(due_date=target, id__gt=last_id)
                            .order_by("id").values_list("id", clock.owner_field)[:batch_size()])
                if not rows:
                    break
                last_id = rows[-1][0]
                notes = [Notification(subject_type=clock.subject_type, subject_id=pk,
                                      kind=f"reminder_{days}", due_date=target, recipient=email,
                                      language=language)
                         for pk, people in clock.recipients(rows).items()
                         for email, language in people]
                created += _insert(notes)
    return created


def _insert(notes: list[Notification]) -> int:
    """Insert the rows not there yet; return how many were new (a rerun adds none)."""
    if not notes:
        return 0
    # Counted on the batch's own subjects (the unique index), not over the whole table.
    mine = Notification.objects.filter(subject_type__in={note.subject_type for note in notes},
                                       subject_id__in={note.subject_id for note in notes},
                                       kind__in={note.kind for note in notes})
    before = mine.count()
    Notification.objects.bulk_create(notes, ignore_conflicts=True)
    return mine.count() - before


# -- the requester's complaint window (art. 19) -----------------------------------------------


def create_complaint_window_warnings(today: date | None = None) -> int:
    """Tell requesters once, a few working days before it closes, that their window to
    complain to the head of the body ends (20 working days from the answer or from the
    end of the deadline, art. 19)."""
    today = today or timezone.localdate()
    if not legal_clock.is_working_day(today):
        return 0
    horizon = legal_clock.add_working_days(today, COMPLAINT_WARNING_DAYS)
    ends: dict[date, date] = {}
    for back in range(1, 80):
        start = today - timedelta(days=back)
        rule = LegalRule.objects.in_force(LegalRule.Period.COMPLAINT_HEAD_FILING, start)
        end = rule.due_date(start)
        if today <= end <= horizon:
            ends[start] = end
    if not ends:
        return 0
    candidates = InformationRequest.objects.filter(
        Q(state=RequestState.OVERDUE, due_date__in=list(ends))
        | Q(state__in=DECIDED_STATES, decision__decided_at__date__in=list(ends)))
    created, last_id = 0, 0
    while True:
        rows = list(candidates.filter(id__gt=last_id).order_by("id")
                    .values("id", "state", "due_date", "email", "language", "requester_id",
                            "decision__decided_at")[:batch_size()])
        if not rows:
            return created
        last_id = rows[-1]["id"]
        accounts = _accounts(rows)
        notes = []
        for row in rows:
            start = (row["due_date"] if row["state"] == RequestState.OVERDUE
                     else timezone.localdate(row["decision__decided_at"]))
            if start in ends and (note := _requester_notification(
                    row, "complaint_window_closing", ends[start], accounts)):
                notes.append(note)
        created += _insert(notes)


# -- when the calendar or the law changes --------------------------------------------------------


def recompute_due_dates(*, reason: str, detail: str = "") -> int:
    """Recompute the due date of every open request under today's calendar and rules;
    record each move (old date, new date, why) and tell the requester."""
    moved, last_id = 0, 0
    fields = ["id", "received_at", "is_urgent", "extension_ground", "due_date", "email", "language",
              "requester_id"]
    while True:
        rows = list(InformationRequest.objects.filter(state__in=OPEN_STATES, id__gt=last_id)
                    .exclude(received_at=None).order_by("id").values(*fields)[:batch_size()])
        if not rows:
            return moved
        last_id = rows[-1]["id"]
        changed = [(row, due) for row in rows if (due := expected_due_date(row)) != row["due_date"]]
        if changed:
            moved += _move_due_dates(changed, reason, detail)


def expected_due_date(row: dict) -> date:
    """The due date the calendar and rules in force give today for a request."""
    received_on = timezone.localdate(row["received_at"])
    answer = (LegalRule.Period.ANSWER_URGENT if row["is_urgent"]
              else LegalRule.Period.ANSWER_ORDINARY)
    due = LegalRule.objects.in_force(answer, received_on).due_date(received_on)
    if row["extension_ground"]:
        extension = (LegalRule.Period.EXTENSION_URGENT if row["is_urgent"]
                     else LegalRule.Period.EXTENSION_ORDINARY)
        due = LegalRule.objects.in_force(extension, due).due_date(due)
    return due


@transaction.atomic
def _move_due_dates(changed: list[tuple[dict, date]], reason: str, detail: str) -> int:
    accounts = _accounts([row for row, _due in changed])
    moved = 0
    for row, due in changed:
        request = InformationRequest.objects.select_for_update().filter(
            pk=row["id"], state__in=OPEN_STATES, due_date=row["due_date"]).first()
        if request is None:  # decided or moved meanwhile
            continue
        DeadlineChange.objects.create(request=request, old_due_date=row["due_date"], new_due_date=due,
                                      reason=reason, detail=detail)
        request.due_date = due
        request._change_reason = f"due date recomputed ({reason})"
        request.save(update_fields=["due_date", "updated_at"])
        if note := _requester_notification(row, "deadline_moved", due, accounts):
            Notification.objects.bulk_create([note], ignore_conflicts=True)
        moved += 1
    return moved


# -- sending, at most once per row ----------------------------------------------------------------


def send_notifications(limit: int | None = None) -> int:
    """Send the notifications not sent yet. Each row is claimed (a lease) in its own
    statement before its e-mail goes, then marked sent: a worker killed at any point
    leaves at most the row it was sending to be taken over after the lease."""
    sent = 0
    while limit is None or sent < limit:
        stale = timezone.now() - lease()
        ids = list(Notification.objects.filter(sent_at=None)
                   .filter(Q(claimed_at=None) | Q(claimed_at__lt=stale))
                   .order_by("id").values_list("id", flat=True)[:batch_size()])
        if not ids:
            return sent
        for pk in ids:
            now = timezone.now()
            claimed = Notification.objects.filter(
                Q(claimed_at=None) | Q(claimed_at__lt=now - lease()), pk=pk, sent_at=None,
            ).update(claimed_at=now)
            if not claimed:
                continue  # another worker has it
            note = Notification.objects.get(pk=pk)
            _deliver(note)
            Notification.objects.filter(pk=pk).update(sent_at=timezone.now(), attempts=note.attempts + 1)
            sent += 1
    return sent


_REQUESTER_KINDS = {"overdue", "complaint_window_closing", "deadline_moved"}


def _deliver(note: Notification) -> None:
    request = (InformationRequest.objects.select_related("body", "requester", "decision")
               .get(pk=note.subject_id))
    with translation.override(note.language):
        if note.kind == "overdue":
            email = build_email(request, "overdue")
        else:
            reminder = note.kind.startswith("reminder_")
            page = "requests" if note.kind in _REQUESTER_KINDS else "workspace/requests"
            email = EmailMessage(
                subject=str(_SUBJECTS["reminder" if reminder else note.kind]
                            % {"reference": request.reference}),
                body=render_to_string("emails/clock.txt", {
                    "note": note, "request": request, "reminder": reminder,
                    "days": int(note.kind.removeprefix("reminder_")) if reminder else None,
                    "url": absolute_url(f"/{note.language}/{page}/{request.reference}/"),
                }))
        if email is None:
            return
        email.to = [note.recipient]
        # One Message-ID per row: a copy that did go out twice is recognisable as one.
        email.extra_headers["Message-ID"] = f"<notification-{note.pk}@nafida>"
        email.send()


_SUBJECTS = {
    "reminder": _("Reminder: request %(reference)s is due soon"),
    "complaint_window_closing": _("Request %(reference)s: the time to complain is closing"),
    "deadline_moved": _("Request %(reference)s: the due date has changed"),
}


# -- everything at once -------------------------------------------------------------------------


def sweep(today: date | None = None) -> dict[str, int]:
    """One pass of every clock (what beat runs): overdue, reminders, complaint windows."""
    today = today or timezone.localdate()
    counts = {
        "overdue": mark_overdue(today),
        "reminders": create_reminders(today),
        "complaint_windows": create_complaint_window_warnings(today),
    }
    log.info("Clock sweep of %s: %s", today, counts)
    return counts
