"""A citizen's journey through the portal in a real browser (Chromium): sign up in
Arabic, confirm the e-mail address, complete the profile, file requests in Arabic and
in French, download the receipt, follow the requests, and read the public register,
which never shows the requester's identity. Screenshots of the Arabic pages are left
as artifacts (tests/artifacts.py) for a person to look at."""

import re
from datetime import date
from io import BytesIO

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.models import User
from requests_app import services
from requests_app.models import Exemption, InformationRequest, RefusalGround
from tests.artifacts import artifact_path
from tests.factories import BodyFactory, UserFactory, make_request, officer_of

# The catalogue (exemptions, refusal grounds, legal periods) comes from migrations: a
# transactional test must restore it after the flush that ends the previous one.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]

PASSWORD = "Nafida-Test-2026!"
FACTORY_PASSWORD = "pass-word-123"  # tests.factories.UserFactory
PHONE = {"width": 375, "height": 740}


# The wording the tests looked for that the catalogues do not translate: the page then
# shows English to an Arabic or French reader. Each test first checks what the pages do
# (finding the English text where the translation is missing), then that every word it
# met was translated.
UNTRANSLATED: set[tuple[str, str]] = set()


@pytest.fixture(autouse=True)
def _forget_untranslated():
    UNTRANSLATED.clear()
    yield
    UNTRANSLATED.clear()


def tr(language: str, text: str) -> str:
    """``text`` as the page shows it in ``language`` (the catalogues' translation)."""
    with translation.override(language):
        translated = gettext(text)
    if language != "en" and translated == text:
        UNTRANSLATED.add((language, text))
    return translated


def assert_translated() -> None:
    missing = sorted(UNTRANSLATED)
    assert not missing, (
        f"{len(missing)} piece(s) of the interface are shown untranslated (in English): "
        + "; ".join(f"[{language}] {text!r}" for language, text in missing))


def expect_language(page, language: str, direction: str) -> None:
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", direction)


def nav_link(page, language: str, text: str):
    return page.get_by_role("navigation").get_by_role("link", name=tr(language, text), exact=True)


def screenshot(page, name: str) -> None:
    path = artifact_path(name)
    page.screenshot(path=path, full_page=True)
    assert path.read_bytes().startswith(b"\x89PNG")


def citizen(**fields) -> User:
    """An active account with a complete profile (what test 1 builds in the browser)."""
    data = dict(first_name="يوسف", last_name="بناني", address="12 زنقة واد سبو، الرباط",
                id_type="cin", id_number="AB123456", phone="+212600000000", preferred_language="ar")
    data.update(fields)
    return UserFactory(**data)


