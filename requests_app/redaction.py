"""Flatten the redacted version of a document into page images before it is released.

Art. 8 of Law 31.13: when part of a document falls under an exception of art. 7, the
body releases the rest. The information officer uploads a copy in which they covered
the withheld passages, usually with black boxes drawn in a PDF editor. A box drawn
over text does not remove it: the text stays in the file, under the box, and anyone
can select, copy or extract it (``pdftotext``, copy and paste, a screen reader). The
same goes for the document's metadata (title, author, XMP), its annotations, form
fields, attachments and scripts.

So the released copy is rebuilt from pixels: every page is rendered as it would be
displayed (annotations and form fields included, so a box drawn as an annotation
covers what it covers on screen) and the new PDF holds nothing but one image per
page, at the original page size, so it prints the same. What is lost: the text layer
(the copy cannot be searched, selected or read aloud, and it is heavier than the
original). The original, unredacted document stays on file with the body.

The text layer is then given back by OCR (tesseract, Arabic and French), read from the
flattened images only: the copy can be searched, selected and read aloud, and what lay
under a box is not in the images, so OCR cannot bring it back. Each page gets an
invisible text layer (tesseract's text-only PDF) laid over its image. Without tesseract
(or its languages) the copy is released without a text layer and a warning is logged.
"""

from __future__ import annotations

import io
import logging
import math
import os
import threading

import img2pdf
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytesseract
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageChops

logger = logging.getLogger(__name__)

JPEG_QUALITY = 85
# A page bigger than this at the requested resolution is rendered at a lower one (its
# size on paper is unchanged): A0 fits at about 125 dpi. This bounds the memory of one
# page (about 100 MB for the bitmap) whatever page size a file declares.
MAX_PAGE_PIXELS = 25_000_000

# The OCR text layer's languages (tesseract's names), how long OCR may take for one page,
# and the longest document read while the officer waits are settings (NAFIDA_OCR_*): past
# either limit, the copy is released without a text layer and a warning is logged.

# Tesseract's OpenMP threads slow it down on a busy machine: one thread per process.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# PDFium is not thread-safe: one document at a time per process. Only the preparation
# task flattens (``requests_app.preparation``), in a worker, never in a web request.
_pdfium_lock = threading.Lock()


def flatten_pdf(upload, *, dpi: int = 150, max_pixels: int | None = None, min_dpi: int | None = None,
                progress=None) -> ContentFile:
    """Return a copy of the PDF ``upload`` made only of images of its pages.

    ``upload`` is a Django ``File``/``UploadedFile``, any file-like object with
    ``read()``, or bytes. Each page is rendered in colour at ``dpi`` and placed alone
    on a page of the same size in points: a JPEG (quality 85) if it has any colour,
    else a lossless grey image. The result has no text, fonts, annotations, forms,
    attachments, scripts or metadata (not even an /Info dictionary). Its name is the original
    name with ``-redacted`` before ``.pdf`` (``document-redacted.pdf`` without one).

    With ``max_pixels``, all pages together are rendered in at most that many pixels:
    past it the resolution is lowered for the whole document, down to ``min_dpi``, below
    which the document is refused. ``progress(done, total)`` is called after each page
    is rendered and after each page is read by OCR; what it raises (a time limit) ends
    the work.

    Raises ``ValidationError`` for a file that is not a readable PDF, is encrypted or
    password-protected (even with only an owner password), has more than
    ``NAFIDA_MAX_REDACTED_PAGES`` pages (200 by default), or is too big for the budget.
    """
    if dpi <= 0:
        raise ValueError("dpi must be positive")
    name = _original_name(upload)
    data = _read_bytes(upload)
    display_name = name or "document.pdf"
    max_pages = settings.NAFIDA_MAX_REDACTED_PAGES
    progress = progress or (lambda done, total: None)

    with _pdfium_lock:
        pdf = _open(data, display_name)
        try:
            n_pages = len(pdf)
            if n_pages > max_pages:
                raise ValidationError(
                    ngettext(
                        "“%(name)s” has %(count)d pages; a redacted document may have at most %(limit)d "
                        "page.",
                        "“%(name)s” has %(count)d pages; a redacted document may have at most %(limit)d "
                        "pages.",
                        max_pages,
                    ),
                    code="too_many_pages",
                    params={"name": display_name, "count": n_pages, "limit": max_pages},
                )
            if max_pixels:
                dpi = _resolution_within(pdf, dpi, max_pixels, min_dpi or dpi, display_name)
            # Form fields are drawn as a viewer shows them (their values included).
            pdf.init_forms()
            pages, sizes = [], []
            for index in range(n_pages):
                width, height, image = _render_page(pdf, index, dpi)
                sizes.append((width, height))
                pages.append(_encoded(image, image.width * 72 / width))
                progress(index + 1, n_pages)
        finally:
            pdf.close()
    # Each page gets exactly the original's size in points; no date, producer or title.
    sizes_left = iter(sizes)

    def page_size(_image_width, _image_height, _ndpi):
        width, height = next(sizes_left)
        return width, height, width, height

    content = img2pdf.convert(pages, layout_fun=page_size, nodate=True, producer=None,
                              engine=img2pdf.Engine.internal)
    text_pages = _ocr_pages(pages, display_name, progress)
    if text_pages:
        content = _with_text_layer(content, text_pages)
    flattened = ContentFile(content, name=_redacted_name(name))
    # Whether OCR gave it a text layer: without one the officer is told that the copy
    # cannot be searched, selected or read aloud.
    flattened.text_layer = bool(text_pages)
    return flattened


