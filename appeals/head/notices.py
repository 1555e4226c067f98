"""What a complaint to the head of the body owes by e-mail (outbox subject
``head_complaint``): to the complainant its receipt, the head's decision (with the
letter) and the head's silence (the Commission opens, art. 20); to the heads of the
body the clock's reminders before their deadline. The officers and heads are told of a
new complaint by ``requests_app.notices.tell_officers`` (the request's subject)."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Designation
from appeals import windows
from appeals.models import HeadComplaint, HeadComplaintState
from requests_app.letters import left_to_right, letter
from requests_app.notices import absolute_url, officer_contacts, requester_contacts
from requests_app.outbox.models import Notification
from requests_app.outbox.registry import Subject, register_subject
from requests_app.receipts import answer_mailed_as

from .services import SUBJECT

HEADS = (Designation.Role.HEAD_OF_BODY,)
REMINDER = "reminder"
# Art. 20: the complainant is told once, a few working days before, that the time to
# complain to the Commission ends.
COMMISSION_WINDOW_CLOSING = "commission_window_closing"
COMMISSION_WARNING_DAYS = 3

SUBJECTS = {
    "received": _("Your complaint %(number)s to the head of the body has been received"),
    "decided": _("The head of the body has decided your complaint %(number)s"),
    "overdue": _("Complaint %(number)s: the head of the body did not decide in time"),
    REMINDER: _("Reminder: complaint %(number)s must be decided soon"),
    COMMISSION_WINDOW_CLOSING: _("Complaint %(number)s: the time to complain to the Commission is closing"),
}
# The letter each mail to the complainant carries.
LETTER_OF = {"received": "receipt", "decided": "decision"}


def head_contacts(rows):
    """For each complaint: the heads of its request's body designated today (art. 19),
    with their work address and language, as the outbox reads them."""
    return officer_contacts(rows, "request__", roles=HEADS)


def complainants_yet_to_go_further(rows):
    """The complainants whose complaint is not yet before the Commission (an upheld one
    reopened the request instead), reached as the head's mails reach them."""
    rows = rows.filter(commission_complaints__isnull=True).exclude(state=HeadComplaintState.UPHELD)
    return requester_contacts(rows, "request__")


def complaint_url(complaint: HeadComplaint, *, staff: bool) -> str:
    name = "appeals:head_decide" if staff else "appeals:head_complaint"
    return absolute_url(reverse(name, args=[complaint.number]))


def _subject_line(note: Notification, complaint: HeadComplaint) -> str:
    kind = REMINDER if note.kind.startswith(f"{REMINDER}_") else note.kind
    return str(SUBJECTS[kind] % {"number": complaint.number})


def email(note: Notification, complaint: HeadComplaint) -> EmailMessage:
    staff = note.kind.startswith(f"{REMINDER}_")
    body = render_to_string("appeals/head/email.txt", {
        "note": note, "kind": REMINDER if staff else note.kind, "complaint": complaint,
        "number": left_to_right(complaint.number), "request": complaint.request,
        "reference": left_to_right(complaint.request.reference),
        "commission_window": (windows.commission_window(complaint)
                              if note.kind in ("overdue", COMMISSION_WINDOW_CLOSING) else None),
        "url": complaint_url(complaint, staff=staff),
    })
    message = EmailMessage(subject=_subject_line(note, complaint), body=body)
    if note.kind in LETTER_OF:
        found = letter(SUBJECT, LETTER_OF[note.kind])
        message.attach(found.file_name(complaint.number), found.build(complaint), "application/pdf")
    return message


def summary(note: Notification, complaint: HeadComplaint) -> tuple[str, str]:
    return _subject_line(note, complaint), complaint_url(complaint, staff=note.kind.startswith(REMINDER))


def _load(pk: int) -> HeadComplaint:
    return HeadComplaint.objects.select_related("request__body", "request__requester").get(pk=pk)


def register() -> None:
    register_subject(Subject(name=SUBJECT, load=_load, email=email, summary=summary))

    @answer_mailed_as(SUBJECT, "decided")
    def _decision_mailed(pk: int) -> HeadComplaint | None:
        """Art. 20: the mail carries the head's answer (the letter is attached): the day it
        leaves, the complainant has received it, and the Commission's window starts."""
        return HeadComplaint.objects.filter(pk=pk, state__in=["upheld", "partly_upheld", "rejected"]).first()


__all__ = ["head_contacts", "register"]
