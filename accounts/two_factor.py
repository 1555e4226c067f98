"""The second factor (TOTP, django-otp) that officers, heads of bodies and Commission
members must use to reach the workspace: they hold requesters' identities and take
decisions with legal effect."""

import base64
from functools import wraps

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import FocusFirstErrorMixin
from .permissions import is_workspace_user


class TokenForm(FocusFirstErrorMixin, forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Six-digit code from your authenticator app"), regex=r"^\d{6}$",
        error_messages={"invalid": gettext_lazy("Enter the six digits shown by the app.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                      "dir": "ltr", "maxlength": 6}))


def second_factor_required(view):
    """Logged in, entitled to the workspace, and verified by a second factor."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_workspace_user(request.user):
            raise PermissionDenied(_("The workspace is for information officers, heads of "
                                     "bodies and the Commission."))
        if not request.user.is_verified():
            step = "accounts:otp_verify" if _confirmed_device(request.user) else "accounts:otp_setup"
            return redirect(f"{reverse(step)}?next={request.get_full_path()}")
        return view(request, *args, **kwargs)

    return wrapped


def _confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return resolve_url(settings.WORKSPACE_URL)


def _qr_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """First time: a new secret shown as a QR code and as text; confirmed by a code."""
    if not is_workspace_user(request.user):
        raise PermissionDenied
    if _confirmed_device(request.user):
        return redirect(f"{reverse('accounts:otp_verify')}?next={_next(request)}")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Nafida"})
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("This code is not valid. Check the time of your phone and try "
                                  "the next code."))
    secret = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/otp_setup.html", {
        "form": form, "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "qr": _qr_data_uri(device.config_url), "next": _next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    if not is_workspace_user(request.user):
        raise PermissionDenied
    if not _confirmed_device(request.user):
        return redirect(f"{reverse('accounts:otp_setup')}?next={_next(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # django-otp slows down repeated failures on the device (throttling).
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("This code is not valid, or too many wrong codes were tried: "
                                  "wait a moment and use the next code."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next(request)})
