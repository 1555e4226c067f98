"""What the request's people are told, through the outbox.

Each act a service announces (``signals``) owes the requester an e-mail, written as a
``Notification`` row in the act's own transaction and sent once it commits; the clock's
notices (reminders, the complaint window closing, a due date moved) take the same road.
Here: who receives the requester's mail and in which language (one definition, as
query expressions, so that one request and a batch of a thousand are told alike), the
outbox subjects "request" and "message", and how each kind of mail reads."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import deadlines, letters, receipts, signals
from .models import Decision, InformationRequest, Message
from .outbox.models import Notification
from .outbox.registry import Subject, register_subject
from .outbox.store import owe
from .outbox.tasks import send_soon

REQUEST, MESSAGE = "request", "message"

# -- who receives the requester's mail -----------------------------------------------------------


def requester_contacts(rows: QuerySet, path: str = "") -> QuerySet:
    """For each row (a request, or anything that leads to one along ``path``, such as
    ``request__`` from a message): the requester's address and language, as the
    outbox reads them. The address is the one given on the request, else the account's;
    the language is the account's choice, else the request's. A paper request without
    any address is told nothing."""
    return rows.values(
        subject_id=F("pk"),
        recipient=Coalesce(NullIf(F(f"{path}email"), Value("")), F(f"{path}requester__email"), Value("")),
        recipient_language=Coalesce(NullIf(F(f"{path}requester__preferred_language"), Value("")),
                                    NullIf(F(f"{path}language"), Value("")), Value(settings.LANGUAGE_CODE)),
    )


def tell_requester(information_request_ids: list[int], kind: str, day: date | F) -> list[int]:
    """Owe the requesters of these requests the mail ``kind`` about the date ``day`` (a
    date, or ``F("due_date")`` for each request's own)."""
    rows = InformationRequest.objects.among(information_request_ids)
    return owe(requester_contacts(rows), subject=REQUEST, kind=kind, date_concerned=day)


def _tell_now(information_request: InformationRequest, kind: str, day: date) -> None:
    send_soon(tell_requester([information_request.pk], kind, day))


# -- what each act owes ------------------------------------------------------------------------------


@receiver(signals.request_received)
def _received(sender, information_request, **kwargs):
    _tell_now(information_request, "received", information_request.received_on)


@receiver(signals.request_examined)
def _examined(sender, information_request, **kwargs):
    _tell_now(information_request, "in_progress", timezone.localdate())


@receiver(signals.request_extended)
def _extended(sender, information_request, **kwargs):
    _tell_now(information_request, "extended", information_request.due_date)


@receiver(signals.third_party_consulted)
def _consulted(sender, information_request, consultation, **kwargs):
    _tell_now(information_request, "third_party", consultation.asked_on)


@receiver(signals.request_decided)
def _decided(sender, information_request, decision, **kwargs):
    _tell_now(information_request, "decided", timezone.localdate(decision.decided_at))


@receiver(signals.request_withdrawn)
def _withdrawn(sender, information_request, **kwargs):
    _tell_now(information_request, "withdrawn", timezone.localdate())


@receiver(signals.requests_overdue)
def _overdue(sender, ids, **kwargs):
    # One statement for the whole batch; the clock's sweep sends them.
    tell_requester(ids, "overdue", F("due_date"))


@receiver(signals.due_date_recomputed)
def _due_date_moved(sender, information_request, **kwargs):
    # The recomputation sends them once every request has moved.
    tell_requester([information_request.pk], "deadline_moved", information_request.due_date)


@receiver(signals.message_sent)
def _message(sender, message, **kwargs):
    """A message from the body is forwarded to the requester (their own are not)."""
    if not message.from_requester:
        rows = requester_contacts(Message.objects.filter(pk=message.pk), path="request__")
        send_soon(owe(rows, subject=MESSAGE, kind="message",
                      date_concerned=timezone.localdate(message.sent_at)))


# -- how the mails read ---------------------------------------------------------------------------------

SUBJECTS = {
    "received": _("Your request %(reference)s has been received"),
    "in_progress": _("Your request %(reference)s is being examined"),
    "extended": _("The deadline of your request %(reference)s has been extended"),
    "third_party": _("A third party is being consulted about your request %(reference)s"),
    "decided": _("A decision has been made on your request %(reference)s"),
    "overdue": _("Your request %(reference)s was not answered in time"),
    "withdrawn": _("Your request %(reference)s has been withdrawn"),
    "message": _("New message about your request %(reference)s"),
    "reminder": _("Reminder: request %(reference)s is due soon"),
    "complaint_window_closing": _("Request %(reference)s: the time to complain is closing"),
    "deadline_moved": _("Request %(reference)s: the due date has changed"),
}
# Every act with legal effect comes with its document: the receipt (art. 14), the
# extension notice (art. 16), the decision letter (arts 18-19).
LETTER_OF = {"received": "receipt", "extended": "extension", "decided": "decision"}
# The clock's notices, in their own wording; the reminders go to the body's officers.
CLOCK_KINDS = {"complaint_window_closing", "deadline_moved"}
REMINDER = "reminder"


def absolute_url(path: str) -> str:
    return settings.NAFIDA_SITE_URL.rstrip("/") + path


def _event_email(note: Notification, information_request: InformationRequest,
                 message: Message | None = None) -> EmailMessage:
    kind = note.kind
    context = {
        "request": information_request,
        "kind": kind,
        "message": message,
        "decision": getattr(information_request, "decision", None) if kind == "decided" else None,
        "complaint_window": deadlines.complaint_window(information_request)
        if kind in ("decided", "overdue") else None,
        "complaint_pending": kind == "decided" and deadlines.complaint_window_pending(information_request),
        "url": absolute_url(reverse("requests:detail", args=[information_request.reference])),
    }
    email = EmailMessage(subject=str(SUBJECTS[kind] % {"reference": information_request.reference}),
                         body=render_to_string("emails/request_event.txt", context))
    if kind in LETTER_OF:
        letter = letters.letter(REQUEST, LETTER_OF[kind])
        email.attach(letter.file_name(information_request.reference), letter.build(information_request),
                     "application/pdf")
    return email


def _reminder_days(kind: str) -> int | None:
    """The working days left that a reminder ("reminder_5") tells of; None for another kind."""
    prefix = f"{REMINDER}_"
    return int(kind.removeprefix(prefix)) if kind.startswith(prefix) else None


def _clock_email(note: Notification, information_request: InformationRequest) -> EmailMessage:
    days = _reminder_days(note.kind)
    reminder = days is not None
    page = "workspace:request" if reminder else "requests:detail"
    body = render_to_string("emails/clock.txt", {
        "note": note, "request": information_request, "reminder": reminder, "days": days,
        "url": absolute_url(reverse(page, args=[information_request.reference])),
    })
    subject = SUBJECTS[REMINDER if reminder else note.kind]
    return EmailMessage(subject=str(subject % {"reference": information_request.reference}), body=body)


def request_email(note: Notification, information_request: InformationRequest) -> EmailMessage:
    if note.kind in CLOCK_KINDS or _reminder_days(note.kind) is not None:
        return _clock_email(note, information_request)
    return _event_email(note, information_request)


# Art. 19: the decision's mail carries the answer (the letter is attached): the day it
# leaves, the requester has received it, and the complaint window starts.
receipts.answer_mailed_as(REQUEST, "decided")(
    lambda pk: Decision.objects.select_related("request").filter(request_id=pk).first())

register_subject(Subject(
    name=REQUEST,
    load=lambda pk: InformationRequest.objects.select_related("body", "requester", "decision").get(pk=pk),
    email=request_email,
))
register_subject(Subject(
    name=MESSAGE,
    load=lambda pk: Message.objects.select_related("request__body", "request__requester").get(pk=pk),
    email=lambda note, message: _event_email(note, message.request, message),
))
