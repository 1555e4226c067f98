"""An officer of body A, in a real browser, with the second factor: extends a request,
then grants it in part with a redacted PDF; the requester sees the letters; an officer
of body B meets 404 on every page of that request and never sees it listed."""

import io
import subprocess

import pytest
from playwright.sync_api import expect
from reportlab.pdfgen import canvas

from requests_app.models import Exemption, InformationRequest
from tests.artifacts import artifact_path
from tests.factories import BodyFactory, UserFactory, make_request, officer_of
from tests.helpers import authenticator, log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]
def redacted_pdf() -> bytes:
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.drawString(72, 760, "Budget de la commune 2025")
    sheet.drawString(72, 700, "Beneficiaire: Youssef Bennani CIN AB123456")
    sheet.setFillColorRGB(0, 0, 0)
    sheet.rect(60, 690, 420, 25, fill=1)  # drawn over the name, as officers do
    sheet.save()
    return buffer.getvalue()


def test_extend_then_partially_grant_and_a_foreign_officer_sees_nothing(browser, live_server, tmp_path):
    base = live_server.url
    body_a = BodyFactory(code="commune-rabat", name_ar="جماعة الرباط", name_fr="Commune de Rabat",
                         name_en="Rabat commune")
    body_b = BodyFactory(code="commune-sale", name_en="Sale commune")
    officer_a, officer_b = officer_of(body_a), officer_of(body_b)
    for officer in (officer_a, officer_b):
        authenticator(officer)
    requester = UserFactory(email="amina@example.ma")
    request = make_request(body=body_a, requester=requester, subject="Budget 2025 de Rabat")
    old_due = request.due_date

    officer_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(officer_page, base, officer_a)
    expect(officer_page.locator("h1")).to_have_text("Workspace")
    officer_page.click(f"text={request.reference}")
    officer_page.click("text=Extend the deadline (art. 16)")
    officer_page.check("input[name=ground][value=large_volume]")
    officer_page.fill("#id_reasons", "More than 400 documents to gather.")
    officer_page.check("#id_confirm")
    officer_page.click("main form button[type=submit]")
    expect(officer_page.locator(".messages")).to_contain_text("extended")
    request.refresh_from_db()
    assert request.is_extended and request.due_date > old_due

    # The redacted version is added on the documents page first; its copy is prepared by
    # the task (eager here), then the decision releases it.
    officer_page.click("text=Documents of the decision")
    pdf_path = tmp_path / "budget-redacted.pdf"
    pdf_path.write_bytes(redacted_pdf())
    officer_page.check("input[name=kind][value=redacted]")
    officer_page.fill("#id_public_title", "Budget 2025 (redacted)")
    officer_page.set_input_files("#id_file", str(pdf_path))
    officer_page.click("main form:not(.inline-form) button[type=submit]")
    expect(officer_page.locator(".public-preview")).to_contain_text(f"{request.reference}-document-1.pdf")
    officer_page.click("main >> text=Grant in part (art. 8)")
    private_life = Exemption.objects.get(code="private_life")
    officer_page.select_option("#id_citation-0-exemption", value=str(private_life.pk))
    officer_page.fill("#id_citation-0-withheld_part", "Beneficiary's name")
    officer_page.fill("#id_citation-0-public_justification", "The name of a private person.")
    officer_page.check("#id_confirm")
    officer_page.click("main form button[type=submit]")
    expect(officer_page.locator(".messages")).to_contain_text("decision has been recorded")
    officer_page.screenshot(path=artifact_path("workspace-request.png"), full_page=True)
    request.refresh_from_db()
    assert request.state == InformationRequest.State.PARTIALLY_GRANTED
    released = request.decision.documents.get(released=True).file.read()
    text = subprocess.run(["pdftotext", "-", "-"], input=released, capture_output=True).stdout
    assert b"Bennani" not in text and b"AB123456" not in released

    # The requester sees the decision, the released copy and both letters.
    citizen_page = browser.new_context(accept_downloads=True).new_page()
    log_in(citizen_page, base, requester, f"/en/requests/{request.reference}/")
    citizen_page.goto(f"{base}/en/requests/{request.reference}/")
    expect(citizen_page.locator(".decision")).to_contain_text("Partially granted")
    expect(citizen_page.locator(".decision")).to_contain_text("The name of a private person.")
    for link in ("Decision letter (PDF)", "Extension notice (PDF)"):
        with citizen_page.expect_download() as download:
            citizen_page.click(f"text={link}")
        assert open(download.value.path(), "rb").read().startswith(b"%PDF")

    # An officer of another body: every page of the request is 404, and it is never listed.
    foreign = browser.new_context().new_page()
    log_in(foreign, base, officer_b)
    expect(foreign.locator("h1")).to_have_text("Workspace")
    assert request.reference not in foreign.content()
    document = request.decision.documents.get(released=True)
    for suffix in ("", "extend/", "consult/", "decide/granted/", "decide/refused/",
                   f"documents/{document.pk}/", "letters/decision.pdf", "letters/receipt.pdf"):
        response = foreign.goto(f"{base}/en/workspace/requests/{request.reference}/{suffix}")
        assert response.status == 404, suffix
    foreign.goto(f"{base}/en/workspace/?q={request.reference}")
    assert f"/workspace/requests/{request.reference}/" not in foreign.content()
    response = foreign.goto(f"{base}/en/requests/{request.reference}/")
    assert response.status == 404
