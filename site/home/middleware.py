"""Response headers Django does not set by itself, and the Content-Security-Policy per area."""

from csp.constants import SELF
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


def is_admin_preview(request) -> bool:
    """True for the request Wagtail builds to render a preview (`PreviewableMixin.make_preview_request`): the page
    or snippet preview, the revision and workflow previews, wagtail-localize's translation preview. Only admin views
    build one, for a signed-in editor; it runs the whole middleware stack on the object's public URL."""
    return getattr(request, "is_dummy", False) or getattr(request, "is_preview", False)


class PlatformCSPMiddleware(CSPMiddleware):
    """The strict policy from settings on the public site; a working, looser one for the Wagtail admin
    (which relies on inline scripts and styles). A nonce would disable 'unsafe-inline', so none is sent there.

    Previews are public pages shown inside the admin (the live preview panel is a same-origin iframe): they keep
    the public policy and its nonce, except `frame-ancestors 'self'` and `X-Frame-Options: SAMEORIGIN`, so that the
    admin, and only the admin's origin, may frame them. Public pages keep `frame-ancestors 'none'` and `DENY`."""

    ADMIN_PREFIXES = ("/admin/", "/django-admin/")
    PREVIEW_REPLACE = {"frame-ancestors": [SELF]}

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if request.path_info.startswith(self.ADMIN_PREFIXES):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            parts.nonce = None
        elif is_admin_preview(request):
            parts.replace = {**(parts.replace or {}), **self.PREVIEW_REPLACE}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if is_admin_preview(request):
            # Set before XFrameOptionsMiddleware (earlier in MIDDLEWARE, so later on the way out) adds DENY.
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


class PlatformLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that machine endpoints and the admin answer their own 404s: without this,
    an unknown `/api/…` URL would be redirected to `/fr/api/…` (Wagtail's catch-all makes every prefixed path look
    valid), and an admin object outside the user's scope to a public 404 page under `/fr/admin/…`."""

    UNPREFIXED = ("/api/", "/stats/", "/admin/")

    def process_request(self, request):
        from .memo import attach_site

        if not request.path_info.startswith(self.UNPREFIXED):  # machine endpoints and the admin: as before
            attach_site(request)  # one query (two with the root page) less per request (issue 17)
        return super().process_request(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Wagtail's page routing memoised (home.memo.route) for the pages it serves: no query to find a page."""
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "wagtail_serve" and request.method in ("GET", "HEAD"):
            from .memo import route

            # Wagtail's pattern has one unnamed group: the path (positional).
            route(request, view_args[0] if view_args else view_kwargs.get("path", ""))
        return None

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            return response
        return super().process_response(request, response)
