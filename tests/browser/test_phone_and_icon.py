"""The register read on a 390 px phone without sideways scrolling (each row a card whose
lines carry their column's heading), and the site's icon served from this origin."""

from datetime import date

import pytest

from tests.artifacts import artifact_path
from tests.factories import BodyFactory, decide_request, make_request

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]

PHONE = {"width": 390, "height": 844}
HEADINGS = {"ar": ["المرجع", "الهيئة", "الموضوع"], "fr": ["Référence", "Organisme", "Objet"]}


@pytest.fixture
def register(live_server):
    body = BodyFactory(code="commune-rabat", name_ar="جماعة الرباط", name_fr="Commune de Rabat")
    for subject in ("Les marchés de voirie attribués en 2025 et leurs montants détaillés",
                    "الميزانية المصادق عليها والحساب الإداري لسنة 2025"):
        decide_request(make_request(body=body, subject=subject, received_on=date(2026, 9, 1)), "refused")
    return live_server.url


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_register_reads_on_a_390px_phone(context, register, language):
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"{register}/{language}/register/")
    page.screenshot(path=artifact_path(f"register-390px-{language}.png"), full_page=True)
    wrap = page.locator(".table-wrap")
    assert wrap.evaluate("element => element.scrollWidth <= element.clientWidth"), "it scrolls sideways"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    labels = page.locator("tbody tr").first.locator("td").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell, '::before').content)")
    assert labels[:3] == [f'"{heading}"' for heading in HEADINGS[language]]


def test_the_site_icon_is_served_from_this_origin(page, register):
    page.goto(f"{register}/fr/")
    icons = page.locator("link[rel~=icon]").evaluate_all("links => links.map(link => link.href)")
    assert icons and all(href.startswith(register) for href in icons)
    for href in icons:
        response = page.request.get(href)
        assert response.status == 200 and response.headers["content-type"].startswith("image/"), href
