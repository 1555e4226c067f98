"""Issue 13, point 1: the 19 categories of art. 10 and each body's register of proactive
publication, kept by its officers, with the compliance figures, public in every language
without a person's data."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from accounts.models import Designation
from proactive.models import Art10Category, RegisterEntry
from proactive.register import selectors, services
from tests.factories import BodyFactory, DesignationFactory, UserFactory, officer_of
from tests.helpers import verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def body():
    return BodyFactory(code="commune-rabat", name_fr="Commune de Rabat")


@pytest.fixture
def officer(body):
    return officer_of(body, user__first_name="Karima", user__last_name="Tazi",
                      user__email="karima.tazi@example.ma")


def category(number):
    return Art10Category.objects.get(number=number)


def add(officer, body, number=16, **overrides):
    data = {"category": category(number), "title": "Rapport annuel 2025", "description": "Le rapport.",
            "url": "https://rabat.ma/rapport-2025.pdf", "formats": "PDF", "licence": "Licence ouverte",
            "published_on": date(2026, 1, 15), "update_frequency": RegisterEntry.Frequency.YEARLY}
    data.update(overrides)
    return services.add_entry(actor=officer, body=body, **data)


# -- the categories -----------------------------------------------------------------------


def test_the_19_categories_are_loaded_in_three_languages():
    categories = list(Art10Category.objects.all())
    assert [item.number for item in categories] == list(range(1, 20))
    for item in categories:
        assert item.name_ar and item.name_fr and item.name_en and item.item
        assert any("\u0600" <= char <= "\u06ff" for char in item.name_ar)
    assert category(1).name_ar.startswith("الاتفاقيات")
    assert "السجل التجاري المركزي" in category(18).name_ar
    assert "marchés publics" in category(13).name_fr
    with translation.override("fr"):
        assert category(17).name == "Les statistiques économiques et sociales"
    with translation.override("ar"):
        assert category(17).name == "الإحصائيات الاقتصادية والاجتماعية"


# -- the services -------------------------------------------------------------------------


def test_an_officer_of_the_body_adds_and_changes_an_entry_with_history(body, officer):
    entry = add(officer, body)
    assert entry.created_by == officer and entry.updated_by == officer
    assert entry.next_update_due == date(2027, 1, 15)
    services.change_entry(actor=officer, entry=entry, title="Rapport annuel 2025 (révisé)",
                          update_frequency=RegisterEntry.Frequency.QUARTERLY)
    entry.refresh_from_db()
    assert entry.title == "Rapport annuel 2025 (révisé)"
    assert entry.next_update_due == date(2026, 4, 15)
    services.retire_entry(actor=officer, entry=entry)
    assert not RegisterEntry.objects.current().exists()
    assert entry.history.count() == 3


@pytest.mark.parametrize(("frequency", "due"), [
    ("once", None), ("when_changed", None), ("weekly", date(2026, 2, 7)),
    ("monthly", date(2026, 2, 28)), ("quarterly", date(2026, 4, 30)),
    ("half_yearly", date(2026, 7, 31)), ("yearly", date(2027, 1, 31)),
])
def test_next_update_due_follows_the_frequency(body, officer, frequency, due):
    entry = add(officer, body, published_on=date(2026, 1, 31), update_frequency=frequency)
    assert entry.next_update_due == due


def test_others_may_not_keep_the_register(body, officer):
    other_body = BodyFactory()
    entry = add(officer, body)
    ex_officer = officer_of(body)
    Designation.objects.filter(user=ex_officer).update(ends_on=timezone.localdate() - timedelta(days=1))
    DesignationFactory(user=ex_officer, body=other_body)
    head = DesignationFactory(body=body, role=Designation.Role.HEAD_OF_BODY).user
    for outsider in (officer_of(other_body), ex_officer, UserFactory(), head):
        with pytest.raises(PermissionDenied):
            add(outsider, body)
        with pytest.raises(PermissionDenied):
            services.change_entry(actor=outsider, entry=entry, title="Autre")
        with pytest.raises(PermissionDenied):
            services.retire_entry(actor=outsider, entry=entry)
    entry.refresh_from_db()
    assert entry.title == "Rapport annuel 2025" and entry.retired_at is None


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://rabat.ma/rapport.pdf",
                                 "data:text/html,<b>x</b>", "file:///etc/passwd", "rabat.ma"])
def test_a_link_that_is_not_http_is_refused(body, officer, url):
    with pytest.raises(ValidationError) as refused:
        add(officer, body, url=url)
    assert "url" in refused.value.error_dict
    assert not RegisterEntry.objects.exists()


# -- compliance ---------------------------------------------------------------------------


def test_compliance_per_body_and_nationally(body, officer):
    silent = BodyFactory(name_fr="Agence muette")
    add(officer, body, number=16)
    add(officer, body, number=16, title="Rapport 2024", published_on=date(2025, 1, 1))  # due 2026-01-01
    add(officer, body, number=7, title="Organigramme", update_frequency="when_changed")
    retired = add(officer, body, number=17, title="Statistiques")
    services.retire_entry(actor=officer, entry=retired)
    figures = selectors.compliance(date(2026, 6, 1))
    rows = {row.body: row for row in figures.bodies}
    assert (rows[body].covered, rows[body].entries, rows[body].out_of_date) == (2, 3, 1)
    assert (rows[silent].covered, rows[silent].entries) == (0, 0)
    assert silent in [row.body for row in figures.with_nothing]
    assert body not in [row.body for row in figures.with_nothing]
    assert figures.out_of_date == 1 and figures.entries == 3
    # A year later, the yearly report is late too.
    assert selectors.body_compliance(body, date(2027, 2, 1)).out_of_date == 2


# -- pages --------------------------------------------------------------------------------


def test_an_officer_adds_and_edits_in_the_workspace(body, officer):
    client = verified(Client(), officer)
    dashboard = client.get(reverse("workspace:dashboard"))
    page_url = reverse("proactive:workspace_register", kwargs={"code": body.code})
    assert page_url in dashboard.content.decode()
    assert client.get(page_url).status_code == 200
    data = {"category": category(9).pk, "language": "fr", "title": "Liste des services", "url": "https://rabat.ma/services",
            "formats": "HTML", "licence": "", "published_on": "2026-03-01", "update_frequency": "monthly",
            "description": ""}
    response = client.post(reverse("proactive:entry_new", kwargs={"code": body.code}), data)
    assert response.status_code == 302
    entry = RegisterEntry.objects.get()
    assert (entry.body, entry.created_by, entry.next_update_due) == (body, officer, date(2026, 4, 1))
    response = client.post(reverse("proactive:entry_edit", kwargs={"code": body.code, "pk": entry.pk}),
                           {**data, "url": "javascript:alert(1)"})
    assert response.status_code == 400
    response = client.post(reverse("proactive:entry_edit", kwargs={"code": body.code, "pk": entry.pk}),
                           {**data, "title": "Services aux usagers"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Services aux usagers" and entry.url == "https://rabat.ma/services"
    assert "Services aux usagers" in client.get(page_url).content.decode()


def test_an_officer_of_another_body_finds_no_register_to_keep(body, officer):
    entry = add(officer, body)
    client = verified(Client(), officer_of(BodyFactory()))
    assert client.get(reverse("proactive:workspace_register", kwargs={"code": body.code})).status_code == 404
    response = client.post(reverse("proactive:entry_edit", kwargs={"code": body.code, "pk": entry.pk}),
                           {"title": "Autre"})
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.title == "Rapport annuel 2025"


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_public_pages_show_the_register_and_no_person(body, officer, language):
    add(officer, body, number=16)
    add(officer, body, number=2, title="Arrêté municipal", published_on=date(2020, 1, 1))
    silent = BodyFactory(name_fr="Agence muette", name_ar="وكالة صامتة")
    client = Client()
    compliance, register, body_page = (
        client.get(f"/{language}/proactive/"), client.get(f"/{language}/proactive/{body.code}/"),
        client.get(f"/{language}/bodies/{body.code}/"))
    for page in (compliance, register):
        assert page.status_code == 200
        text = page.content.decode()
        for personal in ("Karima", "Tazi", "karima.tazi@example.ma", "created", "updated"):
            assert personal not in text
    compliance, register, body_page = (page.content.decode() for page in (compliance, register, body_page))
    assert (silent.name_ar if language == "ar" else silent.name_fr) in compliance
    assert "Rapport annuel 2025" in register and "https://rabat.ma/rapport-2025.pdf" in register
    assert escape(category(16).name_ar if language == "ar" else category(16).name_fr) in register
    assert f"/{language}/proactive/{body.code}/" in body_page
    if language == "fr":
        assert "2 sur 19" in register and "Publication proactive (art. 10)" in body_page
    # The 2020 decree, yearly, is out of date; the 2026 report is not.
    assert selectors.body_compliance(body, timezone.localdate()).out_of_date == 1
