"""Issue 13, point 6: when enough answered requests to one body ask for similar
information, its officers are prompted to publish it proactively; the prompt is tracked
until a register entry exists or it is dismissed with a reason."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from proactive.models import Art10Category, PublicationPrompt, RegisterEntry
from proactive.prompts import services
from proactive.prompts.similarity import similarity, tokens
from tests.factories import BodyFactory, UserFactory, decide_request, make_request, officer_of
from tests.helpers import verified

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.NAFIDA_PROMPT_THRESHOLD = 3
    settings.NAFIDA_PROMPT_SIMILARITY = 0.5
    return 3


def answered(body, subject, outcome="granted", officer=None):
    request = make_request(body=body, subject=subject)
    decide_request(request, outcome, officer=officer)
    return request


def test_similar_subjects_are_found_across_years_accents_and_arabic_prefixes():
    assert tokens("Le budget de la commune 2025") == {"budget", "commune"}
    assert similarity("Budget de la commune 2024", "budget de la Commune 2025") == 1.0
    assert similarity("ميزانية الجماعة", "بالميزانية وللجماعة") == 1.0
    assert similarity("Marchés publics de voirie", "marches publics voirie") == 1.0
    assert similarity("Budget de la commune", "Qualité de l'eau potable") == 0.0


def test_a_prompt_opens_at_the_threshold_and_grows_with_similar_requests(body, officer):
    answered(body, "Budget de la commune 2023", officer=officer)
    answered(body, "Budget de la commune 2024", officer=officer)
    answered(body, "Qualité de l'eau potable", officer=officer)
    assert not PublicationPrompt.objects.exists()  # two similar: below the threshold
    third = answered(body, "Le budget de la commune 2025", officer=officer)
    prompt = PublicationPrompt.objects.get()
    assert prompt.body == body and prompt.state == "open"
    assert prompt.subject == "Budget de la commune 2023"
    assert prompt.requests.count() == 3 and third in prompt.requests.all()
    fourth = answered(body, "budget commune 2026", officer=officer)
    assert PublicationPrompt.objects.count() == 1 and fourth in prompt.requests.all()
    assert prompt.history.count() == 2  # opened, extended


def test_refusals_and_other_bodies_requests_do_not_count(body, officer):
    other = BodyFactory()
    answered(body, "Budget de la commune 2023", officer=officer)
    answered(body, "Budget de la commune 2024", "refused", officer=officer)
    answered(other, "Budget de la commune 2025")
    answered(other, "Budget de la commune 2026")
    assert not PublicationPrompt.objects.exists()


def test_the_threshold_is_a_setting(settings, body, officer):
    settings.NAFIDA_PROMPT_THRESHOLD = 2
    answered(body, "Budget de la commune 2023", officer=officer)
    answered(body, "Budget de la commune 2024", officer=officer)
    assert PublicationPrompt.objects.get().requests.count() == 2


@pytest.fixture
def prompt(body, officer):
    for year in (2023, 2024, 2025):
        answered(body, f"Budget de la commune {year}", officer=officer)
    return PublicationPrompt.objects.get()


def test_dismissing_requires_a_reason_and_is_kept_in_history(prompt, officer):
    with pytest.raises(ValidationError):
        services.dismiss(actor=officer, prompt=prompt, reason="   ")
    prompt.refresh_from_db()
    assert prompt.state == "open"
    services.dismiss(actor=officer, prompt=prompt, reason="Déjà publié au bulletin officiel.")
    prompt.refresh_from_db()
    assert prompt.state == "dismissed" and prompt.resolved_by == officer
    assert [row.state for row in prompt.history.order_by("history_date")] == ["open", "dismissed"]
    with pytest.raises(ValidationError):
        services.dismiss(actor=officer, prompt=prompt, reason="Encore.")


def test_dismissed_requests_do_not_prompt_again(prompt, body, officer):
    services.dismiss(actor=officer, prompt=prompt, reason="Non.")
    answered(body, "Budget de la commune 2026", officer=officer)
    assert PublicationPrompt.objects.count() == 1


def test_a_citizen_or_another_bodys_officer_cannot_act(prompt, client):
    for person in (UserFactory(), officer_of(BodyFactory())):
        with pytest.raises(PermissionDenied):
            services.dismiss(actor=person, prompt=prompt, reason="Non.")
    verified(client, officer_of(BodyFactory()))
    for name in ("proactive:prompt", "proactive:prompt_publish"):
        assert client.get(reverse(name, args=[prompt.pk])).status_code == 404
    assert (
        client.post(reverse("proactive:prompt_dismiss", args=[prompt.pk]), {"reason": "x"}).status_code == 404
    )
    assert PublicationPrompt.objects.get().state == "open"


def test_information_already_on_the_register_closes_the_prompt_with_that_entry(prompt, body, officer, client):
    from datetime import date

    from proactive.models import Art10Category
    from proactive.register import services as register_services

    entry = register_services.add_entry(
        actor=officer, body=body, category=Art10Category.objects.get(number=6), title="Budget de la commune",
        language="fr", title_translation="ميزانية الجماعة", url="https://www.rabat.ma/budget",
        published_on=date(2026, 1, 20))
    elsewhere = officer_of(BodyFactory())
    foreign = register_services.add_entry(
        actor=elsewhere, body=elsewhere.designations.get().body, category=Art10Category.objects.get(number=6),
        title="Budget d'ailleurs", url="https://ailleurs.ma/budget", published_on=date(2026, 1, 20))
    verified(client, officer)
    page = client.get(reverse("proactive:prompt", args=[prompt.pk])).content.decode()
    assert "Budget de la commune" in page and "Budget d&#x27;ailleurs" not in page
    url = reverse("proactive:prompt_link", args=[prompt.pk])
    assert client.post(url, {"entry": foreign.pk}).status_code == 400
    assert PublicationPrompt.objects.get().state == "open"
    assert client.post(url, {"entry": entry.pk}).status_code == 302
    prompt.refresh_from_db()
    assert prompt.state == "published" and prompt.register_entry == entry and prompt.resolved_by == officer
    # The closed prompt names the entry in the page's language.
    with translation.override("ar"):
        arabic = client.get(reverse("proactive:prompt", args=[prompt.pk])).content.decode()
    assert "ميزانية الجماعة" in arabic


def test_the_dismiss_form_refuses_an_empty_reason(prompt, officer, client):
    verified(client, officer)
    refused = client.post(reverse("proactive:prompt_dismiss", args=[prompt.pk]), {"reason": ""})
    assert refused.status_code == 400
    assert PublicationPrompt.objects.get().state == "open"


def test_publishing_goes_through_the_prefilled_entry_form_and_closes_the_prompt(prompt, officer, client):
    verified(client, officer)
    dashboard = client.get(reverse("workspace:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("proactive:prompts") in dashboard and "(1 open)" in dashboard
    listing = client.get(reverse("proactive:prompts")).content.decode()
    assert "Budget de la commune 2023" in listing
    url = reverse("proactive:prompt_publish", args=[prompt.pk])
    form = client.get(url).content.decode()
    assert 'value="Budget de la commune 2023"' in form
    data = {
        "category": Art10Category.objects.get(number=6).pk,
        "language": "fr",
        "title": "Budget de la commune",
        "url": "https://rabat.ma/budget",
        "published_on": "2026-01-15",
        "update_frequency": "yearly",
    }
    assert client.post(url, {**data, "url": "ftp://rabat.ma/budget"}).status_code == 400
    assert PublicationPrompt.objects.get().state == "open" and not RegisterEntry.objects.exists()
    assert client.post(url, data).status_code == 302
    prompt.refresh_from_db()
    entry = RegisterEntry.objects.get()
    assert prompt.state == "published" and prompt.register_entry == entry and prompt.resolved_by == officer
    assert entry.published_on == date(2026, 1, 15)
