"""Issue 11, point 3 (and point 4's redaction): what is published is cleaned.

Documents are added before the decision with a title the officer types; a task prepares
their public copy (a redacted version flattened, every copy stripped of its metadata),
bounded in time and in pixels, with its progress shown; the officer sees what will be
public before deciding; the public gets the copy under a neutral name."""

import io
import subprocess

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from requests_app import preparation, services
from requests_app.models import Decision, PreparedDocument
from tests.factories import (
    PDF_BYTES,
    add_document,
    decide_request,
    make_request,
    officer_of,
    pdf_bytes,
    pdf_with_metadata,
    png_bytes,
)
from tests.helpers import verified

pytestmark = pytest.mark.django_db

MARKER = "Zqxmetamarker"
UPLOAD_NAME = "Zqxuploadname-rapport-confidentiel.pdf"


def upload(content=None, name=UPLOAD_NAME, content_type="application/pdf"):
    return SimpleUploadedFile(name, content if content is not None else pdf_with_metadata(MARKER),
                              content_type=content_type)


def all_pdf_text(data: bytes) -> str:
    """Everything a PDF holds that a reader could extract: every object, every stream
    decoded, and its document information."""
    parts = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        parts.append(repr(pdf.trailer.get("/Info")))
        parts.append(repr(pdf.Root))
        for obj in pdf.objects:
            parts.append(repr(obj))
            if isinstance(obj, pikepdf.Stream):
                try:
                    parts.append(obj.read_bytes().decode("latin-1"))
                except pikepdf.PdfError:
                    parts.append(obj.read_raw_bytes().decode("latin-1"))
    return "\n".join(parts)


def pdfinfo(data: bytes) -> dict:
    result = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True)
    return dict(line.split(":", 1) for line in result.stdout.decode().splitlines() if ":" in line)


def ws(reference, suffix=""):
    return f"/en/workspace/requests/{reference}/{suffix}"


@pytest.fixture
def granted(body):
    request = make_request(body=body)
    decide_request(request, "granted", prepared=[("Budget 2025", upload(), "full")])
    services.set_publication_consent(actor=request.requester, information_request=request, consent=True)
    return request


@pytest.fixture
def partial(body):
    request = make_request(body=body)
    decide_request(request, "partially_granted", prepared=[("Budget 2025 (redacted)", upload(), "redacted")])
    services.set_publication_consent(actor=request.requester, information_request=request, consent=True)
    return request


# -- the published bytes ------------------------------------------------------------------


@pytest.mark.parametrize("which", ["granted", "partial"])
def test_a_published_pdf_has_no_metadata_and_a_neutral_name(client, request, which):
    information_request = request.getfixturevalue(which)
    document = information_request.decision.documents.get(released=True)
    response = client.get(f"/en/register/{information_request.reference}/documents/{document.pk}/")
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert MARKER.lower() not in all_pdf_text(data).lower()
    assert MARKER.encode() not in data
    info = pdfinfo(data)
    for field in ("Title", "Subject", "Author", "Keywords", "Creator", "Producer"):
        assert not info.get(field, "").strip(), (field, info[field])
    assert info["Metadata Stream"].strip() == "no"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{information_request.reference}-document-1.pdf"')
    # The requester gets the same bytes under the same name.
    client.force_login(information_request.requester)
    own = client.get(f"/en/requests/{information_request.reference}/documents/{document.pk}/")
    assert b"".join(own.streaming_content) == data
    assert own["Content-Disposition"] == response["Content-Disposition"]


