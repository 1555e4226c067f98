"""Publication of the Commission's decisions (issue 12, point 5): a deliberate act of the
Commission's president, never automatic. What is published is the president's own
anonymized text (``public_summary``), never the reasons, the minutes, the votes or the
investigation notes (RI 9), and never the complainant's identity (Law 09-08)."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import permissions, steps
from ..models import CommissionComplaint

# The kinds of personal data looked for, in the order a message names them.
KINDS = {
    "name": gettext_lazy("name"),
    "family_name": gettext_lazy("family name"),
    "id_number": gettext_lazy("ID number"),
    "email": gettext_lazy("e-mail address"),
    "phone": gettext_lazy("phone number"),
    "address": gettext_lazy("address"),
}
_DIGIT_RUN = re.compile(r"\d[\d\s.\-/()+]*\d")
# A phone number is recognised by its last nine digits (the national number).
PHONE_DIGITS = 9


def _identity(complaint: CommissionComplaint) -> dict[str, set[str]]:
    """What identifies the complainant: the request's identity (art. 14), the account's,
    and the named representative's (RI 11)."""
    request, values = complaint.request, {kind: set() for kind in KINDS}
    people = [request, complaint.complainant, request.requester]
    for person in people:
        if person is None:
            continue
        values["name"].add(getattr(person, "first_name", ""))
        values["family_name"].add(getattr(person, "family_name", "") or getattr(person, "last_name", ""))
        for kind in ("id_number", "email", "phone", "address"):
            values[kind].add(getattr(person, kind, "") or "")
    values["name"].add(complaint.representative_name)
    return {kind: {value.strip() for value in found if value and value.strip()}
            for kind, found in values.items()}


def _word(value: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.IGNORECASE) is not None


def _squeeze(value: str) -> str:
    return re.sub(r"[\s\-./]", "", value).casefold()


def identity_found(complaint: CommissionComplaint, text: str) -> list[str]:
    """The kinds of the complainant's personal data found in ``text`` (never the data)."""
    text = " ".join(text.split())
    digits = [re.sub(r"\D", "", run) for run in _DIGIT_RUN.findall(text)]
    found = []
    for kind, values in _identity(complaint).items():
        for value in values:
            value = " ".join(value.split())
            if kind in ("name", "family_name", "address"):
                # Every part of a name counts ("Fatima Zahra"); a one-letter part does not.
                parts = [value] + (value.split() if kind != "address" else [])
                hit = any(len(part) > 1 and _word(part, text) for part in parts)
            elif kind == "id_number":
                hit = len(value) > 3 and _squeeze(value) in _squeeze(text)
            elif kind == "email":
                hit = value.casefold() in text.casefold()
            else:
                number = re.sub(r"\D", "", value)[-PHONE_DIGITS:]
                hit = len(number) >= 6 and any(number in run for run in digits)
            if hit:
                found.append(kind)
                break
    return found


def _check_president(actor) -> None:
    if not permissions.is_commission_president(actor):
        raise PermissionDenied


def publish(*, actor, complaint: CommissionComplaint, public_summary: str) -> CommissionComplaint:
    """The president publishes an answered complaint's decision with the anonymized text
    they wrote; publishing again replaces the text."""
    _check_president(actor)
    summary = (public_summary or "").strip()
    if not summary:
        raise ValidationError({"public_summary": _("Write the public text of the decision.")})
    with transaction.atomic():
        complaint = steps.lock(CommissionComplaint, complaint.pk)
        if not complaint.is_answered:
            raise ValidationError(_(
                "Only a decision the Commission has taken can be published; this complaint is "
                "“%(state)s”.") % {"state": complaint.get_state_display()})
        found = identity_found(complaint, summary)
        if found:
            raise ValidationError({"public_summary": _(
                "The public text contains the complainant's personal data (%(kinds)s). Remove it: a "
                "published decision never identifies the complainant.") % {
                    "kinds": ", ".join(str(KINDS[k]) for k in found)}})
        again = complaint.is_published
        complaint.public_summary = summary
        complaint.published_at = timezone.now()
        complaint.published_by = actor
        complaint._history_user = actor
        complaint.save(update_fields=["public_summary", "published_at", "published_by"])
        steps.record(complaint, "republish" if again else "publish", actor)
    return complaint


def unpublish(*, actor, complaint: CommissionComplaint) -> CommissionComplaint:
    """The president withdraws a decision from the public register (the text is kept)."""
    _check_president(actor)
    with transaction.atomic():
        complaint = steps.lock(CommissionComplaint, complaint.pk)
        if not complaint.is_published:
            raise ValidationError(_("This decision is not published."))
        complaint.published_at = None
        complaint.published_by = None
        complaint._history_user = actor
        complaint.save(update_fields=["published_at", "published_by"])
        steps.record(complaint, "unpublish", actor)
    return complaint
