"""Rights come from active designations (art. 12), granted on the body."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from guardian.models import UserObjectPermission

from accounts import services
from accounts.models import Designation, DesignationInvitation, User
from accounts.permissions import (
    DECIDE_COMPLAINTS,
    HANDLE_REQUESTS,
    VIEW_BODY_REQUESTS,
    bodies_for,
    has_body_permission,
    sync_all_designation_permissions,
)
from tests.factories import BodyFactory, DesignationFactory, UserFactory, head_of
from tests.helpers import verified

pytestmark = pytest.mark.django_db


def test_user_logs_in_with_email_and_has_a_language():
    user = User.objects.create_user("Fatima@Example.MA", "s3cret-pass")
    assert user.email == "fatima@example.ma"
    assert user.preferred_language == "ar"
    assert user.check_password("s3cret-pass")


def test_officer_designation_grants_rights_on_that_body_only():
    body, other = BodyFactory(), BodyFactory()
    officer = DesignationFactory(body=body).user
    assert has_body_permission(officer, HANDLE_REQUESTS, body)
    assert has_body_permission(officer, VIEW_BODY_REQUESTS, body)
    assert not has_body_permission(officer, DECIDE_COMPLAINTS, body)
    assert not has_body_permission(officer, HANDLE_REQUESTS, other)
    assert list(bodies_for(officer)) == [body]


def test_head_of_body_sees_and_decides_complaints_but_does_not_answer():
    body = BodyFactory()
    head = head_of(body)
    assert has_body_permission(head, VIEW_BODY_REQUESTS, body)
    assert has_body_permission(head, DECIDE_COMPLAINTS, body)
    assert not has_body_permission(head, HANDLE_REQUESTS, body)


def test_rights_are_rows_on_the_body_not_per_request():
    body = BodyFactory()
    officer = DesignationFactory(body=body).user
    rows = UserObjectPermission.objects.filter(user=officer)
    assert {row.content_type.model for row in rows} == {"publicbody"}


def test_ended_or_future_designation_gives_no_rights():
    body = BodyFactory()
    past = DesignationFactory(body=body, starts_on=date(2023, 1, 1), ends_on=date(2023, 12, 31))
    future = DesignationFactory(body=body, starts_on=timezone.localdate() + timedelta(days=10))
    for designation in (past, future):
        assert not has_body_permission(designation.user, HANDLE_REQUESTS, body)


def test_ending_a_designation_removes_rights():
    body = BodyFactory()
    head = head_of(body)
    designation = DesignationFactory(body=body)
    officer = User.objects.get(pk=designation.user.pk)
    assert has_body_permission(officer, HANDLE_REQUESTS, body)
    services.end_designation(actor=head, designation=designation,
                             ends_on=timezone.localdate() - timedelta(days=1))
    officer = User.objects.get(pk=officer.pk)  # fresh permission cache
    assert not has_body_permission(officer, HANDLE_REQUESTS, body)


def test_rights_follow_dates_and_the_hourly_sync_keeps_the_index():
    body = BodyFactory()
    tomorrow = timezone.localdate() + timedelta(days=1)
    designation = DesignationFactory(body=body, starts_on=tomorrow)
    user = User.objects.get(pk=designation.user.pk)
    assert not has_body_permission(user, HANDLE_REQUESTS, body)
    assert has_body_permission(user, HANDLE_REQUESTS, body, on=tomorrow)
    assert list(bodies_for(user, on=tomorrow)) == [body]
    sync_all_designation_permissions(on=tomorrow)
    assert UserObjectPermission.objects.filter(user=user, object_pk=str(body.pk)).exists()


def test_head_invites_and_the_designation_exists_only_once_accepted():
    body = BodyFactory()
    head = head_of(body)
    user = UserFactory(preferred_language="fr")
    invitation = services.invite(
        actor=head, user=user, body=body, decision_reference="DEC-12/2026",
        decision_date=date(2026, 11, 2), work_email="info@body.ma")
    assert not Designation.objects.filter(user=user).exists()
    assert not has_body_permission(User.objects.get(pk=user.pk), HANDLE_REQUESTS, body)
    assert invitation.history.first().history_user == head
    assert invitation.status == "pending"
    designation = services.accept_invitation(actor=user, invitation=invitation)
    record = designation.history.get()
    assert record.history_user == head, "the head is the designator"
    assert timezone.now() - record.history_date < timedelta(minutes=1), "at acceptance"
    assert designation.starts_on == timezone.localdate() and designation.work_email == "info@body.ma"
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.designation == designation
    assert invitation.history.first().history_user == user
    assert has_body_permission(User.objects.get(pk=user.pk), HANDLE_REQUESTS, body)


def test_the_invitation_mail_carries_a_signed_link_in_the_invitees_language(
        django_capture_on_commit_callbacks, mailoutbox):
    body = BodyFactory(name_fr="Commune de Fès")
    user = UserFactory(preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite(actor=head_of(body), user=user, body=body,
                                     decision_reference="D-1", decision_date=date(2026, 11, 2))
    [mail] = mailoutbox
    assert mail.to == [user.email] and "Commune de Fès" in mail.subject
    token = re.search(r"/fr/accounts/invitations/([^/\s]+)/", mail.body).group(1)
    assert services.invitation_from_token(token) == invitation
    assert services.invitation_from_token(token + "x") is None
    assert services.invitation_from_token(token.replace(":", "x:", 1)) is None


def test_an_invitation_link_expires(settings):
    body = BodyFactory()
    user = UserFactory()
    invitation = services.invite(actor=head_of(body), user=user, body=body,
                                 decision_reference="D-1", decision_date=date(2026, 11, 2))
    token = services.invitation_token(invitation)
    later = timezone.now() + timedelta(days=settings.NAFIDA_INVITATION_DAYS, minutes=1)
    with time_machine.travel(later):
        assert services.invitation_from_token(token) is None
        with pytest.raises(ValidationError, match="expired"):
            services.accept_invitation(actor=user, invitation=invitation)
    assert not Designation.objects.filter(user=user).exists()


def test_only_the_invitee_answers_and_a_declined_invitation_designates_nobody():
    body = BodyFactory()
    user = UserFactory()
    invitation = services.invite(actor=head_of(body), user=user, body=body,
                                 decision_reference="D-1", decision_date=date(2026, 11, 2))
    with pytest.raises(PermissionDenied):
        services.accept_invitation(actor=UserFactory(), invitation=invitation)
    services.decline_invitation(actor=user, invitation=invitation)
    with pytest.raises(ValidationError):
        services.accept_invitation(actor=user, invitation=invitation)
    assert not Designation.objects.filter(user=user).exists()
    invitation.refresh_from_db()
    assert invitation.status == "declined" and invitation.answered_at


def test_the_head_cancels_a_pending_invitation():
    body = BodyFactory()
    head, user = head_of(body), UserFactory()
    invitation = services.invite(actor=head, user=user, body=body,
                                 decision_reference="D-1", decision_date=date(2026, 11, 2))
    with pytest.raises(PermissionDenied):
        services.cancel_invitation(actor=head_of(BodyFactory()), invitation=invitation)
    services.cancel_invitation(actor=head, invitation=invitation)
    with pytest.raises(ValidationError):
        services.accept_invitation(actor=user, invitation=invitation)
    assert not Designation.objects.filter(user=user).exists()
    # Cancelled: a new invitation may be sent.
    services.invite(actor=head, user=user, body=body, decision_reference="D-2",
                    decision_date=date(2026, 11, 2))


def test_no_second_invitation_or_designation_for_the_same_user_body_and_role():
    body = BodyFactory()
    head, user = head_of(body), UserFactory()
    first = services.invite(actor=head, user=user, body=body, decision_reference="D-1",
                            decision_date=date(2026, 11, 2))
    with pytest.raises(ValidationError, match="already awaiting an answer"):
        services.invite(actor=head, user=user, body=body, decision_reference="D-2",
                        decision_date=date(2026, 11, 2))
    services.accept_invitation(actor=user, invitation=first)
    with pytest.raises(ValidationError, match="already holds this role"):
        services.invite(actor=head, user=user, body=body, decision_reference="D-3",
                        decision_date=date(2026, 11, 2))
    admin = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(ValidationError, match="already holds this role"):
        services.designate(actor=admin, user=user, body=body,
                           role=Designation.Role.INFORMATION_OFFICER, decision_reference="D-4",
                           decision_date=date(2026, 11, 2))
    assert Designation.objects.filter(user=user).count() == 1
    assert DesignationInvitation.objects.filter(user=user).count() == 1


def test_the_database_refuses_a_second_pending_invitation():
    body = BodyFactory()
    head, user = head_of(body), UserFactory()
    first = services.invite(actor=head, user=user, body=body, decision_reference="D-1",
                            decision_date=date(2026, 11, 2))
    with pytest.raises(IntegrityError), transaction.atomic():
        DesignationInvitation.objects.create(
            user=user, body=body, role=first.role, decision_reference="D-2",
            decision_date=first.decision_date, starts_on=first.starts_on, invited_by=head,
            expires_at=first.expires_at)


def test_an_expired_invitation_does_not_block_a_new_one(settings):
    body = BodyFactory()
    head, user = head_of(body), UserFactory()
    services.invite(actor=head, user=user, body=body, decision_reference="D-1",
                    decision_date=date(2026, 11, 2))
    with time_machine.travel(timezone.now() + timedelta(days=settings.NAFIDA_INVITATION_DAYS + 1)):
        services.invite(actor=head, user=user, body=body, decision_reference="D-2",
                        decision_date=date(2026, 11, 2))
    assert list(DesignationInvitation.objects.values_list("status", flat=True)
                .order_by("decision_reference")) == ["expired", "pending"]


def test_a_head_of_body_no_longer_designates_directly():
    body = BodyFactory()
    with pytest.raises(PermissionDenied):
        services.designate(actor=head_of(body), user=UserFactory(), body=body,
                           role=Designation.Role.INFORMATION_OFFICER,
                           decision_reference="X", decision_date=date(2026, 1, 1))
    assert not Designation.objects.filter(decision_reference="X").exists()


@pytest.mark.parametrize("who", ["citizen", "officer", "head_of_other_body"])
def test_only_the_head_invites(who):
    body = BodyFactory()
    actor = {
        "citizen": lambda: UserFactory(),
        "officer": lambda: DesignationFactory(body=body).user,
        "head_of_other_body": lambda: head_of(BodyFactory()),
    }[who]()
    with pytest.raises(PermissionDenied):
        services.invite(actor=actor, user=UserFactory(), body=body,
                        decision_reference="X", decision_date=date(2026, 1, 1))
    assert not DesignationInvitation.objects.exists()


def test_invitation_for_inactive_body_or_bad_dates_is_refused():
    body = BodyFactory()
    head = head_of(body)
    with pytest.raises(ValidationError):
        services.invite(actor=head, user=UserFactory(), body=body,
                        decision_reference="X", decision_date=date(2026, 1, 1),
                        starts_on=date(2026, 2, 1), ends_on=date(2026, 1, 1))
    body.active = False
    body.save()
    with pytest.raises(ValidationError):
        services.invite(actor=head, user=UserFactory(), body=body,
                        decision_reference="Y", decision_date=date(2026, 1, 1))
    assert not DesignationInvitation.objects.exists()
    assert Designation.objects.filter(body=body).count() == 1  # only the head


def test_only_an_admin_records_the_head():
    body = BodyFactory()
    with pytest.raises(PermissionDenied):
        services.designate(actor=head_of(body), user=UserFactory(), body=body,
                           role=Designation.Role.HEAD_OF_BODY, decision_reference="Z",
                           decision_date=date(2026, 1, 1))
    # Not through the service either for a superuser: the administration site records it.
    admin = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(PermissionDenied):
        services.designate(actor=admin, user=UserFactory(), body=body,
                           role=Designation.Role.HEAD_OF_BODY, decision_reference="Z",
                           decision_date=date(2026, 1, 1))
    assert not Designation.objects.filter(decision_reference="Z").exists()


def test_the_administration_site_records_the_head(client):
    body, head = BodyFactory(), UserFactory()
    verified(client, UserFactory(is_superuser=True, is_staff=True))
    response = client.post("/en/admin/accounts/designation/add/", {
        "user": head.pk, "body": body.pk, "role": Designation.Role.HEAD_OF_BODY,
        "decision_reference": "Z", "decision_date": "2026-01-01", "starts_on": "2026-01-01"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert has_body_permission(head, DECIDE_COMPLAINTS, body)


def test_a_superuser_without_designation_has_no_right_on_a_body():
    """An administrator records a body's designations (its decision), but acts on none
    of its requests nor complaints without being designated there."""
    body = BodyFactory()
    admin = UserFactory(is_superuser=True, is_staff=True)
    for permission in (HANDLE_REQUESTS, VIEW_BODY_REQUESTS, DECIDE_COMPLAINTS):
        assert not has_body_permission(admin, permission, body)
        assert not bodies_for(admin, permission).exists()
    officer = UserFactory()
    designation = services.designate(actor=admin, user=officer, body=body,
                                      role=Designation.Role.INFORMATION_OFFICER,
                                      decision_reference="S", decision_date=date(2026, 1, 1))
    assert has_body_permission(officer, HANDLE_REQUESTS, body)
    assert not has_body_permission(admin, HANDLE_REQUESTS, body)
    with pytest.raises(PermissionDenied):
        services.designate(actor=admin, user=UserFactory(), body=body,
                           role=Designation.Role.HEAD_OF_BODY, decision_reference="S",
                           decision_date=date(2026, 1, 1))
    services.end_designation(actor=admin, designation=designation)
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert not has_body_permission(officer, HANDLE_REQUESTS, body, on=tomorrow)


def test_an_ended_designation_gives_nothing_the_next_day_with_nothing_saved():
    """Guardian's rows are an index: the end date is read on the day of the check."""
    body, other = BodyFactory(), BodyFactory()
    designation = DesignationFactory(body=body)
    DesignationFactory(body=other, user=designation.user)
    Designation.objects.filter(pk=designation.pk).update(
        ends_on=timezone.localdate() - timedelta(days=1))
    user = User.objects.get(pk=designation.user.pk)
    assert UserObjectPermission.objects.filter(user=user, object_pk=str(body.pk)).exists()
    assert not has_body_permission(user, HANDLE_REQUESTS, body)
    assert not has_body_permission(user, VIEW_BODY_REQUESTS, body)
    assert has_body_permission(user, HANDLE_REQUESTS, other)
    assert list(bodies_for(user)) == [other]
    assert list(bodies_for(user, HANDLE_REQUESTS)) == [other]


