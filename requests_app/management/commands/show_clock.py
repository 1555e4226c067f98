from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from requests_app.clock.periods import period_text
from requests_app.deadlines import explain_due_date
from requests_app.models import DeadlineChange, InformationRequest


class Command(BaseCommand):
    help = "Show how a request's due date was computed (received, period, days skipped, extension)."

    def add_arguments(self, parser):
        parser.add_argument("reference")
        parser.add_argument("--language", default="en", choices=["ar", "fr", "en"])

    def handle(self, *args, reference, language, **options):
        information_request = InformationRequest.objects.filter(reference=reference).first()
        if information_request is None:
            raise CommandError(f"No request {reference}.")
        with translation.override(language):
            self.stdout.write(f"{information_request.reference} — {information_request.body.name} — "
                              f"{information_request.get_state_display()}")
            if information_request.received_at is None:
                self.stdout.write("Not received yet (draft).")
                return
            self.stdout.write(f"Received {information_request.received_on:%d/%m/%Y} "
                              f"({information_request.get_channel_display()})")
            for period in explain_due_date(information_request, language):
                rule = period.rule
                skipped = ", ".join(f"{day.day:%d/%m/%Y} {day.name or '(weekend)'}"
                                    for day in period.skipped) or "none"
                self.stdout.write(f"  {period_text(rule)} (art. {rule.article}) "
                                  f"from {period.start:%d/%m/%Y} to {period.end:%d/%m/%Y}; "
                                  f"skipped: {skipped}")
            if information_request.is_extended:
                self.stdout.write(f"Extended on {information_request.extension_notified_on:%d/%m/%Y} for "
                                  f"{information_request.get_extension_ground_display()}: "
                                  f"{information_request.extension_reasons}")
            for change in information_request.deadline_changes.exclude(reason=DeadlineChange.Reason.RECEIPT):
                self.stdout.write(f"  moved {change.old_due_date:%d/%m/%Y} → {change.new_due_date:%d/%m/%Y}: "
                                  f"{change.get_reason_display()} {change.detail}".rstrip())
            self.stdout.write(f"Due {information_request.due_date:%d/%m/%Y}")
