from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Designation
from .permissions import sync_body_permissions


@receiver(post_save, sender=Designation)
@receiver(post_delete, sender=Designation)
def designation_changed(sender, instance, **kwargs):
    sync_body_permissions(instance.user, instance.body)
