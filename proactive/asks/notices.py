"""What an answer to an ask for a dataset owes by e-mail (outbox subject
``dataset_ask``): to the asker and to every supporter, the body's answer."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from requests_app.notices import absolute_url
from requests_app.outbox.models import Notification
from requests_app.outbox.registry import Subject, register_subject

from ..models import DatasetAsk
from .services import SUBJECT

SUBJECTS = {
    DatasetAsk.State.PLANNED: _("Ask for a dataset: the body plans to publish it"),
    DatasetAsk.State.PUBLISHED: _("Ask for a dataset: the body has published it"),
    DatasetAsk.State.DECLINED: _("Ask for a dataset: the body has declined it"),
}


def _subject_line(note: Notification) -> str:
    return str(SUBJECTS.get(note.kind, SUBJECTS[DatasetAsk.State.PLANNED]))


def _url(item: DatasetAsk) -> str:
    return absolute_url(reverse("proactive:ask", args=[item.pk]))


def email(note: Notification, item: DatasetAsk) -> EmailMessage | None:
    if item.state != note.kind:
        return None  # answered again since: that answer's mail tells
    body = render_to_string("proactive/asks/email.txt", {"ask": item, "url": _url(item)})
    return EmailMessage(subject=_subject_line(note), body=body)


def summary(note: Notification, item: DatasetAsk) -> tuple[str, str]:
    return _subject_line(note), _url(item)


def register() -> None:
    register_subject(
        Subject(
            name=SUBJECT,
            load=lambda pk: DatasetAsk.objects.select_related("body").get(pk=pk),
            email=email,
            summary=summary,
        )
    )
