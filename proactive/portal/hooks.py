"""How the lower apps learn of the portal datasets, through their registries: the
officer's request page lists the request's datasets with their state and the forms to
link or publish one; the public register entry and the requester's page show the
datasets the public may open; the outbox tells the officers of a refusal. A change to a
register entry follows to the packages published under it."""

from __future__ import annotations

from django.db.models.signals import post_save

from requests_app.sections import RequestSection, register_request_section

from ..models import RegisterEntry
from . import ckan, notices, selectors, services
from .forms import LinkDatasetForm, PublishDatasetForm


def workspace_context(information_request, user) -> dict | None:
    datasets = list(selectors.datasets_of(information_request))
    can_act = (services.may_link(user, information_request)
               and services.releases_documents(information_request))
    if not datasets and not can_act:
        return None
    context = {"datasets": datasets, "can_act": can_act}
    if can_act:
        context.update(link_form=LinkDatasetForm(), configured=ckan.is_configured(),
                       publish_form=PublishDatasetForm(body=information_request.body),
                       **selectors.publish_context(information_request))
    return context


def public_context(information_request, user) -> dict | None:
    datasets = list(selectors.public_datasets_of(information_request))
    return {"datasets": datasets} if datasets else None


def _entry_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        services.entry_changed(instance)


def register() -> None:
    from . import tasks  # noqa: F401  (the tasks, known to the workers)

    register_request_section(RequestSection("portal_workspace", "workspace_request",
                                            "proactive/portal/section_workspace.html", workspace_context))
    register_request_section(RequestSection("portal_register", "register_entry_end",
                                            "proactive/portal/section_public.html", public_context))
    register_request_section(RequestSection("portal_requester", "requester_page",
                                            "proactive/portal/section_public.html", public_context))
    notices.register()
    post_save.connect(_entry_saved, sender=RegisterEntry, dispatch_uid="proactive.portal.entry_saved")
