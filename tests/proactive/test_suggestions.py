"""Issue 13, point 4: find before asking. While a citizen writes a request, the current
entries of the art. 10 registers, the public datasets of the open-data portal and the
answered requests of the public register are suggested, best first, in Arabic and in
French (PostgreSQL: text search on normalised words without their Arabic prefixes, and
trigram similarity of the titles; SQLite: a plain match); the filing page checks without
JavaScript, and its script asks a JSON address that gives public fields only."""

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection

from proactive.models import Art10Category, PortalDataset
from proactive.register import services as register_services
from requests_app import suggestions as suggestions_module
from requests_app.models import InformationRequest
from requests_app.suggestions import search_words, suggest
from tests.factories import BodyFactory, UserFactory, decide_request, make_request, officer_of

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="PostgreSQL's text search and pg_trgm")

BUDGET_AR = "الميزانية السنوية لجماعة الرباط"
MARKETS_FR = "Marchés publics attribués par la commune"


@pytest.fixture
def rabat():
    return BodyFactory(code="commune-rabat", name_ar="جماعة الرباط", name_fr="Commune de Rabat",
                       name_en="Rabat commune")


@pytest.fixture
def officer(rabat):
    return officer_of(rabat)


def add_entry(officer, body, title, language="ar", number=16, **data):
    values = {"category": Art10Category.objects.get(number=number), "title": title, "language": language,
              "url": f"https://www.rabat.ma/{abs(hash(title)) % 10**8}", "published_on": date(2026, 1, 15)}
    values.update(data)
    return register_services.add_entry(actor=officer, body=body, **values)


@pytest.fixture
def entries(officer, rabat):
    return {
        "budget": add_entry(officer, rabat, BUDGET_AR, number=6, url="https://www.rabat.ma/budget-2026",
                            title_translation="Budget annuel de la commune de Rabat",
                            description="الميزانية المصادق عليها من طرف المجلس الجماعي حسب الأبواب."),
        "markets": add_entry(officer, rabat, MARKETS_FR, language="fr", number=13,
                             url="https://www.rabat.ma/marches",
                             description="La liste des marchés attribués, leurs titulaires et montants."),
        "recruitment": add_entry(officer, rabat, "مباريات التوظيف ونتائجها", number=14,
                                 url="https://www.rabat.ma/concours"),
        "organisation": add_entry(officer, rabat, "Organigramme et contacts des services", language="fr",
                                  number=7, url="https://www.rabat.ma/organisation"),
    }


def titles(found):
    return [item.title for item in found]


# -- Arabic and French, on every database ----------------------------------------------------


@pytest.mark.parametrize("typed", [
    "ميزانية",                       # the bare word finds the title's "الميزانية"
    "الميزانية",                     # with the article
    "بالميزانية",                    # with a preposition attached to the article
    "للميزانية السنوية",             # ل with the article (لل)
    "والميزانية",                    # with the conjunction
    "أطلب نسخة من الميزانيّة",       # a hamza, a shadda, words that say nothing of the subject
])
def test_a_request_typed_in_arabic_finds_the_register_entry_titled_in_arabic(entries, typed):
    found = suggest(typed, None, language="ar")
    assert found, typed
    assert found[0].url == "https://www.rabat.ma/budget-2026"
    assert found[0].kind == "entry" and found[0].title == BUDGET_AR
    assert "https://www.rabat.ma/concours" not in [item.url for item in found]


def test_the_arabic_words_of_a_title_with_prefixes_are_found_from_the_bare_word(officer, rabat, entries):
    """The title holds "لجماعة" (ل attached), the citizen types "جماعة" in the body."""
    found = suggest("طلب", "معلومات عن جماعة الرباط", language="ar")
    assert found and found[0].url == "https://www.rabat.ma/budget-2026"


def test_a_request_typed_in_french_finds_the_french_entry(entries):
    with_article = suggest("La liste des marchés publics", "Je souhaite les marchés attribués en 2025.",
                           language="fr")
    assert with_article[0].url == "https://www.rabat.ma/marches"
    assert with_article[0].title == MARKETS_FR
    assert "https://www.rabat.ma/budget-2026" not in [item.url for item in with_article[:1]]


