"""What a notification can be about. Each app registers its subjects at start-up: the
name stored in ``Notification.subject_type``, how to load the object, and how to write
the e-mail a row owes (in the language already active: the row's)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.mail import EmailMessage

from .models import Notification


@dataclass(frozen=True)
class Subject:
    name: str
    # The object a row is about, from its ``subject_id`` (raises if it is gone).
    load: Callable[[int], Any]
    # The e-mail a row owes, or None when there is nothing to send after all; the
    # sender adds the recipient and the Message-ID.
    email: Callable[[Notification, Any], EmailMessage | None]
    # What a row says in its recipient's daily digest: a title and an absolute link
    # (without it, the e-mail's subject line and no link).
    summary: Callable[[Notification, Any], tuple[str, str]] | None = None


SUBJECTS: dict[str, Subject] = {}


def register_subject(subject: Subject) -> Subject:
    SUBJECTS[subject.name] = subject
    return subject


def unregister_subject(name: str) -> None:
    SUBJECTS.pop(name, None)


def subject(name: str) -> Subject:
    try:
        return SUBJECTS[name]
    except KeyError:
        raise LookupError(f"No outbox subject {name!r} is registered.") from None
