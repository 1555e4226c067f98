"""Documents prepared before a decision: what the officer adds, and the public copy a
task makes of it, off the web request.

An officer adds each document the body will release (in full, or as a redacted version
under art. 8) with the title the public will read; the file is stored at once and the
task ``requests_app.tasks.prepare_document`` makes the public copy: a redacted version
is flattened into page images (``redaction.flatten_pdf``), and every copy loses its
metadata (``cleaning``). The officer sees the progress, then the copy exactly as it
will be published, and decides with the ready copies (``services.decide``). The file as
uploaded stays with the body: for a redacted version it still holds the text under its
boxes, so it is never published (art. 8).
"""

from __future__ import annotations

import io
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import signals
from .models import InformationRequest, PreparedDocument
from .services import _lock, _require_handler, _save_with_files
from .uploads import check_upload

Kind = PreparedDocument.Kind
Status = PreparedDocument.Status


class PreparationTooLong(Exception):
    """The preparation went past NAFIDA_REDACTION_TIME_LIMIT."""


@transaction.atomic
def add_document(*, actor, information_request: InformationRequest, kind: str, public_title: str,
                 upload) -> PreparedDocument:
    """Store ``upload`` as a document of the coming decision, to be released in full or
    as a redacted version, under ``public_title``; its public copy is prepared by a task
    once the row is committed. Refused, with nothing stored: a request that can no
    longer be answered, an empty title, a file that ``uploads.check_upload`` refuses, a
    redacted version that is not a PDF."""
    information_request = _lock(information_request)
    _require_handler(actor, information_request)
    if not information_request.is_answerable:
        raise ValidationError(_("This request can no longer be answered: no document can be added."))
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose whether the document is released in full or redacted.")})
    public_title = " ".join((public_title or "").split())
    if not public_title:
        raise ValidationError({"public_title": _("Type the title the public will read for this "
                                                 "document.")})
    if len(public_title) > 255:
        raise ValidationError({"public_title": _("The title may have at most 255 characters.")})
    try:
        content_type = check_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    if kind == Kind.REDACTED and content_type != "application/pdf":
        raise ValidationError({"file": _("A redacted version must be a PDF.")})
    document = PreparedDocument(
        request=information_request, kind=kind, public_title=public_title, content_type=content_type,
        original_name=(getattr(upload, "name", "") or "")[:255], added_by=actor,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    document.original = upload
    _save_with_files([document], actor)
    signals.document_added.send(sender=PreparedDocument, document_id=document.pk)
    return document


@transaction.atomic
def remove_document(*, actor, document: PreparedDocument) -> None:
    """An officer takes a document off the coming decision (a wrong file, a failed
    preparation); a document already released with a decision stays."""
    information_request = _lock(document.request)
    _require_handler(actor, information_request)
    document = PreparedDocument.objects.select_for_update().get(pk=document.pk)
    if document.decision_id is not None:
        raise ValidationError(_("This document was released with the decision: it stays on file."))
    files = [(field.storage, field.name) for field in (document.original, document.prepared) if field]
    document._history_user = actor
    document.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])


def prepare(document_id: int) -> PreparedDocument | None:
    """Make the public copy of one added document (the task's work): flattened if it is
    a redacted version, its metadata stripped in any case. The pages done are saved after
    each page; past NAFIDA_REDACTION_TIME_LIMIT seconds, or past the pixel budget, the
    document fails with a message the officer reads in the language they added it in."""
    with transaction.atomic():
        document = (PreparedDocument.objects.select_for_update()
                    .filter(pk=document_id, status__in=[Status.QUEUED, Status.RUNNING]).first())
        if document is None:  # removed, or already prepared
            return None
        limit = settings.NAFIDA_REDACTION_TIME_LIMIT
        if document.status == Status.RUNNING and document.started_at and (
                (timezone.now() - document.started_at).total_seconds() > limit):
            # Delivered again after its worker was killed at the hard time limit.
            with translation.override(document.language or settings.LANGUAGE_CODE):
                return _fail(document, too_long_message())
        document.status, document.pages_done, document.started_at = Status.RUNNING, 0, timezone.now()
        document.save(update_fields=["status", "pages_done", "started_at"])
    with translation.override(document.language or settings.LANGUAGE_CODE):
        try:
            content = public_copy(document, deadline=time.monotonic() + limit)
        except ValidationError as exc:
            return _fail(document, " ".join(exc.messages))
        except (PreparationTooLong, SoftTimeLimitExceeded):
            # Our own clock, checked after each page, or the task's soft time limit.
            return _fail(document, too_long_message())
        except Exception:
            # Anything else: the officer is told, and the error is raised for the logs.
            _fail(document, _("The document could not be prepared. Check the file and add it again."))
            raise
    name = f"public.{'pdf' if document.is_redacted else document.extension}"
    document.prepared.save(name, ContentFile(content), save=False)
    with transaction.atomic():
        # The officer may have removed the document meanwhile: it is not brought back.
        if not PreparedDocument.objects.select_for_update().filter(pk=document.pk).exists():
            document.prepared.storage.delete(document.prepared.name)
            return None
        document.status, document.finished_at, document.error = Status.READY, timezone.now(), ""
        if document.pages_total is not None:
            document.pages_done = document.pages_total
        document._change_reason = "public copy prepared"
        document.save()
    return document


