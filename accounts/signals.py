from allauth.account.signals import authentication_step_completed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Designation
from .permissions import sync_body_permissions


@receiver(post_save, sender=Designation)
@receiver(post_delete, sender=Designation)
def designation_changed(sender, instance, **kwargs):
    sync_body_permissions(instance.user, instance.body)


@receiver(authentication_step_completed)
def second_factor_given(sender, request, method, user, **kwargs):
    """A session that passes the second factor while already logged in (allauth's
    reauthentication, or an authenticator just set up) gains the workspace: it gets a new
    key, as a login gives one, so that a key seen before the code opens nothing after it.
    (A code given during the login itself is followed by Django's login, which cycles.)"""
    if method == "mfa" and request is not None and getattr(request, "user", None) is not None \
            and request.user.is_authenticated and request.user.pk == user.pk:
        request.session.cycle_key()
