"""Nothing is wider than the phone, and help is one tap away: every public page type, in French and in Dutch, at
320, 360 and 390 px, is no wider than the screen, shows a call link (a helpline, 112 or the poison centre) in its
first screen, lists the helplines once, and shows no words of the other language's interface.

The pages are found as a visitor finds them, by following the links of the site from its home pages (one page per
URL shape: `/fr/aide/service/37/` stands for every service page; every fact sheet is kept, since each has its own
tables), so a new page type is checked without editing this test.
"""

import re
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

WIDTHS = (320, 360, 390)
SEEDS = {
    "fr": [
        "/fr/",
        "/fr/aide/",
        "/fr/aide/quartiers/",
        "/fr/orientation/",
        "/fr/prevention/mix/",
        "/fr/produits/",
    ],
    "nl": [
        "/nl/",
        "/nl/hulp/",
        "/nl/hulp/buurten/",
        "/nl/doorverwijzing/",
        "/nl/prevention/mix/",
        "/nl/middelen/",
    ],
}
MAX_PAGES = 45  # per language
HREF = re.compile(r'href="([^"#?]+)"')
LOCALE = Path(__file__).resolve().parents[2] / "locale"


@cache
def _foreign_phrases(language: str) -> frozenset[str]:
    """The other language's interface phrases (its catalogue's translations of two words or more) that this
    language's catalogue never uses: one of them on a page means a string escaped translation or the wrong catalogue
    was active."""
    import polib

    def phrases(code):
        return {
            e.msgstr.strip()
            for e in polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))
            if e.msgstr
            and not e.obsolete
            and "%" not in e.msgstr
            and "{" not in e.msgstr
            and "<" not in e.msgstr
        }

    other = "nl" if language == "fr" else "fr"
    own = phrases(language)
    own_text = "\n".join(own)
    return frozenset(
        p for p in phrases(other) - own if len(p) >= 14 and " " in p and "\n" not in p and p not in own_text
    )


def _other_language_ui(page, language: str) -> list[str]:
    """Visible text outside elements marked as another language (the switcher, slang, names), checked against
    the other language's interface phrases."""
    text = page.evaluate(
        """(lang) => { const parts = []; const walk = (node) => {
            for (const child of node.childNodes) {
              if (child.nodeType === 3) parts.push(child.textContent);
              else if (child.nodeType === 1 && !['SCRIPT', 'STYLE', 'TEMPLATE'].includes(child.tagName)
                       && (child.getAttribute('lang') || lang).startsWith(lang)) walk(child);
            } }; walk(document.body); return parts.join(' ').replace(/\\s+/g, ' '); }""",
        language,
    )
    return sorted(p for p in _foreign_phrases(language) if p in text)


def _shape(path: str) -> str:
    shape = re.sub(r"/\d+/", "/N/", path)
    return path if "/produits/" in path or "/middelen/" in path else shape


def _pages(request_context, base_url: str, language: str) -> list[str]:
    found, shapes, queue = [], set(), list(SEEDS[language])
    while queue and len(found) < MAX_PAGES:
        path = queue.pop(0)
        if _shape(path) in shapes:
            continue
        response = request_context.get(path)
        if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        shapes.add(_shape(path))
        found.append(path)
        for href in HREF.findall(response.text()):
            url = urlsplit(urljoin(base_url + path, href))
            if url.netloc == urlsplit(base_url).netloc and url.path.startswith(f"/{language}/"):
                queue.append(url.path)
    return found


def _too_wide(page, width: int, path: str):
    """(width, path, the page's width, the last element past the edge) when the page is wider than `width`."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width <= width:
        return None
    culprit = page.evaluate(
        """(w) => { const e = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 0.5).pop();
            return e ? e.tagName + '.' + e.className : ''; }""",
        width,
    )
    return (width, path, scroll_width, culprit)


def _first_call_bottom(page) -> float:
    """Where the first visible call link (tel:) ends, from the top of the page."""
    return page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('a[href^="tel:"]')]
            .map(a => a.getBoundingClientRect()).filter(r => r.width > 0).map(r => r.bottom))"""
    )


def _check_page(page, path: str, width: int, language: str, found: dict) -> None:
    """Open `path` at `width` and add what is wrong with it to `found`'s lists."""
    page.goto(path)
    if wide := _too_wide(page, width, path):
        found["too_wide"].append(wide)
    first_call = _first_call_bottom(page)
    if first_call > 700:
        found["no_help"].append((width, path, first_call))
    if page.locator("ul.helplines").count() > 1:
        found["repeated"].append((width, path))
    if width == WIDTHS[0] and (words := _other_language_ui(page, language)):
        found["foreign"].append((path, words))


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_no_page_is_wider_than_the_phone(browser, live, language):
    context = browser.new_context(base_url=live.base_url, is_mobile=True, has_touch=True)
    pages = _pages(context.request, live.base_url, language)
    assert len(pages) >= 20, pages  # the crawl found the site's page types
    page = context.new_page()
    found = {"too_wide": [], "no_help": [], "repeated": [], "foreign": []}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 700})
        for path in pages:
            _check_page(page, path, width, language, found)
    context.close()
    assert found["too_wide"] == [], found["too_wide"]
    assert found["no_help"] == [], f"no call link in the first screen: {found['no_help']}"
    assert found["repeated"] == [], f"helplines listed more than once: {found['repeated']}"
    assert found["foreign"] == [], f"the other language's interface: {found['foreign']}"
