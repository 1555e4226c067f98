"""What the publishing task does, one attempt at a time (``tasks`` calls it; ``services``
records the officers' acts and queues it): the package in the body's organisation, then
each published document as a resource, each step kept as soon as the portal has answered
it, so that an attempt cut short is continued, never repeated; a refusal ends it as
failed (the officers are told), trouble leaves it pending for the next attempt.
Once published, the body's register of art. 10 gets its entry."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from requests_app.models import InformationRequest
from requests_app.register.selectors import published_documents

from ..models import PortalDataset, RegisterEntry
from . import ckan, notices

# What the officer writes of a dataset, and what a register entry gives it back.
TEXT_FIELDS = ("language", "title", "title_translation", "description", "description_translation", "licence")


def documents_to_publish(information_request: InformationRequest) -> list:
    """What goes to the portal: the released documents the requester agreed to publish,
    as the public register shows them (their public copies, under neutral names)."""
    return published_documents(information_request)


def save(dataset: PortalDataset, reason: str, actor=None) -> PortalDataset:
    dataset._change_reason = reason
    if actor is not None:
        dataset._history_user = actor
    dataset.save()
    return dataset


def keep(dataset: PortalDataset, reason: str, **fields) -> None:
    """Write what the portal has just answered at once, in its own transaction: an
    attempt cut short after this continues from here. Only these fields are written:
    the attempt's copy is older than what the officer corrects meanwhile (the texts) or
    the link checker finds (the link's health), which it must not put back."""
    for name, value in fields.items():
        setattr(dataset, name, value)
    dataset._change_reason = reason
    dataset.save(update_fields=[*fields, "updated_at"])


def _lease() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "NAFIDA_CKAN_LEASE_SECONDS", 600)))


def claim(pk: int, due=None) -> bool:
    """Take the pending dataset for one attempt: it is due (its next attempt has come,
    or is exactly the one this task was scheduled for), and no other attempt holds it
    (a lease: ``next_attempt_at`` moved past the attempt's end)."""
    now = timezone.now()
    ready = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    if due is not None:
        ready |= Q(next_attempt_at=due)
    return bool(PortalDataset.objects.filter(ready, pk=pk, state=PortalDataset.State.PENDING).update(
        next_attempt_at=now + _lease(), attempts=F("attempts") + 1))


def backoff(attempts: int) -> timedelta:
    base = int(getattr(settings, "NAFIDA_CKAN_RETRY_SECONDS", 60))
    ceiling = int(getattr(settings, "NAFIDA_CKAN_RETRY_MAX_SECONDS", 3600))
    return timedelta(seconds=min(ceiling, base * 2 ** max(0, attempts - 1)))


def _notes(dataset: PortalDataset) -> str:
    """The package's description: the officer's text, its translation, and the request
    it answers, with the public register's address (never the requester)."""
    parts = [dataset.description.strip(), dataset.description_translation.strip()]
    if dataset.opened_after_id:
        with translation.override(dataset.language):
            parts.append(_("Opened after request %(reference)s: %(url)s") % {
                "reference": dataset.opened_after.reference,
                "url": _register_url(dataset.opened_after)})
    return "\n\n".join(part for part in parts if part)


def _register_url(information_request: InformationRequest) -> str:
    with translation.override("ar"):
        path = reverse("register:entry", args=[information_request.reference])
    return settings.NAFIDA_SITE_URL.rstrip("/") + path


def package_of(dataset: PortalDataset) -> dict:
    package = {"name": dataset.name, "title": dataset.title, "notes": _notes(dataset),
               "owner_org": dataset.organisation, "private": False}
    if dataset.licence:
        package["license_id"] = dataset.licence
    if dataset.opened_after_id:
        package["url"] = _register_url(dataset.opened_after)
    return package


def texts_of(dataset: PortalDataset) -> dict:
    """What a correction changes of the package (``package_patch``): its texts and
    licence, never its name or organisation."""
    return {"id": dataset.external_id, "title": dataset.title, "notes": _notes(dataset),
            "license_id": dataset.licence}


def _ensure_package(connector: ckan.Connector, dataset: PortalDataset) -> dict | None:
    """The package on the portal: created now, or found again when an earlier attempt
    may have created it without hearing the answer. Returns what the portal shows of it
    when it looked (None after a creation)."""
    if dataset.external_id:
        # An earlier attempt created it: the texts, perhaps corrected since, go to it.
        return connector.package_patch(texts_of(dataset))
    if dataset.attempts > 1:
        found = connector.package_show(dataset.name)
        organisation = (found or {}).get("organization") or {}
        if found and dataset.organisation in (found.get("owner_org"), organisation.get("name")):
            keep(dataset, "found on the portal", external_id=found["id"])
            return found
    created = connector.package_create(package_of(dataset))
    keep(dataset, "package created", external_id=created["id"], name=created.get("name") or dataset.name)
    return None


def _upload_resources(connector: ckan.Connector, dataset: PortalDataset, shown: dict | None) -> None:
    resources = list(dataset.resources or [])
    done = {item.get("document_id") for item in resources}
    documents = [document for document in documents_to_publish(dataset.opened_after)
                 if document.pk not in done]
    on_portal = {(item.get("url") or "").rsplit("/", 1)[-1]: item
                 for item in (shown or {}).get("resources", [])}
    for document in documents:
        kind = document.served_type
        entry = {"document_id": document.pk, "name": document.title,
                 "format": kind.rsplit("/", 1)[-1].upper()}
        found = on_portal.get(document.download_name)
        if found is None:
            with document.file.open("rb") as handle:
                found = connector.resource_create(
                    package_id=dataset.external_id, name=document.title, upload=handle,
                    file_name=document.download_name, content_type=kind, format=entry["format"],
                    description=document.download_name)
        entry.update(id=found.get("id", ""), url=found.get("url", ""))
        resources.append(entry)
        keep(dataset, "resource uploaded", resources=resources)


