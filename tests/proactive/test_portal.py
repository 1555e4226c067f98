"""A granted request linked to a dataset on the open-data portal: an existing one, or a new
one published from its released documents through the CKAN Action API (a CKAN-shaped
API served on 127.0.0.1 by ``fake_ckan``), by a task that survives the portal being
down. Tasks run eagerly (config/settings_test.py); a publication is queued once its
transaction commits, so the tests run the commit callbacks."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from proactive.models import Art10Category, PortalDataset, RegisterEntry, RequestDataset
from proactive.portal import ckan, publication, services, tasks
from proactive.register import services as register_services
from requests_app import services as request_services
from requests_app.outbox.models import Notification
from tests.factories import BodyFactory, decide_request, head_of, make_request, officer_of
from tests.helpers import verified

from .fake_ckan import not_authorized, server_error, slow, validation_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def granted(body, officer, citizen):
    """Granted with one document released in full, which the requester agreed to publish."""
    information_request = make_request(body=body, requester=citizen)
    decide_request(information_request, "granted", officer=officer)
    request_services.set_publication_consent(actor=citizen, information_request=information_request,
                                             consent=True)
    information_request.refresh_from_db()
    return information_request


@pytest.fixture
def category():
    return Art10Category.objects.get(number=16)


def publish(officer, information_request, category, capture, **extra):
    data = dict(category=category, language="fr", title="Budget voté 2025",
                title_translation="الميزانية المصادق عليها 2025", description="Le budget voté, par chapitre.",
                licence="cc-by")
    data.update(extra)
    with capture(execute=True):
        dataset = services.publish_from_request(actor=officer, information_request=information_request,
                                                **data)
    dataset.refresh_from_db()
    return dataset


# -- publishing: what the portal receives ------------------------------------------------------------


def test_publishing_creates_the_package_in_the_bodys_organisation_and_uploads_the_public_copy(
        fake_ckan, granted, officer, category, django_capture_on_commit_callbacks, settings):
    settings.NAFIDA_CKAN_ORGANISATIONS = {granted.body.code: "commune-de-rabat"}
    dataset = publish(officer, granted, category, django_capture_on_commit_callbacks)

    assert dataset.state == PortalDataset.State.PUBLISHED
    assert fake_ckan.actions() == ["package_create", "resource_create"]
    package = fake_ckan.calls("package_create")[0].data
    assert package["name"] == f"{granted.body.code}-{granted.reference}-{dataset.pk}"
    assert package["title"] == "Budget voté 2025"
    assert package["owner_org"] == "commune-de-rabat"
    assert package["license_id"] == "cc-by"
    assert package["private"] is False
    assert "Le budget voté, par chapitre." in package["notes"]
    # Written in the dataset's language (French here), with the request it answers.
    assert f"Ouvert à la suite de la demande {granted.reference}" in package["notes"]
    assert package["url"].endswith(f"/register/{granted.reference}/")
    assert "Bennani" not in str(package) and "AB123456" not in str(package)  # never the requester

    document = granted.decision.documents.get()
    upload = fake_ckan.calls("resource_create")[0]
    assert upload.data["package_id"] == dataset.external_id
    assert upload.data["name"] == "Budget 2025"
    assert upload.data["format"] == "PDF"
    file_name, content_type, content = upload.files["upload"]
    assert file_name == f"{granted.reference}-document-1.pdf"  # the neutral public name
    assert content_type == "application/pdf"
    with document.file.open("rb") as handle:
        assert content == handle.read()

    assert dataset.url == f"{fake_ckan.url}/dataset/{dataset.name}"
    assert dataset.resources[0]["document_id"] == document.pk
    assert dataset.attempts == 1 and dataset.published_at and dataset.last_error == ""
    assert RequestDataset.objects.filter(request=granted, dataset=dataset).exists()
    entry = dataset.register_entry
    assert (entry.category, entry.url, entry.opened_after, entry.body) == (category, dataset.url, granted,
                                                                         granted.body)
    assert entry.title == "Budget voté 2025" and entry.formats == "PDF" and entry.licence == "cc-by"


def test_the_dataset_url_follows_the_portals_pattern(fake_ckan, granted, officer, category,
                                                     django_capture_on_commit_callbacks, settings):
    settings.NAFIDA_CKAN_DATASET_URL = "https://data.gov.ma/data/fr/dataset/{name}"
    dataset = publish(officer, granted, category, django_capture_on_commit_callbacks)
    assert dataset.url == f"https://data.gov.ma/data/fr/dataset/{dataset.name}"


def test_a_picked_register_entry_is_linked_and_no_entry_is_added(fake_ckan, granted, officer,
                                                                 django_capture_on_commit_callbacks):
    entry = register_services.add_entry(actor=officer, body=granted.body,
                                        category=Art10Category.objects.get(number=6), title="Budgets",
                                        url="https://rabat.ma/budgets", published_on=timezone.localdate())
    dataset = publish(officer, granted, None, django_capture_on_commit_callbacks, register_entry=entry)
    assert dataset.state == PortalDataset.State.PUBLISHED and dataset.register_entry == entry
    assert RegisterEntry.objects.count() == 1


# -- the portal refuses: failed, the officers told, corrected and sent again ---------------------------


def test_a_validation_error_fails_with_the_portals_messages_and_the_officers_are_told(
        fake_ckan, granted, officer, category, django_capture_on_commit_callbacks):
    fake_ckan.script("package_create", validation_error(license_id=["License not found"]))
    dataset = publish(officer, granted, category, django_capture_on_commit_callbacks, licence="no-such")

    assert dataset.state == PortalDataset.State.FAILED
    assert "license_id: License not found" in dataset.last_error
    assert dataset.register_entry is None and not dataset.external_id
    note = Notification.objects.get(subject_type="portal_dataset", subject_id=dataset.pk)
    assert note.kind == "publication_failed" and note.recipient == officer.email
    sent = [message for message in mail.outbox if message.to == [officer.email]
            and "License not found" in message.body]
    assert len(sent) == 1 and granted.reference in sent[0].subject
    assert f"/workspace/requests/{granted.reference}/" in sent[0].body

    with django_capture_on_commit_callbacks(execute=True):
        services.correct_and_retry(actor=officer, dataset=dataset, licence="cc-by")
    dataset.refresh_from_db()
    assert dataset.state == PortalDataset.State.PUBLISHED and dataset.last_error == ""
    assert [call.data["license_id"] for call in fake_ckan.calls("package_create")] == ["no-such", "cc-by"]


def test_not_authorized_fails_with_a_clear_message(fake_ckan, granted, officer, category,
                                                   django_capture_on_commit_callbacks):
    fake_ckan.script("package_create", not_authorized())
    dataset = publish(officer, granted, category, django_capture_on_commit_callbacks)
    assert dataset.state == PortalDataset.State.FAILED
    assert "not authorised" in dataset.last_error
    assert len(fake_ckan.calls("package_create")) == 1  # not retried: it would be refused again


# -- the portal is down: pending, retried, nothing lost ------------------------------------------------


def test_a_server_error_then_success_is_retried(fake_ckan, granted, officer, category,
                                                django_capture_on_commit_callbacks):
    fake_ckan.script("package_create", server_error(503))
    dataset = publish(officer, granted, category, django_capture_on_commit_callbacks)
    assert dataset.state == PortalDataset.State.PUBLISHED
    assert dataset.attempts == 2
    # The second attempt looks first for the package the first may have made.
    assert fake_ckan.actions() == ["package_create", "package_show", "package_create", "resource_create"]
    assert len(fake_ckan.packages) == 1
    assert dataset.history.filter(history_change_reason="portal unavailable").exists()


def test_a_timeout_after_the_portal_created_the_package_does_not_create_a_second(
        fake_ckan, granted, officer, category, django_capture_on_commit_callbacks, settings):
    settings.NAFIDA_CKAN_TIMEOUT = 0.5
    fake_ckan.script("package_create", slow(1.5))  # created, but the answer comes too late
    dataset = publish(officer, granted, category, django_capture_on_commit_callbacks)
    assert dataset.state == PortalDataset.State.PUBLISHED
    assert fake_ckan.actions() == ["package_create", "package_show", "resource_create"]
    assert len(fake_ckan.packages) == 1
    assert dataset.external_id == next(iter(fake_ckan.packages))


def test_an_upload_cut_short_continues_in_the_same_package(fake_ckan, granted, officer, category,
                                                           django_capture_on_commit_callbacks):
    fake_ckan.script("resource_create", server_error(502))
    dataset = publish(officer, granted, category, django_capture_on_commit_callbacks)
    assert dataset.state == PortalDataset.State.PUBLISHED
    # The second attempt patches the package it created (its texts, perhaps corrected) and continues.
    assert fake_ckan.actions() == ["package_create", "resource_create", "package_patch", "resource_create"]
    (package,) = fake_ckan.packages.values()
    assert len(package["resources"]) == 1


def test_a_portal_down_for_long_leaves_it_pending_and_the_sweep_publishes_it_later(
        fake_ckan, granted, officer, category, django_capture_on_commit_callbacks, settings):
    settings.NAFIDA_CKAN_MAX_RETRIES = 2
    fake_ckan.script("package_create", *[server_error(500)] * 3)
    dataset = publish(officer, granted, category, django_capture_on_commit_callbacks)

    assert dataset.state == PortalDataset.State.PENDING
    assert dataset.attempts == 3  # the first and two retries
    assert "HTTP 500" in dataset.last_error
    assert dataset.next_attempt_at > timezone.now()
    assert RequestDataset.objects.filter(request=granted, dataset=dataset).exists()
    # Not due yet: the sweep leaves it.
    assert tasks.retry_pending_datasets.delay().get() == 0

    with time_machine.travel(dataset.next_attempt_at + timedelta(seconds=1)):
        assert tasks.retry_pending_datasets.delay().get() == 1
    dataset.refresh_from_db()
    assert dataset.state == PortalDataset.State.PUBLISHED and dataset.attempts == 4
    assert len(fake_ckan.packages) == 1


def test_the_back_off_grows_to_its_ceiling(settings):
    settings.NAFIDA_CKAN_RETRY_SECONDS = 60
    settings.NAFIDA_CKAN_RETRY_MAX_SECONDS = 600
    pauses = [publication.backoff(n).total_seconds() for n in (1, 2, 3, 4, 5, 6)]
    assert pauses == [60, 120, 240, 480, 600, 600]


def test_an_attempt_already_running_is_not_run_twice(fake_ckan, granted, officer, category):
    dataset = services.publish_from_request(actor=officer, information_request=granted, category=category,
                                            title="Budget", language="fr")
    assert publication.claim(dataset.pk)
    assert publication.attempt(dataset.pk) == "skipped"  # the lease of the first holds it
    assert fake_ckan.actions() == []


# -- the register entry changes: the package follows -------------------------------------------------


def test_a_change_to_the_register_entry_patches_the_package(fake_ckan, granted, officer, category,
                                                            django_capture_on_commit_callbacks):
    dataset = publish(officer, granted, category, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        register_services.change_entry(actor=officer, entry=dataset.register_entry,
                                       title="Budget voté 2025 (corrigé)",
                                       description="Par chapitre et article.")
    (call,) = fake_ckan.calls("package_patch")
    assert call.data["id"] == dataset.external_id
    assert call.data["title"] == "Budget voté 2025 (corrigé)"
    assert call.data["notes"].startswith("Par chapitre et article.")
    assert "name" not in call.data and "owner_org" not in call.data
    assert fake_ckan.packages[dataset.external_id]["title"] == "Budget voté 2025 (corrigé)"
    dataset.refresh_from_db()
    assert dataset.title == "Budget voté 2025 (corrigé)"


def test_a_patch_refused_is_kept_as_the_portals_last_answer(fake_ckan, granted, officer, category,
                                                            django_capture_on_commit_callbacks):
    dataset = publish(officer, granted, category, django_capture_on_commit_callbacks)
    fake_ckan.script("package_patch", not_authorized())
    with django_capture_on_commit_callbacks(execute=True):
        register_services.change_entry(actor=officer, entry=dataset.register_entry, title="Autre titre")
    dataset.refresh_from_db()
    assert dataset.state == PortalDataset.State.PUBLISHED and "not authorised" in dataset.last_error


# -- who may, and what is refused ------------------------------------------------------------------------


def test_only_a_granted_or_partly_granted_request(fake_ckan, body, officer, citizen, category):
    refused = make_request(body=body, requester=citizen)
    decide_request(refused, "refused", officer=officer)
    with pytest.raises(ValidationError, match="granted or partly granted"):
        services.link_existing_dataset(actor=officer, information_request=refused,
                                       url="https://data.gov.ma/data/fr/dataset/budget", title="Budget")
    with pytest.raises(ValidationError, match="granted or partly granted"):
        services.publish_from_request(actor=officer, information_request=refused, category=category,
                                      title="Budget")
    assert not PortalDataset.objects.exists()


def test_a_partly_granted_request_publishes_its_redacted_version(fake_ckan, body, officer, citizen, category,
                                                                  django_capture_on_commit_callbacks):
    partial = make_request(body=body, requester=citizen)
    decide_request(partial, "partially_granted", officer=officer)
    request_services.set_publication_consent(actor=citizen, information_request=partial, consent=True)
    dataset = publish(officer, partial, category, django_capture_on_commit_callbacks)
    assert dataset.state == PortalDataset.State.PUBLISHED
    uploaded = {call.data["name"] for call in fake_ckan.calls("resource_create")}
    assert uploaded == {"Budget 2025 (redacted)"}  # never the original the body keeps


def test_only_the_bodys_officers(fake_ckan, granted, category):
    for someone in (officer_of(BodyFactory()), head_of(granted.body)):
        with pytest.raises(PermissionDenied):
            services.link_existing_dataset(actor=someone, information_request=granted,
                                           url="https://data.gov.ma/data/fr/dataset/budget", title="Budget")
        with pytest.raises(PermissionDenied):
            services.publish_from_request(actor=someone, information_request=granted, category=category,
                                          title="Budget")
    assert not PortalDataset.objects.exists()


def test_without_the_requesters_consent_nothing_is_published(fake_ckan, body, officer, citizen, category):
    information_request = make_request(body=body, requester=citizen)
    decide_request(information_request, "granted", officer=officer)
    with pytest.raises(ValidationError, match="has not agreed"):
        services.publish_from_request(actor=officer, information_request=information_request,
                                      category=category, title="Budget")
    assert not PortalDataset.objects.exists()


def test_without_a_portal_only_linking(granted, officer, category, settings):
    settings.NAFIDA_CKAN_URL = ""
    with pytest.raises(ValidationError, match="No open-data portal is configured"):
        services.publish_from_request(actor=officer, information_request=granted, category=category,
                                      title="Budget")


def test_without_a_portal_the_publish_page_offers_the_link_form_not_a_form_that_cannot_work(
        client, granted, officer, settings):
    settings.NAFIDA_CKAN_URL = ""
    verified(client, officer)
    page = client.get(reverse("proactive:portal_publish", args=[granted.reference]),
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No open-data portal is configured" in page
    assert "Publish on the portal" not in page and 'name="category"' not in page
    assert reverse("proactive:portal_link", args=[granted.reference]) in page


def test_a_category_or_an_entry_is_needed(fake_ckan, granted, officer):
    with pytest.raises(ValidationError) as refused:
        services.publish_from_request(actor=officer, information_request=granted, title="Budget")
    assert "category" in refused.value.error_dict


def test_linking_an_existing_dataset(granted, officer):
    dataset = services.link_existing_dataset(actor=officer, information_request=granted,
                                             url="https://DATA.gov.ma/data/fr/dataset/budget-2025/",
                                             title="Budget 2025")
    assert dataset.state == PortalDataset.State.LINKED and dataset.is_public
    assert dataset.url == "https://data.gov.ma/data/fr/dataset/budget-2025"
    assert dataset.portal == "https://data.gov.ma"
    assert dataset.opened_after is None  # it was there before the request
    assert dataset.history.get().history_user == officer


def test_a_duplicate_link_is_refused_and_another_request_shares_the_dataset(granted, officer, citizen):
    url = "https://data.gov.ma/data/fr/dataset/budget-2025"
    first = services.link_existing_dataset(actor=officer, information_request=granted, url=url,
                                           title="Budget")
    with pytest.raises(ValidationError, match="already linked to this request"):
        services.link_existing_dataset(actor=officer, information_request=granted, url=url + "/",
                                       title="Budget")
    other = make_request(body=granted.body, requester=citizen)
    decide_request(other, "granted", officer=officer)
    second = services.link_existing_dataset(actor=officer, information_request=other, url=url, title="Budget")
    assert second == first and PortalDataset.objects.count() == 1
    assert RequestDataset.objects.count() == 2


@pytest.mark.parametrize("url, message", [
    ("ftp://data.gov.ma/budget.csv", "starts with http:// or https://"),
    ("javascript:alert(1)", "starts with http:// or https://"),
    ("http://127.0.0.1:8000/dataset/budget", "private or internal network"),
    ("http://10.0.0.7/dataset/budget", "private or internal network"),
    ("http://localhost/dataset/budget", "private or internal network"),
])
def test_a_url_not_http_or_leading_inside_is_refused(granted, officer, url, message, settings):
    settings.NAFIDA_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(ValidationError, match=message):
        services.link_existing_dataset(actor=officer, information_request=granted, url=url, title="Budget")
    assert not PortalDataset.objects.exists() and not RequestDataset.objects.exists()


# -- the pages ---------------------------------------------------------------------------------------------


def test_the_officer_publishes_from_the_request_page(fake_ckan, client, granted, officer, category,
                                                     django_capture_on_commit_callbacks):
    verified(client, officer)
    page = client.get(reverse("workspace:request", args=[granted.reference]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Datasets on the open-data portal" in html and "Publish on the portal" in html
    assert f"{granted.reference}-document-1.pdf" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("proactive:portal_publish", args=[granted.reference]), {
            "publish-category": category.pk, "publish-language": "fr", "publish-title": "Budget voté 2025",
            "publish-licence": "cc-by"})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Published on the portal" in html
    dataset = PortalDataset.objects.get()
    assert dataset.url in html


def test_a_refused_publication_shows_the_portals_answer_and_is_corrected_on_its_page(
        fake_ckan, client, granted, officer, category, django_capture_on_commit_callbacks):
    fake_ckan.script("package_create", validation_error(title=["Missing value"]))
    dataset = publish(officer, granted, category, django_capture_on_commit_callbacks)
    verified(client, officer)
    html = client.get(reverse("workspace:request", args=[granted.reference])).content.decode()
    assert "Refused by the portal" in html and "title: Missing value" in html
    url = reverse("proactive:portal_dataset", args=[granted.reference, dataset.pk])
    assert client.post(url, {"language": "fr", "title": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"language": "fr", "title": "Budget voté 2025, corrigé"})
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.state == PortalDataset.State.PUBLISHED and dataset.title == "Budget voté 2025, corrigé"


def test_a_portal_down_shows_pending_with_its_attempts(fake_ckan, client, granted, officer, category,
                                                       django_capture_on_commit_callbacks, settings):
    settings.NAFIDA_CKAN_MAX_RETRIES = 0
    fake_ckan.script("package_create", server_error(503))
    publish(officer, granted, category, django_capture_on_commit_callbacks)
    verified(client, officer)
    html = client.get(reverse("workspace:request", args=[granted.reference])).content.decode()
    assert "Waiting for the portal" in html and "1 attempt" in html and "HTTP 503" in html
    assert "next attempt" in html


def test_the_link_form_refuses_bad_input_with_the_form(client, granted, officer, settings):
    settings.NAFIDA_ALLOW_PRIVATE_ADDRESSES = False
    verified(client, officer)
    url = reverse("proactive:portal_link", args=[granted.reference])
    response = client.post(url, {"link-url": "http://192.168.1.4/dataset", "link-title": "Budget",
                                 "link-language": "fr"})
    assert response.status_code == 400
    assert "private or internal network" in response.content.decode()
    good = {"link-url": "https://data.gov.ma/data/fr/dataset/budget", "link-title": "Budget",
            "link-language": "fr"}
    response = client.post(url, good)
    assert response.status_code == 302
    response = client.post(url, good)
    assert response.status_code == 400
    assert "already linked to this request" in response.content.decode()
    assert RequestDataset.objects.count() == 1


def test_other_officers_and_the_head_get_nothing(client, granted, category):
    url = reverse("proactive:portal_link", args=[granted.reference])
    for someone in (officer_of(BodyFactory()), head_of(granted.body)):
        verified(client, someone)
        assert client.get(url).status_code == 404
        assert client.post(url, {"link-url": "https://data.gov.ma/d/x", "link-title": "X",
                                       "link-language": "fr"}).status_code == 404
    assert not PortalDataset.objects.exists()


def test_the_public_pages_show_the_dataset_and_the_request_it_answers(
        fake_ckan, client, granted, officer, category, citizen, django_capture_on_commit_callbacks):
    dataset = publish(officer, granted, category, django_capture_on_commit_callbacks)
    entry_page = client.get(reverse("register:entry", args=[granted.reference])).content.decode()
    assert dataset.url in entry_page and "Open data" in entry_page
    assert "opened after request" in entry_page
    body_page = client.get(reverse("proactive:body", args=[granted.body.code])).content.decode()
    assert dataset.url in body_page
    assert "opened after request" in body_page and granted.reference in body_page
    client.force_login(citizen)
    own_page = client.get(reverse("requests:detail", args=[granted.reference])).content.decode()
    assert dataset.url in own_page


def test_a_pending_or_refused_dataset_is_not_public(fake_ckan, client, granted, officer, category,
                                                    django_capture_on_commit_callbacks):
    fake_ckan.script("package_create", validation_error(name=["That URL is already in use."]))
    publish(officer, granted, category, django_capture_on_commit_callbacks)
    entry_page = client.get(reverse("register:entry", args=[granted.reference])).content.decode()
    assert "Open data" not in entry_page and "Budget voté 2025" not in entry_page


def test_the_demo_links_a_granted_request_without_a_portal(settings):
    from requests_app.demo import seed_demo

    settings.NAFIDA_CKAN_URL = ""
    seed_demo()
    dataset = PortalDataset.objects.get(url__startswith="https://data.gov.ma/")
    assert dataset.state == PortalDataset.State.LINKED
    assert dataset.request_links.get().request.state == "granted"
    seed_demo()  # idempotent
    assert PortalDataset.objects.count() == 1
    assert ckan.is_configured() is False


def test_a_portal_whose_pages_lead_inside_is_refused_before_anything_is_sent(fake_ckan, granted, officer,
                                                                              category, settings):
    settings.NAFIDA_ALLOW_PRIVATE_ADDRESSES = False
    settings.NAFIDA_CKAN_DATASET_URL = "http://10.0.0.5/dataset/{name}"
    with pytest.raises(ValidationError, match="private or internal network"):
        services.publish_from_request(actor=officer, information_request=granted, category=category,
                                      title="Budget")
    assert not PortalDataset.objects.exists() and fake_ckan.actions() == []


def test_an_unexpected_error_keeps_it_pending_with_a_message(fake_ckan, granted, officer, category,
                                                             monkeypatch):
    dataset = services.publish_from_request(actor=officer, information_request=granted, category=category,
                                            title="Budget")

    def broken(*args, **kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(publication, "_upload_resources", broken)
    with pytest.raises(OSError):
        publication.attempt(dataset.pk)
    dataset.refresh_from_db()
    assert dataset.state == PortalDataset.State.PENDING and dataset.next_attempt_at > timezone.now()
    assert "will be tried again" in dataset.last_error


# -- corrections, double submits, nothing left to publish, the link's language, races ---------------------


def test_correcting_a_pending_dataset_keeps_the_running_attempts_lease(fake_ckan, granted, officer, category,
                                                                       django_capture_on_commit_callbacks):
    dataset = services.publish_from_request(actor=officer, information_request=granted, category=category,
                                            title="Budget", language="fr")
    assert publication.claim(dataset.pk)  # an attempt is running
    leased = PortalDataset.objects.get(pk=dataset.pk).next_attempt_at
    with django_capture_on_commit_callbacks(execute=True):
        services.correct_and_retry(actor=officer, dataset=dataset, title="Budget corrigé")
    dataset.refresh_from_db()
    assert dataset.next_attempt_at == leased and dataset.state == PortalDataset.State.PENDING
    assert dataset.title == "Budget corrigé"
    assert publication.attempt(dataset.pk) == "skipped"  # no second attempt beside the first
    assert fake_ckan.actions() == [] and dataset.attempts == 1


def test_a_correction_during_an_attempt_is_neither_lost_nor_run_twice(
        fake_ckan, granted, officer, category, django_capture_on_commit_callbacks, monkeypatch):
    dataset = services.publish_from_request(actor=officer, information_request=granted, category=category,
                                            title="Budget", language="fr", licence="cc-by")
    upload = publication._upload_resources

    def meanwhile(connector, running, shown):
        # While the attempt uploads: the officer corrects, the link checker records its finding.
        with django_capture_on_commit_callbacks(execute=True):
            services.correct_and_retry(actor=officer, dataset=dataset, title="Budget voté 2025, corrigé",
                                       licence="odc-odbl")
        PortalDataset.objects.filter(pk=dataset.pk).update(link_status="ok", link_detail="HTTP 200")
        upload(connector, running, shown)

    monkeypatch.setattr(publication, "_upload_resources", meanwhile)
    assert publication.attempt(dataset.pk) == "published"
    dataset.refresh_from_db()
    assert dataset.state == PortalDataset.State.PUBLISHED and dataset.attempts == 1
    assert dataset.title == "Budget voté 2025, corrigé" and dataset.licence == "odc-odbl"
    assert (dataset.link_status, dataset.link_detail) == ("ok", "HTTP 200")
    assert len(fake_ckan.calls("package_create")) == 1 and len(fake_ckan.packages) == 1
    package = fake_ckan.packages[dataset.external_id]
    assert package["title"] == "Budget voté 2025, corrigé" and package["license_id"] == "odc-odbl"
    assert dataset.register_entry.title == "Budget voté 2025, corrigé"


def test_corrected_texts_reach_the_package_an_earlier_attempt_created(fake_ckan, granted, officer, category,
                                                                      django_capture_on_commit_callbacks):
    fake_ckan.script("resource_create", validation_error(upload=["File too large"]))
    dataset = publish(officer, granted, category, django_capture_on_commit_callbacks)
    assert dataset.state == PortalDataset.State.FAILED and dataset.external_id

    with django_capture_on_commit_callbacks(execute=True):
        services.correct_and_retry(actor=officer, dataset=dataset, title="Budget voté 2025 (v2)",
                                   description="Par chapitre.", licence="odc-odbl")
    dataset.refresh_from_db()
    assert dataset.state == PortalDataset.State.PUBLISHED
    assert fake_ckan.actions() == ["package_create", "resource_create", "package_patch", "resource_create"]
    (call,) = fake_ckan.calls("package_patch")
    assert call.data["id"] == dataset.external_id
    assert call.data["title"] == "Budget voté 2025 (v2)" and call.data["license_id"] == "odc-odbl"
    assert call.data["notes"].startswith("Par chapitre.")
    assert "name" not in call.data and "owner_org" not in call.data
    package = fake_ckan.packages[dataset.external_id]
    assert package["title"] == "Budget voté 2025 (v2)" and len(package["resources"]) == 1


def test_a_second_publication_from_the_same_request_is_refused(fake_ckan, granted, officer, category,
                                                              django_capture_on_commit_callbacks):
    first = services.publish_from_request(actor=officer, information_request=granted, category=category,
                                          title="Budget", language="fr")
    with pytest.raises(ValidationError, match="already been published from this request"):
        services.publish_from_request(actor=officer, information_request=granted, category=category,
                                      title="Budget", language="fr")
    publish_failed = first.__class__.objects.filter(pk=first.pk)
    publish_failed.update(state=PortalDataset.State.PUBLISHED)
    with pytest.raises(ValidationError, match="already been published from this request"):
        services.publish_from_request(actor=officer, information_request=granted, category=category,
                                      title="Budget", language="fr")
    assert PortalDataset.objects.count() == 1
    # A refused one may be published anew.
    publish_failed.update(state=PortalDataset.State.FAILED)
    services.publish_from_request(actor=officer, information_request=granted, category=category,
                                  title="Budget", language="fr")
    assert PortalDataset.objects.count() == 2


def test_a_double_submit_of_the_publish_form_creates_one_package(
        fake_ckan, client, granted, officer, category, django_capture_on_commit_callbacks):
    verified(client, officer)
    url = reverse("proactive:portal_publish", args=[granted.reference])
    data = {"publish-category": category.pk, "publish-language": "fr", "publish-title": "Budget voté 2025"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "already been published from this request" in response.content.decode()
    assert PortalDataset.objects.count() == 1 and len(fake_ckan.packages) == 1


def test_nothing_left_to_publish_at_the_attempt_fails_without_an_empty_package(
        fake_ckan, granted, officer, category, citizen):
    dataset = services.publish_from_request(actor=officer, information_request=granted, category=category,
                                            title="Budget", language="fr")
    request_services.set_publication_consent(actor=citizen, information_request=granted, consent=False)
    assert publication.attempt(dataset.pk) == "failed"
    dataset.refresh_from_db()
    assert dataset.state == PortalDataset.State.FAILED
    assert "no document to publish any more" in dataset.last_error
    assert fake_ckan.actions() == [] and not fake_ckan.packages
    assert Notification.objects.filter(subject_type="portal_dataset", subject_id=dataset.pk,
                                       kind="publication_failed").exists()


def test_the_link_form_asks_the_titles_language_defaulting_to_the_pages(client, granted, officer):
    from django.utils import translation

    from proactive.portal.forms import LinkDatasetForm

    for language, expected in (("fr", "fr"), ("ar", "ar")):
        with translation.override(language):
            assert LinkDatasetForm()["language"].value() == expected
    with translation.override("en"):
        assert LinkDatasetForm()["language"].value() is None  # the first choice, Arabic, is shown
    verified(client, officer)
    url = reverse("proactive:portal_link", args=[granted.reference])
    assert 'name="link-language"' in client.get(url).content.decode()
    response = client.post(url, {"link-url": "https://data.gov.ma/data/fr/dataset/budget",
                                 "link-title": "Budget voté 2025", "link-language": "fr"})
    assert response.status_code == 302
    assert PortalDataset.objects.get().language == "fr"
    response = client.post(url, {"link-url": "https://data.gov.ma/data/fr/dataset/autre",
                                 "link-title": "Autre", "link-language": "en"})
    assert response.status_code == 400 and PortalDataset.objects.count() == 1


def test_two_officers_linking_the_same_new_address_at_once_get_a_clear_refusal(
        granted, officer, citizen, monkeypatch):
    other = make_request(body=granted.body, requester=citizen)
    decide_request(other, "granted", officer=officer)
    url = "https://data.gov.ma/data/fr/dataset/budget-2025"
    checked = PortalDataset.full_clean
    rival = []

    def the_other_officer_commits_meanwhile(self, *args, **kwargs):
        checked(self, *args, **kwargs)
        if not rival:  # between this officer's duplicate check and their save
            rival.append(other)
            services.link_existing_dataset(actor=officer, information_request=other, url=url, title="Budget")

    monkeypatch.setattr(PortalDataset, "full_clean", the_other_officer_commits_meanwhile)
    with pytest.raises(ValidationError, match="already linked to this request"):
        services.link_existing_dataset(actor=officer, information_request=granted, url=url, title="Budget")
    # (The rival's link ran inside this call here, so it is undone with it; in the race it is
    # the other officer's own transaction, committed.) This officer's request got nothing.
    assert not RequestDataset.objects.filter(request=granted).exists()
