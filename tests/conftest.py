import pytest
from django.utils import translation

from requests_app.clock import calendar


@pytest.fixture(autouse=True)
def english_messages():
    """Assertions read messages in English; the Arabic and French are tested apart."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_cache():
    """allauth keeps its rate limits and the TOTP codes already used in the cache: each
    test starts with none, as each test starts with its own rows."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def fresh_legal_calendar():
    """Each test's Holiday rows are rolled back at its end: forget the index built
    from them, as another process would after its re-check."""
    calendar.invalidate()
    yield
    calendar.invalidate()


@pytest.fixture
def body(db):
    from tests.factories import BodyFactory

    return BodyFactory()


@pytest.fixture
def officer(body):
    from tests.factories import officer_of

    return officer_of(body)


@pytest.fixture
def citizen(db):
    from tests.factories import UserFactory

    return UserFactory()


@pytest.fixture
def migration_data(transactional_db):
    """Transactional tests run on a database emptied after each of them (``flush``):
    put back the rows the data migrations load (the law's catalogue and the observed
    holidays). Django's ``serialized_rollback`` would too, but it clashes with the
    content types that a flush re-creates, as soon as tests of both kinds are mixed."""
    import importlib

    from django.apps import apps

    for name in ("0002_law_catalogue", "0003_observed_holidays", "0013_holiday_estimated_body_kinds",
                 "0018_several_decisions_reopening", "0019_proactive_publications"):
        importlib.import_module(f"requests_app.migrations.{name}").load(apps, None)
    importlib.import_module("proactive.migrations.0002_load_the_19_categories_of_art_10").load(apps, None)
    calendar.invalidate()


@pytest.fixture
def real_broker():
    """The suite runs tasks eagerly; tests with a worker (tests/worker.py) send them to
    the configured broker."""
    from config.celery import app

    app.conf.task_always_eager = False
    app.control.purge()
    yield
    app.control.purge()
    app.conf.task_always_eager = True
