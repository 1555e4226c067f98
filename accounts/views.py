"""Sign-up with e-mail verification, log in/out, password reset and the profile."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .forms import LoginForm, ProfileForm, SignUpForm


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_requester(
                email=form.cleaned_data["email"], password=form.cleaned_data["password1"],
                language=(get_language() or "ar")[:2], base_url=_base_url(request))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(request, "accounts/sign_up_done.html",
                          {"email": form.cleaned_data["email"]})
    return render(request, "accounts/sign_up.html", {"form": form})


@require_http_methods(["GET", "POST"])
def verify(request, uidb64, token):
    """GET shows a button; only the POST activates (a mail scanner that follows the
    link does not)."""
    if request.method == "POST":
        user = services.verify_email(uidb64=uidb64, token=token)
        if user is not None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your e-mail address is confirmed. Complete your "
                                        "profile to have your requests pre-filled."))
            return redirect("accounts:profile")
        return render(request, "accounts/verify.html", {"invalid": True}, status=400)
    return render(request, "accounts/verify.html", {"invalid": False})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(user=request.user, **{
                name: form.cleaned_data[name] for name in ProfileForm.Meta.fields})
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


password_reset = auth_views.PasswordResetView.as_view(
    success_url=reverse_lazy("accounts:password_reset_done"),
    email_template_name="emails/password_reset.txt",
    subject_template_name="emails/password_reset_subject.txt",
)
password_reset_done = auth_views.PasswordResetDoneView.as_view()
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    success_url=reverse_lazy("accounts:password_reset_complete"))
password_reset_complete = auth_views.PasswordResetCompleteView.as_view()