def log_in(page, base: str, email: str, language: str = "ar") -> None:
    page.goto(f"{base}/{language}/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(FACTORY_PASSWORD)
    page.get_by_role("main").get_by_role("button", name=tr(language, "Sign In"), exact=True).click()
    expect(page).to_have_url(f"{base}/{language}/requests/mine/")


def choose_body(page, language: str, query: str, body_name: str, other_body: str) -> None:
    """Step 1 of filing: from the navigation, search the body (``other_body`` does not
    match the search) and open its form."""
    nav_link(page, language, "File a request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr(language, "File a request"))
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name=other_body, exact=True)).to_be_visible()  # the whole tree
    page.locator("#q").fill(query)
    page.get_by_role("search").get_by_role("button", name=tr(language, "Search")).click()
    expect(main.get_by_role("link", name=other_body, exact=True)).to_have_count(0)
    main.get_by_role("link", name=body_name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(body_name)


def fill_request(page, subject: str, information_sought: str) -> None:
    page.locator("#id_subject").fill(subject)
    page.locator("#id_information_sought").fill(information_sought)
    page.locator('input[name="delivery_preference"][value="email"]').check()


def send_request(page, language: str, requester: User) -> InformationRequest:
    page.get_by_role("button", name=tr(language, "Send my request")).click()
    expect(page.locator(".messages")).to_be_visible()
    information_request = InformationRequest.objects.filter(requester=requester).latest("id")
    expect(page).to_have_url(re.compile(rf"/{language}/requests/{information_request.reference}/$"))
    return information_request


# -- 1. sign up -------------------------------------------------------------------------


def test_sign_up_in_arabic_confirm_the_address_and_complete_the_profile(live_server, page):
    base = live_server.url
    page.goto(f"{base}/ar/")
    expect_language(page, "ar", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        tr("ar", "Nafida — the right of access to information"))
    screenshot(page, "ar-home.png")

    nav_link(page, "ar", "Create an account").click()
    expect(page).to_have_url(f"{base}/ar/accounts/signup/")
    page.get_by_label(tr("ar", "Email")).fill("Salma.Idrissi@Example.ma")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name=tr("ar", "Sign Up")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("ar", "Verify Your Email Address"))
    expect(page.get_by_role("main").get_by_role("status")).to_contain_text("salma.idrissi@example.ma")

    user = User.objects.get(email__iexact="salma.idrissi@example.ma")
    assert user.preferred_language == "ar"
    assert not EmailAddress.objects.get(user=user).verified
    (message,) = [item for item in mail.outbox if item.to == ["salma.idrissi@example.ma"]]
    link = re.search(r"https?://\S+", message.body).group(0)
    assert link.startswith(f"{base}/ar/accounts/confirm-email/"), link

    # Opening the link shows a button; only pressing it confirms the address.
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("ar", "Confirm Email Address"))
    assert not EmailAddress.objects.get(user=user).verified
    page.get_by_role("main").get_by_role("button", name=tr("ar", "Confirm")).click()

    expect(page).to_have_url(f"{base}/ar/accounts/profile/")
    expect_language(page, "ar", "rtl")
    expect(page.locator(".messages")).to_contain_text("salma.idrissi@example.ma")
    expect(nav_link(page, "ar", "My requests")).to_be_visible()  # logged in
    expect(page.get_by_role("main")).to_contain_text("salma.idrissi@example.ma")

    page.locator("#id_first_name").fill("سلمى")
    page.locator("#id_last_name").fill("الإدريسي")
    page.locator("#id_address").fill("45 شارع محمد الخامس، الرباط")
    page.locator("#id_id_type").select_option("cin")
    page.locator("#id_id_number").fill("BK987654")
    page.locator("#id_phone").fill("+212611223344")
    page.get_by_role("main").get_by_role("button", name=tr("ar", "Save")).click()

    expect(page.locator(".messages")).to_contain_text(tr("ar", "Your profile has been saved."))
    expect(page).to_have_url(f"{base}/ar/accounts/profile/")
    page.reload()
    expect(page.locator("#id_first_name")).to_have_value("سلمى")
    expect(page.locator("#id_last_name")).to_have_value("الإدريسي")
    expect(page.locator("#id_id_number")).to_have_value("BK987654")
    assert EmailAddress.objects.get(user=user).verified
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.address, user.id_type, user.id_number, user.phone) == (
        "سلمى", "الإدريسي", "45 شارع محمد الخامس، الرباط", "cin", "BK987654", "+212611223344")
    assert_translated()


# -- 2. file a request in Arabic ----------------------------------------------------------


