"""The proactive app's addresses, one module per part. Public pages under /proactive/
(the DCAT catalogue under /catalogue/); officers' pages under /workspace/ (behind the
second factor like every staff page)."""

from django.urls import include, path

from .hooks import PARTS

app_name = "proactive"

urlpatterns = [path("", include(f"proactive.{part}.urls")) for part in PARTS]
