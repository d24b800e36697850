"""demo/factories.py: what a factory makes is what an editor or an import makes (published pages, Dutch
translations with the same translation key, listings with their synchronised facts)."""

import datetime as dt

import pytest
from wagtail.models import Locale

from demo import factories as f
from resources.geography import load_geography

pytestmark = pytest.mark.django_db


def test_service_has_its_dutch_translation_and_children(locales):
    load_geography()
    service = f.ServiceFactory(name="Accueil", nl_name="Onthaal", schedules=[(0, dt.time(9), dt.time(17))])
    nl = service.get_translation(locales["nl"])
    assert (service.name, nl.name) == ("Accueil", "Onthaal")
    assert [p.number for p in nl.phones.all()] == ["02 123 45 67"]
    assert [(s.weekday, s.opens) for s in nl.schedules.all()] == [(0, dt.time(9))]
    location = service.locations.get().location
    assert location.commune.name_in("fr") == "Saint-Gilles"  # assigned from the point, as for any listing
    assert service.organisation.get_translation(locales["nl"]).name == "Org NL Accueil"


def test_pages_are_published_and_translated(home_fr):
    index = f.SubstanceIndexPageFactory(parent=home_fr)
    assert f.SubstanceIndexPageFactory(parent=home_fr) == index  # found again by slug
    page = f.SubstancePageFactory(parent=index, title="Kétamine", nl={"title": "Ketamine"})
    assert page.live and page.slug == "ketamine" and page.locale.language_code == "fr"
    nl = page.get_translation(Locale.objects.get(language_code="nl"))
    assert nl.title == "Ketamine" and nl.live and nl.translation_key == page.translation_key
    campaign = f.CampaignPageFactory(parent=f.CampaignIndexPageFactory(parent=home_fr), code="dope-talk")
    assert campaign.live and campaign.slug == "dope-talk"


def test_deliverable_has_a_variant_per_language(home_fr):
    deliverable = f.DeliverableFactory(variants=("fr",))
    assert deliverable.campaign_page.specific == home_fr
    assert [v.language for v in deliverable.variants.all()] == ["fr"]
    assert deliverable.draft_due_at == deliverable.planned_at - dt.timedelta(days=2)
    assert f.DeliverableFactory().variants.count() == 2
