"""Small reads that every public page repeats (menus, helplines, the directory's filter lists, locales), kept
between requests in the default cache.

They are dropped together with the page cache: every content write bumps the version in `home.cache` (pages
saved, published or moved; snippets, settings and sites saved or deleted; `directory_changed`), and the
version is part of every key here. Entries also expire after MEMO_SECONDS (default 300 s). Store only what is
the same for every visitor: never anything from a session or a user.

Each process also keeps what it read or built, pickled, for up to MEMO_LOCAL_SECONDS (default 60 s) under the
same versioned key (`local_get`/`local_set`): the version is read from the shared cache once per request, so a
write made on any server (which bumps it) is seen by the next request here too; what is saved is the Redis round
trip and its client's work (issue 17: a dozen reads per page). Each read unpickles a fresh copy, so a request never
sees objects that another request changed."""

from __future__ import annotations

import contextlib
import pickle
import threading
import time
from collections import OrderedDict

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


_MISSING = object()
_local: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
_local_lock = threading.Lock()
LOCAL_MAX_ENTRIES = 2000


def local_get(key: str):
    """A fresh copy of what this process kept under `key` (a key that carries the content version), or _MISSING."""
    with _local_lock:
        entry = _local.get(key)
    if entry is None:
        return _MISSING
    if entry[0] < time.monotonic():
        with _local_lock:
            _local.pop(key, None)
        return _MISSING
    return pickle.loads(entry[1])  # noqa: S301 -- bytes this process pickled itself, never read from outside


def local_set(key: str, value, seconds: float | None = None) -> None:
    if seconds is None:  # never longer than the shared copy would live
        seconds = min(getattr(settings, "MEMO_LOCAL_SECONDS", 60), getattr(settings, "MEMO_SECONDS", 300))
    if seconds <= 0:
        return
    try:
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    except Exception:  # not picklable: simply not kept here
        return
    with _local_lock:
        _local[key] = (time.monotonic() + seconds, data)
        _local.move_to_end(key)
        while len(_local) > LOCAL_MAX_ENTRIES:
            _local.popitem(last=False)


def local_clear() -> None:
    with _local_lock:
        _local.clear()
        _read_only.clear()


_read_only: OrderedDict[str, tuple[float, object]] = OrderedDict()


def remember_read_only(name: str, build):
    """`remember` for a value that no caller changes (rows that are only read, tuples): besides the shared and the
    pickled copies, this process keeps the object itself for MEMO_LOCAL_SECONDS under the same versioned key, so a
    read costs no unpickling (the directory's filter lists: 200 rows on every search). A write on any server
    changes the version, so the next request here builds or reads the new value."""
    try:
        key = f"memo:{page_cache.content_version()}:{name}"
    except Exception:  # a cache outage must not take pages down
        return build()
    now = time.monotonic()
    with _local_lock:
        entry = _read_only.get(key)
    if entry is not None and entry[0] >= now:
        return entry[1]
    value = remember(name, build)
    seconds = min(getattr(settings, "MEMO_LOCAL_SECONDS", 60), getattr(settings, "MEMO_SECONDS", 300))
    if value is not None and seconds > 0:
        with _local_lock:
            _read_only[key] = (now + seconds, value)
            _read_only.move_to_end(key)
            while len(_read_only) > LOCAL_MAX_ENTRIES:
                _read_only.popitem(last=False)
    return value


def _local_many(keys: dict[str, str]) -> dict:
    """The values found in this process's memo, by name."""
    found = {}
    for key, name in keys.items():
        value = local_get(key)
        if value is not _MISSING:
            found[name] = value
    return found


def _shared_many(keys: dict[str, str], found: dict) -> None:
    """Add to `found` the values of the shared cache for the names not found yet, and keep them locally."""
    try:
        shared = cache.get_many([key for key, name in keys.items() if name not in found])
    except Exception:  # a cache outage must not take pages down
        shared = {}
    for key, value in shared.items():
        found[keys[key]] = value
        local_set(key, value)


def _keep_many(version, built: dict) -> None:
    """Memoise the values built (not the Nones), in the shared cache and locally."""
    keep = {f"memo:{version}:{name}": value for name, value in built.items() if value is not None}
    with contextlib.suppress(Exception):
        cache.set_many(keep, getattr(settings, "MEMO_SECONDS", 300))
    for key, value in keep.items():
        local_set(key, value)


def remember_many(names: list[str], build_missing) -> dict:
    """`remember` for many names in one cache round trip: `build_missing(missing_names)` returns a dict for the
    names not memoised yet (a None value is returned but not kept)."""
    try:
        version = page_cache.content_version()
    except Exception:  # a cache outage must not take pages down
        return build_missing(list(names)) if names else {}
    keys = {f"memo:{version}:{name}": name for name in names}
    found = _local_many(keys)
    if len(found) == len(keys):
        return found
    _shared_many(keys, found)
    missing = [name for name in names if name not in found]
    if missing:
        built = build_missing(missing)
        found.update(built)
        _keep_many(version, built)
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


def route(request, path: str) -> None:
    """Wagtail's routing (`Page.route_for_request`: the site's root page in the active language, then the page
    at the path, specific) memoised by site, language and path, and left where Wagtail looks first
    (`request._wagtail_route_for_request`): no query for a page that was served before at this content version
    (every publication, unpublication, move or page save bumps it). A 404 is not kept."""
    from django.utils import translation
    from wagtail.models import Page, Site

    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = Site.find_for_request(request)
    if site is None:
        return
    components = "/".join(component for component in path.split("/") if component)
    result = remember(
        f"route:{site.pk}:{translation.get_language()}:{components}",
        lambda: Page.route_for_request(request, path),
    )
    if result is not None:
        request._wagtail_route_for_request = result


def view_restrictions(page):
    """`page.get_view_restrictions()` without a query when there is nothing to find: the same queryset (the
    restrictions of the page and its ancestors, aliases resolved to their source pages), already evaluated from
    the memoised list of every restriction and every alias page (both short). A restriction saved or deleted
    bumps the content version (home.cache)."""
    from wagtail.models import Page, PageViewRestriction

    def build():
        return {
            "restrictions": list(PageViewRestriction.objects.select_related("page").order_by("pk")),
            "aliases": list(
                Page.objects.filter(alias_of__isnull=False).values_list("pk", "path", "alias_of_id")
            ),
        }

    data = remember("view-restrictions", build)
    alias_of_by_id = {pk: source for pk, _path, source in data["aliases"]}
    alias_of_by_path = {path: source for _pk, path, source in data["aliases"]}

    def source_of(pk):
        seen = set()
        while pk in alias_of_by_id and pk not in seen:  # an alias of an alias: Wagtail follows the chain
            seen.add(pk)
            pk = alias_of_by_id[pk]
        return pk

    steplen = page.steplen
    paths = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    own_paths = set()
    source_ids = set()
    for path in paths:
        source = page.alias_of_id if path == page.path else alias_of_by_path.get(path)
        if source is not None:
            source_ids.add(source_of(source))
        else:
            own_paths.add(path)
    from django.db.models import Q

    queryset = PageViewRestriction.objects.filter(Q(page__path__in=own_paths) | Q(page_id__in=source_ids))
    queryset._result_cache = [
        restriction
        for restriction in data["restrictions"]
        if restriction.page.path in own_paths or restriction.page_id in source_ids
    ]
    queryset._prefetch_done = True
    return queryset
