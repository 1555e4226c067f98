"""Sign-up with e-mail verification, login throttling, password reset, profile, and the
security headers every page carries."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Nafida-Test-2026!"


def sign_up(client, email="new@example.ma", password=PASSWORD, language="en"):
    return client.post(f"/{language}/accounts/signup/",
                       {"email": email, "password1": password, "password2": password})


def log_in(client, email, password="pass-word-123", language="en"):
    return client.post(f"/{language}/accounts/login/", {"login": email, "password": password})


def main(response) -> str:
    """The page's own content (the header's form carries a new CSRF token each time)."""
    page = response.content.decode()
    return page[page.index("<main"):page.index("</main>")]


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_creates_an_unverified_account_and_mails_the_link(client):
    response = sign_up(client, language="fr")
    assert response.status_code == 302 and response["Location"] == "/fr/accounts/confirm-email/"
    page = client.get(response["Location"]).content.decode()
    assert 'lang="fr"' in page and "Nous vous avons envoyé un e-mail" in page
    user = User.objects.get(email="new@example.ma")
    assert user.preferred_language == "fr"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@example.ma"]
    # Written in the language of the page the person signed up on.
    assert "Confirmez votre adresse" in mail.outbox[0].subject
    # Not logged in until the address is confirmed.
    assert client.get("/fr/requests/mine/").status_code == 302
    assert log_in(client, "new@example.ma", PASSWORD, "fr")["Location"] == "/fr/accounts/confirm-email/"
    assert client.get("/fr/requests/mine/").status_code == 302


def test_verification_link_activates_once_and_logs_in(client):
    sign_up(client)
    link = link_in(mail.outbox[0])
    # Opening the link (a mail scanner would) does not confirm the address.
    assert client.get(link).status_code == 200
    assert not EmailAddress.objects.get(email="new@example.ma").verified
    response = client.post(link)
    assert response.status_code == 302 and response["Location"].endswith("/accounts/profile/")
    assert EmailAddress.objects.get(email="new@example.ma").verified
    assert client.get(reverse("requests:mine")).status_code == 200
    client.logout()
    assert log_in(client, "new@example.ma", PASSWORD).status_code == 302
    assert client.get(reverse("requests:mine")).status_code == 200


def test_a_forged_verification_link_is_refused(client):
    sign_up(client)
    link = link_in(mail.outbox[0])
    forged = link.rstrip("/")[:-3] + "abc/"
    assert client.post(forged).status_code == 404
    assert client.post("/en/accounts/confirm-email/zzz-abc-def/").status_code == 404
    assert not EmailAddress.objects.get(email="new@example.ma").verified


def test_signing_up_with_a_known_address_reveals_nothing_and_tells_the_owner(client):
    owner = UserFactory(email="known@example.ma", preferred_language="en")
    known = sign_up(client, email="known@example.ma")
    other = Client()
    unknown = sign_up(other, email="unknown@example.ma")
    # The same answer for a known and an unknown address: no one learns who has an account.
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    page = main(client.get(known["Location"]))
    assert page.replace("known@", "unknown@") == main(other.get(unknown["Location"]))
    assert "already" not in page.lower()
    assert User.objects.filter(email="known@example.ma").count() == 1
    owner.refresh_from_db()
    assert owner.check_password("pass-word-123")
    to_owner = [message for message in mail.outbox if message.to == ["known@example.ma"]]
    assert len(to_owner) == 1 and "Already Exists" in to_owner[0].subject
    assert "/en/accounts/password/reset/" in to_owner[0].body


def test_the_owner_of_a_known_address_is_told_in_their_language(client):
    UserFactory(email="known@example.ma", preferred_language="ar")
    sign_up(client, email="known@example.ma", language="fr")
    assert "الحساب موجود بالفعل" in mail.outbox[0].subject


@pytest.mark.parametrize("data, field", [
    ({"email": "not-an-address", "password1": PASSWORD, "password2": PASSWORD}, "email"),
    ({"email": "a@example.ma", "password1": PASSWORD, "password2": PASSWORD + "x"}, "password2"),
    ({"email": "a@example.ma", "password1": "123", "password2": "123"}, "password1"),
    ({"email": "", "password1": "", "password2": ""}, "email"),
])
def test_bad_sign_up_is_refused_with_nothing_saved(client, data, field):
    response = client.post("/en/accounts/signup/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert not User.objects.exists() and not mail.outbox


def test_sign_up_errors_are_in_the_page_language(client):
    response = client.post("/ar/accounts/signup/", {"email": "x", "password1": "", "password2": ""})
    page = response.content.decode()
    assert 'dir="rtl"' in page and 'role="alert"' in page
    assert "This field is required." not in page and "هذا الحقل مطلوب" in page


@pytest.mark.parametrize("language, title", [("ar", "إنشاء حساب"), ("fr", "Inscription")])
def test_account_pages_are_translated_with_labels(client, language, title):
    page = client.get(f"/{language}/accounts/signup/").content.decode()
    assert title in page and "Sign Up" not in page
    assert '<label for="id_email"' in page and '<label for="id_password1"' in page
    assert 'class="site-header"' in page  # the project's look, not allauth's bare page


def test_login_and_logout(client):
    UserFactory(email="amina@example.ma")
    response = log_in(client, "amina@example.ma")
    assert response.status_code == 302
    assert client.get("/en/requests/mine/").status_code == 200
    assert client.post("/en/accounts/logout/").status_code == 302
    assert client.get("/en/requests/mine/").status_code == 302


def test_login_is_locked_after_five_failures_even_with_the_right_password(client):
    UserFactory(email="amina@example.ma")
    for _ in range(5):
        response = log_in(client, "amina@example.ma", "wrong")
    assert response.status_code in (403, 429)
    response = log_in(client, "amina@example.ma")
    assert response.status_code in (403, 429)
    assert "Too many failed attempts" in response.content.decode()
    assert client.get("/en/requests/mine/").status_code == 302  # not logged in
    # Another account from the same place is not locked.
    UserFactory(email="other@example.ma")
    assert log_in(client, "other@example.ma").status_code == 302


def test_failed_logins_from_one_address_are_rate_limited_across_accounts(client):
    """allauth's limit per address (ACCOUNT_RATE_LIMITS): trying many accounts from one
    place is slowed down too, which a per-account lockout alone would not do."""
    UserFactory(email="amina@example.ma")
    for number in range(10):
        assert log_in(client, f"guess{number}@example.ma", "wrong").status_code == 200
    response = log_in(client, "amina@example.ma")
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/en/requests/mine/").status_code == 302


def test_inactive_account_cannot_log_in(client):
    UserFactory(email="sleepy@example.ma", is_active=False)
    response = log_in(client, "sleepy@example.ma")
    assert response.status_code == 302 and response["Location"] == "/en/accounts/inactive/"
    assert client.get("/en/requests/mine/").status_code == 302


def test_unverified_address_cannot_log_in(client):
    UserFactory(email="sleepy@example.ma", email_verified=False, preferred_language="en")
    response = log_in(client, "sleepy@example.ma")
    assert response.status_code == 302 and response["Location"] == "/en/accounts/confirm-email/"
    assert client.get("/en/requests/mine/").status_code == 302
    assert "Confirm Your Email" in mail.outbox[0].subject  # a new link is sent


def test_password_reset_by_e_mail(client):
    user = UserFactory(email="amina@example.ma")
    client.post("/en/accounts/password/reset/", {"email": "amina@example.ma"})
    link = link_in(mail.outbox[0])
    response = client.get(link, follow=True)
    new = "Another-Pass-2026!"
    response = client.post(response.redirect_chain[-1][0], {"password1": new, "password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_reset_reveals_nothing_about_accounts(client):
    UserFactory(email="amina@example.ma")
    known = client.post("/en/accounts/password/reset/", {"email": "amina@example.ma"})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.ma"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert main(client.get(known["Location"])) == main(client.get(unknown["Location"]))
    # The known address gets the link; the unknown one a note that it has no account.
    assert [message.to for message in mail.outbox] == [["amina@example.ma"], ["nobody@example.ma"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "/accounts/password/reset/key/" not in mail.outbox[1].body


def test_password_change(client):
    user = UserFactory(email="amina@example.ma")
    log_in(client, "amina@example.ma")
    new = "Another-Pass-2026!"
    wrong = client.post("/en/accounts/password/change/", {
        "oldpassword": "not-it", "password1": new, "password2": new})
    assert wrong.status_code == 200 and 'role="alert"' in wrong.content.decode()
    response = client.post("/en/accounts/password/change/", {
        "oldpassword": "pass-word-123", "password1": new, "password2": new})
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
    assert client.post("/en/accounts/signup/", {"email": "a@example.ma"}).status_code == 403
    user = UserFactory()
    client.force_login(user)
    assert client.post("/en/accounts/profile/", {"first_name": "x"}).status_code == 403


def test_signing_up_again_before_confirming_takes_nothing_over(client):
    """A second sign-up with an address not yet confirmed changes nothing (whoever typed it
    does not own it yet); the owner gets a mail that lets them in with a new password."""
    sign_up(client, password="First-Pass-2026!")
    sign_up(Client(), password="Second-Pass-2026!")
    assert len(mail.outbox) == 1  # no second mail within three minutes (no mail-bombing)
    cache.clear()  # three minutes later
    sign_up(Client(), password="Second-Pass-2026!")
    assert User.objects.filter(email="new@example.ma").count() == 1
    first, second = mail.outbox
    user = User.objects.get(email="new@example.ma")
    assert user.check_password("First-Pass-2026!")
    assert "/en/accounts/password/reset/" in second.body
    assert client.post(link_in(first)).status_code == 302  # the first link still works
    assert EmailAddress.objects.get(user=user).verified


def test_an_inactive_staff_account_is_never_taken_over_by_a_sign_up(client):
    staff = UserFactory(email="officer@example.ma", is_active=False, is_staff=True,
                        preferred_language="en")
    sign_up(client, email="officer@example.ma")
    staff.refresh_from_db()
    assert staff.check_password("pass-word-123") and not staff.is_active
    assert "Already Exists" in mail.outbox[0].subject


@pytest.mark.parametrize("language, greeting", [("ar", "مرحبا من موقع نافذة"),
                                                ("fr", "Bonjour, c'est Nafida")])
def test_the_account_mails_name_the_service_not_the_host(client, settings, language, greeting):
    """allauth greets "Hello from <site>": without the sites framework, the request's
    host (127.0.0.1:8811 in the demo) instead of the service's name."""
    settings.NAFIDA_SITE_URL = "https://nafida.example.ma"
    sign_up(client, language=language)
    body = mail.outbox[0].body
    assert greeting in body
    assert "nafida.example.ma" in body
