"""A granted or partly granted request linked to a dataset on the open-data portal: an
existing one the officer names, or a new one published from the request's released
documents through the CKAN Action API (``ckan``), by a task (``tasks``, doing
``publication``).

A publication is a ``PortalDataset`` in the state ``pending`` until the portal has taken
the package and its resources: the task keeps what the portal answered at each step
(the package's identifier as soon as it has one, each resource as it is uploaded), so
that an attempt cut short is continued, never repeated, and a portal that is down only
delays it (``attempts``, ``next_attempt_at``, the portal's last answer). A refusal
(the portal's field messages, not authorised) ends it as ``failed``: the body's
officers are told, correct it and try again. Once published, the body's register of
art. 10 gets its entry ("opened after request 2026-000123"), or the entry the officer
picked is linked."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.permissions import HANDLE_REQUESTS, has_body_permission
from requests_app.models import InformationRequest, RequestState

from ..models import Art10Category, PortalDataset, RegisterEntry, RequestDataset
from . import ckan, tasks
from .publication import TEXT_FIELDS, documents_to_publish, keep, save

__all__ = ["TEXT_FIELDS", "documents_to_publish", "link_existing_dataset", "publish_from_request",
           "correct_and_retry", "entry_changed", "may_link", "releases_documents"]

# The outcomes of art. 8 and 16 that release documents: only these may lead to a dataset.
RELEASING_STATES = (RequestState.GRANTED, RequestState.PARTIALLY_GRANTED)


def may_link(user, information_request: InformationRequest) -> bool:
    """The request's body's information officers, designated today (art. 12)."""
    return has_body_permission(user, HANDLE_REQUESTS, information_request.body)


def releases_documents(information_request: InformationRequest) -> bool:
    return information_request.state in RELEASING_STATES


def _check(actor, information_request: InformationRequest) -> None:
    if not may_link(actor, information_request):
        raise PermissionDenied(_("Only the body's information officers link its requests to datasets."))
    if not releases_documents(information_request):
        raise ValidationError(_("Only a granted or partly granted request can be linked to a dataset."))


def normalised_url(url: str) -> str:
    """The address as it is compared for duplicates: scheme and host in lower case,
    without a trailing slash or a fragment."""
    parts = urlsplit((url or "").strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, ""))


def _already_linked() -> str:
    return _("This dataset is already linked to this request.")


def _link(actor, information_request, dataset) -> RequestDataset:
    if RequestDataset.objects.filter(request=information_request, dataset=dataset).exists():
        raise ValidationError({"url": _already_linked()})
    link = RequestDataset(request=information_request, dataset=dataset, created_by=actor)
    link._change_reason = "linked"
    link._history_user = actor
    link.save()
    return link


# -- an existing dataset --------------------------------------------------------------------


@transaction.atomic
def link_existing_dataset(*, actor, information_request: InformationRequest, url: str, title: str,
                          language: str = RegisterEntry.Language.ARABIC,
                          organisation: str = "", licence: str = "") -> PortalDataset:
    """Link the request to a dataset already on a portal. A dataset another request is
    linked to already is the same record; linking it twice to one request is refused.
    Two officers linking the same new address at once (for two requests): the second
    meets the first's record (the unique address) and is refused as a duplicate, never
    an error."""
    information_request = InformationRequest.objects.select_for_update(of=("self",)).select_related(
        "body").get(pk=information_request.pk)
    _check(actor, information_request)
    url = normalised_url(url)
    dataset = PortalDataset.objects.filter(url=url).first()
    if dataset is None:
        parts = urlsplit(url)
        dataset = PortalDataset(body=information_request.body, url=url, title=(title or "").strip(),
                                portal=f"{parts.scheme}://{parts.netloc}" if parts.netloc else "",
                                language=language, organisation=organisation, licence=licence,
                                state=PortalDataset.State.LINKED, created_by=actor)
        dataset.full_clean()
        try:
            with transaction.atomic():
                save(dataset, "linked", actor)
        except IntegrityError:
            raise ValidationError({"url": _already_linked()}) from None
    _link(actor, information_request, dataset)
    return dataset


# -- a new dataset, published from the request ----------------------------------------------


@transaction.atomic
def publish_from_request(*, actor, information_request: InformationRequest,
                         category: Art10Category | None = None, register_entry: RegisterEntry | None = None,
                         language: str = RegisterEntry.Language.ARABIC, title: str,
                         title_translation: str = "",
                         description: str = "", description_translation: str = "",
                         licence: str = "") -> PortalDataset:
    """A new dataset in the body's organisation on the portal, made of the request's
    published documents: recorded as pending now, sent by a task once this commits.
    Once published it goes on the body's register under ``category``, or is linked to
    the body's ``register_entry``."""
    information_request = InformationRequest.objects.select_for_update(of=("self",)).select_related(
        "body").get(pk=information_request.pk)
    _check(actor, information_request)
    if not ckan.is_configured():
        raise ValidationError(_("No open-data portal is configured: link an existing dataset instead."))
    if PortalDataset.objects.filter(opened_after=information_request, state__in=(
            PortalDataset.State.PENDING, PortalDataset.State.PUBLISHED)).exists():
        raise ValidationError(_("A dataset has already been published from this request, or is waiting "
                                "for the portal: its state is shown on the request's page."))
    if not documents_to_publish(information_request):
        raise ValidationError(_("There is no document to publish: the requester has not agreed to the "
                                "publication of the released documents, or none was released."))
    if register_entry is not None and (register_entry.body_id != information_request.body_id
                                       or register_entry.retired_at is not None):
        raise ValidationError({"register_entry": _("Pick a current entry of the body's register.")})
    if category is None and register_entry is None:
        raise ValidationError({"category": _("Choose the category of art. 10 of the register entry, "
                                             "or an entry of the register.")})
    dataset = PortalDataset(
        body=information_request.body, portal=ckan.public_root(),
        organisation=ckan.organisation_for(information_request.body), category=category,
        register_entry=register_entry, opened_after=information_request, state=PortalDataset.State.PENDING,
        created_by=actor, language=language, title=title.strip(), title_translation=title_translation.strip(),
        description=description, description_translation=description_translation, licence=licence.strip())
    dataset.full_clean()
    save(dataset, "publication asked", actor)
    dataset.name = package_name(dataset)
    save(dataset, "named")
    _link(actor, information_request, dataset)
    _queue(dataset)
    return dataset


