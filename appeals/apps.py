from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "appeals"
    verbose_name = _("Complaints and appeals")

    def ready(self):
        # Each step of the chain registers its clocks, letters, queues, page sections
        # and receivers with requests_app's registries (requests_app never imports us).
        from . import receivers  # noqa: F401  (the calendar moves the complaints' due dates)
        from .commission import hooks as commission
        from .court import hooks as court
        from .head import hooks as head
        from .public import hooks as public
        from .sessions import hooks as sessions

        for part in (head, commission, sessions, court, public):
            part.register()

        from requests_app.demo import register_demo_seeder

        from .demo import seed_appeals

        register_demo_seeder(seed_appeals)
