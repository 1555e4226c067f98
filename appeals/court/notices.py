"""What the complainant is told about the court's window (art. 21): one e-mail a few
working days before it closes, unless an appeal is already recorded."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from requests_app.notices import absolute_url, isolated_reference

from .. import windows
from ..models import CommissionComplaint

COURT_WINDOW = "court_window"
CLOSING = "court_window_closing"
SUBJECT = _("Request %(reference)s: the time to appeal to the administrative court is closing")


def complainant_contacts(rows: QuerySet, path: str = "request__") -> QuerySet:
    """For each complaint to the Commission: the complainant's address and language, as
    the outbox reads them (the complainant's account, else the address and language of
    the request along ``path``, like ``requests_app.notices.requester_contacts``)."""
    return rows.values(
        subject_id=F("pk"),
        recipient=Coalesce(NullIf(F("complainant__email"), Value("")), NullIf(F(f"{path}email"), Value("")),
                           F(f"{path}requester__email"), Value("")),
        recipient_language=Coalesce(NullIf(F("complainant__preferred_language"), Value("")),
                                    NullIf(F(f"{path}requester__preferred_language"), Value("")),
                                    NullIf(F(f"{path}language"), Value("")), Value(settings.LANGUAGE_CODE)),
    )


def _without_appeal(rows: QuerySet) -> QuerySet:
    return rows.filter(court_appeals__isnull=True)


def contacts_from_receipt(rows: QuerySet) -> QuerySet:
    """The window counted from the receipt of the Commission's answer."""
    return complainant_contacts(_without_appeal(rows))


def contacts_from_due_date(rows: QuerySet) -> QuerySet:
    """The window counted from the end of the Commission's period: while the answer's
    receipt is not known (no answer, or none acknowledged)."""
    return complainant_contacts(_without_appeal(rows.filter(received_on__isnull=True)))


def court_window_email(note, complaint: CommissionComplaint) -> EmailMessage | None:
    from .services import window_explained

    window = windows.court_window(complaint)
    if window is None or complaint.court_appeals.exists():
        return None
    information_request = complaint.request
    reference = isolated_reference(information_request)
    body = render_to_string("appeals/court/emails/court_window.txt", {
        "reference": reference, "window": window, "explained": window_explained(window, complaint),
        "url": absolute_url(reverse("requests:detail", args=[information_request.reference])),
    })
    return EmailMessage(subject=str(SUBJECT % {"reference": reference}), body=body)
