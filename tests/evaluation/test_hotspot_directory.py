"""The hotspot sheet seen from the directory: services by category, gaps and referral demand."""

import io
from datetime import date

import pytest
from django.utils import translation
from openpyxl import load_workbook

from evaluation.selectors import hotspot, hotspot_directory
from resources import geo
from resources.geography import load_categories
from resources.models import Commune, Hotspot, Quartier, Service
from resources.referrals.models import ReferralCount
from tests.growth import assert_queries_do_not_grow
from tests.resources.conftest import ETTERBEEK, MIDI
from tests.resources.conftest import make_service as make_service  # the fixture, reused

pytestmark = pytest.mark.django_db
SHEET = "/admin/evaluation/hotspots/gare-du-midi/"
PERIOD = {"end": "2026-06-30", "windows": "2"}  # 2025-07-01 .. 2026-06-30
START, END = date(2025, 7, 1), date(2026, 6, 30)


@pytest.fixture
def geography(locales):
    """One commune, one quartier (804) around the Midi, the Gare du Midi hotspot on it, and the 10 categories:
    much faster than the 145 real polygons. Overrides the directory's fixture of the same name."""
    geo.clear_cache()
    load_categories()
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
    spot = Hotspot.objects.create(
        locale=locales["fr"], name="Gare du Midi", slug="gare-du-midi", commune=commune
    )
    spot.quartiers.add(quartier)
    spot.save()
    geo.clear_cache()
    yield locales
    geo.clear_cache()


def count(service, day, kind, n, language="fr"):
    ReferralCount.objects.create(date=day, service=service, language=language, kind=kind, count=n)


@pytest.fixture
def area(make_service):
    """3 active services in the hotspot over 2 categories; an inactive one and one outside, in other categories."""
    comptoir, comptoir_nl = make_service("Comptoir", categories=("harm_reduction",))
    abri, _ = make_service("Abri", categories=("harm_reduction", "mental_health"))
    make_service("Accueil", categories=("mental_health",))
    make_service("Fermé", categories=("youth_work",), status=Service.Status.INACTIVE)
    far, _ = make_service("Loin", point=ETTERBEEK, categories=("legal_aid",))
    slip, warm = ReferralCount.Kind.SLIP_MADE, ReferralCount.Kind.WARM_REFERRAL_SENT
    count(comptoir, date(2025, 7, 1), slip, 2)
    count(
        comptoir_nl, date(2026, 6, 30), slip, 3, language="nl"
    )  # the NL listing counts for the same service
    count(comptoir, date(2026, 1, 5), warm, 1)
    count(comptoir, date(2025, 6, 30), slip, 100)  # the day before the period
    count(comptoir, date(2026, 7, 1), warm, 100)  # the day after
    count(abri, date(2026, 2, 1), warm, 4)
    count(far, date(2026, 2, 1), slip, 50)  # outside the hotspot
    return comptoir, abri


def test_services_gaps_and_referrals_are_hand_computed(area):
    comptoir, abri = area
    directory = hotspot_directory(hotspot("gare-du-midi"), start=START, end=END)
    by_code = {g.category.code: sorted(s.name for s in g.services) for g in directory.coverage}
    assert by_code == {"harm_reduction": ["Abri", "Comptoir"], "mental_health": ["Abri", "Accueil"]}
    assert len(directory.gaps) == 8
    assert {"youth_work", "legal_aid"} <= {c.code for c in directory.gaps}
    numbers = {s.name: (s.slips_made, s.warm_referrals_sent) for s in directory.services}
    assert numbers == {"Comptoir": (5, 1), "Abri": (0, 4), "Accueil": (0, 0)}
    assert (directory.slips_made, directory.warm_referrals_sent) == (5, 5)


def test_services_follow_the_active_language(area):
    with translation.override("nl"):
        directory = hotspot_directory(hotspot("gare-du-midi"), start=START, end=END)
        first_category = directory.coverage[0].category.name
    assert sorted(s.name for s in directory.services) == ["Abri NL", "Accueil NL", "Comptoir NL"]
    assert {s.name: s.slips_made for s in directory.services}["Comptoir NL"] == 5
    assert first_category == "Schadebeperking"


def test_sheet_page_and_xlsx_show_directory(admin_client, area):
    response = admin_client.get(SHEET, PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Services in the hotspot" in html
        and "Comptoir" in html
        and "Loin" not in html
        and "Fermé" not in html
    )
    assert "Gaps" in html and "Youth work" not in html  # category names come from the directory (FR default)
    assert "Jeunesse" in html and "Aide juridique" in html
    response = admin_client.get(SHEET, {**PERIOD, "export": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    services = list(workbook["Services by category"].values)
    assert services[0] == ("Category", "Service", "Referral slips made", "Warm referrals sent")
    assert ("Réduction des risques", "Comptoir", 5, 1) in services
    assert len(services) == 1 + 4  # Abri appears under both of its categories
    assert len(list(workbook["Gaps"].values)) == 1 + 8


def test_no_service_in_the_area(admin_client, geography):
    directory = hotspot_directory(hotspot("gare-du-midi"), start=START, end=END)
    assert directory.coverage == [] and len(directory.gaps) == 10
    response = admin_client.get(SHEET, PERIOD)
    assert "No active service of the directory is located in these quartiers." in response.content.decode()


def test_query_count_does_not_grow_with_services(make_service, admin_client):
    made = []

    def services(n):
        for i in range(len(made), n):
            service, _ = make_service(f"S{i}", categories=("harm_reduction", "social_aid"))
            count(service, date(2026, 1, 1), ReferralCount.Kind.SLIP_MADE, 1)
            made.append(service)

    info = hotspot("gare-du-midi")

    def directory():
        result = hotspot_directory(info, start=START, end=END)
        assert len(result.services) == len(made) and result.slips_made == len(made)

    def sheet():
        assert admin_client.get(SHEET, PERIOD).status_code == 200

    def export():
        assert admin_client.get(SHEET, {**PERIOD, "export": "xlsx"}).status_code == 200

    services(2)
    for fetch, ceiling in (
        (directory, 5),
        (sheet, 21),
        (export, 18),
    ):  # 21 and 18 with the tracked-link clicks
        assert_queries_do_not_grow(fetch, lambda: services(len(made) + 3), ceiling=ceiling)
