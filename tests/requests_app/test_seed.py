"""Demo data covers every state; bulk seeding is fast and consistent."""

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.permissions import HANDLE_REQUESTS, has_body_permission
from requests_app.models import Decision, InformationRequest

pytestmark = pytest.mark.django_db


def test_demo_has_every_role_and_every_state(capsys):
    call_command("seed_demo", "--scratch-database")
    out = capsys.readouterr().out
    for email in ("citoyen@demo.nafida.ma", "agent@demo.nafida.ma", "president@demo.nafida.ma",
                  "rapporteur@demo.nafida.ma", "admin@demo.nafida.ma"):
        assert email in out
        assert User.objects.get(email=email).check_password("nafida-demo-2026")
    states = set(InformationRequest.objects.values_list("state", flat=True))
    assert states == set(InformationRequest.State.values)
    officer = User.objects.get(email="agent@demo.nafida.ma")
    request = InformationRequest.objects.first()
    assert has_body_permission(officer, HANDLE_REQUESTS, request.body)
    assert InformationRequest.objects.filter(decided_late=True).exists()
    assert InformationRequest.objects.exclude(extension_ground="").exists()
    assert User.objects.get(email="rapporteur@demo.nafida.ma").commission_role == "reviewer"


def test_demo_is_idempotent():
    call_command("seed_demo", "--scratch-database")
    count = InformationRequest.objects.count()
    call_command("seed_demo", "--scratch-database")
    assert InformationRequest.objects.count() == count


def test_bulk_requests_have_references_due_dates_and_decisions():
    call_command("seed_demo", "--scratch-database", "--requests", "300", "--batch-size", "100")
    bulk = InformationRequest.objects.filter(requester__isnull=True)
    assert bulk.count() == 300
    assert not bulk.filter(due_date__isnull=True).exists()
    references = list(InformationRequest.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references))
    decided = bulk.filter(state__in=["granted", "partially_granted", "refused"])
    assert Decision.objects.filter(request__in=decided).count() == decided.count()
    open_share = bulk.filter(state__in=["submitted", "in_progress"]).count() / 300
    assert 0.2 < open_share < 0.45


@pytest.mark.django_db
def test_demo_staff_reach_the_workspace_with_the_printed_code(client):
    from django.core.management import call_command

    from requests_app.demo import seed_demo

    seed_demo()
    out = io.StringIO()
    call_command("demo_code", stdout=out)
    response = client.post("/en/accounts/login/", {"login": "agent@demo.nafida.ma",
                                                   "password": "nafida-demo-2026"})
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    response = client.post(response["Location"], {"code": out.getvalue().strip()})
    assert response.status_code == 302 and response["Location"] == "/en/workspace/"
    assert client.get("/en/workspace/").status_code == 200


def test_the_demo_citizen_signs_in_with_the_password_alone(client):
    from requests_app.demo import seed_demo

    seed_demo()
    response = client.post("/en/accounts/login/", {"login": "citoyen@demo.nafida.ma",
                                                   "password": "nafida-demo-2026"})
    assert response.status_code == 302 and response["Location"] == "/en/requests/mine/"


def test_demo_says_where_each_staff_login_serves_and_files_requests_they_see(capsys, client):
    """``make demo`` tells the truth: each staff login's line names the body it serves
    (or the Commission), and every login that serves a body finds demo requests in its
    workspace, where the officer can act on them."""
    from accounts.permissions import VIEW_BODY_REQUESTS
    from requests_app.workspace.selectors import workspace_requests
    from tests.helpers import verified

    call_command("seed_demo", "--scratch-database")
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()
             if "@demo.nafida.ma" in line}
    for email in ("agent@demo.nafida.ma", "president@demo.nafida.ma"):
        assert "Commune de Rabat" in lines[email] and "commune-rabat" in lines[email], lines[email]
    assert "no body's requests without a designation" in lines["admin@demo.nafida.ma"]
    assert "the Commission" in lines["rapporteur@demo.nafida.ma"]
    # The superuser (the Commission's president) has no designation: no body's requests.
    admin = User.objects.get(email="admin@demo.nafida.ma")
    assert admin.is_superuser and not workspace_requests(admin).exists()
    verified(client, admin)
    assert client.get("/en/workspace/").status_code == 200
    for email in ("agent@demo.nafida.ma", "president@demo.nafida.ma"):
        user = User.objects.get(email=email)
        listed = workspace_requests(user)
        assert listed.exists(), email
        assert all(has_body_permission(user, VIEW_BODY_REQUESTS, item.body) for item in listed[:20])
        verified(client, user)
        dashboard = client.get("/en/workspace/").content.decode()
        assert any(reference in dashboard for reference in listed.values_list("reference", flat=True)), email
    officer = User.objects.get(email="agent@demo.nafida.ma")
    open_requests = workspace_requests(officer).filter(state__in=["submitted", "in_progress"])
    assert open_requests.exists()
    assert all(has_body_permission(officer, HANDLE_REQUESTS, item.body) for item in open_requests)


