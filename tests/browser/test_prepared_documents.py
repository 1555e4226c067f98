"""Issue 11, point 3, in a real browser and in Arabic: the officer adds a redacted
version on the request's documents page, follows its preparation (the page refreshes
itself: waiting, then page 1 of 2, then ready), sees what will be public (title, neutral
name, the copy itself) and decides; the requester's page offers the document under its
neutral name. The preparation task's worker is played by the test: the web request only
queues it."""

import io

import pikepdf
import pytest
from playwright.sync_api import expect

from requests_app import preparation, tasks
from requests_app.models import Exemption, InformationRequest, PreparedDocument
from tests.artifacts import artifact_path
from tests.factories import UserFactory, make_request, officer_of, pdf_bytes, pdf_with_metadata
from tests.helpers import authenticator, log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]


def two_pages() -> bytes:
    with pikepdf.open(io.BytesIO(pdf_with_metadata("Zqxbrowsermeta", "Budget 2025"))) as pdf:
        with pikepdf.open(io.BytesIO(pdf_bytes("Annexe"))) as annex:
            pdf.pages.extend(annex.pages)
        buffer = io.BytesIO()
        pdf.save(buffer)
    return buffer.getvalue()


def test_the_officer_adds_a_redacted_version_follows_it_previews_it_and_decides(
        browser, live_server, tmp_path, monkeypatch, body):
    queued = []
    monkeypatch.setattr(tasks.prepare_document, "delay", queued.append)  # a worker not started yet
    base = live_server.url
    officer = officer_of(body)
    authenticator(officer)
    requester = UserFactory(email="amina@example.ma")
    request = make_request(body=body, requester=requester, subject="ميزانية 2025")

    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar").new_page()
    log_in(page, base, officer, f"/ar/workspace/requests/{request.reference}/prepared/")
    page.goto(f"{base}/ar/workspace/requests/{request.reference}/prepared/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("وثائق القرار")
    source = tmp_path / "Zqxuploadname-budget.pdf"
    source.write_bytes(two_pages())
    page.check("input[name=kind][value=redacted]")
    page.fill("#id_public_title", "ميزانية 2025 (نسخة محذوف منها الجزء المستثنى)")
    page.set_input_files("#id_file", str(source))
    page.click("main form:not(.inline-form) button[type=submit]")
    expect(page.locator(".prepared-documents")).to_contain_text("قيد الإعداد")
    document = PreparedDocument.objects.get(request=request)
    assert queued == [document.pk] and document.status == PreparedDocument.Status.QUEUED

    # The worker starts and reports its first page: the page shows it on its next refresh.
    PreparedDocument.objects.filter(pk=document.pk).update(status="running", pages_done=1, pages_total=2)
    expect(page.locator(".prepared-documents")).to_contain_text("الصفحة 1 من 2", timeout=10_000)
    page.screenshot(path=artifact_path("prepared-documents-progress.png"), full_page=True)
    PreparedDocument.objects.filter(pk=document.pk).update(status="queued")
    preparation.prepare(document.pk)
    name = f"{request.reference}-document-1.pdf"
    expect(page.locator(".public-preview")).to_contain_text(name, timeout=10_000)
    expect(page.locator(".prepared-documents")).to_contain_text("جاهزة")
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    with page.expect_download() as download:
        page.click(f".public-preview >> text={name}")
    assert download.value.suggested_filename == name
    previewed = open(download.value.path(), "rb").read()
    assert b"Zqxbrowsermeta" not in previewed
    with pikepdf.open(io.BytesIO(previewed)) as pdf:
        assert len(pdf.pages) == 2 and "/Info" not in pdf.trailer
    page.screenshot(path=artifact_path("prepared-documents-ready.png"), full_page=True)

    # The decision page shows the same preview, and the decision releases that copy.
    page.click("main >> text=الاستجابة الجزئية (المادة 8)")
    expect(page.locator(".public-preview")).to_contain_text(name)
    private_life = Exemption.objects.get(code="private_life")
    page.select_option("#id_citation-0-exemption", value=str(private_life.pk))
    page.fill("#id_citation-0-public_justification", "اسم شخص خاص.")
    page.check("#id_confirm")
    page.click("main form button[type=submit]")
    expect(page.locator(".messages")).to_be_visible()
    request.refresh_from_db()
    assert request.state == InformationRequest.State.PARTIALLY_GRANTED
    released = request.decision.documents.get(released=True)
    assert released.file.read() == previewed

    citizen = browser.new_context(accept_downloads=True, locale="ar").new_page()
    log_in(citizen, base, requester, f"/ar/requests/{request.reference}/")
    citizen.goto(f"{base}/ar/requests/{request.reference}/")
    expect(citizen.locator(".decision")).to_contain_text(name)
    assert "Zqxuploadname" not in citizen.content()
    with citizen.expect_download() as download:
        citizen.click(".decision >> text=ميزانية 2025")
    assert download.value.suggested_filename == name
