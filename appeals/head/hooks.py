"""How appeals.head hooks into the lower apps (registries, signals): called once from AppealsConfig.ready.

- the clock of the head's decision (art. 19): the heads of the body reminded 5, 2 and
  0 working days before it ends; the day after, the complaint is overdue and the
  complainant told that the Commission may be seized (art. 20);
- the outbox subject ``head_complaint`` and the two letters (receipt, decision);
- the sections of the request's pages and the head's link in the workspace."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.permissions import DECIDE_COMPLAINTS, bodies_for
from appeals.models import HeadComplaint, HeadComplaintState
from requests_app.clock.models import LegalRule
from requests_app.outbox.clocks import Clock, register_clock
from requests_app.workspace.registry import Link, register_link

from . import letters, notices, sections, services


def _head_links(user) -> list[tuple[str, str]]:
    if not bodies_for(user, DECIDE_COMPLAINTS).exists():
        return []
    return [(str(_("Complaints to the head of the body (art. 19)")), reverse("appeals:head_queue"))]


def register() -> None:
    letters.register()
    notices.register()
    sections.register()
    register_clock(Clock(
        name="head_complaint_decision", counts_as="head_complaint_reminders",
        expired_as="head_complaints_overdue", subject=services.SUBJECT, model=HeadComplaint,
        due_field="due_date", open_states=(HeadComplaintState.RECEIVED,), recipients=notices.head_contacts,
        notice=notices.REMINDER, days_before=(5, 2, 0), body_kind_field="request__body__kind",
        expire=services.mark_overdue_batch,
    ))
    # Art. 20: the complainant is warned before the time to go to the Commission ends,
    # counted from the receipt of the head's answer, or from the head's silent deadline.
    window = dict(subject=services.SUBJECT, model=HeadComplaint,
                  period=LegalRule.Period.COMPLAINT_COMMISSION_FILING,
                  recipients=notices.complainants_yet_to_go_further, notice=notices.COMMISSION_WINDOW_CLOSING,
                  days_before=(notices.COMMISSION_WARNING_DAYS,), once=True, counts_as="commission_windows",
                  body_kind_field="request__body__kind")
    register_clock(Clock(name="head_complaint_commission_window_from_receipt", due_field="received_on",
                         open_states=(HeadComplaintState.PARTLY_UPHELD, HeadComplaintState.REJECTED),
                         **window))
    register_clock(Clock(name="head_complaint_commission_window_from_due_date", due_field="due_date",
                         open_states=(HeadComplaintState.OVERDUE,), **window))
    register_link(Link("head_complaints", _head_links))
