"""Count a visitor once: repeated clicks or reloads from one client within a short window add nothing.

A click on a tracked link or a referral slip shown again on reload should count one person once; otherwise 150
GETs from one address add 150 clicks. The client is recognised by a keyed hash of its address and user agent,
mixed with the day and the thing counted, kept only in the cache for `window` seconds: no address, no user agent
and no cookie is stored, and yesterday's hashes cannot be linked to today's. When the cache fails, the visit
counts (a counter may then be a little high, but a failing cache never loses a real click nor breaks the page).
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .ratelimit import client_ip

logger = logging.getLogger(__name__)

DEFAULT_WINDOW = 30 * 60  # seconds


def first_time(request, scope: str, thing: str, *, window: int = DEFAULT_WINDOW) -> bool:
    """True the first time this client counts `thing` within `window` seconds."""
    material = "|".join(
        [
            scope,
            thing,
            timezone.localdate().isoformat(),
            client_ip(request),
            request.headers.get("User-Agent", ""),
        ]
    )
    digest = hmac.new(settings.SECRET_KEY.encode(), material.encode(), hashlib.sha256).hexdigest()[:32]
    try:
        return bool(cache.add(f"once:{scope}:{digest}", 1, timeout=window))
    except Exception:  # the cache is down: count it rather than lose it
        logger.warning("once: cache unavailable, counted without de-duplication", exc_info=False)
        return True