def test_the_title_shown_is_in_the_page_language_where_the_entry_has_it(entries):
    (first, *_rest) = suggest("budget annuel", None, language="fr")
    assert first.title == "Budget annuel de la commune de Rabat"
    assert first.body == "Commune de Rabat" and first.label == "Publié par l'organisme (art. 10)"
    (first, *_rest) = suggest("budget annuel", None, language="ar")
    assert first.title == BUDGET_AR and first.body == "جماعة الرباط"


def test_nothing_is_suggested_for_words_that_say_nothing(entries):
    assert suggest("", None) == []
    assert suggest("je demande la copie de", "", language="fr") == []
    assert search_words("Le la de ال ب") == []


def test_a_retired_entry_is_not_suggested(entries, officer):
    register_services.retire_entry(actor=officer, entry=entries["budget"])
    assert "https://www.rabat.ma/budget-2026" not in [item.url for item in suggest("الميزانية", None)]


def test_public_datasets_are_suggested_not_pending_ones(rabat, officer):
    PortalDataset.objects.create(body=rabat, title="Qualité de l'eau potable", language="fr",
                                 url="https://data.gov.ma/dataset/eau-potable", created_by=officer,
                                 state=PortalDataset.State.PUBLISHED,
                                 description="Analyses mensuelles de l'eau potable.")
    PortalDataset.objects.create(body=rabat, title="Eau potable: consommation", language="fr",
                                 created_by=officer, state=PortalDataset.State.PENDING)
    found = suggest("Eau potable", "Les analyses de la qualité", language="fr")
    assert [(item.kind, item.url) for item in found] == [("dataset", "https://data.gov.ma/dataset/eau-potable")]
    assert found[0].label == "Jeu de données sur le portail des données ouvertes"
    assert found[0].snippet == "Analyses mensuelles de l'eau potable."


def test_answered_requests_on_the_register_are_suggested_by_their_public_subject_only(rabat):
    answered = make_request(body=rabat, subject="Budget de la fourrière municipale",
                            first_name="Zqxprenom", family_name="Zqxnom")
    decide_request(answered, "granted")
    make_request(body=rabat, subject="Budget de la fourrière, encore ouvert")  # not on the register
    found = suggest("fourrière municipale", None, language="en")
    assert [(item.kind, item.url) for item in found] == [("request", f"/en/register/{answered.reference}/")]
    assert found[0].title == "Budget de la fourrière municipale"
    assert answered.reference in found[0].snippet and "Granted" in found[0].snippet


def test_a_masked_name_in_a_subject_finds_nothing(rabat):
    request = make_request(body=rabat, subject="Dossier de Zqxmasque Alaoui à la fourrière")
    decide_request(request, "refused", masked_in_subject=["Zqxmasque Alaoui"])
    assert suggest("Zqxmasque", None) == []
    assert [item.title for item in suggest("fourrière dossier", None)] == ["Dossier de […] à la fourrière"]


def test_the_body_written_to_comes_first_at_equal_relevance(officer, rabat):
    other = BodyFactory(code="commune-sale", name_fr="Commune de Salé")
    add_entry(officer_of(other), other, "Plan communal d'action", language="fr",
              url="https://www.sale.ma/plan")
    add_entry(officer, rabat, "Plan communal d'action", language="fr", url="https://www.rabat.ma/plan")
    assert suggest("plan communal d'action", None, body=rabat)[0].url == "https://www.rabat.ma/plan"
    assert suggest("plan communal d'action", None, body=other)[0].url == "https://www.sale.ma/plan"


def test_the_number_of_queries_does_not_grow_with_the_records(officer, rabat, django_assert_max_num_queries):
    for n in range(15):
        add_entry(officer, rabat, f"Rapport annuel {n}", language="fr", url=f"https://www.rabat.ma/rapport-{n}")
        request = make_request(body=rabat, subject=f"Rapport annuel {n}")
        decide_request(request, "granted")
    with django_assert_max_num_queries(7):
        found = suggest("rapport annuel", None, limit=8)
    assert len(found) == 8


