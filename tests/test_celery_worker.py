"""A real Celery worker, on the configured broker (Redis in CI, the filesystem broker
by default), runs a task against the same database."""

from datetime import date

import pytest
from guardian.models import UserObjectPermission

from accounts.models import Designation
from tests.factories import BodyFactory, UserFactory
from tests.worker import wait_for, worker


@pytest.mark.django_db(transaction=True)
def test_worker_runs_the_designation_sync_task(real_broker):
    body = BodyFactory()
    user = UserFactory()
    # Bulk insert: no signal, so no rights yet; the task must grant them.
    Designation.objects.bulk_create([Designation(
        user=user, body=body, role=Designation.Role.INFORMATION_OFFICER,
        decision_reference="DEC-1", decision_date=date(2025, 1, 1), starts_on=date(2025, 1, 1))])
    assert not UserObjectPermission.objects.filter(user=user).exists()

    with worker() as process:
        from accounts.tasks import sync_designation_permissions

        sync_designation_permissions.delay()
        wait_for(lambda: UserObjectPermission.objects.filter(user=user, object_pk=str(body.pk)).exists(),
                 process, timeout=60)
        codenames = set(UserObjectPermission.objects.filter(user=user).values_list(
            "permission__codename", flat=True))
        assert codenames == {"handle_requests", "view_body_requests"}
