"""The public register and the body pages: what is shown, filters, search, pagination,
stable addresses, figures, and a fixed number of queries per page."""

from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import Designation
from requests_app import services
from requests_app.clock import calendar
from requests_app.models import InformationRequest
from tests.factories import BodyFactory, DesignationFactory, decide_request, make_request, officer_of

pytestmark = pytest.mark.django_db


def decided(body, outcome="refused", subject="Budget 2025", received_on=date(2026, 9, 1), **kwargs):
    request = make_request(body=body, received_on=received_on, subject=subject, **kwargs)
    decide_request(request, outcome)
    return request


def references(response):
    return [item.reference for item in response.context["page"]]


def test_the_register_shows_decided_and_overdue_requests_only(client, rabat):
    refused = decided(rabat)
    overdue = make_request(body=rabat, received_on=date(2026, 9, 1))
    services.mark_overdue(information_request=overdue)
    open_request = make_request(body=rabat)
    listed = references(client.get("/en/register/"))
    assert set(listed) == {refused.reference, overdue.reference}
    assert open_request.reference not in listed


def test_a_register_entry_shows_the_grounds_and_their_justification(client, rabat):
    request = decided(rabat)
    content = client.get(f"/fr/register/{request.reference}/").content.decode()
    assert "Refusée" in content or "Refus" in content
    assert "art. 7" in content
    assert "medical records of named third parties" in content
    assert "Complaints" in client.get(f"/en/register/{request.reference}/").content.decode()


def test_filters(client, rabat):
    other_body = BodyFactory()
    refused = decided(rabat, "refused")
    granted = decided(rabat, "granted")
    partial = decided(other_body, "partially_granted", received_on=date(2025, 6, 2))
    assert references(client.get("/en/register/", {"body": rabat.code})) == [granted.reference,
                                                                              refused.reference]
    assert references(client.get("/en/register/", {"state": "refused"})) == [refused.reference]
    assert references(client.get("/en/register/", {"outcome": "granted"})) == [granted.reference]
    assert set(references(client.get("/en/register/", {"ground": "private_life"}))) == {
        refused.reference, partial.reference}
    assert references(client.get("/en/register/", {"ground": "exemption"})) == [refused.reference]
    assert references(client.get("/en/register/", {"year": 2025})) == [partial.reference]
    response = client.get("/en/register/", {"year": "not a year"})
    assert response.status_code == 200 and "year" in response.context["form"].errors


def test_full_text_search(client, rabat):
    water = decided(rabat, subject="Qualité de l'eau potable à Rabat")
    decided(rabat, subject="Budget de la commune")
    arabic = decided(rabat, subject="ميزانية جماعة الرباط")
    assert references(client.get("/en/register/", {"q": "eau potable"})) == [water.reference]
    assert references(client.get("/en/register/", {"q": "ميزانية"})) == [arabic.reference]
    assert references(client.get("/en/register/", {"q": "nothing-like-this"})) == []


@pytest.mark.parametrize("subject, query", [
    ("طلب بالميزانية السنوية", "ميزانية"), ("الاطلاع على الميزانية", "ميزانية"),
    ("نسخة للميزانية", "ميزانية"), ("والميزانية المعدلة", "ميزانية"),
    ("ميزانية جماعة الرباط", "الميزانية"), ("ميزانية جماعة الرباط", "بالرباط"),
])
def test_arabic_search_finds_a_word_with_or_without_its_attached_prefix(client, rabat, subject, query):
    """ال، ب، ل، و attached to a word: searching the bare word finds the prefixed one,
    and the reverse (on PostgreSQL's text search as on SQLite's fallback)."""
    found = decided(rabat, subject=subject)
    decided(rabat, subject="Budget de la commune")
    decided(rabat, subject="مباريات التوظيف")
    assert references(client.get("/en/register/", {"q": query})) == [found.reference]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_postgresql_search_can_use_the_text_search_index(rabat):
    """The search's expression is the index's (migration 0011), for a French word and for
    an Arabic word found without its prefix."""
    from requests_app.register.selectors import RegisterFilters, entries, search

    def plan(text):
        with connection.cursor() as cursor:
            # On a handful of rows the planner prefers a scan, or another index and a
            # filter: forbid both to see whether this index can answer the search.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            return search(InformationRequest.objects.all(), text).values("id").explain()

    decided(rabat, subject="Budget de la commune")
    decided(rabat, subject="طلب بالميزانية")
    for text in ("budget", "ميزانية"):
        assert "request_public_subject_search" in plan(text), plan(text)
    assert [item.subject for item in entries(RegisterFilters(q="budget"))] == ["Budget de la commune"]
    assert [item.subject for item in entries(RegisterFilters(q="ميزانية"))] == ["طلب بالميزانية"]


