"""What is public, and the requester knows it: the filing form lists what the register
publishes (read from the register's own list), the body masks personal data written
into the subject before it reaches the register, its feed and its CSV (recorded), and a
personal-data notice (Law No. 09-08) is on the form and the receipt."""

import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from requests_app import services
from requests_app.models import Decision, InformationRequest
from requests_app.pdf import receipt_pdf
from requests_app.register.selectors import PUBLIC_FIELDS, PUBLISHED
from tests.factories import BodyFactory, decide_request, make_request, officer_of
from tests.helpers import pdftotext, verified

pytestmark = pytest.mark.django_db

SUBJECT = "Dossier médical de Karim Tazi, détenu à Oukacha"
MASKED = "Dossier médical de […], détenu à Oukacha"


@pytest.fixture
def urgent(rabat):
    return make_request(body=rabat, subject=SUBJECT, is_urgent=True, urgency_reason="liberty")


@pytest.fixture
def officer(rabat):
    return officer_of(rabat)


def test_the_officer_masks_the_name_when_deciding_and_the_register_feed_and_csv_show_the_masked_subject(
        client, urgent, officer, requester):
    page = verified(client, officer)
    response = page.post(f"/en/workspace/requests/{urgent.reference}/decide/refused/", {
        "outcome": "refused", "refusal_grounds": [], "confirm": "on",
        "mask-masked_in_subject": "karim tazi",
        "citation-TOTAL_FORMS": "0", "citation-INITIAL_FORMS": "0"})
    # A refusal without a ground is refused: and nothing of the masking is saved either.
    assert response.status_code == 400
    urgent.refresh_from_db()
    assert urgent.public_subject == SUBJECT and urgent.subject_masked_by is None
    decide_request(urgent, "refused", officer=officer, masked_in_subject=["karim tazi"])
    urgent.refresh_from_db()
    assert (urgent.subject, urgent.public_subject) == (SUBJECT, MASKED)
    client.logout()
    for url in ("/en/register/", f"/en/register/{urgent.reference}/", "/en/register/feed/",
                "/en/register/export.csv", f"/en/bodies/{urgent.body.code}/"):
        content = client.get(url).content.decode()
        assert "Oukacha" in content, url
        assert "Karim" not in content and "Tazi" not in content, url
    # Searching the register for the masked name finds nothing.
    assert "Oukacha" not in client.get("/en/register/", {"q": "Tazi"}).content.decode()
    # The requester and the body still see the subject as written.
    client.force_login(urgent.requester)
    assert SUBJECT in client.get(f"/en/requests/{urgent.reference}/").content.decode()
    content = verified(client, officer).get(f"/en/workspace/requests/{urgent.reference}/").content.decode()
    assert SUBJECT in content and MASKED in content


def test_the_public_pages_read_only_the_public_subject():
    assert "public_subject" in PUBLIC_FIELDS and "subject" not in PUBLIC_FIELDS


def test_the_masking_is_recorded_with_who_and_when(client, urgent, officer):
    page = verified(client, officer)
    response = page.post(f"/en/workspace/requests/{urgent.reference}/public-subject/",
                         {"masked_in_subject": "Karim Tazi\nOukacha"})
    assert response.status_code == 302
    urgent.refresh_from_db()
    assert urgent.public_subject == "Dossier médical de […], détenu à […]"
    assert urgent.subject_masked_by == officer and urgent.subject_masked_at is not None
    record = urgent.history.first()
    assert (record.history_user, record.public_subject) == (officer, urgent.public_subject)
    assert "Law 09-08" in record.history_change_reason
    assert urgent.history.filter(public_subject=SUBJECT).exists(), "the former version is kept"
    # Another body's officer cannot, nor can the requester through the workspace.
    other = verified(client, officer_of(BodyFactory()))
    assert other.post(f"/en/workspace/requests/{urgent.reference}/public-subject/",
                      {"masked_in_subject": "Dossier"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.mask_subject(actor=urgent.requester, information_request=urgent,
                              masked_in_subject=["Dossier"])


@pytest.mark.parametrize("phrases, message", [
    ([SUBJECT], "leaves nothing of the subject"),
    (["Dossier médical de Karim Tazi", "détenu à Oukacha"], "leaves nothing of the subject"),
    (["Ahmed"], "Not found in the subject"),
])
def test_a_masking_that_empties_the_subject_or_masks_what_is_not_there_is_refused(client, urgent, officer,
                                                                                    phrases, message):
    page = verified(client, officer)
    response = page.post(f"/en/workspace/requests/{urgent.reference}/public-subject/",
                         {"masked_in_subject": "\n".join(phrases)})
    assert response.status_code == 400 and message in response.content.decode()
    # When deciding: neither the decision nor the masking is saved.
    with pytest.raises(ValidationError, match=message):
        decide_request(urgent, "refused", officer=officer, masked_in_subject=phrases)
    urgent.refresh_from_db()
    assert urgent.public_subject == SUBJECT and urgent.subject_masked_at is None
    assert urgent.state == InformationRequest.State.SUBMITTED and not Decision.objects.exists()


@pytest.mark.parametrize("language, words", [
    ("fr", ["Une fois votre demande tranchée", "Jamais publiés", "Numéro de la pièce d'identité",
            "Vos données personnelles (loi n° 09-08)", "CNDP", "D-123/2026"]),
    ("ar", ["لا يُنشر أبدا", "رقم وثيقة الهوية", "المعطيات ذات الطابع الشخصي", "09.08", "D-123/2026"]),
])
@override_settings(NAFIDA_CNDP_AUTHORISATION="D-123/2026")
def test_the_filing_form_says_what_becomes_public_and_gives_the_personal_data_notice(
        logged_in, rabat, language, words):
    content = html.unescape(logged_in.get(f"/{language}/requests/new/{rabat.code}/").content.decode())
    for word in words:
        assert word in content, word
    # The list is the register's own: each thing it publishes is named.
    from django.utils import translation
    with translation.override(language):
        for item in PUBLISHED:
            assert str(item.label) in content


@override_settings(NAFIDA_CNDP_AUTHORISATION="D-123/2026")
def test_the_receipt_carries_the_personal_data_notice(rabat):
    text = pdftotext(receipt_pdf(make_request(body=rabat)))
    assert "Vos données personnelles (loi n° 09-08)" in text
    assert "responsables du traitement" in text.lower()
    assert "المعطيات ذات الطابع الشخصي" in text
    assert text.count("D-123/2026") == 2  # in the Arabic and the French notice


@override_settings(NAFIDA_CNDP_AUTHORISATION="")
def test_without_a_cndp_number_the_notice_invents_none_and_the_deploy_check_warns(rabat):
    from django.core.checks import run_checks

    text = pdftotext(receipt_pdf(make_request(body=rabat)))
    assert "Vos données personnelles (loi n° 09-08)" in text
    assert "CNDP n°" not in text and "XXX" not in text
    assert [message.id for message in run_checks(include_deployment_checks=True)
            if message.id.startswith("nafida.")] == ["nafida.W001"]
    with override_settings(NAFIDA_CNDP_AUTHORISATION="D-123/2026"):
        assert not [message for message in run_checks(include_deployment_checks=True)
                    if message.id == "nafida.W001"]