# -- PostgreSQL: accents, spellings and trigrams ---------------------------------------------------


@on_postgresql
def test_postgresql_finds_french_words_typed_without_their_accents(entries):
    found = suggest("marches publics attribues", None, language="fr")
    assert found[0].url == "https://www.rabat.ma/marches"


@on_postgresql
def test_postgresql_finds_a_title_typed_with_a_spelling_mistake_by_its_trigrams(entries):
    found = suggest("Organigrame et contact des servises", None, language="fr")
    assert found and found[0].url == "https://www.rabat.ma/organisation"


@on_postgresql
def test_postgresql_reads_the_alef_ya_and_ta_marbuta_in_one_spelling(officer, rabat):
    add_entry(officer, rabat, "إحصائيات السكان حسب المقاطعة", url="https://www.rabat.ma/ihsa2iyat")
    for typed in ("احصائيات المقاطعه", "بالإحصائيـــات", "اِحصائيات"):
        found = suggest(typed, None, language="ar")
        assert found and found[0].url == "https://www.rabat.ma/ihsa2iyat", typed


@on_postgresql
def test_postgresql_ranks_the_entry_sharing_more_words_first(officer, rabat, entries):
    add_entry(officer, rabat, "الميزانية", url="https://www.rabat.ma/budget-court")
    found = suggest("الميزانية السنوية", None, language="ar")
    assert [item.url for item in found[:2]] == ["https://www.rabat.ma/budget-2026",
                                                 "https://www.rabat.ma/budget-court"]
    assert found[0].score > found[1].score


# -- the filing page without JavaScript --------------------------------------------------------


def form_data(client, body, **fields):
    page = client.get(f"/en/requests/new/{body.code}/").content.decode()
    data = {"first_name": "Youssef", "family_name": "Bennani", "address": "12 rue Oued Sebou, Rabat",
            "id_type": "cin", "id_number": "AB123456", "email": "youssef@example.ma",
            "delivery_preference": "email",
            "submission_key": re.search(r'name="submission_key" value="([^"]+)"', page).group(1),
            "draft_owner": re.search(r'name="draft_owner" value="([^"]+)"', page).group(1)}
    data.update(fields)
    return data


def test_checking_before_filing_shows_what_is_published_and_files_nothing(client, rabat, entries):
    citizen = UserFactory()
    client.force_login(citizen)
    data = form_data(client, rabat, subject="الميزانية السنوية", information_sought="نسخة من الميزانية")
    response = client.post(f"/ar/requests/new/{rabat.code}/", {**data, "check_published": "1"})
    assert response.status_code == 200
    assert not InformationRequest.objects.exists()
    page = response.content.decode()
    assert 'href="https://www.rabat.ma/budget-2026"' in page and BUDGET_AR in page
    assert 'aria-live="polite"' in page
    # What was written is kept: on the page, and as the author's draft should they come back.
    assert 'value="الميزانية السنوية"' in page and "نسخة من الميزانية</textarea>" in page
    assert client.session[f"request-draft:{rabat.code}"]["fields"]["subject"] == "الميزانية السنوية"
    restored = client.get(f"/ar/requests/new/{rabat.code}/").context["form"].initial
    assert restored["subject"] == "الميزانية السنوية"
    # Sending the same form files the request.
    response = client.post(f"/ar/requests/new/{rabat.code}/", data)
    assert response.status_code == 302
    assert InformationRequest.objects.get().subject == "الميزانية السنوية"
    assert f"request-draft:{rabat.code}" not in client.session


def test_checking_in_french_when_nothing_is_published_says_so(client, rabat, entries):
    client.force_login(UserFactory())
    data = form_data(client, rabat, subject="Horaires de la piscine", information_sought="Les horaires")
    page = client.post(f"/fr/requests/new/{rabat.code}/", {**data, "check_published": "1"}).content.decode()
    assert "Rien de ce qui est déjà publié ne correspond" in page
    data = form_data(client, rabat, subject="Marchés publics", information_sought="Les marchés attribués")
    page = client.post(f"/fr/requests/new/{rabat.code}/", {**data, "check_published": "1"}).content.decode()
    assert 'href="https://www.rabat.ma/marches"' in page and "Déjà publié" in page


