from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Designation
from .permissions import sync_body_permissions
from .two_factor import record_second_factor


@receiver(post_save, sender=Designation)
@receiver(post_delete, sender=Designation)
def designation_changed(sender, instance, **kwargs):
    sync_body_permissions(instance.user, instance.body)


@receiver(authenticator_added)
def second_factor_added(sender, request, user, authenticator, **kwargs):
    # The authenticator app's set-up page records it itself (accounts.two_factor).
    if authenticator.type == Authenticator.Type.WEBAUTHN:
        record_second_factor(request, user, authenticator)
