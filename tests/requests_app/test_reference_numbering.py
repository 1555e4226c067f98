"""Issue 11, point 10: the register's numbering keeps no hole. A form sent twice (a
double click) makes one request and consumes one reference number: the next new request
gets the next number."""

import uuid

import pytest
from django.db import connection

from requests_app import services
from requests_app.models import InformationRequest
from tests.factories import BodyFactory, UserFactory, make_request
from tests.helpers import at_once, slow_reservations


def _number(reference: str) -> int:
    return int(reference.split("-")[1])


@pytest.mark.django_db
def test_a_sequential_double_submit_consumes_no_number(monkeypatch):
    body, requester = BodyFactory(), UserFactory()
    key = uuid.uuid4()
    first = make_request(body=body, requester=requester, submission_key=key)
    again = make_request(body=body, requester=requester, submission_key=key)
    assert again.pk == first.pk
    # The second sending also missing the first one's row at its first look-up, as when
    # both are sent at the same moment: the unique key refuses its row, and the number
    # it reserved goes back.
    real = services._earlier_sending
    looked = []

    def missed_once(submission_key, who):
        looked.append(submission_key)
        return None if len(looked) == 1 else real(submission_key, who)

    monkeypatch.setattr(services, "_earlier_sending", missed_once)
    raced = make_request(body=body, requester=requester, submission_key=key)
    assert raced.pk == first.pk and len(looked) == 2
    monkeypatch.undo()
    following = make_request(body=body)
    assert _number(following.reference) == _number(first.reference) + 1
    assert InformationRequest.objects.filter(submission_key=key).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_concurrent_double_submit_consumes_no_number(monkeypatch, migration_data):
    """Two sendings of one form in two database sessions at once (PostgreSQL: run with
    DATABASE_URL=postgres://...); SQLite serialises writers, so the race cannot happen."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; CI runs this on PostgreSQL")
    body, requester = BodyFactory(), UserFactory()
    before = make_request(body=body)
    key = uuid.uuid4()
    slow_reservations(monkeypatch)
    made = at_once(lambda: make_request(body=body, requester=requester, submission_key=key))
    monkeypatch.undo()
    assert len(made) == 2 and made[0].pk == made[1].pk
    assert _number(made[0].reference) == _number(before.reference) + 1
    following = make_request(body=body)
    assert _number(following.reference) == _number(before.reference) + 2
