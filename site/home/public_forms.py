"""Forms of anonymous visitors without a cookie (issue 13): no page of the public site sets a cookie for a visitor
who only reads it.

Django's CSRF protection needs a cookie (`csrftoken`, one year) on every page that shows a form, even to someone
who never sends it. The public forms of anonymous visitors (report a problem with a listing, warm referral) read
or change nothing of the person who sends them, so a forged cross-site submission gains nothing that a direct
one would not (and both are rate limited, home/ratelimit.py). They are exempt from the cookie-based check and
refuse instead what browsers mark as coming from another site:
- `Sec-Fetch-Site` (sent by every current browser, whatever the referrer policy): only `same-origin` (or `none`,
  a form re-posted from the address bar) is accepted;
- otherwise `Origin`: it must be this site (scheme + host) or one of CSRF_TRUSTED_ORIGINS; `null` is refused;
- with neither header (not a browser, or a browser from before 2019): accepted, there is no visitor to protect.

After a successful submission the visitor gets only what the form needs: Django's `messages` cookie carries the
confirmation to the next page and is deleted when shown (a session cookie: gone when the browser closes at the
latest). Admin forms keep Django's CSRF protection and the session cookie.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt


def same_site_submission(request) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if origin == "null":
        return False
    allowed = {f"{request.scheme}://{request.get_host()}", *getattr(settings, "CSRF_TRUSTED_ORIGINS", [])}
    return origin in allowed


def cookieless_form(view):
    """View decorator for a public form of anonymous visitors: no CSRF cookie on its pages; a POST that a browser
    marks as cross-site gets Django's CSRF failure page (403), before the view runs."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and not same_site_submission(request):
            failure = import_string(settings.CSRF_FAILURE_VIEW)
            return failure(request, reason="cross-site form submission (Sec-Fetch-Site / Origin)")
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)