def test_file_a_request_in_arabic_and_download_the_receipt(live_server, page):
    base = live_server.url
    user = citizen(email="youssef@example.ma")
    BodyFactory(code="commune-rabat", name_ar="جماعة الرباط", name_fr="Commune de Rabat",
                name_en="Rabat commune")
    BodyFactory(code="sante", name_ar="وزارة الصحة", name_fr="Ministère de la Santé",
                name_en="Ministry of Health")
    log_in(page, base, user.email)

    choose_body(page, "ar", "الرباط", "جماعة الرباط", other_body="وزارة الصحة")
    expect(page).to_have_url(f"{base}/ar/requests/new/commune-rabat/")
    # Pre-filled from the profile.
    expect(page.locator("#id_first_name")).to_have_value("يوسف")
    expect(page.locator("#id_family_name")).to_have_value("بناني")
    expect(page.locator("#id_id_number")).to_have_value("AB123456")
    expect(page.locator("#id_email")).to_have_value("youssef@example.ma")
    legends = page.locator("form.request-form > fieldset > legend")
    expect(legends.first).to_have_text(tr("ar", "Your identity (art. 14)"))
    expect(legends.nth(1)).to_have_text(tr("ar", "The information you ask for"))
    fill_request(page, "ميزانية جماعة الرباط لسنة 2026",
                 "الميزانية المصادق عليها والحساب الإداري لسنة 2025.")
    screenshot(page, "ar-filing-form.png")

    information_request = send_request(page, "ar", user)
    assert information_request.body.code == "commune-rabat"
    assert information_request.language == "ar" and information_request.state == "submitted"
    assert information_request.delivery_preference == "email"
    assert information_request.first_name == "يوسف"
    reference = information_request.reference
    received = timezone.localdate(information_request.received_at).strftime("%d/%m/%Y")
    due = information_request.due_date.strftime("%d/%m/%Y")

    expect_language(page, "ar", "rtl")
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    expect(page.locator(".messages")).to_contain_text(reference)
    facts = page.locator(".facts")
    expect(facts).to_contain_text(tr("ar", "Due date"))
    expect(facts).to_contain_text(f"({due})")
    expect(facts.locator(".state")).to_have_text(tr("ar", "Submitted"))
    expect(facts).to_contain_text(tr("ar", "By e-mail"))
    how = page.locator(".how")
    expect(how).to_contain_text(tr("ar", "How it was computed:"))
    expect(how).to_contain_text(received)
    expect(how).to_contain_text(due)
    screenshot(page, "ar-request.png")

    with page.expect_download() as download_info:
        page.get_by_role("link", name=tr("ar", "Download the acknowledgement of receipt (PDF)")).click()
    download = download_info.value
    assert download.suggested_filename == f"receipt-{reference}.pdf"
    receipt = artifact_path("ar-receipt.pdf")
    download.save_as(receipt)
    content = receipt.read_bytes()
    assert content.startswith(b"%PDF")
    assert reference in "".join(p.extract_text() or "" for p in PdfReader(BytesIO(content)).pages)

    # The same page on a phone: nothing wider than the screen.
    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    screenshot(page, "ar-request-phone.png")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the Arabic request page is {overflow}px wider than a 375px screen"
    assert_translated()


# -- 3 and 4. switch to French, file a second request, find both in "My requests" ---------


def test_switch_to_french_file_a_second_request_and_find_both_in_my_requests(live_server, page):
    base = live_server.url
    user = citizen(email="youssef@example.ma")
    rabat = BodyFactory(code="commune-rabat", name_ar="جماعة الرباط", name_fr="Commune de Rabat",
                        name_en="Rabat commune")
    BodyFactory(code="sante", name_ar="وزارة الصحة", name_fr="Ministère de la Santé",
                name_en="Ministry of Health")
    # The request of test 2, already being examined by the commune.
    first = make_request(body=rabat, requester=user, language="ar", subject="ميزانية جماعة الرباط",
                         email=user.email)
    services.start_examination(actor=officer_of(rabat), information_request=first)

    log_in(page, base, user.email, "ar")
    expect_language(page, "ar", "rtl")
    switch = page.locator("form.language-switch")
    switch.get_by_label(tr("ar", "Language")).select_option("fr")
    switch.get_by_role("button", name=tr("ar", "Change")).click()
    expect(page).to_have_url(f"{base}/fr/requests/mine/")
    expect_language(page, "fr", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("fr", "My requests"))

    choose_body(page, "fr", "Santé", "Ministère de la Santé", other_body="Commune de Rabat")
    expect(page).to_have_url(f"{base}/fr/requests/new/sante/")
    expect_language(page, "fr", "ltr")
    expect(page.locator("#id_first_name")).to_have_value("يوسف")
    fill_request(page, "Stock de vaccins 2026",
                 "L'état des stocks de vaccins par région au 1er novembre 2026.")
    second = send_request(page, "fr", user)
    assert second.language == "fr" and second.body.code == "sante"
    expect_language(page, "fr", "ltr")
    expect(page.get_by_role("heading", level=1)).to_contain_text(second.reference)
    expect(page.locator(".how")).to_contain_text(
        timezone.localdate(second.received_at).strftime("%d/%m/%Y"))

    nav_link(page, "fr", "My requests").click()
    expect(page).to_have_url(f"{base}/fr/requests/mine/")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    first_row = rows.filter(has_text=first.reference)
    expect(first_row).to_contain_text("Commune de Rabat")
    expect(first_row.locator(".state")).to_have_text(tr("fr", "In progress"))
    second_row = rows.filter(has_text=second.reference)
    expect(second_row).to_contain_text("Ministère de la Santé")
    expect(second_row).to_contain_text("Stock de vaccins 2026")
    expect(second_row.locator(".state")).to_have_text(tr("fr", "Submitted"))
    second_row.get_by_role("link", name=second.reference).click()
    expect(page).to_have_url(f"{base}/fr/requests/{second.reference}/")
    assert_translated()


