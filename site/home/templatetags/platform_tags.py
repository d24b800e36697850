"""Template tags of the site shell: language switcher and alternates, optional URLs, open-now state."""

from __future__ import annotations

import contextlib

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page

from home.events import clean_value
from home.events import event as declared
from home.memo import remember

register = template.Library()


def _home_url(code: str) -> str:
    with translation.override(code):
        return reverse("wagtail_serve", args=[""])


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
    translations = {}
    if isinstance(page, Page) and page.pk:
        host = request.get_host() if request is not None else ""
        translations = remember(
            f"home:translation-urls:{page.pk}:{host}",
            lambda: {
                p.locale.language_code: p.get_url(request)
                for p in page.get_translations(inclusive=True).live().select_related("locale")
            },
        )
    links = []
    for code, name in settings.LANGUAGES:
        available = True
        if code in overrides:
            url = overrides[code]
        elif isinstance(page, Page) and page.pk:
            url = translations.get(code)
            if url is None:
                url = _home_url(code) + "?missing=1"
                available = False
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = _home_url(code)
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
    return mark_safe(" ".join(attrs))  # noqa: S308 -- declared names and escape()d values


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

    For parts of a page that are the same for every visitor and costly to render (StreamField bodies,
    JSON-LD with renditions). Entries expire after FRAGMENT_CACHE_SECONDS (default 60 s), which bounds the
    staleness of time-dependent parts inside them (a helpline's "open now"), as the page cache does. Never
    used in previews (the draft is not the published page) or without a request."""

    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        from django.core.cache import cache

        from home.cache import content_version

        request = context.get("request")
        page = context.get("page")
        seconds = getattr(settings, "FRAGMENT_CACHE_SECONDS", 60)
        if (
            seconds <= 0
            or request is None
            or getattr(request, "is_preview", False)
            or not isinstance(page, Page)
            or not page.pk
        ):
            return self.nodelist.render(context)
        published = page.last_published_at.isoformat() if page.last_published_at else ""
        try:
            key = (
                f"fragment:{content_version()}:{self.name}:{page.pk}:{published}:"
                f"{translation.get_language()}:{request.get_host()}"
            )
            html = cache.get(key)
        except Exception:  # a cache outage must never take a page down
            return self.nodelist.render(context)
        if html is None:
            html = self.nodelist.render(context)
            with contextlib.suppress(Exception):  # a cache outage must never take a page down
                cache.set(key, html, seconds)
        return mark_safe(html)  # noqa: S308 -- our own template's rendered (escaped) output


@register.tag
def pagefragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError("pagefragment takes one quoted name")
    nodelist = parser.parse(("endpagefragment",))
    parser.delete_first_token()
    return PageFragmentNode(bits[1][1:-1], nodelist)


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
