"""The letters engine: the bilingual A4 frame (Arabic, then French), its fonts and
styles, right-to-left paragraphs, and the registry of every app's letters. It knows
nothing of what a letter says: the request's letters are in ``requests_app.pdf``, the
complaints' will be in ``appeals``."""

from .bidi import BidiParagraph, isolate, left_to_right, visual_runs
from .frame import LANGUAGES, Lines, bilingual_pdf, flowables, format_date, join, styles
from .registry import Letter, LetterNotAvailable, letter, register_letter

__all__ = [
    "LANGUAGES", "BidiParagraph", "Letter", "LetterNotAvailable", "Lines", "bilingual_pdf",
    "flowables", "format_date", "isolate", "join", "left_to_right", "letter", "register_letter",
    "styles", "visual_runs",
]