def test_which_bodies_is_one_query(django_assert_num_queries):
    user = DesignationFactory(body=BodyFactory()).user
    for _ in range(3):
        DesignationFactory(body=BodyFactory(), user=user)
    with django_assert_num_queries(1):
        assert len(list(bodies_for(user))) == 4


def test_a_guardian_row_alone_gives_no_right():
    from guardian.shortcuts import assign_perm

    body, user = BodyFactory(), UserFactory()
    assign_perm("handle_requests", user, body)
    assert not has_body_permission(User.objects.get(pk=user.pk), HANDLE_REQUESTS, body)
    assert not bodies_for(user, HANDLE_REQUESTS).exists()


def test_inactive_user_has_no_rights():
    body = BodyFactory()
    officer = DesignationFactory(body=body).user
    officer.is_active = False
    officer.save()
    assert not has_body_permission(officer, HANDLE_REQUESTS, body)


def test_a_designated_superuser_acts_like_everyone_with_that_designation():
    body, other = BodyFactory(), BodyFactory()
    admin = UserFactory(is_superuser=True, is_staff=True)
    DesignationFactory(user=admin, body=body)
    assert has_body_permission(admin, HANDLE_REQUESTS, body)
    assert not has_body_permission(admin, HANDLE_REQUESTS, other)
    assert not has_body_permission(admin, DECIDE_COMPLAINTS, body)
    assert list(bodies_for(admin)) == [body]