def test_pagination_and_stable_addresses(client, rabat):
    requests = [decided(rabat, subject=f"Subject {n}") for n in range(27)]
    first = client.get("/en/register/", {"body": rabat.code})
    second = client.get("/en/register/", {"body": rabat.code, "page": 2})
    assert len(references(first)) == 25 and len(references(second)) == 2
    assert f"body={rabat.code}&amp;page=2" in first.content.decode()
    # The address of an entry is its reference, in every language.
    for language in ("ar", "fr", "en"):
        assert client.get(f"/{language}/register/{requests[0].reference}/").status_code == 200


def test_published_documents_need_the_requesters_consent(client, rabat):
    granted = decided(rabat, "granted")
    document = granted.decision.documents.get()
    url = f"/en/register/{granted.reference}/documents/{document.pk}/"
    assert client.get(url).status_code == 404
    assert "has not agreed" in client.get(f"/en/register/{granted.reference}/").content.decode()
    services.set_publication_consent(actor=granted.requester, information_request=granted, consent=True)
    assert client.get(url).status_code == 200
    assert "Budget 2025" in client.get(f"/en/register/{granted.reference}/").content.decode()


def test_a_partial_grant_publishes_only_the_redacted_version(client, rabat):
    partial = decided(rabat, "partially_granted")
    services.set_publication_consent(actor=partial.requester, information_request=partial, consent=True)
    redacted = partial.decision.documents.get(is_redacted=True)
    original = partial.decision.documents.get(is_redacted=False)
    assert client.get(f"/en/register/{partial.reference}/documents/{redacted.pk}/").status_code == 200
    assert client.get(f"/en/register/{partial.reference}/documents/{original.pk}/").status_code == 404
    assert "(original)" not in client.get(f"/en/register/{partial.reference}/").content.decode()


def test_the_body_page_lists_officers_and_figures(client, rabat):
    DesignationFactory(body=rabat, work_email="info@rabat.ma", work_phone="0537000000",
                       user__first_name="Karim", user__last_name="Idrissi")
    DesignationFactory(body=rabat, ends_on=date(2025, 3, 1), work_email="former@rabat.ma")
    DesignationFactory(body=rabat, role=Designation.Role.HEAD_OF_BODY, work_email="head@rabat.ma")
    late_one = decided(rabat, "granted")  # received 01/09/2026, decided today: late
    prompt = make_request(body=rabat)
    decide_request(prompt, "granted")  # same day: 0 working days, on time
    overdue = make_request(body=rabat, received_on=date(2026, 9, 1))
    services.mark_overdue(information_request=overdue)
    make_request(body=rabat)  # still open
    content = client.get(f"/en/bodies/{rabat.code}/").content.decode()
    assert "info@rabat.ma" in content and "0537000000" in content and "Karim Idrissi" in content
    assert "former@rabat.ma" not in content and "head@rabat.ma" not in content
    figures = client.get(f"/en/bodies/{rabat.code}/").context["figures"]
    assert figures.received == 4
    assert (figures.decided, figures.on_time, figures.overdue) == (2, 1, 1)
    assert figures.on_time_percent == 33
    taken = calendar.working_days_between(date(2026, 9, 1), timezone.localdate(late_one.decision.decided_at))
    assert figures.median_working_days == pytest.approx((taken + 0) / 2)


def test_the_bodies_directory_searches_all_languages(client, rabat):
    assert f"/en/bodies/{rabat.code}/" in client.get("/en/bodies/", {"q": "الرباط"}).content.decode()
    assert f"/en/bodies/{rabat.code}/" in client.get("/en/bodies/").content.decode()