def _register(dataset: PortalDataset) -> None:
    """The body's register of art. 10 shows the publication: a new entry under the
    officer's category, or the entry they picked."""
    if dataset.register_entry_id or dataset.category_id is None:
        return
    formats = sorted({item.get("format", "") for item in dataset.resources if item.get("format")})
    entry = RegisterEntry(
        body=dataset.body, category=dataset.category, language=dataset.language, title=dataset.title,
        title_translation=dataset.title_translation, description=dataset.description,
        description_translation=dataset.description_translation, url=dataset.url,
        formats=", ".join(formats), licence=dataset.licence, published_on=timezone.localdate(),
        update_frequency=RegisterEntry.Frequency.ONCE, opened_after=dataset.opened_after,
        created_by=dataset.created_by, updated_by=dataset.created_by)
    entry._change_reason = "published on the portal"
    entry.full_clean()
    entry.save()
    dataset.register_entry = entry


def attempt(pk: int, due=None) -> str:
    """One attempt at publishing the dataset ``pk``: "published", "failed", "skipped"
    (not pending, or another attempt holds it), or raises ``ckan.PortalUnavailable``
    after recording it (the caller schedules the next attempt)."""
    if not claim(pk, due):
        return "skipped"
    dataset = PortalDataset.objects.select_related("body", "opened_after", "category").get(pk=pk)
    if dataset.opened_after_id and not documents_to_publish(dataset.opened_after):
        # Consent withdrawn or the decision changed since it was asked: no empty package.
        return _failed(dataset, _("There is no document to publish any more: the requester has withdrawn "
                                  "their agreement to the publication, or the decision no longer releases "
                                  "any document. Link an existing dataset instead, or publish again once "
                                  "documents are released."))
    try:
        connector = ckan.Connector.from_settings()
        shown = _ensure_package(connector, dataset)
        _upload_resources(connector, dataset, shown)
        _follow_corrections(connector, dataset)
    except ckan.PortalUnavailable as exc:
        keep(dataset, "portal unavailable", last_error=exc.message,
             next_attempt_at=timezone.now() + backoff(dataset.attempts))
        raise
    except ckan.PortalRefused as exc:
        return _failed(dataset, exc.message)
    except Exception:
        # Not the portal's doing (a file gone, a bug): kept in the log, tried again later.
        keep(dataset, "error", last_error=_("The publication stopped on an error; it will be tried again."),
             next_attempt_at=timezone.now() + backoff(dataset.attempts))
        raise
    try:
        with transaction.atomic():
            if _texts(PortalDataset.objects.select_for_update().get(pk=pk)) != _texts(dataset):
                # Corrected in the instant since the package followed: the next attempt patches it.
                keep(dataset, "corrected during the attempt", next_attempt_at=None)
                return "pending"
            dataset.url = ckan.dataset_url(dataset.name)
            _register(dataset)
            keep(dataset, "published", url=dataset.url, register_entry=dataset.register_entry,
                 state=PortalDataset.State.PUBLISHED, published_at=timezone.now(), last_error="",
                 next_attempt_at=None)
    except ValidationError as exc:
        # The register refuses the dataset's address (``NAFIDA_CKAN_DATASET_URL`` must be the
        # portal's public one): the package exists, the officers are told.
        dataset.refresh_from_db()
        return _failed(dataset, " ".join(exc.messages))
    return "published"


def _texts(dataset: PortalDataset) -> dict:
    return {name: getattr(dataset, name) for name in TEXT_FIELDS}


def _follow_corrections(connector: ckan.Connector, dataset: PortalDataset) -> None:
    """The officer may correct the texts of a pending dataset while an attempt runs
    (``services.correct_and_retry``): the package gets them before it is published."""
    fresh = _texts(PortalDataset.objects.get(pk=dataset.pk))
    if fresh != _texts(dataset):
        for name, value in fresh.items():
            setattr(dataset, name, value)
        connector.package_patch(texts_of(dataset))


def _failed(dataset: PortalDataset, message: str) -> str:
    with transaction.atomic():
        keep(dataset, "refused by the portal", state=PortalDataset.State.FAILED, last_error=message,
             next_attempt_at=None)
        notices.tell_officers_failed(dataset)
    return "failed"


def due_for_retry(now=None):
    """The pending datasets whose next attempt has come (the sweep queues them again: a
    task lost or out of retries loses nothing)."""
    now = now or timezone.now()
    return PortalDataset.objects.filter(state=PortalDataset.State.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)).values_list("pk", flat=True)




def patch(pk: int) -> str:
    """Send the dataset's texts to its package (``package_patch``); a refusal is kept as
    the portal's last answer, trouble is raised for a later attempt."""
    dataset = PortalDataset.objects.select_related("body", "opened_after").get(pk=pk)
    if dataset.state != PortalDataset.State.PUBLISHED or not dataset.external_id:
        return "skipped"
    package = package_of(dataset)
    package.pop("name")
    package.pop("owner_org")
    package["id"] = dataset.external_id
    try:
        ckan.Connector.from_settings().package_patch(package)
    except ckan.PortalUnavailable as exc:
        keep(dataset, "portal unavailable", last_error=exc.message)
        raise
    except ckan.PortalRefused as exc:
        keep(dataset, "patch refused by the portal", last_error=exc.message)
        return "failed"
    if dataset.last_error:
        keep(dataset, "patched", last_error="")
    return "patched"
