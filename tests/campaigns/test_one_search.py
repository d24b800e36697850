"""The one search (campaigns/finder.py, home/lexicon.py) on the demo content: real queries a young person or a
worker types, in French and Dutch, with the first results they must get. Runs on SQLite and, in CI, PostgreSQL."""

import io

import pytest
from django.core.management.color import no_style
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from campaigns import finder
from campaigns.models import SubstancePage
from demo import campaigns as campaigns_demo
from demo import directory as resources_demo
from demo import home as home_demo
from home import lexicon
from resources.models import Service
from tests.url_input import refused

from . import factories as f

pytestmark = pytest.mark.django_db

# (language, query, first fact sheet's title or None, a category of the first service or None, helplines first)
CRISIS = "crisis"
QUERIES = [
    # French site: slang in both languages, accents or not, case, typos
    ("fr", "coke", "Cocaïne", "harm_reduction|treatment_care", True),
    ("fr", "Coke", "Cocaïne", "harm_reduction|treatment_care", True),
    ("fr", "cocaine", "Cocaïne", None, True),
    ("fr", "COCAÏNE", "Cocaïne", None, True),
    ("fr", "kokaine", "Cocaïne", None, True),
    ("fr", "blanche", "Cocaïne", None, True),
    ("fr", "beuh", "Cannabis", "harm_reduction|treatment_care", True),
    ("fr", "wiet", "Cannabis", None, True),
    ("fr", "canabis", "Cannabis", None, True),
    ("fr", "shit", "Cannabis", None, True),
    ("fr", "keta", "Kétamine", None, True),
    ("fr", "kéta", "Kétamine", None, True),
    ("fr", "ketamine", "Kétamine", None, True),
    ("fr", "spécial k", "Kétamine", None, True),
    ("fr", "taz", "MDMA / ecstasy", None, True),
    ("fr", "ecstasy", "MDMA / ecstasy", None, True),
    ("fr", "xtc", "MDMA / ecstasy", None, True),
    ("fr", "proto", "Protoxyde d'azote", None, True),
    ("fr", "lachgas", "Protoxyde d'azote", None, True),
    ("fr", "bibine", "Alcool", None, True),
    ("fr", "ghb", "GHB / GBL", None, True),
    ("fr", "caillou", "Crack", None, True),
    ("fr", "la coke c'est dangereux", "Cocaïne", None, True),
    # French site: needs and crises
    ("fr", "emploi", None, "socio_professional_reinsertion", False),
    ("fr", "travail", None, "socio_professional_reinsertion", False),
    ("fr", "trouver un job", None, "socio_professional_reinsertion", False),
    ("fr", "logement", None, "housing_shelter", False),
    ("fr", "Hébergement", None, "housing_shelter", False),
    ("fr", "dormir", None, "housing_shelter", False),
    ("fr", "psy", None, "mental_health", False),
    ("fr", "suicide", None, None, CRISIS),
    ("fr", "envie de mourir", None, None, CRISIS),
    ("fr", "overdose", None, None, CRISIS),
    # Dutch site
    ("nl", "wiet", "Cannabis", "harm_reduction|treatment_care", True),
    ("nl", "beuh", "Cannabis", None, True),
    ("nl", "coke", "Cocaïne", None, True),
    ("nl", "cocaine", "Cocaïne", None, True),
    ("nl", "sneeuw", "Cocaïne", None, True),
    ("nl", "keta", "Ketamine", None, True),
    ("nl", "kétamine", "Ketamine", None, True),
    ("nl", "pillen", "MDMA / xtc", None, True),
    ("nl", "lachgas", "Lachgas", None, True),
    ("nl", "proto", "Lachgas", None, True),
    ("nl", "drank", "Alcohol", None, True),
    ("nl", "alcohol", "Alcohol", None, True),
    ("nl", "werk", None, "socio_professional_reinsertion", False),
    ("nl", "opleiding", None, "socio_professional_reinsertion", False),
    ("nl", "wonen", None, "housing_shelter", False),
    ("nl", "woning", None, "housing_shelter", False),
    ("nl", "dakloos", None, "housing_shelter", False),
    ("nl", "zelfmoord", None, None, CRISIS),
    ("nl", "overdosis", None, None, CRISIS),
]


def _load_demo():
    out = io.StringIO()
    home_demo.load(stdout=out, style=no_style())
    campaigns_demo.load(stdout=out, style=no_style())
    resources_demo.load(stdout=out, style=no_style())


def _find(lang, query):
    with translation.override(lang):
        return finder.find(query, locale=Locale.objects.get(language_code=lang))


def _sheet_failures(lang, query, found, sheet):
    """The first page found, when a fact sheet is expected first."""
    if sheet is None or (found.pages and found.pages[0]["page"].title == sheet):
        return []
    first_sheet = next((r["page"] for r in found.pages if isinstance(r["page"], SubstancePage)), None)
    return [f"{lang} {query!r}: first page {found.pages[:1]} (fact sheet {first_sheet}), not {sheet}"]


def _category_failures(lang, query, found, category):
    """The first service's categories, when one of `category` (codes separated by |) is expected."""
    if category is None:
        return []
    first = found.services[0].service_id if found.services else None
    codes = set(Service.objects.filter(pk=first).values_list("categories__code", flat=True) if first else [])
    if codes & set(category.split("|")):
        return []
    return [f"{lang} {query!r}: first service {first} in {codes}, not {category}"]


