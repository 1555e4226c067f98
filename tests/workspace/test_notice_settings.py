"""My notices: an officer chooses one e-mail per notice or a daily digest (issue 10,
point 2); the page is the designated people's only."""

import pytest

from accounts.models import User
from tests.factories import UserFactory
from tests.helpers import verified

URL = "/en/workspace/notices/"


def test_an_officer_chooses_the_daily_digest(as_officer_a, officer_a):
    page = as_officer_a.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="immediate"' in html and 'value="daily"' in html and "checked" in html
    assert officer_a.email in html  # where the notices go
    assert "My notices" in as_officer_a.get("/en/workspace/").content.decode()  # the menu's link

    response = as_officer_a.post(URL, {"notice_frequency": "daily"})
    assert response.status_code == 302 and response["Location"] == URL
    officer_a.refresh_from_db()
    assert officer_a.notice_frequency == User.NoticeFrequency.DAILY
    change = officer_a.history.first()  # kept and attributed
    assert change.notice_frequency == "daily" and change.history_user == officer_a

    response = as_officer_a.post(URL, {"notice_frequency": "hourly"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    officer_a.refresh_from_db()
    assert officer_a.notice_frequency == User.NoticeFrequency.DAILY


def test_the_head_of_a_body_has_the_page_too_in_arabic(client, head_a):
    page = verified(client, head_a).get("/ar/workspace/notices/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "إشعاراتي" in html and "كيف تريدون التوصل بإشعاراتكم؟<" in html  # no colon after the question


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_citizen_and_a_commission_member_are_refused(client, db, method):
    citizen = UserFactory()
    assert getattr(verified(client, citizen), method)(URL, {"notice_frequency": "daily"}).status_code == 403
    member = UserFactory(commission_role=User.CommissionRole.REVIEWER)
    response = getattr(verified(client, member), method)(URL, {"notice_frequency": "daily"})
    assert response.status_code == 403  # no body, no notices
    assert "My notices" not in client.get("/en/workspace/").content.decode()
    for user in (citizen, member):
        user.refresh_from_db()
        assert user.notice_frequency == User.NoticeFrequency.IMMEDIATE


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.post(URL, {"notice_frequency": "daily"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
