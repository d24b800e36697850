"""A small crawler of the Wagtail admin for tests: follows the links of /admin/ from the dashboard (GET only),
visits one URL per kind of screen, and reads the visible text of each screen's main content.

Used by tests/security/test_admin_crawl.py (no 5xx for any role; no English or raw values in FR and NL)."""

from __future__ import annotations

import io
import json
import re
import time
from collections import deque
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Comment
from django.core.management import call_command
from django.db import transaction
from django.urls import Resolver404, resolve

ADMIN = "/admin/"
# GET URLs that change state, end the session, leave the project's screens for a generic tool, or export
# files (spreadsheets are slow to build; tests/security/test_permission_matrix.py fetches several exports).
SKIP = re.compile(
    r"/logout/|/password_reset/|/mfa/|/rotate-feed/|/campaign-report/fetch/"
    r"|[?&]export=|/admin/(?:api|jsi18n|tag-autocomplete|sprite)/|/chooser/|/preview/|/userbar/|/unlock/|/lock/"
    r"|/move/(?:\d+/)?confirm|/revisions/\d+/(?:view|revert)|/compare/|/workflow/(?:enable|disable)"
)


RAW = {"True", "False", "None"}
# English words that are neither French nor Dutch ("in", "is", "of", "on", "or", "an", "de", "over", "open",
# "link", "week", "platform", "website", "poster", "table", "service", "contact", "date"... are not here).
_ENGLISH_WORDS = """
    the and with from your this that these those their there they them what which when where who why how
    are were been being has have will would could should shall can't don't doesn't isn't
    please click here more less yes true false none null
    add added edit edited delete deleted save saved cancel create created update updated by
    approval approve approved required rescheduled draft review reviewed requested submitted
    handle hidden address street number verify verified phone name level risk mixing
    report reports problem problems daily period tracked campaign campaigns planned done
    neighbourhood life search property visitors visits pageviews goal sheet sheets
    email summary language languages reach clicks today calendar my new old only also about after before
    between into out up down off under again then than other such some same own very every each any all
    not unknown yet
"""
ENGLISH = frozenset(_ENGLISH_WORDS.split())
# Proper nouns and loanwords used as such in French and Dutch (names of organisations, platforms, places).
ALLOWED = {
    "YouTube Shorts",
    "Instagram",
    "TikTok",
    "Snapchat",
    "Al-Anon",
    "social.brussels",
    "Brussels Prevention",  # WAGTAIL_SITE_NAME, the platform's name
    "Problem Gambling Severity Index",  # a validated instrument's published name (self-check PGSI)
    "id, name, organization",  # the import template's column names (HSDS field names)
}
# Wagtail's own screens: crawled for 5xx, their wording not judged here (Wagtail's catalogues).
WAGTAIL_ONLY = re.compile(
    r"^(wagtailusers_|wagtailsites|wagtaillocales|wagtailadmin_collections|wagtailredirects|"
    r"wagtailadmin_workflows:(?!index)|wagtailimages|wagtaildocs|wagtailadmin_account|"
    r"wagtailadmin_reports:(?!workflow)|wagtail_localize:"
    # Wagtail 8's page search says "1-20 of 37 None" (its model_name is None without a type filter)
    r"|wagtailadmin_pages:search)"
)
# A word; identifiers (campaign_code, utm_campaign: CSV columns, codes) are skipped.
WORD = re.compile(r"[\w'’]+")


def findings(text: str) -> list[str]:
    """The raw values and English words of a text, each with a little context."""
    for allowed in ALLOWED:
        text = text.replace(allowed, " ")
    found = []
    for match in WORD.finditer(text):
        word = match.group(0)
        if "_" in word or any(c.isdigit() for c in word):
            continue
        if word in RAW or word.lower() in ENGLISH:
            context = text[max(0, match.start() - 40) : match.end() + 40]
            found.append(f"{word!r} in …{context}…")
    return found


# Page views whose content depends on the page type (the others are the same screen for every type).
PAGE_FORMS = {"wagtailadmin_pages:edit", "wagtailadmin_pages:add"}


@dataclass
class Visit:
    url: str
    status: int
    key: str
    text: str = ""
    error: str = ""
    seconds: float = 0.0


@dataclass
class Crawl:
    visits: list[Visit] = field(default_factory=list)

    def server_errors(self) -> list[str]:
        return [f"{v.status} {v.url} {v.error}".strip() for v in self.visits if v.status >= 500]


def _page_type(page_id) -> str:
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    return page.specific_class.__name__ if page and page.specific_class else "?"


