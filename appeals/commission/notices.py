"""Who is told what about a complaint to the Commission, through the outbox (subjects
"commission_complaint" and "commission_observation"): the complainant (deposit
receipt, decision, the body's report), the President and the member in charge (a new
complaint, a referral, observations answered, the period to answer running out), the body's
information officers (the President's letter, observations asked, the decision to
comply with). An e-mail gives the complaint's number, dates and a link; what the
complaint says stays behind the login (and, for staff, the second factor)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from appeals.models import CommissionComplaint, CommissionComplaintState, Observation
from appeals.notices import complainant_contacts, user_contacts
from appeals.permissions import presidents
from requests_app import letters, receipts
from requests_app.notices import OFFICERS_AND_HEAD, absolute_url, officer_contacts
from requests_app.outbox.registry import Subject, register_subject
from requests_app.outbox.store import owe
from requests_app.outbox.tasks import send_soon

COMPLAINT, OBSERVATION = "commission_complaint", "commission_observation"

# What each mail is about; %(number)s is the complaint's registration number.
SUBJECTS = {
    # to the complainant
    "filed": _("Your complaint %(number)s to the Commission has been registered"),
    "decided": _("The Commission has decided on your complaint %(number)s"),
    "inadmissible": _("The Commission has found your complaint %(number)s inadmissible"),
    "compliance_reported": _("Complaint %(number)s: the body reports what it did"),
    # to the President and the member in charge
    "new_complaint": _("New complaint %(number)s to the Commission"),
    "referred": _("Complaint %(number)s has been referred to you"),
    "observations_answered": _("Complaint %(number)s: the body has sent its observations"),
    "reminder": _("Complaint %(number)s: the Commission's time to answer is running out"),
    # to the body's officers
    "body_letter": _("Complaint %(number)s: letter from the President of the Commission"),
    "observations_asked": _("Complaint %(number)s: the Commission asks for your observations"),
    "observations_reminder": _("Complaint %(number)s: your observations are due soon"),
    "decision_to_body": _("Complaint %(number)s: the Commission's decision concerns your body"),
}
# The letter each mail carries.
LETTER_OF = {"filed": "deposit_receipt", "inadmissible": "inadmissibility", "body_letter": "body_letter"}


def in_charge_contacts(rows: QuerySet) -> QuerySet:
    """For each complaint: the member it is referred to, or, while it is referred to
    nobody, the President (the first, should there be several)."""
    president = presidents().order_by("pk")
    return rows.values(
        subject_id=F("pk"),
        recipient=Coalesce(NullIf(F("rapporteur__email"), Value("")),
                           Subquery(president.values("email")[:1]), Value("")),
        recipient_language=Coalesce(NullIf(F("rapporteur__preferred_language"), Value("")),
                                    NullIf(Subquery(president.values("preferred_language")[:1]), Value("")),
                                    Value(settings.LANGUAGE_CODE)),
    )


def observation_officers(rows: QuerySet) -> QuerySet:
    return officer_contacts(rows, "complaint__request__")


def tell(rows_or_contacts: QuerySet, kind: str, day: date, *, subject: str = COMPLAINT) -> list[int]:
    """Owe the mail ``kind`` to the contacts (a ``values()`` query), in the caller's
    transaction, sent once it commits."""
    ids = owe(rows_or_contacts, subject=subject, kind=kind, date_concerned=day)
    send_soon(ids)
    return ids


def tell_complainant(complaint: CommissionComplaint, kind: str, day: date) -> list[int]:
    return tell(complainant_contacts(CommissionComplaint.objects.filter(pk=complaint.pk)), kind, day)


def tell_users(complaint: CommissionComplaint, users: QuerySet, kind: str, day: date) -> list[int]:
    return tell(user_contacts(users, complaint.pk), kind, day)


def tell_officers(complaint: CommissionComplaint, kind: str, day: date) -> list[int]:
    """The body's information officers and its head: the President's letter and the
    decision are addressed to the body (the letter attached to the mail)."""
    rows = CommissionComplaint.objects.filter(pk=complaint.pk)
    return tell(officer_contacts(rows, "request__", roles=OFFICERS_AND_HEAD), kind, day)


def tell_observation_officers(observation: Observation, kind: str, day: date) -> list[int]:
    return tell(observation_officers(Observation.objects.filter(pk=observation.pk)), kind, day,
                subject=OBSERVATION)


# -- how the mails read ---------------------------------------------------------------------------

STAFF_KINDS = {"new_complaint", "referred", "observations_answered"}
OFFICER_KINDS = {"body_letter", "decision_to_body"}


def _url(note, complaint: CommissionComplaint) -> str:
    kind = note.kind
    if kind in STAFF_KINDS or kind.startswith("reminder"):
        return absolute_url(reverse("appeals:commission_case", args=[complaint.number]))
    if kind == "decision_to_body":
        return absolute_url(reverse("appeals:commission_report", args=[complaint.number]))
    if kind in OFFICER_KINDS:
        return absolute_url(reverse("workspace:request", args=[complaint.request.reference]))
    return absolute_url(reverse("appeals:commission_complaint", args=[complaint.number]))


def _kind_key(kind: str) -> str:
    return "reminder" if kind.startswith("reminder") else kind


def complaint_email(note, complaint: CommissionComplaint) -> EmailMessage:
    key = _kind_key(note.kind)
    email = EmailMessage(
        subject=str(SUBJECTS[key] % {"number": complaint.number}),
        body=render_to_string("appeals/commission/email.txt", {
            "kind": key, "complaint": complaint, "note": note, "url": _url(note, complaint)}))
    if key in LETTER_OF:
        letter = letters.letter(COMPLAINT, LETTER_OF[key])
        email.attach(letter.file_name(complaint.number), letter.build(complaint), "application/pdf")
    return email


def observation_email(note, observation: Observation) -> EmailMessage:
    complaint = observation.complaint
    key = "observations_reminder" if note.kind.startswith("reminder") else note.kind
    return EmailMessage(
        subject=str(SUBJECTS[key] % {"number": complaint.number}),
        body=render_to_string("appeals/commission/email.txt", {
            "kind": key, "complaint": complaint, "observation": observation, "note": note,
            "url": absolute_url(reverse("appeals:observations_answer", args=[observation.pk]))}))


def _inadmissible(pk: int) -> CommissionComplaint | None:
    return CommissionComplaint.objects.filter(pk=pk, state=CommissionComplaintState.INADMISSIBLE).first()


def register() -> None:
    register_subject(Subject(
        name=COMPLAINT,
        load=lambda pk: CommissionComplaint.objects.select_related("request__body", "rapporteur").get(pk=pk),
        email=complaint_email,
        summary=lambda note, complaint: (str(SUBJECTS[_kind_key(note.kind)] % {"number": complaint.number}),
                                         _url(note, complaint))))
    # RI 15, art. 21: one rule for every answer of the Commission, as for the body's and
    # the head's: the mail carries the decision (the letter attached); the day it
    # leaves, the complainant has received it, and the court's window starts.
    receipts.answer_mailed_as(COMPLAINT, "inadmissible")(_inadmissible)
    register_subject(Subject(
        name=OBSERVATION,
        load=lambda pk: Observation.objects.select_related("complaint__request__body").get(pk=pk),
        email=observation_email))

