"""The clock is generic: a model it has never heard of (here a throwaway "permit",
created for this test only) registers its deadlines, and the sweep reminds before them,
warns once before a window closes, expires what is past due and sends the mails, as it
does for requests. This is how the complaints (appeals) plug in, without a line of the
clock changed."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import connection, models
from django.db.models import F, Value
from django.test.utils import isolate_apps

from requests_app.clock import calendar, periods
from requests_app.models import LegalRule, Notification
from requests_app.outbox import clocks, registry
from requests_app.outbox.sender import send_notifications

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_data")]
MONDAY = date(2026, 11, 23)
APPEAL = LegalRule.Period.COURT_APPEAL  # 60 calendar days (art. 21)


@pytest.fixture
def permit_model():
    with isolate_apps("requests_app"):
        class Permit(models.Model):
            holder = models.EmailField()
            state = models.CharField(max_length=10)  # valid, expired, refused
            expires_on = models.DateField(null=True)
            refused_on = models.DateField(null=True)

            class Meta:
                app_label = "requests_app"
                db_table = "test_throwaway_permit"

            def __str__(self):
                return f"permit {self.pk}"

        with connection.schema_editor() as editor:
            editor.create_model(Permit)
        try:
            yield Permit
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(Permit)


@pytest.fixture
def permit_clocks(permit_model):
    Permit = permit_model

    def holders(rows):
        return rows.values(subject_id=F("pk"), recipient=F("holder"),
                           recipient_language=Value("fr"))

    def expire(today):
        ids = list(Permit.objects.filter(state="valid", expires_on__lt=today)
                   .values_list("pk", flat=True)[:2])  # small batches: the clock loops
        Permit.objects.filter(pk__in=ids).update(state="expired")
        return len(ids)

    registry.register_subject(registry.Subject(
        name="permit", load=lambda pk: Permit.objects.get(pk=pk),
        email=lambda note, permit: EmailMessage(subject=f"{note.kind} {permit.pk}",
                                                body=f"Permit {permit.pk}: {note.due_date:%d/%m/%Y}")))
    clocks.register_clock(clocks.Clock(
        name="permit_expiry", subject="permit", model=Permit, due_field="expires_on",
        open_states=("valid",), recipients=holders, notice="renew", days_before=(2, 0),
        expire=expire, expired_as="permits_expired"))
    clocks.register_clock(clocks.Clock(
        name="permit_appeal", subject="permit", model=Permit, due_field="refused_on", period=APPEAL,
        open_states=("refused",), recipients=holders, notice="appeal_closing", days_before=(3,),
        once=True))
    yield Permit
    clocks.unregister_clock("permit_expiry")
    clocks.unregister_clock("permit_appeal")
    registry.unregister_subject("permit")


def test_a_clock_registered_for_a_throwaway_model_reminds_warns_expires_and_sends(permit_clocks):
    Permit = permit_clocks
    in_two = calendar.add_working_days(MONDAY, 2)
    # The appeal window of a permit refused on this day closes the day after tomorrow.
    refused_on = next(day for day in (MONDAY - timedelta(days=n) for n in range(1, 90))
                      if periods.due_date_for(APPEAL, day) == in_two)
    due_in_two = Permit.objects.create(holder="a@example.ma", state="valid", expires_on=in_two)
    due_today = Permit.objects.create(holder="b@example.ma", state="valid", expires_on=MONDAY)
    Permit.objects.create(holder="c@example.ma", state="valid", expires_on=MONDAY + timedelta(days=3))
    late = [Permit.objects.create(holder=f"l{n}@example.ma", state="valid",
                                  expires_on=MONDAY - timedelta(days=1)) for n in range(3)]
    Permit.objects.create(holder="d@example.ma", state="expired", expires_on=in_two)  # not running
    refused = Permit.objects.create(holder="e@example.ma", state="refused", refused_on=refused_on)

    counts = clocks.sweep(MONDAY)
    assert (counts["permits_expired"], counts["permit_expiry"], counts["permit_appeal"]) == (3, 2, 1)
    assert {Permit.objects.get(pk=permit.pk).state for permit in late} == {"expired"}
    notes = set(Notification.objects.filter(subject_type="permit")
                .values_list("subject_id", "kind", "due_date", "recipient"))
    assert notes == {(due_in_two.pk, "renew_2", in_two, "a@example.ma"),
                     (due_today.pk, "renew_0", MONDAY, "b@example.ma"),
                     (refused.pk, "appeal_closing", in_two, "e@example.ma")}

    assert send_notifications() == 3
    assert sorted(message.to[0] for message in mail.outbox) == [
        "a@example.ma", "b@example.ma", "e@example.ma"]
    assert f"Permit {refused.pk}: {in_two:%d/%m/%Y}" in {message.body for message in mail.outbox}

    # Run again the same day: nothing new, nothing sent twice.
    assert set(clocks.sweep(MONDAY).values()) == {0}
    assert send_notifications() == 0
    # The next working day the appeal warning is not repeated; the permit due today
    # has expired and the one due on Thursday is reminded.
    tuesday = calendar.add_working_days(MONDAY, 1)
    counts = clocks.sweep(tuesday)
    assert (counts["permit_appeal"], counts["permits_expired"], counts["permit_expiry"]) == (0, 1, 1)
    assert Permit.objects.get(pk=due_today.pk).state == "expired"
    # On a Saturday nothing moves and nobody is reminded.
    Permit.objects.create(holder="f@example.ma", state="valid", expires_on=MONDAY)
    saturday = MONDAY + timedelta(days=5)
    assert clocks.sweep(saturday)["permits_expired"] == 0
