"""A demo prompt to publish on the demo body: found by the detection when its answered
requests are similar enough, else made from its answered requests, so that its officers
find one open prompt in the workspace."""

from __future__ import annotations

from ..models import PublicationPrompt
from . import services


def seed(*, people: dict, body) -> None:
    if PublicationPrompt.objects.filter(body=body).exists():
        return  # seeded already
    if services.scan(body):
        return
    answered = list(services.answered_requests(body)[: services.threshold()])
    if not answered:
        return
    prompt = PublicationPrompt(body=body, subject=(answered[0].public_subject or answered[0].subject)[:255])
    prompt._change_reason = "demo"
    prompt.save()
    prompt.requests.set(answered)
