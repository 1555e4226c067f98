"""WCAG 2.1 AA, checked by axe-core (the copy bundled in the axe-playwright-python
package, injected by the test: nothing is loaded from a CDN) on every page of the
portal, in Arabic and in French, and on a phone-sized screen."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from proactive.asks import services as asks
from proactive.models import Art10Category
from proactive.register import services as register_services
from proactive.reuses import services as reuses
from tests.factories import BodyFactory, UserFactory, decide_request, make_request, officer_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def pages(live_server):
    body = BodyFactory(code="commune-rabat", name_ar="جماعة الرباط", name_fr="Commune de Rabat")
    BodyFactory(parent=body, name_fr="Arrondissement Agdal")
    requester = UserFactory(email="amina@example.ma")
    request = make_request(body=body, requester=requester, received_on=date(2026, 9, 1))
    decide_request(request, "partially_granted")
    ask = asks.ask(actor=requester, body=body, title="Horaires des arrondissements")
    officer = officer_of(body)
    entry = register_services.add_entry(
        actor=officer, body=body, category=Art10Category.objects.get(number=6), language="ar",
        title="ميزانية الجماعة", title_translation="Budget de la commune", url="https://www.rabat.ma/budget",
        published_on=date(2026, 1, 20))
    reuse = reuses.submit(actor=requester, title="Budget en un coup d'œil", kind="visualisation",
                          url="https://reuses.example.org/budget", entries=[entry])
    reuses.moderate(actor=officer, reuse=reuse, approve=True)
    public = [
        "/{lang}/", "/{lang}/accounts/signup/", "/{lang}/accounts/login/",
        "/{lang}/accounts/password/reset/", "/{lang}/requests/new/",
        "/{lang}/requests/new/?q=rabat", "/{lang}/register/", "/{lang}/register/?q=budget",
        f"/{{lang}}/register/{request.reference}/", "/{lang}/bodies/", "/{lang}/bodies/commune-rabat/",
        # Proactive publication (art. 10), asks for datasets and known reuses.
        "/{lang}/proactive/", "/{lang}/proactive/commune-rabat/", "/{lang}/data-asks/",
        "/{lang}/data-asks/body/commune-rabat/", "/{lang}/reuses/", f"/{{lang}}/data-asks/{ask.pk}/",
        f"/{{lang}}/reuses/{reuse.pk}/",
    ]
    private = [
        "/{lang}/accounts/profile/", "/{lang}/accounts/password/change/",
        "/{lang}/requests/new/commune-rabat/", "/{lang}/requests/mine/",
        f"/{{lang}}/requests/{request.reference}/", f"/{{lang}}/requests/{request.reference}/withdraw/",
        "/{lang}/data-asks/new/", "/{lang}/reuses/new/",
    ]
    return live_server.url, public, private


def log_in(page, base):
    page.goto(f"{base}/en/accounts/login/")
    page.fill("#id_login", "amina@example.ma")
    page.fill("#id_password", "pass-word-123")
    page.click("main button[type=submit]")
    page.wait_for_url("**/requests/mine/")


def violations(page) -> list[str]:
    result = Axe().run(page, options=WCAG_AA)
    return [f"{item['id']}: {item['help']} — {[node['target'] for node in item['nodes']][:3]}"
            for item in result.response["violations"]]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_page_passes_axe_wcag21_aa(page, pages, language):
    base, public, private = pages
    found = {}
    for url in public:
        page.goto(base + url.format(lang=language))
        found[url] = violations(page)
    # A form sent empty: the errors too must be accessible.
    page.goto(f"{base}/{language}/accounts/signup/")
    page.click("main button[type=submit]")
    found["sign-up with errors"] = violations(page)
    log_in(page, base)
    for url in private:
        page.goto(base + url.format(lang=language))
        found[url] = violations(page)
    page.goto(f"{base}/{language}/requests/new/commune-rabat/")
    page.fill("#id_subject", "")
    page.click("main form.request-form button[type=submit]")
    found["filing form with errors"] = violations(page)
    assert {url: items for url, items in found.items() if items} == {}


def test_pages_fit_a_phone_screen(context, pages):
    base, public, private = pages
    page = context.new_page()
    page.set_viewport_size(PHONE)
    too_wide = []
    log_in(page, base)
    for url in public + private:
        page.goto(base + url.format(lang="ar"))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append((url, width))
    assert too_wide == []


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_workspace_page_passes_axe_wcag21_aa(page, live_server, language):
    from tests.factories import officer_of
    from tests.helpers import authenticator, code

    body = BodyFactory(code="commune-rabat", name_ar="جماعة الرباط", name_fr="Commune de Rabat")
    officer = officer_of(body)
    request = make_request(body=body, received_on=date(2026, 9, 1))
    authenticator(officer)
    base = live_server.url
    page.goto(f"{base}/{language}/accounts/login/?next=/{language}/workspace/")
    page.fill("#id_login", officer.email)
    page.fill("#id_password", "pass-word-123")
    page.click("main button[type=submit]")
    found = {"second factor": violations(page)}
    page.fill("#id_code", code(officer))
    page.click("main form button[type=submit]")
    workspace = f"/{language}/workspace/"
    urls = [workspace, f"{workspace}?queue=overdue", f"{workspace}intake/", f"{workspace}templates/",
            f"{workspace}templates/{body.code}/new/", f"{workspace}requests/{request.reference}/"]
    urls += [f"{workspace}requests/{request.reference}/{suffix}/"
             for suffix in ("consult", "decide/granted", "decide/partially_granted", "decide/refused")]
    for url in urls:
        page.goto(base + url)
        found[url] = violations(page)
    page.goto(f"{base}{workspace}intake/")
    page.fill("#id_subject", "")
    page.click("main form button[type=submit]")
    found["intake with errors"] = violations(page)
    assert {url: items for url, items in found.items() if items} == {}
