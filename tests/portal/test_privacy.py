"""Law 09-08: a requester's identity never appears on a public page, feed or export.
Requesters whose name, address, ID number, e-mail and phone hold unique markers file
requests that end in every public state; then every page reachable by an anonymous
visitor (crawled by following links from the home pages in the three languages), the
feed, the CSV export and searches for the markers themselves are read."""

import re
from datetime import date
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from requests_app import services
from tests.factories import UserFactory, decide_request, make_request, officer_of

pytestmark = pytest.mark.django_db

MARKERS = {
    "first_name": "Zqxfirstname",
    "family_name": "Zqxfamilyname",
    "address": "Zqxaddress 7 derb",
    "id_number": "ZQ42424",  # a CIN: two letters and (with its suffix) six digits
    "email": "zqx.mail@example.ma",
    "phone": "+212677700777",
}
LINK = re.compile(r'href="([^"#]+)"')
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def requesters_with_markers(rabat):
    made = []
    for n, outcome in enumerate(["refused", "granted", "partially_granted", "overdue", "open"]):
        identity = {field: f"{value}{n}" if field != "email" else f"zqx{n}.mail@example.ma"
                    for field, value in MARKERS.items()}
        account = UserFactory(email=identity["email"], first_name=identity["first_name"],
                              last_name=identity["family_name"], address=identity["address"],
                              id_number=identity["id_number"], phone=identity["phone"])
        request = make_request(body=rabat, requester=account, received_on=date(2026, 9, 1),
                               subject=f"Subject {n}", id_type="cin", **identity)
        if outcome == "overdue":
            services.mark_overdue(information_request=request)
        elif outcome != "open":
            decide_request(request, outcome)
            services.set_publication_consent(actor=account, information_request=request, consent=True)
        services.send_message(actor=officer_of(rabat), information_request=request,
                              text=f"Dear {identity['first_name']} {identity['family_name']}")
        made.append((request, identity))
    return made


def all_markers(made):
    values = set()
    for _request, identity in made:
        values.update(identity.values())
    values.update(MARKERS.values())
    return {value.lower() for value in values} | {"zqx"}


def crawl(client, starts, limit=3000):
    seen, queue, pages = set(), list(starts), {}
    while queue and len(seen) < limit:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[url] = (response.status_code, body)
        if "html" not in response.get("Content-Type", ""):
            continue
        for href in LINK.findall(body.decode("utf-8", "replace")):
            href = href.replace("&amp;", "&")
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver") or "/admin/" in parts.path:
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def _open_data(made, rabat):
    """The granted request answered by a dataset on the portal, and a register entry
    opened after it: both are shown on the public pages (proactive.portal)."""
    from proactive.models import Art10Category, RegisterEntry
    from proactive.portal import services as portal_services

    granted = next(request for request, _identity in made if request.state == "granted")
    officer = officer_of(rabat)
    portal_services.link_existing_dataset(actor=officer, information_request=granted, title="Budget",
                                          url="https://data.gov.ma/data/fr/dataset/budget-zz")
    RegisterEntry.objects.create(body=rabat, category=Art10Category.objects.get(number=16), title="Budget",
                                 url="https://data.gov.ma/data/fr/dataset/budget-zz",
                                 published_on=date(2026, 9, 20), opened_after=granted,
                                 created_by=officer, updated_by=officer)


