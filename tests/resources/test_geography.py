import pytest

from resources.geo import distance_km, quartier_at
from resources.geography import _title_nl, load_geography
from resources.models import Commune, Hotspot, Location, Quartier

from .conftest import ETTERBEEK, MIDI


def test_load_geography_counts_and_idempotence(geography):
    assert Commune.objects.count() == 19
    assert Quartier.objects.count() == 145
    assert Hotspot.objects.filter(locale__language_code="fr").count() == 16
    assert Hotspot.objects.filter(locale__language_code="nl").count() == 16
    before = (Commune.objects.count(), Quartier.objects.count(), Hotspot.objects.count())
    load_geography()
    assert (Commune.objects.count(), Quartier.objects.count(), Hotspot.objects.count()) == before


def test_reference_details(geography):
    brussels = Commune.objects.get(nis_code="21004")
    assert brussels.postal_codes == ["1000", "1020", "1120", "1130"]
    midi = Quartier.objects.get(mdzone=804)
    assert midi.names == {"fr": "Gare du Midi", "nl": "Zuidstation"}
    assert midi.polygon["type"] in {"Polygon", "MultiPolygon"}
    assert midi.min_lat < midi.centroid_lat < midi.max_lat


def test_quartiers_spanning_several_communes(geography):
    # 48 quartiers span several communes (many-to-many).
    multi = [q for q in Quartier.objects.prefetch_related("communes") if q.communes.count() > 1]
    assert len(multi) == 48


def test_hotspot_details(geography):
    hotspot = Hotspot.objects.get(locale__language_code="nl", code="HS01")
    assert hotspot.name == "Zuidstation"
    assert list(hotspot.quartiers.values_list("mdzone", flat=True)) == [804]
    fr = Hotspot.objects.get(locale__language_code="fr", translation_key=hotspot.translation_key)
    assert (fr.name, fr.slug, hotspot.slug) == ("Gare du Midi", "gare-du-midi", "gare-du-midi")


def test_dutch_names_are_title_cased():
    assert _title_nl("VIJVERS VAN ELSENE") == "Vijvers van Elsene"
    assert _title_nl("KUREGEM BARA") == "Kuregem Bara"


def test_point_in_polygon(geography):
    quartier_id, communes = quartier_at(*MIDI)
    assert Quartier.objects.get(pk=quartier_id).mdzone == 804
    quartier_id, _ = quartier_at(*ETTERBEEK)
    assert Quartier.objects.get(pk=quartier_id).mdzone == 30
    assert quartier_at(48.85, 2.35) == (None, [])  # Paris


def test_location_gets_quartier_and_commune(geography):
    location = Location.objects.create(name="A", latitude=MIDI[0], longitude=MIDI[1], postal_code="1060")
    assert location.quartier.mdzone == 804
    assert location.commune.nis_code == "21013"


def test_postcode_disambiguates_shared_quartier(geography):
    # Quartier 11 "Cureghem Bara" lies in Anderlecht and Saint-Gilles.
    quartier = Quartier.objects.get(mdzone=11)
    point = (quartier.centroid_lat, quartier.centroid_lon)
    assert Quartier.objects.get(pk=quartier_at(*point)[0]).mdzone == 11
    anderlecht = Location.objects.create(name="B", latitude=point[0], longitude=point[1], postal_code="1070")
    saint_gilles = Location.objects.create(
        name="C", latitude=point[0], longitude=point[1], postal_code="1060"
    )
    assert anderlecht.commune.nis_code == "21001"
    assert saint_gilles.commune.nis_code == "21013"


def test_editor_override_is_kept(geography):
    uccle = Commune.objects.get(nis_code="21016")
    quartier = Quartier.objects.get(mdzone=44)
    location = Location.objects.create(
        name="D",
        latitude=MIDI[0],
        longitude=MIDI[1],
        geography_override=True,
        commune=uccle,
        quartier=quartier,
    )
    location.refresh_from_db()
    assert (location.commune, location.quartier) == (uccle, quartier)


def test_distance():
    assert distance_km(*MIDI, *MIDI) == 0
    assert distance_km(*MIDI, *ETTERBEEK) == pytest.approx(4.8, abs=0.3)


def test_distance_matches_the_great_circle_within_the_region():
    import math
    import random

    def haversine(lat1, lon1, lat2, lon2):
        p1, p2 = math.radians(lat1), math.radians(lat2)
        a = (
            math.sin((p2 - p1) / 2) ** 2
            + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
        )
        return 2 * 6371.0088 * math.asin(math.sqrt(a))

    rng = random.Random(4)
    for _ in range(2000):
        points = (
            rng.uniform(50.76, 50.92),
            rng.uniform(4.24, 4.49),
            rng.uniform(50.76, 50.92),
            rng.uniform(4.24, 4.49),
        )
        assert distance_km(*points) == pytest.approx(haversine(*points), abs=0.001)  # within a metre


def test_public_point_of_hidden_addresses_follows_the_quartier_centre(geography):
    shelter = Location.objects.create(name="Abri", latitude=50.8345, longitude=4.3345, hidden_address=True)
    midi = Quartier.objects.get(mdzone=804)
    assert (shelter.public_latitude, shelter.public_longitude) == (midi.centroid_lat, midi.centroid_lon)
    shop = Location.objects.create(name="Comptoir", latitude=50.8345, longitude=4.3345)
    assert (shop.public_latitude, shop.public_longitude) == (50.8345, 4.3345)
    shelter.hidden_address = False
    shelter.save()
    assert (shelter.public_latitude, shelter.public_longitude) == (50.8345, 4.3345)
    Location.objects.filter(pk=shelter.pk).update(hidden_address=True, public_latitude=0, public_longitude=0)
    load_geography()  # quartier centres are reloaded: hidden points follow them
    shelter.refresh_from_db()
    assert (shelter.public_latitude, shelter.public_longitude) == (midi.centroid_lat, midi.centroid_lon)