def _page_form_suffix(match) -> str:
    """The page type of a page edit or add form (and the content type its URL names), as `[…]` suffixes."""
    page_id = match.kwargs.get("page_id") or match.kwargs.get("parent_page_id") or (match.args or [None])[0]
    suffix = f"[{_page_type(page_id)}]" if page_id is not None else ""
    names = ("content_type_app_name", "content_type_model_name")
    return suffix + "".join(f"[{match.kwargs[name]}]" for name in names if name in match.kwargs)


def screen_key(path: str, query: str) -> str | None:
    """One key per kind of screen: the URL name, with the page type for the page edit and add forms.
    None: not an admin view."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    key = match.view_name or match.route
    if key in PAGE_FORMS:
        key += _page_form_suffix(match)
    return key


MAIN = re.compile(r"<main\b.*?</main>", re.S)
HREF = re.compile(r"""<a\b[^>]*?\bhref=["']([^"']+)["']""", re.S)
SIDEBAR = re.compile(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S)


def visible_text(html: str) -> str:
    """The text a person reads in the main content: no scripts, styles, templates, hidden parts, comments,
    attributes (data-*, values of hidden inputs) or the admin's menus."""
    found = MAIN.search(html)
    soup = BeautifulSoup(found.group(0) if found else html, "html.parser")
    # code, kbd, samp: identifiers (CSV columns, codes), not words of a language
    for node in soup.find_all(["script", "style", "template", "noscript", "svg", "code", "kbd", "samp"]):
        node.decompose()
    for node in soup.find_all(attrs={"hidden": True}):
        node.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    return re.sub(r"\s+", " ", soup.get_text(" ")).strip()


def _sidebar(html: str) -> tuple[list[str], list[str]]:
    """The menu's URLs and labels: Wagtail renders its sidebar from a JSON script (wagtail-sidebar-props)."""
    urls: list[str] = []
    labels: list[str] = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str):
            if key == "url" or value.startswith(ADMIN):
                urls.append(value)
            elif key == "label":
                labels.append(value)

    found = SIDEBAR.search(html)
    if found:
        walk(json.loads(found.group(1)))
    return urls, labels


def menu_labels(html: str) -> list[str]:
    return _sidebar(html)[1]


def links(html: str, base: str) -> list[str]:
    found = []
    for raw in [unescape(h) for h in HREF.findall(html)] + _sidebar(html)[0]:
        href = urljoin(base, raw)
        parts = urlsplit(href)
        if parts.netloc not in ("", "testserver") or not parts.path.startswith(ADMIN):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _new_screen(
    url: str, seen_urls: set[str], seen_keys: set[str], skip_keys: re.Pattern | None
) -> str | None:
    """The screen key of `url` when it is a screen still to visit (the URL and the key are then seen), else None."""
    if url in seen_urls or SKIP.search(url):
        return None
    seen_urls.add(url)
    parts = urlsplit(url)
    key = screen_key(parts.path, parts.query)
    if key is None or key in seen_keys or (skip_keys is not None and skip_keys.match(key)):
        return None
    seen_keys.add(key)
    return key


def _visit(client, url: str, key: str, read_text: bool) -> tuple[Visit, list[str]]:
    """GET one screen: its Visit, and the admin links of its page (an HTML page that answered 200)."""
    started = time.monotonic()
    try:
        response = client.get(url)
    except Exception as exc:  # the test client re-raises the view's exception: a 500 in production
        return Visit(url, 500, key, error=f"{type(exc).__name__}: {exc}"), []
    visit = Visit(url, response.status_code, key, seconds=time.monotonic() - started)
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return visit, []
    html = response.content.decode()
    if read_text:
        visit.text = visible_text(html)
    return visit, links(html, url)


def crawl(
    client,
    *,
    start: str = ADMIN,
    extra: tuple[str, ...] = (),
    limit: int = 400,
    read_text: bool = True,
    skip_keys: re.Pattern | None = None,
) -> Crawl:
    """Breadth-first from `start` (and `extra`), one URL per screen_key, at most `limit` screens; `read_text`:
    keep each screen's visible text (Visit.text); `skip_keys`: screens not visited at all."""
    result = Crawl()
    seen_keys: set[str] = set()
    seen_urls: set[str] = set()
    queue = deque([start, *extra])
    while queue and len(result.visits) < limit:
        url = queue.popleft()
        key = _new_screen(url, seen_urls, seen_keys, skip_keys)
        if key is None:
            continue
        visit, found = _visit(client, url, key, read_text)
        result.visits.append(visit)
        queue.extend(found)
    return result


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The demo (`load_demo`), loaded once for a test module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "--password", "x-demo-password-1", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
