"""Issue 13, point 2, in a real browser: a citizen's request is granted with a released
document they agreed to publish; the officer, signed in with the second factor, publishes
it from the request's page in the workspace to the open-data portal (a CKAN-shaped
Action API served by the test on 127.0.0.1, down once, then answering); the task runs
(eagerly, in the server's thread) and the request's page shows it published; the public
register entry, the body's register of art. 10 and the requester's own page show the
dataset's link and "opened after request <reference>"; and the next citizen, starting a
request in French on the same information, finds the dataset before filing and opens it."""

import re

import pytest
from playwright.sync_api import expect

from proactive.models import Art10Category, PortalDataset
from requests_app import services as request_services
from tests.artifacts import artifact_path
from tests.factories import UserFactory, decide_request, make_request, officer_of
from tests.helpers import authenticator, log_in
from tests.proactive.fake_ckan import FakeCKAN, server_error

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]


@pytest.fixture
def portal(settings):
    with FakeCKAN() as fake:
        settings.NAFIDA_CKAN_URL = fake.url
        settings.NAFIDA_CKAN_API_KEY = "browser-test-token"
        settings.NAFIDA_CKAN_TIMEOUT = 5
        settings.NAFIDA_ALLOW_PRIVATE_ADDRESSES = True  # the test's own portal, on 127.0.0.1
        yield fake


def test_the_officer_publishes_a_granted_request_and_the_public_finds_it(live_server, page, portal, body):
    base = live_server.url
    officer = officer_of(body)
    authenticator(officer)
    citizen = UserFactory(email="nadia@example.ma")
    request = make_request(body=body, requester=citizen, subject="Budget voté 2025")
    decide_request(request, "granted", officer=officer)
    request_services.set_publication_consent(actor=citizen, information_request=request, consent=True)
    reference = request.reference
    portal.script("package_create", server_error(503))  # down once: the task tries again

    workspace_page = f"/en/workspace/requests/{reference}/"
    log_in(page, base, officer, workspace_page)
    page.goto(f"{base}{workspace_page}")
    section = page.locator("#datasets")
    expect(section.get_by_role("heading", name="Datasets on the open-data portal")).to_be_visible()
    expect(section).to_contain_text(f"{reference}-document-1.pdf")
    category = Art10Category.objects.get(number=16)
    section.get_by_label("Category of art. 10 of its register entry").select_option(str(category.pk))
    section.get_by_label("Language of the title and description").select_option("fr")
    section.locator("#id_publish-title").fill("Budget voté de la commune, 2025")
    section.get_by_label("Licence (its identifier on the portal)").fill("cc-by")
    section.get_by_role("button", name="Publish on the portal").click()

    expect(page).to_have_url(re.compile(rf".*/workspace/requests/{reference}/(#datasets)?$"))
    expect(page.get_by_role("status")).to_contain_text("sent to the portal")
    section = page.locator("#datasets")
    expect(section).to_contain_text("Published on the portal")
    dataset = PortalDataset.objects.get()
    expect(section.get_by_role("link", name="Budget voté de la commune, 2025")).to_have_attribute(
        "href", dataset.url)
    page.screenshot(path=artifact_path("portal-dataset-workspace.png"), full_page=True)

    # What the portal received: the package in the body's organisation, twice asked (the
    # first answer a 503), created once; the public copy uploaded under its neutral name.
    assert [call.action for call in portal.records] == [
        "package_create", "package_show", "package_create", "resource_create"]
    package = portal.calls("package_create")[-1].data
    assert package["owner_org"] == body.code and package["title"] == "Budget voté de la commune, 2025"
    assert package["license_id"] == "cc-by"
    assert portal.calls("resource_create")[0].files["upload"][0] == f"{reference}-document-1.pdf"
    assert len(portal.packages) == 1 and dataset.attempts == 2

    # The public register entry of the request.
    page.context.clear_cookies()
    page.goto(f"{base}/en/register/{reference}/")
    open_data = page.get_by_role("region", name="Open data")
    expect(open_data.get_by_role("link", name="Budget voté de la commune, 2025")).to_have_attribute(
        "href", dataset.url)
    expect(open_data).to_contain_text(f"opened after request {reference}")

    # The body's register of art. 10: the entry made on publication.
    page.goto(f"{base}/en/proactive/{body.code}/")
    entry = page.locator("li", has=page.get_by_role("link", name="Budget voté de la commune, 2025"))
    expect(entry.first).to_contain_text(f"opened after request {reference}")
    expect(entry.first.get_by_role("link", name="Budget voté de la commune, 2025")).to_have_attribute(
        "href", dataset.url)
    page.screenshot(path=artifact_path("portal-dataset-body-register.png"), full_page=True)

    # The requester's own page.
    log_in(page, base, citizen, f"/en/requests/{reference}/")
    page.goto(f"{base}/en/requests/{reference}/")
    expect(page.get_by_role("region", name="Open data").get_by_role(
        "link", name="Budget voté de la commune, 2025")).to_have_attribute("href", dataset.url)

    # The next citizen, writing in French about the same information, finds the dataset just
    # published before filing, and opens it instead (the portal's page answered here).
    page.context.route(re.compile(re.escape(dataset.url) + ".*"), lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8",
        body="<!DOCTYPE html><html><head><title>Portail</title></head>"
             "<body><h1>Budget voté</h1></body></html>"))
    next_citizen = UserFactory(email="karim@example.ma")
    page.context.clear_cookies()
    log_in(page, base, next_citizen, f"/fr/requests/new/{body.code}/")
    page.goto(f"{base}/fr/requests/new/{body.code}/")
    page.locator("#id_subject").press_sequentially("le budget voté de la commune", delay=20)
    suggestion = page.locator("#suggestions").get_by_role("link", name="Budget voté de la commune, 2025")
    expect(suggestion).to_have_attribute("href", dataset.url)
    filed = request.__class__.objects.count()
    suggestion.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Budget voté")
    assert request.__class__.objects.count() == filed
