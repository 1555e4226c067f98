"""The appeals' addresses, one module per step of the chain. Requester's and public
pages are under /complaints/ and /commission/; staff pages under /workspace/ (behind
the second factor like every staff page)."""

from django.urls import include, path

app_name = "appeals"

urlpatterns = [
    # The literal paths (sessions/, publish/) before the case pages (<number>/).
    path("", include("appeals.sessions.urls")),
    path("", include("appeals.public.urls")),
    path("", include("appeals.court.urls")),
    path("", include("appeals.head.urls")),
    path("", include("appeals.commission.urls")),
]
