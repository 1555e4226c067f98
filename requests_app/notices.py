"""What the request's people are told, through the outbox.

Each act a service announces (``signals``) owes the requester an e-mail, written as a
``Notification`` row in the act's own transaction and sent once it commits; the clock's
notices (reminders, the complaint window closing, a due date moved) take the same road.

The body's designated people are told of what waits for them (``OFFICER_NOTICES``): a
new request, a message from the requester, a third party's answer (art. 9) and a
complaint to the head of the body (art. 19; the appeals app calls ``tell_officers``).
Each officer chooses one e-mail per notice or a daily digest
(``User.notice_frequency``); an urgent request (art. 17) is always told at once.

Here: who receives each mail and in which language (one definition, as query
expressions, so that one request and a batch of a thousand are told alike), the outbox
subjects "request", "message" and "consultation", and how each kind of mail reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import BooleanField, Case, F, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Designation, User

from . import deadlines, letters, receipts, signals
from .models import Decision, InformationRequest, Message, ThirdPartyConsultation
from .outbox.models import Notification
from .outbox.registry import Subject, register_subject
from .outbox.store import owe
from .outbox.tasks import send_soon

REQUEST, MESSAGE, CONSULTATION = "request", "message", "consultation"

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


# -- who among the body's people is told -------------------------------------------------------------

OFFICERS = (Designation.Role.INFORMATION_OFFICER,)
# A complaint is addressed to the head of the body (art. 19), who decides it; the
# officers, who answered the request, are told as well.
OFFICERS_AND_HEAD = (Designation.Role.INFORMATION_OFFICER, Designation.Role.HEAD_OF_BODY)
_DESIGNATION = "body__designations__"  # the designation that officer_contacts' filter joined


def officer_contacts(rows: QuerySet, path: str = "", *, roles=OFFICERS, excluding=None) -> QuerySet:
    """For each row (a request, or anything that leads to one along ``path``, such as
    ``request__`` from a message): the people designated today at the request's body in
    one of ``roles`` (art. 12), each with their work address (else their account's) and
    their language, as the outbox reads them; one row per row and person. ``excluding``
    (the user who did the act) is not told of it."""
    designations = Designation.objects.active().filter(role__in=roles, user__is_active=True)
    if getattr(excluding, "pk", None) is not None:
        designations = designations.exclude(user=excluding)
    designation = f"{path}{_DESIGNATION}"
    return rows.filter(**{f"{designation}in": designations}).values(
        subject_id=F("pk"),
        recipient=Coalesce(NullIf(F(f"{designation}work_email"), Value("")), F(f"{designation}user__email")),
        recipient_language=Coalesce(NullIf(F(f"{designation}user__preferred_language"), Value("")),
                                    Value(settings.LANGUAGE_CODE)),
    )


def officer_digest(path: str = "") -> Case:
    """Over ``officer_contacts(rows, path)``: whether each row waits for its officer's
    daily digest, as the officer chose, except about an urgent request (art. 17), which
    is always told at once."""
    return Case(
        When(**{f"{path}is_urgent": True}, then=Value(False)),
        When(**{f"{path}{_DESIGNATION}user__notice_frequency": User.NoticeFrequency.DAILY},
             then=Value(True)),
        default=Value(False), output_field=BooleanField())


def _tell_officers_of(rows: QuerySet, *, subject: str, kind: str, day: date, path: str = "",
                      actor=None) -> list[int]:
    ids = owe(officer_contacts(rows, path, roles=OFFICER_NOTICES[kind].roles, excluding=actor),
              subject=subject, kind=kind, date_concerned=day, digest=officer_digest(path))
    send_soon(ids)  # the sender leaves the rows held for a digest to the digest
    return ids


def tell_officers(information_request_ids: list[int], kind: str, day: date, *, actor=None) -> list[int]:
    """Owe the designated people of these requests' bodies the notice ``kind`` (one of
    ``OFFICER_NOTICES``) about the date ``day``, in the caller's transaction, sent once
    it commits (or in their daily digest); ``actor``, who did the act, is not told.
    Returns the ids of the rows written.

    The complaints (appeals app) call it as a complaint is filed:
    ``tell_officers([complaint.request_id], COMPLAINT_RECEIVED, complaint's date, actor=...)``."""
    return _tell_officers_of(InformationRequest.objects.among(information_request_ids),
                             subject=REQUEST, kind=kind, day=day, actor=actor)


# -- what each act owes ------------------------------------------------------------------------------


@receiver(signals.request_received)
def _received(sender, information_request, actor=None, **kwargs):
    _tell_now(information_request, "received", information_request.received_on)
    tell_officers([information_request.pk], NEW_REQUEST, information_request.received_on, actor=actor)


@receiver(signals.request_examined)
def _examined(sender, information_request, **kwargs):
    _tell_now(information_request, "in_progress", timezone.localdate())


@receiver(signals.request_extended)
def _extended(sender, information_request, **kwargs):
    _tell_now(information_request, "extended", information_request.due_date)


@receiver(signals.request_reclassified)
def _reclassified(sender, information_request, **kwargs):
    _tell_now(information_request, "reclassified", information_request.due_date)


@receiver(signals.third_party_consulted)
def _consulted(sender, information_request, consultation, **kwargs):
    _tell_now(information_request, "third_party", consultation.asked_on)


@receiver(signals.third_party_answered)
def _third_party_answered(sender, information_request, consultation, actor=None, **kwargs):
    """The officers other than the one who recorded the answer (all of them, when the
    requester or the third party recorded it)."""
    _tell_officers_of(ThirdPartyConsultation.objects.filter(pk=consultation.pk), path="request__",
                      subject=CONSULTATION, kind=THIRD_PARTY_ANSWERED, day=consultation.answered_on,
                      actor=actor)


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
def _message(sender, message, actor=None, **kwargs):
    """A message from the body is forwarded to the requester; the requester's own tell
    the body's officers that it waits for them."""
    rows = Message.objects.filter(pk=message.pk)
    day = timezone.localdate(message.sent_at)
    if message.from_requester:
        _tell_officers_of(rows, path="request__", subject=MESSAGE, kind=REQUESTER_MESSAGE, day=day,
                          actor=actor)
    else:
        send_soon(owe(requester_contacts(rows, path="request__"), subject=MESSAGE, kind="message",
                      date_concerned=day))


# -- how the mails read ---------------------------------------------------------------------------------

SUBJECTS = {
    "received": _("Your request %(reference)s has been received"),
    "in_progress": _("Your request %(reference)s is being examined"),
    "extended": _("The deadline of your request %(reference)s has been extended"),
    "reclassified": _("Your request %(reference)s is treated as an ordinary request"),
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


# -- how the officers' notices read --------------------------------------------------------------------

NEW_REQUEST = "new_request"
REQUESTER_MESSAGE = "requester_message"
THIRD_PARTY_ANSWERED = "third_party_answered"
COMPLAINT_RECEIVED = "complaint_received"


@dataclass(frozen=True)
class OfficerNotice:
    # The subject line, with the request's reference (never the requester's name).
    subject: Any
    roles: tuple[str, ...] = OFFICERS


OFFICER_NOTICES = {
    NEW_REQUEST: OfficerNotice(_("New request %(reference)s")),
    REQUESTER_MESSAGE: OfficerNotice(_("Request %(reference)s: new message from the requester")),
    THIRD_PARTY_ANSWERED: OfficerNotice(_("Request %(reference)s: the third party consulted has answered")),
    COMPLAINT_RECEIVED: OfficerNotice(_("Request %(reference)s: complaint to the head of the body"),
                                      roles=OFFICERS_AND_HEAD),
}
URGENT_SUBJECT = _("URGENT (art. 17): %(subject)s")


def isolated_reference(information_request: InformationRequest) -> str:
    """The reference as written in a right-to-left text: isolated left-to-right, so that
    "2026-000013" does not read "000013-2026" after Arabic words (Unicode's LRI/PDI)."""
    reference = information_request.reference
    return letters.left_to_right(reference) if translation.get_language_bidi() else reference


def officer_subject(note: Notification, information_request: InformationRequest) -> str:
    line = str(OFFICER_NOTICES[note.kind].subject % {"reference": isolated_reference(information_request)})
    return str(URGENT_SUBJECT % {"subject": line}) if information_request.is_urgent else line


def workspace_url(information_request: InformationRequest) -> str:
    """The request's page in the workspace, in the active language (the row's)."""
    return absolute_url(reverse("workspace:request", args=[information_request.reference]))


def portal_url(information_request: InformationRequest) -> str:
    """The request's page in the requester's portal, in the active language (the row's)."""
    return absolute_url(reverse("requests:detail", args=[information_request.reference]))


def officer_email(note: Notification, information_request: InformationRequest,
                  consultation: ThirdPartyConsultation | None = None) -> EmailMessage:
    """What an officer is told: the reference, the body, the dates and a link to the
    workspace, where the rest is (behind a second factor); no requester's identity, no
    text of the request or of the message."""
    body = render_to_string("emails/officer_notice.txt", {
        "kind": note.kind, "request": information_request, "consultation": consultation,
        "reference": isolated_reference(information_request), "url": workspace_url(information_request),
    })
    return EmailMessage(subject=officer_subject(note, information_request), body=body)


def officer_summary(note: Notification, information_request: InformationRequest) -> tuple[str, str]:
    return officer_subject(note, information_request), workspace_url(information_request)


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
        "url": portal_url(information_request),
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
    body = render_to_string("emails/clock.txt", {
        "note": note, "request": information_request, "reminder": reminder, "days": days,
        # The reminders go to the officers, the clock's other notices to the requester.
        "url": workspace_url(information_request) if reminder else portal_url(information_request),
    })
    subject = SUBJECTS[REMINDER if reminder else note.kind]
    return EmailMessage(subject=str(subject % {"reference": information_request.reference}), body=body)


def request_email(note: Notification, information_request: InformationRequest, *,
                  message: Message | None = None,
                  consultation: ThirdPartyConsultation | None = None) -> EmailMessage:
    """The mail a row owes about a request, or about one of its messages or consultations."""
    if note.kind in OFFICER_NOTICES:
        return officer_email(note, information_request, consultation)
    if note.kind in CLOCK_KINDS or _reminder_days(note.kind) is not None:
        return _clock_email(note, information_request)
    return _event_email(note, information_request, message)


@receipts.answer_mailed_as(REQUEST, "decided")
def _decision_mailed(pk: int) -> Decision | None:
    """Art. 19: the decision's mail carries the answer (the letter is attached): the day it
    leaves, the requester has received it, and the complaint window starts."""
    return Decision.objects.filter(request_id=pk).order_by("-decided_at", "-id").first()


# Only the officers' notices are held for a digest (officer_digest): listed by their subject and link.
register_subject(Subject(
    name=REQUEST,
    load=lambda pk: InformationRequest.objects.select_related("body", "requester", "decision").get(pk=pk),
    email=request_email,
    summary=officer_summary,
))
register_subject(Subject(
    name=MESSAGE,
    load=lambda pk: Message.objects.select_related("request__body", "request__requester").get(pk=pk),
    email=lambda note, message: request_email(note, message.request, message=message),
    summary=lambda note, message: officer_summary(note, message.request),
))
register_subject(Subject(
    name=CONSULTATION,
    load=lambda pk: ThirdPartyConsultation.objects.select_related("request__body").get(pk=pk),
    email=lambda note, consultation: request_email(note, consultation.request, consultation=consultation),
    summary=lambda note, consultation: officer_summary(note, consultation.request),
))
