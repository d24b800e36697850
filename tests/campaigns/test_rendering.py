"""Rendering in FR and NL, query counts that do not grow, page weight, privacy of the video facades."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from campaigns.models import AlertPage, ArticlePage

from . import factories as f

pytestmark = pytest.mark.django_db

THIRD_PARTY_SRC = re.compile(r'\bsrc="(?:https?:)?//[^"]*"', re.I)


def translate_tree(page, locale):
    translated = page.copy_for_translation(locale, copy_parents=True)
    translated.save_revision().publish()
    return translated


def test_every_page_type_renders_in_fr_and_nl(client, home_fr, locales):
    campaigns = f.campaign_index(home_fr)
    substances = f.substance_index(home_fr)
    sheet = f.substance(substances, "Alcool", "bibine")
    pages = [
        campaigns,
        substances,
        sheet,
        f.campaign(campaigns, substances=[sheet]),
        f.publish(campaigns, ArticlePage(title="Témoignage", slug="temoignage", kind="story")),
        f.publish(campaigns, ArticlePage(title="Un ami", slug="ami", kind="friend")),
        f.publish(campaigns, AlertPage(title="Alerte", slug="alerte", severity="danger")),
    ]
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page
        assert '<html lang="fr">' in f.text(response)
    for page in pages:
        translated = page.get_translation_or_none(locales["nl"]) or translate_tree(page, locales["nl"])
        response = client.get(translated.url)
        assert response.status_code == 200, translated
        html = f.text(response)
        assert '<html lang="nl">' in html
        assert 'class="help-cta"' in html or page.specific_class.__name__.endswith("IndexPage")


def test_related_substances_are_localised(client, home_fr, locales):
    sheet = f.substance(f.substance_index(home_fr), "Alcool")
    campaign = f.campaign(f.campaign_index(home_fr), substances=[sheet])
    sheet_nl = translate_tree(sheet, locales["nl"])
    sheet_nl.title = "Alcohol"
    sheet_nl.save_revision().publish()
    campaign_nl = translate_tree(campaign, locales["nl"])
    html = f.text(client.get(campaign_nl.url))
    assert f'href="{sheet_nl.url}"' in html and ">Alcohol<" in html


def test_no_third_party_request_before_a_tap(client, home_fr):
    image = f.make_image("tt")
    extra = [
        {
            "type": "video",
            "value": f.video(image, "https://www.tiktok.com/@safe.brussels/video/123", "tiktok"),
        },
        {"type": "video", "value": f.video(image, "https://www.instagram.com/reel/abc/", "instagram")},
    ]
    page = f.campaign(f.campaign_index(home_fr), extra=extra)
    html = f.text(client.get(page.url))
    assert THIRD_PARTY_SRC.search(html) is None
    assert "<iframe" not in html and '<script src="http' not in html
    assert 'href="https://www.tiktok.com/@safe.brussels/video/123"' in html
    assert f.t("Watch “%(title)s” on %(provider)s", title="Épisode", provider="TikTok") in html


def test_campaign_query_count_independent_of_episodes(
    client, home_fr, locales, django_assert_max_num_queries
):
    index = f.campaign_index(home_fr)
    quiz = f.quiz(locales["fr"])
    sheets = f.substance_index(home_fr)
    related = [f.substance(sheets, name) for name in ("Alcool", "Cannabis")]
    one = f.campaign(index, code="one", episodes=1, quiz=quiz, substances=related[:1])
    ten = f.campaign(index, code="ten", episodes=10, quiz=quiz, substances=related)
    client.get(one.url)
    client.get(ten.url)  # renditions are generated on the first view
    with django_assert_max_num_queries(45) as small:
        client.get(one.url)
    with django_assert_max_num_queries(45) as large:
        response = client.get(ten.url)
    assert f.text(response).count('class="episode"') == 10
    assert len(large.captured_queries) == len(small.captured_queries)


def test_az_index_query_count_independent_of_substances(client, home_fr, django_assert_max_num_queries):
    index = f.substance_index(home_fr)
    for name in ("Alcool", "Cannabis"):
        f.substance(index, name, "x, y")
    client.get(index.url)
    with django_assert_max_num_queries(30) as small:
        client.get(index.url)
    for name in ("Cocaïne", "Crack", "GHB", "Kétamine", "MDMA", "Protoxyde d'azote", "Éther", "2C-B"):
        f.substance(index, name)
    client.get(index.url)  # new pages dropped the memoised site shell: warm it again
    with django_assert_max_num_queries(30) as large:
        html = f.text(client.get(index.url))
    assert len(large.captured_queries) == len(small.captured_queries)
    # Letter navigation: É sorts under E; digits under #.
    assert 'href="#letter-e"' in html and 'id="letter-other"' in html
    assert html.index("Éther") < html.index("GHB")


def test_page_weight_budget(client, home_fr, locales):
    """First load of a campaign page with 3 episodes: HTML + CSS + JS + eager images ≤ 150 KiB; JS ≤ 30 KiB."""
    page = f.campaign(f.campaign_index(home_fr), quiz=f.quiz(locales["fr"]))
    html = client.get(page.url).content.decode()
    static_root = Path(settings.BASE_DIR) / "static"
    js = sum((static_root / p).stat().st_size for p in ("js/site.js", "campaigns/campaigns.js"))
    css = sum((static_root / p).stat().st_size for p in ("css/site.css", "campaigns/campaigns.css"))
    assert js <= 30 * 1024
    eager_images = 0  # posters are lazy; only the hero poster is in the first viewport
    hero = re.search(r'<img src="(/[^"]+)"', html)
    if hero:
        eager_images = (
            (Path(settings.MEDIA_ROOT) / hero.group(1).removeprefix(settings.MEDIA_URL)).stat().st_size
        )
    total = len(html.encode()) + js + css + eager_images
    assert total <= 150 * 1024, total
