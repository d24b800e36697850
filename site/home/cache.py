"""A full-page cache for anonymous visitors of Wagtail pages, safe by construction.

Why not `wagtail-cache`: its latest release (3.0.0) requires `wagtail<8.0`.

What is cached: the response to an anonymous GET of a page served by Wagtail (`wagtail_serve`), status 200,
no query string (other than `utm_*`), keyed by scheme + host + path + active language. Never cached:
- the admin, Django's admin, previews (they are admin URLs), any non-Wagtail view (search, forms, APIs);
- a request carrying a session cookie (possibly logged in: the userbar, drafts) — answered by Django as usual;
- a response that sets a cookie, that used a CSRF token (a form), whose body carries a CSP nonce, that is
  marked private/no-store/no-cache, or that was produced for an authenticated user;
- anything but 200 (404s would let random URLs fill the cache).

Purge: every write that can change a page bumps a version number (one key), so all cached pages are dropped at
once — a menu, a footer link, a helpline or a featured campaign appears on every page, so per-URL purges would
be wrong. Writes that purge: page published, unpublished, moved, deleted; a snippet or a site setting saved or
deleted; `directory_changed.send(sender)` (the directory sends it after imports and edits); or
`purge_page_cache()` directly. Entries also expire after PAGE_CACHE_SECONDS (default 60 s), which bounds how
stale the server-rendered "open now" state of helplines and time-boxed alert banners can be.

Wiring (settings): add "home.cache.PageCacheMiddleware" to MIDDLEWARE right after WhiteNoise (before
SessionMiddleware), use a shared cache (Redis) in production, and call `home.cache.connect_signals()` from
HomeConfig.ready() (it does) so that management commands and background tasks purge too: it is the one dispatcher
of every purge, the HTTP cache's (home.http_cache) included. `PAGE_CACHE_ENABLED=False`
turns it off. Responses say `X-Page-Cache: hit` or `miss` (no personal data; helps operators and tests).
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)

directory_changed = Signal()  # sent by the resources app when services/organisations change in bulk

HEADER = "X-Page-Cache"
VERSION_KEY = "pagecache:version"
_NONCE_RE = re.compile(r"\s*'nonce-[^']*'")
_SKIP_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/")
_PRIVATE = {"private", "no-store", "no-cache"}


def _setting(name, default):
    return getattr(settings, name, default)


def _cache():
    return caches[_setting("PAGE_CACHE_ALIAS", "default")]


# The version read in this request (a dict per request, None outside requests): one shared-cache round trip per
# request however many readers (the page cache, `home.memo`, page fragments), and nothing kept between requests,
# so a purge made by another process or server is seen by the next request (issue 17: no per-process state).
_request_version: ContextVar[dict | None] = ContextVar("pagecache_request_version", default=None)


def _request_started(**_kwargs) -> None:
    _request_version.set({})


def _request_finished(**_kwargs) -> None:
    _request_version.set(None)


request_started.connect(_request_started, dispatch_uid="pagecache-request-started")
request_finished.connect(_request_finished, dispatch_uid="pagecache-request-finished")


def content_version() -> int:
    """The current version, read from the shared cache once per request (every time outside requests)."""
    scope = _request_version.get()
    if scope is not None and "version" in scope:
        return scope["version"]
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        # A random start, not 1: after a flush or an eviction of this key, the version never comes back to a
        # value that entries kept elsewhere (another key still in Redis, `home.memo`'s local copies) were made for.
        cache.add(VERSION_KEY, secrets.randbelow(2**40) + 2, timeout=None)
        version = cache.get(VERSION_KEY) or 1
    if scope is not None:
        scope["version"] = version
    return version


def purge_page_cache(**_kwargs) -> None:
    """Drop every cached page (O(1): the version in every key changes) now and, inside a transaction, again when
    it commits: a page rendered by another request between the two (from the data before the commit) would
    otherwise be cached under the new version."""
    from django.db import transaction

    _bump_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump_version)


def _bump_version() -> None:
    scope = _request_version.get()
    if scope is not None:
        scope.pop("version", None)
    cache = _cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or it was evicted): a fresh random one, as content_version() does
        cache.set(VERSION_KEY, secrets.randbelow(2**40) + 2, timeout=None)


def _only_utm(query_string: str) -> bool:
    return all(part.split("=", 1)[0].startswith("utm_") for part in query_string.split("&") if part)


def _key(request, version: int) -> str:
    raw = f"{request.scheme}://{request.get_host()}{request.path}|{translation.get_language()}"
    return f"pagecache:{version}:{hashlib.sha256(raw.encode()).hexdigest()}"


def request_is_cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(_SKIP_PREFIXES):
        return False
    if not _only_utm(request.META.get("QUERY_STRING", "")):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not request.META.get("HTTP_AUTHORIZATION")


def _is_served_page(request, response) -> bool:
    """A complete 200 answer to a GET of a Wagtail page."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "wagtail_serve"


def _is_for_this_visitor(request, response) -> bool:
    """A cookie set, a CSRF token, a logged-in user or a preview: the answer is this visitor's only."""
    if response.cookies or response.has_header("Set-Cookie"):
        return True
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    return bool(getattr(request, "is_preview", False))


