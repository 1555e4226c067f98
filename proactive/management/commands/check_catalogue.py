"""``manage.py check_catalogue``: build the live DCAT catalogue and check it against the
DCAT-AP shapes; exits non-zero when it does not conform."""

from django.core.management.base import BaseCommand, CommandError

from proactive.dcat.graph import build_catalogue
from proactive.dcat.validation import ValidatorMissing, validate


class Command(BaseCommand):
    help = "Check the DCAT catalogue against the DCAT-AP SHACL shapes (needs pyshacl)."

    def handle(self, *args, **options):
        try:
            conforms, report = validate(build_catalogue())
        except ValidatorMissing as missing:
            raise CommandError(str(missing)) from missing
        if not conforms:
            raise CommandError(report)
        self.stdout.write("The DCAT catalogue conforms to the DCAT-AP shapes.")
