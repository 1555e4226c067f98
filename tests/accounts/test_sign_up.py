"""Sign-up with e-mail verification, login throttling, password reset, profile, and the
security headers every page carries."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Nafida-Test-2026!"


def sign_up(client, email="new@example.ma", password=PASSWORD, language="en"):
    return client.post(f"/{language}/accounts/sign-up/",
                       {"email": email, "password1": password, "password2": password})


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_creates_an_inactive_account_and_mails_the_link(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, language="fr")
    assert response.status_code == 200
    assert "new@example.ma" in response.content.decode() and "dir=\"ltr\"" in response.content.decode()
    user = User.objects.get(email="new@example.ma")
    assert not user.is_active and user.preferred_language == "fr"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@example.ma"]
    # Written in the language of the page the person signed up on.
    assert "Confirmez votre adresse" in mail.outbox[0].subject


def test_verification_link_activates_once_and_logs_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    link = link_in(mail.outbox[0])
    # Opening the link (a mail scanner would) does not activate the account.
    assert client.get(link).status_code == 200
    assert not User.objects.get(email="new@example.ma").is_active
    response = client.post(link)
    assert response.status_code == 302 and response["Location"].endswith("/accounts/profile/")
    assert User.objects.get(email="new@example.ma").is_active
    assert client.get(reverse("requests:mine")).status_code == 200
    client.logout()
    assert client.post(link).status_code == 400  # used


def test_a_forged_verification_link_is_refused(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    link = link_in(mail.outbox[0])
    forged = link.rstrip("/")[:-3] + "abc/"
    assert client.post(forged).status_code == 400
    assert client.post("/en/accounts/verify/zzz/abc-def/").status_code == 400
    assert not User.objects.get(email="new@example.ma").is_active


def test_signing_up_with_a_known_address_reveals_nothing_and_tells_the_owner(
        client, django_capture_on_commit_callbacks):
    owner = UserFactory(email="known@example.ma", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, email="known@example.ma")
    assert response.status_code == 200
    assert "already" not in response.content.decode()
    assert User.objects.filter(email="known@example.ma").count() == 1
    owner.refresh_from_db()
    assert owner.check_password("pass-word-123")
    assert "already have" in mail.outbox[0].subject


@pytest.mark.parametrize("data, field", [
    ({"email": "not-an-address", "password1": PASSWORD, "password2": PASSWORD}, "email"),
    ({"email": "a@example.ma", "password1": PASSWORD, "password2": PASSWORD + "x"}, "password2"),
    ({"email": "a@example.ma", "password1": "123", "password2": "123"}, "password1"),
    ({"email": "", "password1": "", "password2": ""}, "email"),
])
def test_bad_sign_up_is_refused_with_nothing_saved(client, data, field):
    response = client.post("/en/accounts/sign-up/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert not User.objects.exists()


def test_sign_up_errors_are_in_the_page_language(client):
    response = client.post("/ar/accounts/sign-up/", {"email": "x", "password1": "", "password2": ""})
    assert "dir=\"rtl\"" in response.content.decode()
    assert "This field is required." not in response.content.decode()


def test_login_and_logout(client):
    UserFactory(email="amina@example.ma")
    response = client.post("/en/accounts/login/", {"username": "amina@example.ma",
                                                    "password": "pass-word-123"})
    assert response.status_code == 302
    assert client.get("/en/requests/mine/").status_code == 200
    assert client.post("/en/accounts/logout/").status_code == 302
    assert client.get("/en/requests/mine/").status_code == 302


def test_login_is_locked_after_five_failures_even_with_the_right_password(client):
    UserFactory(email="amina@example.ma")
    for _ in range(5):
        response = client.post("/en/accounts/login/", {"username": "amina@example.ma",
                                                        "password": "wrong"})
    assert response.status_code in (403, 429)
    response = client.post("/en/accounts/login/", {"username": "amina@example.ma",
                                                    "password": "pass-word-123"})
    assert response.status_code in (403, 429)
    assert "Too many failed attempts" in response.content.decode()
    assert client.get("/en/requests/mine/").status_code == 302  # not logged in
    # Another account from the same place is not locked.
    UserFactory(email="other@example.ma")
    assert client.post("/en/accounts/login/", {"username": "other@example.ma",
                                                "password": "pass-word-123"}).status_code == 302


def test_unverified_account_cannot_log_in(client):
    UserFactory(email="sleepy@example.ma", is_active=False)
    response = client.post("/en/accounts/login/", {"username": "sleepy@example.ma",
                                                    "password": "pass-word-123"})
    assert response.status_code == 200
    assert client.get("/en/requests/mine/").status_code == 302


def test_password_reset_by_e_mail(client):
    user = UserFactory(email="amina@example.ma")
    client.post("/en/accounts/password-reset/", {"email": "amina@example.ma"})
    link = link_in(mail.outbox[0])
    response = client.get(link, follow=True)
    new = "Another-Pass-2026!"
    response = client.post(response.redirect_chain[-1][0],
                           {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_profile_holds_the_art14_identity(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/en/accounts/profile/", {
        "first_name": "Youssef", "last_name": "Bennani", "address": "12 rue Oued Sebou",
        "id_type": "cin", "id_number": "AB123456", "phone": "+212600000000",
        "preferred_language": "fr"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.last_name, user.id_number, user.preferred_language) == ("Bennani", "AB123456", "fr")
    assert user.history.first().history_user == user


def test_pages_carry_csp_and_security_headers(client):
    response = client.get("/ar/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_csrf_is_enforced_on_forms():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/en/accounts/sign-up/", {"email": "a@example.ma"}).status_code == 403
    user = UserFactory()
    client.force_login(user)
    assert client.post("/en/accounts/profile/", {"first_name": "x"}).status_code == 403


def test_signing_up_again_before_confirming_sends_a_new_link(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, password="First-Pass-2026!")
        sign_up(client, password="Second-Pass-2026!")
    assert User.objects.filter(email="new@example.ma").count() == 1
    first, second = mail.outbox
    assert client.post(link_in(first)).status_code == 400  # the older link is void
    assert client.post(link_in(second)).status_code == 302
    user = User.objects.get(email="new@example.ma")
    assert user.is_active and user.check_password("Second-Pass-2026!")


def test_an_inactive_staff_account_is_never_taken_over_by_a_sign_up(
        client, django_capture_on_commit_callbacks):
    staff = UserFactory(email="officer@example.ma", is_active=False, is_staff=True,
                        preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, email="officer@example.ma")
    staff.refresh_from_db()
    assert staff.check_password("pass-word-123") and not staff.is_active
    assert "already have" in mail.outbox[0].subject