def too_long_message() -> str:
    return _("Preparing this document took longer than the %(seconds)d seconds allowed. Split it into "
             "smaller documents and add them again.") % {"seconds": settings.NAFIDA_REDACTION_TIME_LIMIT}


def public_copy(document: PreparedDocument, *, deadline: float) -> bytes:
    """The bytes the public will get for ``document``."""
    # Imported here for their weight: PDFium, Pillow and pikepdf belong in the worker.
    from .cleaning import clean_image, clean_pdf
    from .redaction import flatten_pdf

    def progress(done: int, total: int) -> None:
        PreparedDocument.objects.filter(pk=document.pk).update(pages_done=done, pages_total=total)
        document.pages_done, document.pages_total = done, total
        if time.monotonic() > deadline:
            raise PreparationTooLong

    with document.original.open("rb") as handle:
        data = handle.read()
    if document.is_redacted:
        flattened = flatten_pdf(data, dpi=settings.NAFIDA_REDACTION_DPI,
                                max_pixels=settings.NAFIDA_REDACTION_MAX_PIXELS,
                                min_dpi=settings.NAFIDA_REDACTION_MIN_DPI, progress=progress)
        document.text_layer = flattened.text_layer
        return clean_pdf(flattened.read())
    if document.content_type == "application/pdf":
        import pikepdf

        cleaned = clean_pdf(data)
        with pikepdf.open(io.BytesIO(cleaned)) as pdf:
            progress(len(pdf.pages), len(pdf.pages))
        return cleaned
    cleaned = clean_image(data, document.content_type)
    progress(1, 1)
    return cleaned


def _fail(document: PreparedDocument, message: str) -> PreparedDocument | None:
    try:
        document.refresh_from_db()
    except PreparedDocument.DoesNotExist:  # removed by the officer meanwhile
        return None
    document.status, document.error, document.finished_at = Status.FAILED, message, timezone.now()
    document._change_reason = "preparation failed"
    document.save()
    return document


def add_and_prepare(*, actor, information_request: InformationRequest, kind: str, public_title: str,
                    upload) -> PreparedDocument:
    """``add_document``, then its public copy made at once in this process: for tests,
    the demo data and scripts, never for a web request."""
    document = add_document(actor=actor, information_request=information_request, kind=kind,
                            public_title=public_title, upload=upload)
    return prepare(document.pk) or document


# -- reads ------------------------------------------------------------------------------


def pending_documents(information_request: InformationRequest) -> list[PreparedDocument]:
    """The documents added to the coming decision, not yet released, in their order."""
    return list(information_request.prepared_documents.filter(decision=None).order_by("added_at", "id"))


def public_preview(information_request: InformationRequest) -> list[tuple[PreparedDocument, str]]:
    """Each ready document with the neutral name it will be published under: the order
    and names the decision will give them (``DecisionDocument.public_name``)."""
    ready = [item for item in pending_documents(information_request) if item.is_ready]
    return [(item, f"{information_request.reference}-document-{number}."
                   f"{'pdf' if item.is_redacted else item.extension}")
            for number, item in enumerate(ready, start=1)]
