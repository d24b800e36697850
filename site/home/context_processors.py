"""Data every public page needs: helplines, the active alert banner, footer links. A fixed number of queries."""

from __future__ import annotations

from functools import partial

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from .memo import active_locale, remember
from .models import AlertBanner, Helpline, SiteSettings, tel_href

SEVERITY_RANK = {
    AlertBanner.Severity.DANGER: 0,
    AlertBanner.Severity.WARNING: 1,
    AlertBanner.Severity.INFO: 2,
}


def platform(request):
    if request.path.startswith(("/admin/", "/django-admin/")):
        return {}
    current_locale = _Lazy(active_locale)
    return {
        "main_menu": _Lazy(partial(_main_menu, current_locale)),
        "footer_links": _Lazy(partial(_footer_links, request, current_locale)),
        # Callables: evaluated once, only by templates that use them.
        "helplines": _Lazy(partial(_helplines, current_locale)),
        "poison_centre": settings.POISON_CENTRE_NUMBER,
        "poison_centre_tel": tel_href(settings.POISON_CENTRE_NUMBER),
        "alert_banner": _Lazy(partial(_alert, current_locale)),
        "plausible_domain": settings.PLAUSIBLE_DOMAIN,
        "plausible_script_src": _plausible_script_src(),
        # Through the site's own domain when proxied (evaluation/urls_root.py serves both).
        "plausible_api": "/stats/api/event" if settings.PLAUSIBLE_DOMAIN and settings.PLAUSIBLE_PROXY else "",
    }


def _helplines(current_locale) -> list:
    locale = current_locale._get()
    if locale is None:
        return []
    # Their open/closed state is computed at render time from the memoised listings' hours.
    return remember(f"home:helplines:{locale.pk}", lambda: shown_helplines(locale))


def _alert(current_locale):
    locale = current_locale._get()
    if locale is None:
        return None
    now = timezone.now()
    # The banners not yet over are memoised; which one is on now is decided on each request.
    banners = remember(
        f"home:alerts:{locale.pk}",
        lambda: list(
            AlertBanner.objects.filter(ends_at__gt=now, locale=locale)
            .select_related("link_page")
            .order_by("-starts_at")
        ),
    )
    active = [b for b in banners if b.starts_at <= now < b.ends_at]
    # The gravest first ("danger", then "warning", then "info"), then the latest.
    return min(active, key=lambda b: SEVERITY_RANK.get(b.severity, 9), default=None)


def _main_menu(current_locale) -> list:
    locale = current_locale._get()
    if locale is None:
        return []
    # Children of the home page in this language (depth 3) that editors flagged "show in menus".
    return remember(f"home:menu:{locale.pk}", lambda: build_menu(locale))


def _footer_links(request, current_locale) -> list:
    locale = current_locale._get()
    host = request.get_host()
    return remember(
        f"home:footer:{locale.pk if locale else None}:{host}",
        partial(_build_footer_links, request, current_locale),
    )


def _build_footer_links(request, current_locale) -> list:
    """The footer pages of the site settings in the visitor's language: two queries for all of them."""
    site_settings = SiteSettings.load(request_or_site=request)
    wanted = [
        (_("About"), site_settings.about_page_id),
        (_("Contact"), site_settings.contact_page_id),
        (_("Privacy"), site_settings.privacy_page_id),
        (_("Accessibility"), site_settings.accessibility_page_id),
    ]
    ids = [pk for _label, pk in wanted if pk]
    locale = current_locale._get()
    if not ids or locale is None:
        return []
    keys = dict(Page.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
    translated = {
        page.translation_key: page
        for page in Page.objects.filter(translation_key__in=keys.values(), locale=locale).live()
    }
    links = []
    for label, pk in wanted:
        page = translated.get(keys.get(pk))
        if page is not None:
            links.append((label, page.get_url(request)))
    return links


def build_menu(locale) -> list:
    pages = list(
        Page.objects.filter(depth=3, show_in_menus=True, locale=locale).live().public().order_by("path")
    )
    for page in pages:
        # Kept with the pages (memoised, dropped with the content version like Wagtail's own cache of them):
        # `page.url` in the header then reads no cache.
        page._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    return pages


def _plausible_script_src() -> str:
    if not settings.PLAUSIBLE_DOMAIN:
        return ""
    if settings.PLAUSIBLE_PROXY:
        return "/stats/js/script.js"
    return f"{settings.PLAUSIBLE_URL}/js/script.outbound-links.file-downloads.tagged-events.js"


def shown_helplines(locale) -> list:
    """The helplines of `locale` with their directory listing in that language (number, hours, closures
    prefetched: three queries for all of them), keeping only those whose listing is active and has a number."""
    Service = apps.get_model("resources", "Service")  # the directory, a layer above: looked up

    helplines = list(Helpline.objects.filter(locale=locale, service__isnull=False).select_related("service"))
    keys = {line.service.translation_key for line in helplines}
    listings = {
        service.translation_key: service
        for service in Service.objects.filter(
            translation_key__in=keys, locale=locale, live=True
        ).prefetch_related("phones", "schedules", "closures")
    }
    shown = []
    for line in helplines:
        line._listing = listings.get(line.service.translation_key)
        if line._listing is not None and line.is_shown:
            shown.append(line)
    return shown


class _Lazy:
    """Evaluates a function on first use in a template and caches the result for the request."""

    _unset = object()

    def __init__(self, func):
        self._func = func
        self._value = self._unset

    def _get(self):
        if self._value is self._unset:
            self._value = self._func()
        return self._value

    def __iter__(self):
        value = self._get()
        return iter(value or [])

    def __bool__(self):
        return bool(self._get())

    def __len__(self):
        return len(self._get() or [])

    def __getattr__(self, name):
        return getattr(self._get(), name)
