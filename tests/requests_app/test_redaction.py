"""The released copy of a redacted document (art. 8) keeps the pixels, not the text."""

import io
import os
import re
import subprocess
import tempfile
import unicodedata

import pypdf
import pypdfium2 as pdfium
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.pdfgen import canvas as rl_canvas

from requests_app.redaction import flatten_pdf

SECRET = "CIN AB123456 Youssef Bennani"
# The black box drawn over the secret on page 1, in points from the bottom left.
BOX = (70, 680, 330, 710)
SCALE = 150 / 72


def naive_redaction() -> bytes:
    """What an officer does in a PDF editor: a black rectangle drawn over the text."""
    buffer = io.BytesIO()
    c = rl_canvas.Canvas(buffer, pagesize=A4)
    c.setTitle("Confidential Bennani")
    c.setAuthor("Youssef Bennani")
    c.setFont("Helvetica", 14)
    c.drawString(72, 760, "Budget de la commune 2025")
    c.drawString(72, 690, SECRET)
    c.setFillColorRGB(0, 0, 0)
    x0, y0, x1, y1 = BOX
    c.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
    c.showPage()
    c.setPageSize(landscape(letter))
    c.setFont("Helvetica", 14)
    c.drawString(72, 500, "Annexe")
    c.showPage()
    c.save()
    return buffer.getvalue()


def pdftotext(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "in.pdf")
        with open(path, "wb") as f:
            f.write(data)
        result = subprocess.run(["pdftotext", path, "-"], capture_output=True, check=True, text=True)
    return result.stdout


def pypdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].get_size() for i in range(len(pdf))]
    finally:
        pdf.close()


def render_page(data: bytes, index: int) -> Image.Image:
    pdf = pdfium.PdfDocument(data)
    try:
        return pdf[index].render(scale=SCALE).to_pil().convert("RGB")
    finally:
        pdf.close()


def pixel_at(image: Image.Image, x: float, y: float, page_height: float):
    """The pixel at (x, y) points from the bottom left of the page."""
    return image.getpixel((int(x * SCALE), int((page_height - y) * SCALE)))


@pytest.fixture(scope="module")
def source():
    return naive_redaction()


@pytest.fixture(scope="module")
def released(source):
    return flatten_pdf(SimpleUploadedFile("decision 12.pdf", source, content_type="application/pdf"))


@pytest.fixture
def flattened(released):
    released.seek(0)
    return released.read()


def test_a_box_drawn_over_text_does_not_remove_it(source):
    # The danger: the naive file still gives the secret away.
    assert "AB123456" in pdftotext(source)
    assert "AB123456" in pypdf_text(source)
    assert b"Bennani" in source


def test_the_flattened_copy_has_only_the_visible_text(flattened):
    # The text layer is read back by OCR from the page images: what was visible comes
    # back, what lay under the box does not (nor the original's title or author).
    data = flattened
    assert data.startswith(b"%PDF")
    text = pdftotext(data)
    assert "Budget de la commune 2025" in text
    assert "Annexe" in text
    for secret in ("AB123456", "Youssef", "Bennani"):
        assert secret not in text
        assert secret not in pypdf_text(data)
    assert b"AB123456" not in data
    assert b"Bennani" not in data
    assert b"Confidential" not in data


def test_the_flattened_copy_has_nothing_but_page_images_and_invisible_text(flattened):
    reader = pypdf.PdfReader(io.BytesIO(flattened), strict=True)
    assert not reader.is_encrypted
    assert not reader.metadata  # no title, author, producer or date
    assert reader.xmp_metadata is None
    root = reader.trailer["/Root"]
    assert set(root) == {"/Type", "/Pages"}  # no forms, scripts, attachments, outlines
    for page in reader.pages:
        assert "/Annots" not in page
        assert "/Font" not in page["/Resources"]
        content = page.get_contents().get_data()
        assert not re.search(rb"\b(BT|Tj|TJ)\b", content)
        xobjects = page["/Resources"]["/XObject"]
        objects = [xobjects[name].get_object() for name in xobjects]
        images = [item for item in objects if item["/Subtype"] == "/Image"]
        layers = [item for item in objects if item["/Subtype"] == "/Form"]
        assert len(images) == 1 and len(layers) == 1 and len(objects) == 2
        # Black and white pages are stored losslessly in grey; see test_colour_is_kept.
        assert (images[0]["/Filter"], images[0]["/ColorSpace"]) == ("/FlateDecode", "/DeviceGray")
        # The OCR layer draws no image and only invisible text (rendering mode 3).
        layer = layers[0].get_data()
        assert "/XObject" not in layers[0].get("/Resources", {})
        assert re.findall(rb"(\d) Tr", layer) and set(re.findall(rb"(\d) Tr", layer)) == {b"3"}


