"""Checks on uploaded files, and the names and types they are stored and served under.

A file is accepted only if it opens as what it is: a PDF is parsed (pikepdf, the qpdf
library), an image is decoded (Pillow). The first bytes only choose the parser; the
client's name and the browser's claim are never read. Refused, each with its own
message naming the file:

- a file that is too big (``NAFIDA_MAX_UPLOAD_BYTES``), of another type, or damaged;
- an encrypted PDF (even one that opens with an empty password: it cannot be cleaned
  or redacted, and its restrictions are not ours to keep);
- a PDF with active content: JavaScript (name tree, /JS, /S /JavaScript in any action),
  an action that launches a program (/Launch), embedded files (/EmbeddedFiles,
  file-attachment annotations), or an action that reaches outside the file (/GoToR,
  /GoToE, /ImportData, /SubmitForm, /RichMedia);
- a decompression bomb: an image, a page (at the resolution redaction renders) or an
  image inside a PDF of more than ``NAFIDA_MAX_IMAGE_PIXELS`` pixels, a PDF of more
  than ``NAFIDA_MAX_PDF_PAGES`` pages, or one whose streams inflate to more than
  ``NAFIDA_MAX_PDF_DECODED_BYTES`` (read with a cap, never in full).

``check_upload`` returns the detected type and leaves on the upload
``detected_type``, ``detected_extension`` and ``sniffed_type`` (the same type). Files
are stored under a name the server chooses (``storage_name``) with the detected
extension, and served with the detected type (``web.file_response``)."""

from __future__ import annotations

import base64
import binascii
import io
import re
import unicodedata
import uuid
import warnings
import zlib
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Leading bytes ("magic numbers") that choose the parser; the parser decides.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}

# The extension each accepted type is stored and served under, and back.
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}
TYPES_BY_EXTENSION = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg",
                      ".jpeg": "image/jpeg"}

# The resolution at which redaction renders a page (``redaction.flatten_pdf``): a page
# is bounded by the pixels it takes there.
PAGE_DPI = 150
# The largest page side the PDF format allows (ISO 32000-1, annex C): 200 inches.
MAX_PAGE_SIDE_POINTS = 14_400
# Actions that run code, start a program or reach outside the file, by their /S name.
JAVASCRIPT_ACTIONS = {"/JavaScript"}
LAUNCH_ACTIONS = {"/Launch"}
OUTSIDE_ACTIONS = {"/GoToR", "/GoToE", "/ImportData", "/SubmitForm", "/RichMedia",
                   "/RichMediaExecute"}
# Nesting deeper than this in one object is not a document, it is an attack on the parser.
MAX_DEPTH = 64