def _page_pixels(pdf, dpi: float) -> float:
    """The pixels of all pages at ``dpi``, each capped as ``_render_page`` caps it."""
    total = 0.0
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            width, height = page.get_size()
        finally:
            page.close()
        # As rendered: whole pixels, each side rounded up.
        total += min(math.ceil(width * dpi / 72) * math.ceil(height * dpi / 72), MAX_PAGE_PIXELS)
    return total


def _resolution_within(pdf, dpi: int, max_pixels: int, min_dpi: int, display_name: str) -> float:
    """The highest resolution, at most ``dpi``, at which the whole document fits in
    ``max_pixels``; refused if even ``min_dpi`` does not fit."""
    resolution = float(dpi)
    for _attempt in range(20):
        total = _page_pixels(pdf, resolution)
        if total <= max_pixels:
            return resolution
        # Capped pages shrink less than the others: step down and check again.
        lower = min(resolution * 0.98, resolution * math.sqrt(max_pixels / total))
        if lower < min_dpi:
            if resolution <= min_dpi:
                break
            lower = float(min_dpi)
        resolution = lower
    raise ValidationError(
        _("“%(name)s” is too large to be flattened: its pages together exceed what one redacted "
          "version may hold, even at the lowest resolution. Split it into smaller documents."),
        code="too_many_pixels", params={"name": display_name})


def _ocr_languages() -> str | None:
    """``ara+fra``, or the part of it that tesseract has; None (with a warning) when
    tesseract or both languages are missing."""
    wanted = settings.NAFIDA_OCR_LANGUAGES
    try:
        available = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError) as exc:
        logger.warning("OCR unavailable (%s): redacted copies are released without a text layer.", exc)
        return None
    languages = [language for language in wanted if language in available]
    missing = [language for language in wanted if language not in available]
    if missing:
        logger.warning("tesseract lacks the language data %s: the text layer of redacted copies "
                       "is read without it.", ", ".join(missing))
    return "+".join(languages) or None


def _ocr_pages(pages: list[bytes], display_name: str, progress=None) -> list[bytes] | None:
    """One text-only PDF page (invisible text, tesseract's ``textonly_pdf``) per page
    image, read from the flattened images themselves; None if OCR cannot run, so that
    the copy is released without a text layer rather than not at all."""
    max_pages = settings.NAFIDA_OCR_MAX_PAGES
    if len(pages) > max_pages:
        logger.warning("“%s” has %d pages, more than the %d read by OCR: the redacted copy is released "
                       "without a text layer.", display_name, len(pages), max_pages)
        return None
    languages = _ocr_languages()
    if languages is None:
        return None
    timeout = settings.NAFIDA_OCR_TIMEOUT_SECONDS
    text_pages = []
    for page in pages:
        with Image.open(io.BytesIO(page)) as image:
            dpi = round(image.info.get("dpi", (150, 150))[0]) or 150
            try:
                text_pages.append(pytesseract.image_to_pdf_or_hocr(
                    image, lang=languages, extension="pdf", timeout=timeout,
                    config=f"--dpi {dpi} -c textonly_pdf=1"))
            except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, RuntimeError,
                    OSError) as exc:
                logger.warning("OCR of “%s” failed (%s): the redacted copy is released without a "
                               "text layer.", display_name, exc)
                return None
        if progress is not None:
            progress(len(pages), len(pages))
    return text_pages


