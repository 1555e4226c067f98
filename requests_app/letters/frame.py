"""The bilingual A4 frame every letter is drawn on: the Arabic section, a rule, then the
French section, in DejaVu Sans (Arabic and Latin glyphs; it ships in ``fonts/``, so no
system font is needed)."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

from django.utils import translation
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate

from .bidi import BidiParagraph

__all__ = ["LANGUAGES", "Lines", "bilingual_pdf", "flowables", "format_date", "join", "styles"]

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
_FONTS_DIR = Path(__file__).resolve().parent / "fonts"
# The languages of every letter, in the order they are printed.
LANGUAGES = ("ar", "fr")
# A letter's content: (text, style) pairs, the style one of styles()[language]'s keys.
Lines = list[tuple[str, str]]


@functools.cache
def _register_fonts() -> None:
    for name, filename in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(_FONTS_DIR / filename)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)


@functools.cache
def styles() -> dict[str, dict[str, ParagraphStyle]]:
    """``styles()[language][kind]`` for the kinds body, title, subtitle, heading and
    item: Arabic is right-aligned and right to left (``wordWrap="RTL"``, read by
    ``BidiParagraph``), French left-aligned."""
    _register_fonts()
    result = {}
    for language, alignment, direction in (("ar", TA_RIGHT, "RTL"), ("fr", TA_LEFT, None)):
        body = ParagraphStyle(f"{language}-body", fontName=FONT, fontSize=8, leading=10.5,
                              spaceAfter=1, alignment=alignment, wordWrap=direction, shaping=1)
        side = "rightIndent" if direction == "RTL" else "leftIndent"
        result[language] = {
            "body": body,
            "title": ParagraphStyle(f"{language}-title", parent=body, fontName=FONT_BOLD,
                                    fontSize=12, leading=16, spaceAfter=1),
            "subtitle": ParagraphStyle(f"{language}-subtitle", parent=body, fontSize=7.5, leading=10,
                                       textColor=colors.dimgrey, spaceAfter=4),
            "heading": ParagraphStyle(f"{language}-heading", parent=body, fontName=FONT_BOLD,
                                      fontSize=8.5, leading=11.5, spaceBefore=4, spaceAfter=1.5),
            "item": ParagraphStyle(f"{language}-item", parent=body, fontSize=7.5, leading=9.8,
                                   **{side: 3 * mm}),
        }
    return result


def flowables(lines: Lines, language: str) -> list[Flowable]:
    """``(text, kind)`` lines as paragraphs in the styles of ``language``."""
    style = styles()[language]
    return [BidiParagraph(text, style[kind]) for text, kind in lines]


def format_date(value: date) -> str:
    """A date as every letter writes it, day first: 25/11/2026."""
    return value.strftime("%d/%m/%Y")


def join(items: list[str]) -> str:
    """Items of a list in a sentence, with the active language's separator."""
    return pgettext("list separator", ", ").join(items)


def bilingual_pdf(section: Callable[[str], Lines], *, title: Callable[[], str]) -> bytes:
    """An A4 document: ``section(language)`` written in Arabic, then in French from a
    new page, each with its language active, so that each language is a whole letter
    (page 1 in Arabic for a letter that fits on a page); the PDF's title is ``title()``,
    in French."""
    _register_fonts()
    parts = []
    for language in LANGUAGES:
        with translation.override(language):
            parts.append(flowables(section(language), language))
    with translation.override("fr"):
        title_text = title()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=13 * mm, rightMargin=13 * mm, topMargin=12 * mm,
        bottomMargin=12 * mm, title=title_text, author="Nafida", creator="Nafida",
    )
    arabic, french = parts
    document.build([*arabic, PageBreak(), *french])
    return buffer.getvalue()
