"""The decision letter (arts 5, 7, 8, 15, 18 to 21) and the extension notice (arts 16,
17, 19), bilingual PDFs read back with ``pdftotext -layout`` (see test_receipt_pdf for
how the Arabic comes back). Each document is split at its French title, so that every
fact is checked in the Arabic section and in the French one.

In an Arabic line that mixes directions the extractor gives the runs in their drawn
order, not as typed: Arabic phrases are matched whole, and the numbers beside them (an
article, an item, a date) are looked for on the same line of the page. For the same
reason a full stop that ends a Latin sentence inside Arabic is not matched."""

import shutil
import subprocess
import unicodedata
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from django.utils import timezone

from requests_app import services
from requests_app.deadlines import complaint_window
from requests_app.letters import isolate, visual_runs
from requests_app.models import Exemption, RefusalGround
from requests_app.pdf import decision_letter_pdf, extension_notice_pdf
from tests.artifacts import artifact_path
from tests.factories import BodyFactory, decide_request, make_request, officer_of
from tests.helpers import drawn_words, pdftotext

pytestmark = pytest.mark.django_db

BODY_AR = "جماعة الرباط للتجهيز والنقل"
BODY_FR = "Commune de Rabat, équipement et transport"
# decide_request's art. 7 citation (private life, art. 7 §1).
JUSTIFICATION = "The file holds the medical records of named third parties"
PRIVATE_LIFE_AR = "الحياة الخاصة للأفراد أو المعطيات ذات الطابع الشخصي"
LETTER_FR = "Décision relative à votre demande d'accès à l'information"
NOTICE_FR = "Avis de prorogation du délai de réponse à votre demande"
# Embedding and isolate controls that pdftotext may put around a run.
CONTROLS = dict.fromkeys([0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def sections(pdf: bytes, french_title: str) -> tuple[str, str]:
    """The Arabic and the French section of a document, each on one line."""
    text = pdftotext(pdf).translate(CONTROLS)
    assert text.count(french_title) == 1
    arabic, french = text.split(french_title)
    return arabic, french_title + french


def line_with(pdf: bytes, phrase: str) -> str:
    """The first line of the document that has ``phrase``."""
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    text = unicodedata.normalize("NFKC", result.stdout.decode()).translate(CONTROLS)
    lines = [line for line in text.splitlines() if phrase in line]
    assert lines, f"{phrase!r} is not in the document"
    return lines[0]


def assert_on_line(pdf: bytes, phrase: str, *values: str) -> None:
    line = line_with(pdf, phrase)
    for value in values:
        assert value in line, f"{value!r} is not on the line of {phrase!r}: {line!r}"


def assert_in_both(arabic: str, french: str, *expected: str) -> None:
    for value in expected:
        assert value in arabic, f"{value!r} missing from the Arabic section"
        assert value in french, f"{value!r} missing from the French section"


def assert_in(section: str, *expected: str) -> None:
    for value in expected:
        assert value in section, f"{value!r} missing"


def decided(body, officer, outcome: str, **kwargs):
    """A request received today and decided now, read back from the database."""
    request = make_request(body=body)
    decide_request(request, outcome, officer=officer, **kwargs)
    request.refresh_from_db()
    return request


@pytest.fixture
def body():
    return BodyFactory(name_ar=BODY_AR, name_fr=BODY_FR)


@pytest.fixture
def officer(body):
    return officer_of(body)


def test_refusal_letter_gives_grounds_justification_and_the_right_to_complain(body, officer):
    request = decided(body, officer, "refused")
    services.record_answer_seen(actor=request.requester, information_request=request)
    end = f"{complaint_window(request).end:%d/%m/%Y}"
    pdf = decision_letter_pdf(request)
    arabic, french = sections(pdf, LETTER_FR)
    assert_in_both(arabic, french, request.reference, JUSTIFICATION, end, f"{timezone.localdate():%d/%m/%Y}")
    # The body, the refusal, its art. 18 ground and art. 7 exception, then the
    # complaint (شكاية) to the head of the body, the Commission and the court.
    assert_in(arabic, BODY_AR, "طالب المعلومات", "تقرر رفض طلبكم", "الاستثناءات المنصوص عليها في المادة",
              PRIVATE_LIFE_AR, "التعليل", "شكاية بشأن هذا القرار إلى رئيس المؤسسة أو الهيئة المعنية",
              "يوما من أيام العمل", "من تاريخ التوصل به", "أي إلى غاية", "لجنة الحق في الحصول على المعلومات",
              "المحكمة الإدارية المختصة")
    assert_on_line(pdf, "الاستثناءات المنصوص عليها في المادة", "7", "18", "البند", "2")
    assert_on_line(pdf, PRIVATE_LIFE_AR, "المادة", "7", "الفقرة", "1")
    assert_on_line(pdf, "شكاية بشأن هذا القرار", "20")
    assert_in(french, BODY_FR, "Demandeur : Youssef Bennani", "Votre demande est refusée (art. 18).",
              "Exceptions prévues à l'article 7 (art. 18, 2°)",
              "art. 7, al. 1 : Vie privée des personnes ou données à caractère personnel.",
              f"Justification : {JUSTIFICATION}.", "plainte auprès du président de l'organisme",
              f"20 jours ouvrables à compter de sa réception (art. 19), soit jusqu'au {end}.",
              "Commission du droit d'accès à l'information", "(art. 20)", "tribunal administratif",
              "(art. 21)")
    assert "délai légal" not in french.split("Votre droit")[0], "answered in time: not late"


def test_partial_grant_lists_the_withheld_part_and_the_released_document(body, officer):
    citation = services.Citation(exemption=Exemption.objects.get(code="private_life"),
                                 public_justification=f"{JUSTIFICATION}.", withheld_part="Annexe 2")
    request = decided(body, officer, "partially_granted", citations=[citation])
    pdf = decision_letter_pdf(request)
    arabic, french = sections(pdf, LETTER_FR)
    # On the Arabic page (right to left) the extractor mirrors the title's brackets.
    assert_in_both(arabic, french, "Budget 2025", "redacted", "Annexe 2")
    assert "Budget 2025 (redacted)" in french
    # The justification wraps inside an Arabic line: its words come back on two lines.
    assert_in(arabic, *JUSTIFICATION.split())
    # Art. 8: only the redacted version is released, never the original.
    assert "Budget 2025 (original)" not in arabic + french
    assert_in(arabic, "تمت الاستجابة لطلبكم جزئيا", "ويسلم إليكم الباقي", "الجزء المحذوف", PRIVATE_LIFE_AR,
              "نسخة محذوف منها الجزء المستثنى")
    assert_on_line(pdf, "الجزء المحذوف", "Annexe 2", "الفقرة", "7")
    assert_in(french, "le reste vous est communiqué (art. 8 et 18)",
              "Parties occultées et exceptions invoquées (art. 7 et 8)",
              "art. 7, al. 1 : Vie privée des personnes ou données à caractère personnel. "
              "Partie occultée : Annexe 2.",
              f"Justification : {JUSTIFICATION}.", "Documents communiqués",
              "Budget 2025 (redacted) — version occultée (art. 8)",
              "L'accès à l'information est gratuit : aucun frais de reproduction, de traitement ou "
              "d'envoi n'est demandé (art. 5).")


def test_grant_letter_gives_the_delivery_method_and_the_costs(body, officer):
    request = decided(body, officer, "granted", copying_cost=Decimal("12.50"), sending_cost=Decimal("30"))
    pdf = decision_letter_pdf(request)
    arabic, french = sections(pdf, LETTER_FR)
    assert_in_both(arabic, french, "Budget 2025", "12,50", "30,00", "42,50")
    assert_in(arabic, "تمت الاستجابة لطلبكم", "طريقة الحصول على المعلومات", "عبر البريد الإلكتروني",
              "باستثناء الخدمات المؤدى عنها طبقا للنصوص التنظيمية الجاري بها العمل",
              "التكاليف التي يستلزمها", "المعلومات المطلوبة وتكلفة إرسالها", "درهم")
    assert_on_line(pdf, "طريقة الحصول على المعلومات", "15", "عبر البريد الإلكتروني")
    assert_in(french, "Mode de communication de l'information (art. 15) : Par courrier électronique.",
              "reproduction ou traitement 12,50 MAD, envoi 30,00 MAD, soit 42,50 MAD au total.")
    assert "à l'exception des prestations payantes prévues par les textes réglementaires" in french
    assert "aucun frais" not in french


def test_already_published_refusal_gives_the_reference_and_where_to_obtain_it(body, officer):
    request = decided(body, officer, "refused", citations=[],
                      refusal_grounds=[services.Ground(RefusalGround.objects.get(code="already_published"),
                                                       "Le budget voté est publié.")],
                      publication_reference="Bulletin officiel des collectivités n° 112",
                      publication_location="https://www.rabat.ma/budget")
    pdf = decision_letter_pdf(request)
    arabic, french = sections(pdf, LETTER_FR)
    assert_in_both(arabic, french, "Bulletin officiel des collectivités n° 112", "https://www.rabat.ma/budget")
    assert_in(arabic, "المعلومات منشورة ومتاحة للعموم", "سبق نشر المعلومات المطلوبة تحت المرجع",
              "ويمكن الحصول عليها من")
    assert_on_line(pdf, "المعلومات منشورة ومتاحة للعموم", "18", "البند", "3")
    assert_in(french, "Information déjà publiée et accessible au public (art. 18, 3°)",
              "déjà été publiée sous la référence Bulletin officiel des collectivités n° 112 ; elle peut "
              "être obtenue à l'adresse suivante : https://www.rabat.ma/budget (art. 18).")
    assert "Exceptions invoquées" not in french, "no art. 7 exception was relied on"


def test_repeated_request_refusal_names_the_earlier_request(body, officer):
    earlier = make_request(body=body, received_on=date(2026, 9, 1))
    decide_request(earlier, "granted", officer=officer)
    request = decided(body, officer, "refused", citations=[], earlier_request=earlier,
                      refusal_grounds=[services.Ground(RefusalGround.objects.get(code="repeated_request"),
                                                       "Le même budget vous a été remis.")])
    pdf = decision_letter_pdf(request)
    arabic, french = sections(pdf, LETTER_FR)
    assert_in_both(arabic, french, earlier.reference)
    assert_in(arabic, "سبق أن قدمت إليكم المعلومات نفسها خلال هذه السنة")
    assert_in(french, "(art. 18, 4°)", f"en réponse à votre demande {earlier.reference} (art. 18).")


def test_late_decision_says_it_came_after_the_deadline(body, officer):
    request = make_request(body=body, received_on=date(2026, 9, 1))
    decide_request(request, "granted", officer=officer, explanation="Réponse retardée par l'inventaire")
    request.refresh_from_db()
    assert request.decision.late
    due = f"{request.due_date:%d/%m/%Y}"
    pdf = decision_letter_pdf(request)
    arabic, french = sections(pdf, LETTER_FR)
    assert_in_both(arabic, french, due, "Réponse retardée par l'inventaire")
    assert_in(arabic, "صدر هذا القرار بعد انصرام الأجل القانوني المخصص للرد", "التعليل والتوضيحات")
    assert_on_line(pdf, "صدر هذا القرار بعد انصرام الأجل", due)
    assert_in(french, "Cette décision a été rendue après l'expiration du délai légal de réponse, qui a "
                      f"pris fin le {due}.", "Motifs et explications : Réponse retardée par l'inventaire")


def test_extension_notice_gives_the_former_and_new_due_dates_and_the_reasons(body, officer):
    request = make_request(body=body)
    former = f"{request.due_date:%d/%m/%Y}"
    reasons = "أكثر من أربعمائة وثيقة يجب جمعها. Plus de 400 pièces à réunir"
    services.extend_deadline(actor=officer, information_request=request, ground="large_volume",
                             reasons=reasons)
    request.refresh_from_db()
    new = f"{request.due_date:%d/%m/%Y}"
    assert new != former
    pdf = extension_notice_pdf(request)
    arabic, french = sections(pdf, NOTICE_FR)
    assert_in_both(arabic, french, former, new, f"{timezone.localdate():%d/%m/%Y}", request.reference,
                   "أكثر من أربعمائة وثيقة يجب جمعها", "Plus de 400 pièces à réunir")
    assert_in(arabic, BODY_AR, "إشعار بتمديد أجل الرد على طلبكم",
              "تم تمديد أجل الرد على طلبكم مرة واحدة لمدة مماثلة",
              "سبب التمديد", "تعلق الطلب بعدد كبير من المعلومات", "مبررات التمديد",
              "إذا لم تتوصلوا بأي رد في أجل أقصاه", "شكاية إلى رئيس المؤسسة أو الهيئة المعنية")
    assert_on_line(pdf, "لمدة مماثلة", "16")
    assert_on_line(pdf, "الأجل السابق للرد", former)
    assert_on_line(pdf, "الأجل الجديد للرد", new)
    assert_on_line(pdf, "إذا لم تتوصلوا بأي رد", new)
    assert_in(french, BODY_FR, "prorogé une seule fois, d'une durée identique (art. 16).",
              "Motif de la prorogation : La demande porte sur un volume important d'informations",
              f"Ancienne date limite de réponse : {former}", f"Nouvelle date limite de réponse : {new}",
              f"20 jours ouvrables après le {former}, soit le {new} (art. 16).",
              f"Si vous n'avez reçu aucune réponse le {new}, vous pouvez déposer une plainte auprès du "
              "président de l'organisme", "(art. 19)", "Commission du droit d'accès à l'information")


def test_extension_of_an_urgent_request_cites_article_17(body, officer):
    request = make_request(body=body, is_urgent=True, urgency_reason="life",
                           urgency_explanation="A patient needs the results of the water analysis.")
    services.extend_deadline(actor=officer, information_request=request, ground="third_party",
                             reasons="Le laboratoire doit être consulté.")
    request.refresh_from_db()
    pdf = extension_notice_pdf(request)
    arabic, french = sections(pdf, NOTICE_FR)
    assert_on_line(pdf, "لمدة مماثلة", "17")
    assert_in(french, "d'une durée identique (art. 17).", "Le laboratoire doit être consulté.")


def test_undecided_request_has_no_decision_letter(body):
    with pytest.raises(ValueError):
        decision_letter_pdf(make_request(body=body))


def test_request_not_extended_has_no_extension_notice(body):
    with pytest.raises(ValueError):
        extension_notice_pdf(make_request(body=body))


def test_refusal_letter_first_page_renders_to_png(body, officer):
    assert shutil.which("pdftoppm"), "poppler-utils is needed"
    request = decided(body, officer, "refused",
                      explanation="الملف يتضمن معطيات طبية تخص أشخاصا آخرين (المادة 7).")
    pdf = artifact_path("decision-letter.pdf")
    pdf.write_bytes(decision_letter_pdf(request))
    assert len(pypdf.PdfReader(pdf).pages) >= 1
    stem = artifact_path("decision-letter-page1")
    png = stem.with_name(f"{stem.name}-1.png")  # pdftoppm numbers the pages it writes
    png.unlink(missing_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(stem)], check=True)
    assert png.stat().st_size > 10_000


@pytest.mark.parametrize("text, rtl, runs", [
    # UAX #9 rule N0: brackets around text of the other direction stay with it, so a
    # document title or a user's justification keeps both its brackets.
    ("• Budget 2025 (redacted) — نسخة محجوبة", True,
     [(" — نسخة محجوبة", True), ("Budget 2025 (redacted)", False), ("• ", True)]),
    ("Motifs : الملف طبي (المادة 7).", False,
     [("Motifs : ", False), (")", True), ("7", False), ("الملف طبي (المادة ", True), (".", False)]),
    ("Note (جماعة) fin", False, [("Note (", False), ("جماعة", True), (") fin", False)]),
])
def test_brackets_keep_their_pair(text, rtl, runs):
    assert visual_runs(text, rtl) == runs


@pytest.mark.parametrize("text, runs", [
    # Left to itself, UAX #9 sends the full stop of a French sentence that ends an Arabic
    # line to the far left, before the sentence...
    ("التعليل: Le budget voté.", [(".", True), ("Le budget voté", False), ("التعليل: ", True)]),
    # ...isolated, as the letters isolate whatever a person typed, it stays at its end.
    ("التعليل: " + isolate("Le budget voté."), [("Le budget voté.", False), ("التعليل: ", True)]),
    ("السبب: " + isolate("(voir annexe 2)") + " انتهى",
     [(" انتهى", True), ("(voir annexe 2)", False), ("السبب: ", True)]),
])
def test_a_french_sentence_inside_arabic_keeps_its_full_stop_at_its_end(text, runs):
    assert visual_runs(text, rtl=True) == runs


def test_the_arabic_letter_draws_a_french_explanation_in_its_own_order(body, officer):
    request = decided(body, officer, "granted", explanation="Le budget voté est joint.")
    words = drawn_words(decision_letter_pdf(request))
    arabic_line = min(top for top, _left, word in words if word == "joint.")  # Arabic comes first
    drawn = [word for top, _left, word in sorted(words, key=lambda item: item[1]) if top == arabic_line]
    # Left to right on the page: the French sentence, full stop last, then the Arabic label.
    assert drawn[:5] == ["Le", "budget", "voté", "est", "joint."]
    assert drawn[-1] == "التعليل"