def sniff(upload) -> str | None:
    """The content type that the file's first bytes suggest, or None. Only a guess of
    which parser to try: ``check_upload`` decides."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for content_type, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return content_type
    return None


def check_upload(upload) -> str:
    """Refuse a file that is too big, not a PDF, PNG or JPEG, damaged, encrypted, with
    active content or a decompression bomb; return its type, read from its content."""
    name = upload.name
    limit = settings.NAFIDA_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is too big (%(size)s); the limit is %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size),
               "limit": filesizeformat(limit)},
            code="too_big",
        )
    content_type = sniff(upload)
    if content_type is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF, PNG or JPEG file.") % {"name": name},
            code="bad_type",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if content_type == "application/pdf":
        _check_pdf(data, name)
    else:
        _check_image(data, name, content_type)
    upload.detected_type = upload.sniffed_type = content_type
    upload.detected_extension = EXTENSIONS[content_type]
    return content_type


# -- names and types ----------------------------------------------------------------------


# What ``storage_name`` makes: 32 hexadecimal digits and one of our extensions.
SERVER_NAME = re.compile(r"[0-9a-f]{32}(\.pdf|\.png|\.jpg)?")


def storage_name(filename: str) -> str:
    """The name a file is stored under: chosen by the server, never the client's, with
    the extension of ``filename`` only if it is one of ours (the services pass a name
    that carries the detected one: ``server_named``)."""
    return uuid.uuid4().hex + extension_of(filename)


def extension_of(filename: str) -> str:
    """``filename``'s extension if it is one of the accepted types' (``.jpeg`` read as
    ``.jpg``), else an empty string."""
    suffix = PurePosixPath(filename or "").suffix.lower()
    return EXTENSIONS[TYPES_BY_EXTENSION[suffix]] if suffix in TYPES_BY_EXTENSION else ""


def server_named(upload) -> File:
    """The checked ``upload`` to be saved in a FileField: the same content under a name
    the server chose, with the detected extension (``check_upload`` ran)."""
    return File(upload, name=f"{uuid.uuid4().hex}{upload.detected_extension}")


def stored_type(field) -> str:
    """The type of a stored file, from the extension of the name the server gave it;
    a file kept before names were chosen by the server (under the client's name, whose
    extension proves nothing) is read from its first bytes."""
    name = PurePosixPath(field.name or "").name
    content_type = TYPES_BY_EXTENSION.get(PurePosixPath(name).suffix) if SERVER_NAME.fullmatch(name) else None
    if content_type is None:
        try:
            with field.open("rb") as handle:
                content_type = sniff(handle)
        except OSError:
            content_type = None
    return content_type or "application/octet-stream"


def download_name(name: str, content_type: str) -> str:
    """``name`` (the client's, or one the server made) ending with the extension of the
    type it is served as: ``x.html`` served as a PDF downloads as ``x.pdf``."""
    # No control or formatting characters: the name goes into a header and a save
    # dialog, where a right-to-left override would show another extension than its own.
    name = "".join(c for c in (name or "") if unicodedata.category(c) not in ("Cc", "Cf"))
    path = PurePosixPath(name.replace("\\", "/")).name or "file"
    stem = path[: -len(PurePosixPath(path).suffix)] if PurePosixPath(path).suffix else path
    return f"{stem or 'file'}{EXTENSIONS.get(content_type, '')}"


# -- images ------------------------------------------------------------------------------


def _damaged(name: str) -> ValidationError:
    return ValidationError(_("“%(name)s” is damaged or is not a PDF, PNG or JPEG file.") % {"name": name},
                           code="damaged")


def _too_many_pixels(name: str) -> ValidationError:
    return ValidationError(
        _("“%(name)s” holds an image or a page too large to be opened safely (more than "
          "%(limit)s pixels).")
        % {"name": name, "limit": number_format(settings.NAFIDA_MAX_IMAGE_PIXELS, force_grouping=True)},
        code="too_many_pixels",
    )


def _check_image(data: bytes, name: str, content_type: str) -> None:
    """Decode the whole image, after checking its declared size: a small file can
    declare an image of billions of pixels, which is refused before any is allocated."""
    from PIL import Image

    formats = ["PNG"] if content_type == "image/png" else ["JPEG"]
    max_pixels = settings.NAFIDA_MAX_IMAGE_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=formats) as image:
                width, height = image.size  # read from the header: nothing decoded yet
                if width * height > max_pixels:
                    raise _too_many_pixels(name)
                image.verify()
            with Image.open(io.BytesIO(data), formats=formats) as image:
                image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(name) from None
        except Exception:  # Pillow raises many kinds for a broken file
            raise _damaged(name) from None


# -- PDFs --------------------------------------------------------------------------------


class _Refused(Exception):
    """What is wrong with a PDF, found while walking it: turned into a message."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


def _check_pdf(data: bytes, name: str) -> None:
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise _refusal(name, _Refused("encrypted")) from None
    except Exception:  # qpdf could not make a PDF of it, even repairing
        raise _damaged(name) from None
    try:
        with pdf:
            _walk_pdf(pdf)
    except _Refused as refused:
        raise _refusal(name, refused) from None
    except ValidationError:
        raise
    except Exception:  # a broken object met while reading it
        raise _damaged(name) from None


def _refusal(name: str, refused: _Refused) -> ValidationError:
    params = {"name": name, **refused.params}
    if refused.code == "encrypted":
        # The same words as redaction's refusal of an encrypted PDF.
        message = _("“%(name)s” is encrypted or protected by a password. Upload a copy without "
                    "protection.")
    elif refused.code == "javascript":
        message = _("“%(name)s” contains JavaScript, which is not accepted. Upload a copy without "
                    "scripts (printed to PDF, for example).")
    elif refused.code == "launch":
        message = _("“%(name)s” contains an action that launches a program, which is not accepted.")
    elif refused.code == "embedded":
        message = _("“%(name)s” contains embedded files, which are not accepted. Send each file "
                    "on its own.")
    elif refused.code == "outside":
        message = _("“%(name)s” contains an action that opens another file or sends data "
                    "(%(action)s), which is not accepted.")
    elif refused.code == "too_many_pages":
        message = ngettext("“%(name)s” has %(count)s pages; the limit is %(limit)s page.",
                           "“%(name)s” has %(count)s pages; the limit is %(limit)s pages.",
                           params["limit"])
    elif refused.code == "too_many_pixels":
        return _too_many_pixels(name)
    elif refused.code == "too_much_data":
        message = _("“%(name)s” expands to more than %(limit)s when opened, which is not accepted.")
        params["limit"] = filesizeformat(params["limit"])
    else:
        return _damaged(name)
    return ValidationError(message % params, code=refused.code)


def _walk_pdf(pdf) -> None:
    import pikepdf

    if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
        raise _Refused("encrypted")
    pages = len(pdf.pages)
    if pages == 0:
        raise _Refused("damaged")
    max_pages = settings.NAFIDA_MAX_PDF_PAGES
    if pages > max_pages:
        raise _Refused("too_many_pages", count=pages, limit=max_pages)
    for page in pdf.pages:
        _check_page_size(page)
    budget = [settings.NAFIDA_MAX_PDF_DECODED_BYTES]
    _check_object(pdf.trailer, 0)
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            _check_stream(obj, budget)
        _check_object(obj, 0)


def _check_page_size(page) -> None:
    import pikepdf

    box = page.obj.get("/MediaBox")
    if box is None:
        box = page.mediabox  # inherited from the page tree
    try:
        x0, y0, x1, y1 = (float(value) for value in box)
        unit = float(page.obj.get("/UserUnit", 1))
    except (TypeError, ValueError, pikepdf.PdfError):
        raise _Refused("damaged") from None
    width, height = abs(x1 - x0) * unit, abs(y1 - y0) * unit
    pixels_wide, pixels_high = round(width / 72 * PAGE_DPI), round(height / 72 * PAGE_DPI)
    if (width > MAX_PAGE_SIDE_POINTS or height > MAX_PAGE_SIDE_POINTS
            or pixels_wide * pixels_high > settings.NAFIDA_MAX_IMAGE_PIXELS):
        raise _Refused("too_many_pixels")


def _check_object(obj, depth: int) -> None:
    """Refuse active content in ``obj`` and the direct objects inside it; indirect ones
    are checked on their own (``pdf.objects`` lists them all, object streams included)."""
    import pikepdf

    if depth > MAX_DEPTH:
        raise _Refused("damaged")
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        keys = set(obj.keys())
        action = obj.get("/S") if "/S" in keys else None
        action = str(action) if isinstance(action, pikepdf.Name) else None
        subtype = obj.get("/Subtype") if "/Subtype" in keys else None
        subtype = str(subtype) if isinstance(subtype, pikepdf.Name) else None
        # /JavaScript as a key: the document's name tree of scripts (in /Names).
        if "/JS" in keys or "/JavaScript" in keys or action in JAVASCRIPT_ACTIONS:
            raise _Refused("javascript")
        if action in LAUNCH_ACTIONS:
            raise _Refused("launch")
        if "/EmbeddedFiles" in keys or subtype == "/FileAttachment" or (
                "/EF" in keys and obj.get("/Type") in (None, pikepdf.Name.Filespec)):
            raise _Refused("embedded")
        if action in OUTSIDE_ACTIONS:
            raise _Refused("outside", action=action.lstrip("/"))
        if subtype in ("/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"):
            raise _Refused("outside", action=subtype.lstrip("/"))
        if subtype == "/Image" and isinstance(obj, pikepdf.Stream):
            width, height = _int(obj.get("/Width")), _int(obj.get("/Height"))
            if width * height > settings.NAFIDA_MAX_IMAGE_PIXELS:
                raise _Refused("too_many_pixels")
        values = [obj.get(key) for key in keys]
    elif isinstance(obj, pikepdf.Array):
        values = list(obj)
    else:
        return
    for value in values:
        if isinstance(value, (pikepdf.Dictionary, pikepdf.Array)) and not value.is_indirect:
            _check_object(value, depth + 1)


def _int(value) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


# Decoders whose output is at most four times their input, done here; Flate is
# inflated with a cap.
_BOUNDED_DECODERS = {
    "/ASCIIHexDecode": lambda raw: binascii.unhexlify(_hex_digits(raw)),
    "/AHx": lambda raw: binascii.unhexlify(_hex_digits(raw)),
    "/ASCII85Decode": lambda raw: base64.a85decode(_a85_digits(raw)),
    "/A85": lambda raw: base64.a85decode(_a85_digits(raw)),
}
# Image codecs: their output is bounded by the image's declared size, checked above.
_IMAGE_DECODERS = {"/DCTDecode", "/DCT", "/JPXDecode", "/CCITTFaxDecode", "/CCF", "/JBIG2Decode"}
# The most the other decoders (left to qpdf) may multiply their input by: LZW's longest
# string per 9-bit code, run-length's 128 bytes from 2, zlib's 1032 to 1.
_EXPANSION = {"/LZWDecode": 4096, "/LZW": 4096, "/RunLengthDecode": 64, "/RL": 64,
              "/FlateDecode": 1032, "/Fl": 1032}


def _hex_digits(raw: bytes) -> bytes:
    digits = bytes(c for c in raw.split(b">", 1)[0] if chr(c) in "0123456789abcdefABCDEF")
    return digits + b"0" if len(digits) % 2 else digits


def _a85_digits(raw: bytes) -> bytes:
    text = b"".join(raw.split(b"~>", 1)[0].split())
    return text[2:] if text.startswith(b"<~") else text


def _check_stream(stream, budget: list[int]) -> None:
    """Inflate the stream's data, never more than what remains of the budget: a few
    kilobytes of zeros compressed can claim gigabytes."""
    import pikepdf

    filters = stream.get("/Filter")
    if filters is None:
        return
    names = [str(item) for item in (filters if isinstance(filters, pikepdf.Array) else [filters])]
    data = stream.read_raw_bytes()
    for filter_name in names:
        if filter_name in ("/FlateDecode", "/Fl"):
            data = _inflate(data, budget)
        elif filter_name in _BOUNDED_DECODERS:
            try:
                data = _BOUNDED_DECODERS[filter_name](data)
            except (ValueError, binascii.Error):
                raise _Refused("damaged") from None
        elif filter_name in _IMAGE_DECODERS:
            return
        else:  # LZW, run-length: qpdf decodes the chain, if what it may expand to fits
            bound = len(data)
            for name in names[names.index(filter_name):]:
                bound *= _EXPANSION.get(name, 1)
            if bound > budget[0]:
                raise _Refused("too_much_data", limit=settings.NAFIDA_MAX_PDF_DECODED_BYTES)
            try:
                data = stream.read_bytes(pikepdf.StreamDecodeLevel.generalized)
            except pikepdf.PdfError:
                raise _Refused("damaged") from None
            budget[0] -= len(data)
            return


def _inflate(data: bytes, budget: list[int]) -> bytes:
    """``data`` inflated, counting its size against ``budget``; kept only while it is
    small enough to feed a next filter (a rare chain), else read and dropped."""
    inflater = zlib.decompressobj()
    kept, kept_size, chunk = [], 0, 1 << 20
    pending = data
    while True:
        try:
            out = inflater.decompress(pending, chunk)
        except zlib.error:
            break  # readers stop at the damage, as qpdf does, with what was inflated
        budget[0] -= len(out)
        if budget[0] < 0:
            raise _Refused("too_much_data", limit=settings.NAFIDA_MAX_PDF_DECODED_BYTES)
        if kept_size < (16 << 20):
            kept.append(out)
            kept_size += len(out)
        pending = inflater.unconsumed_tail
        # Done at the stream's end, or when the input is used and the output drained.
        if inflater.eof or (not pending and len(out) < chunk):
            break
    return b"".join(kept)
