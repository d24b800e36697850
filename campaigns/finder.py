"""The site's one search: what the home box, the header box and the prevention pages send to one results page.

`find` reads the query once with `home.lexicon` (substances and their slang in both languages, needs, crisis
words; accents, case and typos aside) and answers, in the page's language:

1. help: the matching directory services, open ones first (`resources.selectors.text_q`, the directory's own
   text filter, so "all N services" opens the directory on the same rows), and the helplines when the query is
   about a substance or a crisis;
2. then fact sheets (the substances understood, in the page's language), campaign pages, articles and alerts
   (Wagtail search: PostgreSQL full text on PostgreSQL), and quizzes.

The number of queries does not depend on the number of pages or services (tests/campaigns/test_one_search.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.apps import apps
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import Page

from home import lexicon
from home.memo import remember

from .models import AlertPage, ArticlePage, CampaignPage, Quiz, SubstancePage

logger = logging.getLogger(__name__)

MAX_PAGES = 30
MAX_SERVICES = 4
FTS_SPECIAL = str.maketrans(dict.fromkeys("\"*^():{}[]-+~\\'!&|<>@,;?./=%$#", " "))


@dataclass
class Found:
    query: str
    understanding: lexicon.Understanding
    services: list = field(default_factory=list)  # resources.selectors.Result with card and status
    service_count: int = 0
    directory_url: str = ""
    pages: list = field(default_factory=list)  # {"page", "kind"}
    quizzes: list = field(default_factory=list)  # {"title", "url"}

    @property
    def show_helplines(self) -> bool:
        return self.understanding.crisis or bool(self.understanding.substances)

    @property
    def empty(self) -> bool:
        return not (self.services or self.pages or self.quizzes)


def find(query: str, *, locale, now=None) -> Found:
    understanding = lexicon.understand(query)
    found = Found(query=query, understanding=understanding)
    found.pages = _pages(query, understanding, locale)
    found.quizzes = _quizzes(query, understanding, locale)
    if apps.is_installed("resources"):
        _services(found, locale, now or timezone.now())
    return found


def _full_text_ids(query: str, locale) -> list[int]:
    """Wagtail search (the backend's query syntax neutralised; a backend error degrades to nothing)."""
    text = " ".join(query.translate(FTS_SPECIAL).split())
    if not text:
        return []
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=locale)
        .type(CampaignPage, ArticlePage, SubstancePage, AlertPage)
    )
    try:
        with transaction.atomic():
            return [p.pk for p in pages.search(text, operator="or")[:MAX_PAGES]]
    except DatabaseError:
        logger.warning("search: backend error on a visitor query (query not logged)")
        return []


def _pages(query: str, understanding, locale) -> list[dict]:
    """The fact sheets of the substances understood first, then the full-text matches (for the words not
    understood, or when nothing was)."""
    ids = _sheet_ids(understanding, locale)
    if understanding.free_words or not understanding.understood:
        ids += [pk for pk in _full_text_ids(query, locale) if pk not in ids]
    return _page_entries(ids[:MAX_PAGES])


def _sheet_ids(understanding, locale) -> list[int]:
    """The ids of the fact sheets of the substances understood, in the page's language, in the lexicon's order."""
    if not understanding.substances:
        return []
    sheets = dict(
        SubstancePage.objects.live()
        .public()
        .filter(locale=locale, translation_key__in=understanding.substances)
        .values_list("translation_key", "pk")
    )
    return [sheets[key] for key in _uuids(understanding.substances, sheets) if key in sheets]


def _page_entries(ids: list[int]) -> list[dict]:
    """{"page", "kind"} of each page, in the order of the ids (one query)."""
    if not ids:
        return []
    specific = Page.objects.filter(pk__in=ids).specific().in_bulk()
    return [{"page": specific[pk], "kind": specific[pk]._meta.verbose_name} for pk in ids if pk in specific]


def _uuids(keys: list[str], by_uuid: dict) -> list:
    """The lexicon keeps keys as text; the database gives UUIDs: the UUIDs in the lexicon's order."""
    by_text = {str(uuid): uuid for uuid in by_uuid}
    return [by_text[key] for key in keys if key in by_text]


def _quizzes(query: str, understanding, locale) -> list[dict]:
    """Quizzes whose title has a word of the query (typos aside) or names a substance understood."""
    typed = [w for w in lexicon.words(query) if w not in lexicon.STOP_WORDS and len(w) >= 3]
    names = lexicon.substance_names(understanding.substances)
    if not typed and not names:
        return []
    rows = Quiz.objects.filter(locale=locale, live=True).order_by("title").values_list("pk", "title")
    out = [
        {"title": title, "url": reverse("campaigns:quiz", args=[pk])}
        for pk, title in rows
        if _title_matches(title, typed, names)
    ]
    return out[:6]


def _title_matches(title: str, typed: list[str], names) -> bool:
    """The title names a substance understood, or has a word matching a word typed (typos aside)."""
    title_words = lexicon.words(title)
    flat = " ".join(title_words)
    return any(name in flat for name in names) or any(
        lexicon.word_matches(word, name) for word in typed for name in title_words
    )


def _services(found: Found, locale, now) -> None:
    from django.db.models import Case, IntegerField, Value, When

    from resources.cards import attach_cards
    from resources.models import Category
    from resources.selectors import SearchResults, open_now_q, services_in, text_q

    categories = remember("resources:categories", lambda: list(Category.objects.all())) or []
    matching = services_in(locale=locale).filter(text_q(found.query, categories, found.understanding))
    ordered = matching.annotate(
        closed=Case(
            When(open_now_q(matching, now), then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("closed", "name", "pk")
    results = SearchResults(ordered, matches=matching)
    results.read_page(1, MAX_SERVICES)
    found.service_count = results.count()
    found.services = attach_cards(list(results[:MAX_SERVICES]), now=now) if found.service_count else []
    found.directory_url = reverse("resources:search") + "?" + urlencode({"q": found.query})
