import io

import pytest
from django.core.management.color import no_style
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from campaigns import knowledge
from campaigns.models import CampaignPage, Mix, Quiz, SelfCheck, SubstancePage
from demo import campaigns as demo
from demo import home as home_demo
from home.models import HomePage

from . import factories as f

pytestmark = pytest.mark.django_db


def _load():
    out = io.StringIO()
    home_demo.load(stdout=out, style=no_style())
    demo.load(stdout=out, style=no_style())
    return out.getvalue()


def _counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "mixes": Mix.objects.count(),
        "quizzes": Quiz.objects.count(),
        "self_checks": SelfCheck.objects.count(),
    }


def _assert_the_campaign_is_complete(campaign, locales, counts):
    episodes = next(b for b in campaign.body if b.block_type == "episodes").value["episodes"]
    assert len(episodes) >= 3
    assert campaign.get_translation(locales["nl"]).live
    assert SubstancePage.objects.filter(locale=locales["nl"]).count() >= 30
    assert counts["mixes"] == 2 * len(knowledge.validate_all()["mixes"]["mix"])
    home = HomePage.objects.get(locale=locales["fr"])
    assert home.featured_campaign_id == campaign.pk


def _assert_every_page_renders(client, campaign, locales):
    html = f.text(client.get("/fr/"))
    assert "Produits de A à Z" in html  # in the header menu
    assert ">Campagnes<" in html
    for lang in ("fr", "nl"):
        page = campaign.get_translation(locales[lang])
        response = client.get(page.url)
        assert response.status_code == 200
        assert f.text(response).count('class="episode"') == 3
    for sheet in SubstancePage.objects.all():
        assert client.get(sheet.url).status_code == 200
        assert sheet.sources, sheet


def test_demo_is_complete_and_idempotent(client, locales):
    _load()
    first = _counts()
    _load()
    assert _counts() == first
    campaign = CampaignPage.objects.get(code="dope-talk-2026", locale=locales["fr"])
    _assert_the_campaign_is_complete(campaign, locales, first)
    _assert_every_page_renders(client, campaign, locales)
