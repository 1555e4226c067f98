"""The whole chain of appeals (issue 12), in a real browser, in Arabic: a refused request
→ the requester complains to the head of the body from the request page (art. 19) → the
head rejects it with reasons → the requester complains to the Commission (art. 20) → the
President refers it to a member (RI 10, 14) → the member records the checks (RI 15) and
asks the body's observations → the body's officer answers from the workspace with a PDF
→ the President calls a session with the notice (RI 4), records the attendance with the
quorum (art. 24; RI 5) and the decision to disclose fully, reasoned (RI 8, 16) → the body
reports what it did, the requester confirms → the President records it complied with and
publishes the decision → the public decision page shows no identity (Law 09-08) and is
linked from the request's register entry. Then the same chain's key pages in French.

Each person acts through the pages; the people, their designations and the clock (the
session's notice) are set up in Python. Screenshots are left as artifacts."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from playwright.sync_api import expect
from reportlab.pdfgen import canvas

from appeals.models import (
    CommissionComplaint,
    CommissionOutcome,
    CommissionSession,
    HeadComplaint,
    Observation,
)
from requests_app.clock.models import LegalRule
from requests_app.clock.periods import rule_in_force
from tests.appeals.factories import commission_member
from tests.artifacts import artifact_path
from tests.factories import BodyFactory, UserFactory, decide_request, head_of, make_request, officer_of
from tests.helpers import PASSWORD, authenticator, code

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]

SOUGHT = "محاضر دورات المجلس الجماعي لسنة 2025 وقرارات الميزانية المصادق عليها."


def tr(language: str, text: str) -> str:
    with translation.override(language):
        translated = gettext(text)
    assert translated != text, f"{text!r} is not translated into {language}"
    return translated


def url(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def pdf_bytes(text: str) -> bytes:
    buffer = BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 760, text)
    page.save()
    return buffer.getvalue()


class People:
    """Who acts, each signing in in their turn (the browser's cookies cleared); a staff
    member gives the code of their authenticator app, never the same code twice."""

    def __init__(self, page, base, traveller):
        self.page, self.base, self.traveller = page, base, traveller
        self.codes = set()

    def sign_in(self, user, path, language="ar"):
        page = self.page
        page.context.clear_cookies()
        page.goto(f"{self.base}/{language}/accounts/login/?next={path}")
        page.locator("#id_login").fill(user.email)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main form button[type=submit]").first.click()
        if Authenticator.objects.filter(user=user).exists():
            page.wait_for_url(re.compile(r".*/accounts/2fa/authenticate/.*"))
            given = code(user)  # (it may wait for the next period: compare the codes themselves)
            if (user.pk, given) in self.codes:  # a code is accepted once: the next one
                self.traveller.shift(timedelta(seconds=31))
                given = code(user)
            self.codes.add((user.pk, given))
            page.locator("#id_code").fill(given)
            page.locator("main form button[type=submit]").first.click()
        expect(page).to_have_url(f"{self.base}{path}")

    def shot(self, name):
        self.page.screenshot(path=artifact_path(f"appeals-chain-{name}.png"), full_page=True)


def test_the_whole_chain_of_appeals_in_arabic_then_its_pages_in_french(live_server, page):
    base = live_server.url
    # The clock runs from now (time_machine ticks); the server, a thread of this process,
    # follows it. Not a date in the past: the browser would drop the cookies as expired.
    with time_machine.travel(timezone.now(), tick=True) as traveller:
        run_chain(People(page, base, traveller), base)


def run_chain(people, base):
    page = people.page
    body = BodyFactory(name_ar="جماعة الرباط", name_fr="Commune de Rabat")
    officer, head = officer_of(body), head_of(body)
    president = commission_member(president=True, first_name="Amina", last_name="Alaoui")
    member = commission_member(first_name="Omar", last_name="Fassi")
    commission_member(first_name="Driss", last_name="Bennis")  # in office, absent from the session
    for user in (officer, head, president, member):
        authenticator(user)
    citizen = UserFactory(first_name="Salma", last_name="Idrissi", email="salma.idrissi@example.ma")
    request = make_request(body=body, requester=citizen, subject="محاضر المجلس", information_sought=SOUGHT,
                           first_name="Salma", family_name="Idrissi", id_number="A123456",
                           email="salma.idrissi@example.ma")
    decide_request(request, "refused", officer=officer)
    identity = ["Salma", "Idrissi", "salma.idrissi@example.ma", "A123456"]

    # 1. The requester reads the refusal on the request page (art. 19 counts from that
    # day) and complains to the head of the body from it; the form gives the last day.
    request_page = url("ar", "requests:detail", request.reference)
    people.sign_in(citizen, request_page)
    page.reload()  # the window opens with the receipt of the answer, recorded on the first visit
    page.get_by_role("link", name=tr("ar", "Complain to the head of the body")).click()
    expect(page).to_have_url(f"{base}{url('ar', 'appeals:head_file', request.reference)}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    request.refresh_from_db()
    from appeals import windows
    last_day = windows.head_window(request).end
    with translation.override("ar"):
        last_day_text = date_format(last_day, "DATE_FORMAT")
    expect(page.get_by_role("main")).to_contain_text(last_day_text)
    expect(page.get_by_role("heading", name=tr("ar", "The time to complain (art. 19)"))).to_be_visible()
    page.locator("#id_reasons").fill("المحاضر غير منشورة في أي موقع، والرفض غير مبرر.")
    people.shot("1-head-form-ar")
    page.get_by_role("button", name=tr("ar", "Send the complaint")).click()
    head_complaint = HeadComplaint.objects.get(request=request)
    expect(page).to_have_url(f"{base}{url('ar', 'appeals:head_complaint', head_complaint.number)}")

    # 2. The head of the body reads the request's own text and rejects, with reasons.
    people.sign_in(head, url("ar", "appeals:head_queue"))
    page.get_by_role("link", name=head_complaint.number).first.click()
    expect(page.get_by_role("main")).to_contain_text(SOUGHT)
    page.locator("input[name=outcome][value=rejected]").check()
    page.locator("#id_reasons").fill("المحاضر منشورة في الجريدة الرسمية للجماعات الترابية.")
    people.shot("2-head-decides-ar")
    page.get_by_role("button", name=tr("ar", "Record the decision")).click()
    head_complaint = HeadComplaint.objects.get(pk=head_complaint.pk)
    assert head_complaint.state == "rejected"

    # 3. The requester reads the head's answer, then complains to the Commission; the
    # form gives the last day (art. 20).
    people.sign_in(citizen, url("ar", "appeals:head_complaint", head_complaint.number))
    expect(page.get_by_role("main")).to_contain_text("المحاضر منشورة في الجريدة الرسمية")
    page.goto(f"{base}{request_page}")
    page.get_by_role("link", name=tr("ar", "Complain to the Commission")).click()
    head_complaint = HeadComplaint.objects.get(pk=head_complaint.pk)
    with translation.override("ar"):
        commission_last_day = date_format(windows.commission_window(head_complaint).end, "DATE_FORMAT")
    expect(page.get_by_role("main")).to_contain_text(tr("ar", "Last day to complain"))
    expect(page.get_by_role("main")).to_contain_text(commission_last_day)
    page.locator("#id_subject").fill("رفض الاطلاع على محاضر المجلس")
    page.locator("#id_reasons").fill("رفض الرئيس شكايتي دون أن يبين أين نشرت المحاضر.")
    people.shot("3-commission-form-ar")
    page.get_by_role("button", name=tr("ar", "File the complaint")).click()
    complaint = CommissionComplaint.objects.get(request=request)
    expect(page).to_have_url(f"{base}{url('ar', 'appeals:commission_complaint', complaint.number)}")

    # 4. The President refers it to a member and calls a session, with the notice (RI 4).
    case_page = url("ar", "appeals:commission_case", complaint.number)
    people.sign_in(president, case_page)
    page.locator("#id_rapporteur").select_option(label="Omar Fassi")
    page.get_by_role("button", name=tr("ar", "Refer"), exact=True).click()
    expect(page.get_by_role("main")).to_contain_text(tr("ar", "Referred to a member"))
    notice = rule_in_force(LegalRule.Period.SESSION_NOTICE, timezone.localdate()).length
    held_on = timezone.localdate() + timedelta(days=notice)
    page.goto(f"{base}{url('ar', 'appeals:sessions')}")
    page.locator("#id_held_on").fill(held_on.isoformat())
    page.get_by_role("button", name=tr("ar", "Call the session and invite the members")).click()
    session = CommissionSession.objects.get()
    assert session.held_on == held_on

    # 5. The member records the checks (all met) and asks the body's observations.
    people.sign_in(member, case_page)
    for name in ("procedure_followed", "has_standing", "body_covered", "is_information", "in_writing",
                 "on_time"):
        page.locator(f"input[name={name}][value=yes]").check()
    page.get_by_role("button", name=tr("ar", "Record the checks")).click()
    expect(page.get_by_role("main")).to_contain_text(tr("ar", "All checks met."))
    page.locator("#id_questions").fill("أين نشرت المحاضر، ومنذ متى؟")
    page.locator("#id_reply_by").fill((timezone.localdate() + timedelta(days=5)).isoformat())
    page.get_by_role("button", name=tr("ar", "Ask the body")).click()
    observation = Observation.objects.get(complaint=complaint)
    # The trail names each step in the page's language, never by its code.
    expect(page.get_by_role("main")).to_contain_text(tr("ar", "observations asked"))
    assert "ask_observations" not in page.get_by_role("main").inner_text()
    people.shot("5-member-case-ar")

    # 6. The body's officer answers from the workspace, with a PDF.
    people.sign_in(officer, url("ar", "workspace:request", request.reference))
    page.get_by_role("link", name=complaint.number).first.click()
    expect(page).to_have_url(f"{base}{url('ar', 'appeals:observations_answer', observation.pk)}")
    page.locator("#id_answer").fill("المحاضر منشورة في الجريدة الرسمية للجماعات، العدد 112.")
    page.locator("#id_title_1").fill("مستخرج الجريدة الرسمية")
    page.locator("#id_document_1").set_input_files(files=[{
        "name": "extrait.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Bulletin officiel 112")}])
    page.get_by_role("button", name=tr("ar", "Send to the Commission")).click()
    expect(page.get_by_role("main")).to_contain_text(tr("ar", "Your observations"))
    observation = Observation.objects.get(pk=observation.pk)
    assert observation.answered_at and observation.documents.count() == 1

    # 7. The session's day: the President puts the complaint on the agenda, records the
    # attendance (two of three: quorum) and the decision to disclose fully.
    people.traveller.shift(timedelta(days=notice, hours=1))
    session_page = url("ar", "appeals:session", session.pk)
    people.sign_in(president, session_page)
    page.locator("#id_complaint").select_option(index=1)
    page.get_by_role("button", name=tr("ar", "Put on the agenda")).click()
    page.get_by_label("Amina Alaoui").check()
    page.get_by_label("Omar Fassi").check()
    page.get_by_role("button", name=tr("ar", "Record the attendance and the quorum")).click()
    with translation.override("ar"):
        quorum = gettext("Present %(present)s of %(total)s: quorum of two thirds reached.") % {
            "present": 2, "total": 3}
    expect(page.get_by_role("main")).to_contain_text(quorum)
    decide = page.locator("form.decide")
    decide.locator("select[name$='-vote']").select_option("consensus")
    decide.locator("select[name$='-outcome']").select_option(CommissionOutcome.DISCLOSE_FULLY)
    decide.locator("textarea[name$='-reasons']").fill("المحاضر لا تدخل في أي استثناء من المادة 7.")
    decide.locator("input[name$='-articles_cited']").fill("المواد 2 و12 و20")
    decide.get_by_role("button", name=tr("ar", "Record the decision")).click()
    expect(page.get_by_role("main")).to_contain_text(
        tr("ar", "Recommendation to disclose fully"))
    people.shot("7-session-ar")
    complaint = CommissionComplaint.objects.get(pk=complaint.pk)
    assert complaint.state == "decided" and complaint.session_id == session.pk

    # 8. The body reports what it did; 9. the requester confirms.
    people.sign_in(officer, url("ar", "workspace:request", request.reference))
    page.get_by_role("link", name=re.compile(re.escape(complaint.number))).last.click()
    page.locator("#id_text").fill("أرسلت المحاضر إلى الطالبة بالبريد الإلكتروني.")
    page.get_by_role("button", name=tr("ar", "Send the report")).click()
    expect(page.get_by_role("main")).to_contain_text(tr("ar", "What the body reported"))
    people.sign_in(citizen, url("ar", "appeals:commission_complaint", complaint.number))
    expect(page.get_by_role("main")).to_contain_text(tr("ar", "Recommendation to disclose fully"))
    with page.expect_download() as download:  # RI 16: the reasoned decision, as a letter
        page.get_by_role("link", name=tr("ar", "Decision letter (PDF)")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.locator("input[name=view][value=confirmed]").check()
    page.get_by_role("button", name=tr("ar", "Send my answer")).click()
    expect(page.get_by_role("main")).to_contain_text(tr("ar", "The requester confirms"))

    # 10. The President records it complied with, and publishes an anonymized text.
    people.sign_in(president, case_page)
    page.locator("input[name=complied][value=yes]").check()
    page.get_by_role("button", name=tr("ar", "Record"), exact=True).click()
    expect(page.get_by_role("main")).to_contain_text(tr("ar", "Decision complied with"))
    page.goto(f"{base}{url('ar', 'appeals:publish', complaint.number)}")
    summary = "أوصت اللجنة بتمكين الطالب من محاضر دورات المجلس الجماعي، ونفذت الجماعة التوصية."
    page.locator("#id_public_summary").fill(summary)
    page.get_by_role("button", name=tr("ar", "Publish the decision")).click()
    complaint = CommissionComplaint.objects.get(pk=complaint.pk)
    assert complaint.state == "complied" and complaint.is_published

    # 11. The public: the decision without the complainant's identity, linked from the
    # request's register entry.
    page.context.clear_cookies()
    decision_page = url("ar", "appeals:decision", complaint.number)
    page.goto(f"{base}{decision_page}")
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_contain_text(tr("ar", "Decision of the Commission"))
    expect(main).to_contain_text(tr("ar", "Recommendation to disclose fully"))
    expect(main).to_contain_text(summary)
    content = page.content()
    for value in identity:
        assert value not in content, value
    people.shot("11-public-decision-ar")
    page.goto(f"{base}{url('ar', 'register:entry', request.reference)}")
    link = page.locator(f"a[href='{decision_page}']")
    expect(link).to_be_visible()
    for value in identity:
        assert value not in page.content(), value
    link.click()
    expect(page).to_have_url(f"{base}{decision_page}")

    # The same chain's key pages in French.
    page.goto(f"{base}{url('fr', 'appeals:decision', complaint.number)}")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text(tr("fr", "Decision of the Commission"))
    expect(page.get_by_role("main")).to_contain_text(tr("fr", "Recommendation to disclose fully"))
    for value in identity:
        assert value not in page.content(), value
    page.goto(f"{base}{url('fr', 'register:entry', request.reference)}")
    expect(page.locator(f"a[href='{url('fr', 'appeals:decision', complaint.number)}']")).to_be_visible()
    people.shot("fr-register-entry")
    people.sign_in(citizen, url("fr", "requests:detail", request.reference), "fr")
    main = page.get_by_role("main")
    expect(main).to_contain_text(tr("fr", "Complaint to the head of the body (art. 19)"))
    expect(main).to_contain_text(tr("fr", "Complaint to the Commission (art. 20)"))
    page.goto(f"{base}{url('fr', 'appeals:head_complaint', head_complaint.number)}")
    expect(page.get_by_role("main")).to_contain_text(tr("fr", "Rejected"))
    page.goto(f"{base}{url('fr', 'appeals:commission_complaint', complaint.number)}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(tr("fr", "Complaint to the Commission"))
    expect(page.get_by_role("main")).to_contain_text(tr("fr", "The Commission's decision"))
    expect(page.get_by_role("main")).to_contain_text(tr("fr", "Decision complied with"))
    people.shot("fr-complaint")
    people.sign_in(president, url("fr", "appeals:session", session.pk), "fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        tr("fr", "Session of the Commission of %(date)s").split("%")[0].strip())
    with translation.override("fr"):
        quorum = gettext("Present %(present)s of %(total)s: quorum of two thirds reached.") % {
            "present": 2, "total": 3}
    expect(page.get_by_role("main")).to_contain_text(quorum)
    page.goto(f"{base}{url('fr', 'appeals:commission_case', complaint.number)}")
    expect(page.get_by_role("main")).to_contain_text(tr("fr", "Observations of the body"))
    expect(page.get_by_role("main")).to_contain_text(tr("fr", "All checks met."))
    expect(page.get_by_role("main")).to_contain_text(tr("fr", "referred to a member"))
    people.shot("fr-president-case")
