"""The changes to a body's register of proactive publication (art. 10): add, change and
retire an entry. Only the body's information officers, designated today, may."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import PublicBody
from accounts.permissions import HANDLE_REQUESTS, has_body_permission

from ..models import RegisterEntry

# What an officer fills in; the rest is the system's.
FIELDS = ("category", "language", "title", "description", "title_translation", "description_translation",
          "url", "formats", "licence", "published_on",
          "update_frequency")


def may_keep_register(user, body: PublicBody) -> bool:
    return has_body_permission(user, HANDLE_REQUESTS, body)


def _check(actor, body: PublicBody) -> None:
    if not may_keep_register(actor, body):
        raise PermissionDenied(_("Only the body's information officers keep its register."))


def _save(entry: RegisterEntry, actor, reason: str) -> RegisterEntry:
    entry.updated_by = actor
    entry._change_reason = reason
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def add_entry(*, actor, body: PublicBody, **data) -> RegisterEntry:
    _check(actor, body)
    entry = RegisterEntry(body=body, created_by=actor,
                          **{name: data[name] for name in FIELDS if name in data})
    return _save(entry, actor, "added")


@transaction.atomic
def change_entry(*, actor, entry: RegisterEntry, **data) -> RegisterEntry:
    entry = RegisterEntry.objects.select_for_update().get(pk=entry.pk)
    _check(actor, entry.body)
    if entry.retired_at:
        raise PermissionDenied(_("This entry has been retired from the register."))
    for name in FIELDS:
        if name in data:
            setattr(entry, name, data[name])
    return _save(entry, actor, "changed")


@transaction.atomic
def retire_entry(*, actor, entry: RegisterEntry) -> RegisterEntry:
    """Take the entry off the register; its history stays."""
    entry = RegisterEntry.objects.select_for_update().get(pk=entry.pk)
    _check(actor, entry.body)
    if entry.retired_at is None:
        entry.retired_at = timezone.now()
        _save(entry, actor, "retired")
    return entry