@pytest.mark.parametrize("which", ["granted", "partial"])
def test_the_uploaders_file_name_is_on_no_public_page(client, request, which):
    information_request = request.getfixturevalue(which)
    for language in ("ar", "fr", "en"):
        for url in (f"/{language}/register/{information_request.reference}/", f"/{language}/register/",
                    "/en/register/feed/", "/en/register/export.csv"):
            content = client.get(url).content.decode()
            assert "Zqxuploadname" not in content and MARKER not in content, url
    page = client.get(f"/en/register/{information_request.reference}/").content.decode()
    assert "Budget 2025" in page and f"{information_request.reference}-document-1.pdf" in page
    # The officer still knows which file it was.
    document = information_request.decision.documents.get(released=True)
    assert document.original_name == UPLOAD_NAME


def test_the_original_of_a_redacted_version_stays_with_the_body(client, partial):
    original = partial.decision.documents.get(released=False)
    assert MARKER.encode() in original.file.read()  # the file as sent, kept on file
    assert client.get(f"/en/register/{partial.reference}/documents/{original.pk}/").status_code == 404
    client.force_login(partial.requester)
    assert client.get(f"/en/requests/{partial.reference}/documents/{original.pk}/").status_code == 404


def test_documents_are_numbered_in_the_decisions_order_with_their_type(client, body):
    request = make_request(body=body)
    png = png_bytes(Author=f"{MARKER} png author", Comment=f"{MARKER} comment")
    decide_request(request, "granted", prepared=[
        ("Budget", upload(), "full"),
        ("Map of the works", upload(png, name="IMG_0001.png", content_type="image/png"), "full")])
    services.set_publication_consent(actor=request.requester, information_request=request, consent=True)
    first, second = request.decision.documents.order_by("id")
    response = client.get(f"/en/register/{request.reference}/documents/{second.pk}/")
    assert response["Content-Disposition"] == f'attachment; filename="{request.reference}-document-2.png"'
    assert response["Content-Type"] == "image/png"
    data = b"".join(response.streaming_content)
    assert MARKER.encode() not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (40, 20) and not image.text
    assert client.get(f"/en/register/{request.reference}/documents/{first.pk}/")[
        "Content-Disposition"].endswith('-document-1.pdf"')


def test_a_jpeg_loses_its_exif():
    request = make_request()
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x013B] = f"{MARKER} artist"  # Artist
    exif[0x010E] = f"{MARKER} description"  # ImageDescription
    Image.new("RGB", (30, 30), "red").save(buffer, "JPEG", exif=exif)
    document = add_document(request, "Photo of the site",
                            upload(buffer.getvalue(), name="DSC_1.jpg", content_type="image/jpeg"))
    assert document.status == PreparedDocument.Status.READY
    data = document.prepared.read()
    assert MARKER.encode() not in data
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif() and image.format == "JPEG"


# -- preparation: off the request, with progress, bounded ---------------------------------


def test_the_public_copy_is_prepared_by_the_task_with_its_progress():
    request = make_request()
    officer = officer_of(request.body)
    source = pikepdf.new()
    for text in ("one", "two", "three"):
        with pikepdf.open(io.BytesIO(pdf_bytes(text))) as page:
            source.pages.extend(page.pages)
    buffer = io.BytesIO()
    source.save(buffer)
    document = add_document(request, "Three pages", upload(buffer.getvalue()), kind="redacted",
                            officer=officer)
    assert document.status == PreparedDocument.Status.READY
    assert (document.pages_done, document.pages_total) == (3, 3)
    assert document.prepared.name.endswith(".pdf") and "Zqxupload" not in document.prepared.name
    assert "Zqxupload" not in document.original.name  # stored under a name the server chose
    with pikepdf.open(io.BytesIO(document.prepared.read())) as pdf:
        assert len(pdf.pages) == 3
    history = document.history.order_by("history_date")
    assert history.first().history_user == officer
    assert history.last().status == PreparedDocument.Status.READY


