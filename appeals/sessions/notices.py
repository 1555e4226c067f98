"""What the sessions tell, through the outbox: the members are invited to a session with
its date and agenda (RI 4), and sent the agenda again when a complaint is added; the
complainant is told of the Commission's decision, with the decision letter (RI 15-16),
and the day that mail leaves is the day the decision was received (art. 21)."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from appeals.models import CommissionComplaint, CommissionSession
from requests_app import receipts
from requests_app.letters import LetterNotAvailable, format_date
from requests_app.notices import absolute_url
from requests_app.outbox.registry import Subject, register_subject

from . import letters
from .services import AGENDA, DECIDED, DECISION, SESSION


def session_url(session: CommissionSession) -> str:
    return absolute_url(reverse("appeals:session", args=[session.pk]))


def _session_subject(note, session: CommissionSession) -> str:
    day = {"date": format_date(session.held_on)}
    if note.kind == AGENDA:
        return _("Agenda of the Commission's session of %(date)s") % day
    return _("Invitation to the Commission's session of %(date)s") % day


def session_email(note, session: CommissionSession) -> EmailMessage:
    """The invitation (or the agenda as it now stands): the date, urgency, the agenda by
    complaint number and body (nothing of the complainant), and the link, behind the
    second factor."""
    body = render_to_string("appeals/sessions/email_session.txt", {
        "kind": note.kind, "session": session, "url": session_url(session),
        "agenda": session.agenda.select_related("complaint__request__body"),
    })
    return EmailMessage(subject=_session_subject(note, session), body=body)


def letter_url(complaint: CommissionComplaint) -> str:
    return absolute_url(reverse("appeals:commission_decision_letter", args=[complaint.number]))


def decision_email(note, complaint: CommissionComplaint) -> EmailMessage | None:
    try:
        pdf = letters.decision_letter_pdf(complaint)
    except LetterNotAvailable:
        return None
    body = render_to_string("appeals/sessions/email_decision.txt", {
        "complaint": complaint, "url": letter_url(complaint)})
    email = EmailMessage(subject=_("The Commission has decided your complaint %(number)s") % {
        "number": complaint.number}, body=body)
    email.attach(letters.LETTER.file_name(complaint.number), pdf, "application/pdf")
    return email


def _decided(pk: int) -> CommissionComplaint | None:
    complaint = CommissionComplaint.objects.filter(pk=pk).first()
    return complaint if complaint is not None and letters.is_decided(complaint) else None


def register() -> None:
    register_subject(Subject(
        name=SESSION,
        load=lambda pk: CommissionSession.objects.get(pk=pk),
        email=session_email,
        summary=lambda note, session: (_session_subject(note, session), session_url(session)),
    ))
    register_subject(Subject(
        name=DECISION,
        load=lambda pk: CommissionComplaint.objects.select_related("request__body", "session").get(pk=pk),
        email=decision_email,
    ))
    # RI 15, art. 21: the mail carries the decision; the day it leaves, it is received.
    receipts.answer_mailed_as(DECISION, DECIDED)(_decided)
