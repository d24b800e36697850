"""Rate limits of the public forms and searches, one policy for the whole site (django-ratelimit).

Each limit has a name (a django-ratelimit group) and a rate in `settings.RATELIMITS`, overridable from the
environment (`RATELIMIT_SEARCH=200/m`…, see base settings). Counters live in the default cache (Redis in
production, so every worker shares them), keyed by the client's address: IPv4 per address, IPv6 per /64
(RATELIMIT_IPV6_MASK). Behind the TLS proxy set `TRUST_X_FORWARDED_FOR=true` (as for the login throttle),
otherwise every visitor would share the proxy's address. Nothing else about the
visitor is kept: django-ratelimit stores only a hash of (limit, rate, address, window) with a counter, for
the length of the window.

Exceeded: a 429 page in the visitor's language ("Too many requests"), with a Retry-After header (the seconds
until the window ends), before the view runs, so nothing is stored or sent. `RATELIMIT_ENABLE=false` turns every
limit off.

Windows are fixed (django-ratelimit counts per window of the period, each address with its own offset): across a
window's edge one address can get up to twice the count through within one period (`10/h` lets at most 20 in
any 60 minutes, never more). The rates are chosen with that bound in mind; a sliding window would need a second
counter per request and was not worth it for limits whose purpose is to stop floods, not to meter.

Cache outage: the counters cannot be read, so every limit lets requests through (RATELIMIT_FAIL_OPEN, true by
default; settings.env.redis_cache makes the failure a miss, never an error).
"""

from __future__ import annotations

import ipaddress
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import get_usage


def client_ip(request) -> str:
    """The visitor's address (RATELIMIT_IP_META_KEY), the same one the login throttle counts: REMOTE_ADDR, or
    behind the TLS proxy (TRUST_X_FORWARDED_FOR) the right-most X-Forwarded-For entry. Anything that is not an
    address falls back to REMOTE_ADDR (django-ratelimit would fail on it)."""
    from .login_throttle import client_ip as throttle_ip

    for candidate in (throttle_ip(request), request.META.get("REMOTE_ADDR", "")):
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return "0.0.0.0"  # noqa: S104 -- a rate-limit key when no address is known, not a bind


def rate_for(name: str) -> str | None:
    """The configured rate of a limit ("5/h"), or None for no limit."""
    return getattr(settings, "RATELIMITS", {}).get(name) or None


def check(request, name: str, *, method=ALL) -> dict | None:
    """Count this request against limit `name`. Returns None when it may go on, else the usage dict."""
    rate = rate_for(name)
    if rate is None:
        return None
    usage = get_usage(request, group=name, key="ip", rate=rate, method=method, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return usage


def too_many_requests(request, usage: dict | None = None, message: str = ""):
    """The 429 page, in the visitor's language (the active language of the request)."""
    response = render(
        request,
        "429.html",
        {
            "message": message
            or _("You sent too many requests in a short time. Please wait a moment and try again.")
        },
        status=429,
    )
    response["Retry-After"] = str(retry_after_seconds(usage))
    response["Cache-Control"] = "no-store"
    return response


def retry_after_seconds(usage: dict | None) -> int:
    """The Retry-After of a 429: the seconds until the limit's window ends. django-ratelimit's time_left is 0
    in the window's last second and -1 when the cache failed (fail closed): a 429 always says when to come
    back (at least 1 s, 60 s when unknown)."""
    retry = (usage or {}).get("time_left")
    return max(retry, 1) if retry is not None and retry >= 0 else 60


def limit(name: str, *, method=ALL, message: str = ""):
    """View decorator: answer 429 before the view runs once limit `name` is exceeded for this address.
    `method`: the HTTP methods that count (e.g. "POST" for a form whose page may be read freely)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            usage = check(request, name, method=method)
            if usage is not None:
                return too_many_requests(request, usage, str(message) if message else "")
            return view(request, *args, **kwargs)

        wrapper.ratelimit_name = name
        return wrapper

    return decorator
