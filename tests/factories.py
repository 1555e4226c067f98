"""Test data, built through the same services the application uses."""

from datetime import date, datetime, time

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import Designation, PublicBody, User
from requests_app import services
from requests_app.models import InformationRequest


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.ma")
    first_name = "Amina"
    last_name = "Alaoui"
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()

    @factory.post_generation
    def email_verified(obj, create, extracted, **kwargs):  # noqa: N805
        """The address verified, as after allauth's sign-up (``email_verified=False``: not yet)."""
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True,
                                        verified=extracted if extracted is not None else True)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicBody

    code = factory.Sequence(lambda n: f"body-{n}")
    name_ar = factory.Sequence(lambda n: f"المؤسسة رقم {n}")
    name_fr = factory.Sequence(lambda n: f"Organisme n° {n}")
    name_en = factory.Sequence(lambda n: f"Body no. {n}")
    kind = PublicBody.Kind.ADMINISTRATION


class DesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Designation

    user = factory.SubFactory(UserFactory)
    body = factory.SubFactory(BodyFactory)
    role = Designation.Role.INFORMATION_OFFICER
    decision_reference = factory.Sequence(lambda n: f"DEC-{n}")
    decision_date = date(2025, 1, 6)
    starts_on = date(2025, 1, 6)


def officer_of(body, **kwargs) -> User:
    return DesignationFactory(body=body, **kwargs).user


def head_of(body) -> User:
    return DesignationFactory(body=body, role=Designation.Role.HEAD_OF_BODY).user


IDENTITY = dict(
    first_name="Youssef",
    family_name="Bennani",
    address="12 rue Oued Sebou, Rabat",
    id_type=InformationRequest.IdType.CIN,
    id_number="AB123456",
    email="youssef@example.ma",
    phone="+212600000000",
)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def make_request(body=None, requester=None, received_on: date | None = None, **overrides):
    """A request received on ``received_on`` (default now) through the portal."""
    body = body or BodyFactory()
    requester = requester or UserFactory()
    data = dict(
        IDENTITY,
        subject="Budget de la commune 2025",
        information_sought="Le budget voté et le compte administratif 2025.",
        channel=InformationRequest.Channel.PORTAL,
    )
    data.update(overrides)
    received_at = at(received_on) if received_on else None
    return services.create_request(
        actor=requester, requester=requester, body=body, received_at=received_at, **data
    )


def pdf_bytes(*lines: str) -> bytes:
    """A real one-page PDF holding ``lines`` of text."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    for number, line in enumerate(lines or ("Test document",)):
        page.drawString(72, 760 - 20 * number, line)
    page.save()
    return buffer.getvalue()


PDF_BYTES = pdf_bytes("Test document")


def png_bytes(size=(40, 20), **info) -> bytes:
    """A real PNG (white), with ``info`` written as text chunks."""
    import io

    from PIL import Image, PngImagePlugin

    chunks = PngImagePlugin.PngInfo()
    for key, value in info.items():
        chunks.add_text(key, value)
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG", pnginfo=chunks)
    return buffer.getvalue()


PNG_BYTES = png_bytes()


def pdf_with_metadata(marker: str, *lines: str) -> bytes:
    """A one-page PDF whose properties all hold ``marker``: the document information
    (Author, Title, Subject, Keywords, Creator), XMP in the catalogue and on the page,
    and an editor's /PieceInfo. What the page shows does not."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes(*(lines or ("Public text",))))) as pdf:
        pdf.docinfo["/Author"] = f"{marker} author"
        pdf.docinfo["/Title"] = f"{marker} title"
        pdf.docinfo["/Subject"] = f"{marker} subject"
        pdf.docinfo["/Keywords"] = f"{marker} keywords"
        pdf.docinfo["/Creator"] = f"{marker} creator"
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp["dc:creator"] = [f"{marker} xmp creator"]
            xmp["dc:description"] = f"{marker} xmp description"
        xmp_page = pikepdf.Stream(pdf, f"<x:xmpmeta>{marker} page xmp</x:xmpmeta>".encode())
        xmp_page["/Type"], xmp_page["/Subtype"] = pikepdf.Name.Metadata, pikepdf.Name.XML
        pdf.pages[0].obj["/Metadata"] = pdf.make_indirect(xmp_page)
        pdf.Root["/PieceInfo"] = pikepdf.Dictionary(
            {"/Editor": pikepdf.Dictionary({"/Private": pikepdf.String(f"{marker} piece")})})
        buffer = io.BytesIO()
        pdf.save(buffer, compress_streams=False)
    return buffer.getvalue()


def pdf_file(name: str, content: bytes = PDF_BYTES):
    from django.core.files.base import ContentFile

    return ContentFile(content, name=name)


def add_document(request, title: str, file=None, kind: str = "full", officer=None):
    """A document added to ``request`` for its decision, its public copy prepared at once
    (the task's work, in this process)."""
    from requests_app import preparation

    return preparation.add_and_prepare(
        actor=officer or officer_of(request.body), information_request=request, kind=kind,
        public_title=title, upload=file if file is not None else pdf_file("budget.pdf"))


def decide_request(request, outcome: str = "refused", officer=None, prepared=None, **kwargs):
    """Decide ``request`` as an officer of its body: a refusal on an art. 7 exemption,
    a partial grant with a redacted document, or a grant with a document. ``prepared``
    lists the documents to add first, as ``(title, file, kind)`` (kind "full" or
    "redacted"); by default one document released in full, or one redacted version."""
    from requests_app.models import Exemption, RefusalGround

    officer = officer or officer_of(request.body)
    citation = services.Citation(
        exemption=Exemption.objects.get(code="private_life"),
        public_justification="The file holds the medical records of named third parties.")
    if outcome == "refused":
        kwargs.setdefault("refusal_grounds", [RefusalGround.objects.get(code="exemption")])
        kwargs.setdefault("citations", [citation])
    elif outcome == "partially_granted":
        kwargs.setdefault("citations", [citation])
        if prepared is None:
            prepared = [("Budget 2025 (redacted)", pdf_file("budget-redacted.pdf"), "redacted")]
        kwargs.setdefault("delivery_method", "email")
    else:
        if prepared is None:
            prepared = [("Budget 2025", pdf_file("budget.pdf"), "full")]
        kwargs.setdefault("delivery_method", "email")
    for title, file, kind in prepared or ():
        add_document(request, title, file, kind, officer=officer)
    decision = services.decide(actor=officer, information_request=request, outcome=outcome, **kwargs)
    request.refresh_from_db()  # the service decided a locked copy: the caller's sees the decision
    return decision
