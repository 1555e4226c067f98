"""When the calendar or a legal rule changes (``requests_app.clock.signals.
calendar_changed``), the complaints' due dates that depend on it move like the
requests': the head's period (art. 19) of the complaints awaiting the head's decision,
and the Commission's (art. 20) of those it has not answered. Each move is kept in the
complaint's trail (a step with the old date, the new one and why) and its history; a
complaint marked overdue whose new due date has not passed goes back to waiting."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from requests_app.models import DeadlineChange

from . import steps, windows
from .models import CommissionComplaint, HeadComplaint, HeadComplaintState
from .models.commission import COMMISSION_OPEN_STATES

# (model, states in which its due date still matters, how it is counted)
RECOMPUTED = (
    (HeadComplaint, [HeadComplaintState.RECEIVED, HeadComplaintState.OVERDUE], windows.head_due_date),
    (CommissionComplaint, COMMISSION_OPEN_STATES, windows.commission_due_date),
)


def recompute_due_dates(*, reason: str, detail: str = "", today: date | None = None) -> int:
    """Recompute every open complaint's due date under today's calendar and rules;
    returns how many moved."""
    today = today or timezone.localdate()
    moved = 0
    for model, states, due_date in RECOMPUTED:
        rows = model.objects.filter(state__in=states).select_related("request__body")
        for row in rows.iterator(chunk_size=500):
            if due_date(row.request, row.filed_on) != row.due_date:
                moved += _move(model, row.pk, states, due_date, reason, detail, today)
    return moved


@transaction.atomic
def _move(model, pk, states, due_date, reason: str, detail: str, today: date) -> int:
    complaint = model.objects.select_for_update(of=("self",)).select_related("request__body").filter(
        pk=pk, state__in=states).first()
    if complaint is None:
        return 0  # decided meanwhile
    old, new = complaint.due_date, due_date(complaint.request, complaint.filed_on)
    if old == new:
        return 0
    note = _("The due date was recomputed (%(reason)s: %(detail)s): %(old)s became %(new)s.") % {
        "reason": DeadlineChange.Reason(reason).label, "detail": detail or "—",
        "old": f"{old:%d/%m/%Y}", "new": f"{new:%d/%m/%Y}"}
    complaint.due_date = new
    if new >= today and complaint.overdue_since is not None:
        complaint.overdue_since = None
        if complaint.state == HeadComplaintState.OVERDUE and isinstance(complaint, HeadComplaint):
            return _back_to_waiting(complaint, note)
    complaint._change_reason = f"due date recomputed ({reason})"
    complaint.save(update_fields=["due_date", "overdue_since"])
    steps.record(complaint, "due_date_recomputed", None, note=note)
    return 1


def _back_to_waiting(complaint: HeadComplaint, note: str) -> int:
    def facts():
        complaint._change_reason = "back to waiting: due date recomputed"

    steps.run(complaint, "recount_deadline", None, note=note, then=facts)
    return 1