def test_demo_refuses_a_database_not_declared_scratch_when_debug_is_off(settings, monkeypatch):
    """Issue 11, point 10: published passwords and a printed second factor never reach a
    real database by mistake."""
    settings.DEBUG = False
    monkeypatch.delenv("NAFIDA_SCRATCH_DB", raising=False)
    with pytest.raises(CommandError, match="runs only with DEBUG on, or on a scratch database"):
        call_command("seed_demo")
    assert not User.objects.filter(email__endswith="@demo.nafida.ma").exists()
    assert not InformationRequest.objects.exists()


@pytest.mark.parametrize("how", ["debug", "env"])
def test_demo_runs_with_debug_on_or_the_scratch_variable(settings, monkeypatch, how):
    settings.DEBUG = how == "debug"
    if how == "env":
        monkeypatch.setenv("NAFIDA_SCRATCH_DB", "1")
    else:
        monkeypatch.delenv("NAFIDA_SCRATCH_DB", raising=False)
    call_command("seed_demo", stdout=io.StringIO())
    assert User.objects.filter(email="agent@demo.nafida.ma").exists()


def test_demo_seeds_complaints_in_every_state_once_and_prints_the_commission_logins(capsys):
    """Issue 12, point 7: ``make demo`` seeds complaints to the head of the body and to the
    Commission in every state, a session with quorum and a court appeal, all through the
    services; prints the Commission president's and a member's logins; adds nothing the
    second time."""
    from appeals.models import (
        CommissionComplaint,
        CommissionSession,
        CourtAppeal,
        HeadComplaint,
        HeadComplaintState,
        Observation,
    )
    from appeals.models.commission import CommissionComplaintState
    from appeals.permissions import is_commission_member, is_commission_president

    call_command("seed_demo", "--scratch-database")
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()
             if "@demo.nafida.ma" in line}
    president = User.objects.get(email="presidence@demo.nafida.ma")
    member = User.objects.get(email="rapporteur@demo.nafida.ma")
    assert is_commission_president(president) and not president.is_superuser
    assert is_commission_member(member) and not is_commission_president(member)
    assert "Commission president" in lines["presidence@demo.nafida.ma"]
    assert "as its president" in lines["presidence@demo.nafida.ma"]
    assert "the Commission" in lines["rapporteur@demo.nafida.ma"]
    assert president.check_password("nafida-demo-2026")

    assert set(HeadComplaint.objects.values_list("state", flat=True)) == set(HeadComplaintState.values)
    assert set(CommissionComplaint.objects.values_list("state", flat=True)) == set(
        CommissionComplaintState.values) - {CommissionComplaintState.DELIBERATION}
    # Art. 19: the head's silence on a paper complaint registered with its real, past date.
    overdue = HeadComplaint.objects.filter(state="overdue")
    assert overdue.exists()
    assert all(item.channel != "portal" and item.filed_on < item.due_date
               and item.registered_by.email == "agent@demo.nafida.ma" for item in overdue)
    # Upheld, fully or in part: the request is reopened, the old decision kept.
    for state in ("upheld", "partly_upheld"):
        reopened = HeadComplaint.objects.get(state=state).request
        assert reopened.decision is None and reopened.decisions.count() == 1
    # The member's queue is not empty; observations wait for the body's officer.
    assert CommissionComplaint.objects.filter(rapporteur=member, state="referred").exists()
    investigating = CommissionComplaint.objects.get(state="investigating", rapporteur=member)
    assert Observation.objects.filter(complaint=investigating, answered_at__isnull=True).exists()
    # RI 15-16: registered by the Commission without a prior complaint, refused with reasons.
    inadmissible = CommissionComplaint.objects.get(state="inadmissible")
    assert inadmissible.head_complaint is None and inadmissible.channel != "portal"
    assert not inadmissible.procedure_followed and inadmissible.decision_reasons
    # Art. 24: decided in a session held in the past with quorum, called with the notice.
    session = CommissionSession.objects.get()
    assert session.state == "held" and session.has_quorum()
    assert session.members_in_office >= 10 and (session.held_on - session.called_on).days >= 8
    decided = CommissionComplaint.objects.filter(session=session)
    assert set(decided.values_list("state", flat=True)) == {"decided", "complied", "not_complied"}
    assert decided.get(state="complied").is_published
    assert not decided.exclude(state="complied").filter(published_at__isnull=False).exists()
    assert CourtAppeal.objects.filter(commission_complaint__state="not_complied").exists()

    counts = [Model.objects.count() for Model in (HeadComplaint, CommissionComplaint, CommissionSession,
                                                   CourtAppeal, Observation, InformationRequest, User)]
    call_command("seed_demo", "--scratch-database")
    assert counts == [Model.objects.count() for Model in (
        HeadComplaint, CommissionComplaint, CommissionSession, CourtAppeal, Observation, InformationRequest,
        User)]
