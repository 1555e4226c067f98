"""The identity document's number (art. 14; art. 4 for foreigners legally resident)
checked for the format of its kind, with a clear message and nothing saved."""

import pytest
from django.core.exceptions import ValidationError

from accounts.identity import FORMATS
from accounts.models import IdentityDocument
from requests_app.models import InformationRequest
from tests.factories import UserFactory, make_request

pytestmark = pytest.mark.django_db


def test_every_kind_of_identity_document_has_its_format():
    assert set(FORMATS) == set(IdentityDocument.values)


@pytest.mark.parametrize("id_type, typed, kept", [
    ("cin", "AB123456", "AB123456"), ("cin", "a123456", "A123456"), ("cin", "bk 12345", "BK12345"),
    ("cin", "AB-123-456", "AB123456"), ("residence", "E1234567", "E1234567"),
    ("residence", "ab 12345678", "AB12345678"),
])
def test_a_well_formed_number_is_kept_in_capitals_without_separators(id_type, typed, kept):
    assert make_request(id_type=id_type, id_number=typed).id_number == kept


@pytest.mark.parametrize("id_type, typed, words", [
    ("cin", "123456", "one or two letters followed by up to six digits"),
    ("cin", "ABC12345", "one or two letters followed by up to six digits"),
    ("cin", "AB1234567", "one or two letters followed by up to six digits"),
    ("cin", "AB12345X", "one or two letters followed by up to six digits"),
    ("residence", "12345678", "four to eight digits"),
    ("residence", "E123", "four to eight digits"),
])
def test_a_malformed_number_is_refused_with_nothing_saved(id_type, typed, words):
    with pytest.raises(ValidationError) as error:
        make_request(id_type=id_type, id_number=typed)
    assert words in " ".join(error.value.message_dict["id_number"])
    assert not InformationRequest.objects.exists()


def test_the_profile_refuses_a_malformed_number(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/en/accounts/profile/", {
        "first_name": "Youssef", "last_name": "Bennani", "address": "12 rue Oued Sebou",
        "id_type": "residence", "id_number": "R12", "phone": "", "preferred_language": "fr"})
    assert response.status_code in (200, 400)
    assert "A residence card number is one or two letters" in response.content.decode()
    user.refresh_from_db()
    assert user.id_number == ""
