"""Two database sessions deciding the same request at once: exactly one succeeds."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from requests_app import services
from requests_app.models import Decision, InformationRequest, RefusalGround, StateChange
from tests.factories import make_request, officer_of
from tests.helpers import at_once, slow_reservations


@pytest.mark.django_db(transaction=True)
def test_two_sessions_deciding_at_once(monkeypatch, migration_data):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has no row locks; CI runs this on PostgreSQL")
    request = make_request()
    officer_a = officer_of(request.body)
    officer_b = officer_of(request.body)

    # Hold the row lock a moment inside each decision so that the two overlap.
    original = services._validate_decision

    def slow_validate(*args, **kwargs):
        time.sleep(0.5)
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "_validate_decision", slow_validate)
    barrier = threading.Barrier(2)
    outcomes = {}

    def run(name, officer, outcome, grounds):
        from django.db import connections
        from django.utils import translation

        translation.activate("en")
        barrier.wait()
        try:
            services.decide(actor=officer, information_request=request, outcome=outcome,
                            refusal_grounds=grounds)
            outcomes[name] = "ok"
        except ValidationError as exc:
            outcomes[name] = exc.messages[0]
        finally:
            connections.close_all()

    ground = [services.Ground(RefusalGround.objects.get(code="not_available"),
                              reason="The archive of that year was lost in the 2019 flood.")]
    threads = [threading.Thread(target=run, args=("a", officer_a, "granted", [])),
               threading.Thread(target=run, args=("b", officer_b, "refused", ground))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert list(outcomes.values()).count("ok") == 1
    loser = next(message for message in outcomes.values() if message != "ok")
    assert loser == "This request has already been decided."
    request = InformationRequest.objects.get(pk=request.pk)
    assert Decision.objects.filter(request=request).count() == 1
    assert request.state == Decision.objects.get(request=request).outcome
    assert StateChange.objects.filter(request=request, to_state=request.state).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_once_makes_one_request(monkeypatch, migration_data):
    """A double click: both sendings pass the first look-up of their key before either
    is saved; the unique key lets one win and the other return the winner's request."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; CI runs this on PostgreSQL")
    import uuid

    from tests.factories import BodyFactory, UserFactory

    body, requester = BodyFactory(), UserFactory()
    key = uuid.uuid4()
    slow_reservations(monkeypatch)
    made = at_once(lambda: make_request(body=body, requester=requester, submission_key=key).pk)
    assert len(made) == 2 and made[0] == made[1]
    assert InformationRequest.objects.filter(submission_key=key).count() == 1
