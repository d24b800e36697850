"""One source for a campaign's code: the campaign page's. Influencer posts and poster/QR links that point to a
campaign page carry its code as utm_campaign, so their visits reach that page's report (the demo's posts once
carried "dope-talk-demo" while the page said "dope-talk-2026", and no demo scan reached a report)."""

import datetime as dt
import io

import pytest
from django.core.management.color import no_style
from django.utils import timezone

from campaigns.scheduling import links
from campaigns.scheduling.models import Deliverable, Influencer, TrackedLink
from demo import scheduling as demo
from tests.campaigns import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign_page(home_fr):
    return f.campaign(f.campaign_index(home_fr), code="night-out-2026")


def test_posts_and_posters_take_the_campaign_pages_code(campaign_page, home_fr):
    influencer = Influencer.objects.create(name="Test I.", email="i@example.org")
    deliverable = Deliverable.objects.create(
        campaign_page=campaign_page,
        campaign_code="typed-by-hand",
        influencer=influencer,
        platform="tiktok",
        planned_at=timezone.now() + dt.timedelta(days=3),
    )
    poster = TrackedLink.objects.create(
        code="poster-x", hotspot_slug="gare-du-midi", campaign_page=campaign_page, campaign_code="other"
    )
    assert deliverable.campaign_code == poster.campaign_code == "night-out-2026"
    assert links.utm_for_poster(poster)["utm_campaign"] == "night-out-2026"
    # A page that is not a campaign page has no code to give: the typed one stays.
    other = TrackedLink.objects.create(
        code="poster-y", hotspot_slug="gare-du-midi", campaign_page=home_fr, campaign_code="typed"
    )
    assert other.campaign_code == "typed"
    assert ("night-out-2026", f"{campaign_page.title} (night-out-2026)") in links.campaign_code_choices()


def test_the_demo_plan_uses_the_campaign_pages_code(campaign_page):
    demo.load(stdout=io.StringIO(), style=no_style())
    assert set(Deliverable.objects.values_list("campaign_code", flat=True)) == {"night-out-2026"}
    assert set(TrackedLink.objects.values_list("campaign_code", flat=True)) == {"night-out-2026"}
