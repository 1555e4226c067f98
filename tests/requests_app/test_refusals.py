"""Art. 18: a refusal, total or partial, is reasoned ground by ground; the repeated
request needs an earlier request granted; art. 17: an urgent request reclassified with
reasons; art. 9: the body's own determination after a third party's refusal; a
withdrawal is the requester's act."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from requests_app import notices, services
from requests_app.models import (
    Decision,
    DecisionGround,
    Exemption,
    InformationRequest,
    Notification,
    RefusalGround,
    StateChange,
    ThirdPartyConsultation,
    WrittenWithdrawal,
)
from requests_app.pdf import decision_letter_pdf
from tests.factories import (
    BodyFactory,
    UserFactory,
    add_document,
    decide_request,
    make_request,
    officer_of,
    pdf_bytes,
    pdf_file,
)
from tests.helpers import pdftotext

pytestmark = pytest.mark.django_db

NOT_AVAILABLE_REASON = "The 2019 register was destroyed in the archive fire of 2021"
PUBLISHED_REASON = "The annual accounts appear in the Bulletin officiel every year"


def ground(code, reason="", part=""):
    return services.Ground(RefusalGround.objects.get(code=code), reason, part)


def citation():
    return services.Citation(Exemption.objects.get(code="private_life"),
                             "The names of private persons are removed.", "Beneficiaries")


# -- a reason for every ground (art. 18) ---------------------------------------------------


def test_a_partial_grant_withholds_a_part_on_an_art18_ground_with_its_reason(client):
    request = make_request()
    officer = officer_of(request.body)
    add_document(request, "Register 2020-2025", pdf_file("register.pdf"), officer=officer)
    decision = services.decide(
        actor=officer, information_request=request, outcome="partially_granted",
        refusal_grounds=[ground("not_available", NOT_AVAILABLE_REASON, "The 2019 register")],
        delivery_method="email")
    assert decision.outcome == Decision.Outcome.PARTIALLY_GRANTED
    item = decision.grounds.get()
    assert (item.ground.code, item.reason, item.withheld_part) == (
        "not_available", NOT_AVAILABLE_REASON, "The 2019 register")
    # The reason is public (DESIGN.md, "What is public"), and the requester's too.
    register = client.get(f"/en/register/{request.reference}/").content.decode()
    assert NOT_AVAILABLE_REASON in register and "The 2019 register" in register
    client.force_login(request.requester)
    page = client.get(f"/en/requests/{request.reference}/").content.decode()
    assert NOT_AVAILABLE_REASON in page and "Register 2020-2025" in page


@pytest.mark.parametrize("outcome", ["refused", "partially_granted"])
def test_a_ground_without_its_reason_is_refused_and_nothing_saved(outcome):
    request = make_request()
    officer = officer_of(request.body)
    add_document(request, "Register", pdf_file("register.pdf"), officer=officer)
    with pytest.raises(ValidationError) as error:
        services.decide(actor=officer, information_request=request, outcome=outcome,
                        refusal_grounds=[ground("not_available", NOT_AVAILABLE_REASON),
                                         ground("in_preparation", "  ")])
    assert "own written reason" in str(error.value.message_dict["refusal_grounds"])
    assert "still being prepared" in str(error.value.message_dict["refusal_grounds"])
    assert InformationRequest.objects.get(pk=request.pk).state == "submitted"
    assert not Decision.objects.exists() and not DecisionGround.objects.exists()
    assert not StateChange.objects.filter(request=request, transition__in=["refuse", "grant_partially"])


def test_the_art7_ground_is_reasoned_by_its_citations():
    request = make_request()
    decision = services.decide(actor=officer_of(request.body), information_request=request,
                               outcome="refused", refusal_grounds=[ground("exemption")],
                               citations=[citation()])
    assert decision.grounds.get().ground.code == "exemption"
    assert decision.citations.get().public_justification == "The names of private persons are removed."


def test_a_partial_grant_releases_documents_in_full_beside_redacted_ones(client):
    request = make_request()
    decision = decide_request(request, "partially_granted", prepared=[
        ("Budget 2025 (redacted)", pdf_file("redacted.pdf"), "redacted"),
        ("Annex: schedule", pdf_file("schedule.pdf"), "full"),
    ])
    released = [(document.title, document.is_redacted, document.released)
                for document in decision.documents.all()]
    # The file the officer sent for the redacted version stays with the body (art. 8).
    assert released == [("Budget 2025 (redacted)", False, False), ("Budget 2025 (redacted)", True, True),
                        ("Annex: schedule", False, True)]
    client.force_login(request.requester)
    page = client.get(f"/en/requests/{request.reference}/").content.decode()
    assert "Budget 2025 (redacted)" in page and "Annex: schedule" in page
    assert "Budget 2025 (original)" not in page
    request.refresh_from_db()
    text = pdftotext(decision_letter_pdf(request))
    assert "Annex: schedule" in text and "Budget 2025 (original)" not in text


def test_the_letter_gives_each_ground_its_reason():
    request = make_request()
    services.decide(
        actor=officer_of(request.body), information_request=request, outcome="refused",
        refusal_grounds=[ground("not_available", NOT_AVAILABLE_REASON),
                         ground("already_published", PUBLISHED_REASON)],
        publication_reference="BO 7480", publication_location="https://www.sgg.gov.ma")
    request.refresh_from_db()
    text = pdftotext(decision_letter_pdf(request))
    french = text.split("Décision relative à votre demande")[1]
    assert f"Information non disponible (art. 18, 1°). Motif : {NOT_AVAILABLE_REASON}" in french
    assert f"(art. 18, 3°). Motif : {PUBLISHED_REASON}" in french
    arabic = text.split("Décision relative à votre demande")[0]
    assert "عدم توفر المعلومات المطلوبة" in arabic and "التعليل" in arabic
    assert all(word in arabic for word in NOT_AVAILABLE_REASON.split())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migration_data")
def test_existing_grounds_take_the_decisions_reasons_when_migrated():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("requests_app", "0011_notification_digest")], [
        ("requests_app", "0012_refusal_reasons")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    body = old.get_model("accounts", "PublicBody").objects.create(
        code="old-body", name_ar="م", name_fr="O", name_en="O", kind="administration")
    rows = {}
    for number, explanation in enumerate(["Le registre de 2019 a brûlé.", ""]):
        request = old.get_model("requests_app", "InformationRequest").objects.create(
            reference=f"2020-00000{number}", body=body, first_name="A", family_name="B", address="x",
            id_type="cin", id_number="AB1", subject="s", information_sought="i", channel="portal",
            state="refused")
        decision = old.get_model("requests_app", "Decision").objects.create(
            request=request, outcome="refused", explanation=explanation)
        decision.refusal_grounds.add(old.get_model("requests_app", "RefusalGround").objects.get(
            code="not_available"))
        rows[decision.pk] = explanation
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    grounds = new.get_model("requests_app", "DecisionGround").objects.all()
    assert {(item.decision_id, item.ground.code, item.reason) for item in grounds} == {
        (pk, "not_available", explanation) for pk, explanation in rows.items()}
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


# -- the repeated request (art. 18, 4°) -------------------------------------------------------


@pytest.fixture
def repeated():
    """A body, its officer, a requester and their second request of the year."""
    body = BodyFactory()
    requester = UserFactory()
    officer = officer_of(body)
    second = make_request(body=body, requester=requester, received_on=date(2026, 9, 1))
    return body, officer, requester, second


def _refuse_as_repeated(officer, request, **earlier):
    return services.decide(actor=officer, information_request=request, outcome="refused",
                           refusal_grounds=[ground("repeated_request", "Sent to you in March.")],
                           **earlier)


def test_a_repeated_request_refers_to_an_earlier_grant(repeated):
    body, officer, requester, second = repeated
    first = make_request(body=body, requester=requester, received_on=date(2026, 3, 2))
    decide_request(first, "partially_granted", officer=officer)
    decision = _refuse_as_repeated(officer, second, earlier_reference=first.reference)
    assert decision.earlier_request == first


def _neutral_refusal(officer, request, earlier) -> str:
    with pytest.raises(ValidationError) as error:
        _refuse_as_repeated(officer, request, earlier_reference=earlier.reference)
    assert not Decision.objects.filter(request=request).exists()
    return error.value.message_dict["earlier_request"]


def test_a_refused_earlier_request_supplied_nothing(repeated):
    body, officer, requester, second = repeated
    first = make_request(body=body, requester=requester, received_on=date(2026, 3, 2))
    decide_request(first, "refused", officer=officer)
    assert _neutral_refusal(officer, second, first) == [
        "No earlier request of this requester to this body was granted with that reference in the "
        "same year (art. 18)."]


def test_another_bodys_or_another_requesters_request_gets_the_same_neutral_message(repeated):
    body, officer, requester, second = repeated
    refused = make_request(body=body, requester=requester, received_on=date(2026, 3, 2))
    decide_request(refused, "refused", officer=officer)
    elsewhere = make_request(requester=requester, received_on=date(2026, 3, 3))
    decide_request(elsewhere, "granted")
    someone_else = make_request(body=body, received_on=date(2026, 3, 4), id_number="ZZ999999")
    decide_request(someone_else, "granted", officer=officer)
    messages = {str(_neutral_refusal(officer, second, earlier))
                for earlier in (refused, elsewhere, someone_else)}
    with pytest.raises(ValidationError) as unknown:
        _refuse_as_repeated(officer, second, earlier_reference="2026-999999")
    messages.add(str(unknown.value.message_dict["earlier_request"]))
    assert len(messages) == 1, messages


def test_the_same_identity_document_without_an_account_is_the_same_requester(repeated):
    body, officer, requester, second = repeated
    at_the_counter = services.create_request(
        actor=officer, body=body, channel="counter", first_name="Youssef", family_name="Bennani",
        address="Rabat", id_type="cin", id_number="ab123456", subject="Budget",
        information_sought="Le budget.", delivery_preference="consultation",
        received_at=datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Africa/Casablanca")))
    decide_request(at_the_counter, "granted", officer=officer)
    assert _refuse_as_repeated(officer, second, earlier_request=at_the_counter).earlier_request_id


# -- reclassification of an urgent request (art. 17) ------------------------------------------


def _urgent(received_on):
    return make_request(received_on=received_on, is_urgent=True, urgency_reason="life",
                        urgency_explanation="Un patient attend son dossier.")


@time_machine.travel(datetime(2026, 11, 3, 10, tzinfo=ZoneInfo("Africa/Casablanca")), tick=False)
def test_an_urgent_request_reclassified_with_reasons_takes_the_ordinary_period():
    request = _urgent(date(2026, 11, 2))
    assert request.due_date == date(2026, 11, 5)  # 3 days (art. 17)
    officer = officer_of(request.body)
    request = services.reclassify_as_ordinary(
        actor=officer, information_request=request,
        reasons="The documents asked for are the commune's budget: no life is at stake.")
    request.refresh_from_db()
    assert not request.is_urgent and request.state == "in_progress"
    assert request.due_date == date(2026, 12, 2)  # 20 working days from 2 Nov (art. 16)
    assert request.reclassification_reasons.startswith("The documents asked for")
    change = request.deadline_changes.last()
    assert (change.reason, change.old_due_date, change.new_due_date, change.actor) == (
        "reclassification", date(2026, 11, 5), date(2026, 12, 2), officer)
    assert request.state_changes.last().transition == "reclassify"
    assert request.history.first().history_user == officer
    note = Notification.objects.get(kind="reclassified", subject_id=request.pk)
    mail = notices.request_email(note, request)
    assert "no life is at stake" in mail.body


def test_a_reclassification_without_reasons_is_refused():
    request = _urgent(None)
    due = request.due_date
    with pytest.raises(ValidationError) as error:
        services.reclassify_as_ordinary(actor=officer_of(request.body), information_request=request,
                                        reasons="   ")
    assert "reasons" in error.value.message_dict
    request.refresh_from_db()
    assert request.is_urgent and request.due_date == due and request.state == "submitted"
    assert not Notification.objects.filter(kind="reclassified").exists()


def test_only_the_bodys_officer_reclassifies_and_only_an_urgent_request():
    request = _urgent(None)
    with pytest.raises(PermissionDenied):
        services.reclassify_as_ordinary(actor=request.requester, information_request=request,
                                        reasons="I changed my mind.")
    ordinary = make_request()
    with pytest.raises(ValidationError):
        services.reclassify_as_ordinary(actor=officer_of(ordinary.body), information_request=ordinary,
                                        reasons="Not urgent.")


# -- the body's determination after a third party's refusal (art. 9) ----------------------------


def _refused_by_third_party():
    request = make_request()
    officer = officer_of(request.body)
    consultation = services.consult_third_party(actor=officer, information_request=request,
                                                third_party="Société X")
    services.record_third_party_answer(actor=officer, consultation=consultation, answer="refused",
                                       reasons="Trade secret")
    return request, officer, consultation


def test_after_a_third_partys_refusal_the_body_records_its_own_determination():
    request, officer, consultation = _refused_by_third_party()
    with pytest.raises(ValidationError) as error:
        decide_request(request, "granted", officer=officer)
    assert "determination" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.record_third_party_determination(actor=officer, consultation=consultation,
                                                  determination="disclose", reasons="")
    assert "determination_reasons" in error.value.message_dict
    services.record_third_party_determination(
        actor=officer, consultation=consultation, determination="disclose",
        reasons="The prices of a public contract are not a trade secret.")
    consultation.refresh_from_db()
    assert consultation.determination == ThirdPartyConsultation.Determination.DISCLOSE
    assert consultation.determined_by == officer and consultation.determined_at
    assert decide_request(request, "granted", officer=officer).outcome == "granted"


def test_a_body_that_decided_to_withhold_does_not_grant_in_full():
    request, officer, consultation = _refused_by_third_party()
    services.record_third_party_determination(
        actor=officer, consultation=consultation, determination="withhold",
        reasons="The tender's unit prices are the bidder's trade secret.")
    with pytest.raises(ValidationError) as error:
        decide_request(request, "granted", officer=officer)
    assert "art. 9" in str(error.value)
    request.refresh_from_db()
    assert request.is_answerable and request.decision is None and not request.decisions.exists()
    ground = RefusalGround.objects.get(code="not_available")
    decision = services.decide(
        actor=officer, information_request=request, outcome="refused",
        refusal_grounds=[services.Ground(ground, reason="Only the bidder's file exists.")])
    assert decision.outcome == "refused"


def test_no_determination_without_a_refusal_nor_by_another_body():
    request = make_request()
    officer = officer_of(request.body)
    consultation = services.consult_third_party(actor=officer, information_request=request,
                                                third_party="Société X")
    with pytest.raises(ValidationError):
        services.record_third_party_determination(actor=officer, consultation=consultation,
                                                  determination="withhold", reasons="Secret.")
    services.record_third_party_answer(actor=officer, consultation=consultation, answer="refused",
                                       reasons="Secret")
    with pytest.raises(PermissionDenied):
        services.record_third_party_determination(actor=officer_of(BodyFactory()), consultation=consultation,
                                                  determination="withhold", reasons="Secret.")


# -- withdrawal is the requester's act -----------------------------------------------------------


def test_an_officer_records_a_withdrawal_only_with_the_written_withdrawal():
    request = make_request()
    officer = officer_of(request.body)
    with pytest.raises(ValidationError) as error:
        services.withdraw(actor=officer, information_request=request, note="By phone")
    assert "written_withdrawal" in error.value.message_dict
    assert InformationRequest.objects.get(pk=request.pk).state == "submitted"
    letter = SimpleUploadedFile("retrait.pdf", pdf_bytes("Je retire ma demande."), "application/pdf")
    services.withdraw(actor=officer, information_request=request, note="Letter of 20/11",
                      written_withdrawal=letter)
    request.refresh_from_db()
    assert request.state == "withdrawn"
    record = WrittenWithdrawal.objects.get(request=request)
    assert record.recorded_by == officer and record.content_type == "application/pdf"
    # Kept privately, like a message's files: never under MEDIA_ROOT.
    assert record.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert record.file.read().startswith(b"%PDF")


def test_a_written_withdrawal_that_is_not_a_document_is_refused():
    request = make_request()
    with pytest.raises(ValidationError):
        services.withdraw(actor=officer_of(request.body), information_request=request,
                          written_withdrawal=SimpleUploadedFile("x.pdf", b"MZ\x90\x00", "application/pdf"))
    assert InformationRequest.objects.get(pk=request.pk).state == "submitted"
    assert not WrittenWithdrawal.objects.exists()


def test_the_requester_withdraws_without_a_written_withdrawal():
    request = make_request()
    services.withdraw(actor=request.requester, information_request=request)
    assert InformationRequest.objects.get(pk=request.pk).state == "withdrawn"
    assert not WrittenWithdrawal.objects.exists()
