"""The campaign's look: the home hero and the campaign cards carry images, served as responsive AVIF/WebP/JPEG
renditions with their size set (the hero eager and first, the cards lazy)."""

import re

import pytest

from .factories import campaign, campaign_index, make_image

pytestmark = pytest.mark.django_db


def test_home_hero_shows_the_featured_campaigns_image_as_responsive_renditions(client, locales, home_fr):
    index = campaign_index(home_fr)
    page = campaign(index)
    page.share_image = make_image("share", color=(250, 210, 0))
    page.save_revision().publish()
    home_fr.featured_campaign = page
    home_fr.save_revision().publish()
    html = client.get("/fr/").content.decode()
    hero = re.search(r'<section class="hero hero--campaign">.*?</section>', html, re.S).group(0)
    assert 'type="image/avif"' in hero and 'type="image/webp"' in hero
    assert 'fetchpriority="high"' in hero and 'loading="lazy"' not in hero
    assert 'width="360"' in hero and 'height="150"' in hero


def test_campaign_cards_have_lazy_thumbnails(client, locales, home_fr):
    index = campaign_index(home_fr)
    page = campaign(index)
    page.share_image = make_image("share")
    page.save_revision().publish()
    html = client.get(index.url).content.decode()
    card = re.search(r'<article class="card card--image">.*?</article>', html, re.S).group(0)
    assert 'type="image/avif"' in card and 'loading="lazy"' in card
    assert re.search(r'<img alt="" [^>]*height="\d+"[^>]*width="\d+"', card)
