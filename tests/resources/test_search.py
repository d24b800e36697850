import datetime as dt

import pytest
from django.urls import reverse, translate_url
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resources.models import Service
from tests.url_input import refused

from .conftest import ALL_WEEK, ETTERBEEK, MIDI


def url(lang="fr", **params):
    with translation.override(lang):
        base = reverse("resources:search")
    if params:
        from urllib.parse import urlencode

        base += "?" + urlencode(params)
    return base


def names(response):
    return [r.card.name for r in response.context["results"]]


def test_urls_are_translated():
    with translation.override("fr"):
        fr = reverse("resources:search")
    with translation.override("nl"):
        nl = reverse("resources:search")
    assert (fr, nl) == ("/fr/aide/", "/nl/hulp/")
    assert translate_url("/fr/aide/?q=x", "nl") == "/nl/hulp/?q=x"


def test_done_means_open_now_near_midi_speaking_dutch(client, make_service):
    make_service("Midi NL", languages=["fr", "nl"], schedules=ALL_WEEK)
    make_service("Midi FR only", languages=["fr"], schedules=ALL_WEEK)
    make_service("Midi closed", languages=["nl"])  # no hours: "call for hours", never "open now"
    make_service("Far NL", languages=["nl"], schedules=ALL_WEEK, point=ETTERBEEK)
    response = client.get(url("nl", near=804, language="nl", open_now="on"))
    assert response.status_code == 200
    assert names(response) == ["Midi NL NL", "Far NL NL"]
    distances = [r.distance_km for r in response.context["results"]]
    assert distances[0] < 0.5 < 4 < distances[1]
    content = response.content.decode()
    assert "km" in content
    assert "Midi NL NL" in content


def test_lat_lon_sorts_by_distance(client, make_service):
    make_service("Far", point=ETTERBEEK)
    make_service("Near", point=MIDI)
    response = client.get(url(lat=ETTERBEEK[0], lon=ETTERBEEK[1]))
    assert names(response) == ["Far", "Near"]
    response = client.get(url(lat=MIDI[0], lon=MIDI[1]))
    assert names(response) == ["Near", "Far"]


def test_free_text_in_visitor_language_and_categories(client, make_service):
    make_service("Comptoir d'échange", categories=["harm_reduction"], nl_name="Ruilbalie")
    make_service("Emploi", categories=["socio_professional_reinsertion"], nl_name="Werk")
    assert names(client.get(url(q="echange"))) == ["Comptoir d'échange"]  # accents ignored
    assert names(client.get(url("nl", q="ruilbalie"))) == ["Ruilbalie"]
    assert names(client.get(url("nl", q="re-integratie"))) == ["Werk"]  # category name
    assert names(client.get(url(q="réduction risques"))) == ["Comptoir d'échange"]


def test_filters(client, make_service):
    make_service("Free anon", free=True, anonymous=True, categories=["harm_reduction"])
    make_service("Paying", categories=["treatment_care"], minimum_age=18, point=ETTERBEEK)
    make_service("Youth", categories=["youth_work"], minimum_age=12, maximum_age=25, no_appointment=True)
    assert names(client.get(url(free="on"))) == ["Free anon"]
    assert names(client.get(url(anonymous="on"))) == ["Free anon"]
    assert names(client.get(url(no_appointment="on"))) == ["Youth"]
    assert names(client.get(url(category="treatment_care"))) == ["Paying"]
    assert names(client.get(url(commune="21013"))) == ["Free anon", "Youth"]
    assert names(client.get(url(quartier=804))) == ["Free anon", "Youth"]
    assert names(client.get(url(hotspot="gare-du-midi"))) == ["Free anon", "Youth"]
    assert names(client.get(url(age=15))) == ["Free anon", "Youth"]
    assert names(client.get(url(age=30))) == ["Free anon", "Paying"]


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ({"free": "on"}, 'name="free" id="id_free" checked'),
        ({"age": "0"}, 'value="0"'),
        ({"age": "x"}, '<details class="directory-filters" open>'),
    ],
)
def test_the_filter_fields_kept_for_plain_searches_never_show_a_visitors_filter(
    client, make_service, sent, shown
):
    """The filter fields are kept as a fragment when no filter is sent: a filter sent before or after a plain
    search shows in its own page only."""
    make_service("Free anon", free=True)
    assert (
        shown not in client.get(url(q="anon")).content.decode()
    )  # a plain search first: the fragment is kept
    assert shown in client.get(url(q="anon", **sent)).content.decode()
    assert shown not in client.get(url(q="anon")).content.decode()


