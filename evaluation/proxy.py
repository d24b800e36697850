"""First-party proxy for Plausible (when settings.PLAUSIBLE_PROXY is true).

/stats/js/script.js  the tracker, fetched from PLAUSIBLE_URL and cached (so ad blockers that block the Plausible
                     host do not lose 5–25 % of visits, and the visitor's browser talks only to this site)
/stats/api/event     the events: checked against the allow-list (evaluation.tracking), props that are not codes
                     dropped, query strings other than utm_* removed, then forwarded with a short timeout.

Nothing about the visitor is stored or logged here: the IP and User-Agent are passed on to Plausible (which needs
them to compute its daily-rotating visitor hash) and forgotten.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from home.ratelimit import check as ratelimit_check

from .clients.plausible import PlausibleClient, PlausibleError, UnlimitedBudget
from .tracking import clean_props, is_allowed_event

logger = logging.getLogger(__name__)

SCRIPT_UPSTREAM = "/js/script.outbound-links.file-downloads.tagged-events.js"
SCRIPT_CACHE_KEY = "evaluation:plausible-script"
SCRIPT_CACHE_SECONDS = 6 * 3600
MAX_BODY = 4096
EVENT_TIMEOUT = 2.0


def _enabled() -> bool:
    return bool(getattr(settings, "PLAUSIBLE_PROXY", False) and settings.PLAUSIBLE_DOMAIN)


def _client() -> PlausibleClient:
    # The Events API is not the Stats API: no key, no hourly Stats budget.
    return PlausibleClient(
        api_key="", site_id=settings.PLAUSIBLE_DOMAIN, budget=UnlimitedBudget(), max_retries=0
    )


@require_GET
def script(request):
    if not _enabled():
        raise Http404
    cached = cache.get(SCRIPT_CACHE_KEY)
    if cached is None:
        try:
            body, _content_type = _client().fetch_script(SCRIPT_UPSTREAM)
        except PlausibleError as exc:
            logger.warning("Plausible script not fetched: %s", exc.__class__.__name__)
            response = HttpResponse(
                "/* analytics unavailable */", content_type="application/javascript", status=503
            )
            response["Cache-Control"] = "no-store"
            return response
        cached = body
        cache.set(SCRIPT_CACHE_KEY, cached, SCRIPT_CACHE_SECONDS)
    response = HttpResponse(cached, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
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
    if isinstance(referrer, str) and referrer:
        cleaned_referrer = clean_url(referrer)
        if cleaned_referrer:
            payload["referrer"] = cleaned_referrer
    props = data.get("p", data.get("props"))
    if isinstance(props, str):
        try:
            props = json.loads(props)
        except ValueError:
            props = None
    if props:
        kept, _dropped = clean_props(name, props)
        if kept:
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
    try:
        _client().send_event(
            payload,
            user_agent=request.headers.get("User-Agent", "")[:500],
            forwarded_for=_client_ip(request),
            timeout=EVENT_TIMEOUT,
        )
    except PlausibleError as exc:
        logger.info("Plausible event not forwarded: %s", exc.__class__.__name__)
        return JsonResponse({"error": "upstream unavailable"}, status=502)
    return HttpResponse("ok", status=202, content_type="text/plain")