def _says_private(response) -> bool:
    cache_control = {
        part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return bool(cache_control & _PRIVATE)


def response_is_cacheable(request, response) -> bool:
    if not _is_served_page(request, response) or _is_for_this_visitor(request, response):
        return False
    if _says_private(response):
        return False
    return b'nonce="' not in response.content and b"csrfmiddlewaretoken" not in response.content


def _cached_response(request, cached) -> HttpResponse:
    status, headers, content = cached
    response = HttpResponse(content if request.method == "GET" else b"", status=status)
    for name, value in headers:
        response.headers[name] = value
    if request.method == "HEAD":
        response.headers["Content-Length"] = str(len(content))
    response.headers[HEADER] = "hit"
    return response


def _store(key: str, response) -> None:
    """Keep the response (without its cookies, nonces and cache header) under `key`; mark it a miss."""
    headers = [
        (
            name,
            _NONCE_RE.sub("", value) if name.lower().startswith("content-security-policy") else value,
        )
        for name, value in response.items()
        if name.lower() not in ("set-cookie", HEADER.lower())
    ]
    try:
        _cache().set(
            key, (response.status_code, headers, response.content), _setting("PAGE_CACHE_SECONDS", 60)
        )
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)
    response.headers[HEADER] = "miss"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        connect_signals()
        backend = type(_cache()).__name__
        if backend in ("LocMemCache", "FileBasedCache", "DummyCache") and not settings.DEBUG:
            # Each gunicorn worker would keep its own copy and miss the purges made by the others.
            logger.warning("page cache on a %s: use a shared cache (Redis) with several processes", backend)

    def __call__(self, request):
        if not _setting("PAGE_CACHE_ENABLED", True) or not request_is_cacheable(request):
            return self.get_response(request)
        # The language of a prefixed URL; LocaleMiddleware has not run yet.
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            try:
                version = content_version()
                key = _key(request, version)
                cached = _cache().get(key)
            except Exception:  # the cache being down must never take the site down
                logger.warning("page cache unavailable", exc_info=True)
                return self.get_response(request)
        if cached is not None:
            return _cached_response(request, cached)
        response = self.get_response(request)
        if response_is_cacheable(request, response):
            _store(key, response)
        return response


_connected = False


def connect_signals() -> None:
    """The one purge dispatcher (idempotent; HomeConfig.ready() calls it): each write that can change what a
    visitor sees is classified once (`purge_scope`), then drops the in-app caches (this module's version: page
    cache, `home.memo`, page fragments) and purges the HTTP cache in front (home.http_cache: the page, its
    translations and the lists that show it; or the whole host for what every page shows). Writes that no
    public page shows (back-office snippets and their rows: influencers, deliverables, variants, reviews,
    metric snapshots, tracked links; users; form submissions) purge nothing."""
    global _connected
    if _connected:
        return
    _connected = True
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    for signal, uid in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (page_slug_changed, "slug"),
        (post_page_move, "move"),
    ):
        signal.connect(_on_page_changed, dispatch_uid=f"purge-page-{uid}")
    directory_changed.connect(_on_site_content_changed, dispatch_uid="purge-directory")
    post_save.connect(_on_saved, dispatch_uid="purge-saved")
    post_delete.connect(_on_deleted, dispatch_uid="purge-deleted")


def purge_scope(model, created: bool = False) -> str | None:
    """What a save or delete of `model` purges: "site" (shown on every page, or routing them: the in-app caches
    and every page of the host in the HTTP cache), "app" (pages and locales: the in-app caches, which memoise
    routes, menus and locales; the HTTP cache follows publications, not saves), or None (nothing)."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Locale, Page

    if created and issubclass(model, (BaseSiteSetting, BaseGenericSetting)):
        return None  # created with its defaults on first read (load()'s get_or_create): nothing shown changes
    if _is_site_content(model):
        return "site"
    if issubclass(model, (Page, Locale)):
        return "app"
    return None


def _on_page_changed(sender, instance, **_kwargs):
    from . import http_cache

    purge_page_cache()
    http_cache.purge_page(instance)


def _on_site_content_changed(**_kwargs):
    from . import http_cache

    purge_page_cache()
    http_cache.purge_all()


def _on_saved(sender, created=False, **_kwargs):
    scope = purge_scope(sender, created)
    if scope is None:
        return
    purge_page_cache()
    if scope == "site":
        from . import http_cache

        http_cache.purge_all()


def _on_deleted(sender, instance, **_kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        from . import http_cache

        purge_page_cache()
        if instance.live:
            http_cache.purge_page(instance)
        return
    scope = purge_scope(sender)
    if scope == "site":
        _on_site_content_changed()
    elif scope == "app":
        purge_page_cache()


def _is_site_content(model) -> bool:
    """Snippets shown on public pages, site settings, Wagtail sites and page view restrictions: things rendered
    on (or deciding who may see) every page."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    if issubclass(model, (BaseSiteSetting, BaseGenericSetting, Site, PageViewRestriction)):
        return True
    if not getattr(model, "shown_on_public_pages", True):
        return False  # back-office snippets (influencers, deliverables, tracked links): no public page shows them
    # Child rows of snippets (e.g. helpline hours) are saved through their parent cluster, which also saves.
    snippets = tuple(get_snippet_models())
    return bool(snippets) and issubclass(model, snippets)
