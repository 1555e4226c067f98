"""The bilingual receipt of a request (art. 14), read back from the PDF.

How the two extractors give Arabic back: each right-to-left run is drawn as one
string of shaped glyphs in visual order, and both Poppler (``pdftotext``) and pypdf
recognise such a run and return it in logical order, words and letters alike, as
presentation forms that NFKC turns back into ordinary Arabic letters. They differ on
lines that mix directions: ``pdftotext -layout`` keeps the line whole and marks its
runs with Unicode embedding controls (U+202A-U+202C), which are removed here before
matching; pypdf puts each run on a line of its own. Neither gives back the mirrored
brackets of Arabic text as typed (a glyph maps to one character), so brackets inside
Arabic are not matched. Where a word is drawn, and so the right-to-left order on the
page, is read from ``pdftotext -bbox``."""

import io
import shutil
import subprocess
import unicodedata
from datetime import date

import pypdf
import pytest

from requests_app.letters import visual_runs
from requests_app.pdf import receipt_pdf
from tests.artifacts import artifact_path
from tests.factories import BodyFactory, make_request
from tests.helpers import drawn_words, pdftotext

pytestmark = pytest.mark.django_db

BODY_AR = "جماعة الرباط للتجهيز والنقل"
BODY_FR = "Commune de Rabat, équipement et transport"


def pypdf_text(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in pages))




@pytest.fixture
def received():
    body = BodyFactory(name_ar=BODY_AR, name_fr=BODY_FR)
    # Received on Thursday 12 November 2026: the 20 working days skip four weekends
    # and Independence Day (Wednesday 18 November), so the answer is due on 11 December.
    return make_request(body=body, received_on=date(2026, 11, 12))


@pytest.mark.parametrize("extract", [pdftotext, pypdf_text])
def test_receipt_names_the_body_in_both_languages_with_dates_and_articles(received, extract):
    assert received.due_date == date(2026, 12, 11)
    text = extract(receipt_pdf(received))
    for word in BODY_AR.split():
        assert word in text
    assert BODY_AR in text, "the Arabic words come back in their order"
    for expected in ("11/12/2026", "12/11/2026", received.reference, BODY_FR, "art. 16", "art. 19", "المادة",
                     # Filed online: an acknowledgement of receipt (art. 14).
                     "إشعار بالتوصل بطلب الحصول على المعلومات",
                     "Accusé de réception d'une demande d'accès à l'information",
                     "لجنة الحق في الحصول على المعلومات", "Commission du droit d'accès à l'information"):
        assert expected in text


def left_edges(words, phrase: str) -> list[float]:
    """The left edge of each word of ``phrase``, in the phrase's order, on the first
    line of the page that has them all."""
    lines: dict[int, dict[str, float]] = {}
    for top, left, text in words:
        lines.setdefault(round(top), {})[text] = left
    for line in lines.values():
        if all(word in line for word in phrase.split()):
            return [line[word] for word in phrase.split()]
    raise AssertionError(f"{phrase!r} is not on one line")


def test_arabic_is_drawn_right_to_left_and_french_left_to_right(received):
    pdf = receipt_pdf(received)
    arabic = left_edges(drawn_words(pdf, page=1), BODY_AR)
    assert arabic == sorted(arabic, reverse=True), "the first Arabic word is the rightmost"
    french = left_edges(drawn_words(pdf, page=2), BODY_FR)
    assert french == sorted(french)
    # The reference stays in one left-to-right piece in the Arabic line too.
    assert sum(1 for _top, _left, text in drawn_words(pdf, page=1) if received.reference in text) == 1


def test_explanation_names_the_holiday_skipped(received):
    text = pdftotext(receipt_pdf(received))
    assert "8 samedis et dimanches, Fête de l'indépendance (18/11/2026)" in text
    assert "20 jours ouvrables après le 12/11/2026, soit le 11/12/2026 (art. 16)" in text
    assert "عيد الاستقلال" in text and "(18/11/2026)" in text
    assert "السبت والأحد" in text


def test_each_language_is_a_page_and_the_first_renders_to_png(received):
    assert shutil.which("pdftoppm"), "poppler-utils is needed"
    pdf = artifact_path("receipt.pdf")
    pdf.write_bytes(receipt_pdf(received))
    pages = [unicodedata.normalize("NFKC", page.extract_text()) for page in pypdf.PdfReader(pdf).pages]
    assert len(pages) == 2, "the receipt fits on a page in each language"
    assert "بالتوصل" in pages[0] and "Accusé de réception" not in pages[0]
    assert "Accusé de réception" in pages[1] and "بالتوصل" not in pages[1]
    stem = artifact_path("receipt-page1")
    png = stem.with_name(f"{stem.name}-1.png")  # pdftoppm numbers the pages it writes
    png.unlink(missing_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(stem)], check=True)
    assert png.stat().st_size > 10_000


def test_urgent_request_shows_the_art17_period():
    request = make_request(received_on=date(2026, 11, 12), is_urgent=True, urgency_reason="life",
                           urgency_explanation="A patient needs the results of the water analysis.")
    # 3 days after Thursday 12 November is Sunday 15: the period ends on Monday 16.
    assert request.due_date == date(2026, 11, 16)
    text = pdftotext(receipt_pdf(request))
    assert "Type de demande : urgente (art. 17). Motif : Protéger la vie d'une personne." in text
    # Art. 17 counts calendar days, and says so.
    assert "3 jours calendaires après le 12/11/2026, soit le 16/11/2026 (art. 17)." in text
    assert "dimanche (15/11/2026) ; il prend fin le jour ouvrable suivant" in text
    assert "مستعجل" in text and "حماية حياة شخص" in text and "16/11/2026" in text


def test_receipt_needs_a_received_request():
    request = make_request()
    request.received_at = None
    with pytest.raises(ValueError):
        receipt_pdf(request)


@pytest.mark.parametrize("text, rtl, runs", [
    # Dates and numbers inside Arabic stay left to right; the runs come left to right
    # as drawn, each in logical order, and the odd ones are reversed when shaped.
    ("بعد 12/11/2026 (المادة 16).", True,
     [(").", True), ("16", False), (" (المادة ", True), ("12/11/2026", False), ("بعد ", True)]),
    ("الموضوع: Budget de la commune 2025", True, [("Budget de la commune 2025", False), ("الموضوع: ", True)]),
    ("Demandeur : يوسف بناني", False, [("Demandeur : ", False), ("يوسف بناني", True)]),
    ("المرجع: 2026-000001", True, [("000001", False), ("-", True), ("2026", False), ("المرجع: ", True)]),
    ("المرجع: \u200e2026-000001\u200e", True, [("2026-000001", False), ("المرجع: ", True)]),
])
def test_bidi_runs_in_visual_order(text, rtl, runs):
    assert visual_runs(text, rtl) == runs
