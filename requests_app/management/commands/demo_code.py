from django.core.management.base import BaseCommand

from requests_app.demo import demo_totp_code


class Command(BaseCommand):
    help = "Print the current second-factor code of the demo staff accounts (demo data only)."

    def handle(self, *args, **options):
        self.stdout.write(demo_totp_code())
