import pytest

from tests.factories import BodyFactory, officer_of

from .fake_ckan import FakeCKAN


@pytest.fixture
def body():
    """The commune the proactive tests publish for (shadowing the suite's ``body``)."""
    return BodyFactory(code="commune-rabat", name_fr="Commune de Rabat")


@pytest.fixture
def officer(body):
    return officer_of(body)


@pytest.fixture
def fake_ckan(settings):
    """A CKAN-shaped Action API on 127.0.0.1, and the settings pointing at it (private
    addresses allowed: the test's own server)."""
    with FakeCKAN() as portal:
        settings.NAFIDA_CKAN_URL = portal.url
        settings.NAFIDA_CKAN_API_KEY = "test-api-token"
        settings.NAFIDA_CKAN_TIMEOUT = 2
        settings.NAFIDA_CKAN_RETRY_SECONDS = 1
        settings.NAFIDA_CKAN_MAX_RETRIES = 3
        settings.NAFIDA_ALLOW_PRIVATE_ADDRESSES = True
        yield portal
