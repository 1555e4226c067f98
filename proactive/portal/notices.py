"""The body's information officers are told when the portal refuses a publication (the
outbox's subject "portal_dataset"): the request's reference, the portal's answer and a
link to the request's page in the workspace, where they correct it and try again."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.db.models import BooleanField, Case, Value, When
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from requests_app.notices import officer_contacts, workspace_url
from requests_app.outbox.registry import Subject, register_subject
from requests_app.outbox.store import owe
from requests_app.outbox.tasks import send_soon

from ..models import PortalDataset

SUBJECT = "portal_dataset"
FAILED = "publication_failed"
FAILED_SUBJECT = _("Request %(reference)s: the open-data portal refused the dataset")


def tell_officers_failed(dataset: PortalDataset) -> list[int]:
    """In the caller's transaction: one notice per officer of the body designated today,
    at once or in their daily digest, as each chose."""
    rows = PortalDataset.objects.filter(pk=dataset.pk)
    digest = Case(When(body__designations__user__notice_frequency=User.NoticeFrequency.DAILY,
                       then=Value(True)), default=Value(False), output_field=BooleanField())
    ids = owe(officer_contacts(rows), subject=SUBJECT, kind=FAILED, date_concerned=timezone.localdate(),
              digest=digest)
    send_soon(ids)
    return ids


def _subject_line(dataset: PortalDataset) -> str:
    reference = dataset.opened_after.reference if dataset.opened_after_id else "—"
    return str(FAILED_SUBJECT % {"reference": reference})


def _url(dataset: PortalDataset) -> str:
    return workspace_url(dataset.opened_after) if dataset.opened_after_id else ""


def email(note, dataset: PortalDataset) -> EmailMessage:
    body = render_to_string("proactive/portal/email_failed.txt", {"dataset": dataset, "url": _url(dataset)})
    return EmailMessage(subject=_subject_line(dataset), body=body)


def register() -> None:
    register_subject(Subject(
        name=SUBJECT,
        load=lambda pk: PortalDataset.objects.select_related("body", "opened_after").get(pk=pk),
        email=email,
        summary=lambda note, dataset: (_subject_line(dataset), _url(dataset)),
    ))
