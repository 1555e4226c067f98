"""What the link checker owes by e-mail: the body's information officers are told when
a link of their register, or of one of their datasets on the portal, turns broken
(outbox subjects ``proactive_entry_link`` and ``proactive_dataset_link``, kind
``link_broken``, about the day it broke: one notice per turn)."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.db.models import BooleanField, Case, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from requests_app.notices import absolute_url, officer_contacts
from requests_app.outbox.models import Notification
from requests_app.outbox.registry import Subject, register_subject
from requests_app.outbox.store import owe
from requests_app.outbox.tasks import send_soon

from ..models import PortalDataset, RegisterEntry

LINK_BROKEN = "link_broken"
SUBJECTS = {RegisterEntry: "proactive_entry_link", PortalDataset: "proactive_dataset_link"}
SUBJECT_LINE = _("A link of %(body)s no longer answers: %(title)s")


def _digest() -> Case:
    """As each officer chose: at once, or in the daily digest."""
    return Case(When(body__designations__user__notice_frequency=User.NoticeFrequency.DAILY, then=Value(True)),
                default=Value(False), output_field=BooleanField())


def tell_link_broken(model, pk: int, day) -> list[int]:
    """Owe the officers designated today at the record's body the notice, in the
    caller's transaction; sent once it commits."""
    ids = owe(officer_contacts(model.objects.filter(pk=pk)), subject=SUBJECTS[model], kind=LINK_BROKEN,
              date_concerned=day, digest=_digest())
    send_soon(ids)
    return ids


def links_url(record) -> str:
    return absolute_url(reverse("proactive:links_broken", kwargs={"code": record.body.code}))


def _subject_line(record) -> str:
    return str(SUBJECT_LINE % {"body": record.body.name, "title": record.title})


def email(note: Notification, record) -> EmailMessage:
    body = render_to_string("proactive/links/email.txt", {
        "record": record, "note": note, "url": links_url(record),
        "is_dataset": isinstance(record, PortalDataset)})
    return EmailMessage(subject=_subject_line(record), body=body)


def summary(note: Notification, record) -> tuple[str, str]:
    return _subject_line(record), links_url(record)


def register() -> None:
    for model, name in SUBJECTS.items():
        register_subject(Subject(
            name=name, load=lambda pk, model=model: model.objects.select_related("body").get(pk=pk),
            email=email, summary=summary))