def test_inactive_services_are_not_listed(client, make_service):
    make_service("Gone", status=Service.Status.DEFUNCT)
    make_service("Here")
    assert names(client.get(url())) == ["Here"]


def test_pagination_keeps_the_query(client, make_service):
    for i in range(23):
        make_service(f"S{i:02d}")
    response = client.get(url(q="s"))
    assert len(response.context["results"]) == 20
    assert 'href="?q=s&amp;page=2"' in response.content.decode()
    assert len(client.get(url(q="s", page=2)).context["results"]) == 3
    assert len(client.get(url(q="s", page=999)).context["results"]) == 3  # last page


@pytest.mark.parametrize("count", [1, 12, 25])
def test_fixed_number_of_queries(
    client, make_service, django_assert_num_queries, django_assert_max_num_queries, count
):
    for i in range(count):
        make_service(f"Q{i}", schedules=ALL_WEEK, languages=["nl"])
    client.get(url(q="nothing matches this"))  # warm caches (site root, locales, memoised shell and lists)
    search = url(near=804, language="nl", open_now="on", q="q")
    # The site shell, the site and its settings and the form's lists are memoised (home.memo); 1 for the page's
    # ids, names and distances with the number of matches (filters, open-now and distances in SQL), 6 for the
    # page's services with their relations, whose card parts are then memoised (resources/cards.py).
    with django_assert_num_queries(7):
        response = client.get(search)
    assert response.context["result_count"] == count
    assert len(response.context["results"]) == min(count, 20)
    with django_assert_num_queries(1):
        again = client.get(search)
    assert again.content == response.content
    with django_assert_max_num_queries(9):
        client.get(url(page=2))


def test_memoised_cards_follow_the_clock_and_edits(client, make_service):
    import datetime as dt
    from unittest import mock

    from home.hours import BRUSSELS

    fr, _nl = make_service("Matin", schedules=[(0, dt.time(9), dt.time(12))])  # Mondays 9:00-12:00
    monday = dt.datetime(2026, 11, 30, 10, 0, tzinfo=BRUSSELS)

    def card_state(html):
        return html.split('class="service-card__state">', 1)[1].split("</p>", 1)[0]

    with mock.patch("django.utils.timezone.now", return_value=monday):
        assert "status--open" in card_state(client.get(url()).content.decode())
    with mock.patch("django.utils.timezone.now", return_value=monday + dt.timedelta(hours=3)):
        state = card_state(client.get(url()).content.decode())  # the card is memoised; its state is not
    assert "status--closed" in state and "status--open" not in state
    fr.name = "Matin renommé"
    fr.save()
    assert "Matin renommé" in client.get(url()).content.decode()


NASTY = [
    {"q": "' OR 1=1 --"},
    {"q": "x" * 5000},
    {"q": "\x00\x01"},
    {"category": "nope"},
    {"commune": "<script>"},
    {"quartier": "-1"},
    {"quartier": "99999999999999999999"},
    {"near": "abc"},
    {"hotspot": "../../etc"},
    {"language": "klingon"},
    {"age": "-5"},
    {"age": "1e9"},
    {"lat": "nan", "lon": "inf"},
    {"lat": "50.8"},
    {"lat": "10", "lon": "10"},
    {"page": "-1"},
    {"page": "9" * 40},
    {"open_now": "maybe"},
]


@pytest.mark.parametrize("params", NASTY)
def test_garbage_query_strings_never_fail(client, geography, params):
    response = client.get(url(**params))
    assert response.status_code == (400 if refused(url(**params)) else 200)


