"""Issue 10, points 11 and 13: the law's own words (the officer, redaction, prejudice,
art. 7 citations in the page's language, art. 5 costs, the kinds of art. 2(b), the
acknowledgement of receipt of art. 14), and letters that say who sends them."""

import re
import unicodedata
from datetime import date
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from accounts.bodies import load_public_bodies
from accounts.models import Designation, PublicBody
from requests_app import services
from requests_app.models import Exemption, InformationRequest
from requests_app.pdf import decision_letter_pdf, extension_notice_pdf, receipt_pdf
from requests_app.register.forms import RegisterFilterForm
from tests.factories import IDENTITY, BodyFactory, at, decide_request, make_request, officer_of
from tests.helpers import pdftotext

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
# Embedding and isolate controls that pdftotext may put around a run.
CONTROLS = dict.fromkeys([0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def text_of(pdf: bytes) -> str:
    return unicodedata.normalize("NFKC", pdftotext(pdf)).translate(CONTROLS)


# --- Art. 7 citations in the page's language, each exemption by its own label ---------------


def test_art_7_citations_are_written_in_the_pages_language():
    defence = Exemption.objects.get(code="national_defence")
    cabinet = Exemption.objects.get(code="cabinet_deliberations")
    relations = Exemption.objects.get(code="foreign_relations")
    with translation.override("ar"):
        assert defence.citation == "المادة 7، الفقرة 1"
        assert cabinet.citation == "المادة 7، الفقرة 3، البند (أ)"
        assert relations.citation == "المادة 7، الفقرة 2، البند 1"
    with translation.override("fr"):
        assert defence.citation == "art. 7, al. 1"
        assert cabinet.citation == "art. 7, al. 3, a)"
        assert relations.citation == "art. 7, al. 2, 1°"


def _ground_options(language: str) -> dict[str, str]:
    with translation.override(language):
        form = RegisterFilterForm()
        options = {}
        for _value, label in form.fields["ground"].choices:
            if isinstance(label, (list, tuple)):
                options.update({code: str(text) for code, text in label})
        return options


def test_the_register_filter_names_each_exemption_in_arabic():
    options = _ground_options("ar")
    exemptions = {code: options[code] for code in Exemption.objects.values_list("code", flat=True)}
    assert len(set(exemptions.values())) == len(exemptions) == 14, "each exemption its own label"
    assert exemptions["national_defence"] == "المادة 7، الفقرة 1: الدفاع الوطني"
    assert exemptions["private_life"].startswith("المادة 7، الفقرة 1: الحياة الخاصة للأفراد")
    assert exemptions["fair_competition"].startswith("المادة 7، الفقرة 3، البند (د): مبادئ المنافسة")
    assert not any(re.search(r"[A-Za-z§]", label) for label in exemptions.values()), "no Latin script"
    assert options["not_available"] == "عدم توفر المعلومات المطلوبة"


def test_the_register_page_shows_the_filter_and_the_citation_in_arabic(client):
    body = BodyFactory()
    request = make_request(body=body, received_on=date(2026, 11, 12))
    decide_request(request, "refused")
    page = client.get("/ar/register/").content.decode()
    assert "المادة 7، الفقرة 1: الدفاع الوطني</option>" in page
    assert '<optgroup label="الاستثناءات (المادة 7)">' in page
    assert "art. 7 §1" not in page and "§" not in page
    entry = client.get(f"/ar/register/{request.reference}/").content.decode()
    assert "المادة 7، الفقرة 1" in entry
    french = client.get("/fr/register/").content.decode()
    assert "art. 7, al. 1 : Défense nationale</option>" in french


# --- The officer, redaction and prejudice in the law's Arabic --------------------------------


def test_one_arabic_term_for_the_officer_and_the_laws_words_for_redaction_and_prejudice():
    with translation.override("ar"):
        assert str(Designation.Role.INFORMATION_OFFICER.label) == "الشخص المكلف"
        assert "الإخلال" in str(Exemption.Test.PREJUDICE.label)
    catalogue = polib.pofile(str(ROOT / "locale/ar/LC_MESSAGES/django.po"))
    wrong = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        text = entry.msgstr + " ".join(entry.msgstr_plural.values())
        # Art. 12-13 say الشخص المكلف; art. 8 says the part is removed (يحذف), not hidden.
        if re.search(r"مكلف(ون|ين|ا)? بالمعلومات|بتلقي الطلبات|محجوب|تحجب|اختبار المساس", text):
            wrong.append((entry.msgid, text))
        names_officer = re.search(r"\bofficer", entry.msgid, re.IGNORECASE) and "Officer:" not in entry.msgid
        if names_officer and "مكلف" not in text:
            wrong.append((entry.msgid, text))
    assert not wrong


# --- Art. 2(b): the kinds of bodies --------------------------------------------------------------


def test_the_kinds_of_bodies_follow_article_2():
    with translation.override("ar"):
        labels = dict(PublicBody.Kind.choices)
        assert str(labels["private_public_service"]) == (
            "مؤسسة أو هيئة أخرى عامة أو خاصة مكلفة بمهام المرفق العام")
        assert str(labels["court_of_auditors"]) == "المجلس الأعلى للحسابات (الباب العاشر من الدستور)"
        assert str(labels["economic_social_council"]).startswith("المجلس الاقتصادي والاجتماعي والبيئي")
    load_public_bodies()
    assert PublicBody.objects.get(code="cour-comptes").kind == PublicBody.Kind.COURT_OF_AUDITORS
    assert PublicBody.objects.get(code="cese").kind == PublicBody.Kind.ECONOMIC_SOCIAL_COUNCIL
    # Title XII keeps its own institutions (e.g. the CNDH).
    assert PublicBody.objects.get(code="cndh").kind == PublicBody.Kind.CONSTITUTIONAL_BODY


# --- Art. 14: a receipt or an acknowledgement of receipt; letters say who sends them ----------


@pytest.fixture
def body():
    return BodyFactory(name_ar="جماعة الرباط", name_fr="Commune de Rabat",
                       address="Avenue Mohammed V, Rabat")


@pytest.fixture
def officer(body):
    return officer_of(body, user__first_name="Karim", user__last_name="Tazi")


def registered(body, officer, channel: str) -> InformationRequest:
    """A request registered by ``officer`` (counter, post or e-mail)."""
    return services.create_request(actor=officer, body=body, channel=channel,
                                   received_at=at(date(2026, 11, 12)), subject="Budget de la commune 2025",
                                   information_sought="Le budget voté.", **IDENTITY)


def test_a_request_deposited_at_the_counter_gets_a_receipt(body, officer):
    text = text_of(receipt_pdf(registered(body, officer, "counter")))
    assert "وصل طلب الحصول على المعلومات" in text
    assert "Récépissé de demande d'accès à l'information" in text
    assert "إشعار بالتوصل بطلب" not in text


def test_an_emailed_request_gets_an_acknowledgement_of_receipt(body, officer):
    text = text_of(receipt_pdf(registered(body, officer, "email")))
    assert "إشعار بالتوصل بطلب الحصول على المعلومات" in text
    assert "Accusé de réception d'une demande d'accès à l'information" in text
    assert "Récépissé" not in text


def test_the_receipt_names_the_body_its_address_and_the_officer_who_registered_it(body, officer):
    text = text_of(receipt_pdf(registered(body, officer, "post")))
    assert "الجهة المرسلة: جماعة الرباط" in text or ("الجهة المرسلة" in text and "جماعة الرباط" in text)
    assert "Expéditeur : Commune de Rabat" in text
    assert text.count("Avenue Mohammed V, Rabat") == 2, "the address in both sections"
    assert text.count("Karim Tazi") == 2
    assert "Pour l'organisme : Karim Tazi, Personne chargée de l'information" in text
    assert "الشخص المكلف" in text


def test_a_portal_receipt_names_the_body_and_no_officer_before_one_acts(body):
    text = text_of(receipt_pdf(make_request(body=body, received_on=date(2026, 11, 12))))
    assert "Expéditeur : Commune de Rabat" in text and "Adresse : Avenue Mohammed V, Rabat" in text
    assert "Pour l'organisme" not in text


def test_the_decision_letter_says_who_decided(body, officer):
    request = make_request(body=body, received_on=date(2026, 11, 12))
    services.assign(actor=officer, information_request=request, officer=officer)
    colleague = officer_of(body, user__first_name="Nadia", user__last_name="Idrissi")
    decide_request(request, "granted", officer=colleague)
    request.refresh_from_db()
    text = text_of(decision_letter_pdf(request))
    assert "Expéditeur : Commune de Rabat" in text and text.count("Avenue Mohammed V, Rabat") == 2
    # The officer who decided, not the one the request was assigned to.
    assert "Pour l'organisme : Nadia Idrissi, Personne chargée de l'information" in text
    assert "الشخص المكلف" in text and text.count("Nadia Idrissi") == 2
    assert "Karim Tazi" not in text


def test_the_extension_notice_says_who_extended(body, officer):
    request = make_request(body=body)
    services.extend_deadline(actor=officer, information_request=request, ground="large_volume",
                             reasons="Plus de 400 pièces à réunir")
    request.refresh_from_db()
    text = text_of(extension_notice_pdf(request))
    assert "Pour l'organisme : Karim Tazi, Personne chargée de l'information" in text
    assert text.count("Karim Tazi") == 2 and "الشخص المكلف" in text


# --- Art. 5: costs where needed, paid services under regulation ----------------------------------


def test_the_decision_form_says_what_may_be_charged(client, body, officer):
    from requests_app.workspace.forms import DecisionForm

    with translation.override("ar"):
        form = DecisionForm
        copying = form.base_fields["copying_cost"]
        assert str(copying.label) == "تكلفة نسخ أو معالجة المعلومات، بالدرهم (المادة 5)"
        assert "الخدمات المؤدى عنها طبقا للنصوص التنظيمية" in str(copying.help_text)
        assert str(form.base_fields["sending_cost"].label) == "تكلفة إرسال المعلومات، بالدرهم (المادة 5)"
