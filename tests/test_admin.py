"""The admin works for every model, in Arabic (right to left) and French."""

import pytest
from django.contrib import admin
from django.urls import reverse

from requests_app.models import InformationRequest
from tests.factories import UserFactory, make_request
from tests.helpers import PASSWORD, authenticator, code, verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    verified(client, UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("language, direction", [("ar", 'dir="rtl"'), ("fr", 'dir="ltr"')])
def test_every_changelist_and_add_page_opens(staff_client, language, direction):
    make_request()
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        response = staff_client.get(f"/{language}/admin/{info[0]}/{info[1]}/")
        assert response.status_code == 200, info
        assert direction in response.content.decode()
        if model_admin.has_add_permission(response.wsgi_request):
            response = staff_client.get(f"/{language}/admin/{info[0]}/{info[1]}/add/")
            assert response.status_code == 200, info


def test_request_state_and_clock_are_read_only_in_admin(staff_client):
    request = make_request()
    url = reverse("admin:requests_app_informationrequest_change", args=[request.pk])
    page = staff_client.get(url).content.decode()
    assert 'name="state"' not in page and 'name="due_date"' not in page
    # What the register shows of the subject may be corrected, not what the requester wrote.
    assert 'name="public_subject"' in page and 'name="subject"' not in page


def test_the_admin_is_no_side_door_to_a_request_or_a_decision(staff_client):
    from tests.factories import decide_request

    request = make_request()
    decision = decide_request(request, "refused")
    page = staff_client.get(reverse("admin:requests_app_informationrequest_change",
                                    args=[request.pk])).content.decode()
    # The art. 14 identity, the body, urgency and the requester's choices are shown, not editable.
    for field in ("first_name", "family_name", "address", "id_number", "email", "phone", "body",
                  "is_urgent", "urgency_reason", "information_sought", "publication_consent",
                  "assigned_to", "requester", "received_at", "extension_ground"):
        assert f'name="{field}"' not in page, field
    assert request.id_number in page
    # Neither a request nor a decision can be deleted or a decision changed there.
    assert staff_client.post(reverse("admin:requests_app_informationrequest_delete", args=[request.pk]),
                             {"post": "yes"}).status_code == 403
    decision_url = reverse("admin:requests_app_decision_change", args=[decision.pk])
    decision_page = staff_client.get(decision_url).content.decode()
    assert 'name="outcome"' not in decision_page and 'name="explanation"' not in decision_page
    assert staff_client.post(decision_url, {"outcome": "granted"}).status_code == 403
    assert staff_client.post(reverse("admin:requests_app_decision_delete", args=[decision.pk]),
                             {"post": "yes"}).status_code == 403
    request.refresh_from_db()
    assert request.state == "refused" and request.decision.outcome == "refused"


def test_request_history_is_visible(staff_client):
    request = make_request()
    url = reverse("admin:requests_app_informationrequest_history", args=[request.pk])
    assert request.reference in staff_client.get(url).content.decode()
    assert InformationRequest.history.filter(id=request.pk).exists()


@pytest.mark.parametrize("language, message", [
    ("ar", "هذا التاريخ معدَّل مسبقا بإدخال آخر."),
    ("fr", "Cette date est déjà modifiée par une autre entrée."),
    ("en", "already overridden by another entry"),
])
def test_admin_refuses_a_second_holiday_row_for_a_date(staff_client, language, message):
    from requests_app.models import Holiday

    data = {"date": "2026-12-07", "day_off": "on", "kind": "closure", "feast": "",
            "name_ar": "عطلة استثنائية", "name_fr": "Fermeture exceptionnelle", "name_en": "",
            "source": "Communiqué"}
    url = f"/{language}/admin/requests_app/holiday/add/"
    assert staff_client.post(url, data).status_code == 302
    response = staff_client.post(url, dict(data, name_fr="Autre fermeture"))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Holiday.objects.filter(date="2026-12-07").count() == 1


def test_admin_needs_the_second_factor(client):
    admin_user = UserFactory(email="admin@example.ma", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    # A password alone is not enough, not even for a superuser: set up the app first,
    # through the link mailed to the account's address.
    response = client.get("/en/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"].startswith("/en/accounts/2fa/enrol/?next=")
    client.logout()
    authenticator(admin_user)
    response = client.get("/en/admin/login/?next=/en/admin/requests_app/holiday/")
    assert response["Location"] == "/en/accounts/login/?next=/en/admin/requests_app/holiday/"
    response = client.post(response["Location"], {"login": "admin@example.ma", "password": PASSWORD,
                                                  "next": "/en/admin/requests_app/holiday/"})
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert client.get("/en/admin/").status_code == 302
    response = client.post("/en/accounts/2fa/authenticate/", {"code": code(admin_user)})
    assert response["Location"] == "/en/admin/requests_app/holiday/"
    assert client.get("/en/admin/").status_code == 200


def test_the_admin_refuses_a_citizen_with_a_second_factor(client):
    verified(client, UserFactory())
    assert client.get("/en/admin/").status_code == 302
    assert client.get("/en/admin/login/?next=/en/admin/").status_code == 403


@pytest.mark.parametrize("language, words, foreign", [
    ("ar", ["العامل الثاني للتحقق", "وسائل التحقق الثانية", "محاولات تسجيل الدخول"],
     ["وزارة الخارجية", "Authenticators", "AXES", ">Axes<"]),
    ("fr", ["Second facteur d&#x27;authentification", "Dispositifs de second facteur",
            "Tentatives de connexion"], ["Authenticators", ">Axes<"]),
])
def test_the_admin_names_the_second_factor_and_sign_in_apps_in_the_language(
        staff_client, language, words, foreign):
    """allauth's Arabic catalogue calls the MFA app "the Ministry of Foreign Affairs";
    its Authenticator model and django-axes have no translated name."""
    content = staff_client.get(f"/{language}/admin/").content.decode()
    for word in words:
        assert word in content
    for word in foreign:
        assert word not in content


@pytest.mark.parametrize("language, words", [("ar", "الدخول غير مسموح"), ("fr", "Accès refusé")])
def test_a_requester_is_refused_the_admin_without_being_asked_for_a_second_factor(
        client, language, words):
    client.force_login(UserFactory())
    response = client.get(f"/{language}/admin/", follow=True)
    assert response.status_code == 403 and words in response.content.decode()
    assert not any("2fa" in url for url, _status in response.redirect_chain)
