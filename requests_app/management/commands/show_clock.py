from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from requests_app.deadlines import explain_due_date
from requests_app.models import DeadlineChange, InformationRequest


class Command(BaseCommand):
    help = "Show how a request's due date was computed (received, period, days skipped, extension)."

    def add_arguments(self, parser):
        parser.add_argument("reference")
        parser.add_argument("--language", default="en", choices=["ar", "fr", "en"])

    def handle(self, *args, reference, language, **options):
        request = InformationRequest.objects.filter(reference=reference).first()
        if request is None:
            raise CommandError(f"No request {reference}.")
        with translation.override(language):
            self.stdout.write(f"{request.reference} — {request.body.name} — {request.get_state_display()}")
            if request.received_at is None:
                self.stdout.write("Not received yet (draft).")
                return
            self.stdout.write(f"Received {timezone.localdate(request.received_at):%d/%m/%Y} "
                              f"({request.get_channel_display()})")
            for period in explain_due_date(request, language):
                rule = period.rule
                skipped = ", ".join(f"{day.day:%d/%m/%Y} {day.name or '(weekend)'}"
                                    for day in period.skipped) or "none"
                self.stdout.write(f"  {rule.length} {rule.get_unit_display()} (art. {rule.article}) "
                                  f"from {period.start:%d/%m/%Y} to {period.end:%d/%m/%Y}; "
                                  f"skipped: {skipped}")
            if request.is_extended:
                self.stdout.write(f"Extended on {request.extension_notified_on:%d/%m/%Y} for "
                                  f"{request.get_extension_ground_display()}: {request.extension_reasons}")
            for change in request.deadline_changes.exclude(reason=DeadlineChange.Reason.RECEIPT):
                self.stdout.write(f"  moved {change.old_due_date:%d/%m/%Y} → {change.new_due_date:%d/%m/%Y}: "
                                  f"{change.get_reason_display()} {change.detail}".rstrip())
            self.stdout.write(f"Due {request.due_date:%d/%m/%Y}")
