"""Every transition of the request's state machine: allowed from the right states by
the right people, refused otherwise with nothing changed."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from requests_app import services
from requests_app.models import (
    Decision,
    Exemption,
    InformationRequest,
    RefusalGround,
    StateChange,
)
from tests.factories import BodyFactory, UserFactory, head_of, make_request, officer_of, pdf_file

pytestmark = pytest.mark.django_db
S = InformationRequest.State


def citation(code="private_life"):
    return services.Citation(Exemption.objects.get(code=code),
                             "Contains the names and health data of staff.")


ACTIONS = {
    "start_examination": lambda r, who: services.start_examination(actor=who["officer"],
                                                                   information_request=r),
    "extend": lambda r, who: services.extend_deadline(
        actor=who["officer"], information_request=r, ground="large_volume", reasons="300 files to copy."),
    "consult_third_party": lambda r, who: services.consult_third_party(
        actor=who["officer"], information_request=r, third_party="Société X"),
    "grant": lambda r, who: services.decide(actor=who["officer"], information_request=r, outcome="granted",
                                            delivery_method="email"),
    "grant_partially": lambda r, who: services.decide(
        actor=who["officer"], information_request=r, outcome="partially_granted", citations=[citation()]),
    "refuse": lambda r, who: services.decide(
        actor=who["officer"], information_request=r, outcome="refused",
        refusal_grounds=[services.Ground(RefusalGround.objects.get(code="not_available"),
                                         "The 2019 files were destroyed in the 2021 flood.")]),
    "mark_overdue": lambda r, who: services.mark_overdue(information_request=r),
    "withdraw": lambda r, who: services.withdraw(actor=who["requester"], information_request=r),
}

TARGET = {
    "start_examination": S.IN_PROGRESS, "extend": S.IN_PROGRESS,
    "consult_third_party": S.IN_PROGRESS, "grant": S.GRANTED,
    "grant_partially": S.PARTIALLY_GRANTED, "refuse": S.REFUSED, "mark_overdue": S.OVERDUE,
    "withdraw": S.WITHDRAWN,
}

# With a due date still ahead (mark_overdue needs it passed: tested separately).
ALLOWED = {
    S.DRAFT: {"withdraw"},
    S.SUBMITTED: {"start_examination", "extend", "consult_third_party", "grant",
                  "grant_partially", "refuse", "withdraw"},
    S.IN_PROGRESS: {"extend", "consult_third_party", "grant", "grant_partially", "refuse",
                    "withdraw"},
    S.OVERDUE: {"grant", "grant_partially", "refuse", "withdraw"},
    S.GRANTED: set(),
    S.PARTIALLY_GRANTED: set(),
    S.REFUSED: set(),
    S.WITHDRAWN: set(),
}


def build(state):
    """A request in ``state`` and the people around it."""
    body = BodyFactory()
    who = {"officer": officer_of(body), "requester": UserFactory()}
    received = None
    if state == S.OVERDUE:
        received = timezone.localdate() - timedelta(days=60)
    request = make_request(body=body, requester=who["requester"], received_on=received,
                           submit=state != S.DRAFT)
    path = {
        S.IN_PROGRESS: ["start_examination"],
        S.GRANTED: ["grant"],
        S.PARTIALLY_GRANTED: ["grant_partially"],
        S.REFUSED: ["refuse"],
        S.WITHDRAWN: ["withdraw"],
        S.OVERDUE: ["mark_overdue"],
    }.get(state, [])
    for step in path:
        ACTIONS[step](request, who)
    request = InformationRequest.objects.get(pk=request.pk)
    assert request.state == state
    return request, who


def snapshot(request):
    request = InformationRequest.objects.get(pk=request.pk)
    return (request.state, request.due_date, request.extension_ground,
            StateChange.objects.filter(request=request).count(),
            Decision.objects.filter(request=request).count())


@pytest.mark.parametrize("state", list(ALLOWED))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_transition_matrix(state, action):
    request, who = build(state)
    if action == "mark_overdue" or action not in ALLOWED[state]:
        before = snapshot(request)
        with pytest.raises(ValidationError):
            ACTIONS[action](request, who)
        assert snapshot(request) == before
        return
    ACTIONS[action](request, who)
    request = InformationRequest.objects.get(pk=request.pk)
    assert request.state == TARGET[action]
    change = request.state_changes.last()
    assert (change.transition, change.from_state, change.to_state) == (action, state,
                                                                        TARGET[action])
    actor = None if action == "mark_overdue" else who[
        "requester" if action == "withdraw" else "officer"]
    assert change.actor == actor


@pytest.mark.parametrize("action", ["start_examination", "extend", "consult_third_party",
                                    "grant", "grant_partially", "refuse"])
@pytest.mark.parametrize("intruder", ["citizen", "requester", "other_officer", "head",
                                      "ended_officer", "commission"])
def test_officer_actions_need_an_active_designation_on_the_body(action, intruder):
    request, who = build(S.SUBMITTED)
    people = {
        "citizen": UserFactory(),
        "requester": who["requester"],
        "other_officer": officer_of(BodyFactory()),
        # The head decides complaints (art. 19); answering is the officer's job (art. 12).
        "head": head_of(request.body),
        "ended_officer": officer_of(request.body, starts_on=date(2024, 1, 1),
                                    ends_on=date(2024, 12, 31)),
        "commission": UserFactory(commission_role="reviewer"),
    }
    before = snapshot(request)
    with pytest.raises(PermissionDenied):
        ACTIONS[action](request, dict(who, officer=people[intruder]))
    assert snapshot(request) == before


@pytest.mark.parametrize("intruder", ["citizen", "other_officer"])
def test_only_requester_or_body_officer_may_withdraw(intruder):
    request, who = build(S.IN_PROGRESS)
    person = UserFactory() if intruder == "citizen" else officer_of(BodyFactory())
    with pytest.raises(PermissionDenied):
        services.withdraw(actor=person, information_request=request)
    assert InformationRequest.objects.get(pk=request.pk).state == S.IN_PROGRESS


def test_body_officer_records_a_withdrawal_received_on_paper():
    request, who = build(S.IN_PROGRESS)
    services.withdraw(actor=who["officer"], information_request=request, note="Letter of 20/11",
                      written_withdrawal=pdf_file("withdrawal.pdf"))
    assert InformationRequest.objects.get(pk=request.pk).state == S.WITHDRAWN


@pytest.mark.parametrize("state", [S.SUBMITTED, S.IN_PROGRESS])
def test_mark_overdue_once_the_due_date_has_passed(state):
    body = BodyFactory()
    officer = officer_of(body)
    request = make_request(body=body, received_on=timezone.localdate() - timedelta(days=60))
    if state == S.IN_PROGRESS:
        services.start_examination(actor=officer, information_request=request)
    request = services.mark_overdue(information_request=request)
    assert request.state == S.OVERDUE
    assert request.state_changes.last().actor is None


@time_machine.travel(datetime(2026, 11, 20, 10, tzinfo=ZoneInfo("Africa/Casablanca")), tick=False)
def test_art16_extension_adds_20_working_days_to_the_due_date():
    request = make_request(received_on=date(2026, 11, 2))
    officer = officer_of(request.body)
    assert request.due_date == date(2026, 12, 2)
    request = services.extend_deadline(actor=officer, information_request=request, ground="third_party",
                                       reasons="The contractor must be consulted (art. 9).",
                                       notified_on=date(2026, 11, 20))
    # 20 working days after 2 Dec 2026.
    assert request.due_date == date(2026, 12, 30)
    assert request.extension_notified_on == date(2026, 11, 20)
    changes = list(request.deadline_changes.values_list("reason", "old_due_date",
                                                        "new_due_date"))
    assert changes[-1] == ("extension", date(2026, 12, 2), date(2026, 12, 30))


def test_late_answer_after_overdue_is_marked_late():
    request, who = build(S.OVERDUE)
    decision = ACTIONS["grant"](request, who)
    assert decision.late is True
    assert InformationRequest.objects.get(pk=request.pk).decided_late is True


def test_answer_in_time_is_not_late():
    request, who = build(S.IN_PROGRESS)
    assert ACTIONS["grant"](request, who).late is False


def test_decision_records_grounds_citations_costs_and_documents():
    request, who = build(S.IN_PROGRESS)
    decision = services.decide(
        actor=who["officer"], information_request=request, outcome="partially_granted",
        citations=[citation("private_life")],
        documents=[services.Document(title="Marché 12/2025 (version occultée)",
                                     is_redacted=True)],
        delivery_method="email", copying_cost=Decimal("12.50"), sending_cost=Decimal("0"),
    )
    assert decision.outcome == Decision.Outcome.PARTIALLY_GRANTED
    with translation.override("fr"):
        assert decision.citations.get().exemption.citation == "art. 7, al. 1"
    assert decision.documents.get().is_redacted
    assert decision.copying_cost == Decimal("12.50")


def test_refusal_already_published_keeps_reference_and_place():
    request, who = build(S.IN_PROGRESS)
    decision = services.decide(
        actor=who["officer"], information_request=request, outcome="refused",
        refusal_grounds=[services.Ground(RefusalGround.objects.get(code="already_published"),
                                         "The decree is in the Bulletin officiel.")],
        publication_reference="BO n° 7480", publication_location="https://www.sgg.gov.ma",
    )
    assert decision.refusal_grounds.get().item == 3
    assert decision.publication_location == "https://www.sgg.gov.ma"


def test_refusal_repeated_request_names_the_earlier_one():
    body = BodyFactory()
    officer = officer_of(body)
    requester = UserFactory()
    first = make_request(body=body, requester=requester, received_on=date(2026, 3, 2))
    services.decide(actor=officer, information_request=first, outcome="granted")
    second = make_request(body=body, requester=requester, received_on=date(2026, 9, 1))
    decision = services.decide(
        actor=officer, information_request=second, outcome="refused",
        refusal_grounds=[services.Ground(RefusalGround.objects.get(code="repeated_request"),
                                         "The same budget was sent to you in March.")],
        earlier_request=first,
    )
    assert decision.earlier_request == first


def _state_writes(path):
    """The places in a module that write a request's state other than by a transition:
    an assignment to ``.state``, or ``update(state=...)``."""
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        targets = node.targets if isinstance(node, ast.Assign) else []
        if any(isinstance(target, ast.Attribute) and target.attr == "state" for target in targets):
            found.append(node.lineno)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update"
                and any(keyword.arg == "state" for keyword in node.keywords)):
            found.append(node.lineno)
    return found


def test_transitions_are_the_only_way_to_change_state():
    from pathlib import Path

    import requests_app

    request, _ = build(S.SUBMITTED)
    # The field refuses a direct assignment (django-fsm's protected field)...
    with pytest.raises(AttributeError):
        request.state = S.GRANTED
    # ...and no module writes the column around the transitions, but the services' one
    # set-based form of ``mark_overdue`` (the clock's batches).
    root = Path(requests_app.__file__).parent
    writes = {str(path.relative_to(root)): lines for path in root.rglob("*.py")
              if "migrations" not in path.parts and (lines := _state_writes(path))}
    assert list(writes) == ["services.py"] and len(writes["services.py"]) == 1
    # The admin shows the state without a field to change it.
    from django.contrib import admin

    request_admin = admin.site._registry[InformationRequest]
    assert "state" in request_admin.get_readonly_fields(None, request)


def test_every_change_is_kept_in_history_and_attributed():
    request, who = build(S.IN_PROGRESS)
    services.extend_deadline(actor=who["officer"], information_request=request, ground="large_volume",
                             reasons="Volume.")
    history = InformationRequest.history.filter(id=request.pk).order_by("history_date")
    states = [h.state for h in history]
    assert states[-1] == S.IN_PROGRESS and S.SUBMITTED in states
    assert history.last().history_user == who["officer"]
    assert history.last().extension_ground == "large_volume"


def test_decision_records_are_attributed_in_history():
    request, who = build(S.IN_PROGRESS)
    decision = services.decide(
        actor=who["officer"], information_request=request, outcome="partially_granted",
        citations=[citation()], documents=[services.Document(title="Annexe", is_redacted=True)])
    assert decision.history.get().history_user == who["officer"]
    assert decision.citations.get().history.get().history_user == who["officer"]
    assert decision.documents.get().history.get().history_user == who["officer"]
