import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsAppConfig(AppConfig):
    name = "requests_app"
    verbose_name = _("Information requests")

    def ready(self):
        # The clock's and the request's receivers, the request's outbox subjects, clocks,
        # letters and workspace queues: registered once, at start-up.
        from . import checks, clocks, notices, pdf, receivers  # noqa: F401
        from .clock import signals  # noqa: F401
        from .workspace import queues  # noqa: F401

        # django-simple-history names the history of a model kept outside models.py
        # (clock/, outbox/) after the app itself ("requests_app.HistoricalHoliday") but
        # attaches it to the model's own module: attach it where its name says it is.
        package = sys.modules[self.name]
        for model in self.get_models():
            if model.__module__ == self.name:
                setattr(package, model.__name__, model)
