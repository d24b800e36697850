import pytest
from django.urls import reverse
from django.utils import translation

from resources import geo
from resources.models import Commune, Hotspot, Quartier
from tests.resources.conftest import ALL_WEEK, MIDI
from tests.resources.conftest import make_service as make_service  # the fixture, reused


@pytest.fixture
def geography(locales):
    """A small geography (one commune, one quartier around the Midi, one hotspot): much faster than loading
    the 145 real polygons, and enough for the counters. Overrides the directory's fixture of the same name."""
    geo.clear_cache()
    commune = Commune.objects.create(
        nis_code="21013", names={"fr": "Saint-Gilles", "nl": "Sint-Gillis"}, postal_codes=["1060"]
    )
    lat, lon = MIDI
    ring = [
        [lon - 0.01, lat - 0.01],
        [lon + 0.01, lat - 0.01],
        [lon + 0.01, lat + 0.01],
        [lon - 0.01, lat + 0.01],
        [lon - 0.01, lat - 0.01],
    ]
    quartier = Quartier.objects.create(
        mdzone=804,
        names={"fr": "Gare du Midi", "nl": "Zuidstation"},
        polygon={"type": "Polygon", "coordinates": [ring]},
        min_lat=lat - 0.01,
        max_lat=lat + 0.01,
        min_lon=lon - 0.01,
        max_lon=lon + 0.01,
        centroid_lat=lat,
        centroid_lon=lon,
    )
    quartier.communes.add(commune)
    Hotspot.objects.create(locale=locales["fr"], name="Midi", slug="midi", commune=commune)
    geo.clear_cache()
    yield locales
    geo.clear_cache()


def url(name, lang="fr", *args):
    with translation.override(lang):
        return reverse(name, args=args or None)


@pytest.fixture
def three_services(make_service):
    """Three FR services with NL translations; the second has a hidden address, the third a referral e-mail."""
    a = make_service(
        "Comptoir", schedules=ALL_WEEK, free=True, anonymous=True, what_to_bring="Rien", nl_name="Balie"
    )
    b = make_service("Abri", hidden=True, nl_name="Opvang")
    c = make_service("Accueil", referral_email="accueil@service.example", nl_name="Onthaal")
    return [a, b, c]