def test_pages_keep_their_number_and_size(source, flattened):
    data = flattened
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 2
    before, after = page_sizes(source), page_sizes(data)
    assert len(after) == 2
    for (w0, h0), (w1, h1) in zip(before, after, strict=True):
        assert abs(w0 - w1) <= 1 and abs(h0 - h1) <= 1
    assert after[1][0] > after[1][1]  # the landscape annex stays landscape


def test_the_name_says_redacted(released):
    assert released.name == "decision 12-redacted.pdf"
    assert flatten_pdf(naive_redaction()).name == "document-redacted.pdf"
    assert flatten_pdf(io.BytesIO(naive_redaction())).name == "document-redacted.pdf"


def test_the_image_shows_the_box_and_the_page(flattened):
    image = render_page(flattened, 0)
    height = A4[1]
    x0, y0, x1, y1 = BOX
    assert max(pixel_at(image, (x0 + x1) / 2, (y0 + y1) / 2, height)) < 40
    assert min(pixel_at(image, 20, 20, height)) > 240  # the margin stays white


def test_colour_is_kept():
    buffer = io.BytesIO()
    c = rl_canvas.Canvas(buffer, pagesize=A4)
    c.setFillColorRGB(1, 0, 0)
    c.rect(100, 100, 200, 200, stroke=0, fill=1)
    c.showPage()
    c.save()
    data = flatten_pdf(buffer.getvalue()).read()
    r, g, b = pixel_at(render_page(data, 0), 200, 200, A4[1])
    assert r > 200 and g < 60 and b < 60
    (image,) = pypdf.PdfReader(io.BytesIO(data)).pages[0].images
    assert (image.image.mode, image.image.format) == ("RGB", "JPEG")


def test_a_page_without_colour_is_stored_without_loss(source, flattened):
    pdf = pdfium.PdfDocument(source)
    try:
        expected = pdf[0].render(scale=150 / 72).to_pil().convert("L")
    finally:
        pdf.close()
    (image,) = pypdf.PdfReader(io.BytesIO(flattened)).pages[0].images
    assert image.image.mode == "L"
    assert image.image.tobytes() == expected.tobytes()


def test_the_file_structure_is_sound(flattened):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "out.pdf")
        with open(path, "wb") as f:
            f.write(flattened)
        result = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True)
    assert result.stderr == ""  # poppler reports any repaired cross-reference table here
    assert re.search(r"^Pages:\s+2$", result.stdout, re.MULTILINE)


def test_a_rotated_page_is_released_as_displayed(source):
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(source))
    writer.pages[0].rotate(90)
    rotated = io.BytesIO()
    writer.write(rotated)
    data = flatten_pdf(rotated.getvalue()).read()
    width, height = page_sizes(data)[0]
    assert abs(width - A4[1]) <= 1 and abs(height - A4[0]) <= 1
    assert "AB123456" not in pdftotext(data)


def test_a_box_drawn_as_an_annotation_covers_the_text(source):
    """Editors often draw boxes as annotations: they are rendered as shown on screen."""
    from pypdf.annotations import Rectangle

    plain = io.BytesIO()
    c = rl_canvas.Canvas(plain, pagesize=A4)
    c.setFont("Helvetica", 14)
    c.drawString(72, 690, SECRET)
    c.showPage()
    c.save()
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(plain.getvalue()))
    writer.add_annotation(0, Rectangle(rect=BOX, interior_color="000000"))
    annotated = io.BytesIO()
    writer.write(annotated)
    assert "AB123456" in pdftotext(annotated.getvalue())

    data = flatten_pdf(annotated.getvalue()).read()
    assert "AB123456" not in pdftotext(data)
    x0, y0, x1, y1 = BOX
    image = render_page(data, 0)
    assert max(pixel_at(image, (x0 + x1) / 2, (y0 + y1) / 2, A4[1])) < 40


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [png_bytes(), os.urandom(4096), b"%PDF-1.7\n" + os.urandom(4096), b""],
    ids=["png", "random", "pdf-header-then-garbage", "empty"],
)
def test_a_file_that_is_not_a_pdf_is_refused(data):
    with pytest.raises(ValidationError) as excinfo:
        flatten_pdf(SimpleUploadedFile("scan.pdf", data))
    assert excinfo.value.code == "invalid_pdf"
    assert excinfo.value.messages == ["“scan.pdf” could not be read as a PDF."]


