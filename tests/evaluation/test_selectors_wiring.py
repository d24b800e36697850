"""The evaluation reads the directory's hotspots and the campaign pages (one place: evaluation/selectors.py)."""

import datetime as dt

import pytest
from django.utils import translation

from evaluation import selectors
from resources.geography import load_geography
from resources.models import Hotspot
from tests.campaigns.factories import campaign_index, publish

pytestmark = pytest.mark.django_db


def test_fallback_table_while_the_directory_is_empty(locales):
    assert selectors.hotspot("gare-du-midi").quartier_codes == ("804",)


def test_hotspots_come_from_the_directory_in_the_visitors_language(locales):
    load_geography()
    hotspot = Hotspot.objects.get(slug="gare-du-midi", locale=locales["fr"])
    assert [q.mdzone for q in hotspot.quartiers.all()] == [804]
    hotspot.quartiers.add(
        *hotspot.commune.quartiers.filter(mdzone=48)
    )  # an editor confirms a second quartier
    hotspot.save()
    info = selectors.hotspot("gare-du-midi")
    assert info.name == "Gare du Midi"
    assert info.quartier_codes == ("48", "804")
    assert len(selectors.hotspots()) == Hotspot.objects.filter(locale=locales["fr"]).count()
    with translation.override("nl"):
        assert selectors.hotspot("gare-du-midi").name == "Zuidstation"


def test_campaign_pages_are_tracked_by_code_with_every_translation(home_fr, locales):
    from campaigns.models import CampaignPage

    index = campaign_index(home_fr)
    page = publish(
        index,
        CampaignPage(
            title="DOPE TALK",
            slug="dope-talk",
            code="dope-talk-2026",
            start_date=dt.date(2026, 11, 1),
            end_date=dt.date(2026, 12, 31),
        ),
    )
    nl_index = index.copy_for_translation(locales["nl"])
    nl_index.save_revision().publish()
    nl = page.copy_for_translation(locales["nl"])
    nl.slug = "dope-talk"
    nl.save_revision().publish()
    target = selectors.campaign("dope-talk-2026")
    assert target is not None
    assert target.name == "DOPE TALK"
    assert target.utm_campaign == "dope-talk-2026"
    assert target.starts_on == dt.date(2026, 11, 1)
    assert target.path_prefixes == ("/fr/campagnes/dope-talk/", "/nl/campagnes/dope-talk/")
