"""Bad input is refused with a clear message and changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from requests_app import services
from requests_app.models import (
    DeadlineChange,
    Exemption,
    Holiday,
    InformationRequest,
    ReferenceSequence,
    RefusalGround,
)
from tests.factories import IDENTITY, BodyFactory, UserFactory, at, make_request, officer_of

pytestmark = pytest.mark.django_db


def nothing_saved():
    return (InformationRequest.objects.count(), DeadlineChange.objects.count(),
            ReferenceSequence.objects.count())


@pytest.mark.parametrize("field", ["first_name", "family_name", "address", "id_number",
                                   "subject", "information_sought"])
def test_art14_field_missing_is_refused(field):
    before = nothing_saved()
    with pytest.raises(ValidationError) as error:
        make_request(**{field: ""})
    assert field in error.value.message_dict
    assert nothing_saved() == before


def test_unknown_identity_document_type_is_refused():
    with pytest.raises(ValidationError) as error:
        make_request(id_type="passport")
    assert "id_type" in error.value.message_dict
    assert InformationRequest.objects.count() == 0


def test_email_delivery_needs_an_email():
    with pytest.raises(ValidationError) as error:
        make_request(email="", delivery_preference="email")
    assert "email" in error.value.message_dict


def test_urgent_without_reason_is_refused():
    with pytest.raises(ValidationError) as error:
        make_request(is_urgent=True, urgency_reason="")
    assert "urgency_reason" in error.value.message_dict


def test_inactive_body_is_refused():
    body = BodyFactory(active=False)
    with pytest.raises(ValidationError) as error:
        make_request(body=body)
    assert "no longer receives" in str(error.value)
    assert InformationRequest.objects.count() == 0


def test_unknown_body_is_refused():
    with pytest.raises(ValidationError) as error:
        make_request(body=987654)
    assert "does not exist" in str(error.value)


def test_future_receipt_date_is_refused():
    body = BodyFactory()
    officer = officer_of(body)
    with pytest.raises(ValidationError) as error:
        services.create_request(
            actor=officer, body=body, channel="counter", subject="S", information_sought="I",
            received_at=timezone.now() + timedelta(days=2), **IDENTITY)
    assert "received_at" in error.value.message_dict
    assert nothing_saved() == (0, 0, 0)


def test_counter_request_needs_an_officer_of_the_body():
    body = BodyFactory()
    for person in (UserFactory(), officer_of(BodyFactory())):
        with pytest.raises(PermissionDenied):
            services.create_request(actor=person, body=body, channel="counter", subject="S",
                                    information_sought="I", **IDENTITY)
    assert InformationRequest.objects.count() == 0


def test_counter_request_with_past_receipt_runs_from_that_date():
    body = BodyFactory()
    officer = officer_of(body)
    request = services.create_request(
        actor=officer, body=body, channel="post", subject="Plan d'aménagement",
        information_sought="Le plan", received_at=at(date(2026, 11, 2)), **IDENTITY)
    assert request.reference.startswith("2026-")
    assert request.due_date == date(2026, 12, 2)
    assert request.requester is None


def test_portal_request_is_filed_by_the_requester_only():
    requester = UserFactory()
    with pytest.raises(PermissionDenied):
        services.create_request(actor=UserFactory(), requester=requester, body=BodyFactory(),
                                channel="portal", subject="S", information_sought="I",
                                **IDENTITY)


def test_extension_after_the_due_date_is_refused():
    request = make_request(received_on=timezone.localdate() - timedelta(days=60))
    officer = officer_of(request.body)
    with pytest.raises(ValidationError) as error:
        services.extend_deadline(actor=officer, information_request=request, ground="large_volume",
                                 reasons="Volume")
    assert "before it expires" in str(error.value)
    request.refresh_from_db(fields=["due_date", "extension_ground"])
    assert request.extension_ground == ""


def test_second_extension_is_refused():
    request = make_request()
    officer = officer_of(request.body)
    services.extend_deadline(actor=officer, information_request=request, ground="large_volume",
                             reasons="Volume")
    due = InformationRequest.objects.get(pk=request.pk).due_date
    with pytest.raises(ValidationError) as error:
        services.extend_deadline(actor=officer, information_request=request, ground="third_party",
                                 reasons="Again")
    assert "already been extended" in str(error.value)
    assert InformationRequest.objects.get(pk=request.pk).due_date == due


@pytest.mark.parametrize("ground, reasons, field", [("", "Volume", "ground"),
                                                     ("holiday", "Volume", "ground"),
                                                     ("large_volume", "  ", "reasons")])
def test_extension_needs_an_art16_ground_and_reasons(ground, reasons, field):
    request = make_request()
    officer = officer_of(request.body)
    with pytest.raises(ValidationError) as error:
        services.extend_deadline(actor=officer, information_request=request, ground=ground, reasons=reasons)
    assert field in error.value.message_dict


def refused_decision(**decision):
    """Try to decide a fresh request; return the error and the request as it stands."""
    request = make_request()
    with pytest.raises(ValidationError) as error:
        services.decide(actor=officer_of(request.body), information_request=request, **decision)
    return error.value, InformationRequest.objects.get(pk=request.pk)


def ground(code):
    return [RefusalGround.objects.get(code=code)]


def test_art18_refusal_requires_ground():
    error, request = refused_decision(outcome="refused")
    assert "refusal_grounds" in error.message_dict
    assert request.state == "submitted"


def test_art18_exemption_ground_requires_an_art7_citation():
    error, _ = refused_decision(outcome="refused", refusal_grounds=ground("exemption"))
    assert "citations" in error.message_dict


def test_art7_citation_requires_a_public_justification():
    error, request = refused_decision(
        outcome="refused", refusal_grounds=ground("exemption"),
        citations=[services.Citation(Exemption.objects.get(code="national_defence"), " ")])
    assert "public justification" in str(error)
    assert request.state == "submitted"


def test_art8_partial_grant_requires_a_citation():
    error, _ = refused_decision(outcome="partially_granted")
    assert "citations" in error.message_dict


def test_art18_already_published_requires_reference_and_place():
    error, _ = refused_decision(outcome="refused", refusal_grounds=ground("already_published"),
                                publication_reference="BO 7480")
    assert "publication_reference" in error.message_dict


def test_art18_repeated_request_must_be_same_requester_same_year():
    body = BodyFactory()
    officer = officer_of(body)
    other = make_request(body=body, id_number="ZZ999999", received_on=date(2026, 2, 2))
    services.decide(actor=officer, information_request=other, outcome="granted")
    request = make_request(body=body, received_on=date(2026, 9, 1))
    with pytest.raises(ValidationError) as error:
        services.decide(actor=officer, information_request=request, outcome="refused",
                        refusal_grounds=ground("repeated_request"), earlier_request=other)
    assert "earlier_request" in error.value.message_dict


def test_holiday_on_a_date_already_overridden_is_refused():
    Holiday.objects.create(date=date(2026, 12, 7), kind=Holiday.Kind.CLOSURE,
                           name_ar="إغلاق", name_fr="Fermeture")
    duplicate = Holiday(date=date(2026, 12, 7), kind=Holiday.Kind.CLOSURE,
                        name_ar="إغلاق آخر", name_fr="Autre fermeture")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already overridden" in str(error.value)
    assert Holiday.objects.filter(date=date(2026, 12, 7)).count() == 1


def test_holiday_row_must_be_coherent():
    with pytest.raises(ValidationError):
        Holiday(date=date(2026, 12, 8), kind=Holiday.Kind.REMOVAL, day_off=True,
                name_ar="x", name_fr="x").full_clean()
    with pytest.raises(ValidationError):
        Holiday(date=date(2026, 12, 8), kind=Holiday.Kind.CLOSURE, feast="mawlid",
                name_ar="x", name_fr="x").full_clean()