# -- 5. the public register ----------------------------------------------------------------

MARKERS = {
    "first_name": "ZQXMARKERFIRST", "family_name": "ZQXMARKERFAMILY", "address": "ZQXMARKERADDR",
    "id_number": "ZQ999999", "email": "zqxmarker@example.ma", "phone": "+212699999999",
}


def test_the_public_register_shows_the_refusal_and_never_the_identity(live_server, page):
    base = live_server.url
    body = BodyFactory(code="commune-fes", name_ar="جماعة فاس", name_fr="Commune de Fès",
                       name_en="Fez commune")
    requester = UserFactory(email=MARKERS["email"], first_name=MARKERS["first_name"],
                            last_name=MARKERS["family_name"], address=MARKERS["address"],
                            id_type="cin", id_number=MARKERS["id_number"], phone=MARKERS["phone"])
    information_request = make_request(body=body, requester=requester, received_on=date(2026, 9, 1),
                                       subject="Rapports d'inspection des marchés municipaux",
                                       **MARKERS)
    officer = officer_of(body)
    services.start_examination(actor=officer, information_request=information_request)
    ground = RefusalGround.objects.get(code="exemption")
    exemption = Exemption.objects.get(code="administrative_investigations")
    justification = "The inspection is still under way; publishing its reports now would compromise it."
    services.decide(actor=officer, information_request=information_request, outcome="refused",
                    refusal_grounds=[ground],
                    citations=[services.Citation(exemption=exemption, public_justification=justification)])
    reference = information_request.reference

    page.goto(f"{base}/en/register/")
    expect_language(page, "en", "ltr")
    page.get_by_label("Search the subjects").fill("inspection des marchés")
    page.get_by_role("main").get_by_role("button", name="Filter").click()
    row = page.locator("tbody tr").filter(has_text=reference)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Fez commune")
    expect(row).to_contain_text("Refused")
    list_html = page.content()
    row.get_by_role("link", name=reference).click()

    expect(page).to_have_url(f"{base}/en/register/{reference}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    decision = page.locator("section.decision")
    expect(decision).to_contain_text("Refused")
    expect(decision).to_contain_text(f"{ground.label_en} (art. 18)")
    expect(decision).to_contain_text(f"{exemption.citation} — {exemption.label_en}")
    expect(decision).to_contain_text(justification)
    detail_html = page.content()
    for field, marker in MARKERS.items():
        assert marker.lower() not in list_html.lower(), f"the register list shows the {field}"
        assert marker.lower() not in detail_html.lower(), f"the register page shows the {field}"


# -- 6. keyboard --------------------------------------------------------------------------


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(live_server, page):
    page.goto(f"{live_server.url}/ar/")
    expect_language(page, "ar", "rtl")
    page.keyboard.press("Tab")
    focused = page.evaluate("({text: document.activeElement.textContent.trim(),"
                            " href: document.activeElement.getAttribute('href')})")
    assert focused == {"text": tr("ar", "Skip to content"), "href": "#main"}
    expect(page.locator("a.skip-link")).to_be_in_viewport()  # shown once focused
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
    expect(page.locator("#main")).to_be_focused()
    expect(page).to_have_url(re.compile(r"/ar/#main$"))
    assert_translated()
