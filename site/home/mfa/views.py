"""The admin's two-step verification pages: setup (QR code, first code), verify (each session) and backup codes
(shown once). Registered under /admin/mfa/ by home/wagtail_hooks.py, so Wagtail's admin-access check and the
person's admin language apply."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import (
    SESSION_NEW_CODES,
    backup_device,
    base32_secret,
    confirmed_totp,
    new_backup_codes,
    normalise_code,
    pending_totp,
    qr_svg,
)

INVALID_CODE = _(
    "This code is not valid. Type the six-digit code your app shows now (or an unused backup code)."
)
INVALID_SETUP_CODE = _(
    "This code is not valid. Check that your phone's clock is right and type the current code."
)
THROTTLED = _("Too many wrong codes in a row. Wait a moment, then try again with a new code.")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not code.isalnum():
            raise forms.ValidationError(INVALID_CODE)
        return code


class SetupForm(CodeForm):
    code = forms.CharField(
        label=_("Six-digit code from your app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(INVALID_SETUP_CODE)
        return code


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    admin_root = reverse("wagtailadmin_home")
    if (
        candidate.startswith(admin_root)
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and not candidate.startswith(reverse("mfa_setup").rsplit("setup/", 1)[0])
    ):
        return candidate
    return admin_root


def _with_next(url_name: str, next_url: str) -> str:
    return reverse(url_name) + "?" + urlencode({"next": next_url})


def _check(device, token: str) -> str:
    """ "ok", "invalid" or "throttled" (django-otp waits 1, 2, 4… s after each wrong code before it accepts
    another). Verified against a locked row so that throttling and replay protection hold when requests race."""
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, _info = locked.verify_is_allowed()
        if not allowed:
            return "throttled"
        return "ok" if locked.verify_token(token) else "invalid"


def _pass_second_step(request, device) -> None:
    request.session.cycle_key()  # a new session id once the account is fully signed in
    otp_login(request, device)


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    user = request.user
    next_url = _next_url(request)
    if confirmed_totp(user) is not None:
        if user.is_verified():
            messages.info(request, _("Two-step verification is already set up for your account."))
            return redirect(next_url)
        return redirect(_with_next("mfa_verify", next_url))
    device = pending_totp(user)
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = _check(device, form.cleaned_data["code"])
        if result == "ok":
            TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
            device.refresh_from_db()
            codes = new_backup_codes(user)
            _pass_second_step(request, device)
            request.session[SESSION_NEW_CODES] = codes
            return redirect(_with_next("mfa_backup_codes", next_url))
        form.add_error("code", THROTTLED if result == "throttled" else INVALID_SETUP_CODE)
    return TemplateResponse(
        request,
        "home/mfa/setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_svg": qr_svg(device, str(_("QR code to scan with your authenticator app"))),
            "secret": base32_secret(device),
        },
    )


def _warn_backup_codes_left(request, device) -> None:
    left = device.token_set.count()
    messages.warning(
        request,
        ngettext(
            "You signed in with a backup code. %(count)d backup code left.",
            "You signed in with a backup code. %(count)d backup codes left.",
            left,
        )
        % {"count": left},
    )


def _second_step_with_code(request, totp, code: str) -> str:
    """Check a code from the app (as many digits as the TOTP device gives) or a backup code; sign in when it is
    right. "ok", "invalid" or "throttled"."""
    device = totp if (code.isdigit() and len(code) == totp.digits) else backup_device(request.user)
    result = _check(device, code) if device is not None else "invalid"
    if result == "ok":
        _pass_second_step(request, device)
        if isinstance(device, StaticDevice):
            _warn_backup_codes_left(request, device)
    return result


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    user = request.user
    next_url = _next_url(request)
    totp = confirmed_totp(user)
    if totp is None:
        return redirect(_with_next("mfa_setup", next_url))
    if user.is_verified():
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = _second_step_with_code(request, totp, form.cleaned_data["code"])
        if result == "ok":
            return redirect(next_url)
        form.add_error("code", THROTTLED if result == "throttled" else INVALID_CODE)
    return TemplateResponse(request, "home/mfa/verify.html", {"form": form, "next": next_url})


@never_cache
def backup_codes(request):
    """The new backup codes, once (taken out of the session as they are shown). A verified person may also ask
    for a new set here, which replaces the old one."""
    user = request.user
    next_url = _next_url(request)
    if not user.is_verified():
        return redirect(_with_next("mfa_verify", next_url))
    if request.method == "POST":
        request.session[SESSION_NEW_CODES] = new_backup_codes(user)
        return redirect(_with_next("mfa_backup_codes", next_url))
    codes = request.session.pop(SESSION_NEW_CODES, None)
    device = backup_device(user)
    return TemplateResponse(
        request,
        "home/mfa/backup_codes.html",
        {"codes": codes, "next": next_url, "left": device.token_set.count() if device else 0},
    )