def test_the_progress_is_shown_and_the_page_refreshes_until_ready(body, client):
    request = make_request(body=body)
    officer = officer_of(body)
    document = preparation.add_document(actor=officer, information_request=request, kind="redacted",
                                        public_title="Minutes", upload=upload())  # not yet prepared
    PreparedDocument.objects.filter(pk=document.pk).update(status="running", pages_done=12, pages_total=200)
    verified(client, officer)
    page = client.get(ws(request.reference, "prepared/")).content.decode()
    assert "Preparing: page 12 of 200" in page and 'http-equiv="refresh"' in page
    decide = client.get(ws(request.reference, "decide/granted/")).content.decode()
    assert "still being prepared" in decide
    PreparedDocument.objects.filter(pk=document.pk).update(status="queued")
    preparation.prepare(document.pk)
    page = client.get(ws(request.reference, "prepared/")).content.decode()
    assert "Ready" in page and 'http-equiv="refresh"' not in page
    assert f"{request.reference}-document-1.pdf" in page


def test_a_document_still_preparing_blocks_the_decision(body):
    request = make_request(body=body)
    officer = officer_of(body)
    preparation.add_document(actor=officer, information_request=request, kind="full",
                             public_title="Budget", upload=upload())
    with pytest.raises(ValidationError) as error:
        services.decide(actor=officer, information_request=request, outcome="granted")
    assert "Still being prepared: “Budget”" in str(error.value.message_dict["documents"])
    request.refresh_from_db()
    assert request.state == "submitted" and not Decision.objects.exists()


def test_past_the_time_limit_the_document_fails_with_a_message_and_blocks_the_decision(settings, body):
    settings.NAFIDA_REDACTION_TIME_LIMIT = 0
    request = make_request(body=body)
    document = add_document(request, "Long report", upload(), kind="redacted")
    assert document.status == PreparedDocument.Status.FAILED
    assert "took longer than the 0 seconds allowed" in document.error
    assert not document.prepared
    with pytest.raises(ValidationError) as error:
        services.decide(actor=officer_of(body), information_request=request, outcome="granted")
    assert "Could not be prepared: “Long report”" in str(error.value.message_dict["documents"])


def test_the_failure_is_written_in_the_officers_language(settings, body):
    from django.utils import translation

    settings.NAFIDA_REDACTION_TIME_LIMIT = 0
    request = make_request(body=body)
    with translation.override("fr"):
        document = add_document(request, "Rapport", upload(), kind="redacted")
    assert document.language == "fr" and "secondes" in document.error


def test_the_pixel_budget_lowers_the_resolution_then_refuses(settings):
    request = make_request()
    # An A4 page at 150 dpi is about 2.2 million pixels.
    settings.NAFIDA_REDACTION_MAX_PIXELS = 1_000_000
    lowered = add_document(request, "Lowered", upload(), kind="redacted")
    assert lowered.status == PreparedDocument.Status.READY
    with pikepdf.open(io.BytesIO(lowered.prepared.read())) as pdf:
        image = next(iter(pdf.pages[0].get_images().values()))
        assert image.Width * image.Height <= 1_000_000
        assert image.Width >= 595 * 72 / 72 - 1  # not below the 72 dpi floor
    settings.NAFIDA_REDACTION_MAX_PIXELS = 100_000  # below 72 dpi
    refused = add_document(request, "Too big", upload(), kind="redacted")
    assert refused.status == PreparedDocument.Status.FAILED
    assert "too large to be flattened" in refused.error


def test_the_web_request_does_not_flatten(body, client, monkeypatch):
    """Adding a document stores it and hands it to the task: the page answers before
    any page is rendered (the task runs after the commit)."""
    from requests_app import redaction

    calls = []
    monkeypatch.setattr(redaction, "flatten_pdf", lambda *args, **kwargs: calls.append(1))
    officer = officer_of(body)
    request = make_request(body=body)
    verified(client, officer)
    response = client.post(ws(request.reference, "prepared/"),
                           {"kind": "redacted", "public_title": "Minutes", "file": upload()})
    assert response.status_code == 302 and not calls
    assert request.prepared_documents.get().status == PreparedDocument.Status.QUEUED


# -- the preview and the decision ---------------------------------------------------------


