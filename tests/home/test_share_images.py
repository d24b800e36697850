"""Every page declares a share card (og:image) in its language: its own share image, or the default card of its
page type drawn by home/share_images.py and committed under static/img/share/."""

import re
from pathlib import Path

import pytest
from PIL import Image

from home.share_images import KINDS, draw

pytestmark = pytest.mark.django_db
STATIC = Path(__file__).resolve().parents[2] / "static" / "img" / "share"


@pytest.mark.parametrize("language", ["fr", "nl"])
@pytest.mark.parametrize("kind", KINDS)
def test_default_cards_exist_at_the_share_size(kind, language):
    path = STATIC / f"{kind}-{language}.png"
    with Image.open(path) as image:
        assert image.size == (1200, 630)
    assert path.stat().st_size < 100_000


def test_cards_are_drawn_in_their_language():
    fr, nl = draw("directory", "fr"), draw("directory", "nl")
    assert fr.size == nl.size == (1200, 630)
    assert fr.tobytes() != nl.tobytes()


def test_pages_without_their_own_image_declare_the_default_card(client, locales, home_fr):
    html = client.get("/fr/").content.decode()
    assert re.search(r'<meta property="og:image" content="https?://[^/"]+/static/img/share/home-fr', html)
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    directory = client.get("/nl/hulp/").content.decode()
    assert re.search(
        r'<meta property="og:image" content="https?://[^/"]+/static/img/share/directory-nl', directory
    )
