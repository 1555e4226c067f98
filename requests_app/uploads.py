"""Checks on uploaded files: the type is read from the content, never from the name or
the browser's claim, and the size is capped (NAFIDA_MAX_UPLOAD_BYTES)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Leading bytes ("magic numbers") of the types a requester or an officer may send.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}


def sniff(upload) -> str | None:
    """The content type that the file's first bytes show, or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for content_type, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return content_type
    return None


def check_upload(upload) -> str:
    """Refuse a file that is too big or of a type not accepted; return its type."""
    limit = settings.NAFIDA_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is too big (%(size)s); the limit is %(limit)s.")
            % {"name": upload.name, "size": filesizeformat(upload.size),
               "limit": filesizeformat(limit)},
            code="too_big",
        )
    content_type = sniff(upload)
    if content_type is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF, PNG or JPEG file.") % {"name": upload.name},
            code="bad_type",
        )
    return content_type
