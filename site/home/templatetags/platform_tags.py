"""Template tags of the site shell: language switcher and alternates, optional URLs, open-now state."""

from __future__ import annotations

import contextlib
import time

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from home.events import clean_value
from home.events import event as declared
from home.memo import remember

register = template.Library()


def _home_url(code: str) -> str:
    with translation.override(code):
        return reverse("wagtail_serve", args=[""])


def _translation_urls(request, page) -> dict:
    """The URLs of the page's live translations (itself included), by language code."""
    host = request.get_host() if request is not None else ""
    return remember(
        f"home:translation-urls:{page.pk}:{host}",
        lambda: {
            p.locale.language_code: p.get_url(request)
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        },
    )


def _language_url(code: str, request, is_page: bool, translations: dict, overrides: dict) -> tuple[str, bool]:
    """Where the current page lives in the language `code`, and whether it exists there."""
    if code in overrides:
        return overrides[code], True
    if is_page:
        url = translations.get(code)
        if url is None:
            return _home_url(code) + "?missing=1", False
        return url, True
    if request is not None:
        return translate_url(request.get_full_path(), code), True
    return _home_url(code), True


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per configured language: where the current page lives in that language.

    For a Wagtail page: its live translation, or the other language's home with a notice when there is none.
    For other views: the same URL in the other language (`language_urls` in the context overrides)."""
    cached = context.get("_language_links")
    if cached is not None:
        return cached
    request = context.get("request")
    current = translation.get_language()
    page = context.get("page")
    overrides = context.get("language_urls") or {}
    is_page = isinstance(page, Page) and bool(page.pk)
    translations = _translation_urls(request, page) if is_page else {}
    links = []
    for code, name in settings.LANGUAGES:
        url, available = _language_url(code, request, is_page, translations, overrides)
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current, "available": available}
        )
    context["_language_links"] = links
    return links


@register.simple_tag
def optional_url(name, *args):
    """`{% url %}` that yields "" when the view is not installed."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return ""


@register.filter
def localized(page):
    """The page in the active language when a live translation exists, otherwise the page itself."""
    if page is None:
        return None
    target = page.localized
    return target if target.live else page


@register.simple_tag
def event(key, **props):
    """`data-event`/`data-prop-*` attributes of an analytics event declared in home/events.py (an unknown key
    fails the render: a typo cannot send a goal nobody counts). Props the event does not declare, and values
    that are not codes, are left out. Add `on="load"` events to an element that is on the page only when the
    thing happened (a result, a confirmation)."""
    spec = declared(key)
    attrs = [f'data-event="{escape(spec.name)}"']
    if spec.on != "click":
        attrs.append(f'data-event-on="{spec.on}"')
    for name, value in props.items():
        value = clean_value(value)
        allowed = spec.props.get(name, "undeclared")
        if value is None or allowed == "undeclared" or (allowed is not None and value not in allowed):
            continue
        attrs.append(f'data-prop-{escape(name)}="{escape(value)}"')
    return mark_safe(" ".join(attrs))  # noqa: S308 -- every name and value escaped above


@register.simple_tag
def open_status(status, without_number=False):
    """The open-now badge of a `home.hours.HoursStatus`. `without_number`: the listing has no phone, so "call for
    hours" would lead nowhere. Built in Python: it is on every card of a result list and on every helpline."""
    label = _("Hours not given") if status.state == "unknown" and without_number else status.label
    return format_html('<span class="status status--{}">{}</span>', status.state, label)


@register.simple_tag
def card_state(status, temporarily_closed=False, distance=None, without_number=False):
    """The state line of a service card: open now, temporarily closed, distance (None or "": not known)."""
    parts = [open_status(status, without_number)]
    if temporarily_closed:
        parts.append(format_html(' <span class="status status--closed">{}</span>', _("Temporarily closed")))
    if distance not in (None, ""):
        away = _("%(km)s km away") % {"km": floatformat(distance, 1)}
        parts.append(format_html(' <span class="service-card__distance">{}</span>', away))
    return format_html('<p class="service-card__state">{}</p>', mark_safe("".join(parts)))  # noqa: S308 -- each part built by format_html


@register.filter
def first_open(helplines):
    """The helpline open now, else the first one (a call is still the next step), else None."""
    helplines = list(helplines or [])
    return next((line for line in helplines if line.status().is_open), helplines[0] if helplines else None)


@register.simple_tag(takes_context=True)
def public_url(context, path=None):
    """The absolute public URL of `path` (default: the current page's path, never its query string): the root
    URL of the Wagtail Site serving the request (its host and port, set at deployment by `manage.py set_site`),
    so canonical links, og:url and JSON-LD agree with the sitemap. Never the query string: the page cache keeps
    one copy for every `utm_*` variant (home/cache.py), so nothing of the query may be rendered into a page."""
    from wagtail.models import Site

    request = context.get("request")
    if path is not None and str(path).startswith(("http://", "https://")):
        return str(path)  # already absolute (media on S3)
    if request is None:
        return path or ""
    site = getattr(request, "_wagtail_site", None)  # already found for a Wagtail page
    if site is not None:
        root = site.root_url
    else:  # a Django view: memoised per host (a Site saved bumps the content version, home.memo)
        root = remember(
            f"home:public-root:{request.get_host()}",
            lambda: getattr(Site.find_for_request(request), "root_url", None),
        )
    root = root or f"{request.scheme}://{request.get_host()}"
    return root + (request.path if path is None else str(path))


