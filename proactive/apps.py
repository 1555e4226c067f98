from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProactiveConfig(AppConfig):
    name = "proactive"
    verbose_name = _("Proactive publication")

    def ready(self):
        from requests_app.demo import register_demo_seeder

        from . import hooks
        from .demo import seed_proactive

        hooks.register()
        register_demo_seeder(seed_proactive)
