"""The officers' page of their body's broken links (in the workspace, behind the
second factor); an officer of another body finds no such page (404)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.permissions import HANDLE_REQUESTS, bodies_for
from accounts.two_factor import second_factor_required

from . import selectors


@second_factor_required
@require_GET
def broken_links(request, code):
    body = get_object_or_404(bodies_for(request.user, HANDLE_REQUESTS), code=code)
    return render(request, "proactive/links/broken.html", {
        "body": body, "entries": selectors.broken_entries(body), "datasets": selectors.broken_datasets(body)})
