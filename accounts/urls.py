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
    path("2fa/enrol/", two_factor.enrolment_sent, name="second_factor_enrolment"),
    path("2fa/enrol/<str:token>/", two_factor.enrolment_open, name="second_factor_enrolment_open"),
]

# allauth's pages that Nafida adapts, at allauth's own addresses and names (included
# before allauth's): the verification link, which never opens a deactivated account, and
# the set-up of an authenticator app and its recovery codes, taking the person back to
# the page that asked for a second factor.
allauth_urlpatterns = [
    path("confirm-email/<str:key>/", views.confirm_email, name="account_confirm_email"),
    path("2fa/totp/activate/", two_factor.activate_totp, name="mfa_activate_totp"),
    path("2fa/recovery-codes/", two_factor.view_recovery_codes, name="mfa_view_recovery_codes"),
    path("2fa/webauthn/add/", two_factor.add_webauthn, name="mfa_add_webauthn"),
]