def _with_text_layer(content: bytes, text_pages: list[bytes]) -> bytes:
    """``content`` (one image per page) with each text-only page laid over its image,
    scaled to the page."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        sources = [pikepdf.open(io.BytesIO(text)) for text in text_pages]
        try:
            for page, source in zip(pdf.pages, sources, strict=True):
                page.add_overlay(source.pages[0], pikepdf.Rectangle(page.mediabox))
            output = io.BytesIO()
            pdf.save(output)
        finally:
            for source in sources:
                source.close()
    return output.getvalue()


def _render_page(pdf, index: int, dpi: int) -> tuple[float, float, Image.Image]:
    """Render one page; return its size in points (as displayed, /Rotate applied) and
    its image. The PDFium page and bitmap are closed before returning."""
    page = pdf[index]
    try:
        width, height = page.get_size()
        scale = dpi / 72
        pixels = width * scale * height * scale
        if pixels > MAX_PAGE_PIXELS:
            scale *= math.sqrt(MAX_PAGE_PIXELS / pixels)
        bitmap = page.render(scale=scale, rev_byteorder=True, fill_color=(255, 255, 255, 255))
        try:
            image = bitmap.to_pil().convert("RGB")  # a copy: the bitmap's buffer is freed below
        finally:
            bitmap.close()
    finally:
        page.close()
    return width, height, image


def _is_achromatic(image: Image.Image) -> bool:
    red, green, blue = image.split()
    return (
        ImageChops.difference(red, green).getbbox() is None
        and ImageChops.difference(green, blue).getbbox() is None
    )


def _encoded(image: Image.Image, dpi: float) -> bytes:
    """One page image, encoded for img2pdf (which embeds it without re-encoding).

    A page without any colour (black text on white) is stored losslessly in grey (PNG):
    sharper text than JPEG and about half its size; a page with colour (stamps,
    signatures) as an RGB JPEG. The image carries its resolution, from which img2pdf
    sets the page to the original size in points."""
    buffer = io.BytesIO()
    if _is_achromatic(image):
        image.convert("L").save(buffer, "PNG", dpi=(dpi, dpi), optimize=False)
    else:
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, dpi=(round(dpi), round(dpi)))
    image.close()
    return buffer.getvalue()


def _open(data: bytes, display_name: str):
    """Open ``data`` with PDFium, refusing what is not a PDF and what is encrypted."""
    unreadable = ValidationError(
        _("“%(name)s” could not be read as a PDF."), code="invalid_pdf", params={"name": display_name}
    )
    encrypted = ValidationError(
        _("“%(name)s” is encrypted or protected by a password. Upload a copy without protection."),
        code="encrypted_pdf",
        params={"name": display_name},
    )
    if b"%PDF" not in data[:1024]:  # where PDFium looks for the header
        raise unreadable
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise encrypted from None
        raise unreadable from None
    # A file with only an owner password opens without one, but is still encrypted.
    if pdfium_c.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1:
        pdf.close()
        raise encrypted
    return pdf


def _read_bytes(upload) -> bytes:
    if isinstance(upload, (bytes, bytearray, memoryview)):
        return bytes(upload)
    if getattr(upload, "closed", False) and hasattr(upload, "open"):
        upload.open("rb")
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read()
    if hasattr(upload, "seek"):
        upload.seek(0)  # the caller may still store the original
    return bytes(data)


def _original_name(upload) -> str:
    if isinstance(upload, (bytes, bytearray, memoryview)):
        return ""
    return os.path.basename(str(getattr(upload, "name", "") or ""))


def _redacted_name(name: str) -> str:
    stem, ext = os.path.splitext(name)
    if ext.lower() != ".pdf":
        stem = name
    return f"{stem or 'document'}-redacted.pdf"
