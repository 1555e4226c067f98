"""Project-wide middleware."""

from django.utils.cache import patch_cache_control


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