class PageFragmentNode(template.Node):
    """`{% pagefragment "name" %}…{% endpagefragment %}`: the enclosed HTML kept in the default (shared) cache,
    keyed by the name, the page (id and publication time, so a publish changes the key), the language, the
    host and the site's content version (home.cache: bumped when a snippet, a setting or a page changes).
    `{% sitefragment "name" %}…{% endsitefragment %}` is the same without the page, for parts that are the same on
    every page of a site in a language (the footer and its helplines, the directory's list of places).

    For parts of a page that are the same for every visitor and costly to render (StreamField bodies,
    JSON-LD with renditions). Entries expire after FRAGMENT_CACHE_SECONDS (default 60 s), which bounds the
    staleness of time-dependent parts inside them (a helpline's "open now"), as the page cache does. Never
    used in previews (the draft is not the published page) or without a request."""

    def __init__(self, name: str, nodelist, *, per_page: bool = True):
        self.name = name
        self.nodelist = nodelist
        self.per_page = per_page

    def _scope(self, context) -> str | None:
        """What the fragment depends on besides the language and host; None: not kept."""
        if not self.per_page:
            return "site"
        page = context.get("page")
        if not isinstance(page, Page) or not page.pk:
            return None
        published = page.last_published_at.isoformat() if page.last_published_at else ""
        return f"{page.pk}:{published}"

    def render(self, context):
        from home.cache import content_version

        request = context.get("request")
        seconds = getattr(settings, "FRAGMENT_CACHE_SECONDS", 60)
        scope = self._scope(context)
        if seconds <= 0 or request is None or getattr(request, "is_preview", False) or scope is None:
            return self.nodelist.render(context)
        try:
            key = (
                f"fragment2:{content_version()}:{self.name}:{scope}:"
                f"{translation.get_language()}:{request.get_host()}"
            )
        except Exception:  # a cache outage must never take a page down
            return self.nodelist.render(context)
        return mark_safe(cached_fragment(key, seconds, lambda: self.nodelist.render(context)))  # noqa: S308 -- our own template's rendered (escaped) output


def cached_fragment(key: str, seconds: int, render) -> str:
    """The HTML kept under `key` (which carries the content version) for `seconds` after it was rendered: in this
    process (home.memo's local copies), else in the shared cache, else `render()`, then kept in both. A copy read
    from the shared cache is kept here only until the shared one expires, so nothing is older than `seconds`."""
    from django.core.cache import cache

    from home.memo import _MISSING, local_get, local_set

    html = local_get(key)
    if html is not _MISSING:
        return html
    try:
        entry = cache.get(key)
    except Exception:  # a cache outage must never take a page down
        entry = None
    now = time.time()
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] > now:
        local_set(key, entry[1], entry[0] - now)
        return entry[1]
    html = render()
    with contextlib.suppress(Exception):  # a cache outage must never take a page down
        cache.set(key, (now + seconds, html), seconds)
    local_set(key, html, seconds)
    return html


def _fragment_tag(parser, token, *, per_page: bool):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError(f"{bits[0]} takes one quoted name")
    nodelist = parser.parse((f"end{bits[0]}",))
    parser.delete_first_token()
    return PageFragmentNode(bits[1][1:-1], nodelist, per_page=per_page)


@register.tag
def pagefragment(parser, token):
    return _fragment_tag(parser, token, per_page=True)


@register.tag
def sitefragment(parser, token):
    return _fragment_tag(parser, token, per_page=False)


SHARE_KINDS = {
    "HomePage": "home",
    "CampaignPage": "campaign",
    "CampaignIndexPage": "campaign",
    "SubstancePage": "substance",
    "SubstanceIndexPage": "substance",
}


@register.simple_tag(takes_context=True)
def default_share_image(context):
    """The static share card (home/share_images.py) for a page without a share image of its own: by page type
    (the directory's views count as "directory") and in the page's language."""
    from django.templatetags.static import static

    from home.share_images import static_path

    page = context.get("page")
    kind = SHARE_KINDS.get(type(getattr(page, "specific", page)).__name__, "page") if page else "page"
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if page is None and match is not None and "resources" in (match.namespaces or []):
        kind = "directory"
    return public_url(context, static(static_path(kind, translation.get_language() or "fr")))


@register.inclusion_tag("components/statement_facts.html", takes_context=True)
def statement_facts(context, page):
    """Under the privacy or the accessibility page of the site settings (in any language): the facts read from
    the configuration (home/statements.py). Nothing under any other page."""
    from home.models import SiteSettings
    from home.statements import accessibility_facts, privacy_facts

    request = context.get("request")
    statement = None
    if request is not None and page is not None:

        def build():
            site_settings = SiteSettings.load(request_or_site=request)
            ids = {
                "privacy": site_settings.privacy_page_id,
                "accessibility": site_settings.accessibility_page_id,
            }
            keys = dict(
                Page.objects.filter(pk__in=[pk for pk in ids.values() if pk]).values_list(
                    "pk", "translation_key"
                )
            )
            return {str(keys[pk]): name for name, pk in ids.items() if pk in keys}

        statement = remember(f"home:statements:{request.get_host()}", build).get(str(page.translation_key))
    facts = privacy_facts() if statement == "privacy" else accessibility_facts() if statement else None
    return {"statement": statement, "facts": facts, "settings": context.get("settings")}


@register.simple_tag(takes_context=True)
def breadcrumb_links(context, page):
    """(URL, title) of the page's ancestors below the home page, as `{% pageurl %}` writes them; memoised per
    page and host (home.memo: dropped with the content version, so a renamed or moved ancestor shows at once)."""
    request = context.get("request")

    def build():
        return [(ancestor.get_url(request=request), ancestor.title) for ancestor in page.get_ancestors()[2:]]

    if request is None or not getattr(page, "pk", None):
        return build()
    return remember(f"crumbs:{page.pk}:{request.get_host()}", build)
