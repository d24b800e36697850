"""HTTP caching in front of the app (issue 17): Cache-Control on every response, and targeted purges of the
HTTP cache (Varnish, deploy/varnish/default.vcl) through `wagtail.contrib.frontend_cache`.

Cache-Control (`CacheControlMiddleware`, right after WhiteNoise): a view that sets Cache-Control itself keeps
it (the API, feeds, the tracked links, the 429 pages). Otherwise:
- `private, no-store`: the admin, any method other than GET/HEAD (form posts), a request carrying a session
  cookie or an Authorization header (possibly an editor: the userbar, drafts);
- `private, no-cache`: a response that sets a cookie, used a CSRF token or carries a CSP nonce (a form), or
  any status other than 200 (redirects chosen by Accept-Language, errors);
- `public, max-age=HTTP_CACHE_BROWSER_SECONDS (0), s-maxage=HTTP_CACHE_SECONDS (60),
  no stale-while-revalidate (browsers would show a page as it was before a publication; Varnish's grace is set in
  its VCL)` for everything else: what an anonymous visitor gets
  on a GET answered 200 is the same for every anonymous visitor. s-maxage bounds the staleness of the
  time-dependent parts (a helpline's "open now", an alert banner's end) as the in-app caches do; publications
  do not wait for it: they purge (below).

Purges (`purge_page`, `purge_all`, called by the one purge dispatcher, `home.cache.connect_signals()`, which
also drops the in-app caches; active when WAGTAILFRONTENDCACHE is configured, settings.production:
FRONTEND_CACHE_URL):
- a page published, unpublished, moved or deleted: its URL, the URLs of its translations, and the pages that
  list it (its ancestors up to the home page: indexes, the home page's featured campaign) — never the rest;
- a snippet or a setting shown on public pages (menus, helplines, alert banners, quizzes, the directory, site
  settings) saved or deleted, or `directory_changed`: every page of the site's hosts (`purge_all`: a BAN on
  the host in Varnish), because they appear on every page;
- back-office saves (influencers, deliverables, variants, reviews, metric snapshots, tracked links, users, form
  submissions): nothing (`home.cache.purge_scope`).
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.backends import HTTPBackend

logger = logging.getLogger(__name__)

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
_NONCE = re.compile(r"'nonce-")


def public_cache_control() -> str:
    return (
        f"public, max-age={getattr(settings, 'HTTP_CACHE_BROWSER_SECONDS', 0)}, "
        f"s-maxage={getattr(settings, 'HTTP_CACHE_SECONDS', 60)}"
    )  # no stale-while-revalidate: browsers apply it too, and showed a page as it was before a publication


def _request_is_private(request) -> bool:
    """A write, the admin, or a visitor who may see a page of their own (session, credentials, logged in)."""
    if request.method not in ("GET", "HEAD") or request.path.startswith(ADMIN_PREFIXES):
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES or request.META.get("HTTP_AUTHORIZATION"):
        return True
    user = getattr(request, "user", None)
    return user is not None and getattr(user, "is_authenticated", False)


def _response_is_personal(request, response) -> bool:
    """An error, a cookie set, a CSRF token used or a CSP nonce: fine for this visitor, not for a shared cache."""
    if response.status_code != 200 or response.cookies or response.has_header("Set-Cookie"):
        return True
    if request.META.get("CSRF_COOKIE_USED") or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    return any(
        _NONCE.search(response.get(header, ""))
        for header in ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
    )


def cache_control_for(request, response) -> str:
    if _request_is_private(request):
        return "private, no-store"
    if _response_is_personal(request, response):
        return "private, no-cache"
    return public_cache_control()


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = cache_control_for(request, response)
        return response


# --- Purges -------------------------------------------------------------------------------------------


def enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def urls_for_page(page) -> set[str]:
    """The page's URLs, its translations' and those of the pages that list it (its ancestors below the root)."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    batch = PurgeBatch()
    pages = [page]
    pages += list(page.get_translations().live())
    pages += list(page.get_ancestors().filter(depth__gt=1).live())
    for translation in page.get_translations().live():
        parent = translation.get_parent()
        if parent is not None and parent.depth > 1 and parent.live:
            pages.append(parent)
    batch.add_pages(pages)
    return batch.urls


def purge_page(page) -> None:
    if not enabled():
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        urls = urls_for_page(page)
    except Exception:  # a purge must never make a publication fail
        logger.warning("frontend cache: could not list the URLs of page %s", page.pk, exc_info=True)
        return
    transaction.on_commit(lambda: purge_urls_from_cache(sorted(urls)))


def purge_all(**_kwargs) -> None:
    """Every page of every site host: a BAN per host (backends without `purge_all` are skipped)."""
    if not enabled():
        return

    def run():
        from wagtail.contrib.frontend_cache.utils import get_backends
        from wagtail.models import Site

        hosts = {
            site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
            for site in Site.objects.all()
        }
        for backend in get_backends().values():
            if hasattr(backend, "purge_all"):
                for host in sorted(hosts):
                    backend.purge_all(host)

    transaction.on_commit(run)


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTPBackend (PURGE of one URL, sent to LOCATION with the page's Host) plus `purge_all(host)`:
    a BAN of every object of a host (deploy/varnish/default.vcl accepts both from its `purgers` ACL only)."""

    def purge_all(self, host: str) -> None:
        from urllib.error import URLError
        from urllib.request import Request, urlopen

        if self.cache_scheme not in ("http", "https"):
            logger.error("The HTTP cache's LOCATION must be an http(s) URL, not %s.", self.cache_scheme)
            return
        url = f"{self.cache_scheme}://{self.cache_netloc}/"
        request = Request(url, method="BAN", headers={"Host": host})  # noqa: S310 -- http(s), checked above
        try:
            urlopen(request, timeout=5).close()  # noqa: S310 -- http(s), checked above
        except (URLError, OSError) as exc:
            logger.error("Couldn't ban host %s in the HTTP cache: %s", host, exc)
