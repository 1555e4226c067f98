"""Issue 13, point 4, in a real browser: a citizen starts a request, sees what is already
published that matches it, and opens it instead of filing. In Arabic, the suggestions
appear as the citizen types (the page's script); in French, in a browser without
JavaScript, through the "check what is already published" button. The published pages
are outside this site: the browser is answered for them here."""

from datetime import date

import pytest
from playwright.sync_api import expect

from proactive.models import Art10Category, PortalDataset
from proactive.register import services as register_services
from requests_app.models import InformationRequest
from tests.browser.test_citizen_journey import assert_translated, citizen, log_in, tr
from tests.factories import BodyFactory, officer_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]

ENTRY_URL = "https://www.rabat.ma/budget-2026"
DATASET_URL = "https://data.gov.ma/dataset/marches-rabat-2025"
SOUGHT = "La liste des marchés attribués en 2025 et leurs montants."


@pytest.fixture
def published():
    rabat = BodyFactory(code="commune-rabat", name_ar="جماعة الرباط", name_fr="Commune de Rabat",
                        name_en="Rabat commune")
    officer = officer_of(rabat)
    register_services.add_entry(
        actor=officer, body=rabat, category=Art10Category.objects.get(number=6), language="ar",
        title="الميزانية السنوية لجماعة الرباط", title_translation="Budget annuel de la commune de Rabat",
        description="الميزانية المصادق عليها من طرف المجلس الجماعي.", url=ENTRY_URL,
        published_on=date(2026, 1, 20))
    register_services.add_entry(
        actor=officer, body=rabat, category=Art10Category.objects.get(number=14), language="ar",
        title="مباريات التوظيف ونتائجها", url="https://www.rabat.ma/concours", published_on=date(2026, 1, 20))
    PortalDataset.objects.create(
        body=rabat, title="Marchés publics attribués en 2025", language="fr", url=DATASET_URL,
        description="Les marchés attribués par la commune, leurs titulaires et leurs montants.",
        state=PortalDataset.State.PUBLISHED, created_by=officer)
    return rabat


def answer_outside_pages(context):
    """The published pages, as their sites would answer (the test has no network)."""
    def page_titled(title):
        html = f"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>"
        return lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    context.route("https://www.rabat.ma/**", page_titled("Budget de Rabat"))
    context.route("https://data.gov.ma/**", page_titled("Portail des données ouvertes"))


def test_in_arabic_the_matching_entry_appears_as_the_citizen_types_and_is_opened(live_server, context,
                                                                                  published):
    answer_outside_pages(context)
    page = context.new_page()
    user = citizen(email="youssef@example.ma")
    log_in(page, live_server.url, user.email, "ar")
    page.goto(f"{live_server.url}/ar/requests/new/{published.code}/")
    suggestions = page.locator("#suggestions")
    expect(suggestions).to_have_attribute("aria-live", "polite")
    expect(suggestions).to_be_empty()

    # A preposition and the article attached to the word: "بالميزانية".
    page.locator("#id_subject").press_sequentially("نسخة بالميزانية السنوية", delay=20)
    link = suggestions.get_by_role("link", name="الميزانية السنوية لجماعة الرباط")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", ENTRY_URL)
    expect(suggestions).to_contain_text(tr("ar", "Published by the body (art. 10)"))
    expect(suggestions).to_contain_text("جماعة الرباط")
    expect(suggestions).not_to_contain_text("مباريات التوظيف")
    expect(suggestions.get_by_role("heading")).to_have_text(
        tr("ar", "Already published: this may answer your request"))

    link.click()
    expect(page).to_have_url(ENTRY_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Budget de Rabat")
    assert not InformationRequest.objects.exists()
    assert_translated()


def test_in_french_without_javascript_the_check_shows_the_dataset_which_is_opened(live_server, browser,
                                                                                   published):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        answer_outside_pages(context)
        page = context.new_page()
        user = citizen(email="salma@example.ma", preferred_language="fr")
        log_in(page, live_server.url, user.email, "fr")
        page.goto(f"{live_server.url}/fr/requests/new/{published.code}/")
        page.locator("#id_subject").fill("Les marchés publics attribués")
        page.locator("#id_information_sought").fill(SOUGHT)
        page.get_by_role("button", name=tr("fr", "Check what is already published")).click()

        suggestions = page.locator("#suggestions")
        link = suggestions.get_by_role("link", name="Marchés publics attribués en 2025")
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", DATASET_URL)
        expect(suggestions).to_contain_text(tr("fr", "Dataset on the open-data portal"))
        expect(suggestions).to_contain_text("Commune de Rabat")
        # Nothing was filed and what the citizen wrote is still in the form.
        assert not InformationRequest.objects.exists()
        expect(page.locator("#id_subject")).to_have_value("Les marchés publics attribués")
        expect(page.locator("#id_information_sought")).to_have_value(SOUGHT)

        link.click()
        expect(page).to_have_url(DATASET_URL)
        expect(page.get_by_role("heading", level=1)).to_have_text("Portail des données ouvertes")
        assert not InformationRequest.objects.exists()
        assert_translated()
    finally:
        context.close()
