"""What the complainant is told about the court's window (art. 21): one e-mail a few
working days before it closes, unless an appeal is already recorded."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from requests_app.notices import absolute_url, isolated_reference

from .. import windows
from ..models import CommissionComplaint
from ..notices import complainant_contacts

COURT_WINDOW = "court_window"
CLOSING = "court_window_closing"
SUBJECT = _("Request %(reference)s: the time to appeal to the administrative court is closing")


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
