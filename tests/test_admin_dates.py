"""Dates are read day first in every language (config/formats): 01/12/2026 typed in the
Arabic or English admin is 1 December, not 12 January. Only what cannot be misread is
accepted: dd/mm/yyyy and ISO yyyy-mm-dd; a month-first date or a two-digit year is
refused, and nothing is saved."""

from datetime import date

import pytest
from django.utils import translation

from requests_app.models import Holiday
from requests_app.workspace.forms import ConsultForm, DesignateForm
from tests.factories import UserFactory
from tests.helpers import verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    verified(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def holiday_data(day: str) -> dict:
    return {"date": day, "day_off": "on", "kind": "closure", "feast": "",
            "name_ar": "عطلة استثنائية", "name_fr": "Fermeture exceptionnelle", "name_en": "",
            "source": "Communiqué du Chef du gouvernement"}


@pytest.mark.parametrize("language", ["ar", "en", "fr"])
@pytest.mark.parametrize("typed", ["01/12/2026", "2026-12-01"])
def test_a_date_typed_in_the_admin_is_read_day_first(staff_client, language, typed):
    response = staff_client.post(f"/{language}/admin/requests_app/holiday/add/", holiday_data(typed))
    assert response.status_code == 302
    assert Holiday.objects.filter(name_fr="Fermeture exceptionnelle").get().date == date(2026, 12, 1)


@pytest.mark.parametrize("language", ["ar", "en", "fr"])
@pytest.mark.parametrize("typed", ["12/31/2026", "01/12/26", "Dec 1 2026"])
def test_a_date_that_could_be_misread_is_refused(staff_client, language, typed):
    response = staff_client.post(f"/{language}/admin/requests_app/holiday/add/", holiday_data(typed))
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not Holiday.objects.filter(name_fr="Fermeture exceptionnelle").exists()


@pytest.mark.parametrize("language", ["ar", "en", "fr"])
def test_the_admin_shows_a_saved_date_day_first(staff_client, language):
    holiday = Holiday.objects.create(date=date(2026, 12, 1), kind=Holiday.Kind.CLOSURE, name_ar="إغلاق",
                                     name_fr="Fermeture", source="Communiqué")
    page = staff_client.get(f"/{language}/admin/requests_app/holiday/{holiday.pk}/change/").content.decode()
    assert 'value="01/12/2026"' in page


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_the_workspace_date_pickers_are_given_iso_dates(language):
    # <input type="date"> shows nothing of a value that is not ISO.
    with translation.override(language):
        field = str(ConsultForm(initial={"asked_on": date(2026, 12, 1)})["asked_on"])
        assert 'type="date"' in field and 'value="2026-12-01"' in field
        form = DesignateForm(data={"email": "x@example.ma", "decision_reference": "D-1",
                                   "decision_date": "12/31/2026", "starts_on": "2026-12-01"})
        assert not form.is_valid() and "decision_date" in form.errors
        assert form.cleaned_data["starts_on"] == date(2026, 12, 1)
