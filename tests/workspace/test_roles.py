"""Each role has work or no door: no link in a user's workspace leads to a refusal, and
the refusals, missing pages and server errors are the project's own pages, translated."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import translation

from accounts.models import User
from requests_app import services
from tests.factories import UserFactory, head_of, make_request
from tests.helpers import verified

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="(/[a-z]{2}/workspace/[^"#?]*)')


@pytest.fixture
def commission_member(db):
    return UserFactory(commission_role=User.CommissionRole.REVIEWER)


def crawl(client, start="/en/workspace/"):
    """Every workspace address reachable from ``start`` in two steps, with its status."""
    seen, statuses, frontier = {start}, {}, [start]
    for _depth in range(2):
        next_frontier = []
        for url in frontier:
            response = client.get(url)
            statuses[url] = response.status_code
            for link in LINK.findall(response.content.decode()):
                if link not in seen and "/logout" not in link:
                    seen.add(link)
                    next_frontier.append(link)
        frontier = next_frontier
    for url in frontier:
        statuses[url] = client.get(url).status_code
    return statuses


def test_a_commission_members_workspace_links_to_no_page_that_denies_them(client, commission_member):
    verified(client, commission_member)
    statuses = crawl(client)
    assert statuses["/en/workspace/"] == 200
    assert not [url for url, status in statuses.items() if status == 403], statuses
    dashboard = client.get("/en/workspace/").content.decode()
    assert "/workspace/intake/" not in dashboard and "/workspace/templates/" not in dashboard


def test_a_head_of_bodys_workspace_links_to_no_page_that_denies_them(client, body_a):
    make_request(body=body_a)
    verified(client, head_of(body_a))
    statuses = crawl(client)
    assert not [url for url, status in statuses.items() if status == 403], statuses


def test_an_officer_keeps_the_intake_and_templates_doors(as_officer_a):
    dashboard = as_officer_a.get("/en/workspace/").content.decode()
    assert "/en/workspace/intake/" in dashboard and "/en/workspace/templates/" in dashboard
    assert as_officer_a.get("/en/workspace/templates/").status_code == 200


def test_the_templates_page_is_refused_to_whoever_keeps_none(client, commission_member):
    verified(client, commission_member)
    response = client.get("/en/workspace/templates/")
    assert response.status_code == 403
    assert "Only an information officer keeps" in response.content.decode()


@override_settings(DEBUG=False)
@pytest.mark.parametrize("language, title, reason", [
    ("ar", "الدخول غير مسموح", "لا يسجل الطلبات إلا الشخص المكلف"),
    ("fr", "Accès refusé", "Seule une personne chargée"),
    ("en", "Access denied", "Only an information officer registers requests."),
])
def test_a_refusal_is_the_projects_page_in_the_users_language(client, commission_member,
                                                               language, title, reason):
    verified(client, commission_member)
    response = client.get(f"/{language}/workspace/intake/")
    content = response.content.decode()
    assert response.status_code == 403
    assert f'lang="{language}"' in content and 'class="site-header"' in content
    assert title in content and reason in content


@override_settings(DEBUG=False)
@pytest.mark.parametrize("language, title", [("ar", "الصفحة غير موجودة"), ("fr", "Page introuvable"),
                                             ("en", "Page not found")])
def test_a_missing_page_is_the_projects_page_in_the_users_language(client, language, title):
    response = client.get(f"/{language}/register/2026-999999/")
    content = response.content.decode()
    assert response.status_code == 404
    assert f'lang="{language}"' in content and 'class="site-header"' in content and title in content


@pytest.mark.parametrize("language, title", [("ar", "خطأ في الخادم"), ("fr", "Erreur du serveur"),
                                             ("en", "Server error")])
def test_the_server_error_page_renders_without_a_request(language, title):
    with translation.override(language):
        content = render_to_string("500.html")
    assert f'lang="{language}"' in content and title in content


@override_settings(DEBUG=False)
def test_a_server_error_answers_the_projects_page(client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    client.raise_request_exception = False
    monkeypatch.setattr("requests_app.register.views.selectors.entries", broken)
    response = client.get("/fr/register/")
    assert response.status_code == 500 and "Erreur du serveur" in response.content.decode()


def test_art16_no_extension_form_once_the_one_extension_is_used(as_officer_a, officer_a, request_a):
    page = f"/en/workspace/requests/{request_a.reference}/"
    assert f"{page}extend/" in as_officer_a.get(page).content.decode()
    services.extend_deadline(actor=officer_a, information_request=request_a, ground="large_volume",
                             reasons="400 pages")
    assert f"{page}extend/" not in as_officer_a.get(page).content.decode()
    response = as_officer_a.get(f"{page}extend/", follow=True)
    assert response.redirect_chain == [(page, 302)]
    content = response.content.decode()
    assert "already been extended once (art. 16)" in content and 'name="ground"' not in content


def test_the_reference_reads_left_to_right_in_the_arabic_confirmation(client, citizen, body):
    from tests.helpers import form_data

    client.force_login(citizen)
    response = client.post(f"/ar/requests/new/{body.code}/", form_data(), follow=True)
    (filed,) = citizen.information_requests.all()
    message = response.content.decode().split('class="message success">', 1)[1].split("</p>", 1)[0]
    # Without the isolate, the Bidi algorithm shows 2026-000001 as 000001-2026 after Arabic.
    assert f"\u2066{filed.reference}\u2069" in message


@override_settings(DEBUG=False)
def test_a_form_refused_for_its_csrf_token_is_explained_in_the_users_language(citizen, body):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = client.post(f"/fr/requests/new/{body.code}/", {})
    assert response.status_code == 403
    assert "Le formulaire n'a pas pu être envoyé" in response.content.decode().replace("&#x27;", "'")