def test_garbage_shows_a_message(client, geography):
    response = client.get(url(age="abc", q="x"))
    assert response.context["bad_input"] is True
    assert "ignored" in response.content.decode() or "ignorés" in response.content.decode()
    assert response.context["filters"] == {"q": "x"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "q",
                "category",
                "commune",
                "quartier",
                "hotspot",
                "language",
                "age",
                "near",
                "lat",
                "lon",
                "page",
            ]
        ),
        st.text(max_size=30),
        max_size=5,
    )
)
def test_fuzzed_query_strings(client, geography, params):
    data = {k: v.replace("\x00", "") for k, v in params.items()}
    response = client.get(url(), data=data)
    assert response.status_code == (400 if refused(url(), data) else 200)


def test_neighbourhood_index_and_pages(client, make_service):
    make_service("Près du Midi", nl_name="Bij het Zuid")
    with translation.override("fr"):
        index = client.get(reverse("resources:neighbourhoods"))
        assert index.status_code == 200
        assert "Gare du Midi" in index.content.decode()
        page = client.get(reverse("resources:hotspot", args=["gare-du-midi"]))
        assert "Aide près de Gare du Midi" in page.content.decode()
        assert "Près du Midi" in page.content.decode()


def test_commune_and_quartier_pages_and_unknown_areas(client, make_service):
    make_service("Près du Midi", nl_name="Bij het Zuid")
    with translation.override("fr"):
        assert client.get(reverse("resources:commune", args=["21013"])).status_code == 200
        assert client.get(reverse("resources:quartier", args=[804])).status_code == 200
        assert client.get(reverse("resources:commune", args=["99999"])).status_code == 404
        assert client.get(reverse("resources:hotspot", args=["nowhere"])).status_code == 404


def test_neighbourhood_page_in_dutch(client, make_service):
    make_service("Près du Midi", nl_name="Bij het Zuid")
    with translation.override("nl"):
        page = client.get(reverse("resources:hotspot", args=["gare-du-midi"]))
        assert "Hulp in de buurt van Zuidstation" in page.content.decode()
        assert "Bij het Zuid" in page.content.decode()


def test_search_page_for_now_independent_of_clock(client, make_service, monkeypatch):
    from django.utils import timezone

    make_service("Weekday", schedules=[(0, dt.time(9), dt.time(17))])
    monday_ten = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: monday_ten)
    assert names(client.get(url(open_now="on"))) == ["Weekday"]
    monkeypatch.setattr(timezone, "now", lambda: monday_ten + dt.timedelta(hours=9))
    assert names(client.get(url(open_now="on"))) == []


