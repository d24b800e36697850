import re

import pytest

from . import factories as f

pytestmark = pytest.mark.django_db

THIRD_PARTY_SRC = re.compile(r'\bsrc="(?:https?:)?//(?!testserver)[^"]*"')


def test_campaign_page_renders_with_video_facades(client, home_fr):
    index = f.campaign_index(home_fr)
    page = f.campaign(index)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dope Talk" in html
    assert 'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1' in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html  # works without JavaScript
    assert THIRD_PARTY_SRC.search(html) is None, THIRD_PARTY_SRC.search(html).group(0)
    assert "<iframe" not in html
    assert "Read the transcript" in html or "transcription" in html.lower()
    assert 'class="help-cta"' in html
    assert 'type="application/ld+json" nonce="' in html
    assert '"VideoObject"' in html
