"""E-mails to the requester at each step of their request, in their language.

Every state change is recorded as a ``StateChange`` row; a signal turns each new row
(and each message from the body) into one e-mail, sent by a Celery task once the
transaction has committed. Issue 5 makes these rows-once notifications; here the rule
is one e-mail per event."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import InformationRequest, Message, StateChange

# What the requester is told, by the transition that happened.
KIND_BY_TRANSITION = {
    "submit": "received",
    "start_examination": "in_progress",
    "extend": "extended",
    "consult_third_party": "third_party",
    "grant": "decided",
    "grant_partially": "decided",
    "refuse": "decided",
    "mark_overdue": "overdue",
    "withdraw": "withdrawn",
}
SUBJECTS = {
    "received": _("Your request %(reference)s has been received"),
    "in_progress": _("Your request %(reference)s is being examined"),
    "extended": _("The deadline of your request %(reference)s has been extended"),
    "third_party": _("A third party is being consulted about your request %(reference)s"),
    "decided": _("A decision has been made on your request %(reference)s"),
    "overdue": _("Your request %(reference)s was not answered in time"),
    "withdrawn": _("Your request %(reference)s has been withdrawn"),
    "message": _("New message about your request %(reference)s"),
}


def requester_language(request: InformationRequest) -> str:
    if request.requester_id and request.requester.preferred_language:
        return request.requester.preferred_language
    return request.language or settings.LANGUAGE_CODE


def recipient(request: InformationRequest) -> str:
    return request.email or (request.requester.email if request.requester_id else "")


def absolute_url(path: str) -> str:
    return settings.NAFIDA_SITE_URL.rstrip("/") + path


def build_email(request: InformationRequest, kind: str, message: Message | None = None):
    """The e-mail for ``kind``, written in the requester's language; None when the
    requester gave no address (a paper request)."""
    to = recipient(request)
    if not to:
        return None
    from .deadlines import complaint_window

    language = requester_language(request)
    with translation.override(language):
        context = {
            "request": request,
            "kind": kind,
            "message": message,
            "decision": getattr(request, "decision", None) if kind == "decided" else None,
            "complaint_window": complaint_window(request) if kind in ("decided", "overdue")
            else None,
            "url": absolute_url(reverse("requests:detail", args=[request.reference])),
        }
        email = EmailMessage(
            subject=str(SUBJECTS[kind] % {"reference": request.reference}),
            body=render_to_string("emails/request_event.txt", context),
            to=[to],
        )
        # Every act with legal effect comes with its document: the receipt (art. 14), the
        # extension notice (art. 16), the decision letter (arts 18-19).
        if kind in _LETTER_OF:
            from .pdf import LETTERS

            letter, filename = _LETTER_OF[kind]
            email.attach(f"{filename}-{request.reference}.pdf", LETTERS[letter](request),
                         "application/pdf")
    return email


# The letter (pdf.LETTERS) attached to a notification, and its file name.
_LETTER_OF = {"received": ("receipt", "receipt"), "extended": ("extension", "extension_notice"),
              "decided": ("decision", "decision_letter")}


def send(request_id: int, kind: str, message_id: int | None = None) -> bool:
    request = (InformationRequest.objects.select_related("body", "requester", "decision")
               .get(pk=request_id))
    message = Message.objects.get(pk=message_id) if message_id else None
    email = build_email(request, kind, message)
    if email is None:
        return False
    email.send()
    return True


def _queue(request_id: int, kind: str, message_id: int | None = None) -> None:
    from .tasks import send_requester_email

    transaction.on_commit(lambda: send_requester_email.delay(request_id, kind, message_id))


def state_changed(state_change: StateChange) -> None:
    kind = KIND_BY_TRANSITION.get(state_change.transition)
    if kind:
        _queue(state_change.request_id, kind)


def notify_message(message: Message) -> None:
    """A message from the body is forwarded to the requester (their own are not)."""
    if not message.from_requester:
        _queue(message.request_id, "message", message.pk)