def test_map_is_opt_in_and_hides_hidden_addresses(client, make_service, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    make_service("Visible")
    make_service("Abri secret", hidden=True)
    response = client.get(url())
    content = response.content.decode()
    assert 'id="directory-map"' in content
    assert [p["name"] for p in response.context["map_points"]] == ["Visible"]
    assert "tiles.example.org/{z}" in content  # only as data for the script, no <img> nor request
    assert "<img" not in content.split('id="directory-map"')[1].split("</details>")[0]
    assert "https://tiles.example.org" in response["Content-Security-Policy"]
    assert "leaflet.js" not in content.split("<body")[0]  # Leaflet is not loaded with the page


def test_no_tile_origin_in_csp_without_map(client, geography, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    response = client.get(url())
    assert "tiles.example.org" not in response.get("Content-Security-Policy", "")


def test_hidden_address_distance_counts_from_the_quartier_centre(client, make_service):
    from resources.models import Quartier

    make_service("Abri", hidden=True, point=(50.8345, 4.3345))  # inside quartier 804, off its centre
    midi = Quartier.objects.get(mdzone=804)
    response = client.get(url(lat=midi.centroid_lat, lon=midi.centroid_lon))
    assert response.context["results"][0].distance_km == 0


@pytest.mark.parametrize("count", [1, 6])
def test_area_page_fixed_queries(client, make_service, django_assert_num_queries, count):
    for i in range(count):
        make_service(f"A{i}")
    with translation.override("fr"):
        path = reverse("resources:quartier", args=[804])
    client.get(path)
    with django_assert_num_queries(10):
        response = client.get(path)
    assert response.context["service_count"] == count


def test_distance_uses_the_nearest_location_and_follows_moves(client, make_service):
    from resources.models import ServiceAtLocation
    from resources.services import upsert_location

    near, _ = make_service("Unique", point=MIDI)
    multi, _ = make_service("Deux adresses", point=ETTERBEEK)
    second = upsert_location(name="Antenne Midi", latitude=MIDI[0] + 0.001, longitude=MIDI[1])
    multi.locations = [*multi.locations.all(), ServiceAtLocation(location=second)]
    multi.save()
    multi.refresh_from_db()
    assert (multi.point_count, multi.point_latitude) == (2, None)
    results = client.get(url(lat=MIDI[0], lon=MIDI[1])).context["results"]
    assert [r.card.name for r in results] == ["Unique", "Deux adresses"]
    assert results[1].distance_km == pytest.approx(0.111, abs=0.002)  # its Midi branch, not Etterbeek
    # The only location of "Unique" moves to Etterbeek: it is now the farther one.
    location = Service.objects.get(pk=near.pk).locations.get().location
    location.latitude, location.longitude = ETTERBEEK
    location.save()
    results = client.get(url(lat=MIDI[0], lon=MIDI[1])).context["results"]
    assert [r.card.name for r in results] == ["Deux adresses", "Unique"]


def test_place_box_takes_names_in_either_language_without_accents(client, make_service):
    make_service("Midi", point=MIDI)
    make_service("Tervueren", point=ETTERBEEK)
    for value in ("Gare du Midi", "Zuidstation", "gare du midi", "ZUIDSTATION", "804"):
        assert names(client.get(url(quartier=value))) == ["Midi"], value
        assert names(client.get(url("nl", quartier=value))) == ["Midi NL"], value
    # a commune in the same box filters by commune, in either language
    assert names(client.get(url(quartier="Sint-Gillis"))) == ["Midi"]
    assert names(client.get(url("nl", quartier="saint gilles"))) == ["Midi NL"]
    # the box shows the place by its name in the page's language, whatever was sent
    assert 'value="Zuidstation"' in client.get(url("nl", quartier=804)).content.decode()
    assert 'value="Saint-Gilles"' in client.get(url(commune="21013")).content.decode()


def test_near_a_commune_or_quartier_by_name_sorts_by_distance(client, make_service):
    make_service("Midi", point=MIDI)
    make_service("Tervueren", point=ETTERBEEK)
    assert names(client.get(url(near="Etterbeek"))) == ["Tervueren", "Midi"]
    assert names(client.get(url(near="Sint-Gillis"))) == ["Midi", "Tervueren"]
    response = client.get(url("nl", near="porte tervueren"))
    assert names(response) == ["Tervueren NL", "Midi NL"]
    assert response.context["origin_label"] == "Tervurense Poort"


def test_unknown_place_is_reported_and_ignored(client, make_service):
    make_service("Midi", point=MIDI)
    response = client.get(url(quartier="Atlantis", near="Atlantide"))
    assert response.context["bad_input"] is True
    assert names(response) == ["Midi"]
    assert response.context["filters"] == {}
    assert "Aucune commune ni aucun quartier" in response.content.decode()


def test_results_come_before_the_filters_and_places_are_one_type_ahead(client, make_service):
    make_service("Midi", point=MIDI)
    html = client.get(url(q="midi")).content.decode()
    assert "<select" not in html.split('id="results-heading"')[0].split("<details")[0]  # no select above
    assert html.index('<details class="directory-filters"') < html.index('id="results-heading"')
    assert '<details class="directory-filters" open' not in html  # collapsed
    assert html.count('list="directory-places"') == 2 and html.count('<datalist id="directory-places"') == 1
    assert html.count("<option") < 240  # 164 places once (was 2 × 146 quartiers + 19 communes)
    assert 'name="quartier"' in html and '<select name="quartier"' not in html
