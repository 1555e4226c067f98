"""Issue 10, point 8: every text that states a period of the law takes its length and
unit from the rules table (``LegalRule``), with the number's agreement in Arabic, so a
reform row changes the pages, the letters and the mails; and no period is written as a
literal in a template, a translation or the code that writes letters and mails."""

import re
import unicodedata
from datetime import date
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from requests_app import services
from requests_app.clock.models import LegalRule
from requests_app.clock.periods import days_text, period_text
from requests_app.deadlines import complaint_window
from requests_app.pdf import decision_letter_pdf, receipt_pdf
from tests.factories import BodyFactory, decide_request, make_request, officer_of
from tests.helpers import pdftotext

ROOT = Path(settings.BASE_DIR)
WORKING, CALENDAR = LegalRule.Unit.WORKING_DAYS, LegalRule.Unit.CALENDAR_DAYS
# Arts 16, 17, 19, 20 and 21 as a text once wrote them: a number of days, or the number
# in words before it, in English, French or Arabic.
LITERAL_PERIOD = re.compile(
    r"\b(20|15|30|60|3)\s+(working\s+days?|days?|jours?(\s+ouvrables)?)\b"
    r"|\b(twenty|fifteen|thirty|sixty|three)\s+\(\d+\)"
    r"|\b(vingt|quinze|trente|soixante|trois)\s+\(\d+\)"
    r"|(?<![\d%])(20|15|30|60|3)\s+(يوم|أيام|يوما)"
    r"|(عشرين|خمسة عشر|ثلاثين|ستين|ثلاثة)\s*\(\d+\)",
    re.IGNORECASE,
)
# A unit written after a number or a placeholder: a period whose unit is not the rule's.
UNIT_AFTER_NUMBER = re.compile(
    r"(\d+|%\(\w+\)s|\{\{?\s*\w+\s*\}?\})\s+(working\s+days?|calendar\s+days?|jours?\s+ouvrables?"
    r"|jours?\s+calendaires?|يوم عمل|أيام عمل|يوما عمل|(يوما|أيام|يوم) من أيام العمل)")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count, working, calendar", [
    (1, "يوم واحد من أيام العمل", "يوم واحد"),
    (2, "يومان من أيام العمل", "يومان"),
    (3, "3 أيام من أيام العمل", "3 أيام"),
    (10, "10 أيام من أيام العمل", "10 أيام"),
    (11, "11 يوما من أيام العمل", "11 يوما"),
    (20, "20 يوما من أيام العمل", "20 يوما"),
    (25, "25 يوما من أيام العمل", "25 يوما"),
    (100, "100 يوم من أيام العمل", "100 يوم"),
])
def test_arabic_agrees_the_noun_with_the_number(count, working, calendar):
    with translation.override("ar"):
        assert days_text(count, WORKING) == working
        assert days_text(count, CALENDAR) == calendar


def test_french_and_english_say_working_or_calendar_days():
    with translation.override("fr"):
        assert days_text(1, WORKING) == "1 jour ouvrable"
        assert days_text(20, WORKING) == "20 jours ouvrables"
        assert days_text(3, CALENDAR) == "3 jours calendaires"
    with translation.override("en"):
        assert days_text(1, CALENDAR) == "1 calendar day"
        assert days_text(25, WORKING) == "25 working days"


def test_the_arabic_catalogue_has_the_six_plural_forms():
    catalogue = polib.pofile(str(ROOT / "locale/ar/LC_MESSAGES/django.po"))
    plural = catalogue.metadata["Plural-Forms"].replace(" ", "")
    assert plural.startswith("nplurals=6;plural=n==0?0:n==1?1:n==2?2:n%100>=3&&n%100<=10?3:n%100>=11")
    assert plural.endswith("?4:5;")


def test_urgent_requests_say_calendar_days():
    rule = LegalRule.objects.in_force(LegalRule.Period.ANSWER_URGENT, date(2026, 11, 12))
    assert rule.unit == CALENDAR
    with translation.override("fr"):
        assert period_text(rule) == "3 jours calendaires"
    with translation.override("ar"):
        assert period_text(rule) == "3 أيام"


@pytest.fixture
def reform(db):
    """A reform in force since 1 November 2026: 25 working days to answer and to
    complain to the head of the body."""
    for period, article in ((LegalRule.Period.ANSWER_ORDINARY, "16"),
                            (LegalRule.Period.COMPLAINT_HEAD_FILING, "19")):
        LegalRule.objects.create(period=period, length=25, unit=WORKING, article=article,
                                 effective_from=date(2026, 11, 1), note="Reform (test)")


