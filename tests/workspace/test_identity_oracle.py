"""Issue 11, point 2: the "repeated request" ground (art. 18) is no identity oracle. An
officer of body B who names an earlier request learns nothing about it unless it is a
granted request of the same requester to body B: a reference of another body's request
(of the same person or of another), a reference that does not exist and a request of
body B by another requester all get the same answer, status and message alike."""

import re
from html import unescape

import pytest

from requests_app.models import Decision, RefusalGround
from tests.factories import BodyFactory, UserFactory, decide_request, make_request, officer_of
from tests.helpers import verified

pytestmark = pytest.mark.django_db

MANAGEMENT = {"ground-TOTAL_FORMS": "3", "ground-INITIAL_FORMS": "0",
              "citation-TOTAL_FORMS": "3", "citation-INITIAL_FORMS": "0"}
NEUTRAL = ("No earlier request of this requester to this body was granted with that reference in the "
           "same year (art. 18).")


def _refuse_as_repeated(client, request, reference):
    return client.post(f"/en/workspace/requests/{request.reference}/decide/refused/", {
        **MANAGEMENT, "outcome": "refused", "confirm": "on",
        "ground-0-ground": RefusalGround.objects.get(code="repeated_request").pk,
        "ground-0-reason": "The same budget was sent to you.", "earlier_request": reference})


def _answer(response, reference):
    """What the page tells the officer: its status and its error summary, with the
    reference they typed (echoed in the field) taken out."""
    page = unescape(response.content.decode())
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    return response.status_code, (summary.group(0) if summary else "").replace(reference, "REF")


def test_every_unqualified_earlier_reference_gets_the_same_status_and_message(client):
    body_a, body_b = BodyFactory(), BodyFactory()
    person, stranger = UserFactory(), UserFactory()
    # The request being decided: the person's, at body B.
    current = make_request(body=body_b, requester=person)
    same_person_other_body = make_request(body=body_a, requester=person)
    other_person_other_body = make_request(body=body_a, requester=stranger, id_number="ZZ999999")
    other_person_same_body = make_request(body=body_b, requester=stranger, id_number="ZZ999999")
    for earlier in (same_person_other_body, other_person_other_body, other_person_same_body):
        decide_request(earlier, "granted")
    as_officer_b = verified(client, officer_of(body_b))
    answers = {
        name: _answer(_refuse_as_repeated(as_officer_b, current, reference), reference)
        for name, reference in {
            "same person, other body": same_person_other_body.reference,
            "other person, other body": other_person_other_body.reference,
            "no such request": "2026-999999",
            "other person, same body": other_person_same_body.reference,
        }.items()}
    assert len(set(answers.values())) == 1, answers
    status, summary = next(iter(answers.values()))
    assert status == 400 and NEUTRAL in summary
    assert not Decision.objects.filter(request=current).exists()


def test_the_same_persons_granted_request_at_the_same_body_qualifies(client):
    body_b = BodyFactory()
    person = UserFactory()
    earlier = make_request(body=body_b, requester=person)
    decide_request(earlier, "granted")
    current = make_request(body=body_b, requester=person)
    as_officer_b = verified(client, officer_of(body_b))
    assert _refuse_as_repeated(as_officer_b, current, earlier.reference).status_code == 302
    assert Decision.objects.get(request=current).earlier_request == earlier
