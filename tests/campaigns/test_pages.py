import json
import re

import pytest

from . import factories as f

pytestmark = pytest.mark.django_db

THIRD_PARTY_SRC = re.compile(r'\bsrc="(?:https?:)?//(?!testserver)[^"]*"')


@pytest.fixture
def campaign_html(client, home_fr):
    index = f.campaign_index(home_fr)
    page = f.campaign(index)
    response = client.get(page.url)
    assert response.status_code == 200
    return f.text(response)


def test_campaign_page_renders_with_video_facades(campaign_html):
    html = campaign_html
    assert "Dope Talk" in html
    assert 'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1' in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html  # works without JavaScript
    assert THIRD_PARTY_SRC.search(html) is None, THIRD_PARTY_SRC.search(html).group(0)
    assert "<iframe" not in html


def test_campaign_page_offers_the_transcript_help_and_video_data(campaign_html):
    html = campaign_html
    assert f.t("Read the transcript") in html
    assert 'class="help-cta"' in html
    assert '<script type="application/ld+json">' in html
    assert '"VideoObject"' in html


def test_help_is_shown_once_and_anchored(client, home_fr):
    page = f.campaign(f.campaign_index(home_fr))  # the body has a help block
    html = f.text(client.get(page.url))
    assert html.count('class="help-cta"') == 1
    assert 'href="#help"' in html and 'id="help"' in html
    page.body = [b for b in page.body.raw_data if b["type"] != "help"]
    page.save_revision().publish()
    html = f.text(client.get(page.url))
    assert html.count('class="help-cta"') == 1 and 'id="help"' in html


def test_json_ld_is_a_data_block_without_nonce(client, home_fr):
    """JSON-LD is never executed, so the strict CSP does not need a nonce for it; without one the page can be
    kept by the page cache."""
    sheet = f.substance(f.substance_index(home_fr), "Cocaïne", "coke, C")
    response = client.get(sheet.url)
    html = f.text(response)
    assert 'nonce="' not in html
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    data = json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "MedicalWebPage"
    assert data["about"] == {"@type": "Drug", "name": "Cocaïne", "alternateName": ["coke", "C"]}
