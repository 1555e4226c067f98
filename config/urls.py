from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.two_factor import SecondFactorAdminSite
from accounts.urls import allauth_urlpatterns

# The admin shows every request with its requester's identity: like the workspace, it
# needs a second factor (allauth's login, then the code; accounts.two_factor).
admin.site.__class__ = SecondFactorAdminSite
admin.site.site_header = _("Nafida — administration")
admin.site.site_title = _("Nafida")
admin.site.index_title = _("Requests, bodies and the legal calendar")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += i18n_patterns(
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include(allauth_urlpatterns)),
    path("accounts/", include("allauth.urls")),
    path("", include("requests_app.urls")),
    path("", include("requests_app.register.urls")),
    path("workspace/", include("requests_app.workspace.urls")),
    path("", include("proactive.urls")),
    path("", include("appeals.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
