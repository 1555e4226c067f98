"""Who the appeals' mails reach, shared by every step of the chain (as the outbox reads
them: ``values()`` with ``subject_id``, ``recipient`` and ``recipient_language``)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf


def complainant_contacts(rows: QuerySet) -> QuerySet:
    """For each complaint (to the head of the body or to the Commission): the person
    who complains (arts 19-20), at their account's address when they complained from it,
    else as the request's mails reach its requester (the address given on the request,
    else the account's: ``requests_app.notices.requester_contacts``), in their language."""
    return rows.values(
        subject_id=F("pk"),
        recipient=Coalesce(NullIf(F("complainant__email"), Value("")), NullIf(F("request__email"), Value("")),
                           F("request__requester__email"), Value("")),
        recipient_language=Coalesce(NullIf(F("complainant__preferred_language"), Value("")),
                                    NullIf(F("request__requester__preferred_language"), Value("")),
                                    NullIf(F("request__language"), Value("")), Value(settings.LANGUAGE_CODE)),
    )


def user_contacts(users: QuerySet, subject_id: int) -> QuerySet:
    """The active ``users`` with an address, each with their language, about the record
    ``subject_id`` (a member of the Commission, its president)."""
    return users.filter(is_active=True).exclude(email="").values(
        subject_id=Value(subject_id), recipient=F("email"),
        recipient_language=Coalesce(NullIf(F("preferred_language"), Value("")),
                                    Value(settings.LANGUAGE_CODE)))
