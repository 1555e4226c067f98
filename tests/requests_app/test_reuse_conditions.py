"""Issue 13, point 7 (first part): whoever receives released documents is told the four
conditions of art. 6 on their reuse and the penalty of art. 29, in the page's language,
on the register entry, on the requester's page and in the decision letter of a grant;
never on a refusal, where nothing was released."""

import html

import pytest
from django.utils import translation

from requests_app import services
from requests_app.pdf import decision_letter_pdf
from requests_app.reuse import CONDITIONS, HEADING, PENALTY
from tests.factories import decide_request, make_request
from tests.requests_app.test_letters import LETTER_FR, assert_on_line, sections

pytestmark = pytest.mark.django_db

# The law's own words (art. 6 and art. 29 of Law 31.13), as each language says them.
LAW_WORDS = {
    "ar": ["لأغراض مشروعة", "ألا يتم تحريف مضمونها", "الإشارة إلى مصدرها وتاريخ إصدارها",
           "المساس بأي حق من حقوق الغير", "للعقوبات المنصوص عليها في الفصل", "من القانون الجنائي"],
    "fr": ["à des fins licites", "que leur contenu ne soit pas altéré",
           "que leur source et leur date d'émission soient indiquées",
           "à un droit quelconque des tiers", "aux peines prévues à l'article 360 du Code pénal (art. 29)"],
}


def texts(language: str) -> list[str]:
    """The heading, the four conditions and the art. 29 sentence in ``language``."""
    with translation.override(language):
        return [str(HEADING), *(str(condition) for condition in CONDITIONS), str(PENALTY)]


def page(client, url: str) -> str:
    return html.unescape(client.get(url).content.decode())


def decided(outcome: str, *, consent: bool = True):
    request = make_request()
    decide_request(request, outcome)
    if consent:
        services.set_publication_consent(actor=request.requester, information_request=request, consent=True)
    request.refresh_from_db()
    return request


def test_the_catalogues_give_the_laws_words():
    assert len(CONDITIONS) == 4
    for language, words in LAW_WORDS.items():
        joined = " ".join(texts(language))
        for word in words:
            assert word in joined, (language, word)


@pytest.mark.parametrize("outcome", ["granted", "partially_granted"])
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_art6_register_entry_with_released_documents_states_the_reuse_conditions(client, outcome, language):
    request = decided(outcome)
    content = page(client, f"/{language}/register/{request.reference}/")
    for text in texts(language):
        assert text in content, text
    assert 'id="reuse-title"' in content


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_art6_refusal_on_the_register_states_no_reuse_conditions(client, language):
    request = decided("refused")
    content = page(client, f"/{language}/register/{request.reference}/")
    assert "reuse-title" not in content
    for text in texts(language):
        assert text not in content, text


def test_art6_register_entry_without_published_documents_states_no_reuse_conditions(client):
    request = decided("granted", consent=False)
    content = page(client, f"/fr/register/{request.reference}/")
    assert "reuse-title" not in content
    assert texts("fr")[-1] not in content


@pytest.mark.parametrize(("outcome", "shown"), [("granted", True), ("partially_granted", True),
                                                 ("refused", False)])
def test_art6_requesters_page_states_the_reuse_conditions_when_documents_are_released(client, outcome, shown):
    request = decided(outcome, consent=False)
    client.force_login(request.requester)
    for language in ("ar", "fr"):
        content = page(client, f"/{language}/requests/{request.reference}/")
        assert ("reuse-title" in content) is shown
        for text in texts(language):
            assert (text in content) is shown, text


@pytest.mark.parametrize("outcome", ["granted", "partially_granted"])
def test_art6_decision_letter_of_a_grant_states_the_reuse_conditions_in_both_languages(outcome):
    request = decided(outcome, consent=False)
    pdf = decision_letter_pdf(request)
    arabic, french = sections(pdf, LETTER_FR)
    for word in LAW_WORDS["ar"]:
        assert word in arabic, word
    for word in LAW_WORDS["fr"]:
        assert word in french, word
    # The articles, which the extractor may detach from the Arabic words around them.
    assert_on_line(pdf, "إعادة استعمال المعلومات", "المادتان", "6", "29")
    assert_on_line(pdf, "من القانون الجنائي", "360", "29")
    for text in texts("fr"):
        assert text in french, text


def test_art6_refusal_letter_states_no_reuse_conditions():
    request = decided("refused", consent=False)
    arabic, french = sections(decision_letter_pdf(request), LETTER_FR)
    for word in LAW_WORDS["ar"]:
        assert word not in arabic, word
    for text in texts("fr"):
        assert text not in french, text


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_art6_a_bodys_proactive_register_states_the_reuse_conditions(client, language):
    from django.urls import reverse

    from tests.factories import BodyFactory

    body = BodyFactory()
    with translation.override(language):
        url = reverse("proactive:body", kwargs={"code": body.code})
    shown = page(client, url)
    for text in texts(language):
        assert text in shown, text