# -- no N+1: a page costs the same number of queries with 2 rows or 12 ---------------------


def count_queries(client, url):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_register_query_count_does_not_grow(client, rabat):
    for n in range(2):
        decided(rabat, subject=f"Subject {n}")
    small = count_queries(client, "/en/register/")
    for n in range(10):
        decided(BodyFactory(), subject=f"More {n}", outcome="granted")
    assert count_queries(client, "/en/register/") == small <= 6


def test_request_page_query_count_does_not_grow(logged_in, requester, rabat):
    request = make_request(body=rabat, requester=requester, received_on=date(2026, 9, 1))
    officer = officer_of(rabat)
    services.send_message(actor=officer, information_request=request, text="one")
    url = f"/en/requests/{request.reference}/"
    small = count_queries(logged_in, url)
    for n in range(10):
        services.send_message(actor=officer, information_request=request, text=f"more {n}")
    decide_request(request, "partially_granted", officer=officer)
    logged_in.get(url)  # the first view records the day the answer was received (art. 19), once
    # The decision's own tables, and the complaint sections (head of body, Commission,
    # court: appeals' sections of the page), each once whatever the number of messages.
    assert count_queries(logged_in, url) <= small + 5 + 5
    for n in range(5):
        services.send_message(actor=requester, information_request=request, text=f"later {n}")
    assert count_queries(logged_in, url) == count_queries(logged_in, url)
    big = count_queries(logged_in, url)
    services.send_message(actor=requester, information_request=request, text="one more")
    assert count_queries(logged_in, url) == big <= 35


def test_public_entry_and_body_page_query_counts_do_not_grow(client, rabat):
    first = decided(rabat)
    entry = count_queries(client, f"/en/register/{first.reference}/")
    body = count_queries(client, f"/en/bodies/{rabat.code}/")
    for n in range(10):
        decided(rabat, subject=f"Subject {n}")
        DesignationFactory(body=rabat, work_email=f"officer{n}@rabat.ma")
    assert count_queries(client, f"/en/register/{first.reference}/") == entry <= 10
    assert count_queries(client, f"/en/bodies/{rabat.code}/") == body <= 10


def test_no_draft_is_ever_counted_or_listed(client, rabat):
    make_request(body=rabat, submit=False)
    assert InformationRequest.objects.filter(state="draft").exists()
    assert client.get(f"/en/bodies/{rabat.code}/").context["figures"].received == 0


def test_the_csv_export_has_the_decision_date_grounds_and_late_only_for_answers(client, rabat):
    import csv
    import io

    from django.utils import timezone

    refused = decided(rabat, subject="Refused one")
    granted = decided(rabat, subject="Granted one", outcome="granted")
    overdue = make_request(body=rabat, received_on=date(2026, 9, 1), subject="Never answered")
    services.mark_overdue(information_request=overdue)
    content = client.get("/en/register/export.csv").content.decode("utf-8-sig")
    rows = {row["Reference"]: row for row in csv.DictReader(io.StringIO(content))}
    today = timezone.localdate().isoformat()
    assert rows[refused.reference]["Decided on"] == today
    from requests_app.models import Exemption, RefusalGround

    ground = RefusalGround.objects.get(code="exemption")
    assert rows[refused.reference]["Grounds of refusal (art. 18)"] == ground.label
    assert rows[refused.reference]["Exemptions relied on (art. 7)"] == Exemption.objects.get(
        code="private_life").label
    assert rows[refused.reference]["Answered late"] in ("yes", "no")
    assert rows[granted.reference]["Grounds of refusal (art. 18)"] == ""
    assert rows[overdue.reference]["Decided on"] == ""
    assert rows[overdue.reference]["Answered late"] == ""


def test_the_arabic_register_counts_its_entries_as_arabic_counts(client, rabat):
    """One, two, then 3-10 and 11+ (the six plural forms of the Arabic catalogue)."""
    decided(rabat)
    assert "طلب واحد" in client.get("/ar/register/").content.decode()
    decided(rabat, subject="Budget 2026")
    assert "طلبان" in client.get("/ar/register/").content.decode()
