"""What the views of the portal, the register and the workspace share: a service's
refusal put on the form that asked for it, files and letters served as downloads."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control

from . import letters, services, uploads


def error_text(exc) -> str:
    """A refusal (ValidationError or PermissionDenied) as one line for a message."""
    return " ".join(getattr(exc, "messages", None) or [str(exc)])


def add_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError on the form: on its field when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def act_on(form, act: Callable[[dict], object], *, forbidden_on_form: bool = True):
    """If ``form`` is valid, call ``act(form.cleaned_data)`` (a service) and return what
    it returns; a refusal lands on the form and None is returned. With
    ``forbidden_on_form`` false, a PermissionDenied is not the form's business: it
    answers 403."""
    if not form.is_valid():
        return None
    try:
        return act(form.cleaned_data) or True
    except ValidationError as exc:
        add_errors(form, exc)
    except PermissionDenied as exc:
        if not forbidden_on_form:
            raise
        form.add_error(None, str(exc))
    return None


def send_message_form(request, information_request, form) -> bool:
    """The message ``form`` (text and files) sent about the request by the user on the
    page, its requester or an officer of its body; a refusal lands on the form, and
    anyone else is forbidden (403)."""
    return bool(act_on(form, lambda data: services.send_message(
        actor=request.user, information_request=information_request, text=data["text"],
        files=data["files"]), forbidden_on_form=False))


def no_store(response):
    """A download of a letter, an attachment or a document, personal or not: no cache (the
    browser's disk, a proxy) keeps it, whoever asks. Pages served to a signed-in person
    get the same from ``config.middleware``."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def file_response(field, name: str, content_type: str | None = None) -> FileResponse:
    """The stored file ``field`` as a download: with the type detected when it was
    uploaded (``content_type``, from the row, or read from the name the server stored it
    under), never guessed by the browser, and under ``name`` ending with that type's
    extension (``x.html`` that is a PDF downloads as ``x.pdf``)."""
    if content_type not in uploads.EXTENSIONS:
        content_type = uploads.stored_type(field)
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=uploads.download_name(name, content_type),
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)


def letter_response(record, name: str, *, subject: str = "request", reference: str = "") -> HttpResponse:
    """A letter of ``record`` as a PDF: by default of a request (receipt, extension
    notice, decision letter); a complaint's with its ``subject`` and its number as
    ``reference`` (``letters.registry``). 404 for no such letter, or not yet."""
    try:
        letter = letters.letter(subject, name)
        content = letter.build(record)
    except (LookupError, letters.LetterNotAvailable) as exc:  # no such letter, or not yet
        raise Http404 from exc
    response = HttpResponse(content, content_type="application/pdf")
    filename = letter.file_name(reference or record.reference)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)