def test_the_preview_serves_the_bytes_the_public_will_get(body, client):
    request = make_request(body=body)
    officer = officer_of(body)
    document = add_document(request, "Budget 2025", upload(), kind="redacted", officer=officer)
    verified(client, officer)
    decide_page = client.get(ws(request.reference, "decide/partially_granted/")).content.decode()
    assert "What will be public" in decide_page and "Budget 2025" in decide_page
    assert f"{request.reference}-document-1.pdf" in decide_page
    preview = client.get(ws(request.reference, f"prepared/{document.pk}/"))
    assert preview["Content-Disposition"] == f'attachment; filename="{request.reference}-document-1.pdf"'
    previewed = b"".join(preview.streaming_content)
    decide_request(request, "partially_granted", officer=officer, prepared=[])
    services.set_publication_consent(actor=request.requester, information_request=request, consent=True)
    published = request.decision.documents.get(released=True)
    public = client.get(f"/en/register/{request.reference}/documents/{published.pk}/")
    assert b"".join(public.streaming_content) == previewed
    # Once released, the prepared document is the decision's: no longer on the preview.
    assert client.get(ws(request.reference, f"prepared/{document.pk}/")).status_code == 404


def test_a_refused_document_leaves_nothing_stored(body):
    request = make_request(body=body)
    with pytest.raises(ValidationError) as error:
        preparation.add_document(actor=officer_of(body), information_request=request, kind="redacted",
                                 public_title="Map", upload=upload(png_bytes(), "map.png", "image/png"))
    assert "must be a PDF" in str(error.value)
    with pytest.raises(ValidationError) as error:
        preparation.add_document(actor=officer_of(body), information_request=request, kind="full",
                                 public_title=" ", upload=upload(PDF_BYTES))
    assert "Type the title" in str(error.value)
    assert not PreparedDocument.objects.exists()


def test_a_document_can_be_removed_before_the_decision_not_after(body, client):
    request = make_request(body=body)
    officer = officer_of(body)
    document = add_document(request, "Wrong file", upload(), officer=officer)
    stored = document.original.name
    verified(client, officer)
    with_commit = client.post(ws(request.reference, f"prepared/{document.pk}/remove/"))
    assert with_commit.status_code == 302
    assert not request.prepared_documents.exists()
    assert PreparedDocument.history.filter(id=document.pk, history_type="-").exists()
    kept = add_document(request, "Budget", upload(), officer=officer)
    decide_request(request, "granted", officer=officer, prepared=[])
    with pytest.raises(ValidationError):
        preparation.remove_document(actor=officer, document=kept)
    assert stored


def test_only_the_bodys_officers_reach_the_documents_page(body, client):
    from tests.factories import BodyFactory

    request = make_request(body=body)
    document = add_document(request, "Budget", upload())
    other = officer_of(BodyFactory())
    verified(client, other)
    for url in (ws(request.reference, "prepared/"), ws(request.reference, f"prepared/{document.pk}/")):
        assert client.get(url).status_code == 404
    assert client.post(ws(request.reference, f"prepared/{document.pk}/remove/")).status_code == 404
    client.force_login(request.requester)
    assert client.get(ws(request.reference, "prepared/")).status_code in (302, 403, 404)


def test_a_document_removed_while_it_is_prepared_is_not_brought_back(body, monkeypatch):
    request = make_request(body=body)
    officer = officer_of(body)
    document = preparation.add_document(actor=officer, information_request=request, kind="full",
                                        public_title="Budget", upload=upload())
    real = preparation.public_copy

    def removed_meanwhile(item, *, deadline):
        content = real(item, deadline=deadline)
        preparation.remove_document(actor=officer, document=item)
        return content

    monkeypatch.setattr(preparation, "public_copy", removed_meanwhile)
    assert preparation.prepare(document.pk) is None
    assert not PreparedDocument.objects.exists()


