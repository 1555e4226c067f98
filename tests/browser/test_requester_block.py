"""Found walking issue 10: on the officer's request page in Arabic, the requester's
address, e-mail and phone (left-to-right values) sat at the far left of the page, away
from their labels; each is isolated inside a right-aligned line instead."""

import pytest
from django.conf import settings

from tests.factories import BodyFactory, make_request, officer_of
from tests.helpers import verified

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_requesters_contact_sits_beside_its_label_in_arabic(context, live_server, client, migration_data):
    body = BodyFactory(code="commune-rabat", name_ar="جماعة الرباط")
    request = make_request(body=body)
    verified(client, officer_of(body))
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/workspace/requests/{request.reference}/")
    for value in (request.address, request.email, request.phone):
        gap = page.evaluate("""(value) => {
            const line = [...document.querySelectorAll("dd")].find(dd => dd.textContent.includes(value));
            const range = document.createRange();
            range.selectNodeContents(line);
            return line.getBoundingClientRect().right - range.getBoundingClientRect().right;
        }""", value)
        # Right to left: the value ends at the right edge of its line, by its label.
        assert abs(gap) < 2, (value, gap)