def test_no_identity_on_any_public_page_feed_or_export(client, requesters_with_markers, rabat):
    made = requesters_with_markers
    _open_data(made, rabat)
    starts = [f"/{language}/" for language in ("ar", "fr", "en")]
    starts += [f"/{language}/proactive/{rabat.code}/" for language in ("ar", "fr", "en")]
    starts += [f"/{language}/register/{request.reference}/" for language in ("ar", "fr", "en")
               for request, _identity in made]
    starts += ["/en/register/feed/", "/en/register/export.csv", "/ar/register/export.csv",
               f"/en/register/export.csv?body={rabat.code}"]
    # The proactive registers and their DCAT catalogue (issue 13).
    starts += ["/en/proactive/", "/ar/catalogue/catalog.ttl", "/fr/catalogue/catalog.jsonld",
               "/en/catalogue/catalog.rdf"]
    for value in MARKERS.values():
        starts += [f"/en/register/?q={value}", f"/en/bodies/?q={value}",
                   f"/en/requests/new/?q={value}"]
    # What the filing page's script reads (issue 13): the answered requests' public fields.
    starts += [f"/{language}/requests/new/{rabat.code}/suggestions/?subject=Subject&information_sought={text}"
               for language in ("ar", "fr") for text in ("Subject 0", MARKERS["first_name"])]
    pages = crawl(client, starts)
    # The crawl reached the register, its entries, body pages and released documents.
    assert any("/register/" in url and url.count("/") == 4 for url in pages)
    assert any("/documents/" in url for url in pages)
    assert any(url.startswith(f"/fr/bodies/{rabat.code}/") for url in pages)
    assert len(pages) > 30
    suggested = [body for url, (_status, body) in pages.items() if "/suggestions/" in url]
    assert any(b"/register/" in body for body in suggested)  # the answered requests were found
    assert any(b"data.gov.ma/data/fr/dataset/budget-zz" in body and b"opened after request" in body
               for url, (_status, body) in pages.items() if url.startswith("/en/"))
    markers = all_markers(made)
    for url, (_status, body) in pages.items():
        # A CSRF token is random letters: "zqx" turns up in one page in a few hundred.
        text = CSRF_TOKEN.sub("", body.decode("utf-8", "replace")).lower()
        # A search for a marker echoes it in the search box: that is the visitor's own text.
        echoed = unquote(url).lower()
        found = [marker for marker in markers if marker in text and marker not in echoed]
        assert not found, f"{url} shows {found}"


def test_the_open_request_is_nowhere_public(client, requesters_with_markers):
    open_request = requesters_with_markers[-1][0]
    pages = crawl(client, ["/en/", "/en/register/feed/", "/en/register/export.csv"])
    assert not any(open_request.reference in body.decode("utf-8", "replace")
                   for _status, body in pages.values())