def encrypted(source: bytes, user_password: str, owner_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(source))
    writer.encrypt(user_password, owner_password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "user_password,owner_password", [("pw", "pw"), ("", "owner")], ids=["password", "owner-only"]
)
def test_an_encrypted_pdf_is_refused(source, user_password, owner_password):
    with pytest.raises(ValidationError) as excinfo:
        flatten_pdf(SimpleUploadedFile("locked.pdf", encrypted(source, user_password, owner_password)))
    assert excinfo.value.code == "encrypted_pdf"
    assert "“locked.pdf” is encrypted" in excinfo.value.messages[0]


def test_too_many_pages_are_refused(source):
    with override_settings(NAFIDA_MAX_REDACTED_PAGES=1):
        with pytest.raises(ValidationError) as excinfo:
            flatten_pdf(SimpleUploadedFile("long.pdf", source))
    assert excinfo.value.code == "too_many_pages"
    assert excinfo.value.messages == ["“long.pdf” has 2 pages; a redacted document may have at most 1 page."]
    with override_settings(NAFIDA_MAX_REDACTED_PAGES=2):
        assert flatten_pdf(source).size > 0


def test_the_upload_can_still_be_read_afterwards(source):
    upload = SimpleUploadedFile("x.pdf", source)
    flatten_pdf(upload)
    assert upload.read() == source


def bilingual_redaction() -> bytes:
    """A page in French and Arabic, in large clear letters (the letters' own font), with
    one French and one Arabic line under black boxes."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    from requests_app.letters.bidi import BidiParagraph
    from requests_app.letters.frame import FONT, styles

    styles()  # registers the fonts
    buffer = io.BytesIO()
    c = rl_canvas.Canvas(buffer, pagesize=A4)
    c.setFont(FONT, 24)
    c.drawString(72, 760, "Budget communal")
    c.drawString(72, 700, "Secret Bennani")
    arabic = ParagraphStyle("ar", fontName=FONT, fontSize=24, leading=31, alignment=TA_RIGHT,
                            wordWrap="RTL", shaping=1)
    for y, text in ((600, "ميزانية الجماعة"), (520, "الرباط المغرب"), (440, "مستشفى سري")):
        paragraph = BidiParagraph(text, arabic)
        paragraph.wrap(450, 100)
        paragraph.drawOn(c, 72, y)
    c.setFillColorRGB(0, 0, 0)
    c.rect(60, 690, 300, 36, stroke=0, fill=1)  # over "Secret Bennani"
    c.rect(300, 435, 230, 36, stroke=0, fill=1)  # over "مستشفى سري"
    c.showPage()
    c.save()
    return buffer.getvalue()


def test_ocr_gives_back_the_visible_words_in_french_and_arabic_and_none_under_a_box():
    source = bilingual_redaction()
    before = pdftotext(source)
    assert "Bennani" in before and "مستشفى" in unicodedata.normalize("NFKC", before)  # the danger
    text = unicodedata.normalize("NFKC", pdftotext(flatten_pdf(source).read()))
    assert "Budget communal" in text
    assert "ميزانية الجماعة" in text
    assert "الرباط المغرب" in text
    for hidden in ("Secret", "Bennani", "مستشفى", "سري"):
        assert hidden not in text


def test_without_tesseract_the_copy_is_released_without_text_and_a_warning(source, monkeypatch, caplog):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with caplog.at_level("WARNING", logger="requests_app.redaction"):
        data = flatten_pdf(source).read()
    assert pdftotext(data).strip() == ""
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 2
    assert "without a text layer" in caplog.text


@override_settings(NAFIDA_OCR_MAX_PAGES=1)
def test_a_document_longer_than_the_ocr_limit_is_released_without_text_and_a_warning(source, caplog):
    with caplog.at_level("WARNING", logger="requests_app.redaction"):
        data = flatten_pdf(source).read()
    assert pdftotext(data).strip() == ""
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 2
    assert "more than the 1 read by OCR" in caplog.text
