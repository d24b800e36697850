"""Login throttling with django-axes: the client address it counts by, and the page a locked-out person sees.

Wired in settings.base (AXES_*); what axes stores is described in docs/security.md.
"""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.conf import settings
from django.template.response import TemplateResponse


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind the TLS proxy (TRUST_X_FORWARDED_FOR) the right-most X-Forwarded-For entry: the
    address the proxy itself saw and appended. The entries left of it come from the client and can be forged."""
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request, original_response=None, credentials=None):
    """429 with a page in the admin's style and the visitor's language (FR/NL), instead of axes' plain text."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    response = TemplateResponse(
        request,
        "home/login_locked.html",
        {"cool_off_minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    response["Cache-Control"] = "no-store"
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response.render()
