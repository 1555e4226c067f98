from django.core.management.base import BaseCommand

from requests_app.outbox import clocks, sender


class Command(BaseCommand):
    help = ("Run the legal clock's sweep now (overdue requests, reminders, complaint windows) "
            "and send the notifications it owes, as Celery beat does.")

    def add_arguments(self, parser):
        parser.add_argument("--no-send", action="store_true", help="create the notifications only")

    def handle(self, *args, no_send, **options):
        counts = clocks.sweep()
        self.stdout.write(f"Overdue: {counts['overdue']}; reminders: {counts['reminders']}; "
                          f"complaint windows: {counts['complaint_windows']}.")
        if not no_send:
            self.stdout.write(f"Notifications sent: {sender.send_notifications()}.")
