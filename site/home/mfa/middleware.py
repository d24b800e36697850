"""Sends an admin account that has not passed the second step in this session to `verify` (or `setup`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import concerns, confirmed_totp, is_required


def _exempt_prefixes() -> tuple[str, ...]:
    """What a person between the password and the second step may still reach: signing in and out, the MFA
    pages, password reset, and what the admin's own pages load (icons, the JavaScript catalogue)."""
    return (
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_sprite"),
        reverse("wagtailadmin_javascript_catalog"),
        reverse("wagtailadmin_password_reset"),
        reverse("mfa_setup"),
        reverse("mfa_verify"),
        reverse("mfa_backup_codes"),
    )


class AdminMFAMiddleware:
    """After django_otp.middleware.OTPMiddleware (which gives `request.user.is_verified()`). Costs nothing for
    anonymous visitors, the public site and verified sessions; reads the setting on each request (tests)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_required() and (response := self._redirect(request)) is not None:
            return response
        return self.get_response(request)

    def _redirect(self, request):
        admin_root = reverse("wagtailadmin_home")
        path = request.path_info
        if not path.startswith(admin_root) or path.startswith(_exempt_prefixes()):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or not concerns(user):
            return None
        target = reverse("mfa_verify") if confirmed_totp(user) is not None else reverse("mfa_setup")
        if request.method == "GET" and not request.headers.get("x-requested-with"):
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
