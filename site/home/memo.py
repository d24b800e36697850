"""Small reads that every public page repeats (menus, helplines, the directory's filter lists, locales), kept
between requests in the default cache.

They are dropped together with the page cache: every content write bumps the version in `home.cache` (pages
saved, published or moved; snippets, settings and sites saved or deleted; `directory_changed`), and the
version is part of every key here. Entries also expire after MEMO_SECONDS (default 300 s). Store only what is
the same for every visitor: never anything from a session or a user."""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.core.cache import cache

from . import cache as page_cache


def remember(name: str, build):
    """`build()`'s value for `name` at the current content version (None is not kept)."""
    return remember_many([name], lambda _missing: {name: build()}).get(name)


def active_locale():
    """`Locale.get_active()` memoised by language code; None when no locale exists yet."""
    from django.utils import translation
    from wagtail.models import Locale

    def build():
        try:
            return Locale.get_active()
        except Locale.DoesNotExist:
            return None

    return remember(f"locale:{translation.get_language()}", build)


def remember_many(names: list[str], build_missing) -> dict:
    """`remember` for many names in one cache round trip: `build_missing(missing_names)` returns a dict for the
    names not memoised yet (a None value is returned but not kept)."""
    try:
        version = page_cache.content_version()
        keys = {f"memo:{version}:{name}": name for name in names}
        found = {keys[key]: value for key, value in cache.get_many(list(keys)).items()}
    except Exception:  # a cache outage must not take pages down
        return build_missing(list(names)) if names else {}
    missing = [name for name in names if name not in found]
    if missing:
        built = build_missing(missing)
        found.update(built)
        keep = {f"memo:{version}:{name}": value for name, value in built.items() if value is not None}
        with contextlib.suppress(Exception):
            cache.set_many(keep, getattr(settings, "MEMO_SECONDS", 300))
    return found


def attach_site(request) -> None:
    """Wagtail's `Site.find_for_request` (a query per request, and another for the root page) memoised by host
    and port, for hosts that pass ALLOWED_HOSTS only; dropped with the content version (a Site is site content,
    home.cache). Sets `request._wagtail_site`, where Wagtail looks first."""
    from django.core.exceptions import DisallowedHost
    from wagtail.models import Site

    if hasattr(request, "_wagtail_site"):
        return
    try:
        host = request.get_host()
    except DisallowedHost:
        return  # Django answers 400 itself

    def build():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 - kept with the site
        return site

    site = remember(f"site:{host}:{request.get_port()}", build)
    if site is not None:
        request._wagtail_site = site
