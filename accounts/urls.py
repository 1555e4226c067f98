from django.urls import path

from . import two_factor, views

app_name = "accounts"

# The other account pages are django-allauth's (config/urls.py includes them under the
# same prefix, at allauth's names: account_login, account_signup…).
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("invitations/<str:token>/accept/", views.invitation_accept, name="invitation_accept"),
    path("invitations/<str:token>/decline/", views.invitation_decline, name="invitation_decline"),
]

# allauth's set-up of an authenticator app and its recovery codes, at allauth's own
# addresses and names, taking the person back to the page that asked for a second factor.
mfa_urlpatterns = [
    path("2fa/totp/activate/", two_factor.activate_totp, name="mfa_activate_totp"),
    path("2fa/recovery-codes/", two_factor.view_recovery_codes, name="mfa_view_recovery_codes"),
    path("2fa/webauthn/add/", two_factor.add_webauthn, name="mfa_add_webauthn"),
]
