"""Staff sessions end after a while without activity: an officer's unattended screen
shows requesters' identities (art. 14) and opens decisions with legal effect."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone
from django.utils.translation import gettext as _

from .permissions import is_workspace_user

LAST_SEEN = "nafida_last_seen"
# The last activity is written at most once a minute, not on every request.
RESOLUTION_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    """Logs out an officer's, head's or Commission member's session idle for more than
    ``NAFIDA_STAFF_IDLE_MINUTES`` and sends them to log in again, then back to the page
    they asked for (0: never). Requesters' sessions are not touched (who they are is only looked
    up once a session has been idle that long)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if settings.NAFIDA_STAFF_IDLE_MINUTES and user is not None and user.is_authenticated:
            now = timezone.now().timestamp()
            last_seen = request.session.get(LAST_SEEN)
            idle_seconds = settings.NAFIDA_STAFF_IDLE_MINUTES * 60
            if last_seen is not None and now - last_seen > idle_seconds and is_workspace_user(user):
                logout(request)
                messages.info(request, _(
                    "You were signed out after %(minutes)d minutes without activity. Sign in "
                    "again to continue.") % {"minutes": settings.NAFIDA_STAFF_IDLE_MINUTES})
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen >= RESOLUTION_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
