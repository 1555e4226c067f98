"""Project-wide middleware: request hygiene that every page shares."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(request) -> bool:
    if NUL in request.path_info:
        return True
    if any(NUL in key or any(NUL in value for value in values)
           for key, values in request.GET.lists()):
        return True
    if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded", "multipart/form-data"):
        # Text fields only: a file's bytes may hold NUL; its name is cleaned by Django.
        return any(NUL in key or any(NUL in value for value in values)
                   for key, values in request.POST.lists())
    return False


class RefuseNulMiddleware:
    """A NUL character (``%00``) in the address, a query or a form field is refused with
    400 and a page in the visitor's language, before any view sees it. No text of the law
    holds one, and PostgreSQL refuses it in a text column (a 500 at the first query that
    compares or stores it: a search, a reference, a login). Refusing it here holds on
    every database, for every field, whatever form or filter reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return render(request, "400.html", {"message": _(
                "The address or the form contains a null character, which Nafida does "
                "not accept. Remove it and try again.")}, status=400)
        return self.get_response(request)


class NulSessionKeyMiddleware:
    """A session cookie holding a NUL character (a forged one: Django never issues it) is
    no session: the visitor goes on without one, as with an expired cookie, instead of
    a 500 at PostgreSQL's first look-up of the key. Placed right after
    ``SessionMiddleware``, before anything reads the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
        if NUL in key:
            request.session = request.session.__class__()
        return self.get_response(request)


class PersonalDataNotCachedMiddleware:
    """Every page served to a signed-in person may carry personal data (their requests,
    a requester's identity, a complaint): no cache keeps it (issue 11, point 8). Pages
    served to anonymous visitors (the public register) keep their own caching; downloads
    of letters, attachments and documents say ``no-store`` themselves, whoever asks
    (``requests_app.web.no_store``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
