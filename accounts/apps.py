from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and public bodies")

    def ready(self):
        from allauth.mfa.models import Authenticator
        from django.apps import apps

        from . import signals  # noqa: F401

        # Third-party apps' names in the admin, in the project's words: allauth's Arabic
        # catalogue renders "MFA" as وزارة الخارجية (the Ministry of Foreign Affairs), and
        # its Authenticator model and django-axes carry no translated name.
        apps.get_app_config("mfa").verbose_name = _("Second factor")
        Authenticator._meta.verbose_name = _("second-factor device")
        Authenticator._meta.verbose_name_plural = _("second-factor devices")
        apps.get_app_config("axes").verbose_name = _("Sign-in attempts")
