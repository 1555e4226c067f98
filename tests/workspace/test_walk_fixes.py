"""Found walking the merged issue 10 in Chromium: an urgent request's time left is told
in the calendar days art. 17 counts, and the workspace forms' way back keeps the
reference left to right in Arabic."""

import pytest
from django.utils import timezone

from requests_app.models import InformationRequest
from tests.factories import make_request

pytestmark = pytest.mark.django_db

URGENT = dict(is_urgent=True, urgency_reason=InformationRequest.UrgencyReason.LIFE,
              urgency_explanation="A patient needs the file.")


def left_text(request) -> str:
    left = (request.due_date - timezone.localdate()).days
    return f"{left} calendar day{'' if left == 1 else 's'} left"


def test_an_urgent_request_counts_its_time_left_in_calendar_days(as_officer_a, body_a):
    request = make_request(body=body_a, **URGENT)
    expected = left_text(request)
    for url in ("/en/workspace/", f"/en/workspace/requests/{request.reference}/"):
        content = as_officer_a.get(url).content.decode()
        assert expected in content, url
        assert "working days left" not in content and "working day left" not in content, url
    french = as_officer_a.get(f"/fr/workspace/requests/{request.reference}/").content.decode()
    assert "calendaire" in french and "jours ouvrables" not in french.split("Date limite")[1][:300]


def test_an_urgent_request_tells_its_requester_calendar_days(client, body_a):
    from tests.helpers import verified

    request = make_request(body=body_a, **URGENT)
    verified(client, request.requester)
    content = client.get(f"/en/requests/{request.reference}/").content.decode()
    assert left_text(request) in content


def test_an_ordinary_request_still_counts_working_days(as_officer_a, request_a):
    content = as_officer_a.get(f"/en/workspace/requests/{request_a.reference}/").content.decode()
    assert "20 working days left" in content


@pytest.mark.parametrize("form", ["extend", "consult", "reclassify", "public-subject", "decide/refused"])
def test_the_way_back_keeps_the_reference_left_to_right_in_arabic(as_officer_a, body_a, form):
    request = make_request(body=body_a, **URGENT)
    content = as_officer_a.get(f"/ar/workspace/requests/{request.reference}/{form}/").content.decode()
    assert f"العودة إلى الطلب \u2066{request.reference}\u2069" in content


def test_a_portal_request_offers_its_acknowledgement_of_receipt_not_a_counter_receipt(as_officer_a, body_a):
    """Art. 14: a request deposited at the counter gets a receipt (وصل); one filed on the
    portal, by post or by e-mail an acknowledgement of receipt (إشعار بالتوصل), as the
    document itself is titled."""
    request = make_request(body=body_a)
    content = as_officer_a.get(f"/ar/workspace/requests/{request.reference}/").content.decode()
    assert "الإشعار بالتوصل (PDF)" in content and "الوصل (PDF)" not in content
    french = as_officer_a.get(f"/fr/workspace/requests/{request.reference}/").content.decode()
    assert "Accusé de réception (PDF)" in french and "Récépissé (PDF)" not in french


def test_the_requester_downloads_the_acknowledgement_of_receipt(client, body_a):
    from tests.helpers import verified

    request = make_request(body=body_a)
    verified(client, request.requester)
    content = client.get(f"/fr/requests/{request.reference}/").content.decode()
    assert "Télécharger l'accusé de réception (PDF)" in content and "récépissé" not in content
