"""Response headers Django does not set by itself, and the Content-Security-Policy per area."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class PlatformCSPMiddleware(CSPMiddleware):
    """The strict policy from settings on the public site; a working, looser one for the Wagtail admin
    (which relies on inline scripts and styles). A nonce would disable 'unsafe-inline', so none is sent there."""

    ADMIN_PREFIXES = ("/admin/", "/django-admin/")

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(self.ADMIN_PREFIXES):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            parts.nonce = None
        return parts


class PlatformLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that machine endpoints and the admin answer their own 404s: without this,
    an unknown `/api/…` URL would be redirected to `/fr/api/…` (Wagtail's catch-all makes every prefixed path look
    valid), and an admin object outside the user's scope to a public 404 page under `/fr/admin/…`."""

    UNPREFIXED = ("/api/", "/stats/", "/admin/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            return response
        return super().process_response(request, response)