def package_name(dataset: PortalDataset) -> str:
    """The package's name on the portal (lower-case letters, digits and dashes): the
    body's code, the request's reference and the record's number, so two publications
    never share one and an attempt cut short finds its own again."""
    reference = dataset.opened_after.reference if dataset.opened_after_id else "dataset"
    name = f"{dataset.body.code}-{reference}-{dataset.pk}".lower()
    kept = (char if char.isascii() and (char.isalnum() or char in "-_") else "-" for char in name)
    return "".join(kept)[:100]


def _queue(dataset: PortalDataset) -> None:
    pk = dataset.pk
    transaction.on_commit(lambda: tasks.publish_dataset.delay(pk))


@transaction.atomic
def correct_and_retry(*, actor, dataset: PortalDataset, **data) -> PortalDataset:
    """After a refusal (or while it waits): the officer corrects the texts.

    A refused (failed) dataset is pending again and tried at once. A pending one keeps
    its schedule: its ``next_attempt_at`` is also the lease of an attempt that may be
    running now, which a correction must not break (two attempts at once). The
    correction is taken by whichever attempt publishes it: the running one sends it to
    the package before publishing (``publication``), the next one patches the package
    an earlier attempt created."""
    dataset = PortalDataset.objects.select_for_update(of=("self",)).select_related("body").get(pk=dataset.pk)
    if not has_body_permission(actor, HANDLE_REQUESTS, dataset.body):
        raise PermissionDenied(_("Only the body's information officers link its requests to datasets."))
    if dataset.state not in (PortalDataset.State.FAILED, PortalDataset.State.PENDING):
        raise ValidationError(_("This dataset is not waiting for the portal."))
    for name in TEXT_FIELDS:
        if name in data:
            setattr(dataset, name, data[name].strip() if isinstance(data[name], str) else data[name])
    dataset.full_clean()
    fields = [*TEXT_FIELDS, "updated_at"]
    if dataset.state == PortalDataset.State.FAILED:
        dataset.state = PortalDataset.State.PENDING
        dataset.next_attempt_at = None
        fields += ["state", "next_attempt_at"]
    dataset._change_reason = "corrected and sent again"
    dataset._history_user = actor
    dataset.save(update_fields=fields)
    _queue(dataset)
    return dataset


# -- the register entry changes: the package follows ----------------------------------------------


def published_for_entry(entry: RegisterEntry):
    return entry.datasets.filter(state=PortalDataset.State.PUBLISHED).exclude(external_id="")


def entry_changed(entry: RegisterEntry) -> None:
    """The entry's texts and licence become the published datasets' own, and the portal's
    package is patched once this commits."""
    for dataset in published_for_entry(entry):
        changed = {name: getattr(entry, name) for name in TEXT_FIELDS
                   if getattr(dataset, name) != getattr(entry, name)}
        if not changed:
            continue
        keep(dataset, "register entry changed", **changed)
        pk = dataset.pk
        transaction.on_commit(lambda pk=pk: tasks.patch_dataset.delay(pk))