def test_the_task_has_a_soft_and_a_hard_time_limit(settings, body, monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    from requests_app import tasks

    assert tasks.prepare_document.soft_time_limit == settings.NAFIDA_REDACTION_TIME_LIMIT
    assert tasks.prepare_document.time_limit > tasks.prepare_document.soft_time_limit
    request = make_request(body=body)
    document = preparation.add_document(actor=officer_of(body), information_request=request,
                                        kind="redacted", public_title="Long", upload=upload())

    def interrupted(*args, **kwargs):
        raise SoftTimeLimitExceeded

    monkeypatch.setattr(preparation, "public_copy", interrupted)
    assert tasks.prepare_document.delay(document.pk).get() == PreparedDocument.Status.FAILED
    document.refresh_from_db()
    assert "took longer than" in document.error


def test_a_redacted_version_cannot_be_released_with_a_full_grant(body):
    """Art. 8: withholding part of a document is a partial grant; nothing is saved."""
    request = make_request(body=body)
    with pytest.raises(ValidationError) as refused:
        decide_request(request, "granted", prepared=[("Budget 2025 (redacted)", upload(), "redacted")])
    assert "partial grant (art. 8)" in " ".join(refused.value.messages)
    request.refresh_from_db()
    assert request.decision is None and not request.decisions.exists() and request.state != "granted"


def test_the_officers_see_the_original_kept_apart_and_the_copy_under_its_neutral_name(client, partial):
    """The workspace lists the released copy under the name the public gets, and the
    unredacted original marked as kept by the body (art. 8), under its uploaded name."""
    officer = officer_of(partial.body)
    verified(client, officer)
    page = client.get(ws(partial.reference)).content.decode()
    copy = partial.decision.documents.get(released=True)
    original = partial.decision.documents.get(released=False)
    assert f"{partial.reference}-document-1.pdf" in page
    assert page.count("original kept by the body, not released (art. 8)") == 1
    response = client.get(ws(partial.reference, f"documents/{copy.pk}/"))
    assert f'filename="{partial.reference}-document-1.pdf"' in response["Content-Disposition"]
    response = client.get(ws(partial.reference, f"documents/{original.pk}/"))
    assert UPLOAD_NAME in response["Content-Disposition"]


@pytest.mark.parametrize(("ocr_pages", "told"), [(0, True), (30, False)])
def test_the_officer_is_told_when_the_copy_has_no_text_layer(settings, body, client, ocr_pages, told):
    """Past NAFIDA_OCR_MAX_PAGES the flattened copy goes without OCR: the copy cannot be
    searched or read aloud, and the officer reads it beside the document."""
    settings.NAFIDA_OCR_MAX_PAGES = ocr_pages
    request = make_request(body=body)
    officer = officer_of(body)
    document = add_document(request, "Minutes", upload(pdf_bytes("Minutes of the council")),
                            kind="redacted", officer=officer)
    assert document.text_layer is (not told)
    verified(client, officer)
    page = client.get(ws(request.reference, "prepared/")).content.decode()
    assert ("The public copy has no text layer" in page) is told


def test_a_document_whose_row_fails_leaves_no_file_behind(body):
    """The file is written by the save; if the row then fails, the file goes too."""
    from pathlib import Path

    from django.conf import settings
    from django.db.models.signals import post_save

    request = make_request(body=body)
    officer = officer_of(body)
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    before = {path for path in root.rglob("*") if path.is_file()}

    def fail(**kwargs):
        raise RuntimeError("the database refused the row")

    post_save.connect(fail, sender=PreparedDocument, weak=False)
    try:
        with pytest.raises(RuntimeError):
            preparation.add_document(actor=officer, information_request=request, kind="full",
                                     public_title="Budget", upload=upload(PDF_BYTES))
    finally:
        post_save.disconnect(fail, sender=PreparedDocument)
    assert {path for path in root.rglob("*") if path.is_file()} == before
