"""Issue 13, point 7: a public list of known reuses citing the system's entries,
submitted by users, moderated by the Commission or a cited body, counted."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import User
from proactive.models import Art10Category, Reuse
from proactive.register import services as register_services
from proactive.reuses import demo, services
from tests.factories import BodyFactory, UserFactory, decide_request, make_request, officer_of
from tests.helpers import verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(body, officer):
    return register_services.add_entry(
        actor=officer,
        body=body,
        category=Art10Category.objects.get(number=6),
        title="Budget 2026",
        url="https://rabat.ma/budget-2026.csv",
        published_on=date(2026, 1, 20),
    )


@pytest.fixture
def submitter():
    return UserFactory(first_name="Zqxsubmitter", last_name="Zqxfamily", email="zqx.sub@example.ma")


@pytest.fixture
def member():
    return UserFactory(is_staff=True, commission_role=User.CommissionRole.REVIEWER)


def submit(submitter, entry, **overrides):
    data = dict(
        title="Le budget en images",
        kind="visualisation",
        url="https://viz.example.org/budget",
        description="Une visualisation.",
        credited_to="Collectif Données",
        entries=[entry],
    )
    data.update(overrides)
    return services.submit(actor=submitter, **data)


def test_a_submission_must_cite_something_and_a_public_web_address(submitter, entry):
    with pytest.raises(ValidationError, match="Cite at least one"):
        submit(submitter, entry, entries=[])
    for url in ("javascript:alert(1)", "http://10.0.0.1/x", "http://localhost/x"):
        with pytest.raises(ValidationError):
            submit(submitter, entry, url=url)
    assert not Reuse.objects.exists()


def test_the_same_address_twice_is_refused(submitter, entry):
    submit(submitter, entry)
    with pytest.raises(ValidationError, match="already known"):
        submit(UserFactory(), entry, title="Autre")


def test_only_public_requests_may_be_cited(submitter, entry, body):
    open_request = make_request(body=body)
    with pytest.raises(ValidationError):
        submit(submitter, entry, requests=[open_request])
    decided = make_request(body=body, subject="Budget voté")
    decide_request(decided, "granted")
    assert decided in submit(submitter, entry, requests=[decided]).requests.all()


def test_the_commission_or_an_officer_of_a_cited_body_moderates(submitter, entry, officer, member):
    reuse = submit(submitter, entry)
    for person in (submitter, UserFactory(), officer_of(BodyFactory())):
        with pytest.raises(PermissionDenied):
            services.moderate(actor=person, reuse=reuse, approve=True)
    services.moderate(actor=officer, reuse=reuse, approve=True)
    reuse.refresh_from_db()
    assert reuse.state == "approved" and reuse.moderated_by == officer
    other = submit(submitter, entry, url="https://other.example.org/")
    with pytest.raises(ValidationError):
        services.moderate(actor=member, reuse=other, approve=False, reason=" ")
    services.moderate(actor=member, reuse=other, approve=False, reason="Le lien ne cite pas la source.")
    other.refresh_from_db()
    assert other.state == "rejected" and other.rejection_reason
    assert [row.state for row in other.history.order_by("history_date")] == ["pending", "rejected"]


def test_only_approved_reuses_are_public_and_counted(client, submitter, entry, member):
    approved = submit(submitter, entry)
    services.moderate(actor=member, reuse=approved, approve=True)
    pending = submit(submitter, entry, title="En attente", url="https://pending.example.org/")
    page = client.get(reverse("proactive:reuses"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 reuse known" in page and "Le budget en images" in page and "En attente" not in page
    assert "Budget 2026" in page and "Collectif Données" in page
    assert "Reusing the information" in page  # arts 6 and 29
    assert "zqx" not in page.lower()
    assert client.get(reverse("proactive:reuse", args=[pending.pk])).status_code == 404
    detail = client.get(reverse("proactive:reuse", args=[approved.pk])).content.decode()
    assert "zqx" not in detail.lower()
    # The submitter sees their own pending one.
    client.force_login(submitter)
    mine = client.get(reverse("proactive:reuses"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "En attente" in mine and "1 reuse known" in mine
    assert client.get(reverse("proactive:reuse", args=[pending.pk])).status_code == 200
    filtered = client.get(reverse("proactive:reuses") + "?kind=application").content.decode()
    assert "Le budget en images" not in filtered


def test_the_moderation_queue_of_each_moderator(client, submitter, entry, officer, member):
    reuse = submit(submitter, entry)
    elsewhere = officer_of(BodyFactory())
    verified(client, elsewhere)
    assert "Le budget en images" not in client.get(reverse("proactive:reuse_moderation")).content.decode()
    assert (
        client.post(reverse("proactive:reuse_moderate", args=[reuse.pk]), {"decision": "approve"}).status_code
        == 404
    )
    for person in (member, officer):
        verified(client, person)
        assert "Le budget en images" in client.get(reverse("proactive:reuse_moderation")).content.decode()
    refused = client.post(reverse("proactive:reuse_moderate", args=[reuse.pk]), {"decision": "reject"})
    assert refused.status_code == 400
    assert (
        client.post(reverse("proactive:reuse_moderate", args=[reuse.pk]), {"decision": "approve"}).status_code
        == 302
    )
    assert Reuse.objects.get().state == "approved"


def test_the_submit_form(client, submitter, entry):
    url = reverse("proactive:reuse_new")
    assert client.get(url).status_code == 302  # to the login
    client.force_login(submitter)
    assert (
        client.post(url, {"title": "X", "kind": "article", "url": "https://a.example.org/"}).status_code
        == 400
    )
    made = client.post(
        url, {"title": "X", "kind": "article", "url": "https://a.example.org/", "entries": [entry.pk]}
    )
    assert made.status_code == 302
    assert Reuse.objects.get().submitted_by == submitter


def test_the_demo_seeds_twenty_approved_reuses_and_one_pending(client, body, entry, submitter, member):
    demo.seed(people={"a": submitter, "b": member}, body=body)
    assert Reuse.objects.filter(state="approved").count() == 20
    assert Reuse.objects.filter(state="pending").count() == 1
    page = client.get(reverse("proactive:reuses"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "20 reuses known" in page
    demo.seed(people={"a": submitter, "b": member}, body=body)
    assert Reuse.objects.count() == 21
