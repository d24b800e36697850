"""Issue #14, item 6: hidden means hidden. A location whose address is hidden (a shelter) gets a unique string
in every field; no public output may contain any of them: the service page in French and Dutch, the directory
listing and its map data, the commune, quartier and hotspot pages, the HSDS API, the sitemap, the referral
slips. (No page of the site emits JSON-LD; the outputs are searched whole, so one added later is covered.)"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from resources.models import Location

from .conftest import MIDI

pytestmark = pytest.mark.django_db

LAT, LON = 50.8361777, 4.3361777  # in quartier 804 (Gare du Midi), like MIDI; digits found nowhere else

PLANTED = {
    "name": "Zq1NameShelter",
    # texts in languages: one per language, a third one too (whatever the site's languages, none may leak)
    "streets": {"fr": "Zq2RueSecrete 7", "nl": "Zq3GeheimeStraat 7", "en": "Zq2bSecretStreet 7"},
    "postal_code": "Zq4PC",
    "city": "Zq5City",
    "url": "https://zq6-hidden.example/",
    "transportation_texts": {"fr": "Zq7Metro", "nl": "Zq8MetroNL", "en": "Zq7bSubway"},
    "accessibility_texts": {"fr": "Zq9Rampe", "nl": "Zq0Helling", "en": "Zq9bRamp"},
}
PLANTED_STRINGS = [
    text for value in PLANTED.values() for text in (value.values() if isinstance(value, dict) else [value])
]
COORDINATES = ["50.83618", "4.33618", "50.8361777", "4.3361777", "50.836177", "4.336177"]


def _outputs(client, fr, nl, quartier, commune):
    from resources.hsds import stable_id  # noqa: F401  (the API's ids: translation keys)

    pages = []
    for code, service in (("fr", fr), ("nl", nl)):
        with translation.override(code):
            search = reverse("resources:search")
            pages += [
                reverse("resources:service", args=[service.pk]),
                search,
                f"{search}?near={quartier.mdzone}",
                f"{search}?lat={MIDI[0]}&lon={MIDI[1]}",  # a visitor near it (its own position is echoed)
                f"{search}?q=Abri",
                reverse("resources:commune", args=[commune.nis_code]),
                reverse("resources:quartier", args=[quartier.mdzone]),
                reverse("resources:hotspot", args=["gare-du-midi"]),
                reverse("resources:neighbourhoods"),
                reverse("referrals:slip") + f"?s={service.pk}&lang={code}",
                reverse("referrals:slip") + f"?s={service.pk}&lang={code}&format=a4",
                reverse("referrals:landing") + "?q=Abri",
            ]
        pages += [
            f"/api/hsds/services?lang={code}",
            f"/api/hsds/services?lang={code}&search=Abri",
            f"/api/hsds/services?lang={code}&postcode=1060",
            f"/api/hsds/services/{service.translation_key}?lang={code}",
            f"/api/hsds/organizations?lang={code}",
        ]
    pages.append("/sitemap.xml")
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        yield url, response.content.decode()


def test_nothing_of_a_hidden_location_leaves_the_admin(client, make_service, home_fr, home_nl):
    fr, nl = make_service("Abri de nuit", point=MIDI, hidden=True, nl_name="Nachtopvang")
    location = fr.locations.get().location
    for key, value in PLANTED.items():
        setattr(location, key, value)
    location.latitude, location.longitude = LAT, LON
    location.save()
    location.refresh_from_db()
    assert location.hidden_address and location.quartier is not None
    assert location.public_latitude == location.quartier.centroid_lat  # the map shows the quartier's centre
    leaks = []
    seen = 0
    for url, body in _outputs(client, fr, nl, location.quartier, location.commune):
        seen += "Abri de nuit" in body or "Nachtopvang" in body
        leaks += [(url, value) for value in [*PLANTED_STRINGS, *COORDINATES] if value in body]
    assert leaks == [], "\n".join(map(str, leaks))
    assert seen >= 10  # the outputs do show the service (the test reads real pages)


def test_a_public_location_shows_its_street_in_the_pages_language(client, make_service, home_fr, home_nl):
    fr, nl = make_service("Accueil", point=MIDI)
    Location.objects.filter(pk=fr.locations.get().location_id).update(
        streets={"fr": "Rue Jourdan 151", "nl": "Jourdanstraat 151"}
    )
    french = client.get(reverse("resources:service", args=[fr.pk])).content.decode()
    with translation.override("nl"):
        dutch = client.get(reverse("resources:service", args=[nl.pk])).content.decode()
        api = client.get(f"/api/hsds/services/{nl.translation_key}?lang=nl").json()
    assert "Rue Jourdan 151, 1060 Saint-Gilles" in french and "Jourdanstraat" not in french
    assert "Jourdanstraat 151, 1060 Sint-Gillis" in dutch and "Rue Jourdan" not in dutch
    address = api["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["address_1"], address["city"]) == ("Jourdanstraat 151", "Sint-Gillis")


def test_the_api_postcode_filter_is_no_oracle_for_a_hidden_address(client, make_service):
    """A hidden location's own postcode finds nothing (its commune, public through its quartier, still does)."""
    fr, _nl = make_service("Abri de jour", point=MIDI, hidden=True, postal_code="1180")
    public, _ = make_service("Accueil public", point=MIDI, postal_code="1180")
    names = [s["name"] for s in client.get("/api/hsds/services?lang=fr&postcode=1180").json()["contents"]]
    assert names == ["Accueil public"]
    assert fr.locations.get().location.commune.nis_code == "21013"  # Saint-Gilles, postcode 1060
