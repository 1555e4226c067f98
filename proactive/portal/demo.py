"""A demo granted request linked to a dataset that exists on the national portal
(state "linked"): no running portal is needed."""

from __future__ import annotations

from requests_app.models import InformationRequest, RequestState

from ..models import PortalDataset, RequestDataset
from . import services

URL = "https://data.gov.ma/data/fr/dataset/plan-d-amenagement"
TITLE = "Plan d'aménagement"


def seed(*, people: dict, body) -> None:
    if PortalDataset.objects.filter(url=URL).exists():
        return  # seeded already
    granted = (InformationRequest.objects.filter(body=body, state=RequestState.GRANTED)
               .order_by("received_at").first())
    officer = next((user for user in people.values()
                    if granted is not None and services.may_link(user, granted)), None)
    if granted is None or officer is None:
        return
    dataset = PortalDataset(body=body, portal="https://data.gov.ma", url=URL, title=TITLE,
                            language="fr", title_translation="تصميم التهيئة",
                            licence="Licence ouverte / Open Licence", state=PortalDataset.State.LINKED,
                            created_by=officer)
    dataset._change_reason = "demo"
    dataset.save()
    link = RequestDataset(request=granted, dataset=dataset, created_by=officer)
    link._change_reason = "demo"
    link.save()
