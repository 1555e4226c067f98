import pytest

from tests.factories import BodyFactory, head_of, make_request, officer_of
from tests.helpers import verified


@pytest.fixture
def body_a(db):
    return BodyFactory(code="commune-rabat", name_ar="جماعة الرباط", name_fr="Commune de Rabat")


@pytest.fixture
def body_b(db):
    return BodyFactory(code="commune-sale", name_fr="Commune de Salé")


@pytest.fixture
def officer_a(body_a):
    return officer_of(body_a)


@pytest.fixture
def officer_b(body_b):
    return officer_of(body_b)


@pytest.fixture
def head_a(body_a):
    return head_of(body_a)


@pytest.fixture
def as_officer_a(client, officer_a):
    return verified(client, officer_a)


@pytest.fixture
def request_a(body_a):
    return make_request(body=body_a, subject="Budget de Rabat 2025")