def _helpline_failures(lang, query, found, helplines):
    """CRISIS: read as a crisis; True: helplines offered; False: not read as a crisis; None: either."""
    failures = []
    if helplines == CRISIS and not found.understanding.crisis:
        failures.append(f"{lang} {query!r}: not read as a crisis")
    if helplines is True and not found.show_helplines:
        failures.append(f"{lang} {query!r}: helplines not offered")
    if helplines is False and found.understanding.crisis:
        failures.append(f"{lang} {query!r}: read as a crisis")
    return failures


def test_real_queries_give_the_right_first_results(locales):
    _load_demo()
    failures = []
    for lang, query, sheet, category, helplines in QUERIES:
        found = _find(lang, query)
        failures += _sheet_failures(lang, query, found, sheet)
        failures += _category_failures(lang, query, found, category)
        failures += _helpline_failures(lang, query, found, helplines)
    score = len(QUERIES) - len({failure.split(":")[0] for failure in failures})
    assert not failures, f"score {score}/{len(QUERIES)}:\n" + "\n".join(failures)
    assert len(QUERIES) >= 40


def test_the_results_page_shows_help_first_then_reading(client, locales):
    _load_demo()
    with translation.override("fr"):
        url = reverse("campaigns:search")
    html = client.get(url, {"q": "coke"}).content.decode()
    help_at, sheet_at = html.index('id="search-help-title"'), html.index("Cocaïne")
    assert help_at < html.index('id="search-read-title"')
    assert 'href="tel:' in html[help_at:]
    assert 'class="service-card"' in html
    assert sheet_at > 0
    assert "/fr/aide/?q=coke" in html  # all the services, in the directory, with its filters
    # The directory offers the fact sheet for the same query; its analytics event carries codes only.
    directory = client.get("/fr/aide/", {"q": "coke"}).content.decode()
    assert "directory-sheets" in directory and "Cocaïne" in directory
    heading = directory[directory.index('id="results-heading"') :].split(">", 1)[0]
    assert 'data-event="Directory search"' in heading and 'data-prop-results="some"' in heading
    assert "coke" not in heading.casefold()


def test_autocomplete_follows_the_same_rules(client, locales):
    _load_demo()

    def titles(lang, q):
        with translation.override(lang):
            url = reverse("campaigns:autocomplete")
        return [r["title"] for r in client.get(url, {"q": q}).json()["results"]]

    assert titles("fr", "keta")[0] == "Kétamine"
    assert titles("fr", "coca")[0] == "Cocaïne"  # a prefix, without the accent
    assert titles("fr", "cocaine")[0] == "Cocaïne"
    assert titles("fr", "wiet")[0] == "Cannabis"  # Dutch slang on the French site
    assert titles("nl", "beuh")[0] == "Cannabis"  # French slang on the Dutch site
    assert titles("fr", "ketamien")[0] == "Kétamine"  # a typo
    assert titles("nl", "werk")[0] == "Socioprofessionele re-integratie"
    assert titles("fr", "zz") == []


def test_new_slang_is_read_from_the_pages(home_fr, locales):
    index = f.substance_index(home_fr)
    f.substance(index, "Poppers", "rush, nitrite")
    found = _find("fr", "rush")
    assert [r["page"].title for r in found.pages][:1] == ["Poppers"]
    assert lexicon.understand("nitrites").substances  # one typo


@pytest.mark.parametrize(
    "q",
    [
        "a" * 5000,
        "' OR 1=1 --",
        '"unbalanced',
        "*",
        "%%%",
        "🙂" * 200,
        "AND OR NOT",
        "k",
        "de la",
        "\\",
        "<script>alert(1)</script>",
        "@@@@",
        "coke:*",
        "co!ke & | ()",
        "ﬁ",
        "ǅ",
        "١٢٣",
        "\t\n",
    ],
)
def test_no_query_causes_an_error(client, home_fr, locales, q):
    index = f.substance_index(home_fr)
    f.substance(index, "Cocaïne", "coke, C")
    expected = 400 if refused("", {"q": q}) else 200
    for name in ("campaigns:search", "campaigns:autocomplete", "resources:search"):
        for lang in ("fr", "nl"):
            with translation.override(lang):
                url = reverse(name)
            assert client.get(url, {"q": q}).status_code == expected, (name, lang, q)


def test_query_count_does_not_depend_on_the_amount_of_content(
    client, home_fr, locales, django_assert_max_num_queries, make_service
):
    index = f.substance_index(home_fr)
    f.substance(index, "Cocaïne", "coke, C")
    make_service("Aide drogue 0")
    with translation.override("fr"):
        url = reverse("campaigns:search")
    client.get(url, {"q": "coke"})
    with django_assert_max_num_queries(60) as few:
        client.get(url, {"q": "coke"})
    for i in range(1, 6):
        f.substance(index, f"Produit {i}", f"coke{i}")
        make_service(f"Aide drogue {i}")
    client.get(url, {"q": "coke"})  # new content dropped the memo: warm it again
    with django_assert_max_num_queries(60) as many:
        html = client.get(url, {"q": "coke"}).content.decode()
    assert "Aide drogue" in html
    assert len(many.captured_queries) == len(few.captured_queries)


def test_full_text_ignores_accents_on_both_databases(home_fr, locales):
    campaign = f.campaign(f.campaign_index(home_fr), title="Prévention à l’école")
    found = _find("fr", "prevention ecole")
    assert [r["page"].pk for r in found.pages][:1] == [campaign.pk]
