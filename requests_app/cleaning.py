"""Strip what a published file says about who made it, beside what it shows.

A PDF carries a document information dictionary (Title, Author, Subject, Keywords,
Creator, Producer, dates) and XMP metadata (in the catalogue, and on any page, image or
font), and editors leave their private data in /PieceInfo: an official's name, a
working title, the path of the file on their computer. A photo or a scan carries EXIF
and XMP (the camera, the date, sometimes the place). None of this is part of the
information released (art. 8 of Law 31.13 releases what the document shows), and all
of it can name a person. Every published copy goes through here; the file as uploaded
stays with the body.
"""

from __future__ import annotations

import io

import pikepdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

# Keys under which PDF writers keep metadata, wherever they occur (catalogue, pages,
# images, fonts, form XObjects).
METADATA_KEYS = ("/Metadata", "/PieceInfo")


def clean_pdf(data: bytes) -> bytes:
    """``data`` (a PDF) without its document information dictionary, its XMP streams or
    its /PieceInfo, anywhere in the file. What is drawn on the pages is untouched."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as exc:
        raise ValidationError(_("The document could not be read as a PDF."), code="invalid_pdf") from exc
    with pdf:
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        for obj in [pdf.Root, *pdf.objects]:
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                for key in METADATA_KEYS:
                    if key in obj:
                        del obj[key]
        output = io.BytesIO()
        # No metadata is written back (qpdf adds none unless asked) and only the objects
        # still reachable from the catalogue are kept: the removed streams are gone.
        pdf.save(output, fix_metadata_version=False)
    return output.getvalue()


def clean_image(data: bytes, content_type: str) -> bytes:
    """A PNG or JPEG re-encoded from its pixels only: no EXIF, XMP, comments or text
    chunks. The EXIF orientation is applied first, so the image shows as before."""
    with Image.open(io.BytesIO(data)) as source:
        image = ImageOps.exif_transpose(source)
        image.info = {}
        output = io.BytesIO()
        if content_type == "image/jpeg":
            if image.mode not in ("RGB", "L", "CMYK"):
                image = image.convert("RGB")
            image.save(output, "JPEG", quality=90)
        else:
            image.save(output, "PNG")
    return output.getvalue()
