"""Right-to-left paragraphs for ReportLab.

ReportLab shapes Arabic with HarfBuzz (the letters join), but it orders the words of a
right-to-left line only through its optional ``rlbidi`` package, which PyPI does not
carry: without it Arabic words come out left to right. So a paragraph here is laid out
by ``BidiParagraph``: lines are broken in logical order, each line is ordered by the
Unicode bidirectional algorithm of ``python-bidi`` (UAX #9 in full, from the Rust crate
``unicode-bidi``: brackets, isolates, numbers) and each right-to-left run is shaped by
HarfBuzz, which also mirrors its brackets.

Text typed by people (a subject, reasons, a title) goes inside a letter's sentence
wrapped in ``isolate()``: a French sentence inside Arabic text then keeps its own order,
full stop included, and cannot reorder the words around it.
"""

from __future__ import annotations

import re
import unicodedata

from bidi import get_display
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.platypus import Flowable

__all__ = ["BidiParagraph", "isolate", "left_to_right", "user_text", "visual_runs"]

_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")
# Marks and isolates steer the ordering and are not drawn: LRM, RLM, ALM, LRI, RLI,
# FSI, PDI.
_MARKS = "\u200e\u200f\u061c\u2066\u2067\u2068\u2069"
_OPEN_ISOLATES, _CLOSE_ISOLATE = "\u2066\u2067\u2068", "\u2069"
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def left_to_right(text: str) -> str:
    """``text`` kept in one left-to-right piece inside Arabic: without it a reference
    such as 2026-000001 after Arabic words would read 000001-2026 (UAX #9 makes digits
    after Arabic letters Arabic numbers, which a hyphen does not join)."""
    return f"\u2066{text}\u2069"


# The explicit directional formatting characters (UAX #9, 2.1–2.4): embeddings and
# overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI). Typed into a
# subject, an override reverses what follows it ("‮gnp.exe" reads "exe.png"), and a
# closing isolate would end the isolate a letter puts around the text.
_EXPLICIT = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def user_text(text: str) -> str:
    """Text a person typed, without explicit directional formatting characters: its
    order is the one the bidirectional algorithm gives its letters, nothing it forces.
    The marks (LRM, RLM, ALM) stay: they only hint, inside the text."""
    return (text or "").translate(_EXPLICIT)


def isolate(text: str) -> str:
    """``text`` (typed by a person) as one unit in the direction of its own first letter
    (First Strong Isolate): a French title inside an Arabic sentence, or the reverse.
    Its own overrides and isolates are taken out, so it cannot reorder the sentence."""
    return f"\u2068{user_text(text)}\u2069"


def _has_rtl_letters(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def _levels(text: str, rtl: bool) -> list[int]:
    """The embedding level of each character, as resolved by python-bidi. Its public API
    gives the reordered line, not the levels, so they are read from its debug form (the
    crate's ``BidiInfo``, one level per byte of UTF-8)."""
    info = get_display(text, base_dir="R" if rtl else "L", debug=True)
    levels_part = info.split("levels:", 1)[1].split("paragraphs:", 1)[0]
    per_byte = [int(level) for level in _LEVEL.findall(levels_part)]
    levels, offset = [], 0
    for char in text:
        levels.append(per_byte[offset])
        offset += len(char.encode("utf-8"))
    if offset != len(per_byte):
        raise RuntimeError("python-bidi's debug output changed: cannot read the embedding levels.")
    return levels


def visual_runs(text: str, rtl: bool) -> list[tuple[str, bool]]:
    """The line's directional runs, left to right on the page, each in logical order
    with whether it reads right to left."""
    runs: list[list] = []
    for char, level in zip(text, _levels(text, rtl) if text else [], strict=True):
        if char in _MARKS:
            continue
        if runs and runs[-1][1] == level:
            runs[-1][0] += char
        else:
            runs.append([char, level])
    # UAX #9 L2: from the highest level down to 1, reverse every sequence of runs at
    # that level or higher; the characters inside an odd run are reversed when shaped.
    for level in range(max((run[1] for run in runs), default=0), 0, -1):
        i = 0
        while i < len(runs):
            end = i
            while end < len(runs) and runs[end][1] >= level:
                end += 1
            runs[i:end] = runs[i:end][::-1]
            i = max(end, i + 1)
    return [(run, level % 2 == 1) for run, level in runs]


def _shaped(text: str, rtl: bool, style: ParagraphStyle) -> tuple[str, float]:
    """The run as it is drawn left to right, and its width."""
    text = text.translate({ord(mark): None for mark in _MARKS})
    if rtl and _has_rtl_letters(text):
        # HarfBuzz sees the Arabic script: it joins the letters, reverses the run and
        # mirrors its brackets.
        text = shapeStr(text, style.fontName, style.fontSize)
    elif rtl:
        text = text[::-1].translate(_MIRRORED)
    if isinstance(text, ShapedStr):
        return text, sum(data.x_advance for data in text.__shapeData__) * style.fontSize / 1000
    return text, pdfmetrics.stringWidth(text, style.fontName, style.fontSize)


def _balanced(lines: list[str]) -> list[str]:
    """Each line with the isolates it inherits reopened at its start and those it leaves
    open closed at its end, so a line break inside a person's text keeps it isolated."""
    balanced, carried = [], ""
    for line in lines:
        opened = carried
        for char in line:
            if char in _OPEN_ISOLATES:
                opened += char
            elif char == _CLOSE_ISOLATE and opened:
                opened = opened[:-1]
        balanced.append(carried + line + _CLOSE_ISOLATE * len(opened))
        carried = opened
    return balanced


class BidiParagraph(Flowable):
    """Plain text (no markup) in a ParagraphStyle's font, size, leading, indents,
    spacing and alignment; right to left when ``style.wordWrap == "RTL"``."""

    def __init__(self, text: str, style: ParagraphStyle):
        super().__init__()
        self.text = " ".join(str(text).split())
        self.style = style
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self._lines: list[str] = []

    def wrap(self, avail_width, avail_height):
        style = self.style
        room = avail_width - style.leftIndent - style.rightIndent
        space = pdfmetrics.stringWidth(" ", style.fontName, style.fontSize)
        lines, line, used = [], [], 0.0
        for word in self.text.split(" "):
            width = _shaped(word, _has_rtl_letters(word), style)[1]
            if line and used + space + width > room:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used += (space if line else 0) + width
            line.append(word)
        if line:
            lines.append(" ".join(line))
        self._lines = _balanced(lines)
        self.width, self.height = avail_width, len(self._lines) * style.leading
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.style.leading)
        if not 0 < fit < len(self._lines):
            return []
        return [BidiParagraph(" ".join(self._lines[:fit]), self.style),
                BidiParagraph(" ".join(self._lines[fit:]), self.style)]

    def draw(self):
        style, canvas = self.style, self.canv
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        y = self.height - style.fontSize
        for line in self._lines:
            pieces = [_shaped(text, rtl, style) for text, rtl in visual_runs(line, style.wordWrap == "RTL")]
            width = sum(piece_width for _piece, piece_width in pieces)
            x = style.leftIndent
            if style.alignment == TA_RIGHT:
                x = self.width - style.rightIndent - width
            elif style.alignment == TA_CENTER:
                x = (self.width + style.leftIndent - style.rightIndent - width) / 2
            for piece, piece_width in pieces:
                canvas.drawString(x, y, piece)
                x += piece_width
            y -= style.leading
