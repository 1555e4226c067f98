"""Bilingual PDFs (Arabic, then French): the receipt of a request (art. 14) and, on
the same frame, the decision letter (arts 5, 7, 8, 15, 18 to 21) and the notice of an
extension (arts 16, 17).

ReportLab shapes Arabic with HarfBuzz (the letters join), but it orders the words of
a right-to-left line only through its optional ``rlbidi`` package, which PyPI does not
carry: without it Arabic words come out left to right. So paragraphs here are laid out
by ``BidiParagraph``: lines are broken in logical order, each line is ordered by the
Unicode bidirectional algorithm (UAX #9, reduced to what plain text needs) and each
right-to-left run is shaped by HarfBuzz, which also mirrors its brackets."""

from __future__ import annotations

import functools
import io
import unicodedata
from datetime import date, timedelta
from pathlib import Path

from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext, pgettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont, shapeStr
from reportlab.platypus import Flowable, HRFlowable, SimpleDocTemplate

from .deadlines import Period, SkippedDay, complaint_window, explain_due_date
from .models import DECIDED_STATES, DeadlineChange, Decision, InformationRequest, LegalRule
from .selectors import released_documents

# DejaVu Sans has Arabic and Latin glyphs; it ships in fonts/ so no system font is needed.
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
_FONTS_DIR = Path(__file__).resolve().parent / "fonts"


@functools.cache
def _register_fonts() -> None:
    for name, filename in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(_FONTS_DIR / filename)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)


