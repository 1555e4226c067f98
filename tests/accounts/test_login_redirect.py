"""Where each person lands after logging in: officers, heads of bodies and Commission
members on their workspace, requesters on their requests; an explicit ``next`` first."""

import pytest

from accounts.models import User
from tests.factories import BodyFactory, UserFactory, head_of, officer_of
from tests.helpers import PASSWORD, authenticator, code

pytestmark = pytest.mark.django_db


def log_in(client, user, language="en", **extra):
    return client.post(f"/{language}/accounts/login/", {"login": user.email, "password": PASSWORD,
                                                        **extra})


def test_a_requester_lands_on_my_requests(client):
    response = log_in(client, UserFactory())
    assert response.status_code == 302 and response["Location"] == "/en/requests/mine/"


@pytest.mark.parametrize("make", [
    lambda: officer_of(BodyFactory()),
    lambda: head_of(BodyFactory()),
    lambda: UserFactory(commission_role=User.CommissionRole.REVIEWER),
], ids=["officer", "head of body", "Commission member"])
def test_staff_land_on_the_workspace_after_their_code(client, make):
    person = make()
    authenticator(person)
    response = log_in(client, person, language="ar")
    assert response["Location"] == "/ar/accounts/2fa/authenticate/"
    response = client.post(response["Location"], {"code": code(person)})
    assert response.status_code == 302 and response["Location"] == "/ar/workspace/"
    assert client.get("/ar/workspace/").status_code == 200


def test_staff_without_an_authenticator_land_on_the_workspace_which_asks_for_one(client):
    officer = officer_of(BodyFactory())
    response = log_in(client, officer)
    assert response["Location"] == "/en/workspace/"
    assert client.get("/en/workspace/")["Location"].startswith("/en/accounts/2fa/enrol/")


def test_an_ended_designation_lands_on_my_requests(client):
    from datetime import date

    officer = officer_of(BodyFactory(), ends_on=date(2025, 6, 30))
    assert log_in(client, officer)["Location"] == "/en/requests/mine/"


def test_next_comes_first(client):
    person = UserFactory()
    response = log_in(client, person, next="/en/register/")
    assert response["Location"] == "/en/register/"


def test_the_home_page_staff_link_leads_to_the_workspace(client):
    page = client.get("/ar/").content.decode()
    assert 'href="/ar/workspace/"' in page and 'href="/ar/admin/"' not in page
