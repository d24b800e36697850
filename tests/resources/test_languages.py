"""Issue #14, item 5: names in the page's language (hotspots too) and lists in the language's order, accents
handled."""

from __future__ import annotations

import re
from html import unescape

from django.urls import reverse
from django.utils import translation

from resources.models import Commune, Hotspot, collation_key, sorted_by_name


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [unescape(text) for text in re.findall(r"<option[^>]*>([^<]*)</option>", select)[1:]]  # no "All"


def _places(html: str) -> list[str]:
    datalist = re.search(r'<datalist id="directory-places">(.*?)</datalist>', html, re.S).group(1)
    return [unescape(value) for value in re.findall(r'<option value="([^"]*)">', datalist)]


def test_collation_key_handles_accents_and_case():
    names = ["Buffon", "Étangs Noirs", "Béguinage - Dixmude", "Gare du Midi", "clémenceau", "Ribaucourt"]
    assert sorted(names, key=collation_key) == [
        "Béguinage - Dixmude",
        "Buffon",
        "clémenceau",
        "Étangs Noirs",
        "Gare du Midi",
        "Ribaucourt",
    ]

    class Named:
        def __init__(self, name):
            self.name = name

    assert [n.name for n in sorted_by_name([Named("Zwarte Vijvers"), Named("Antwerpsesteenweg")])] == [
        "Antwerpsesteenweg",
        "Zwarte Vijvers",
    ]


def test_hotspots_have_dutch_names(geography):
    dutch = dict(Hotspot.objects.filter(locale__language_code="nl").values_list("code", "name"))
    assert dutch["HS04"] == "Antwerpsesteenweg"
    assert dutch["HS07"] == "Zwarte Vijvers"
    assert dutch["HS01"] == "Zuidstation"


def test_filter_lists_follow_the_pages_language_and_its_order(client, geography, home_fr, home_nl):
    french = client.get(reverse("resources:search")).content.decode()
    with translation.override("nl"):
        dutch = client.get(reverse("resources:search")).content.decode()
    for html in (french, dutch):
        options = _options(html, "hotspot")
        assert options == sorted(options, key=collation_key)
        # the communes, then the quartiers: one type-ahead list (phone-first directory)
        places, count = _places(html), Commune.objects.count()
        communes, quartiers = places[:count], places[count:]
        assert communes == sorted(communes, key=collation_key)
        assert quartiers == sorted(quartiers, key=collation_key)
    quartiers = _places(french)
    assert quartiers.index("Béguinage - Dixmude") < quartiers.index("Buffon")
    hotspots = _options(french, "hotspot")
    assert hotspots.index("Clémenceau") < hotspots.index("Étangs Noirs") < hotspots.index("Gare du Midi")
    dutch_hotspots = _options(dutch, "hotspot")
    assert "Antwerpsesteenweg" in dutch_hotspots and "Zwarte Vijvers" in dutch_hotspots
    assert "Chaussée d'Anvers" not in dutch and "Chaussée d&#x27;Anvers" not in dutch
    assert "Elsene" in _places(dutch) and "Ixelles" not in _places(dutch)


def test_neighbourhood_page_lists_in_the_languages_order(client, geography, home_nl):
    with translation.override("nl"):
        html = client.get(reverse("resources:neighbourhoods")).content.decode()
    assert html.index("Antwerpsesteenweg") < html.index("Zuidstation") < html.index("Zwarte Vijvers")
    assert "Étangs Noirs" not in html
