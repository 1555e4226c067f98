"""The request's deadlines, registered with the outbox's clock:

- the answer period (arts 16-17): the body's officers are reminded 5, 2 and 0 working
  days before the due date; the day after it, the request becomes overdue, which opens
  the complaint (art. 19);
- the complaint window (art. 19): the requester is told once, a few working days before
  it closes, that the time to complain to the head of the body ends."""

from __future__ import annotations

from . import deadlines, services
from .models import OPEN_STATES, InformationRequest
from .notices import REMINDER, REQUEST, officer_contacts, requester_contacts
from .outbox.clocks import Clock, register_clock

COMPLAINT_WARNING_DAYS = 3

register_clock(Clock(
    name="request_answer", counts_as="reminders", expired_as="overdue",
    subject=REQUEST, model=InformationRequest, due_field="due_date", open_states=tuple(OPEN_STATES),
    recipients=officer_contacts, notice=REMINDER, days_before=(5, 2, 0), body_kind_field="body__kind",
    expire=services.mark_overdue_batch,
))
# One clock per field the window starts from (the end of the answer period, the answer).
for field in dict.fromkeys(deadlines.COMPLAINT_WINDOW_FROM.values()):
    register_clock(Clock(
        name=f"request_complaint_window_from_{field}", counts_as="complaint_windows",
        subject=REQUEST, model=InformationRequest, due_field=field, period=deadlines.COMPLAINT_PERIOD,
        open_states=tuple(state for state, start in deadlines.COMPLAINT_WINDOW_FROM.items()
                          if start == field),
        recipients=requester_contacts, notice="complaint_window_closing",
        days_before=(COMPLAINT_WARNING_DAYS,), once=True, body_kind_field="body__kind",
    ))