def test_an_ex_officer_reads_no_identity_at_the_body_they_left(client, requesters_with_markers, rabat):
    """Art. 12: the officer's designation at Rabat ended yesterday (the row changed,
    nothing saved or synced) and they serve another body today. Every page they could
    reach at Rabat while designated (each request, its acts, letters, files, the body's
    templates and intake) and everything linked from their workspace shows no identity."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import Designation
    from tests.factories import BodyFactory, DesignationFactory
    from tests.helpers import verified

    ex_officer = officer_of(rabat)
    other = BodyFactory(code="commune-sale", name_fr="Commune de Salé")
    DesignationFactory(user=ex_officer, body=other)
    Designation.objects.filter(user=ex_officer, body=rabat).update(
        ends_on=timezone.localdate() - timedelta(days=1))
    made = requesters_with_markers
    verified(client, ex_officer)
    old_body_pages = [f"/en/workspace/templates/{rabat.code}/new/",
                      f"/en/workspace/bodies/{rabat.code}/designations/"]
    for request, _identity in made:
        base = f"/en/workspace/requests/{request.reference}/"
        old_body_pages += [base + rest for rest in (
            "", "extend/", "consult/", "reclassify/", "withdraw/", "receipt/", "public-subject/",
            "decide/granted/", "decide/refused/", "written-withdrawal/", "receipt/acknowledgement/",
            "letters/receipt.pdf", "letters/decision.pdf", "letters/extension.pdf")]
        old_body_pages += [f"{base}attachments/{attachment.pk}/" for message in request.messages.all()
                           for attachment in message.attachments.all()]
        decision = getattr(request, "decision", None)
        old_body_pages += [f"{base}documents/{document.pk}/"
                           for document in (decision.documents.all() if decision else [])]
    pages = crawl(client, ["/en/workspace/", "/en/workspace/intake/", "/en/workspace/templates/",
                           "/en/workspace/notices/", *old_body_pages])
    assert pages["/en/workspace/"][0] == 200
    for url in old_body_pages:
        assert pages[url][0] == 404, (url, pages[url][0])
    markers = all_markers(made)
    for url, (_status, body) in pages.items():
        text = CSRF_TOKEN.sub("", body.decode("utf-8", "replace")).lower()
        found = [marker for marker in markers if marker in text]
        assert not found, f"{url} shows {found}"

DOCUMENT_MARKER = "Zqxdocmeta"


def test_released_documents_carry_no_metadata_or_uploaded_name(client, rabat):
    """Issue 11, point 3: documents released in full and as redacted versions, whose PDF
    properties (information dictionary, XMP, /PieceInfo) and uploaded file names hold
    markers: no public page, feed, export or download shows them, and every download
    is served under a neutral name."""
    import io

    import pikepdf
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import pdf_with_metadata

    def marked(name):
        return SimpleUploadedFile(f"{DOCUMENT_MARKER}-{name}.pdf", pdf_with_metadata(DOCUMENT_MARKER),
                                  content_type="application/pdf")

    requests = []
    for outcome, kind in [("granted", "full"), ("partially_granted", "redacted")]:
        request = make_request(body=rabat, subject=f"Budget {outcome}")
        decide_request(request, outcome, prepared=[("Budget 2025", marked(outcome), kind),
                                                   ("Annex", marked(f"{outcome}-annex"), "full")])
        services.set_publication_consent(actor=request.requester, information_request=request, consent=True)
        requests.append(request)
    starts = [f"/{language}/register/{request.reference}/" for language in ("ar", "fr", "en")
              for request in requests]
    starts += ["/en/register/", "/en/register/feed/", "/en/register/export.csv"]
    pages = crawl(client, starts, limit=400)
    downloads = {url: body for url, (_status, body) in pages.items() if "/documents/" in url}
    assert len(downloads) >= 4  # two documents of each decision, reached by following links
    marker = DOCUMENT_MARKER.lower()
    for url, (_status, body) in pages.items():
        assert marker not in body.decode("latin-1").lower(), url
    for url, body in downloads.items():
        with pikepdf.open(io.BytesIO(body)) as pdf:
            assert "/Info" not in pdf.trailer and "/Metadata" not in pdf.Root, url
            for obj in pdf.objects:
                text = repr(obj)
                if isinstance(obj, pikepdf.Stream):
                    text += obj.read_bytes().decode("latin-1")
                assert marker not in text.lower(), url
        response = client.get(url)
        reference = url.split("/")[3]
        assert response["Content-Disposition"] in (
            f'attachment; filename="{reference}-document-1.pdf"',
            f'attachment; filename="{reference}-document-2.pdf"'), url


APPEAL_MARKERS = {
    "representative": "Zqxrepresentative",
    "head_reasons": "Zqxheadreasons",
    "subject": "Zqxcomplaintsubject",
    "reasons": "Zqxcomplaintreasons",
    "checks": "Zqxchecksnote",
    "note": "Zqxinvestigationnote",
    "questions": "Zqxobservationquestions",
    "observation": "Zqxobservationanswer",
    "minutes": "Zqxsessionminutes",
    "decision_reasons": "Zqxdecisionreasons",
    "court_note": "Zqxcourtnote",
}


def test_no_identity_nor_deliberation_in_the_appeals_chain_or_the_commission_decisions(
        client, requesters_with_markers, rabat):
    """Issue 12, point 5; Law 09-08; RI 9: a marked requester complains to the head of
    the body, then to the Commission through a named representative; the complaint is
    investigated (checks, a note, observations asked and answered), deliberated in a
    session whose minutes hold a marker, decided, and PUBLISHED by the president; the
    requester appeals to the court. The decisions register (list, searches, detail,
    feed, CSV), the register entry and the register's feed and CSV show no marker."""
    from django.utils import timezone

    from appeals.models import (
        AgendaItem,
        Attendance,
        CommissionComplaint,
        CommissionSession,
        CourtAppeal,
        HeadComplaint,
        InvestigationNote,
        Observation,
    )
    from appeals.public import services as publication
    from tests.appeals.factories import commission_complaint, commission_member, head_complaint

    request, identity = requesters_with_markers[0]  # refused
    today = timezone.localdate()
    head = head_complaint(request, filed_on=today, reasons=APPEAL_MARKERS["head_reasons"])
    HeadComplaint.objects.filter(pk=head.pk).update(state="rejected", received_on=today)
    head = HeadComplaint.objects.get(pk=head.pk)
    complaint = commission_complaint(
        request, filed_on=today, head=head, subject=APPEAL_MARKERS["subject"],
        reasons=APPEAL_MARKERS["reasons"], representative_name=APPEAL_MARKERS["representative"],
        representative_capacity="Avocat")
    president, member = commission_member(president=True), commission_member()
    InvestigationNote.objects.create(complaint=complaint, author=member, text=APPEAL_MARKERS["note"])
    Observation.objects.create(complaint=complaint, questions=APPEAL_MARKERS["questions"], asked_by=member,
                               reply_by=today, answer=APPEAL_MARKERS["observation"],
                               answered_at=timezone.now(), answered_by=officer_of(rabat))
    session = CommissionSession.objects.create(held_on=today, called_on=today, called_by=president,
                                               members_in_office=3, minutes=APPEAL_MARKERS["minutes"])
    CommissionSession.objects.filter(pk=session.pk).update(state="held")
    for person in (president, member):
        Attendance.objects.create(session=session, member=person, present=True)
    AgendaItem.objects.create(session=session, complaint=complaint, vote="majority", votes_for=2,
                              votes_against=0, outcome="disclose_fully")
    CommissionComplaint.objects.filter(pk=complaint.pk).update(
        state="decided", outcome="disclose_fully", articles_cited="2, 7, 19", session=session,
        decision_reasons=APPEAL_MARKERS["decision_reasons"], checks_note=APPEAL_MARKERS["checks"],
        decided_at=timezone.now(), decided_by=president, received_on=today)
    complaint = CommissionComplaint.objects.get(pk=complaint.pk)
    publication.publish(actor=president, complaint=complaint,
                        public_summary="La Commission recommande la communication intégrale du budget.")
    CourtAppeal.objects.create(request=request, commission_complaint=complaint,
                               court="Tribunal administratif", filed_on=today,
                               court_reference="77/7110/2026", outcome="annulled", outcome_on=today,
                               outcome_note=APPEAL_MARKERS["court_note"], recorded_by=request.requester)

    decision_url = f"/en/commission/decisions/{complaint.number}/"
    starts = [f"/{language}/commission/decisions/" for language in ("ar", "fr", "en")]
    starts += [f"/{language}/commission/decisions/{complaint.number}/" for language in ("ar", "fr")]
    starts += [decision_url, "/en/commission/decisions/feed/", "/en/commission/decisions/export.csv",
               "/ar/commission/decisions/export.csv", f"/en/register/{request.reference}/",
               "/en/register/feed/", "/en/register/export.csv", "/ar/register/export.csv"]
    for value in [*identity.values(), *APPEAL_MARKERS.values()]:
        starts += [f"/en/commission/decisions/?q={value}"]
    pages = crawl(client, starts, limit=600)
    assert pages[decision_url][0] == 200
    assert "communication intégrale du budget" in pages[decision_url][1].decode()
    assert complaint.number in pages["/en/commission/decisions/feed/"][1].decode()
    assert complaint.number in pages["/en/commission/decisions/export.csv"][1].decode("utf-8-sig")
    entry = pages[f"/en/register/{request.reference}/"][1].decode()
    assert decision_url in entry and "77/7110/2026" in entry  # the trail is real, and anonymous
    markers = all_markers(requesters_with_markers) | {value.lower() for value in APPEAL_MARKERS.values()}
    for url, (_status, body) in pages.items():
        text = CSRF_TOKEN.sub("", body.decode("utf-8", "replace")).lower()
        echoed = unquote(url).lower()
        found = [marker for marker in markers if marker in text and marker not in echoed]
        assert not found, f"{url} shows {found}"