def normalized(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def test_a_reform_row_changes_the_receipt(reform):
    request = make_request(received_on=date(2026, 11, 12))
    text = normalized(pdftotext(receipt_pdf(request)))
    assert "25 jours ouvrables après le 12/11/2026" in text
    assert "ne dépassant pas 25 jours ouvrables à compter de la date de réception" in text
    assert "plainte au président de l'organisme concerné dans un délai de 25 jours ouvrables" in text
    assert "25" in text and "يوما من أيام العمل" in text
    assert "20 jours ouvrables" not in text
    # The periods the reform left alone still come from the table.
    assert "15 jours calendaires" in text and "60 jours calendaires" in text


def test_a_reform_row_changes_the_decision_letter(reform):
    body = BodyFactory()
    request = make_request(body=body, received_on=date(2026, 11, 12))
    decide_request(request, "refused", officer=officer_of(body))
    request.refresh_from_db()
    assert complaint_window(request) is None  # art. 19 counts from receipt, not yet known
    assert "25 jours ouvrables à compter du jour où vous recevez cette réponse (art. 19)" in normalized(
        pdftotext(decision_letter_pdf(request)))
    services.record_answer_seen(actor=request.requester, information_request=request)
    request.refresh_from_db()
    assert complaint_window(request).rule.length == 25
    text = normalized(pdftotext(decision_letter_pdf(request)))
    assert "dans un délai de 25 jours ouvrables à compter de sa réception (art. 19)" in text
    assert "20 jours ouvrables" not in text


def test_a_reform_row_changes_the_request_page(reform, client):
    request = make_request(received_on=date(2026, 11, 12))
    decide_request(request, "refused")
    client.force_login(request.requester)
    page = client.get(f"/fr/requests/{request.reference}/").content.decode()
    assert "25 jours ouvrables après le 12/11/2026 (art. 16)" in page
    assert "dans un délai de 25 jours ouvrables (art. 19)" in page
    assert "20 jours ouvrables" not in page
    page = client.get(f"/ar/requests/{request.reference}/").content.decode()
    assert "25 يوما من أيام العمل بعد 12/11/2026" in page


def test_the_home_page_and_the_filing_form_read_the_rules_in_force(reform, client):
    home = client.get("/fr/").content.decode()
    assert "dans un délai de 25 jours ouvrables (art. 16), ou de 3 jours calendaires" in home


def test_the_template_tag_gives_the_rule_in_force_today(reform):
    template = Template('{% load legal_periods %}{% rule_in_force "answer_ordinary" as rule %}'
                        "{{ rule|period_text }} (art. {{ rule.article }}); {{ 2|working_days }}")
    with translation.override("ar"):
        assert template.render(Context()) == "25 يوما من أيام العمل (art. 16); يومان من أيام العمل"


def _sources():
    """Every template, and every module that writes a page, a letter or a mail."""
    yield from (ROOT / "templates").rglob("*.html")
    yield from (ROOT / "templates").rglob("*.txt")
    for app in ("accounts", "requests_app", "appeals", "proactive"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts and path.name != "catalogue.py":
                yield path


def test_no_literal_period_in_templates_or_code():
    found = [f"{path.relative_to(ROOT)}: {match.group(0)!r}"
             for path in _sources() for match in LITERAL_PERIOD.finditer(path.read_text(encoding="utf-8"))]
    assert not found


def test_no_literal_period_or_working_days_in_the_translations():
    found = []
    for language in ("ar", "fr", "en"):
        for entry in polib.pofile(str(ROOT / f"locale/{language}/LC_MESSAGES/django.po")):
            if entry.obsolete:
                continue
            texts = [entry.msgid, entry.msgid_plural, entry.msgstr, *entry.msgstr_plural.values()]
            # Only the messages of days_text() put a unit after a number.
            renders_a_period = entry.msgid in ("%(count)s working day", "%(count)s calendar day")
            for text in filter(None, texts):
                if LITERAL_PERIOD.search(text) or (not renders_a_period and UNIT_AFTER_NUMBER.search(text)):
                    found.append(f"{language}: {entry.msgid[:70]!r} -> {text[:70]!r}")
    assert not found
