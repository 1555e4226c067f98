"""Issue 13, point 5: a citizen asks a body to open a dataset, others support the ask
(one support per account), the body's officers answer it within the period the body
states (or the rules table's), everyone who asked or supports is told, and the public
pages show every ask with its state and support count, never who asked."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from proactive.asks import services
from proactive.models import Art10Category, AskSupport, DatasetAsk
from proactive.register import services as register_services
from requests_app.clock import calendar, periods
from requests_app.clock.models import LegalRule
from requests_app.outbox.models import Notification
from tests.factories import BodyFactory, UserFactory, head_of, officer_of
from tests.helpers import verified

pytestmark = pytest.mark.django_db

# A Tuesday with no holiday near it.
TUESDAY = date(2026, 10, 13)


@pytest.fixture
def asker():
    return UserFactory(first_name="Zqxasker", last_name="Zqxfamily", email="zqx.asker@example.ma")


def make_ask(body, asker, title="Horaires des arrondissements", today=TUESDAY):
    return services.ask(actor=asker, body=body, title=title, description="Pour les guichets.", today=today)


# -- the period ------------------------------------------------------------------------------


def test_the_answer_is_due_within_the_rules_table_period_when_the_body_states_none(body, asker):
    item = make_ask(body, asker)
    rule = LegalRule.objects.in_force(LegalRule.Period.DATASET_ASK_ANSWER, TUESDAY)
    assert item.answer_due == periods.period_end(rule, TUESDAY, body.kind)
    if rule.unit == LegalRule.Unit.WORKING_DAYS:
        assert item.answer_due == calendar.add_working_days(TUESDAY, rule.length, body.kind)


def test_the_period_the_body_states_replaces_the_rules_table(body, officer, asker):
    services.state_period(actor=officer, body=body, length=5, unit="calendar")
    item = make_ask(body, asker)
    assert item.answer_due == date(2026, 10, 19)  # Sunday the 18th moves to Monday
    services.state_period(actor=head_of(body), body=body, length=2, unit="working")
    later = make_ask(body, asker, title="Autre jeu de données")
    assert later.answer_due == date(2026, 10, 15)
    assert DatasetAsk.objects.get(pk=item.pk).answer_due == date(2026, 10, 19)  # made before: kept


def test_a_citizen_or_another_bodys_officer_cannot_state_the_period(body, asker):
    other = officer_of(BodyFactory())
    for person in (asker, other):
        with pytest.raises(PermissionDenied):
            services.state_period(actor=person, body=body, length=5, unit="calendar")


def test_the_public_page_states_the_period_from_the_data(client, body, officer, asker):
    services.state_period(actor=officer, body=body, length=7, unit="calendar")
    item = make_ask(body, asker)
    page = client.get(reverse("proactive:ask", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert periods.days_text(7, "calendar") in page.content.decode()


# -- asking and supporting ----------------------------------------------------------------------


def test_the_asker_counts_as_a_supporter_and_a_second_support_is_refused(body, asker):
    item = make_ask(body, asker)
    assert AskSupport.objects.filter(ask=item, user=asker).exists()
    with pytest.raises(ValidationError, match="already support"):
        services.support(actor=asker, ask=item)
    supporter = UserFactory()
    services.support(actor=supporter, ask=item)
    with pytest.raises(ValidationError, match="already support"):
        services.support(actor=supporter, ask=item)
    assert item.supports.count() == 2


def test_the_database_refuses_a_second_support_of_the_same_account(body, asker):
    item = make_ask(body, asker)
    with pytest.raises(IntegrityError), transaction.atomic():
        AskSupport.objects.create(ask=item, user=asker)


def test_a_second_support_on_the_page_is_refused_with_a_clear_message(client, body, asker):
    item = make_ask(body, asker)
    supporter = UserFactory()
    client.force_login(supporter)
    url = reverse("proactive:ask_support", args=[item.pk])
    assert client.post(url).status_code == 302
    again = client.post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 400
    assert "You already support this ask" in again.content.decode()
    assert item.supports.count() == 2


def test_the_same_dataset_asked_twice_of_a_body_is_refused(body, asker):
    make_ask(body, asker)
    with pytest.raises(ValidationError, match="support that ask instead"):
        make_ask(body, UserFactory(), title="horaires des  arrondissements")


def test_asking_needs_an_account_and_the_form_refuses_an_empty_title(client, body, asker):
    url = reverse("proactive:ask_new")
    assert client.get(url)["Location"].startswith("/accounts/login/") or client.get(url).status_code == 302
    client.force_login(asker)
    refused = client.post(url, {"body": body.code, "title": " "})
    assert refused.status_code == 400 and not DatasetAsk.objects.exists()
    too_long = client.post(url, {"body": body.code, "title": "Horaires", "description": "x" * 5001})
    assert too_long.status_code == 400 and not DatasetAsk.objects.exists()
    made = client.post(url, {"body": body.code, "title": "Horaires", "description": "Utile."})
    assert made.status_code == 302
    assert DatasetAsk.objects.get().asked_by == asker


# -- the body's answer ----------------------------------------------------------------------------


@time_machine.travel(TUESDAY, tick=False)
def test_each_answer_is_kept_in_history_and_told_to_the_asker_and_supporters(
    body, officer, asker, django_capture_on_commit_callbacks
):
    item = make_ask(body, asker)
    supporter = UserFactory(email="supporter@example.ma")
    services.support(actor=supporter, ask=item)
    services.answer(actor=officer, ask=item, state="planned", planned_for=TUESDAY + timedelta(days=10))
    item.refresh_from_db()
    assert item.state == "planned" and item.answered_by == officer
    entry = register_services.add_entry(
        actor=officer,
        body=body,
        category=Art10Category.objects.get(number=6),
        title="Horaires",
        url="https://rabat.ma/horaires.csv",
        published_on=TUESDAY,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(actor=officer, ask=item, state="published", register_entry=entry)
    item.refresh_from_db()
    assert item.published_url == "https://rabat.ma/horaires.csv" and item.register_entry == entry
    assert [row.state for row in item.history.order_by("history_date")] == ["open", "planned", "published"]
    notes = Notification.objects.filter(subject_type="dataset_ask", subject_id=item.pk)
    assert {(note.kind, note.recipient) for note in notes} == {
        ("planned", asker.email),
        ("planned", supporter.email),
        ("published", asker.email),
        ("published", supporter.email),
    }
    sent = [message for message in mail.outbox if "https://rabat.ma/horaires.csv" in message.body]
    assert sorted(address for message in sent for address in message.to) == sorted(
        [asker.email, supporter.email]
    )
    with pytest.raises(ValidationError, match="already been answered"):
        services.answer(actor=officer, ask=item, state="declined", reason="Trop tard.")


def test_a_plan_moved_to_another_date_the_same_day_is_told_again(body, officer, asker):
    item = make_ask(body, asker)
    today = timezone.localdate()
    services.answer(actor=officer, ask=item, state="planned", planned_for=today + timedelta(days=10))
    services.answer(actor=officer, ask=item, state="planned", planned_for=today + timedelta(days=30))
    notes = Notification.objects.filter(subject_type="dataset_ask", subject_id=item.pk, kind="planned")
    assert notes.count() == 2


@pytest.mark.parametrize(
    "state, data, field",
    [
        ("planned", {}, "planned_for"),
        ("planned", {"planned_for": TUESDAY - timedelta(days=1)}, "planned_for"),
        ("published", {}, "published_url"),
        ("published", {"published_url": "javascript:alert(1)"}, "published_url"),
        ("published", {"published_url": "http://127.0.0.1/admin"}, "published_url"),
        ("declined", {"reason": "  "}, "reason"),
    ],
)
def test_an_answer_without_what_it_needs_is_refused(body, officer, asker, state, data, field):
    item = make_ask(body, asker)
    with pytest.raises(ValidationError) as refused:
        services.answer(actor=officer, ask=item, state=state, today=TUESDAY, **data)
    assert field in refused.value.message_dict
    item.refresh_from_db()
    assert item.state == "open" and not Notification.objects.exists()


def test_a_citizen_or_another_bodys_officer_cannot_answer(body, asker):
    item = make_ask(body, asker)
    for person in (asker, officer_of(BodyFactory())):
        with pytest.raises(PermissionDenied):
            services.answer(actor=person, ask=item, state="declined", reason="Non.")


def test_another_bodys_officer_gets_404_on_the_answer_form(client, body, asker):
    item = make_ask(body, asker)
    verified(client, officer_of(BodyFactory()))
    url = reverse("proactive:workspace_ask_answer", args=[item.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"state": "declined", "reason": "Non."}).status_code == 404
    assert DatasetAsk.objects.get().state == "open"


def test_the_officer_answers_through_the_form(client, body, officer, asker):
    item = make_ask(body, asker, today=timezone.localdate())
    verified(client, officer)
    url = reverse("proactive:workspace_ask_answer", args=[item.pk])
    refused = client.post(url, {"state": "declined", "reason": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400 and "Give the reason" in refused.content.decode()
    assert client.post(url, {"state": "declined", "reason": "Données personnelles."}).status_code == 302
    assert DatasetAsk.objects.get().state == "declined"


# -- the pages ------------------------------------------------------------------------------------


def test_the_queue_shows_due_dates_and_highlights_the_overdue(client, body, officer, asker):
    today = timezone.localdate()
    late = make_ask(body, asker, title="En retard", today=today - timedelta(days=120))
    make_ask(body, asker, title="Récente", today=today)
    make_ask(BodyFactory(), asker, title="Ailleurs", today=today)
    verified(client, officer)
    page = client.get(reverse("proactive:workspace_asks"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "En retard" in page and "Récente" in page and "Ailleurs" not in page
    assert page.index("En retard") < page.index("Récente")
    assert 'class="overdue"' in page and "past the due date" in page and " left" in page
    public = client.get(reverse("proactive:ask", args=[late.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Overdue" in public


def test_the_public_pages_show_state_and_supports_but_never_the_asker(client, body, officer, asker):
    item = make_ask(body, asker)
    services.support(actor=UserFactory(first_name="Zqxsupporter"), ask=item)
    services.answer(
        actor=officer, ask=item, state="published", published_url="https://rabat.ma/data.csv", today=TUESDAY
    )
    for url in (
        reverse("proactive:asks"),
        reverse("proactive:ask", args=[item.pk]),
        reverse("proactive:body_asks", args=[body.code]),
        reverse("proactive:asks") + "?state=published&body=" + body.code,
    ):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert page.status_code == 200, url
        text = page.content.decode().lower()
        assert "horaires des arrondissements" in text, url
        assert "zqx" not in text, url
    body_page = client.get(
        reverse("register:body", args=[body.code]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "1 ask for a dataset to this body" in body_page and "zqx" not in body_page.lower()
    detail = client.get(reverse("proactive:ask", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 accounts support this ask" in detail and "https://rabat.ma/data.csv" in detail
    assert "Reusing the information" in detail  # art. 6 and 29 where published information is linked


def test_the_list_filters_by_state(client, body, officer, asker):
    first = make_ask(body, asker, title="Premier")
    make_ask(body, asker, title="Second")
    services.answer(actor=officer, ask=first, state="declined", reason="Non.", today=TUESDAY)
    page = client.get(reverse("proactive:asks") + "?state=declined").content.decode()
    assert "Premier" in page and "Second" not in page


def test_the_head_of_body_reaches_the_period_from_the_workspace(client, body):
    head = head_of(body)
    verified(client, head)
    dashboard = client.get(reverse("workspace:dashboard")).content.decode()
    assert reverse("proactive:workspace_asks") in dashboard
    page = client.get(reverse("proactive:workspace_asks")).content.decode()
    assert reverse("proactive:workspace_ask_period", args=[body.code]) in page
    assert client.post(reverse("proactive:workspace_ask_period", args=[body.code]),
                       {"length": "4", "unit": "working"}).status_code == 302
    assert body.dataset_ask_policy.length == 4 and body.dataset_ask_policy.stated_by == head