def test_the_filing_page_loads_its_script_from_this_site(client, rabat):
    client.force_login(UserFactory())
    page = client.get(f"/fr/requests/new/{rabat.code}/").content.decode()
    assert re.search(r'<script src="/static/suggestions\.js" defer></script>', page)
    assert "Vérifier ce qui est déjà publié" in page
    assert f'data-suggestions-url="/fr/requests/new/{rabat.code}/suggestions/"' in page


# -- the JSON address the script asks ------------------------------------------------------------


def test_the_json_suggestions_give_public_fields_only(client, rabat, entries):
    answered = make_request(body=rabat, subject="Budget annuel de la fourrière", first_name="Zqxprenom",
                            family_name="Zqxnom", email="zqx@example.ma", phone="+212677700777",
                            id_number="ZQ42424", address="Zqxadresse")
    decide_request(answered, "granted")
    response = client.get(f"/fr/requests/new/{rabat.code}/suggestions/",
                          {"subject": "budget annuel", "information_sought": "fourrière"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    items = response.json()["suggestions"]
    assert {item["url"] for item in items} >= {"https://www.rabat.ma/budget-2026",
                                               f"/fr/register/{answered.reference}/"}
    assert set(items[0]) == {"kind", "label", "title", "url", "body", "score", "snippet", "body_code"}
    assert "zqx" not in response.content.decode().lower() and "212677700777" not in response.content.decode()


def test_the_json_suggestions_answer_404_for_an_unknown_body_and_nothing_for_empty_text(client, rabat):
    assert client.get("/fr/requests/new/no-such-body/suggestions/", {"subject": "budget"}).status_code == 404
    assert client.get(f"/fr/requests/new/{rabat.code}/suggestions/").json() == {"suggestions": []}


def test_the_json_suggestions_are_rate_limited(client, rabat, monkeypatch):
    from requests_app import views

    monkeypatch.setattr(views, "SUGGESTIONS_PER_MINUTE", 3)
    cache.clear()
    url = f"/en/requests/new/{rabat.code}/suggestions/"
    assert [client.get(url, {"subject": "budget"}).status_code for _ in range(4)] == [200, 200, 200, 429]
    refused = client.get(url, {"subject": "budget"}).json()
    assert refused["error"] == "Too many searches. Try again in a minute."


def test_a_french_ligature_typed_finds_the_word_spelled_out(officer, rabat):
    add_entry(officer, rabat, "Programme de la main-d'oeuvre communale", language="fr")
    found = suggestions_module.suggest("Effectifs de la main-d'œuvre", language="fr")
    assert "Programme de la main-d'oeuvre communale" in [item.title for item in found]


def test_a_nul_byte_reaching_the_search_is_dropped_not_sent_to_the_database(entries):
    # The middleware answers 400 to a NUL in a request; a caller of the service may still pass one.
    found = suggestions_module.suggest("Le budget\x00 annuel", "\x00", language="fr")
    assert found and found[0].url == "https://www.rabat.ma/budget-2026"


def test_every_source_is_registered():
    assert {"answered_requests", "register_entries", "portal_datasets"} <= set(
        suggestions_module.SUGGESTION_SOURCES)



@pytest.mark.parametrize("text", ["'; DROP TABLE x; --", "a:b & c | !d <-> e", "%_%", "ـــ ً ٌ ّ", "é" * 3000,
                                  "budget:* & (x)", "\\x00 \\' \\\\"])
def test_odd_text_finds_nothing_or_something_but_never_fails(client, rabat, entries, text):
    response = client.get(f"/en/requests/new/{rabat.code}/suggestions/",
                          {"subject": text, "information_sought": text})
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)
    if "budget" in text:
        assert response.json()["suggestions"][0]["url"] == "https://www.rabat.ma/budget-2026"