def test_no_asker_supporter_or_submitter_identity_on_asks_and_reuses(client, requesters_with_markers, rabat):
    """Issue 13, points 5 and 7: the accounts that ask for a dataset, support an ask or
    submit a reuse (the marked requesters) are on no public page reached from the home
    pages, the list of asks and the list of reuses."""
    from proactive.asks import services as asks
    from proactive.models import Art10Category
    from proactive.register import services as register
    from proactive.reuses import services as reuses

    accounts = [request.requester for request, _identity in requesters_with_markers]
    officer = officer_of(rabat)
    ask = asks.ask(actor=accounts[0], body=rabat, title="Horaires des guichets")
    asks.support(actor=accounts[1], ask=ask)
    asks.answer(actor=officer, ask=ask, state="planned", planned_for=date(2099, 1, 1))
    asks.ask(actor=accounts[2], body=rabat, title="Stationnement")
    entry = register.add_entry(actor=officer, body=rabat, category=Art10Category.objects.get(number=6),
                               title="Budget", url="https://rabat.ma/budget.csv",
                               published_on=date(2026, 1, 5))
    reuse = reuses.submit(actor=accounts[3], title="Carte du budget", kind="visualisation",
                          url="https://viz.example.org/carte", entries=[entry])
    reuses.moderate(actor=officer, reuse=reuse, approve=True)
    starts = [f"/{language}/" for language in ("ar", "fr", "en")]
    starts += ["/en/data-asks/", f"/en/data-asks/body/{rabat.code}/", "/en/reuses/",
               f"/en/proactive/{rabat.code}/"]
    pages = crawl(client, starts, limit=600)
    assert f"/en/data-asks/{ask.pk}/" in pages and f"/en/reuses/{reuse.pk}/" in pages
    markers = all_markers(requesters_with_markers)
    for url, (_status, body) in pages.items():
        text = CSRF_TOKEN.sub("", body.decode("utf-8", "replace")).lower()
        found = [marker for marker in markers if marker in text]
        assert not found, f"{url} shows {found}"