@functools.cache
def _styles() -> dict[str, dict[str, ParagraphStyle]]:
    """``_styles()[language][kind]``: Arabic is right-aligned and right to left
    (``wordWrap="RTL"``, read by ``BidiParagraph``), French left-aligned."""
    _register_fonts()
    styles = {}
    for language, alignment, direction in (("ar", TA_RIGHT, "RTL"), ("fr", TA_LEFT, None)):
        body = ParagraphStyle(f"{language}-body", fontName=FONT, fontSize=8, leading=10.5,
                              spaceAfter=1, alignment=alignment, wordWrap=direction, shaping=1)
        side = "rightIndent" if direction == "RTL" else "leftIndent"
        styles[language] = {
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
    return styles


# ---------------------------------------------------------------------------------
# Right-to-left text
# ---------------------------------------------------------------------------------

_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")
# Left-to-right, right-to-left and Arabic letter marks: they steer the ordering and
# are not drawn.
_MARKS = "\u200e\u200f\u061c"


def _left_to_right(text: str) -> str:
    """``text`` kept in one left-to-right piece inside Arabic: without the marks a
    reference such as 2026-000001 after Arabic words would read 000001-2026."""
    return f"\u200e{text}\u200e"


def _has_rtl_letters(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


_OPENING_BRACKETS = {"(": ")", "[": "]", "{": "}"}


def _bracket_pairs(text: str, types: list[str]) -> list[tuple[int, int]]:
    """BD16: the positions of the paired brackets, in the order of their opening."""
    pairs, openings = [], []
    for i, char in enumerate(text):
        if types[i] != "ON":
            continue
        if char in _OPENING_BRACKETS:
            if len(openings) == 63:
                break
            openings.append(i)
            continue
        for depth in range(len(openings) - 1, -1, -1):
            if _OPENING_BRACKETS[text[openings[depth]]] == char:
                pairs.append((openings[depth], i))
                del openings[depth:]
                break
    return sorted(pairs)


def _resolve_brackets(text: str, types: list[str], base: str) -> None:
    """N0: a pair of brackets takes the paragraph's direction if text of that direction
    is inside; otherwise the other direction, if it is inside and also before the
    opening bracket. So "(redacted)" after Latin words in an Arabic line, or "(المادة 7)"
    after Arabic words in a French line, keeps both its brackets."""
    direction = {"L": "L", "R": "R", "EN": "R", "AN": "R"}
    for opening, closing in _bracket_pairs(text, types):
        inside = {direction[kind] for kind in types[opening + 1:closing] if kind in direction}
        if not inside:
            continue
        if base not in inside:
            before = next((direction[kind] for kind in reversed(types[:opening]) if kind in direction), base)
            types[opening] = types[closing] = before
        else:
            types[opening] = types[closing] = base


def _bidi_levels(text: str, rtl: bool) -> list[int]:
    """The embedding level of each character of a line (UAX #9 rules W1-W7, N0-N2,
    I1-I2; explicit embeddings and isolates are not supported)."""
    base = "R" if rtl else "L"
    types = [unicodedata.bidirectional(char) or "L" for char in text]
    size = len(types)
    # W1: a combining mark takes the type of the character it follows.
    for i, kind in enumerate(types):
        if kind == "NSM":
            types[i] = types[i - 1] if i else base
    # W2, W3: digits after Arabic letters are an Arabic number; Arabic letters are R.
    strong = base
    for i, kind in enumerate(types):
        if kind in ("L", "R", "AL"):
            strong = kind
        elif kind == "EN" and strong == "AL":
            types[i] = "AN"
    types = ["R" if kind == "AL" else kind for kind in types]
    # W4: one separator between two numbers of the same kind joins them (12/11/2026).
    for i in range(1, size - 1):
        before, kind, after = types[i - 1], types[i], types[i + 1]
        if before == after and (kind == "ES" and before == "EN" or kind == "CS" and before in ("EN", "AN")):
            types[i] = before
    # W5: terminators (%, currency signs) next to a number belong to it.
    i = 0
    while i < size:
        end = i
        while end < size and types[end] == "ET":
            end += 1
        if end > i and ((i and types[i - 1] == "EN") or (end < size and types[end] == "EN")):
            types[i:end] = ["EN"] * (end - i)
        i = max(end, i + 1)
    # W6, W7: other separators are neutral; digits after Latin text are Latin.
    types = ["ON" if kind in ("ES", "ET", "CS") else kind for kind in types]
    strong = base
    for i, kind in enumerate(types):
        if kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            types[i] = "L"
    _resolve_brackets(text, types, base)
    # N1, N2: neutrals between two stretches of the same direction take it (numbers
    # count as right to left); the others take the paragraph's direction.
    direction = {"L": "L", "R": "R", "EN": "R", "AN": "R"}
    i = 0
    while i < size:
        if types[i] in direction:
            i += 1
            continue
        end = i
        while end < size and types[end] not in direction:
            end += 1
        before = direction[types[i - 1]] if i else base
        after = direction[types[end]] if end < size else base
        types[i:end] = [before if before == after else base] * (end - i)
        i = end
    # I1, I2.
    if rtl:
        return [1 if kind == "R" else 2 for kind in types]
    return [0 if kind == "L" else 1 if kind == "R" else 2 for kind in types]


def _visual_runs(text: str, rtl: bool) -> list[tuple[str, bool]]:
    """The line's directional runs, left to right on the page, each in logical order
    with whether it reads right to left."""
    runs: list[list] = []
    for char, level in zip(text, _bidi_levels(text, rtl), strict=True):
        if char in _MARKS:
            continue
        if runs and runs[-1][1] == level:
            runs[-1][0] += char
        else:
            runs.append([char, level])
    # L2: from the highest level down to 1, reverse every sequence of runs at that
    # level or higher; the characters inside an odd run are reversed when it is shaped.
    for level in range(max((run[1] for run in runs), default=0), 0, -1):
        i = 0
        while i < len(runs):
            end = i
            while end < len(runs) and runs[end][1] >= level:
                end += 1
            runs[i:end] = runs[i:end][::-1]
            i = max(end, i + 1)
    return [(text, level % 2 == 1) for text, level in runs]


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
        self._lines, line, used = [], [], 0.0
        for word in self.text.split(" "):
            width = _shaped(word, _has_rtl_letters(word), style)[1]
            if line and used + space + width > room:
                self._lines.append(" ".join(line))
                line, used = [], 0.0
            used += (space if line else 0) + width
            line.append(word)
        if line:
            self._lines.append(" ".join(line))
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
            pieces = [_shaped(text, rtl, style) for text, rtl in _visual_runs(line, style.wordWrap == "RTL")]
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


# ---------------------------------------------------------------------------------
# Bilingual documents
# ---------------------------------------------------------------------------------


def _bilingual_pdf(arabic: list[Flowable], french: list[Flowable], *, title: str = "") -> bytes:
    """An A4 document with the Arabic section, a rule, then the French section."""
    _register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=13 * mm, rightMargin=13 * mm, topMargin=12 * mm,
        bottomMargin=12 * mm, title=title, author="Nafida", creator="Nafida",
    )
    rule = HRFlowable(width="100%", thickness=0.6, color=colors.grey, spaceBefore=2 * mm, spaceAfter=2.5 * mm)
    document.build([*arabic, rule, *french])
    return buffer.getvalue()


def _date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _join(items: list[str]) -> str:
    return pgettext("list separator", ", ").join(items)


def _day_off(day: SkippedDay) -> str:
    # A Saturday or Sunday has no name of its own: say which weekday it is.
    name = day.name or str(WEEKDAYS[day.day.weekday()])
    # Translators: a day not counted in a period, e.g. "Independence Day (18/11/2026)".
    return _("%(name)s (%(date)s)") % {"name": name, "date": _date(day.day)}


def _explain(period: Period) -> str:
    """One period of the due date in words (arts 16, 17), with the days it skipped."""
    rule = period.rule
    values = {"period": rule.get_period_display(), "length": rule.length, "start": _date(period.start),
              "end": _date(period.end), "article": rule.article}
    if rule.unit == LegalRule.Unit.WORKING_DAYS:
        text = ngettext(
            "%(period)s: %(length)s working day after %(start)s, that is %(end)s (art. %(article)s).",
            "%(period)s: %(length)s working days after %(start)s, that is %(end)s (art. %(article)s).",
            rule.length) % values
        skipped = []
        if period.weekend_days:
            skipped.append(ngettext("%(count)s Saturday or Sunday", "%(count)s Saturdays and Sundays",
                                    period.weekend_days) % {"count": period.weekend_days})
        skipped += [_day_off(day) for day in period.holidays]
        if skipped:
            text += " " + _("Days not counted: %(days)s.") % {"days": _join(skipped)}
        return text
    text = ngettext(
        "%(period)s: %(length)s day after %(start)s, that is %(end)s (art. %(article)s).",
        "%(period)s: %(length)s days after %(start)s, that is %(end)s (art. %(article)s).",
        rule.length) % values
    # Calendar days count the days off, but a period that ends on one moves to the
    # next working day (DESIGN.md, DOC art. 133 by analogy).
    moved = [day for day in period.skipped if day.day >= period.start + timedelta(days=rule.length)]
    if moved:
        text += " " + _("Its last day fell on a day off: %(days)s; it ends on the next working day.") % {
            "days": _join([_day_off(day) for day in moved])}
    return text


def _rights() -> list[str]:
    """The requester's rights and remedies, in the words of arts 16 to 21."""
    return [
        _("The body must answer within a period not exceeding twenty (20) working days from the date "
          "the request is received. This period may be extended once by the same length, in the cases "
          "listed in article 16, if the body notifies you in advance, in writing or by e-mail, stating "
          "the reasons for the extension (art. 16)."),
        _("In urgent cases, where obtaining the information is necessary to protect the life, safety "
          "and liberty of persons, the body must answer within three (3) days, subject to the "
          "extension cases of article 16 (art. 17)."),
        _("A refusal to provide the information, in full or in part, must be reasoned and in writing, "
          "and must mention your right to complain against the refusal (art. 18)."),
        _("If your request gets no answer or is not satisfied, you may complain to the head of the "
          "body within twenty (20) working days from the expiry of the legal period for answering, or "
          "from receipt of the answer; the head must examine the complaint and inform you of the "
          "decision taken within fifteen (15) days of receiving it (art. 19)."),
        _("You may then complain to the Commission for the right of access to information (CDAI) "
          "within thirty (30) days following the expiry of the legal period for answering your "
          "complaint to the head of the body, or from receipt of that answer, by registered post or "
          "by e-mail against an acknowledgement of receipt; the Commission must examine the complaint "
          "and inform you of its outcome within thirty (30) days of receiving it (art. 20)."),
        _("You may appeal against the decision of the head of the body to the competent "
          "administrative court within sixty (60) days from receipt of the Commission's answer to "
          "your complaint, or from the expiry of the legal period for that answer (art. 21)."),
    ]


def _flowables(lines: list[tuple[str, str]], language: str) -> list[Flowable]:
    """``(text, kind)`` lines as paragraphs in the styles of ``language``."""
    style = _styles()[language]
    return [BidiParagraph(text, style[kind]) for text, kind in lines]


def _body_line(request: InformationRequest, language: str) -> tuple[str, str]:
    body_name = getattr(request.body, f"name_{language}", "") or request.body.name
    return _("Body concerned: %(body)s") % {"body": body_name}, "body"


def _requester_lines(request: InformationRequest) -> list[tuple[str, str]]:
    """The requester's name and the subject of the request."""
    return [
        (_("Requester: %(name)s") % {"name": f"{request.first_name} {request.family_name}".strip()}, "body"),
        (_("Subject: %(subject)s") % {"subject": request.subject}, "body"),
    ]


def _claim_lines(request: InformationRequest) -> list[tuple[str, str]]:
    """A request registered by an officer (counter, post, e-mail) can be followed online
    once the requester adds it to an account with this code."""
    if request.requester_id is not None or not request.claim_code:
        return []
    return [(_("To follow this request online, create an account on Nafida and add it with the "
               "reference and this code: %(code)s") % {"code": _left_to_right(request.claim_code)},
             "heading")]


def _receipt_section(request: InformationRequest, language: str) -> list[Flowable]:
    """The receipt in ``language``, which the caller has activated."""
    if request.is_urgent:
        request_type = _("Type of request: urgent (art. 17). Reason: %(reason)s.") % {
            "reason": request.get_urgency_reason_display()}
    else:
        request_type = _("Type of request: ordinary (art. 16).")
    computed = [_("How this date is computed:"), *map(_explain, explain_due_date(request, language))]
    lines = [
        (_("Receipt of a request for access to information"), "title"),
        (_("Law No. 31.13 on the right of access to information, article 14"), "subtitle"),
        (_("Reference: %(reference)s, received on %(date)s; channel: %(channel)s") % {
            "reference": _left_to_right(request.reference), "date": _date(request.received_on),
            "channel": request.get_channel_display()}, "body"),
        _body_line(request, language),
        (request_type, "body"),
        *_requester_lines(request),
        (_("The body must answer by %(date)s.") % {"date": _date(request.due_date)}, "heading"),
        (" ".join(computed), "body"),
        *_claim_lines(request),
        (_("Your rights under Law No. 31.13"), "heading"),
        *((f"• {right}", "item") for right in _rights()),
    ]
    return _flowables(lines, language)


def _document(request: InformationRequest, section, title: str) -> bytes:
    """A letter about ``request``: ``section(request, language)`` in Arabic, then in
    French; the PDF's title is ``title`` (French) and the reference."""
    with translation.override("ar"):
        arabic = section(request, "ar")
    with translation.override("fr"):
        french = section(request, "fr")
        title = f"{_(title)} {request.reference}"
    return _bilingual_pdf(arabic, french, title=title)


def receipt_pdf(request: InformationRequest) -> bytes:
    """The receipt of a request (art. 14: deposit against a receipt, or an
    acknowledgement of receipt), in Arabic and French, as PDF bytes."""
    if request.received_on is None or request.due_date is None:
        raise ValueError(f"Request {request.reference} has not been received: it has no receipt.")
    return _document(request, _receipt_section,
                     gettext_noop("Receipt of a request for access to information"))


# ---------------------------------------------------------------------------------
# The decision letter and the extension notice
# ---------------------------------------------------------------------------------

Lines = list[tuple[str, str]]


def _letter_header(request: InformationRequest, language: str, title: str, dated: str) -> Lines:
    """The title, the law, then the request: reference, body, requester, subject, and
    the date of the letter (``dated``)."""
    return [
        (title, "title"),
        (_("Law No. 31.13 on the right of access to information"), "subtitle"),
        (_("Reference of the request: %(reference)s, received on %(date)s") % {
            "reference": _left_to_right(request.reference), "date": _date(request.received_on)}, "body"),
        _body_line(request, language),
        *_requester_lines(request),
        (dated, "body"),
    ]


def _remedies() -> list[str]:
    """The steps after a complaint to the head of the body (arts 19, 20 and 21)."""
    return _rights()[3:]


def _complaint_lines(sentence: str) -> Lines:
    """The right to complain (arts 18 to 21): ``sentence`` gives the last day for a
    complaint to the head of the body, then come the Commission and the court."""
    return [
        (_("Your right to complain (arts 18 to 21)"), "heading"),
        (sentence, "body"),
        *((f"• {remedy}", "item") for remedy in _remedies()),
    ]


def _money(amount) -> str:
    return number_format(amount, 2)


def _exemption_reference(exemption) -> str:
    """"art. 7 §1" or "art. 7 §2, 1", in the active language."""
    values = {"article": exemption.article, "paragraph": exemption.paragraph, "item": exemption.item}
    if exemption.item:
        return _("art. %(article)s §%(paragraph)s, %(item)s") % values
    return _("art. %(article)s §%(paragraph)s") % values


def _outcome_lines(request: InformationRequest, decision: Decision) -> Lines:
    outcome = {
        Decision.Outcome.GRANTED: _("Your request is granted: the information is delivered to you."),
        Decision.Outcome.PARTIALLY_GRANTED: _(
            "Your request is partially granted: the parts of the information covered by an exception "
            "of article 7 have been removed and the rest is delivered to you (art. 8)."),
        Decision.Outcome.REFUSED: _("Your request is refused (art. 18)."),
    }[decision.outcome]
    lines = [(outcome, "heading")]
    if decision.late:
        lines.append((_("This decision was given after the legal deadline for answering, which ended on "
                        "%(date)s.") % {"date": _date(request.due_date)}, "body"))
    return lines


def _citation_lines(decision: Decision) -> Lines:
    """Each art. 7 exception relied on, with the part withheld and its justification."""
    citations = decision.citations.select_related("exemption").order_by("id")
    if not citations:
        return []
    if decision.outcome == Decision.Outcome.PARTIALLY_GRANTED:
        lines = [(_("Parts withheld and the exceptions relied on (arts 7 and 8)"), "heading")]
    else:
        lines = [(_("Exceptions relied on (art. 7)"), "heading")]
    for citation in citations:
        text = _("%(reference)s: %(label)s.") % {
            "reference": _exemption_reference(citation.exemption), "label": citation.exemption.label}
        if citation.withheld_part:
            text += " " + _("Part withheld: %(part)s.") % {"part": citation.withheld_part}
        text += " " + _("Justification: %(justification)s") % {"justification": citation.public_justification}
        lines.append((f"• {text}", "item"))
    return lines


def _ground_lines(decision: Decision) -> Lines:
    """The art. 18 grounds, then what the reply must give for some of them."""
    lines = [(_("Grounds of refusal (art. 18)"), "heading")]
    for ground in decision.refusal_grounds.order_by("item"):
        lines.append(("• " + _("%(label)s (art. %(article)s, %(item)s°)") % {
            "label": ground.label, "article": ground.article, "item": ground.item}, "item"))
    if decision.publication_reference:
        lines.append((_("The information is already published under the reference %(reference)s; it can "
                        "be obtained at: %(location)s (art. 18).") % {
            "reference": decision.publication_reference, "location": decision.publication_location}, "body"))
    if decision.earlier_request_id:
        lines.append((_("The same information was already supplied to you this year, in answer to your "
                        "request %(reference)s (art. 18).") % {
            "reference": _left_to_right(decision.earlier_request.reference)}, "body"))
    return lines


def _delivery_lines(request: InformationRequest, decision: Decision) -> Lines:
    """The documents released, how they are delivered (art. 15) and what they cost (art. 5)."""
    lines: Lines = []
    documents = released_documents(request)
    if documents:
        lines.append((_("Documents released"), "heading"))
        for document in documents:
            redacted = f" — {_('redacted version (art. 8)')}" if document.is_redacted else ""
            lines.append((f"• {document.title}{redacted}", "item"))
    if decision.delivery_method:
        lines.append((_("Delivery of the information (art. 15): %(method)s.") % {
            "method": decision.get_delivery_method_display()}, "body"))
    if decision.copying_cost or decision.sending_cost:
        costs = _("Access to information is free of charge, except for the actual cost of copying or "
                  "processing the information and of sending it (art. 5): copying or processing "
                  "%(copying)s MAD, sending %(sending)s MAD, that is %(total)s MAD in all.") % {
            "copying": _money(decision.copying_cost), "sending": _money(decision.sending_cost),
            "total": _money(decision.copying_cost + decision.sending_cost)}
    else:
        costs = _("Access to the information is free of charge (art. 5).")
    lines.append((costs, "body"))
    return lines


def _decision_complaint(request: InformationRequest) -> str:
    window = complaint_window(request)
    return _("You may file a complaint about this decision with the head of the body within %(length)s "
             "%(unit)s of receiving it (art. %(article)s), that is until %(end)s.") % {
        "length": window.rule.length, "unit": window.rule.get_unit_display(),
        "article": window.rule.article, "end": _date(window.end)}


def _decision_section(request: InformationRequest, language: str) -> list[Flowable]:
    """The decision letter in ``language``, which the caller has activated."""
    decision = request.decision
    dated = _("Date of the decision: %(date)s") % {"date": _date(timezone.localdate(decision.decided_at))}
    lines = [
        *_letter_header(request, language, _("Decision on your request for access to information"), dated),
        *_outcome_lines(request, decision),
    ]
    if decision.outcome == Decision.Outcome.REFUSED:
        lines += [*_ground_lines(decision), *_citation_lines(decision)]
    else:
        lines += [*_citation_lines(decision), *_delivery_lines(request, decision)]
    if decision.explanation:
        lines.append((_("Reasons and explanation: %(text)s") % {"text": decision.explanation}, "body"))
    lines += _complaint_lines(_decision_complaint(request))
    return _flowables(lines, language)


def decision_letter_pdf(request: InformationRequest) -> bytes:
    """The written decision on a request, in Arabic and French, as PDF bytes: the
    outcome, its grounds (arts 7, 8, 18), delivery and costs (arts 5, 15), and the
    requester's right to complain (arts 18 to 21)."""
    if request.state not in DECIDED_STATES or getattr(request, "decision", None) is None:
        raise ValueError(f"Request {request.reference} has not been decided: it has no decision letter.")
    return _document(request, _decision_section,
                     gettext_noop("Decision on your request for access to information"))


def _former_due_date(request: InformationRequest, extension: Period) -> date:
    """The due date before the extension, as recorded when it moved."""
    change = request.deadline_changes.filter(reason=DeadlineChange.Reason.EXTENSION).last()
    return change.old_due_date if change and change.old_due_date else extension.start


def _silence_complaint(request: InformationRequest) -> str:
    """Art. 19: without an answer by the new due date, the complaint window opens."""
    rule = LegalRule.objects.in_force(LegalRule.Period.COMPLAINT_HEAD_FILING, request.due_date)
    return _("If you have no answer by %(date)s, you may file a complaint with the head of the body within "
             "%(length)s %(unit)s after that date (art. %(article)s), that is until %(end)s.") % {
        "date": _date(request.due_date), "length": rule.length, "unit": rule.get_unit_display(),
        "article": rule.article, "end": _date(rule.due_date(request.due_date))}


def _extension_section(request: InformationRequest, language: str) -> list[Flowable]:
    """The extension notice in ``language``, which the caller has activated."""
    extension = explain_due_date(request, language)[-1]
    dated = _("Date of notification: %(date)s") % {"date": _date(request.extension_notified_on)}
    lines = [
        *_letter_header(request, language, _("Notice of extension of the period for answering your request"),
                        dated),
        (_("The period for answering your request is extended once, by a period of the same length "
           "(art. %(article)s).") % {"article": extension.rule.article}, "heading"),
        (_("Ground of the extension: %(ground)s") % {"ground": request.get_extension_ground_display()},
         "body"),
        (_("Reasons for the extension: %(reasons)s") % {"reasons": request.extension_reasons}, "body"),
        (_("Former due date: %(date)s") % {"date": _date(_former_due_date(request, extension))}, "body"),
        (_("New due date: %(date)s") % {"date": _date(request.due_date)}, "heading"),
        (f"{_('How this date is computed:')} {_explain(extension)}", "body"),
        *_complaint_lines(_silence_complaint(request)),
    ]
    return _flowables(lines, language)


def extension_notice_pdf(request: InformationRequest) -> bytes:
    """The notice of the extension of the period for answering (art. 16, or 17 for an
    urgent request), with its ground and reasons, in Arabic and French, as PDF bytes."""
    if not request.is_extended or request.received_on is None or request.due_date is None:
        raise ValueError(f"Request {request.reference} has not been extended: it has no extension notice.")
    return _document(request, _extension_section,
                     gettext_noop("Notice of extension of the period for answering your request"))


# Every letter of a request, by the name used in addresses and e-mails.
LETTERS = {
    "receipt": receipt_pdf,
    "extension": extension_notice_pdf,
    "decision": decision_letter_pdf,
}
