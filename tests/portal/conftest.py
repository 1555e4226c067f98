import pytest

from tests.factories import BodyFactory, UserFactory


@pytest.fixture
def requester(db):
    return UserFactory(first_name="Youssef", last_name="Bennani", address="12 rue Oued Sebou, Rabat",
                       id_type="cin", id_number="AB123456", phone="+212600000000")


@pytest.fixture
def logged_in(client, requester):
    client.force_login(requester)
    return client


@pytest.fixture
def rabat(db):
    return BodyFactory(code="commune-rabat", name_ar="جماعة الرباط", name_fr="Commune de Rabat",
                       name_en="Rabat commune")
