"""First-party proxy for Plausible (when settings.PLAUSIBLE_PROXY is true).

/stats/js/script.js  the tracker, fetched from PLAUSIBLE_URL and cached (so ad blockers that block the Plausible
                     host do not lose 5–25 % of visits, and the visitor's browser talks only to this site)
/stats/api/event     the events: checked against the allow-list (evaluation.tracking), props that are not codes
                     dropped, query strings other than utm_* removed, then forwarded with a short timeout.

Plausible never stalls the site: each call to it takes at most UPSTREAM_TIMEOUT (1 s) in all, one attempt; a
failure (network, timeout, 5xx) is remembered for DOWN_SECONDS (30 s) in the process and the shared cache, and
meanwhile the script is served from the last good copy (or a script that does nothing if there never was one)
and events are dropped at once (202, `X-Analytics: unavailable`), so an outage is one log line, not one per view. The script is kept 6 hours.

Nothing about the visitor is stored or logged here: the IP and User-Agent are passed on to Plausible (which needs
them to compute its daily-rotating visitor hash) and forgotten.
"""

from __future__ import annotations

import json
import logging
import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from home.ratelimit import check as ratelimit_check

from .clients.plausible import (
    PlausibleClient,
    PlausibleError,
    PlausibleNetworkError,
    PlausibleServerError,
    UnlimitedBudget,
)
from .tracking import clean_props, is_allowed_event

logger = logging.getLogger(__name__)

SCRIPT_UPSTREAM = "/js/script.outbound-links.file-downloads.tagged-events.js"
SCRIPT_CACHE_KEY = "evaluation:plausible-script"
SCRIPT_CACHE_SECONDS = 6 * 3600
DOWN_CACHE_KEY = "evaluation:plausible-down"
DOWN_SECONDS = 30  # after a failed call, no call to Plausible for this long (script or event)
UPSTREAM_TIMEOUT = 1.0  # a visitor's request never waits longer than this for Plausible
MAX_BODY = 4096
EVENT_TIMEOUT = UPSTREAM_TIMEOUT

# The last good script and the last failure, per process: they answer even when the shared cache (Redis) is down,
# and a copy of the script older than SCRIPT_CACHE_SECONDS is still served while Plausible fails.
_local = {"script": None, "script_at": 0.0, "down_until": 0.0}


def _enabled() -> bool:
    return bool(getattr(settings, "PLAUSIBLE_PROXY", False) and settings.PLAUSIBLE_DOMAIN)


def _client() -> PlausibleClient:
    # The Events API is not the Stats API: no key, no hourly Stats budget.
    return PlausibleClient(
        api_key="", site_id=settings.PLAUSIBLE_DOMAIN, budget=UnlimitedBudget(), max_retries=0
    )


def upstream_down() -> bool:
    """True for DOWN_SECONDS after a failed call to Plausible, seen by this process or (through the shared
    cache) by another one: no visitor waits for an upstream that just failed."""
    return time.monotonic() < _local["down_until"] or bool(cache.get(DOWN_CACHE_KEY))


def _mark_down(reason: str) -> None:
    logger.warning("Plausible unavailable (%s): not called for %s s", reason, DOWN_SECONDS)
    _local["down_until"] = time.monotonic() + DOWN_SECONDS
    cache.set(DOWN_CACHE_KEY, True, DOWN_SECONDS)


