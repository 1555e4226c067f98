from django.core.management.base import BaseCommand

from accounts.bodies import DATA_FILE, load_public_bodies


class Command(BaseCommand):
    help = "Create or update the register of Moroccan public bodies (art. 2b) from its file."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DATA_FILE))

    def handle(self, *args, file, **options):
        created, updated = load_public_bodies(file)
        self.stdout.write(f"Public bodies: {created} created, {updated} updated.")
