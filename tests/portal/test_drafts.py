"""Issue 11, point 7: a draft kept in the session after it expired belongs to the person
who wrote it. It holds only the form's fields within their limits, is given back only to
its author, and is dropped when someone else signs in on that browser."""

import re

import pytest
from django.contrib.sessions.models import Session

from requests_app import drafts
from requests_app.models import InformationRequest
from tests.factories import UserFactory
from tests.helpers import PASSWORD, form_data

pytestmark = pytest.mark.django_db

DRAFT_KEYS = ("request-draft:commune-rabat",)


def form_url(body):
    return f"/en/requests/new/{body.code}/"


def token_of(client, user, body):
    """The author's token, as their open form carries it, then the session expires."""
    client.force_login(user)
    page = client.get(form_url(body)).content.decode()
    token = re.search(r'name="draft_owner" value="([^"]+)"', page).group(1)
    assert drafts.owner_of(token) == user.pk
    client.logout()
    return token


def log_in(client, user, body):
    """Sign in through the login page, as a person does, and come back to the form."""
    response = client.post(f"/en/accounts/login/?next={form_url(body)}",
                           {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client.get(form_url(body))


def draft_in(client):
    return {key: value for key, value in client.session.items() if key.startswith("request-draft:")}


def test_shared_browser_draft_goes_to_its_author_only(client, requester, rabat):
    other = UserFactory(email="other@example.ma", first_name="Karim", last_name="Tazi")
    token = token_of(client, requester, rabat)
    posted = client.post(form_url(rabat), form_data(
        subject="Dossier médical", first_name="Youssef", family_name="Bennani",
        id_number="AB123456", draft_owner=token))
    assert posted.status_code == 302 and "/accounts/login/" in posted["Location"]
    assert not InformationRequest.objects.exists()
    assert draft_in(client)[DRAFT_KEYS[0]]["owner"] == requester.pk

    # Someone else signs in on that browser: the draft is gone, their form is their own.
    page = log_in(client, other, rabat)
    text = page.content.decode()
    assert "Dossier médical" not in text and "AB123456" not in text and "Bennani" not in text
    assert "Your draft has been restored" not in text
    assert page.context["form"].initial["first_name"] == "Karim"
    assert draft_in(client) == {}

    # The author signs in afterwards on that browser: nothing of theirs is offered to anyone.
    client.logout()
    token = token_of(client, requester, rabat)
    client.post(form_url(rabat), form_data(subject="Dossier médical", draft_owner=token))
    page = log_in(client, requester, rabat)
    assert page.context["form"].initial["subject"] == "Dossier médical"
    assert "Your draft has been restored" in page.content.decode()


def test_a_draft_is_not_restored_to_another_user_even_without_a_sign_in(client, requester, rabat):
    """A draft planted in the session of a logged-in user by another (a forged session
    or a draft left behind) is dropped, never shown."""
    other = UserFactory()
    client.force_login(other)
    session = client.session
    session["request-draft:commune-rabat"] = {"owner": requester.pk,
                                              "fields": {"subject": "Dossier médical"}}
    session.save()
    page = client.get(form_url(rabat))
    assert "Dossier médical" not in page.content.decode()
    assert draft_in(client) == {}


def test_an_anonymous_post_without_a_valid_token_stores_nothing(client, requester, rabat):
    for token in (None, "forged", drafts.owner_token(requester) + "x"):
        data = form_data(subject="Dossier médical")
        if token:
            data["draft_owner"] = token
        response = client.post(form_url(rabat), data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert draft_in(client) == {}
    page = log_in(client, requester, rabat)
    assert "Dossier médical" not in page.content.decode()


def test_a_huge_post_stores_only_the_bounded_fields(client, requester, rabat):
    token = token_of(client, requester, rabat)
    huge = "x" * 400_000  # six of them: the 2.4 MB POST of the issue
    data = form_data(draft_owner=token, subject=huge, information_sought=huge, address=huge,
                     first_name=huge, junk=huge, other_junk=huge)
    client.post(form_url(rabat), data)
    draft = draft_in(client)[DRAFT_KEYS[0]]
    fields = draft["fields"]
    assert set(fields) <= set(drafts.KEPT_FIELDS) and "junk" not in fields
    assert len(fields["first_name"]) == 100 and len(fields["subject"]) == 255
    assert sum(len(value) for value in fields.values()) <= drafts.MAX_TOTAL
    assert "draft_owner" not in fields and "csrfmiddlewaretoken" not in fields
    stored = client.session.session_key
    assert len(Session.objects.get(session_key=stored).session_data) < 40_000


def test_signing_in_drops_other_peoples_drafts_wherever_one_lands(client, requester, rabat):
    """The drafts go at the sign-in itself, not only when the form is opened again."""
    token = token_of(client, requester, rabat)
    client.post(form_url(rabat), form_data(subject="Dossier médical", draft_owner=token))
    assert draft_in(client)
    other = UserFactory()
    response = client.post("/en/accounts/login/", {"login": other.email, "password": PASSWORD})
    assert response.status_code == 302
    assert draft_in(client) == {}


def test_the_authors_own_draft_survives_their_sign_in(client, requester, rabat):
    token = token_of(client, requester, rabat)
    client.post(form_url(rabat), form_data(subject="Dossier médical", draft_owner=token))
    client.post("/en/accounts/login/", {"login": requester.email, "password": PASSWORD})
    assert draft_in(client)["request-draft:commune-rabat"]["fields"]["subject"] == "Dossier médical"