def _script_response(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def script(request):
    """The tracker: from the process's copy, else the shared cache, else Plausible (one attempt, at most
    UPSTREAM_TIMEOUT). A failure is remembered for DOWN_SECONDS; meanwhile the last good copy, however old, or
    a script that does nothing answers at once."""
    if not _enabled():
        raise Http404
    if _local["script"] is not None and time.monotonic() - _local["script_at"] < SCRIPT_CACHE_SECONDS:
        return _script_response(_local["script"])
    cached = cache.get(SCRIPT_CACHE_KEY)
    if cached is None and not upstream_down():
        try:
            cached, _content_type = _client().fetch_script(SCRIPT_UPSTREAM, timeout=UPSTREAM_TIMEOUT)
        except PlausibleError as exc:
            _mark_down(f"script: {exc.__class__.__name__}")
        else:
            cache.set(SCRIPT_CACHE_KEY, cached, SCRIPT_CACHE_SECONDS)
    if cached is not None:
        _local.update(script=cached, script_at=time.monotonic())
        return _script_response(cached)
    if _local["script"] is not None:  # stale, but better than no analytics
        return _script_response(_local["script"])
    # No copy at all: a script that does nothing (the page works, the browser logs no error, Django logs no 5xx
    # per page view), kept by the browser for DOWN_SECONDS only; the outage is in the log once (_mark_down).
    response = HttpResponse(
        "/* analytics unavailable */", content_type="application/javascript; charset=utf-8"
    )
    response["Cache-Control"] = f"public, max-age={DOWN_SECONDS}"
    response["X-Analytics"] = "unavailable"
    return response


def _client_ip(request) -> str:
    if getattr(settings, "PLAUSIBLE_PROXY_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def clean_url(url: str) -> str | None:
    """Keep scheme, host and path, and only the utm_*/ref/source parameters Plausible reads."""
    if not isinstance(url, str) or len(url) > 2000:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    query = [(k, v) for k, v in parse_qsl(parts.query) if k.startswith("utm_") or k in ("ref", "source")]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _kept_props(name, props) -> dict | None:
    """The allowed custom properties (a JSON object, or a string holding one)."""
    if isinstance(props, str):
        try:
            props = json.loads(props)
        except ValueError:
            props = None
    if not props:
        return None
    kept, _dropped = clean_props(name, props)
    return kept


def clean_event(data) -> tuple[dict | None, str]:
    """The payload to forward, or (None, reason)."""
    if not isinstance(data, dict):
        return None, "not an object"
    name = data.get("n", data.get("name"))
    if not is_allowed_event(name):
        return None, "event not allowed"
    url = clean_url(data.get("u", data.get("url")))
    if url is None:
        return None, "bad url"
    payload = {"name": name, "url": url, "domain": settings.PLAUSIBLE_DOMAIN}
    referrer = data.get("r", data.get("referrer"))
    if isinstance(referrer, str) and referrer and (cleaned_referrer := clean_url(referrer)):
        payload["referrer"] = cleaned_referrer
    if kept := _kept_props(name, data.get("p", data.get("props"))):
        payload["props"] = kept
    if data.get("i", data.get("interactive")) is False:
        payload["interactive"] = False
    return payload, ""


@csrf_exempt
@never_cache
@require_POST
def event(request):
    if not _enabled():
        raise Http404
    if ratelimit_check(request, "event") is not None:  # nothing forwarded (home/ratelimit.py)
        return JsonResponse({"error": "too many requests"}, status=429)
    if len(request.body) > MAX_BODY:
        return JsonResponse({"error": "too large"}, status=400)
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": "invalid JSON"}, status=400)
    payload, reason = clean_event(data)
    if payload is None:
        return JsonResponse({"error": reason}, status=400)
    if upstream_down():  # dropped at once: a lost page view is better than a worker waiting (no 5xx per view)
        response = HttpResponse("dropped", status=202, content_type="text/plain")
        response["X-Analytics"] = "unavailable"
        return response
    try:
        _client().send_event(
            payload,
            user_agent=request.headers.get("User-Agent", "")[:500],
            forwarded_for=_client_ip(request),
            timeout=EVENT_TIMEOUT,
        )
    except PlausibleError as exc:
        if isinstance(exc, (PlausibleNetworkError, PlausibleServerError)):
            _mark_down(f"event: {exc.__class__.__name__}")
        else:
            logger.info("Plausible event not forwarded: %s", exc.__class__.__name__)
        return JsonResponse({"error": "upstream unavailable"}, status=502)
    return HttpResponse("ok", status=202, content_type="text/plain")
